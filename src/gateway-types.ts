/**
 * The public shapes of `createGateway`: its options, the gateway it returns, and the clock and
 * route summary they name. `gateway.ts` builds them; this file only describes them.
 *
 * @module
 */
import type {
  CancelTimer,
  FetchFunction,
  GatewayRequest,
  GatewayResponse,
  Logger,
} from './core/index.js'
import { type ApiProtocolType } from './definition/index.js'
import type { ImportOptions } from './definition/index.js'
import type { ApiDefinition, IntegrationType, RestMethod } from './definition/index.js'
import type { ApiKey, UsagePlan, UsagePlanKey } from './auth/index.js'
import type { JwksSource } from './auth/index.js'
import type { CredentialsResolver } from './auth/index.js'
import type { MetricsSnapshot, RequestMetrics } from './observability/index.js'
import type { TrafficStore } from './traffic/index.js'
import type { CacheStore } from './cache/index.js'
import { type UsageQuery, type UsageReport } from './traffic/index.js'
import type { RateLimit } from './traffic/index.js'
import { type AwsServices } from './integrations/index.js'
import type { LambdaHandlers } from './integrations/index.js'
import {
  type TestInvokeAuthorizerRequest,
  type TestInvokeAuthorizerResponse,
  type TestInvokeMethodRequest,
  type TestInvokeMethodResponse,
} from './pipeline/index.js'
import { type HttpApiDefinition } from './http-api/index.js'
import type { RequestSummary } from './observability/index.js'
import { type TemplateApi, type TemplateGatewayOptions } from './template/index.js'
import { type StageOptions, type StagePatch, type PublicStage } from './stages/index.js'

/** A clock with timers, such as `FakeClock` from `portico/testing`. */
export interface Clock {
  /** The time in epoch milliseconds. */
  now(): number
  /** Calls `fn` once after `ms` milliseconds; returns its cancel function. */
  setTimer(ms: number, fn: () => void): CancelTimer
}

/** Options of {@link createGateway}. */
export interface GatewayOptions extends TemplateGatewayOptions {
  /**
   * The API: an OpenAPI 3 / Swagger 2 document (object, JSON or YAML text), a definition from
   * `importOpenApi`, a CloudFormation / SAM template (object, JSON or YAML text; see
   * docs/templates.md), or an API from `importTemplate`.
   */
  api: ApiDefinition | TemplateApi | Record<string, unknown> | string
  /**
   * Whether `api` is a REST API or an HTTP API. Without it, an OpenAPI document's content decides
   * (`payloadFormatVersion`, a `$default` path, `x-amazon-apigateway-cors`, a `jwt` authorizer…
   * mark an HTTP API; `aws`/`http`/`mock` integrations, request templates, validators, gateway
   * responses, `api-key-source` a REST API); a template's resource type always decides.
   * @default detected, REST when the document has no marker
   */
  protocolType?: ApiProtocolType
  /**
   * Values for the `${name}` placeholders of a document written for Terraform's
   * `templatefile()` (`$${` is a literal `${`). See docs/templates.md.
   */
  templateVars?: ImportOptions['templateVars']
  /**
   * Like AWS's `failonwarnings` import parameter: what AWS's import only warns about is a
   * ConfigError instead of a logged warning. @default false
   */
  failOnWarnings?: boolean
  /** The stage: `{ name, variables }` plus AWS stage fields. @default `{ name: 'dev' }` */
  stage?: StageOptions
  /** Lambda handlers by function name (`name`, `name:qualifier` or the function ARN). */
  lambdas?: LambdaHandlers
  /**
   * AWS services behind AWS integrations (`arn:aws:apigateway:{region}:sqs:path/...`) and HTTP API
   * `integrationSubtype`s, by service name (`sqs`, `dynamodb`, `kinesis`, `s3`, `states`,
   * `events`…): a stand-in function, which gets the rendered integration request, or an endpoint
   * `{ endpoint?, region?, credentials? }` that gets the request in the service's protocol,
   * SigV4-signed (no `endpoint`: AWS's own for the region). `'*'` is the endpoint of every
   * service without an entry (e.g. LocalStack's `http://localhost:4566`). Credentials default to
   * `env`'s `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`.
   * See docs/aws-services.md.
   * @throws ConfigError (from createGateway) for an endpoint that is not an http(s) URL or
   *   malformed credentials
   */
  services?: AwsServices
  /**
   * Environment variables Portico reads: the AWS credentials of `services` endpoints.
   * @default process.env
   */
  env?: Readonly<Record<string, string | undefined>>
  /**
   * API keys, as `aws apigateway get-api-keys --include-values` prints them
   * (`{ id, name, value, enabled }`). Methods with `apiKeyRequired` admit a key that is enabled
   * and in a usage plan for this API and stage.
   */
  apiKeys?: ApiKey[]
  /** Usage plans, as `aws apigateway get-usage-plans` prints them. */
  usagePlans?: UsagePlan[]
  /** Which keys are in which plans, as `create-usage-plan-key` takes them. */
  usagePlanKeys?: UsagePlanKey[]
  /**
   * JWKS for Cognito authorizers by issuer URL (`https://cognito-idp.{region}.amazonaws.com/{poolId}`),
   * or a function of the issuer. When absent, fetched from `{issuer}/.well-known/jwks.json`.
   */
  jwks?: JwksSource
  /**
   * Finds the secret of an access key for `AWS_IAM` methods (SigV4):
   * `(accessKeyId) => ({ secretAccessKey, sessionToken?, accountId?, arn? })`, or undefined for
   * an unknown key. Without it every signed request is refused, as for unknown keys.
   */
  credentials?: CredentialsResolver
  /**
   * The account-level rate limit every request takes a token from.
   * @default `{ rateLimit: 10000, burstLimit: 5000 }` (AWS's default per region)
   */
  accountThrottle?: RateLimit
  /** Where token buckets and quota counters live. @default in this process's memory */
  store?: TrafficStore
  /**
   * Where stage caches keep responses, shared by every stage (keys are prefixed by stage).
   * @default a cache in this process per stage, bounded by `cacheClusterSize`
   */
  cacheStore?: CacheStore
  /**
   * Called after each request with a summary (method, path, status, latency, integration and
   * target, authorizer verdict, cache hit), for a request log; `portico serve` prints it.
   * Nothing is built when unset. An exception it throws is logged as a warning.
   */
  onRequestComplete?: (summary: RequestSummary) => void
  /**
   * Every REST request gathers AWS's execution log (the lines `testInvoke` returns) and hands it
   * to `onRequestComplete` as `summary.executionLog`, for a console (`portico/console`). Costs
   * a few microseconds per request. @default false
   */
  recordExecutionLog?: boolean
  /** Called after each request with its metrics (Count, 4XXError, Latency…), to forward them. */
  onMetrics?: (metrics: RequestMetrics) => void
  /** Where access-log lines go (one per request) when the stage has `accessLogSettings.format`. */
  accessLog?: (line: string) => void
  /** `fetch` for HTTP integrations. @default globalThis.fetch */
  fetch?: FetchFunction
  /** Epoch milliseconds. @default Date.now */
  now?: () => number
  /** A number in [0, 1). @default Math.random */
  random?: () => number
  /** A clock with timers; overrides `now` and drives integration timeouts. */
  clock?: Clock
  /** Execution log. @default warnings and errors to the console */
  logger?: Logger
  /** The API id in `$context.apiId` and ARNs. @default derived from the API's title */
  apiId?: string
  /** @default `123456789012` */
  accountId?: string
  /** @default `us-east-1` */
  region?: string
}

/** A route as the CLI prints it. */
export interface RouteSummary {
  readonly method: RestMethod
  readonly path: string
  readonly integration: IntegrationType | undefined
}

/** A compiled API serving one stage. */
export interface Gateway {
  /**
   * Runs a request through the API as API Gateway would.
   *
   * @param request - method, path after the stage (with query), headers, body, sourceIp
   * @returns status, headers, multiValueHeaders, body, isBase64Encoded; never rejects
   */
  invoke(request: GatewayRequest, target?: { stage?: string }): Promise<GatewayResponse>
  /** The definition being served: a REST API, or an HTTP API (`kind: 'HTTP'`). */
  readonly definition: ApiDefinition | HttpApiDefinition
  /** The stage being served: name, variables, deployment id (its public view). */
  readonly stage: PublicStage
  /** `$context.apiId`. */
  readonly apiId: string
  /** Every method of every resource. */
  routes(): RouteSummary[]
  /**
   * Requests counted against a usage plan's quota, per API key and UTC day, like
   * `aws apigateway get-usage`.
   *
   * @example
   * ```ts
   * await gateway.usage({ usagePlanId: 'p1', startDate: '2026-11-01', endDate: '2026-11-21' })
   * // { usagePlanId: 'p1', startDate, endDate, items: { k1: [[3, 997], [0, 997], ...] } }
   * ```
   */
  usage(query: UsageQuery): Promise<UsageReport>
  /**
   * Empties a stage's cache (the default stage's without a name), like `flush-stage-cache`.
   * In-process caches are empty when it returns; shared ones when the promise resolves.
   */
  flushCache(stageName?: string): Promise<void>
  /** A stage's and each of its methods' metrics so far, with AWS's names. */
  metrics(stageName?: string): MetricsSnapshot
  /** The names of the stages this gateway serves (the first is the default). */
  stageNames(): string[]
  /**
   * Creates a deployment: an immutable compiled snapshot of a definition (the default stage's
   * current one unless `api` is given), optionally pointing a stage at it (creating the stage
   * if it does not exist), like `create-deployment --stage-name`.
   *
   * @example
   * ```ts
   * const v2 = gateway.deploy({ api: newDocument, description: 'v2' })
   * gateway.updateStage('prod', { canarySettings: { deploymentId: v2, percentTraffic: 10 } })
   * gateway.updateStage('prod', { deploymentId: v2, canarySettings: null }) // promote
   * ```
   *
   * @returns the deployment id
   */
  deploy(options?: {
    api?: ApiDefinition | Record<string, unknown> | string
    description?: string
    stageName?: string
  }): string
  /** Every deployment: id, description, creation time (epoch ms). */
  deployments(): Array<{ id: string; description: string; createdDate: number }>
  /** Adds a stage (`deploymentId` defaults to the first deployment). */
  createStage(stage: StageOptions): void
  /**
   * Changes a stage, like `update-stage`: point it at another deployment (redeploy or roll
   * back), change variables or settings, set `canarySettings` or remove them with `null`.
   * Buckets, quotas, cache and metrics carry on.
   */
  updateStage(name: string, patch: StagePatch): void
  /**
   * AWS's `TestInvokeMethod` (the console's Test button): runs a request with its execution log.
   * It skips the resource policy, authorizer, API key and throttling checks, and runs on a stage
   * named `test-invoke-stage` with the stage's variables overridden by `stageVariables`. REST
   * APIs only: AWS has no test-invoke for HTTP APIs, and neither has Portico (it rejects).
   *
   * @example
   * ```ts
   * const gateway = createGateway({
   *   api: {
   *     openapi: '3.0.1',
   *     info: { title: 'pets', version: '1' },
   *     paths: {
   *       '/pets': {
   *         get: {
   *           responses: { 200: { description: 'ok' } },
   *           'x-amazon-apigateway-integration': {
   *             type: 'mock',
   *             requestTemplates: { 'application/json': '{"statusCode": 200}' },
   *             responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '[]' } } },
   *           },
   *         },
   *       },
   *     },
   *   },
   *   logger: silentLogger,
   * })
   * const result = await gateway.testInvoke({ method: 'GET', pathWithQueryString: '/pets' })
   * result.status // 200
   * result.log.includes('Method completed with status: 200') // true
   * ```
   *
   * @param request - method, pathWithQueryString, headers, multiValueHeaders, body, stageVariables
   * @param target - which stage's variables and deployment (the default stage without it)
   * @returns status, body, headers, multiValueHeaders, log, latency (ms)
   * @see https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeMethod.html
   */
  testInvoke(
    request: TestInvokeMethodRequest,
    target?: { stage?: string },
  ): Promise<TestInvokeMethodResponse>
  /**
   * AWS's `TestInvokeAuthorizer`: runs one Lambda (TOKEN or REQUEST) or Cognito authorizer,
   * named as in the definition's security schemes. REST APIs only, as in AWS.
   *
   * @returns clientStatus (0 when allowed), log, latency, principalId, policy, authorization
   *   (the Lambda authorizer's context), claims (Cognito)
   * @throws Error `Invalid authorizer identifier specified` for an unknown authorizer
   * @see https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeAuthorizer.html
   */
  testInvokeAuthorizer(
    request: TestInvokeAuthorizerRequest,
    target?: { stage?: string },
  ): Promise<TestInvokeAuthorizerResponse>
}
