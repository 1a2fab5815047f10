// WebSocket API facts (issue 18) over real sockets: a `ws` client against `portico/ws` on
// 127.0.0.1. Each row names its source. Frames: what is routed and which close code ends the
// connection. Lifetime and events: the `$disconnect` headers, the idle timer, plain HTTP at the
// stage URL.
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { attachWebSocket, connectionsHandler } from '../../src/adapters/ws/index.js'
import { createWebSocketGateway, silentLogger, type WebSocketGateway } from '../../src/index.js'
import { FakeClock } from '../../src/testing/index.js'

const QUOTAS = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html'
const BINARY =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-binary-media-types.html'
const DISCONNECT_CAPTURE =
  'aws/aws-lambda-go events/testdata/apigw-websocket-request-disconnect.json (issue #548)'

type Event = {
  headers?: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
  body?: string
  requestContext: { connectionId: string; eventType: string; disconnectStatusCode?: number }
}

let server: Server
let port = 0
let gateway: WebSocketGateway
const clock = new FakeClock(Date.UTC(2026, 10, 30))
const events: Event[] = []

beforeAll(async () => {
  gateway = createWebSocketGateway({
    api: {
      routes: {
        $connect: { lambda: 'Record' },
        $disconnect: { lambda: 'Record' },
        $default: { lambda: 'Echo', routeResponseSelectionExpression: '$default' },
      },
    },
    stage: { name: 'prod' },
    lambdas: {
      Record: async (event: Event) => (events.push(event), { statusCode: 200 }),
      Echo: async (event: Event) => {
        events.push(event)
        return { statusCode: 200, body: `${event.body?.length ?? 0} characters` }
      },
    },
    clock,
    logger: silentLogger,
  })
  server = createServer(connectionsHandler(gateway))
  attachWebSocket(server, gateway)
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  port = (server.address() as AddressInfo).port
})
afterAll(() => {
  server.closeAllConnections()
  return new Promise<void>((ok) => server.close(() => ok()))
})

interface Client {
  ws: WebSocket
  id: string
  received: string[]
  closed: Promise<[number, string]>
}

async function open(headers: Record<string, string> = {}): Promise<Client> {
  const before = new Set(gateway.connections())
  const ws = new WebSocket(`ws://127.0.0.1:${port}/prod`, { headers })
  const received: string[] = []
  ws.on('message', (data) => received.push(String(data)))
  const closed = new Promise<[number, string]>((ok) =>
    ws.once('close', (code, reason) => ok([code, String(reason)])),
  )
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok())
    ws.once('error', fail)
  })
  const id = gateway.connections().find((c) => !before.has(c)) as string
  return { ws, id, received, closed }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !check(); i++) await new Promise((ok) => setTimeout(ok, 5))
  expect(check()).toBe(true)
}

const routedFor = (id: string): Event[] =>
  events.filter(
    (e) => e.requestContext.connectionId === id && e.requestContext.eventType === 'MESSAGE',
  )
const disconnectOf = (id: string): Event | undefined =>
  events.find(
    (e) => e.requestContext.connectionId === id && e.requestContext.eventType === 'DISCONNECT',
  )

/** One frame the client sends: its payload size, whether it ends the message, binary or text. */
type Frame = [size: number, fin: boolean, binary?: boolean]
const KB = 1024

describe('frames from the client', () => {
  const rows: Array<{
    fact: string
    source: string
    frames: Frame[]
    /** Messages routed to `$default`, with their lengths. */
    routed: number[]
    /** The close code the client gets, or undefined when the connection stays open. */
    close: number | undefined
  }> = [
    {
      fact: 'a binary frame is not routed: close 1003',
      source: BINARY,
      frames: [[5, true, true]],
      routed: [],
      close: 1003,
    },
    {
      fact: 'text before a binary frame is routed, then close 1003',
      source: BINARY,
      frames: [
        [3, true],
        [5, true, true],
      ],
      routed: [3],
      close: 1003,
    },
    {
      fact: 'one frame of exactly 32 KB is delivered',
      source: QUOTAS,
      frames: [[32 * KB, true]],
      routed: [32 * KB],
      close: undefined,
    },
    {
      fact: 'one frame over 32 KB: close 1009, nothing routed',
      source: QUOTAS,
      frames: [[32 * KB + 1, true]],
      routed: [],
      close: 1009,
    },
    {
      fact: 'a first fragment over 32 KB: close 1009, nothing routed',
      source: QUOTAS,
      frames: [
        [40 * KB, false],
        [1, true],
      ],
      routed: [],
      close: 1009,
    },
    {
      fact: 'a 128 KB message in four 32 KB frames is delivered',
      source: `${QUOTAS} (footnote: split into frames of 32 KB or less)`,
      frames: [
        [32 * KB, false],
        [32 * KB, false],
        [32 * KB, false],
        [32 * KB, true],
      ],
      routed: [128 * KB],
      close: undefined,
    },
    {
      fact: 'a message over 128 KB in 32 KB frames: close 1009, nothing routed',
      source: QUOTAS,
      frames: [
        [32 * KB, false],
        [32 * KB, false],
        [32 * KB, false],
        [32 * KB, false],
        [1, true],
      ],
      routed: [],
      close: 1009,
    },
  ]

  it.each(rows)('$fact ($source)', async ({ frames, routed, close }) => {
    const client = await open()
    for (const [size, fin, binary] of frames)
      client.ws.send(binary ? Buffer.alloc(size, 7) : 'x'.repeat(size), { fin, binary: !!binary })
    if (close === undefined) {
      await until(() => client.received.length === routed.length)
      expect(client.received).toEqual(routed.map((n) => `${n} characters`))
      client.ws.close()
      await client.closed
    } else {
      expect((await client.closed)[0]).toBe(close)
      await until(() => disconnectOf(client.id) !== undefined)
      // `$disconnect` runs after everything the client sent before the close was handled.
      expect(routedFor(client.id).map((e) => e.body?.length)).toEqual(routed)
    }
    await until(() => !gateway.connections().includes(client.id))
  })
})

/** Posts through `@connections`; resolves with the status. */
function post(id: string, data: string): Promise<number> {
  return new Promise((ok, fail) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/prod/@connections/${encodeURIComponent(id)}`,
      },
      (res) => {
        res.resume()
        res.on('end', () => ok(res.statusCode ?? 0))
      },
    )
    req.on('error', fail)
    req.end(data)
  })
}

/** A plain HTTP request (no Upgrade); resolves with the status, headers and body. */
function plain(method: string, path: string): Promise<[number, Record<string, unknown>, string]> {
  return new Promise((ok, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = ''
      res.on('data', (chunk) => (body += String(chunk)))
      res.on('end', () => ok([res.statusCode ?? 0, res.headers, body]))
    })
    req.on('error', fail)
    req.end()
  })
}

const MINUTE = 60_000

describe('lifetime and events', () => {
  const rows: Array<{ fact: string; source: string; check: () => Promise<void> }> = [
    {
      fact: '$disconnect carries Host, x-api-key, X-Forwarded-For and x-restapi, not the handshake headers',
      source: DISCONNECT_CAPTURE,
      check: async () => {
        const client = await open({ 'X-Custom': 'from the handshake', 'x-api-key': 'k' })
        client.ws.close(1000)
        await until(() => disconnectOf(client.id) !== undefined)
        const event = disconnectOf(client.id) as Event
        const host = `127.0.0.1:${port}`
        expect(event.headers).toEqual({
          Host: host,
          'x-api-key': '',
          'X-Forwarded-For': '',
          'x-restapi': '',
        })
        expect(event.multiValueHeaders).toEqual({
          Host: [host],
          'x-api-key': [''],
          'X-Forwarded-For': [''],
          'x-restapi': [''],
        })
        expect(event.requestContext.disconnectStatusCode).toBe(1000)
      },
    },
    {
      fact: 'messages the server sends through @connections restart the 10-minute idle timer',
      source: 'recorded wscat session in the hotsock keep-alive docs; subscriptionless#3',
      check: async () => {
        const client = await open()
        await clock.advance(9 * MINUTE)
        expect(await post(client.id, 'tick')).toBe(200)
        await clock.advance(9 * MINUTE)
        expect(await post(client.id, 'tock')).toBe(200) // 18 minutes in: still open
        await until(() => client.received.length === 2)
        expect(client.received).toEqual(['tick', 'tock'])
        await clock.advance(10 * MINUTE) // no traffic either way
        expect((await client.closed)[0]).toBe(1001)
        expect(await post(client.id, 'late')).toBe(410)
      },
    },
    {
      fact: "the client's messages restart the idle timer too",
      source: `${QUOTAS} (idle connection timeout 10 minutes)`,
      check: async () => {
        const client = await open()
        await clock.advance(9 * MINUTE)
        client.ws.send('ping')
        await until(() => client.received.length === 1)
        await clock.advance(9 * MINUTE)
        expect(gateway.connections()).toContain(client.id)
        await clock.advance(MINUTE)
        expect((await client.closed)[0]).toBe(1001)
      },
    },
    {
      fact: 'plain HTTP (no Upgrade) to the stage URL is 426 Upgrade Required',
      source: 'one emulator end-to-end suite; unconfirmed on AWS (docs/aws-parity.md)',
      check: async () => {
        for (const path of ['/prod', '/prod/', '/prod?x=1']) {
          const [status, headers, body] = await plain('GET', path)
          expect([status, headers['upgrade'], body]).toEqual([
            426,
            'websocket',
            '{"message":"Upgrade Required"}',
          ])
        }
        expect((await plain('GET', '/elsewhere'))[0]).toBe(404)
      },
    },
  ]

  it.each(rows)('$fact ($source)', async ({ check }) => check())
})
