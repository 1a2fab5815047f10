// `portico/ws`: raw upgrade requests and hand-built frames over `net` (text, binary, invalid
// UTF-8, oversize, fragmented, ping, close codes, abrupt resets during $connect), and
// `@connections` HTTP calls with bad ids, bad SigV4 and big bodies. The server must answer or
// close each socket within the deadline, never die, and a control connection must still work.
import { Buffer } from 'node:buffer'
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import fc from 'fast-check'
import { attachWebSocket, connectionsHandler } from '../../../src/adapters/ws/index.js'
import { createWebSocketGateway, silentLogger } from '../../../src/index.js'
import { clip, type FuzzTarget, type Verdict } from '../core.js'
import { rawExchange } from '../raw-http.js'
import { judgeReply } from './http.js'

interface WsContext {
  server: Server
  port: number
}

type Frame = {
  opcode: number
  fin: boolean
  mask: boolean
  payload: { kind: 'text'; text: string } | { kind: 'bytes'; bytes: number[] } | { kind: 'size'; size: number } // prettier-ignore
  /** Lie about the length (declared 64-bit length bigger than sent). */
  lie: boolean
}

export interface WsInput {
  surface: 'upgrade' | 'connections'
  path: string
  query: string
  headers: Array<[string, string]>
  frames: Frame[]
  resetAfterHandshake: boolean
  method: string
  id: string
  body: { size: number } | string
}

function encodeFrame(f: Frame): Buffer {
  const payload =
    f.payload.kind === 'text'
      ? Buffer.from(f.payload.text)
      : f.payload.kind === 'bytes'
        ? Buffer.from(f.payload.bytes)
        : Buffer.alloc(f.payload.size, 0x61)
  const head: number[] = [(f.fin ? 0x80 : 0) | (f.opcode & 0x0f)]
  const maskBit = f.mask ? 0x80 : 0
  let len: Buffer
  if (f.lie) len = Buffer.from([maskBit | 127, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff])
  else if (payload.length < 126) len = Buffer.from([maskBit | payload.length])
  else if (payload.length < 65536)
    len = Buffer.from([maskBit | 126, payload.length >> 8, payload.length & 0xff]) // prettier-ignore
  else {
    len = Buffer.alloc(9)
    len[0] = maskBit | 127
    len.writeBigUInt64BE(BigInt(payload.length), 1)
  }
  if (!f.mask) return Buffer.concat([Buffer.from(head), len, payload])
  const key = randomBytes(4)
  const masked = Buffer.from(payload)
  for (let i = 0; i < masked.length; i++) masked[i] = (masked[i] as number) ^ (key[i % 4] as number)
  return Buffer.concat([Buffer.from(head), len, key, masked])
}

const frameArb: fc.Arbitrary<Frame> = fc.record({
  opcode: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(1, 2, 0, 8, 9, 10) },
    fc.integer({ min: 0, max: 15 }),
  ),
  fin: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
  mask: fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, fc.constant(false)),
  payload: fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.oneof(fc.json({ maxDepth: 2 }), fc.constantFrom('{"action":"join","room":"a"}', '{"action":"__proto__"}', '{"action":"constructor"}', '{"action":{"x":1}}', '{"action":"$default"}', '{"action":"$connect"}', '{"action":"$disconnect"}'), fc.string({ maxLength: 50 })) }) }, // prettier-ignore
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: fc.oneof(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }), fc.constantFrom<number[]>([0xc3, 0x28], [0xff, 0xfe], [0xed, 0xa0, 0x80], [0x03, 0xe8], [0x03, 0xe8, 0xff], [0x0b, 0xb8], [0x00, 0x00], [0x13, 0x88])) }) }, // prettier-ignore
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('size' as const), size: fc.constantFrom(126, 65536, 131073, 1024 * 1024 + 1) }) }, // prettier-ignore
  ),
  lie: fc.oneof({ weight: 20, arbitrary: fc.constant(false) }, fc.constant(true)),
})

const arbitrary: fc.Arbitrary<WsInput> = fc.record({
  surface: fc.oneof({ weight: 3, arbitrary: fc.constant('upgrade' as const) }, fc.constant('connections' as const)), // prettier-ignore
  path: fc.constantFrom('/prod', '/prod/', '//prod', '/prod//', '/PROD', '/%70rod', '/prod/..', '/', '//', '/prod?x', '/prod#x', `/${'a'.repeat(5000)}`, '/\u00fc'), // prettier-ignore
  query: fc.constantFrom('', 'token=ok', 'token=bad', 'token=ok&token=ok', 'token=%zz', '__proto__=1', 'token'), // prettier-ignore
  headers: fc.array(fc.tuple(fc.constantFrom('Sec-WebSocket-Protocol', 'Sec-WebSocket-Version', 'Sec-WebSocket-Extensions', 'Origin', 'Authorization', '__proto__', 'Cookie'), fc.constantFrom('chat', '13', '8', 'permessage-deflate', 'permessage-deflate; client_max_window_bits', '', 'x'.repeat(9000), 'a, b, c')), { maxLength: 3 }), // prettier-ignore
  frames: fc.array(frameArb, { maxLength: 5 }),
  resetAfterHandshake: fc.boolean(),
  method: fc.constantFrom('POST', 'GET', 'DELETE', 'PUT'),
  id: fc.oneof(fc.constantFrom('%zz', '%', '..%2f..', '__proto__', 'constructor', '', 'abc=', 'x'.repeat(3000), '%E0%A4%A', 'toString'), fc.string({ maxLength: 20 }).map(encodeURIComponent)), // prettier-ignore
  body: fc.oneof(fc.string({ maxLength: 50 }), fc.record({ size: fc.constantFrom(1024, 128 * 1024 + 1, 5 * 1024 * 1024) })), // prettier-ignore
})

const lineSafe = (text: string) => text.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c))

function upgradeBytes(input: WsInput): Buffer {
  const head = [
    `GET ${lineSafe(input.path)}${input.query ? `?${input.query}` : ''} HTTP/1.1`,
    'Host: fuzz.local',
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    ...(input.headers.some(([n]) => n === 'Sec-WebSocket-Version') ? [] : ['Sec-WebSocket-Version: 13']), // prettier-ignore
    ...input.headers.map(([n, v]) => `${n}: ${v}`),
  ]
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n`)
}

/** Upgrade, then frames; resolves when the server closes the socket or the deadline passes. */
function wsSession(
  port: number,
  input: WsInput,
  ms: number,
): Promise<{ status?: number; closed: boolean; bytes: number }> {
  // prettier-ignore
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let received = Buffer.alloc(0)
    let status: number | undefined
    let settled = false
    const finish = (closed: boolean) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve({ ...(status === undefined ? {} : { status }), closed, bytes: received.length })
    }
    const timer = setTimeout(() => finish(false), ms)
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      if (status === undefined) {
        const m = /^HTTP\/1\.1 (\d{3})/.exec(received.subarray(0, 20).toString('latin1'))
        if (m) {
          status = Number(m[1])
          if (status === 101) {
            if (input.resetAfterHandshake && input.frames.length === 0) {
              socket.resetAndDestroy()
              return
            }
            for (const f of input.frames) socket.write(encodeFrame(f))
            // A clean close so a well-behaved server ends the session.
            socket.write(encodeFrame({ opcode: 8, fin: true, mask: true, payload: { kind: 'bytes', bytes: [0x03, 0xe8] }, lie: false })) // prettier-ignore
            if (input.resetAfterHandshake) socket.resetAndDestroy()
          }
        }
      }
    })
    socket.on('error', () => finish(true))
    socket.on('close', () => finish(true))
    socket.write(upgradeBytes(input))
    // Reset during $connect: the client goes away before the handshake answer.
    if (input.resetAfterHandshake && input.query === 'token=ok' && input.frames.length > 2) setTimeout(() => socket.resetAndDestroy(), 1) // prettier-ignore
  })
}

const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }

export const wsTarget: FuzzTarget<WsInput, WsContext> = {
  name: 'ws',
  timeoutMs: 6000,
  async setup() {
    const gateway = createWebSocketGateway({
      api: {
        name: 'fuzz',
        routeSelectionExpression: '$request.body.action',
        routes: {
          $connect: { lambda: 'Connect' },
          $disconnect: { lambda: 'Ok' },
          join: { lambda: 'Echo', routeResponseSelectionExpression: '$default' },
          $default: { lambda: 'Echo', routeResponseSelectionExpression: '$default' },
        },
      },
      stage: { name: 'prod' },
      lambdas: {
        Connect: async (event: { queryStringParameters?: Record<string, string> }) => ({ statusCode: event.queryStringParameters?.['token'] === 'ok' ? 200 : 403 }), // prettier-ignore
        Ok: async () => ({ statusCode: 200 }),
        Echo: async (event: { body?: string }) => ({ statusCode: 200, body: `echo ${event.body?.length ?? 0}` }), // prettier-ignore
      },
      logger: silentLogger,
    })
    const server = createServer(connectionsHandler(gateway, undefined, { credentials: (id) => (id === CREDS.accessKeyId ? { secretAccessKey: CREDS.secretAccessKey } : undefined) })) // prettier-ignore
    attachWebSocket(server, gateway)
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    return { server, port: (server.address() as AddressInfo).port }
  },
  async teardown(ctx) {
    ctx.server.closeAllConnections()
    await new Promise<void>((ok) => ctx.server.close(() => ok()))
  },
  arbitrary: () => arbitrary,
  show: (input) => clip(JSON.stringify(input.surface === 'upgrade' ? { ...input, method: undefined, id: undefined, body: undefined } : { surface: input.surface, method: input.method, id: input.id, body: input.body, headers: input.headers }), 1500), // prettier-ignore
  async run(input, ctx): Promise<Verdict | undefined> {
    if (input.surface === 'connections') {
      const body = typeof input.body === 'string' ? Buffer.from(input.body) : Buffer.alloc(input.body.size, 0x61) // prettier-ignore
      const auth = input.headers.find(([n]) => n === 'Authorization')?.[1] ?? 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=00' // prettier-ignore
      const head = `${input.method} /prod/@connections/${input.id} HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nX-Amz-Date: 20260101T000000Z\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n` // prettier-ignore
      const reply = await rawExchange(ctx.port, Buffer.concat([Buffer.from(head), body]), 5000)
      const verdict = judgeReply(reply, '@connections')
      if (verdict) return verdict
      if (reply.status === 200 || reply.status === 204)
        return { kind: 'failure', signature: '@connections call with a bad signature succeeded' }
      return undefined
    }
    const session = await wsSession(ctx.port, input, 5000)
    if (session.status === undefined && !session.closed)
      return { kind: 'hang', signature: 'upgrade unanswered within the deadline' }
    if (
      session.status !== undefined &&
      (session.status < 101 || session.status > 599 || session.status >= 500)
    )
      return { kind: 'failure', signature: `upgrade answered ${session.status}` }
    if (session.status === 101 && !session.closed && !input.frames.some((f) => f.lie))
      return { kind: 'hang', signature: 'socket still open after a close frame (deadline)' }
    return undefined
  },
  async control(ctx) {
    const s = await wsSession(ctx.port, { surface: 'upgrade', path: '/prod', query: 'token=ok', headers: [], frames: [{ opcode: 1, fin: true, mask: true, payload: { kind: 'text', text: '{"action":"join"}' }, lie: false }], resetAfterHandshake: false, method: 'GET', id: '', body: '' }, 5000) // prettier-ignore
    if (s.status !== 101)
      return { kind: 'failure', signature: `control: upgrade with token=ok answered ${s.status}` }
    return undefined
  },
}
