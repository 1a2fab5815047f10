// Kind: memory. One client streaming messages to a route whose function is slow had every
// message dispatched at once (no backpressure): hundreds of MB and thousands of invocations in
// flight after seconds. Now each connection has at most `maxInFlightMessages` (16) messages and
// `maxInFlightBytes` (1 MB) being processed; past that its socket is not read.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { attachWebSocket, type WebSocketAdapterOptions } from '../../src/adapters/ws/index.js'
import { createWebSocketGateway, silentLogger, type WebSocketGateway } from '../../src/index.js'
import { closeOf, openClient, sendInFrames, until } from './ws-harness.js'

interface Held {
  readonly server: Server
  readonly gateway: WebSocketGateway
  readonly port: number
  /** Bodies `$default` was entered with, in order. */
  readonly entered: string[]
  /** `$disconnect` events seen. */
  readonly disconnects: string[]
  readonly crashes: unknown[]
  /** The most `$default` calls running at once. */
  readonly peak: () => number
  /** Lets every held call (and every later one) finish. */
  release(): void
  /** Holds `$default` calls again. */
  hold(): void
  close(): Promise<void>
}

async function startHeld(options?: WebSocketAdapterOptions): Promise<Held> {
  const entered: string[] = []
  const disconnects: string[] = []
  const crashes: unknown[] = []
  const onCrash = (error: unknown): void => void crashes.push(error)
  process.on('uncaughtException', onCrash)
  process.on('unhandledRejection', onCrash)
  let running = 0
  let peak = 0
  let gate: Promise<void> | undefined
  let open = (): void => {}
  const hold = (): void => {
    gate = new Promise<void>((ok) => (open = ok))
  }
  hold()
  const gateway = createWebSocketGateway({
    api: {
      routes: {
        $default: { lambda: 'Slow' },
        $disconnect: { lambda: 'Disconnect' },
        ping: { lambda: 'Ping', routeResponseSelectionExpression: '$default' },
      },
    },
    stage: { name: 'prod' },
    lambdas: {
      Slow: async (event: { body: string }) => {
        entered.push(event.body)
        peak = Math.max(peak, ++running)
        await gate
        running--
        return { statusCode: 200 }
      },
      Ping: async () => ({ statusCode: 200, body: 'pong' }),
      Disconnect: async (event: { requestContext: { connectionId: string } }) => {
        disconnects.push(event.requestContext.connectionId)
        return { statusCode: 200 }
      },
    },
    logger: silentLogger,
  })
  const server = createServer()
  attachWebSocket(server, gateway, options)
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return {
    server,
    gateway,
    port: (server.address() as AddressInfo).port,
    entered,
    disconnects,
    crashes,
    peak: () => peak,
    release: () => {
      gate = undefined
      open()
    },
    hold,
    close: () =>
      new Promise<void>((ok) => {
        process.off('uncaughtException', onCrash)
        process.off('unhandledRejection', onCrash)
        open()
        server.closeAllConnections()
        server.close(() => ok())
      }),
  }
}

/** A second client is served while the first one is held. */
async function ping(port: number): Promise<string> {
  const ws = await openClient(port)
  const reply = new Promise<string>((ok) => ws.once('message', (data) => ok(String(data))))
  ws.send('{"action":"ping"}')
  const answer = await reply
  ws.close()
  return answer
}

/** Lets the server read whatever it is going to read (a few event-loop turns and a round trip). */
async function settle(port: number): Promise<void> {
  for (let i = 0; i < 3; i++) await ping(port)
}

describe('ws message backpressure', () => {
  let h: Held
  beforeAll(async () => {
    h = await startHeld()
  })
  afterAll(() => h.close())

  it('runs at most 16 messages of a connection at once, then delivers all 200 in order', async () => {
    h.entered.length = 0
    h.hold()
    const ws = await openClient(h.port)
    const sent = Array.from({ length: 200 }, (_, i) => `message ${i}`)
    for (const text of sent) ws.send(text)
    await until(() => h.entered.length === 16)
    await settle(h.port) // another client is served meanwhile
    expect(h.entered).toHaveLength(16)
    expect(await ping(h.port)).toBe('pong')
    h.release()
    await until(() => h.entered.length === 200)
    expect(h.entered).toEqual(sent)
    expect(h.peak()).toBeLessThanOrEqual(16)
    const closed = closeOf(ws)
    ws.close()
    await closed
    expect(h.crashes).toEqual([])
  })

  it('keeps at most 1 MB of message data in flight (10 messages of 100 KB)', async () => {
    h.entered.length = 0
    h.hold()
    const ws = await openClient(h.port)
    const sent = Array.from({ length: 24 }, (_, i) => `${i}:`.padEnd(100 * 1024, 'x'))
    for (const text of sent) sendInFrames(ws, text)
    await until(() => h.entered.length === 10)
    await settle(h.port)
    expect(h.entered).toHaveLength(10)
    h.release()
    await until(() => h.entered.length === 24)
    expect(h.entered.map((body) => body.slice(0, 3))).toEqual(sent.map((t) => t.slice(0, 3)))
    ws.close()
  })

  it('lets one message larger than the byte budget through on its own', async () => {
    const small = await startHeld({ maxInFlightBytes: 1000 })
    try {
      const ws = await openClient(small.port)
      for (const text of ['a'.repeat(5000), 'b', 'c']) ws.send(text)
      await until(() => small.entered.length === 1)
      await settle(small.port)
      expect(small.entered.map((body) => body[0])).toEqual(['a'])
      small.release()
      await until(() => small.entered.length === 3)
      expect(small.entered.map((body) => body[0])).toEqual(['a', 'b', 'c'])
      ws.close()
    } finally {
      await small.close()
    }
  })

  it('honours maxInFlightMessages and refuses a limit that is not a positive integer', async () => {
    const one = await startHeld({ maxInFlightMessages: 1 })
    try {
      const ws = await openClient(one.port)
      for (let i = 0; i < 5; i++) ws.send(`m${i}`)
      await until(() => one.entered.length === 1)
      await settle(one.port)
      expect(one.entered).toEqual(['m0'])
      one.release()
      await until(() => one.entered.length === 5)
      expect(one.entered).toEqual(['m0', 'm1', 'm2', 'm3', 'm4'])
      ws.close()
    } finally {
      await one.close()
    }
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity])
      expect(() =>
        attachWebSocket(createServer(), h.gateway, { maxInFlightMessages: bad }),
      ).toThrow(TypeError)
    expect(() => attachWebSocket(createServer(), h.gateway, { maxInFlightBytes: 0 })).toThrow(
      TypeError,
    )
  })

  it('a client that sends 200 messages and closes at once: all 200 run, then $disconnect', async () => {
    h.entered.length = 0
    h.release()
    const before = new Set(h.gateway.connections())
    const ws = await openClient(h.port)
    const id = h.gateway.connections().find((known) => !before.has(known)) as string
    const sent = Array.from({ length: 200 }, (_, i) => `batch ${i}`)
    for (const text of sent) ws.send(text)
    ws.close() // the close frame is read with messages still waiting for their turn
    await until(() => h.disconnects.includes(id))
    expect(h.entered).toEqual(sent)
    expect(h.peak()).toBeLessThanOrEqual(16)
  })

  it('a client that goes away while held gets $disconnect once its messages finish', async () => {
    h.entered.length = 0
    h.disconnects.length = 0
    h.hold()
    const before = new Set(h.gateway.connections())
    const ws: WebSocket = await openClient(h.port)
    const id = h.gateway.connections().find((known) => !before.has(known)) as string
    const sent = Array.from({ length: 200 }, (_, i) => `m${i}`)
    for (const text of sent) ws.send(text)
    await until(() => h.entered.length === 16)
    const closed = closeOf(ws)
    ws.terminate()
    await closed
    // A paused socket sees the client's FIN once it is read again: when a message finishes
    // (at the latest the integration timeout).
    h.release()
    await until(() => h.disconnects.includes(id))
    expect(h.gateway.connections()).not.toContain(id)
    expect(h.entered).toEqual(sent.slice(0, h.entered.length))
    expect(h.crashes).toEqual([])
  })

  it('a connection closed by the gateway while held finishes its close handshake at once', async () => {
    h.entered.length = 0
    h.hold()
    const before = new Set(h.gateway.connections())
    const ws = await openClient(h.port)
    const id = h.gateway.connections().find((known) => !before.has(known)) as string
    for (let i = 0; i < 200; i++) ws.send(`m${i}`)
    await until(() => h.entered.length === 16)
    const closed = closeOf(ws)
    await h.gateway.deleteConnection(id)
    // The client's close frame waits behind the unread messages: the socket must be read on.
    expect(await closed).toEqual([1000, 'Closed by the @connections API'])
    h.release()
    expect(h.crashes).toEqual([])
  })
})
