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
export { connectionsHandler } from './connections-http.js'
import { Buffer } from 'node:buffer'
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { silentLogger } from '../../core/index.js'
import type { Logger } from '../../core/index.js'
import {
  depsOf,
  isConnectionError,
  type ConnectionTransport,
  type WebSocketGateway,
} from '../../websocket/index.js'
import { createFrameLimit } from './frame-limit.js'

/** The socket-level message limit when the gateway does not say (ws's own default is 100 MB). */
const DEFAULT_MAX_PAYLOAD = 1024 * 1024
/** The frame limit when the gateway does not say: AWS's 32 KB. */
const DEFAULT_MAX_FRAME = 32 * 1024
/** Messages of one connection whose route may run at once (`maxInFlightMessages`). */
const DEFAULT_MAX_IN_FLIGHT_MESSAGES = 16
/** Bytes of message data of one connection whose route may run at once (`maxInFlightBytes`). */
const DEFAULT_MAX_IN_FLIGHT_BYTES = 1024 * 1024
/** Bytes waiting to be sent to one client before its connection is dropped. */
const DEFAULT_MAX_OUTBOUND_BYTES = 1024 * 1024
const KEY = /^[+/0-9A-Za-z]{22}==$/
const ignore = (): void => {}

/** Closes with a code a close frame may carry, else drops the socket (1006 cannot be sent). */
function closeSocket(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason)
  } catch {
    ws.terminate()
  }
}

/**
 * How long messages read before the client closed may still wait for their turn: AWS's longest
 * integration timeout. Past it they are dropped and `$disconnect` runs.
 */
const CLOSE_DRAIN_MS = 29_000

/**
 * The messages of one connection: at most `maxMessages`, and `maxBytes` of data (one message
 * always fits), are being processed at once. A message past that waits here, and the socket is
 * paused so that TCP holds the rest: what waits is only what ws had already read from the
 * socket (at most one read, plus the message it completes), never more.
 */
interface Inbox {
  /** A message from the socket: dispatched now, or once earlier ones have finished. */
  add(data: string | Buffer, size: number): void
  /**
   * The client closed: what waits is still dispatched, in turn, for at most
   * {@link CLOSE_DRAIN_MS}; then `done` gets how many were dropped.
   */
  finish(done: (dropped: number) => void): void
  /** The gateway closed the connection: what waits is forgotten. */
  drop(): void
  /** The socket drained what waited to be sent: reading may go on. */
  wake(): void
}

function createInbox(
  ws: WebSocket,
  maxMessages: number,
  maxBytes: number,
  outboundPause: number,
  dispatch: (data: string | Buffer) => Promise<void>,
): Inbox {
  let waiting: Array<[string | Buffer, number] | undefined> = []
  let head = 0
  let count = 0
  let bytes = 0
  let open = true
  let finished: ((dropped: number) => void) | undefined
  let deadline: ReturnType<typeof setTimeout> | undefined
  const fits = (size: number): boolean =>
    count === 0 || (count < maxMessages && bytes + size <= maxBytes)
  const settle = (dropped: number): void => {
    clearTimeout(deadline)
    const done = finished
    finished = undefined
    done?.(dropped)
  }
  const pump = (): void => {
    while (head < waiting.length) {
      const [data, size] = waiting[head] as [string | Buffer, number]
      if (!fits(size)) break
      waiting[head++] = undefined // no longer held here
      count++
      bytes += size
      void dispatch(data).then(() => {
        count--
        bytes -= size
        pump()
      })
    }
    if (head === waiting.length) {
      waiting = []
      head = 0
      settle(0)
    }
    if (!open) return
    // Full: stop reading, so the client's sends wait in TCP's buffers and then in its own. A
    // client that does not read what it is sent is not read either: its requests would only
    // add replies to what already waits for it.
    const full = head < waiting.length || !fits(1) || ws.bufferedAmount > outboundPause
    if (full && !ws.isPaused) ws.pause()
    else if (!full && ws.isPaused) ws.resume()
  }
  const drop = (): void => {
    open = false
    const dropped = waiting.length - head
    waiting = []
    head = 0
    settle(dropped)
  }
  return {
    add(data, size) {
      if (!open) return
      waiting.push([data, size])
      pump()
    },
    finish(done) {
      open = false
      finished = done
      if (head === waiting.length) {
        settle(0)
        return
      }
      deadline = setTimeout(drop, CLOSE_DRAIN_MS)
      deadline.unref()
    },
    drop,
    wake: pump,
  }
}

function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1'
  return address.startsWith('::ffff:') ? address.slice(7) : address
}

/**
 * Answers an upgrade request with a bare HTTP status and its reason phrase, and closes the
 * socket. A status that cannot refuse a handshake (not an integer 400–599) is sent as 500.
 */
function refuseUpgrade(socket: Duplex, status: number, extra = ''): void {
  if (socket.destroyed) return
  const code = Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500
  const text = STATUS_CODES[code] ?? 'unknown' // as node:http's ServerResponse says
  socket.once('finish', () => socket.destroy())
  socket.end(`HTTP/1.1 ${code} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n${extra}\r\n`)
}

/** Why `ws` would refuse this handshake (checked before `$connect` runs), or undefined. */
function handshakeProblem(req: IncomingMessage): [number, string?] | undefined {
  if (req.method !== 'GET') return [405]
  if (req.headers.upgrade?.toLowerCase() !== 'websocket') return [400]
  const key = req.headers['sec-websocket-key']
  if (key === undefined || !KEY.test(key)) return [400]
  const version = req.headers['sec-websocket-version']
  if (version !== '13' && version !== '8') return [400, 'Sec-WebSocket-Version: 13, 8\r\n']
  return undefined
}

/** Options of {@link attachWebSocket}. */
export interface WebSocketAdapterOptions {
  /**
   * Messages of one connection whose route may run at once. Past it the adapter stops reading
   * the connection's socket until one finishes, so TCP slows the client down; messages keep
   * their order and none is refused. @default 16
   */
  maxInFlightMessages?: number
  /**
   * Bytes of message data of one connection whose route may run at once, read the same way (a
   * single message is always let through, whatever its size). @default 1 MB
   */
  maxInFlightBytes?: number
  /**
   * Bytes waiting to be sent to one client (route responses, error frames, `@connections`
   * posts) before its connection is dropped (`$disconnect` gets 1006): a client that stops
   * reading cannot make the server hold its replies without end. Past half of it the client's
   * own messages are not read until the socket drains. @default 1 MB
   */
  maxOutboundBytes?: number
}

function limitOption(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < 1)
    throw new TypeError(`attachWebSocket: ${name} must be a positive integer, got ${value}`)
  return value
}

/**
 * Serves WebSocket connections at `/{stage}` on a `node:http` server: `$connect` decides the
 * handshake (a refusal answers its status), frames go through the routes, closes run
 * `$disconnect`.
 *
 * Client misbehaviour never throws: another path is 403, a request that is not a WebSocket
 * handshake is 400 (405 for a method other than GET) without running `$connect`; a frame over
 * `gateway.maxFrameBytes` (32 KB by default) or a message over `gateway.maxMessageBytes`
 * (128 KB by default, in frames of 32 KB at most) is closed with 1009, a binary frame with 1003
 * (no route runs), invalid UTF-8 in a text frame with 1007, a protocol error with 1002; a client
 * that goes away while `$connect` runs gets `$disconnect` (code 1006) once `$connect` finishes.
 *
 * Each connection has at most `maxInFlightMessages` (16) messages, and `maxInFlightBytes`
 * (1 MB) of message data, whose route is running; past that its socket is not read until one
 * finishes (backpressure: the client's sends slow down, nothing is refused). Messages read
 * before the client closed still go through, in turn, before `$disconnect` runs; any still
 * waiting 29 s after the close are dropped (logged as a warning). A paused socket notices that
 * the client went away when it is read again, once a message finishes. What waits to be sent to
 * a client is bounded too: past half of `maxOutboundBytes` (1 MB) its messages are not read until
 * the socket drains, and a send past the whole of it drops the connection.
 *
 * @param server - the HTTP server
 * @param gateway - from `createWebSocketGateway`
 * @param options - per-connection limits on messages being processed
 * @returns a function that detaches
 * @throws TypeError for a limit that is not a positive integer
 */
export function attachWebSocket(
  server: Server,
  gateway: WebSocketGateway,
  options: WebSocketAdapterOptions = {},
): () => void {
  const maxMessages = limitOption(
    options.maxInFlightMessages,
    DEFAULT_MAX_IN_FLIGHT_MESSAGES,
    'maxInFlightMessages',
  )
  const maxBytes = limitOption(
    options.maxInFlightBytes,
    DEFAULT_MAX_IN_FLIGHT_BYTES,
    'maxInFlightBytes',
  )
  const maxOutbound = limitOption(
    options.maxOutboundBytes,
    DEFAULT_MAX_OUTBOUND_BYTES,
    'maxOutboundBytes',
  )
  const logger: Logger = depsOf(gateway)?.logger ?? silentLogger
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: gateway.maxMessageBytes ?? DEFAULT_MAX_PAYLOAD,
  })
  wss.on('error', (error) => logger.error(`WebSocket server error: ${String(error)}`))
  const logFailure = (error: unknown): void =>
    logger.error(`WebSocket connection failed: ${String(error)}`)
  const stagePath = `/${gateway.stageName}`
  const maxFrame = gateway.maxFrameBytes ?? DEFAULT_MAX_FRAME

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Node removes its own error listener from an upgraded socket: a reset would throw.
    socket.on('error', ignore)
    const target = req.url ?? '/'
    const q = target.indexOf('?')
    const path = q === -1 ? target : target.slice(0, q)
    if (path !== stagePath && path !== `${stagePath}/`) {
      refuseUpgrade(socket, 403)
      return
    }
    const problem = handshakeProblem(req)
    if (problem) {
      refuseUpgrade(socket, ...problem)
      return
    }
    let ws: WebSocket | undefined
    let inbox: Inbox | undefined
    let pending: string[] | undefined
    let closeRequest: [number, string] | undefined
    /** The gateway closes: messages still waiting are for a connection that is gone. */
    const shut = (opened: WebSocket, code: number, reason: string): void => {
      inbox?.drop()
      closeSocket(opened, code, reason)
      opened.resume() // read on, to the client's close frame
    }
    const transport: ConnectionTransport = {
      send(data) {
        if (!ws) {
          ;(pending ??= []).push(data)
          return
        }
        if (ws.readyState !== ws.OPEN) return
        if (ws.bufferedAmount + Buffer.byteLength(data) > maxOutbound) {
          // A client that does not read: it could not take a close frame either, so the socket
          // is dropped ($disconnect gets 1006) rather than hold its replies without end.
          logger.warn(`WebSocket client not reading (${ws.bufferedAmount} bytes waiting): dropped`)
          inbox?.drop()
          ws.terminate()
          return
        }
        ws.send(data)
      },
      close(code, reason) {
        if (ws) shut(ws, code, reason)
        else closeRequest = [code, reason]
      },
    }
    const query = q === -1 ? '' : target.slice(q + 1)
    gateway
      .connect({ rawHeaders: req.rawHeaders, query, sourceIp: clientAddress(req) }, transport)
      .then(
        (connectionId) => {
          const gone = (): void => {
            if (!ws) gateway.disconnected(connectionId, 1006, '').catch(logFailure)
          }
          if (socket.destroyed || !socket.writable) return gone()
          // ws may still refuse the handshake (a bad subprotocol list): it closes the socket
          // without calling back, and the connection must not outlive it.
          socket.once('close', gone)
          wss.handleUpgrade(req, socket, head, (opened) => {
            ws = opened
            socket.off('close', gone)
            opened.on('error', ignore) // ws closes the socket itself (1002, 1007, 1009)
            // A frame over the limit: closed with 1009, and nothing from it or after it is routed.
            // The observer runs before ws's own reader, so the frame's message is never added.
            let refused = false
            socket.prependListener(
              'data',
              createFrameLimit(maxFrame, () => {
                refused = true
                closeSocket(opened, 1009, 'Frame too big')
              }),
            )
            const messages = createInbox(
              opened,
              maxMessages,
              maxBytes,
              maxOutbound / 2,
              async (data) => {
                try {
                  await gateway.receive(connectionId, data)
                } catch (error) {
                  logFailure(error)
                }
              },
            )
            inbox = messages
            socket.on('drain', () => messages.wake())
            if (pending) for (const data of pending.splice(0)) opened.send(data)
            if (closeRequest) shut(opened, ...closeRequest)
            opened.on('message', (data, isBinary) => {
              if (refused) return
              const buffer = data as Buffer // ws's default binaryType: one Buffer per message
              // A binary frame goes as a Buffer: the gateway closes with 1003 and routes nothing.
              messages.add(isBinary ? Buffer.from(buffer) : buffer.toString(), buffer.length)
            })
            opened.on('close', (code, reason) => {
              const why = reason.toString()
              // Messages the client sent before it closed go first; then `$disconnect`.
              messages.finish((dropped) => {
                if (dropped > 0)
                  logger.warn(
                    `WebSocket connection ${connectionId}: ${dropped} message(s) still waiting ${CLOSE_DRAIN_MS} ms after it closed were dropped`,
                  )
                gateway.disconnected(connectionId, code, why).catch(logFailure)
              })
            })
          })
        },
        (error: unknown) => {
          const status = isConnectionError(error) ? error.statusCode : 500
          if (!isConnectionError(error)) logFailure(error)
          refuseUpgrade(socket, status)
        },
      )
      .catch(logFailure)
  }
  server.on('upgrade', onUpgrade)
  return () => {
    server.off('upgrade', onUpgrade)
    wss.close()
  }
}
