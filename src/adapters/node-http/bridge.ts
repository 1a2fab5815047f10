/**
 * What the node adapters share: answering before the gateway (wrong stage, body too large),
 * reading a request's facts, and writing a gateway response to a `ServerResponse`.
 */
import { Buffer } from 'node:buffer'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createExtendedRequestId, createRequestId } from '../../core/index.js'
import { payloadTooLarge } from '../../core/index.js'
import type { GatewayResponse } from '../../core/index.js'
import { RESPONSE_TYPE_DEFAULTS, type GatewayResponseType } from '../../core/index.js'

/**
 * An answer the adapter gives before the gateway sees the request (wrong stage, a failed
 * invocation). AWS cannot customise these either; like every AWS answer they carry request ids.
 */
export function gatewayError(type: GatewayResponseType): GatewayResponse {
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
 * The answer to a body over `maxBytes`, given while the body streams in: 413 with AWS's plain
 * text `HTTP content length exceeded 10485760 bytes.` (core/payload-limit), with request ids.
 */
export function payloadTooLargeResponse(maxBytes: number): GatewayResponse {
  const answer = payloadTooLarge(maxBytes)
  const headers: Record<string, string> = {
    ...answer.headers,
    'x-amzn-RequestId': createRequestId(Math.random),
    'x-amz-apigw-id': createExtendedRequestId(Math.random),
  }
  return {
    statusCode: answer.statusCode,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    body: answer.body,
    isBase64Encoded: false,
  }
}

/**
 * The answer to a body a parser before Portico turned into a value that cannot be written back
 * as JSON (e.g. arrays nested 40,000 deep, which `JSON.stringify` overflows the stack on): 400
 * `{"message": "Invalid request body"}`, the words of REST's body validator.
 *
 * @returns the response
 */
export function unreadableBodyResponse(): GatewayResponse {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'x-amzn-RequestId': createRequestId(Math.random),
    'x-amzn-ErrorType': 'BadRequestException',
  }
  return {
    statusCode: 400,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    body: '{"message": "Invalid request body"}',
    isBase64Encoded: false,
  }
}

/**
 * Whether the request carries a body: a Content-Length other than 0, or Transfer-Encoding.
 * Scans the raw list (building `req.headers` would cost a copy).
 */
export function hasBody(raw: readonly string[]): boolean {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string
    if (name.length === 14 && name.toLowerCase() === 'content-length')
      return (raw[i + 1] as string).trim() !== '0'
    if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') return true
  }
  return false
}

/**
 * Where the client connected: the socket's local port and whether it is TLS, for the Lambda
 * proxy event's `X-Forwarded-Port` and `X-Forwarded-Proto`.
 *
 * @param req - the request
 * @returns `{ port, scheme }` (port omitted when the socket has none)
 */
export function connectionOf(req: IncomingMessage): { port?: number; scheme: 'http' | 'https' } {
  const socket = req.socket as IncomingMessage['socket'] & { encrypted?: boolean }
  const scheme = socket.encrypted === true ? 'https' : 'http'
  const port = socket.localPort
  return port === undefined ? { scheme } : { port, scheme }
}

export function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1'
  return address.startsWith('::ffff:') ? address.slice(7) : address
}

/**
 * Whether a response header is one the adapter owns: Node frames the body it writes
 * (`Content-Length`, chunking) and manages the connection, so these names from a reply (a Lambda,
 * a backend, a mapping) could only contradict it (`Transfer-Encoding: chunked` next to
 * `Content-Length` makes clients fail). Checked by length first: most names cost no lower-casing.
 *
 * @param name - a header name in any case
 * @returns true for content-length, transfer-encoding, connection, keep-alive,
 *   proxy-connection, upgrade, te and trailer
 */
export function isFramingHeader(name: string): boolean {
  switch (name.length) {
    case 2:
      return name.toLowerCase() === 'te'
    case 7: {
      const lower = name.toLowerCase()
      return lower === 'upgrade' || lower === 'trailer'
    }
    case 10: {
      const lower = name.toLowerCase()
      return lower === 'connection' || lower === 'keep-alive'
    }
    case 14:
      return name.toLowerCase() === 'content-length'
    case 16:
      return name.toLowerCase() === 'proxy-connection'
    case 17:
      return name.toLowerCase() === 'transfer-encoding'
    default:
      return false
  }
}

/**
 * Whether a status may be sent as the final answer: an integer from 200 to 599 (a 1xx would
 * leave the client waiting for the real one). The gateway only produces such statuses from
 * client, Lambda or backend data; this guards against ones written into the definition.
 *
 * @param status - the response's status
 * @returns true when the adapter may send it
 */
export function isFinalStatus(status: number): boolean {
  return Number.isInteger(status) && status >= 200 && status <= 599
}

/** Statuses that carry no body (RFC 9110 §15.3.5, §15.4.5): neither body nor length is sent. */
function hasNoBody(status: number): boolean {
  return status === 204 || status === 304
}

/**
 * Writes a gateway response. The adapter frames the body (`Content-Length` of what it sends)
 * and drops framing headers from the response ({@link isFramingHeader}); a status outside
 * 200–599 becomes a 500 Internal server error.
 *
 * @param res - the response to write
 * @param response - the gateway's response
 * @param close - whether to close the connection after it (`Connection: close`)
 */
export function send(res: ServerResponse, response: GatewayResponse, close = false): void {
  if (res.headersSent || res.destroyed) return
  if (!isFinalStatus(response.statusCode)) response = gatewayError('API_CONFIGURATION_ERROR')
  const status = response.statusCode
  // A string body lets Node write headers and body in one chunk (a Buffer would cost a writev).
  const body = hasNoBody(status)
    ? ''
    : response.isBase64Encoded
      ? Buffer.from(response.body, 'base64')
      : response.body
  const flat: string[] = []
  for (const name in response.multiValueHeaders) {
    if (isFramingHeader(name)) continue
    for (const value of response.multiValueHeaders[name] as string[]) flat.push(name, value)
  }
  if (!hasNoBody(status))
    flat.push(
      'Content-Length',
      String(typeof body === 'string' ? Buffer.byteLength(body) : body.length),
    )
  if (close) flat.push('Connection', 'close')
  try {
    if (res.getHeaderNames().length === 0) res.writeHead(status, flat)
    else {
      // A framework set headers already (Express's X-Powered-By): writeHead(array) would go
      // through setHeader and keep only the last of repeated names such as Set-Cookie.
      for (let i = 0; i < flat.length; i += 2)
        res.appendHeader(flat[i] as string, flat[i + 1] as string)
      res.writeHead(status)
    }
  } catch {
    // A header Node cannot send (invalid characters from a handler): send what is valid.
    for (let i = 0; i < flat.length; i += 2) {
      try {
        res.appendHeader(flat[i] as string, flat[i + 1] as string)
      } catch {
        // dropped
      }
    }
    res.writeHead(status)
  }
  res.end(body)
}

/**
 * The request body as bytes: what a body parser already read (`req.body`: a Buffer, a string,
 * or an object as JSON), else the stream, up to `maxBytes`.
 *
 * @param req - the request
 * @param preset - a body another middleware already parsed, if any
 * @param maxBytes - the limit
 * @returns the bytes (null for none), `'too-large'`, or `'aborted'` when the client went away
 *   before the body ended (nothing to answer, and nothing the host needs to log)
 */
/**
 * The body bytes a middleware can forward when a body parser ran before it: the raw bytes the
 * parser kept (`req.rawBody`, set by {@link captureRawBody} or koa-bodyparser), else what the
 * parser left. A parsed object can only be re-serialised (`1.0` becomes `1`, key order and
 * spacing change), so that case emits a process warning once per middleware
 * (`PORTICO_PARSED_BODY`) naming the fix.
 *
 * @param req - the request
 * @param raw - the raw body a parser kept, if any
 * @param parsed - the parser's `body`
 * @param seen - per-middleware state, so the warning is emitted once
 * @returns the preset for {@link readNodeBody}
 */
export function presetBody(
  req: IncomingMessage,
  raw: unknown,
  parsed: unknown,
  seen: { warned: boolean },
): unknown {
  if (Buffer.isBuffer(raw) || typeof raw === 'string') return raw
  if (
    !seen.warned &&
    typeof parsed === 'object' &&
    parsed !== null &&
    !Buffer.isBuffer(parsed) &&
    req.readableEnded
  ) {
    seen.warned = true
    process.emitWarning(
      'a body parser ran before the Portico middleware and kept no raw body: integrations get the body re-serialised from the parsed value (1.0 becomes 1). Mount Portico before the parser, or keep the bytes: express.json({ verify: captureRawBody }) from portico/express.',
      { code: 'PORTICO_PARSED_BODY' },
    )
  }
  return parsed
}

/**
 * A body-parser `verify` hook that keeps the raw bytes on `req.rawBody`, so Portico forwards the
 * body exactly as sent: `app.use(express.json({ verify: captureRawBody }))`.
 *
 * @param req - the request
 * @param _res - the response
 * @param buf - the raw body
 */
export function captureRawBody(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  ;(req as IncomingMessage & { rawBody?: Buffer }).rawBody = buf
}

export function readNodeBody(
  req: IncomingMessage,
  preset: unknown,
  maxBytes: number,
): Promise<Buffer | null | 'too-large' | 'aborted' | 'unreadable'> {
  if (preset !== undefined && (req.readableEnded || req.complete)) {
    if (preset === null) return Promise.resolve(null)
    let bytes: Buffer
    try {
      bytes = Buffer.isBuffer(preset)
        ? preset
        : Buffer.from(typeof preset === 'string' ? preset : JSON.stringify(preset))
    } catch {
      // A parsed body JSON.stringify cannot write back (nested past the stack, a BigInt).
      return Promise.resolve('unreadable')
    }
    if (bytes.length === 0) return Promise.resolve(null)
    return Promise.resolve(bytes.length > maxBytes ? 'too-large' : bytes)
  }
  if (!hasBody(req.rawHeaders)) return Promise.resolve(null)
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        req.removeAllListeners('data')
        req.resume()
        resolve('too-large')
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(chunks.length === 0 ? null : Buffer.concat(chunks)))
    req.on('error', () => resolve('aborted'))
  })
}

/**
 * Whether a response is the gateway's "no such route" answer (403 Missing Authentication Token
 * on REST, 404 Not Found on HTTP APIs), for middleware that falls through.
 *
 * @param response - the gateway's response
 * @returns true when no route matched
 */
export function isNoRoute(response: GatewayResponse): boolean {
  const type = response.headers['x-amzn-ErrorType']
  return (
    (response.statusCode === 403 && type === 'MissingAuthenticationTokenException') ||
    (response.statusCode === 404 && response.body === '{"message":"Not Found"}')
  )
}
