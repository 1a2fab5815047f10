// Kind: wrong answer. A `$connect` function returning `{statusCode: 600}` or `{statusCode: 1000}`
// had the handshake answered `HTTP/1.1 600 Error`, and every refusal but 403 carried the reason
// phrase `Error`. A refusal is now always a final status 400–599 with its reason phrase.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attachWebSocket } from '../../src/adapters/ws/index.js'
import {
  ConnectionError,
  createWebSocketGateway,
  silentLogger,
  type WebSocketGateway,
} from '../../src/index.js'
import { closeOf, openClient, rawExchange, upgradeRequest } from './ws-harness.js'

/** What `$connect` returns, by case number (the client asks with `?case=N`). */
const REPLIES: Array<[unknown, string]> = [
  [{ statusCode: 401 }, '401 Unauthorized'],
  [{ statusCode: 403 }, '403 Forbidden'],
  [{ statusCode: 400 }, '400 Bad Request'],
  [{ statusCode: 404 }, '404 Not Found'],
  [{ statusCode: 429 }, '429 Too Many Requests'],
  [{ statusCode: 499 }, '499 unknown'],
  [{ statusCode: 500 }, '500 Internal Server Error'],
  [{ statusCode: 502 }, '502 Bad Gateway'],
  [{ statusCode: 503 }, '503 Service Unavailable'],
  [{ statusCode: 599 }, '599 unknown'],
  [{ statusCode: '401' }, '401 Unauthorized'],
  // A final status that is not an error: refused as AWS does, with 403.
  [{ statusCode: 301 }, '403 Forbidden'],
  [{ statusCode: 399 }, '403 Forbidden'],
  // Not a final status: a malformed reply, refused like a failing function.
  [{ statusCode: 600 }, '500 Internal Server Error'],
  [{ statusCode: 1000 }, '500 Internal Server Error'],
  [{ statusCode: 100 }, '500 Internal Server Error'],
  [{ statusCode: 199 }, '500 Internal Server Error'],
  [{ statusCode: 0 }, '500 Internal Server Error'],
  [{ statusCode: -401 }, '500 Internal Server Error'],
  [{ statusCode: 401.5 }, '500 Internal Server Error'],
  [{ statusCode: Number.NaN }, '500 Internal Server Error'],
  [{ statusCode: Infinity }, '500 Internal Server Error'],
  [{ statusCode: '1e3' }, '500 Internal Server Error'],
  [{ statusCode: '401abc' }, '500 Internal Server Error'],
  [{ statusCode: '0x191' }, '500 Internal Server Error'],
  [{ statusCode: true }, '500 Internal Server Error'],
  [{ statusCode: {} }, '500 Internal Server Error'],
]

/** What `$connect` returns when the handshake is accepted. */
const ACCEPTED: unknown[] = [
  { statusCode: 200 },
  { statusCode: 204 },
  { statusCode: 299 },
  { statusCode: '200' },
  {},
  undefined,
]

describe('ws $connect refusal status', () => {
  let server: Server
  let port: number
  beforeAll(async () => {
    const gateway = createWebSocketGateway({
      api: { routes: { $connect: { lambda: 'Connect' } } },
      stage: { name: 'prod' },
      lambdas: {
        Connect: async (event: { queryStringParameters?: Record<string, string> }) => {
          const { kind, n } = event.queryStringParameters ?? {}
          return kind === 'ok' ? ACCEPTED[Number(n)] : REPLIES[Number(n)]?.[0]
        },
      },
      logger: silentLogger,
    })
    server = createServer()
    attachWebSocket(server, gateway)
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    port = (server.address() as AddressInfo).port
  })
  afterAll(
    () =>
      new Promise<void>((ok) => {
        server.closeAllConnections()
        server.close(() => ok())
      }),
  )

  it.each(REPLIES.map(([reply, line], n) => [JSON.stringify(reply) ?? String(reply), line, n]))(
    '$connect returning %s answers HTTP/1.1 %s',
    async (_, line, n) => {
      const answer = await rawExchange(port, upgradeRequest(`/prod?kind=no&n=${n}`))
      expect(answer.split('\r\n')[0]).toBe(`HTTP/1.1 ${line}`)
      expect(answer).toMatch(/\r\nContent-Length: 0\r\n/)
      expect(answer.endsWith('\r\n\r\n')).toBe(true) // nothing after the head, then closed
    },
  )

  it.each(ACCEPTED.map((reply, n) => [JSON.stringify(reply) ?? 'undefined', n]))(
    '$connect returning %s accepts the handshake',
    async (_, n) => {
      const ws = await openClient(port, `/prod?kind=ok&n=${n}`)
      const closed = closeOf(ws)
      ws.close()
      expect((await closed)[0]).toBe(1005)
    },
  )
})

describe('ws $connect refusal status from another gateway', () => {
  // portico/ws takes any `WebSocketGateway`: one whose `connect` rejects with a status that
  // cannot refuse a handshake still gets a valid answer.
  const refusing = (error: unknown): WebSocketGateway => ({
    stageName: 'prod',
    apiId: 'x',
    connect: () => Promise.reject(error),
    receive: async () => {},
    disconnected: async () => {},
    postToConnection: () => {},
    getConnection: () => ({
      connectedAt: '',
      identity: { sourceIp: '', userAgent: null },
      lastActiveAt: '',
    }),
    deleteConnection: () => {},
    connections: () => [],
  })
  const cases: Array<[string, unknown, string]> = [
    ['ConnectionError 401', new ConnectionError(401, 'Unauthorized', 'x'), '401 Unauthorized'],
    ['ConnectionError 200', new ConnectionError(200, 'x', 'x'), '500 Internal Server Error'],
    ['ConnectionError 302', new ConnectionError(302, 'x', 'x'), '500 Internal Server Error'],
    ['ConnectionError 700', new ConnectionError(700, 'x', 'x'), '500 Internal Server Error'],
    ['ConnectionError NaN', new ConnectionError(Number.NaN, 'x', 'x'), '500 Internal Server Error'],
    ['a plain Error', new Error('boom'), '500 Internal Server Error'],
  ]
  it.each(cases)('%s answers HTTP/1.1 %s', async (_, error, line) => {
    const server = createServer()
    attachWebSocket(server, refusing(error))
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    try {
      const { port } = server.address() as AddressInfo
      const answer = await rawExchange(port, upgradeRequest('/prod'))
      expect(answer.split('\r\n')[0]).toBe(`HTTP/1.1 ${line}`)
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()))
    }
  })
})
