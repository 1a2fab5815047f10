// WebSocket APIs over real sockets (ws client), with a Lambda replying through @connections
// using the AWS SDK's ApiGatewayManagementApiClient.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { attachWebSocket, connectionsHandler } from '../../../src/adapters/ws/index.js'
import {
  createWebSocketGateway,
  silentLogger,
  type ConnectionTransport,
} from '../../../src/index.js'
import { FakeClock } from '../../../src/testing/index.js'

type Event = {
  requestContext: Record<string, unknown>
  body?: string
  queryStringParameters?: Record<string, string>
}
const events: Event[] = []
let server: Server
let base = ''
let sdk: ApiGatewayManagementApiClient

const gateway = createWebSocketGateway({
  api: {
    name: 'chat',
    routeSelectionExpression: '$request.body.action',
    routes: {
      $connect: { lambda: 'Connect' },
      $disconnect: { lambda: 'Disconnect' },
      join: { lambda: 'Join', routeResponseSelectionExpression: '$default' },
      $default: { lambda: 'Echo' },
    },
  },
  stage: { name: 'prod' },
  lambdas: {
    Connect: async (event: Event) => {
      events.push(event)
      return { statusCode: event.queryStringParameters?.['token'] === 'ok' ? 200 : 403 }
    },
    Disconnect: async (event: Event) => (events.push(event), { statusCode: 200 }),
    Join: async (event: Event) => {
      events.push(event)
      return { statusCode: 200, body: `joined ${JSON.parse(event.body ?? '{}').room}` }
    },
    // Replies through the @connections API with the real AWS SDK client.
    Echo: async (event: Event) => {
      events.push(event)
      await sdk.send(
        new PostToConnectionCommand({
          ConnectionId: event.requestContext['connectionId'] as string,
          Data: Buffer.from(`echo: ${event.body}`),
        }),
      )
      return { statusCode: 200 }
    },
  },
  logger: silentLogger,
})

beforeAll(async () => {
  server = createServer(connectionsHandler(gateway))
  attachWebSocket(server, gateway)
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const port = (server.address() as AddressInfo).port
  base = `127.0.0.1:${port}`
  sdk = new ApiGatewayManagementApiClient({
    endpoint: `http://${base}/prod`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  })
})
afterAll(() => new Promise<void>((ok) => server.close(() => ok())))

function open(query = 'token=ok'): Promise<{ ws: WebSocket; next: () => Promise<string> }> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(`ws://${base}/prod?${query}`)
    const inbox: string[] = []
    const waiters: Array<(m: string) => void> = []
    ws.on('message', (data) => {
      const text = data.toString()
      const waiter = waiters.shift()
      if (waiter) waiter(text)
      else inbox.push(text)
    })
    ws.on('open', () =>
      ok({
        ws,
        next: () =>
          new Promise<string>((resolve) =>
            inbox.length > 0 ? resolve(inbox.shift() as string) : waiters.push(resolve),
          ),
      }),
    )
    ws.on('unexpected-response', (_req, res) => fail(new Error(`handshake ${res.statusCode}`)))
    ws.on('error', fail)
  })
}

describe('WebSocket API over real sockets', () => {
  it('authorizes $connect by query string and refuses without it', async () => {
    await expect(open('token=bad')).rejects.toThrow('handshake 403')
    const { ws } = await open()
    const connect = events.filter((e) => e.requestContext['eventType'] === 'CONNECT').at(-1)!
    expect(connect.requestContext).toMatchObject({
      routeKey: '$connect',
      eventType: 'CONNECT',
      stage: 'prod',
    })
    ws.close()
  })

  it('routes by action, replies on two-way routes, falls back to $default', async () => {
    const { ws, next } = await open()
    ws.send(JSON.stringify({ action: 'join', room: 'cats' }))
    expect(await next()).toBe('joined cats')
    const join = events.filter((e) => e.requestContext['routeKey'] === 'join').at(-1)!
    expect(join.requestContext).toMatchObject({ eventType: 'MESSAGE', messageDirection: 'IN' })
    expect(typeof join.requestContext['messageId']).toBe('string')
    ws.send(JSON.stringify({ action: 'unknown' }))
    expect(await next()).toBe('echo: {"action":"unknown"}')
    ws.send('not json')
    expect(await next()).toBe('echo: not json')
    ws.close()
  })

  it('serves @connections to the AWS SDK client: GET, DELETE, then 410 Gone', async () => {
    const { ws } = await open()
    const id = gateway.connections().at(-1) as string
    const info = await sdk.send(new GetConnectionCommand({ ConnectionId: id }))
    expect(info.Identity?.SourceIp).toBe('127.0.0.1')
    expect(info.ConnectedAt).toBeInstanceOf(Date)
    const closed = new Promise<number>((ok) => ws.on('close', (code) => ok(code)))
    await sdk.send(new DeleteConnectionCommand({ ConnectionId: id }))
    expect(await closed).toBe(1000)
    await expect(
      sdk.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from('x') })),
    ).rejects.toBeInstanceOf(GoneException)
    for (
      let i = 0;
      i < 500 &&
      !events.some(
        (e) =>
          e.requestContext['connectionId'] === id && e.requestContext['eventType'] === 'DISCONNECT',
      );
      i++
    )
      await new Promise((ok) => setTimeout(ok, 10))
    const disconnect = events.filter((e) => e.requestContext['eventType'] === 'DISCONNECT').at(-1)!
    expect(disconnect.requestContext).toMatchObject({ routeKey: '$disconnect', connectionId: id })
  })
})

describe('WebSocket API in process', () => {
  function inProcess(
    limits: { idleTimeoutMs?: number; maxConnectionMs?: number; maxMessageBytes?: number } = {},
  ) {
    const clock = new FakeClock(Date.UTC(2026, 10, 21))
    const ws = createWebSocketGateway({
      api: {
        routes: { $default: { lambda: 'Echo', routeResponseSelectionExpression: '$default' } },
      },
      lambdas: { Echo: async (event: Event) => ({ statusCode: 200, body: event.body }) },
      clock,
      logger: silentLogger,
      ...limits,
    })
    const sent: string[] = []
    const closes: Array<[number, string]> = []
    const transport: ConnectionTransport = {
      send: (d) => sent.push(d),
      close: (c, r) => closes.push([c, r]),
    }
    return { ws, clock, sent, closes, transport }
  }

  it('closes an idle connection on the injected clock, and activity keeps it open', async () => {
    const { ws, clock, closes, transport } = inProcess({ idleTimeoutMs: 1000 })
    const id = await ws.connect({}, transport)
    await clock.advance(900)
    await ws.receive(id, 'ping')
    await clock.advance(900)
    expect(closes).toEqual([])
    await clock.advance(200)
    expect(closes).toEqual([[1001, 'Going away']])
    expect(ws.connections()).toEqual([])
  })

  it('closes at the maximum connection duration, and on a message over the size limit', async () => {
    const max = inProcess({ maxConnectionMs: 5000 })
    await max.ws.connect({}, max.transport)
    await max.clock.advance(5000)
    expect(max.closes).toEqual([[1001, 'Going away']])
    const big = inProcess({ maxMessageBytes: 10 })
    const id = await big.ws.connect({}, big.transport)
    await big.ws.receive(id, 'x'.repeat(11))
    expect(big.closes).toEqual([[1009, 'Message too big']])
  })
})
