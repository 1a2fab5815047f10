/**
 * What the console shows of each API: name, kind, stages and the route table (integration type
 * and target, authorization), read from the gateway's definition as plain JSON.
 */
import type { Gateway } from '../gateway.js'
import type { ApiKey, UsagePlan, UsagePlanKey } from '../auth/index.js'
import { integrationTarget } from '../observability/index.js'

/** An API the console shows, with the usage plans and keys whose usage it reads. */
export interface ConsoleApi {
  /** The gateway serving the API. */
  readonly gateway: Gateway
  /** Where the API is served (`http://localhost:3000/dev`), shown with the route table. */
  readonly invokeUrl?: string
  /** API keys (for their names and values' presence; values are never sent to the page). */
  readonly apiKeys?: readonly ApiKey[]
  /** Usage plans whose quota usage per key is shown. */
  readonly usagePlans?: readonly UsagePlan[]
  /** Which keys are in which plans. */
  readonly usagePlanKeys?: readonly UsagePlanKey[]
}

/** One route of the table. */
export interface ConsoleRoute {
  readonly method: string
  readonly path: string
  /** `AWS_PROXY`, `AWS`, `HTTP`, `HTTP_PROXY`, `MOCK`, or null without an integration. */
  readonly integration: string | null
  /** A Lambda function's name, the URL or service URI, as written. */
  readonly target: string | null
  /** `NONE`, `AWS_IAM`, `CUSTOM authorizerName`, `COGNITO_USER_POOLS name`, `JWT name`. */
  readonly auth: string
  readonly apiKeyRequired: boolean
}

/** One API as `GET {base}api/apis` returns it. */
export interface ConsoleApiView {
  /** Index in the console's list: the `api` of the other endpoints. */
  readonly index: number
  readonly apiId: string
  readonly name: string
  readonly kind: 'REST' | 'HTTP'
  readonly invokeUrl: string | null
  readonly stages: ReadonlyArray<{ name: string; variables: Readonly<Record<string, string>> }>
  readonly routes: readonly ConsoleRoute[]
  /** Whether `testInvoke` exists for it (REST APIs, as in AWS). */
  readonly testInvoke: boolean
}

/**
 * The console's view of an API.
 *
 * @param api - the API
 * @param index - its index in the console's list
 * @returns plain JSON
 */
export function describeApi(api: ConsoleApi, index: number): ConsoleApiView {
  const { gateway } = api
  const definition = gateway.definition
  const stages = gateway.stageNames().map((name, i) => ({
    name,
    variables: i === 0 ? gateway.stage.variables : {},
  }))
  const base = {
    index,
    apiId: gateway.apiId,
    name: definition.name,
    invokeUrl: api.invokeUrl ?? null,
    stages,
  }
  if (definition.kind === 'HTTP')
    return {
      ...base,
      kind: 'HTTP',
      testInvoke: false,
      routes: definition.routes.map((route) => ({
        method: route.method ?? 'ANY',
        path: route.path ?? '$default',
        integration: route.integration.type,
        target: integrationTarget(route.integration.uri) ?? null,
        auth: route.iam
          ? 'AWS_IAM'
          : route.authorization
            ? `${definition.lambdaAuthorizers[route.authorization.authorizer] ? 'CUSTOM' : 'JWT'} ${route.authorization.authorizer}`
            : 'NONE',
        apiKeyRequired: false,
      })),
    }
  return {
    ...base,
    kind: 'REST',
    testInvoke: true,
    routes: definition.resources.flatMap((resource) =>
      Object.values(resource.methods).map((method) => ({
        method: method.httpMethod,
        path: resource.path,
        integration: method.integration?.type ?? null,
        target: integrationTarget(method.integration?.uri) ?? null,
        auth:
          method.authorizerId !== undefined
            ? `${method.authorizationType} ${method.authorizerId}`
            : method.authorizationType,
        apiKeyRequired: method.apiKeyRequired,
      })),
    ),
  }
}
