/**
 * HTTP API integrations compiled once per route: Lambda proxy (payload 2.0 and 1.0, with the 2.0
 * response inference) and HTTP_PROXY (parameter mapping, encoded backend paths, hop-by-hop
 * headers dropped).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import { ResponseHeaders } from '../core/index.js'
import { textOf } from '../core/index.js'
import { errorMessage } from '../core/index.js'
import { essenceOf, isTextMediaType } from '../core/index.js'
import { getOwn } from '../core/index.js'
import { createTraceId } from '../core/index.js'
import { invokeHandler, parseFunctionReference, resolveHandler } from '../integrations/index.js'
import type { LambdaHandlers } from '../integrations/index.js'
import { callBackend, encodeBackendPathValue, forwardableHeaders } from '../integrations/index.js'
import { parseFinalStatus, translateLambdaProxyReply } from '../integrations/index.js'
import { buildHttpApiEventV1, buildHttpApiEventV2 } from '../lambda-events/index.js'
import { substituteStageVariables } from '../stages/index.js'
import {
  internalError,
  message,
  queryOf,
  type Answer,
  type HttpRequest,
  type RouteHandler,
} from './request.js'
import type { HttpRouteDefinition } from './definition.js'
import { compileHttpParameterMapping, type MappingInput } from './parameter-mapping.js'

/**
 * A payload 2.0 reply: with `statusCode`, its fields (each of `cookies` a `Set-Cookie`);
 * without, valid JSON becomes a 200 `application/json` answer with the value as the body.
 *
 * @param value - what the function returned
 * @returns the answer, or undefined for output API Gateway cannot use (a 500)
 */
export function translateReplyV2(value: unknown): Answer | undefined {
  const headers = new ResponseHeaders()
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value)
  if (!isObject || !('statusCode' in value)) {
    if (value === undefined) return undefined
    headers.set('Content-Type', 'application/json')
    const body = typeof value === 'string' ? value : JSON.stringify(value)
    return { statusCode: 200, headers, body, isBase64Encoded: false }
  }
  const reply = value as Record<string, unknown>
  const status = parseFinalStatus(reply['statusCode'])
  if (status === undefined) return undefined
  const rawHeaders = reply['headers']
  if (rawHeaders !== undefined && rawHeaders !== null) {
    if (typeof rawHeaders !== 'object' || Array.isArray(rawHeaders)) return undefined
    for (const [name, item] of Object.entries(rawHeaders as Record<string, unknown>))
      if (item !== null && item !== undefined) headers.set(name, textOf(item))
  }
  const cookies = reply['cookies']
  if (Array.isArray(cookies))
    for (const cookie of cookies) headers.append('Set-Cookie', String(cookie))
  const rawBody = reply['body']
  const body =
    rawBody === undefined || rawBody === null
      ? ''
      : typeof rawBody === 'string'
        ? rawBody
        : JSON.stringify(rawBody)
  const isBase64Encoded = reply['isBase64Encoded'] === true
  if (!headers.has('content-type')) headers.set('Content-Type', 'application/json')
  return { statusCode: status, headers, body, isBase64Encoded }
}

export function compileLambdaRoute(
  route: HttpRouteDefinition,
  where: string,
  lambdas: LambdaHandlers,
  accountId: string,
  region: string,
): RouteHandler {
  const integration = route.integration
  // HTTP APIs accept the function ARN itself or the apigateway invocation URI.
  const invocation = /functions\/(.+)\/invocations$/.exec(integration.uri)
  const reference = invocation ? (invocation[1] as string) : integration.uri
  return async (request) => {
    const target = parseFunctionReference(
      substituteStageVariables(reference, request.stage.variables),
      accountId,
      region,
    )
    const handler = target && resolveHandler(lambdas, target)
    if (!target || !handler) {
      request.integrationError = `no handler for Lambda function ${reference}`
      request.deps.logger.error(
        `no handler for Lambda function ${reference} (add it to options.lambdas)`,
        { where },
      )
      return internalError()
    }
    const event =
      integration.payloadFormatVersion === '2.0'
        ? buildHttpApiEventV2(request, queryOf(request), route.routeKey)
        : buildHttpApiEventV1(request, queryOf(request), route.path ?? '$default')
    const outcome = await invokeHandler(
      handler,
      target,
      event,
      request.requestId,
      integration.timeoutInMillis,
      request.deps,
    )
    if (outcome.kind === 'timeout') {
      request.integrationError = 'Integration timeout'
      return message(503, 'Service Unavailable')
    }
    // Lambda answered the invoke (a function error is still a 200 from Lambda's Invoke API).
    request.integrationStatus = 200
    if (outcome.kind === 'error') {
      const failure = errorMessage(outcome.error)
      request.integrationError = failure
      request.deps.logger.warn(`Lambda function failed: ${failure}`)
      return internalError()
    }
    if (integration.payloadFormatVersion === '2.0')
      return translateReplyV2(outcome.value) ?? internalError()
    const result = translateLambdaProxyReply(outcome.value, undefined, ['*/*'])
    if ('responseType' in result) return internalError()
    return {
      statusCode: result.statusCode,
      headers: result.headers,
      body: result.body,
      isBase64Encoded: result.isBase64Encoded,
    }
  }
}

const HOP_BY_HOP = new Set([
  'connection',
  'content-length',
  'host',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'expect',
])

/**
 * What HTTP APIs add toward an HTTP_PROXY backend, as REST APIs do: `X-Amzn-Trace-Id` (the
 * client's, or a new one), `X-Forwarded-For` (the client's list plus the source IP),
 * `X-Forwarded-Port` and `X-Forwarded-Proto` (the connection's). These names are reserved, so no
 * parameter mapping changes them (spec/pipeline.md §10).
 */
function addForwardingHeaders(request: HttpRequest, headers: Headers): void {
  if (!headers.has('x-amzn-trace-id'))
    headers.set('X-Amzn-Trace-Id', createTraceId(request.timeEpoch, request.deps.random))
  const forwarded = request.headers.get('x-forwarded-for')
  headers.set('X-Forwarded-For', forwarded ? `${forwarded}, ${request.sourceIp}` : request.sourceIp)
  headers.set('X-Forwarded-Port', String(request.port))
  headers.set('X-Forwarded-Proto', request.scheme)
}

export function compileHttpProxyRoute(route: HttpRouteDefinition, where: string): RouteHandler {
  const integration = route.integration
  const mapping = compileHttpParameterMapping(integration.requestParameters, where)
  return async (request) => {
    let uri = substituteStageVariables(integration.uri, request.stage.variables)
    // Values are encoded so that URL parsing cannot re-route them (a dot segment is refused).
    let unsafe = false as boolean // set in the replace callback
    uri = uri.replace(/\{([A-Za-z0-9_.-]+)\+?\}/g, (whole, name: string) => {
      const value = request.pathParameters?.[name]
      const safe = value === undefined ? whole : encodeBackendPathValue(value)
      if (safe === undefined) unsafe = true
      return safe ?? whole
    })
    if (route.routeKey === '$default')
      uri = uri.replace(/\/$/, '') + (encodeBackendPathValue(request.path) ?? '/')
    if (unsafe) return internalError()
    let url: URL
    try {
      url = new URL(uri)
      if (request.rawQuery !== '')
        url.search = url.search ? `${url.search}&${request.rawQuery}` : request.rawQuery
    } catch {
      return internalError()
    }
    const input = mappingInput(request)
    const headers = forwardableHeaders(request.headers, HOP_BY_HOP)
    addForwardingHeaders(request, headers)
    for (const operation of mapping) {
      const value = operation.action === 'remove' ? '' : operation.value(input)
      if (operation.target === 'path') {
        const path = encodeBackendPathValue(value)
        if (path === undefined) return internalError()
        url.pathname = path.startsWith('/') ? path : `/${path}`
      } else if (operation.target === 'header') {
        if (operation.action === 'remove') headers.delete(operation.name)
        else if (operation.action === 'append') headers.append(operation.name, value)
        else headers.set(operation.name, value)
      } else if (operation.action === 'remove') url.searchParams.delete(operation.name)
      else if (operation.action === 'append') url.searchParams.append(operation.name, value)
      else url.searchParams.set(operation.name, value)
    }
    const method = integration.httpMethod === 'ANY' ? request.method : integration.httpMethod
    const reply = await callBackend(
      request.deps,
      url,
      { method, headers, body: request.body ?? undefined },
      integration.timeoutInMillis,
    )
    // HTTP APIs answer a timeout with 503 Service Unavailable (as for Lambda; see
    // docs/aws-parity.md) and any other failure with 500.
    if ('responseType' in reply) {
      request.integrationError = reply.logMessage ?? 'Integration failure'
      return reply.responseType === 'INTEGRATION_TIMEOUT'
        ? message(503, 'Service Unavailable')
        : internalError()
    }
    request.integrationStatus = reply.status
    const out = new ResponseHeaders()
    reply.headers.forEach((value, name) => {
      if (name !== 'set-cookie' && !HOP_BY_HOP.has(name) && name !== 'content-encoding')
        out.set(name, value)
    })
    for (const cookie of reply.headers.getSetCookie()) out.append('set-cookie', cookie)
    const text = isTextMediaType(essenceOf(reply.headers.get('content-type') ?? undefined))
    return {
      statusCode: reply.status,
      headers: out,
      body: reply.bytes.toString(text ? 'utf8' : 'base64'),
      isBase64Encoded: !text,
    }
  }
}

export function mappingInput(request: HttpRequest): MappingInput {
  const query = queryOf(request)
  return {
    header: (name) => request.headers.getAll(name)?.join(','),
    querystring: (name) => (query.multi ? getOwn(query.multi, name)?.join(',') : undefined),
    path: () => request.path,
    pathParameter: (name) => request.pathParameters?.[name],
    context: (name) =>
      name === 'requestId'
        ? request.requestId
        : name === 'stage'
          ? request.stage.name
          : name === 'apiId'
            ? request.api.apiId
            : name === 'identity.sourceIp'
              ? request.sourceIp
              : undefined,
    stageVariable: (name) => request.stage.variables[name],
  }
}
