/**
 * A REST AWS integration's request in the service's own protocol, as API Gateway builds it from
 * the integration URI:
 *
 * - action style (`…:{service}:action/{Action}`): the AWS JSON protocol (`POST /`,
 *   `X-Amz-Target: {prefix}.{Action}`, `Content-Type: application/x-amz-json-1.0|1.1`) or the
 *   AWS query protocol (`Action={Action}&Version={version}` in the query string), by service;
 * - path style (`…:{service}:path/{path}`): the integration's `httpMethod` on `/{path}`, the URI's
 *   query, then the mapped query string.
 *
 * The body is the rendered mapping template (or the passed-through body after
 * `contentHandling`); mapped headers are sent as mapped and win over the protocol's.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html (uri)
 */
import type { Deps, GatewayFailure } from '../core/index.js'
import { actionProtocol } from './aws-protocols.js'
import type { RenderedRequest } from './aws.js'
import { callAwsService, type AwsServiceEndpoint, type BackendResponse } from './aws-endpoint.js'

/** What the REST integration knows of one call. */
export interface RestServiceCall {
  readonly service: string
  readonly subdomain: string | undefined
  readonly region: string
  readonly roleArn: string | undefined
  readonly kind: 'action' | 'path'
  /** The action, or the path with placeholders filled (percent-encoded). */
  readonly pathPart: string
  /** The URI's own query string (after `?`), raw. */
  readonly uriQuery: string
  readonly httpMethod: string
  readonly request: RenderedRequest
  readonly timeoutMs: number
  readonly apiId: string
}

/**
 * Builds and sends a REST AWS integration's call to a service endpoint.
 *
 * @param endpoint - the endpoint entry
 * @param deps - fetch, clock, env
 * @param call - the integration's request
 * @returns the service's answer, or the failure API Gateway gives
 */
export function serviceCall(
  endpoint: AwsServiceEndpoint,
  deps: Deps,
  call: RestServiceCall,
): Promise<BackendResponse | GatewayFailure> {
  const { request } = call
  const headers: Record<string, string> = {}
  if (request.contentType !== undefined) headers['content-type'] = request.contentType
  const query: Array<readonly [string, string]> = []
  if (call.uriQuery !== '') for (const pair of new URLSearchParams(call.uriQuery)) query.push(pair)
  let path = '/'
  let method = call.httpMethod
  if (call.kind === 'action') {
    const action = decodeAction(call.pathPart)
    const protocol = actionProtocol(call.service, request.headers['content-type'])
    if (protocol.kind === 'json') {
      headers['content-type'] = `application/x-amz-json-${protocol.version}`
      headers['x-amz-target'] = `${protocol.targetPrefix}.${action}`
    } else {
      query.push(['Action', action])
      if (protocol.version !== undefined && !Object.hasOwn(request.querystring, 'Version'))
        query.push(['Version', protocol.version])
    }
  } else {
    path = `/${call.pathPart.replace(/^\/+/, '')}`
  }
  for (const [name, value] of Object.entries(request.querystring)) query.push([name, value])
  // Mapped headers win over the protocol's.
  for (const [name, value] of Object.entries(request.headers)) headers[name] = value
  if (method === 'ANY') method = 'POST'
  return callAwsService(
    endpoint,
    {
      service: call.service,
      subdomain: call.subdomain,
      region: call.region,
      roleArn: call.roleArn,
      method,
      path,
      query,
      headers,
      body: request.bytes,
      timeoutMs: call.timeoutMs,
      apiId: call.apiId,
    },
    deps,
  )
}

/** The action of an `action/{Action}` URI, percent-decoded (as written when not decodable). */
function decodeAction(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
