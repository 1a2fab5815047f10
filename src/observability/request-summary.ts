/**
 * One finished request in a few fields, for a host's request log (`portico serve` prints one
 * line per request from it). Built only when `GatewayOptions.onRequestComplete` is set.
 */
import type { GatewayResponse, RequestSummary } from '../core/index.js'
import type { RequestState } from '../pipeline/index.js'
import type { HttpRequest } from '../http-api/index.js'

export type { AuthorizerVerdict, RequestSummary } from '../core/index.js'

const AUTH_FAILURES = new Set([
  'UNAUTHORIZED',
  'ACCESS_DENIED',
  'AUTHORIZER_FAILURE',
  'AUTHORIZER_CONFIGURATION_ERROR',
  'INVALID_SIGNATURE',
  'EXPIRED_TOKEN',
  'MISSING_AUTHENTICATION_TOKEN',
])

const FUNCTION_ARN = /:function:([^/:]+)(?::[^/]+)?(?:\/invocations)?$/

/**
 * A Lambda function's name from an integration URI, else the URI.
 *
 * @param uri - `arn:aws:apigateway:...:lambda:path/2015-03-31/functions/arn:aws:lambda:...:function:Name/invocations`, a URL…
 * @returns the function name, or the URI as given
 */
export function integrationTarget(uri: string | undefined): string | undefined {
  if (uri === undefined) return undefined
  return FUNCTION_ARN.exec(uri)?.[1] ?? uri
}

/**
 * The summary of a finished REST request.
 *
 * @param state - the request's state
 * @param response - the answer
 * @param latency - milliseconds
 * @returns the summary
 */
export function summarizeRestRequest(
  state: RequestState,
  response: GatewayResponse,
  latency: number,
): RequestSummary {
  const method = state.route?.method
  const integration = method?.definition.integration
  const errorType = state.error?.responseType
  const authorized = method !== undefined && method.definition.authorizationType !== 'NONE'
  const trace = state.deps.recordExecutionLog === true ? state.trace : undefined
  return {
    requestId: state.requestId,
    apiId: state.api.apiId,
    stage: state.stage.name,
    method: state.method,
    path: state.rawPath,
    resource: method?.resourcePath,
    status: response.statusCode,
    latency,
    integrationLatency: state.integrationLatency,
    integration: integration
      ? { type: integration.type, target: integrationTarget(integration.uri) }
      : undefined,
    authorizer: !authorized
      ? undefined
      : errorType !== undefined && AUTH_FAILURES.has(errorType)
        ? 'deny'
        : state.authorizer !== undefined ||
            state.integrationLatency !== undefined ||
            state.cacheStatus !== undefined
          ? 'allow'
          : undefined,
    cache: state.cacheStatus,
    errorType,
    ...(trace ? { executionLog: trace.toTestInvokeLog(state.requestId) } : {}),
  }
}

/**
 * The summary of a finished HTTP API request.
 *
 * @param request - the request
 * @param response - the answer
 * @param latency - milliseconds
 * @returns the summary
 */
export function summarizeHttpApiRequest(
  request: HttpRequest,
  response: GatewayResponse,
  latency: number,
): RequestSummary {
  const route = request.route?.definition
  const authorized =
    route !== undefined && (route.authorization !== undefined || route.iam === true)
  const status = response.statusCode
  return {
    requestId: request.requestId,
    apiId: request.api.apiId,
    stage: request.stage.name,
    method: request.method,
    path: request.rawPath,
    resource: route?.routeKey,
    status,
    latency,
    integrationLatency: request.integrationLatency,
    integration: route
      ? { type: route.integration.type, target: integrationTarget(route.integration.uri) }
      : undefined,
    authorizer: !authorized
      ? undefined
      : request.authorizer !== undefined || request.integrationLatency !== undefined
        ? 'allow'
        : status === 401 || status === 403
          ? 'deny'
          : undefined,
    cache: undefined,
    errorType: undefined,
  }
}
