/**
 * What an HTTP API request leaves behind: AWS's HTTP API metrics and the access-log line, through
 * the observe step REST uses (observability/observe.ts), and HTTP API `$context` for access logs.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
 */
import { getOwn } from '../core/index.js'
import type { GatewayResponse } from '../core/index.js'
import { stagePath } from '../lambda-events/index.js'
import { formatClfTime } from '../core/index.js'
import type { VariableLookup } from '../mapping/index.js'
import { responseBodyLength } from '../observability/index.js'
import { observeRequest } from '../observability/index.js'
import type { HttpRequest } from './request.js'
import { summarizeHttpApiRequest } from '../observability/index.js'
import { errorMessage } from '../core/index.js'

/**
 * Metrics (HTTP API names: Count, 4xx, 5xx, Latency, IntegrationLatency, DataProcessed) and the
 * access-log line of a finished request, through the shared observe step; never fails the
 * request.
 */
export function observe(
  request: HttpRequest & { readonly lookup: VariableLookup },
  response: GatewayResponse,
): void {
  const route = request.route?.definition
  observeRequest(
    request.stage,
    {
      method: route ? (route.method ?? 'ANY') : undefined,
      resource: route ? (route.path ?? '$default') : undefined,
      status: response.statusCode,
      latency: request.deps.now() - request.timeEpoch,
      integrationLatency: request.integrationLatency,
      integrationStatus: request.integrationStatus,
      integrationError: request.integrationError,
      cache: undefined,
      dataProcessed:
        (request.body?.length ?? 0) + responseBodyLength(response.body, response.isBase64Encoded),
    },
    response,
    request,
    request.deps.logger,
  )
  // Host's request log (GatewayOptions.onRequestComplete); nothing is built when unset.
  const onRequestComplete = request.deps.onRequestComplete
  if (onRequestComplete)
    try {
      onRequestComplete(
        summarizeHttpApiRequest(request, response, request.deps.now() - request.timeEpoch),
      )
    } catch (error) {
      request.deps.logger.warn(`onRequestComplete failed: ${errorMessage(error)}`)
    }
}

/** `$context.*` and `$stageVariables.*` as HTTP APIs define them for access logs. */
export function httpContextValue(
  request: HttpRequest,
  root: 'context' | 'stageVariables',
  path: readonly string[],
): unknown {
  if (root === 'stageVariables') return getOwn(request.stage.variables, path[0] as string)
  const host = request.headers.get('host')
  switch (path.join('.')) {
    case 'requestId':
    case 'extendedRequestId':
      return request.requestId
    case 'httpMethod':
      return request.method
    case 'path':
      return stagePath(request)
    case 'routeKey':
      return request.route?.definition.routeKey
    case 'protocol':
      return 'HTTP/1.1'
    case 'stage':
      return request.stage.name
    case 'apiId':
      return request.api.apiId
    case 'accountId':
      return request.api.accountId
    case 'awsEndpointRequestId':
      return undefined
    case 'domainName':
      return host ?? `${request.api.apiId}.execute-api.${request.api.region}.amazonaws.com`
    case 'domainPrefix':
      return (host ?? request.api.apiId).split('.')[0]
    case 'identity.sourceIp':
      return request.sourceIp
    case 'identity.userAgent':
      return request.headers.get('user-agent')
    case 'requestTime':
      return formatClfTime(request.timeEpoch)
    case 'requestTimeEpoch':
      return request.timeEpoch
  }
  if (path[0] === 'authorizer') {
    // `$context.authorizer.claims.x` (JWT), `$context.authorizer.x` (Lambda context).
    const authorizer = request.authorizer
    if (!authorizer) return undefined
    if (path[1] === 'claims' && authorizer.jwt) return getOwn(authorizer.jwt.claims, path[2] ?? '')
    if (authorizer.lambda && path.length === 2) return getOwn(authorizer.lambda, path[1] as string)
  }
  return undefined
}
