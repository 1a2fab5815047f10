/**
 * The `@connections` management API (`PostToConnection`, `GetConnection`, `DeleteConnection`) as
 * a transport-free handler: a plain request in (method, target, headers, body), a plain answer
 * out. `portico/ws` puts it on `node:http`; any other host can too.
 *
 * Order of checks, so that an unauthenticated client costs no more than its headers:
 * path → SigV4 from the headers (when credentials are configured) → declared `Content-Length`
 * → body, read up to the limit and no further → body hash → connection id → operation.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html
 * @module
 */
import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { verifySigV4, type CredentialsResolver, type SignedRequest } from '../auth/index.js'
import { createDefaultDeps, silentLogger } from '../core/index.js'
import { RESPONSE_TYPE_DEFAULTS } from '../core/index.js'
import { RequestHeaders } from '../core/index.js'
import { parseQueryString } from '../core/index.js'
import type { GatewayFailure, HeaderInput } from '../core/index.js'
import { depsOf, type WebSocketGateway } from './gateway.js'
import { isConnectionError } from './types.js'

/** AWS's limit on `PostToConnection` data: 131072 bytes (128 KB). */
export const MAX_CONNECTIONS_BODY_BYTES: number = 128 * 1024

/**
 * Reads a request body of at most `maxBytes` bytes. Resolves with the bytes; with `undefined`
 * as soon as the body is longer (the reader stops reading then; the API answers 413); with
 * `null` when the client went away before the end (the API answers 400, to no one).
 */
export type ConnectionsBodyReader = (maxBytes: number) => Promise<Uint8Array | undefined | null>

/** A request to the `@connections` API. */
export interface ConnectionsApiRequest {
  /** HTTP method (`POST`, `GET`, `DELETE`). */
  method: string
  /** The request target as sent: `/{stage}/@connections/{id}`, with its query string. */
  url: string
  /** Headers, as a record or Node's `rawHeaders` flat list. */
  headers?: HeaderInput | readonly string[]
  /**
   * The body, or a reader the API calls once (after the path and the signature headers passed)
   * with the largest body it accepts.
   */
  body?: string | Uint8Array | ConnectionsBodyReader | null
}

/** The answer, as AWS's management API gives it (`{"message": …}` and `x-amzn-ErrorType` on errors). */
export interface ConnectionsApiResponse {
  statusCode: number
  headers: Record<string, string>
  body: string
}

/** Options of {@link createConnectionsApi}. */
export interface ConnectionsApiOptions {
  /** When given, every call must be SigV4-signed by one of these credentials (403 otherwise). */
  credentials?: CredentialsResolver
  /** The region callers sign for. @default us-east-1 */
  region?: string
  /** Largest body, in bytes; 413 PayloadTooLargeException past it. @default 131072 (AWS) */
  maxBodyBytes?: number
}

/**
 * Answers one `@connections` request; returns `undefined` (synchronously) when the target is not
 * under `/{stage}/@connections/`, so the host can pass the request on untouched.
 */
export type ConnectionsApiHandler = (
  request: ConnectionsApiRequest,
) => Promise<ConnectionsApiResponse> | undefined

const EMPTY = new Uint8Array(0)
const JSON_TYPE = 'application/json'

function answer(statusCode: number, body: unknown, errorType?: string): ConnectionsApiResponse {
  const headers: Record<string, string> = { 'Content-Type': JSON_TYPE }
  if (errorType !== undefined) headers['x-amzn-ErrorType'] = errorType
  return { statusCode, headers, body: body === undefined ? '' : JSON.stringify(body) }
}

const TOO_LARGE = (): ConnectionsApiResponse =>
  answer(413, { message: 'Message too long' }, 'PayloadTooLargeException')

/** The length of the `/{stage}/@connections/` prefix of `path` (`@` may be sent as `%40`), or -1. */
function prefixLength(path: string, stage: string): number {
  const start = stage.length + 2
  if (path.charCodeAt(0) !== 47 || path.charCodeAt(start - 1) !== 47) return -1
  if (path.slice(1, start - 1) !== stage) return -1
  const rest = path.slice(start, start + 15)
  if (rest.startsWith('@connections/')) return start + 13
  if (
    rest.length === 15 &&
    rest.slice(0, 3).toLowerCase() === '%40' &&
    rest.endsWith('connections/')
  )
    return start + 15
  return -1
}

function decodeSegment(text: string): string | undefined {
  if (!text.includes('%')) return text
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

/**
 * Creates the `@connections` API of a WebSocket gateway. SigV4 is checked on the gateway's
 * injected clock (`options.now`), like every other expiry in Portico.
 *
 * @example
 * ```ts
 * const api = createConnectionsApi(ws, { credentials })
 * const reply = await api({ method: 'POST', url: '/prod/@connections/abc%3D', headers, body: 'hi' })
 * // { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '' }
 * ```
 *
 * @param gateway - from `createWebSocketGateway`
 * @param options - credentials for SigV4, region, body limit
 * @returns the handler: 200 / 204 on success; 400 for a connection id that is not valid
 *   percent-encoding; 403 (SigV4 failure, or an unsupported method); 410 GoneException; 413
 *   PayloadTooLargeException for a body over `maxBodyBytes`; 500 when the gateway fails
 */
export function createConnectionsApi(
  gateway: WebSocketGateway,
  options: ConnectionsApiOptions = {},
): ConnectionsApiHandler {
  const stage = gateway.stageName
  const deps = depsOf(gateway) ?? createDefaultDeps({ logger: silentLogger })
  const region = options.region ?? 'us-east-1'
  const maxBody = options.maxBodyBytes ?? MAX_CONNECTIONS_BODY_BYTES
  const credentials = options.credentials

  const refuse = (failure: GatewayFailure): ConnectionsApiResponse => {
    const defaults = RESPONSE_TYPE_DEFAULTS[failure.responseType]
    return answer(
      failure.statusCode ?? defaults.statusCode ?? 403,
      { message: failure.message ?? defaults.message ?? 'Forbidden' },
      failure.errorType ?? defaults.errorType ?? 'ForbiddenException',
    )
  }

  const handle = async (
    request: ConnectionsApiRequest,
    path: string,
    rawQuery: string,
    idStart: number,
  ): Promise<ConnectionsApiResponse> => {
    const headers = new RequestHeaders(request.headers)
    let signed: SignedRequest | undefined
    let needsBody = false as boolean // set by verifySigV4 through bodyBytes()
    if (credentials) {
      // Everything the headers can prove is checked before a byte of the body is read: the
      // payload hash is only needed when the client did not send `x-amz-content-sha256`.
      signed = {
        method: request.method,
        signedPath: path,
        rawQuery,
        headers,
        query: parseQueryString(rawQuery),
        bodyBytes: () => ((needsBody = true), null),
        region,
        deps,
      }
      const caller = await verifySigV4(signed, credentials, { declaredPayload: true })
      if ('responseType' in caller && !needsBody) return refuse(caller)
    }

    const declared = headers.get('content-length')
    if (declared !== undefined && Number(declared) > maxBody) return TOO_LARGE()
    let body: Uint8Array
    const given = request.body
    if (typeof given === 'function') {
      const read = await given(maxBody)
      if (read === undefined) return TOO_LARGE()
      if (read === null) return answer(400, { message: 'Bad Request' }, 'BadRequestException')
      body = read
    } else if (typeof given === 'string') body = Buffer.from(given)
    else body = given ?? EMPTY
    if (body.byteLength > maxBody) return TOO_LARGE()

    if (signed && credentials) {
      if (needsBody) {
        const bytes = body
        const caller = await verifySigV4({ ...signed, bodyBytes: () => bytes }, credentials)
        if ('responseType' in caller) return refuse(caller)
      } else {
        const claimed = headers.get('x-amz-content-sha256')
        if (claimed !== createHash('sha256').update(body).digest('hex'))
          return refuse({ responseType: 'INVALID_SIGNATURE' })
      }
    }

    const connectionId = decodeSegment(path.slice(idStart))
    if (connectionId === undefined)
      return answer(400, { message: 'Invalid connection id' }, 'BadRequestException')
    const method = request.method.toUpperCase()
    try {
      if (method === 'POST') {
        await gateway.postToConnection(connectionId, body)
        return answer(200, undefined)
      }
      if (method === 'GET') return answer(200, await gateway.getConnection(connectionId))
      if (method === 'DELETE') {
        await gateway.deleteConnection(connectionId)
        return answer(204, undefined)
      }
    } catch (error) {
      if (isConnectionError(error))
        return answer(error.statusCode, { message: error.message }, error.errorType)
      deps.logger.error(`@connections ${method} failed: ${String(error)}`)
      return answer(500, { message: 'Internal server error' }, 'InternalServerErrorException')
    }
    return refuse({ responseType: 'MISSING_AUTHENTICATION_TOKEN' })
  }

  return (request) => {
    const url = request.url
    const q = url.indexOf('?')
    const path = q === -1 ? url : url.slice(0, q)
    const idStart = prefixLength(path, stage)
    if (idStart === -1) return undefined
    return handle(request, path, q === -1 ? '' : url.slice(q + 1), idStart).catch(
      (error: unknown) => {
        deps.logger.error(`@connections request failed: ${String(error)}`)
        return answer(500, { message: 'Internal server error' }, 'InternalServerErrorException')
      },
    )
  }
}
