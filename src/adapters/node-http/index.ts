/**
 * `portico/node`: serve a gateway from a `node:http` server, at AWS's invoke URL layout
 * (`/{stage}/{resource}`).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { createGateway } from 'portico'
 * import { toNodeHandler } from 'portico/node'
 *
 * createServer(toNodeHandler(createGateway({ api }))).listen(3000) // http://localhost:3000/dev/pets
 * ```
 *
 * @module
 */
import { Buffer } from 'node:buffer'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createExtendedRequestId, createRequestId } from '../../core/ids.js'
import type { GatewayRequest, GatewayResponse } from '../../core/types.js'
import type { Gateway } from '../../gateway.js'
import {
  RESPONSE_TYPE_DEFAULTS,
  type GatewayResponseType,
} from '../../core/gateway-response-types.js'
import { MAX_BODY_BYTES } from '../../pipeline/handle-request.js'

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * Whether URLs start with the stage name, as AWS invoke URLs do (`/prod/pets`); each of the
   * gateway's stages is served under its name, and an unknown stage gets 403 Missing
   * Authentication Token. @default true, except for a `$default` stage
   */
  stagePrefix?: boolean
  /** Largest body read; beyond it the answer is 413. @default 10 MB (AWS's limit) */
  maxBodyBytes?: number
}

/** A `node:http` request listener. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void

/**
 * An answer the adapter gives before the gateway sees the request (wrong stage, body over the
 * limit). AWS cannot customise these either; like every AWS answer they carry request ids.
 */
function gatewayError(type: GatewayResponseType): GatewayResponse {
  const defaults = RESPONSE_TYPE_DEFAULTS[type]
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'x-amzn-ErrorType': defaults.errorType ?? '',
    'x-amzn-RequestId': createRequestId(Math.random),
    'x-amz-apigw-id': createExtendedRequestId(Math.random),
  }
  return {
    statusCode: defaults.statusCode ?? 500,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    body: JSON.stringify({ message: defaults.message }),
    isBase64Encoded: false,
  }
}

/**
 * Whether the request carries a body: a Content-Length other than 0, or Transfer-Encoding.
 * Scans the raw list (building `req.headers` would cost a copy).
 */
function hasBody(raw: readonly string[]): boolean {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string
    if (name.length === 14 && name.toLowerCase() === 'content-length')
      return (raw[i + 1] as string).trim() !== '0'
    if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') return true
  }
  return false
}

function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1'
  return address.startsWith('::ffff:') ? address.slice(7) : address
}

function send(res: ServerResponse, response: GatewayResponse, close = false): void {
  if (res.headersSent || res.destroyed) return
  // A string body lets Node write headers and body in one chunk (a Buffer would cost a writev).
  const body = response.isBase64Encoded ? Buffer.from(response.body, 'base64') : response.body
  const flat: string[] = []
  for (const name in response.multiValueHeaders) {
    if (name.length === 14 && name.toLowerCase() === 'content-length') continue
    for (const value of response.multiValueHeaders[name] as string[]) flat.push(name, value)
  }
  flat.push(
    'Content-Length',
    String(typeof body === 'string' ? Buffer.byteLength(body) : body.length),
  )
  if (close) flat.push('Connection', 'close')
  try {
    res.writeHead(response.statusCode, flat)
  } catch {
    // A header Node cannot send (invalid characters from a handler): send what is valid.
    for (let i = 0; i < flat.length; i += 2) {
      try {
        res.appendHeader(flat[i] as string, flat[i + 1] as string)
      } catch {
        // dropped
      }
    }
    res.writeHead(response.statusCode)
  }
  res.end(body)
}

/**
 * Creates a `node:http` request listener for a gateway. Bodies are read as bytes (binary-safe)
 * up to 10 MB; a larger body gets AWS's 413 without being read further.
 *
 * @param gateway - from `createGateway`
 * @param options - stage prefix and body limit
 * @returns the listener
 */
export function toNodeHandler(gateway: Gateway, options: NodeHandlerOptions = {}): NodeHandler {
  // The `$default` stage (HTTP APIs) is served at the root.
  const prefixed = options.stagePrefix ?? gateway.stage.name !== '$default'
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES
  return (req, res) => {
    const url = req.url ?? '/'
    let path = url
    let stage: { stage: string } | undefined
    if (prefixed) {
      // The first segment names the stage: `/{stage}/{resource}` (an unknown stage is a 403).
      let end = 1
      while (end < url.length && url.charCodeAt(end) !== 47 && url.charCodeAt(end) !== 63) end++
      const name = url.slice(1, end)
      if (url.charCodeAt(0) !== 47 || name === '') {
        req.resume()
        send(res, gatewayError('MISSING_AUTHENTICATION_TOKEN'))
        return
      }
      stage = { stage: name }
      path = url.slice(end)
      if (path === '' || path.startsWith('?')) path = `/${path}`
    }
    const respond = (body: Buffer | null): void => {
      const request: GatewayRequest = {
        method: req.method ?? 'GET',
        path,
        rawHeaders: req.rawHeaders,
        body,
        sourceIp: clientAddress(req),
      }
      gateway.invoke(request, stage).then(
        (response) => send(res, response),
        () => send(res, gatewayError('API_CONFIGURATION_ERROR')),
      )
    }
    if (!hasBody(req.rawHeaders)) {
      // Nothing to read: answer now (Node drains the empty request when the response ends).
      respond(null)
      return
    }
    const declared = Number(req.headers['content-length'])
    if (declared > maxBody) {
      send(res, gatewayError('REQUEST_TOO_LARGE'), true)
      req.resume()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return
      size += chunk.length
      if (size > maxBody) {
        tooLarge = true
        chunks.length = 0
        send(res, gatewayError('REQUEST_TOO_LARGE'), true)
        return
      }
      chunks.push(chunk)
    })
    req.on('error', () => {
      if (!res.headersSent) res.destroy()
    })
    req.on('end', () => {
      if (tooLarge) return
      respond(
        chunks.length === 0
          ? null
          : chunks.length === 1
            ? (chunks[0] as Buffer)
            : Buffer.concat(chunks),
      )
    })
  }
}
