/**
 * HTTP_PROXY: the client's request passed to an HTTP backend, and its answer passed back.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
 */
import { ResponseHeaders } from '../core/index.js'
import { clientHeaderName } from '../core/index.js'
import { createTraceId } from '../core/index.js'
import { essenceOf, isTextMediaType } from '../core/index.js'
import type { IntegrationDefinition } from '../definition/index.js'
import type { RequestState } from '../pipeline/index.js'
import {
  callBackend,
  forwardableHeaders,
  compileBackendUrl,
  compileRequestMappings,
  type CompiledRequestMappings,
  unmappableHeaderFailure,
} from './backend-request.js'
import type { Integration } from './integration.js'

/** Request headers API Gateway never forwards. */
export const DROPPED_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'content-length',
  'content-md5',
  'expect',
  'max-forwards',
  'proxy-authenticate',
  'server',
  'te',
  'transfer-encoding',
  'trailer',
  'upgrade',
  'www-authenticate',
  'host',
  'content-encoding',
  'keep-alive',
])

/** Response headers that describe the hop, not the content. */
const DROPPED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'trailer',
  'upgrade',
])

/**
 * Headers every backend request gets from the gateway.
 *
 * @param state - the request
 * @param headers - headers being built
 */
export function addGatewayBackendHeaders(state: RequestState, headers: Headers): void {
  headers.set('X-Amzn-Trace-Id', createTraceId(state.requestTimeEpoch, state.deps.random))
  headers.set('X-Amzn-Apigateway-Api-Id', state.api.apiId)
  if (!headers.has('user-agent')) headers.set('User-Agent', `AmazonAPIGateway_${state.api.apiId}`)
}

/**
 * Applies mapped headers (`integration.request.header.*`).
 *
 * @param state - the request
 * @param mappings - compiled mappings
 * @param headers - headers being built
 */
export function applyMappedHeaders(
  state: RequestState,
  mappings: CompiledRequestMappings,
  headers: Headers,
): void {
  for (const [name, source] of mappings.header) {
    const value = source(state.sources)
    if (value !== undefined) headers.set(name, value)
  }
}

/**
 * Compiles an HTTP_PROXY integration.
 *
 * @param integration - its definition
 * @param where - place in the definition
 * @returns the integration
 */
export function compileHttpProxyIntegration(
  integration: IntegrationDefinition,
  where: string,
): Integration {
  const url = compileBackendUrl(integration.uri ?? '', `${where}.uri`)
  const mappings = compileRequestMappings(integration, where)
  const fixedMethod = integration.httpMethod === 'ANY' ? undefined : integration.httpMethod
  const unmappable = unmappableHeaderFailure(mappings)
  return async (state) => {
    if (unmappable) return unmappable
    const target = url(state, mappings)
    if ('responseType' in target) return target
    if (state.rawQuery !== '') {
      // The client's query string goes as sent, before any mapped values.
      const mapped = target.search.slice(1)
      target.search = mapped === '' ? state.rawQuery : `${state.rawQuery}&${mapped}`
    }
    const headers = forwardableHeaders(state.headers, DROPPED_REQUEST_HEADERS)
    const forwarded = state.headers.get('x-forwarded-for')
    headers.set('X-Forwarded-For', forwarded ? `${forwarded}, ${state.sourceIp}` : state.sourceIp)
    applyMappedHeaders(state, mappings, headers)
    addGatewayBackendHeaders(state, headers)
    const body = state.bodyBytes() ?? undefined
    const reply = await callBackend(
      state.deps,
      target,
      { method: fixedMethod ?? state.method, headers, body },
      integration.timeoutInMillis,
    )
    if ('responseType' in reply) return reply
    const out = new ResponseHeaders()
    reply.headers.forEach((value, name) => {
      if (DROPPED_RESPONSE_HEADERS.has(name)) return
      if (name === 'set-cookie') return
      out.set(clientHeaderName(name), value)
    })
    for (const cookie of reply.headers.getSetCookie()) out.append('set-cookie', cookie)
    const type = essenceOf(reply.headers.get('content-type') ?? undefined)
    const text = isTextMediaType(type)
    return {
      statusCode: reply.status,
      headers: out,
      body: reply.bytes.toString(text ? 'utf8' : 'base64'),
      isBase64Encoded: !text,
    }
  }
}
