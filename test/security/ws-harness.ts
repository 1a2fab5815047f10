// A WebSocket API on real sockets (portico/ws on 127.0.0.1, port 0) for the security tests:
// $connect can be held open by the test, $default echoes (two-way), $disconnect is recorded.
import { createServer, type Server } from 'node:http'
import { connect as connectTcp, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { expect } from 'vitest'
import WebSocket from 'ws'
import { attachWebSocket, connectionsHandler } from '../../src/adapters/ws/index.js'
import {
  createWebSocketGateway,
  silentLogger,
  type CredentialsResolver,
  type WebSocketGateway,
} from '../../src/index.js'

export const CREDS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
}
export const resolveCreds: CredentialsResolver = (id) =>
  id === CREDS.accessKeyId ? { secretAccessKey: CREDS.secretAccessKey } : undefined

export interface Harness {
  readonly gateway: WebSocketGateway
  readonly server: Server
  readonly port: number
  /** Every `$connect` event's connection id, in order. */
  readonly connects: string[]
  /** Every `$disconnect`: [connection id, close code]. */
  readonly disconnects: Array<[string, number]>
  /** Uncaught exceptions and unhandled rejections seen while the harness ran. */
  readonly crashes: unknown[]
  /** While set, `$connect` waits for this promise. */
  hold: Promise<void> | undefined
  close(): Promise<void>
}

export async function startHarness(
  options: { credentials?: CredentialsResolver; maxMessageBytes?: number } = {},
): Promise<Harness> {
  const connects: string[] = []
  const disconnects: Array<[string, number]> = []
  const crashes: unknown[] = []
  const onCrash = (error: unknown): void => void crashes.push(error)
  process.on('uncaughtException', onCrash)
  process.on('unhandledRejection', onCrash)
  const harness = { connects, disconnects, crashes, hold: undefined } as {
    -readonly [K in keyof Harness]: Harness[K]
  }
  type Ctx = { requestContext: { connectionId: string; disconnectStatusCode?: number } }
  harness.gateway = createWebSocketGateway({
    api: {
      routes: {
        $connect: { lambda: 'Connect' },
        $disconnect: { lambda: 'Disconnect' },
        $default: { lambda: 'Echo', routeResponseSelectionExpression: '$default' },
      },
    },
    stage: { name: 'prod' },
    lambdas: {
      Connect: async (event: Ctx) => {
        connects.push(event.requestContext.connectionId)
        await harness.hold
        return { statusCode: 200 }
      },
      Disconnect: async (event: Ctx) => {
        disconnects.push([
          event.requestContext.connectionId,
          event.requestContext.disconnectStatusCode ?? -1,
        ])
        return { statusCode: 200 }
      },
      Echo: async (event: { body: string }) => ({ statusCode: 200, body: `echo: ${event.body}` }),
    },
    logger: silentLogger,
    ...(options.maxMessageBytes ? { maxMessageBytes: options.maxMessageBytes } : {}),
  })
  harness.server = createServer(
    connectionsHandler(harness.gateway, undefined, {
      ...(options.credentials ? { credentials: options.credentials } : {}),
    }),
  )
  attachWebSocket(harness.server, harness.gateway)
  await new Promise<void>((ok) => harness.server.listen(0, '127.0.0.1', ok))
  harness.port = (harness.server.address() as AddressInfo).port
  harness.close = () =>
    new Promise<void>((ok) => {
      process.off('uncaughtException', onCrash)
      process.off('unhandledRejection', onCrash)
      for (const id of harness.gateway.connections()) void harness.gateway.deleteConnection(id)
      harness.server.closeAllConnections()
      harness.server.close(() => ok())
    })
  return harness
}

/** Opens a ws client at `/prod`; resolves once open. */
export function openClient(port: number, target = '/prod'): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${target}`)
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

/**
 * Sends one text message in frames of at most `frameBytes` (AWS takes frames up to 32 KB and
 * messages up to 128 KB).
 */
export function sendInFrames(ws: WebSocket, text: string, frameBytes = 32 * 1024): void {
  for (let at = 0; at < text.length; at += frameBytes)
    ws.send(text.slice(at, at + frameBytes), { fin: at + frameBytes >= text.length })
}

/** A normal client still gets served: connects, sends, gets the echo, closes. */
export async function echoRoundTrip(port: number, text = 'still alive'): Promise<string> {
  const ws = await openClient(port)
  const reply = new Promise<string>((ok) => ws.once('message', (data) => ok(String(data))))
  ws.send(text)
  const answer = await reply
  ws.close()
  return answer
}

/** The process took no uncaught exception, and a normal client still gets served. */
export async function expectServing(h: Harness): Promise<void> {
  expect(await echoRoundTrip(h.port)).toBe('echo: still alive')
  expect(h.crashes).toEqual([])
}

/** The close code and reason a ws client sees. */
export function closeOf(ws: WebSocket): Promise<[number, string]> {
  return new Promise((ok) => ws.once('close', (code, reason) => ok([code, String(reason)])))
}

/** Writes raw bytes on a new TCP connection; resolves with everything the server sent. */
export function rawExchange(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connectTcp(port, '127.0.0.1')
    let text = ''
    socket.on('data', (chunk) => (text += chunk.toString('latin1')))
    socket.on('error', () => undefined)
    socket.on('close', () => resolve(text))
    socket.write(bytes)
  })
}

/** A valid WebSocket upgrade request for `target`, with extra header lines. */
export function upgradeRequest(target: string, extra = ''): string {
  return (
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`
  )
}

/** Resolves once `check` is true, polling on the event loop (no timing assertion). */
export async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((ok) => setTimeout(ok, 5))
}
