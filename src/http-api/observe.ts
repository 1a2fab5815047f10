/**
 * What an HTTP API request leaves behind: AWS's HTTP API metrics and the access-log line, through
 * the observability code REST uses.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
 */
import { getOwn } from '../core/own-property.js'
import type { GatewayResponse } from '../core/types.js'
import { stagePath } from '../lambda-events/index.js'
import { formatClfTime } from '../pipeline/request-state.js'
import { renderAccessLogLine, responseBodyLength } from '../observability/access-log.js'
import { type HttpRequest } from './request.js'
import { summarizeHttpApiRequest } from '../observability/request-summary.js'

/**
 * Metrics (HTTP API names: Count, 4xx, 5xx, Latency, IntegrationLatency, DataProcessed) and the
 * access-log line of a finished request; never fails the request. The line is only built when
 * the stage has a format and the host a sink.
 */
export function observe(request: HttpRequest, response: GatewayResponse): void {
  try {
    const latency = request.deps.now() - request.timeEpoch
    const responseLength = responseBodyLength(response.body, response.isBase64Encoded)
    const route = request.route?.definition
    request.stage.metrics.record({
      method: route ? (route.method ?? 'ANY') : undefined,
      resource: route ? (route.path ?? '$default') : undefined,
      status: response.statusCode,
      latency,
      integrationLatency: request.integrationLatency,
      cache: undefined,
      dataProcessed: (request.body?.length ?? 0) + responseLength,
    })
    // Host's request log (GatewayOptions.onRequestComplete); nothing is built when unset.
    if (request.deps.onRequestComplete)
      request.deps.onRequestComplete(summarizeHttpApiRequest(request, response, latency))
    const format = request.stage.accessLog
    const sink = request.stage.accessLogSink
    if (format && sink) {
      const logOnly: Record<string, unknown> = {
        status: response.statusCode,
        responseLength,
        responseLatency: latency,
        integrationLatency: request.integrationLatency,
        integrationStatus: request.integrationStatus,
        integrationErrorMessage: request.integrationError,
        integration: {
          latency: request.integrationLatency,
          status: request.integrationStatus,
          integrationStatus: request.integrationStatus,
          error: request.integrationError,
        },
      }
      sink(
        renderAccessLogLine(format, logOnly, (root, path) => httpContextValue(request, root, path)),
      )
    }
  } catch (error) {
    request.deps.logger.warn(`metrics or access log failed: ${(error as Error)?.message}`)
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
    if (authorizer.lambda && path.length === 2)
      return getOwn(authorizer.lambda as Record<string, unknown>, path[1] as string)
  }
  return undefined
}
