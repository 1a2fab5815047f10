/**
 * The `@connections` management API and the stage URL over plain HTTP: a Node request listener
 * that hands each call to the transport-free `createConnectionsApi` and writes its answer.
 *
 * @module
 */
import { Buffer } from 'node:buffer'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CredentialsResolver } from '../../auth/index.js'
import { createConnectionsApi, type ConnectionsApiResponse } from '../../websocket/index.js'
import type { WebSocketGateway } from '../../websocket/index.js'

const ignore = (): void => {}

/** The answer to a plain HTTP request at the stage URL (RFC 9110 §15.5.22 asks for `Upgrade`). */
const UPGRADE_REQUIRED: ConnectionsApiResponse = {
  statusCode: 426,
  headers: { 'Content-Type': 'application/json', Upgrade: 'websocket' },
  body: '{"message":"Upgrade Required"}',
}

function send(req: IncomingMessage, res: ServerResponse, response: ConnectionsApiResponse): void {
  if (res.headersSent || res.destroyed) return
  // A body left unread is not drained for keep-alive: the connection ends with the answer.
  if (!req.complete) res.setHeader('Connection', 'close')
  res.writeHead(response.statusCode, {
    ...response.headers,
    'Content-Length': Buffer.byteLength(response.body),
  })
  res.end(response.body)
}

/**
 * Reads at most `maxBytes` of a request body (see `ConnectionsBodyReader`): `undefined` as soon
 * as it is longer, `null` when the client went away.
 */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array | undefined | null> {
  return new Promise((resolve) => {
    if (req.destroyed) return resolve(null) // went away while the signature was checked
    const chunks: Buffer[] = []
    let size = 0
    const finish = (value: Uint8Array | undefined | null): void => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('close', onClose)
      resolve(value)
    }
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > maxBytes) {
        req.pause()
        finish(undefined)
      } else chunks.push(chunk)
    }
    const onEnd = (): void => finish(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size))
    const onClose = (): void => finish(null)
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('close', onClose)
  })
}

/**
 * A `node:http` listener for the `@connections` API at `/{stage}/@connections/{id}` (`@` may be
 * sent as `%40`): POST sends the body to the client, GET describes the connection, DELETE
 * closes it; a connection that has gone is 410 GoneException. A plain HTTP request (no
 * `Upgrade`) to the stage URL `/{stage}` is 426 Upgrade Required with `Upgrade: websocket`
 * (docs/aws-parity.md). Other requests go to `fallback` (or get 404).
 *
 * The body is read only after the signature headers are verified, and never past 128 KB (AWS's
 * `PostToConnection` limit): a longer one is 413 PayloadTooLargeException and the connection
 * closes. A connection id that is not valid percent-encoding is 400.
 *
 * @param gateway - from `createWebSocketGateway`
 * @param fallback - a listener for everything else
 * @param options - SigV4 credentials and region (see `createConnectionsApi`)
 * @returns the listener
 */
export function connectionsHandler(
  gateway: WebSocketGateway,
  fallback?: (req: IncomingMessage, res: ServerResponse) => void,
  options: {
    /** When given, every call must be SigV4-signed by one of these credentials (403 otherwise). */
    credentials?: CredentialsResolver
    /** The region callers sign for. @default us-east-1 */
    region?: string
  } = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const api = createConnectionsApi(gateway, options)
  const stagePath = `/${gateway.stageName}`
  return (req, res) => {
    const reply = api({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.rawHeaders,
      body: (maxBytes) => readBody(req, maxBytes),
    })
    if (reply) {
      req.on('error', ignore) // a reset mid-body: the reader sees `close`
      void reply.then((response) => send(req, res, response))
      return
    }
    const target = req.url ?? '/'
    const q = target.indexOf('?')
    const path = q === -1 ? target : target.slice(0, q)
    if (path === stagePath || path === `${stagePath}/`) {
      // The WebSocket URL itself, without a handshake: ask for the upgrade.
      send(req, res, UPGRADE_REQUIRED)
      return
    }
    if (fallback) fallback(req, res)
    else
      send(req, res, {
        statusCode: 404,
        headers: { 'Content-Type': 'application/json' },
        body: '{"message":"Not Found"}',
      })
  }
}
