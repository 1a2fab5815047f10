/**
 * `createGateway`: compiles a definition once and serves requests in-process.
 */
import { depsFromOptions } from './core/index.js'
import type {
  CancelTimer,
  Deps,
  FetchFunction,
  GatewayRequest,
  GatewayResponse,
  Logger,
} from './core/index.js'
import { importOpenApi } from './definition/index.js'
import { detectApiKind, type ApiProtocolType } from './definition/index.js'
import type { ImportOptions } from './definition/index.js'
import { loadDocument } from './definition/index.js'
import type { ApiDefinition, IntegrationType, RestMethod } from './definition/index.js'
import type { ApiKey, UsagePlan, UsagePlanKey } from './auth/index.js'
import type { JwksSource } from './auth/index.js'
import type { CredentialsResolver } from './auth/index.js'
import type { MetricsSnapshot, RequestMetrics } from './observability/index.js'
import type { TrafficStore } from './traffic/index.js'
import type { CacheStore } from './cache/index.js'
import { readUsage, type UsageQuery, type UsageReport } from './traffic/index.js'
import type { RateLimit } from './traffic/index.js'
import { checkAwsServices, type AwsServices } from './integrations/index.js'
import type { LambdaHandlers } from './integrations/index.js'
import { compileApi } from './pipeline/index.js'
import { handleRequest } from './pipeline/index.js'
import { StageHost, type Deployment, type RuntimeFactory } from './pipeline/index.js'
import {
  testInvokeAuthorizer,
  testInvokeMethod,
  type TestInvokeAuthorizerRequest,
  type TestInvokeAuthorizerResponse,
  type TestInvokeMethodRequest,
  type TestInvokeMethodResponse,
} from './pipeline/index.js'
import { createMemoryStore } from './traffic/index.js'
import { stableId, createRequestId, createExtendedRequestId } from './core/index.js'
import { importHttpApi, type HttpApiDefinition } from './http-api/index.js'
import { compileHttpApi, handleHttpApiRequest } from './http-api/index.js'
import type { RequestSummary } from './observability/index.js'
import { ConfigError } from './errors.js'
import {
  planTemplateGateway,
  type TemplateApi,
  type TemplateGatewayOptions,
} from './template/index.js'
import {
  createStageRuntime,
  type StageOptions,
  type StagePatch,
  type PublicStage,
} from './stages/index.js'

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

function isDefinition(api: unknown): api is ApiDefinition {
  return (
    typeof api === 'object' &&
    api !== null &&
    (api as { kind?: unknown }).kind === 'REST' &&
    Array.isArray((api as ApiDefinition).resources)
  )
}

/**
 * Creates a gateway: imports and compiles the API once (routes, integrations, gateway
 * responses), then serves requests with {@link Gateway.invoke}.
 *
 * @param options - the API, stage, Lambda handlers and injected world
 * @returns the gateway
 * @throws ConfigError naming the place in the definition of the first problem
 * @example
 * ```ts
 * import { createGateway } from 'portico'
 *
 * const gateway = createGateway({
 *   api: readFileSync('api.yaml', 'utf8'),
 *   stage: { name: 'prod', variables: { backend: 'localhost:8080' } },
 *   lambdas: { GetPet: async (event) => ({ statusCode: 200, body: event.pathParameters.id }) },
 * })
 * const res = await gateway.invoke({ method: 'GET', path: '/pets/7' })
 * res.statusCode // 200
 * ```
 */
export function createGateway(options: GatewayOptions): Gateway {
  const deps = depsFromOptions(options)
  if (options.services) checkAwsServices(options.services)
  const template = planTemplateGateway(options, deps)
  if (template) {
    const gateway = createGateway(template.options)
    for (const stage of template.moreStages) gateway.createStage(stage)
    return gateway
  }
  const api = options.api
  const importOptions = importOptionsOf(options, deps)
  if (isDefinition(api) || (isObject(api) && api['kind'] === 'HTTP')) {
    const kind = isDefinition(api) ? 'REST' : 'HTTP'
    if (options.protocolType !== undefined && options.protocolType !== kind)
      throw new ConfigError(
        'protocolType',
        `is ${options.protocolType}, but the API given is a ${kind} API definition`,
      )
    return kind === 'HTTP' ? createHttpApiGateway(options, deps) : createRestGateway(options, deps)
  }
  // Parsed (and templateVars substituted) once; the content decides the kind.
  const doc = loadDocument(api, importOptions)
  const { templateVars: _, ...once } = importOptions
  if ((options.protocolType ?? detectApiKind(doc)) === 'HTTP')
    return createHttpApiGateway(
      { ...options, api: importHttpApi(doc, once) as unknown as GatewayOptions['api'] },
      deps,
    )
  return createRestGateway({ ...options, api: importOpenApi(doc, once) }, deps)
}

function importOptionsOf(options: GatewayOptions, deps: Deps): ImportOptions {
  return {
    logger: deps.logger,
    ...(options.templateVars ? { templateVars: options.templateVars } : {}),
    ...(options.failOnWarnings !== undefined ? { failOnWarnings: options.failOnWarnings } : {}),
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function identityOf(options: GatewayOptions): {
  apiId?: string
  accountId?: string
  region?: string
} {
  const identity: { apiId?: string; accountId?: string; region?: string } = {}
  if (options.apiId !== undefined) identity.apiId = options.apiId
  if (options.accountId !== undefined) identity.accountId = options.accountId
  if (options.region !== undefined) identity.region = options.region
  return identity
}

/**
 * A null-prototype copy of a map the definition looks names up in (Lambda functions, services):
 * a function named `constructor` or `toString` must not find `Object.prototype`'s.
 */
function ownMap<T>(source: Record<string, T> | undefined): Record<string, T> {
  const out = Object.create(null) as Record<string, T>
  if (source) for (const key of Object.keys(source)) out[key] = source[key] as T
  return out
}

function createRestGateway(options: GatewayOptions, deps: Deps): Gateway {
  const identity = identityOf(options)
  const lambdas = ownMap(options.lambdas)
  const services = ownMap(options.services)
  const deployments = new Map<string, Deployment>()
  const compile = (api: GatewayOptions['api'], description: string, id?: string): Deployment => {
    const definition = isDefinition(api) ? api : importOpenApi(api, importOptionsOf(options, deps))
    const compiled = compileApi(definition, {
      ...identity,
      lambdas,
      services,
      apiKeys: options.apiKeys ?? [],
      usagePlans: options.usagePlans ?? [],
      usagePlanKeys: options.usagePlanKeys ?? [],
      ...(options.jwks ? { jwks: options.jwks } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    })
    let deploymentId = id
    while (deploymentId === undefined || deployments.has(deploymentId))
      deploymentId = stableId(`${definition.name}:${deployments.size}:${deps.random()}`, 6)
    const deployment: Deployment = {
      id: deploymentId,
      description,
      createdDate: deps.now(),
      definition,
      api: compiled,
    }
    deployments.set(deployment.id, deployment)
    return deployment
  }

  const first = compile(options.api, '', options.stage?.deploymentId)
  const store = options.store ?? createMemoryStore()
  const factory: RuntimeFactory = (stageOptions, continuity) =>
    createStageRuntime(
      stageOptions,
      { store, ...(options.accountThrottle ? { account: options.accountThrottle } : {}) },
      {
        apiName: first.definition.name,
        ...(options.onMetrics ? { onMetrics: options.onMetrics } : {}),
        ...(options.accessLog ? { accessLog: options.accessLog } : {}),
      },
      { ...continuity, cacheStore: options.cacheStore },
    )
  const stages = new Map<string, StageHost>()
  const addStage = (stageOptions: StageOptions): StageHost => {
    const host = new StageHost(
      { ...stageOptions, deploymentId: stageOptions.deploymentId ?? first.id },
      deployments,
      factory,
    )
    if (stages.has(host.name))
      throw new ConfigError(`stage.${host.name}`, 'a stage with this name exists')
    stages.set(host.name, host)
    return host
  }
  const defaultStage = addStage({ ...options.stage, deploymentId: first.id })
  const hostOf = (name: string | undefined): StageHost | undefined =>
    name === undefined ? defaultStage : stages.get(name)

  return {
    get definition() {
      return defaultStage.main.api.definition
    },
    get stage() {
      return defaultStage.main.runtime
    },
    get apiId() {
      return first.api.apiId
    },
    invoke: (request, target) => {
      const host = hostOf(target?.stage)
      if (!host) return Promise.resolve(missingStageResponse(deps))
      const { api, runtime } = host.pick(deps.random)
      return handleRequest(api, runtime, request, deps)
    },
    testInvoke: (request, target) => {
      const host = hostOf(target?.stage)
      if (!host) return Promise.reject(new ConfigError(`stage.${target?.stage}`, 'no such stage'))
      return testInvokeMethod(host.main.api, host.main.runtime, request, deps)
    },
    testInvokeAuthorizer: (request, target) => {
      const host = hostOf(target?.stage)
      if (!host) return Promise.reject(new ConfigError(`stage.${target?.stage}`, 'no such stage'))
      return testInvokeAuthorizer(host.main.api, host.main.runtime, request, deps)
    },
    stageNames: () => [...stages.keys()],
    deploy: (deployOptions = {}) => {
      const deployment = compile(
        deployOptions.api ?? defaultStage.main.api.definition,
        deployOptions.description ?? '',
      )
      if (deployOptions.stageName !== undefined) {
        const host = stages.get(deployOptions.stageName)
        if (host) host.update({ deploymentId: deployment.id })
        else addStage({ name: deployOptions.stageName, deploymentId: deployment.id })
      }
      return deployment.id
    },
    deployments: () =>
      [...deployments.values()].map((d) => ({
        id: d.id,
        description: d.description,
        createdDate: d.createdDate,
      })),
    createStage: (stageOptions) => {
      addStage(stageOptions)
    },
    updateStage: (name, patch) => {
      const host = stages.get(name)
      if (!host) throw new ConfigError(`stage.${name}`, 'no such stage')
      host.update(patch)
    },
    flushCache: (stageName) => {
      const runtime = hostOf(stageName)?.main.runtime
      const flushed = runtime?.cache?.flush(runtime.cacheKeyPrefix)
      return flushed instanceof Promise ? flushed.then(() => undefined) : Promise.resolve()
    },
    metrics: (stageName) => (hostOf(stageName) ?? defaultStage).main.runtime.metrics.snapshot(),
    usage: (query) =>
      readUsage(store, options.usagePlans ?? [], options.usagePlanKeys ?? [], query),
    routes: () =>
      defaultStage.main.api.definition.resources.flatMap((resource) =>
        Object.values(resource.methods).map((method) => ({
          method: method.httpMethod,
          path: resource.path,
          integration: method.integration?.type,
        })),
      ),
  }
}

function createHttpApiGateway(options: GatewayOptions, deps: Deps): Gateway {
  const definition =
    isObject(options.api) && options.api['kind'] === 'HTTP'
      ? (options.api as unknown as HttpApiDefinition)
      : importHttpApi(options.api, importOptionsOf(options, deps))
  const identity = identityOf(options)
  const api = compileHttpApi(definition, {
    lambdas: ownMap(options.lambdas),
    services: ownMap(options.services),
    apiId: identity.apiId ?? stableId(definition.name, 10),
    accountId: identity.accountId ?? '123456789012',
    region: identity.region ?? 'us-east-1',
    ...(options.jwks ? { jwks: options.jwks } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  })
  const stage = createStageRuntime(
    { name: '$default', ...options.stage },
    {
      ...(options.store ? { store: options.store } : {}),
      ...(options.accountThrottle ? { account: options.accountThrottle } : {}),
    },
    {
      apiName: definition.name,
      kind: 'HTTP',
      ...(options.onMetrics ? { onMetrics: options.onMetrics } : {}),
      ...(options.accessLog ? { accessLog: options.accessLog } : {}),
    },
  )
  const unsupported = (what: string): never => {
    throw new ConfigError('HTTP API', `${what} is not supported for HTTP APIs yet`)
  }
  return {
    definition,
    stage,
    apiId: api.apiId,
    invoke: (request, target) =>
      target?.stage !== undefined && target.stage !== stage.name
        ? Promise.resolve(notFoundResponse(deps))
        : handleHttpApiRequest(api, stage, request, deps),
    stageNames: () => [stage.name],
    deploy: () => unsupported('deploy()'),
    // AWS has TestInvokeMethod/TestInvokeAuthorizer for REST APIs only.
    testInvoke: () =>
      Promise.reject(
        new ConfigError('HTTP API', 'testInvoke() exists for REST APIs only, as in AWS'),
      ),
    testInvokeAuthorizer: () =>
      Promise.reject(
        new ConfigError('HTTP API', 'testInvokeAuthorizer() exists for REST APIs only, as in AWS'),
      ),
    deployments: () => [],
    createStage: () => unsupported('createStage()'),
    updateStage: () => unsupported('updateStage()'),
    flushCache: () => Promise.resolve(),
    metrics: () => stage.metrics.snapshot(),
    usage: (query) =>
      Promise.resolve({
        usagePlanId: query.usagePlanId,
        startDate: query.startDate,
        endDate: query.endDate,
        items: {},
      }),
    routes: () =>
      definition.routes.map((route) => ({
        method: (route.method ?? 'ANY') as RestMethod,
        path: route.path ?? '$default',
        integration: route.integration.type,
      })),
  }
}

/** A fixed JSON error answer with single-valued headers. */
function errorResponse(
  statusCode: number,
  message: string,
  headers: Record<string, string>,
): GatewayResponse {
  const all = { 'Content-Type': 'application/json', ...headers }
  return {
    statusCode,
    headers: all,
    multiValueHeaders: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, [v]])),
    body: JSON.stringify({ message }),
    isBase64Encoded: false,
  }
}

/** An HTTP API's answer for a stage it does not have. */
function notFoundResponse(deps: Deps): GatewayResponse {
  return errorResponse(404, 'Not Found', {
    'Apigw-Requestid': createExtendedRequestId(deps.random),
  })
}

/** The answer for a stage the gateway does not have, as AWS gives for an unknown stage. */
function missingStageResponse(deps: Deps): GatewayResponse {
  return errorResponse(403, 'Missing Authentication Token', {
    'x-amzn-ErrorType': 'MissingAuthenticationTokenException',
    'x-amzn-RequestId': createRequestId(deps.random),
  })
}
