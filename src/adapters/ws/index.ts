/**
 * `portico/ws`: a WebSocket API on real sockets (the `ws` package), and its `@connections`
 * management API over HTTP, which the AWS SDK's `ApiGatewayManagementApiClient` can call
 * unchanged (point its `endpoint` at `http://host:port/{stage}`).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { createWebSocketGateway } from 'portico'
 * import { attachWebSocket, connectionsHandler } from 'portico/ws'
 *
 * const ws = createWebSocketGateway({ api, lambdas, stage: { name: 'prod' } })
 * const server = createServer(connectionsHandler(ws))
 * attachWebSocket(server, ws)
 * server.listen(3001) // ws://localhost:3001/prod, http://localhost:3001/prod/@connections/{id}
 * ```
 *
 * @module
 */
import { Buffer } from 'node:buffer'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { verifySigV4, type CredentialsResolver } from '../../auth/sigv4.js'
import { createDefaultDeps, silentLogger } from '../../core/deps.js'
import { RequestHeaders } from '../../core/headers.js'
import { parseQueryString } from '../../core/query.js'
import {
  ConnectionError,
  type ConnectionTransport,
  type WebSocketGateway,
} from '../../websocket/gateway.js'

function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1'
  return address.startsWith('::ffff:') ? address.slice(7) : address
}

/**
 * Serves WebSocket connections at `/{stage}` on a `node:http` server: `$connect` decides the
 * handshake (a refusal answers its status), frames go through the routes, closes run
 * `$disconnect`.
 *
 * @param server - the HTTP server
 * @param gateway - from `createWebSocketGateway`
 * @returns a function that detaches
 */
export function attachWebSocket(server: Server, gateway: WebSocketGateway): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 })
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname !== `/${gateway.stageName}` && url.pathname !== `/${gateway.stageName}/`) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n')
      return
    }
    let ws: WebSocket | undefined
    const pending: string[] = []
    let closeRequest: [number, string] | undefined
    const transport: ConnectionTransport = {
      send(data) {
        if (ws) ws.send(data)
        else pending.push(data)
      },
      close(code, reason) {
        if (ws) ws.close(code, reason)
        else closeRequest = [code, reason]
      },
    }
    const headers: Record<string, string | string[]> = {}
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] as string
      const value = req.rawHeaders[i + 1] as string
      const existing = headers[name]
      headers[name] = existing === undefined ? value : [...[existing].flat(), value]
    }
    gateway
      .connect({ headers, query: url.search.slice(1), sourceIp: clientAddress(req) }, transport)
      .then(
        (connectionId) => {
          wss.handleUpgrade(req, socket, head, (opened) => {
            ws = opened
            for (const data of pending.splice(0)) opened.send(data)
            if (closeRequest) opened.close(...closeRequest)
            opened.on('message', (data, isBinary) => {
              void gateway.receive(
                connectionId,
                isBinary ? Buffer.from(data as Buffer) : data.toString(),
              )
            })
            opened.on('close', (code, reason) => {
              void gateway.disconnected(connectionId, code, reason.toString())
            })
          })
        },
        (error: unknown) => {
          const status = error instanceof ConnectionError ? error.statusCode : 500
          socket.end(
            `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Error'}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
          )
        },
      )
  }
  server.on('upgrade', onUpgrade)
  return () => {
    server.off('upgrade', onUpgrade)
    wss.close()
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = body === undefined ? '' : JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
  })
  res.end(text)
}

/**
 * A `node:http` listener for the `@connections` API at `/{stage}/@connections/{id}`: POST sends
 * the body to the client, GET describes the connection, DELETE closes it; a connection that has
 * gone is 410 GoneException. Other requests go to `fallback` (or get 404).
 *
 * @param gateway - from `createWebSocketGateway`
 * @param fallback - a listener for everything else
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
  const prefix = `/${gateway.stageName}/@connections/`
  const deps = createDefaultDeps({ logger: silentLogger })
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string
    if (!path.startsWith(prefix)) {
      if (fallback) fallback(req, res)
      else sendJson(res, 404, { message: 'Not Found' })
      return
    }
    const connectionId = decodeURIComponent(path.slice(prefix.length))
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      if (options.credentials) {
        const url = req.url ?? '/'
        const q = url.indexOf('?')
        const rawQuery = q === -1 ? '' : url.slice(q + 1)
        verifySigV4(
          {
            method: req.method ?? 'GET',
            signedPath: q === -1 ? url : url.slice(0, q),
            rawQuery,
            headers: new RequestHeaders(req.rawHeaders),
            query: parseQueryString(rawQuery),
            bodyBytes: () => body,
            region: options.region ?? 'us-east-1',
            deps,
          },
          options.credentials,
        ).then(
          (caller) => {
            if ('responseType' in caller)
              sendJson(res, 403, { message: caller.message ?? 'Forbidden' }, 'ForbiddenException')
            else serve()
          },
          () => sendJson(res, 500, { message: 'Internal server error' }),
        )
      } else serve()
    })
    const serve = (): void => {
      const fail = (error: unknown): void => {
        if (error instanceof ConnectionError)
          sendJson(res, error.statusCode, { message: error.message }, error.errorType)
        else sendJson(res, 500, { message: 'Internal server error' })
      }
      try {
        let done: unknown
        if (req.method === 'POST') {
          done = gateway.postToConnection(connectionId, Buffer.concat(chunks))
          Promise.resolve(done).then(() => sendJson(res, 200, undefined), fail)
        } else if (req.method === 'GET') {
          Promise.resolve(gateway.getConnection(connectionId)).then(
            (info) => sendJson(res, 200, info),
            fail,
          )
        } else if (req.method === 'DELETE') {
          done = gateway.deleteConnection(connectionId)
          Promise.resolve(done).then(() => sendJson(res, 204, undefined), fail)
        } else sendJson(res, 403, { message: 'Missing Authentication Token' })
      } catch (error) {
        fail(error)
      }
    }
  }
}
