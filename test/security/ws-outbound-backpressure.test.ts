// Kind: memory. A client that sends small messages and never reads the replies made the server
// hold every reply (route responses, `Forbidden` error frames, `@connections` posts) without
// end: 5.6 MB sent became 269 MB waiting inside the server, and the process died out of memory
// (review of issue 18). Now what waits for one client is bounded by `maxOutboundBytes`: past
// half of it the client's messages are not read, and a send past all of it drops the socket.
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { attachWebSocket } from '../../src/adapters/ws/index.js'
import { createWebSocketGateway, silentLogger, type WebSocketGateway } from '../../src/index.js'

const REPLY = 'r'.repeat(1000)
const LIMIT = 64 * 1024

interface Started {
  readonly server: Server
  readonly gateway: WebSocketGateway
  readonly port: number
  readonly calls: () => number
  readonly connectionIds: string[]
  readonly disconnects: number[]
}

const open: Started[] = []
afterEach(async () => {
  for (const s of open.splice(0)) await new Promise((ok) => s.server.close(ok))
})

async function start(): Promise<Started> {
  let calls = 0
  const connectionIds: string[] = []
  const disconnects: number[] = []
  const gateway = createWebSocketGateway({
    api: {
      routes: {
        $connect: { lambda: 'Connect' },
        $disconnect: { lambda: 'Disconnect' },
        $default: { lambda: 'Echo', routeResponseSelectionExpression: '$default' },
      },
    },
    stage: { name: 'prod' },
    logger: silentLogger,
    lambdas: {
      Connect: async (event: { requestContext: { connectionId: string } }) => {
        connectionIds.push(event.requestContext.connectionId)
        return { statusCode: 200 }
      },
      Disconnect: async (event: { requestContext: { disconnectStatusCode: number } }) => {
        disconnects.push(event.requestContext.disconnectStatusCode)
        return { statusCode: 200 }
      },
      Echo: async () => {
        calls++
        return { statusCode: 200, body: REPLY }
      },
    },
  })
  const server = createServer()
  attachWebSocket(server, gateway, { maxOutboundBytes: LIMIT })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const port = (server.address() as AddressInfo).port
  const started = { server, gateway, port, calls: () => calls, connectionIds, disconnects }
  open.push(started)
  return started
}

/** A raw client that completes the handshake and then never reads again. */
async function deafClient(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => {}) // the server may drop it: that is what the tests look for
  await new Promise<void>((ok) => socket.once('connect', ok))
  const key = randomBytes(16).toString('base64')
  socket.write(
    `GET /prod HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  )
  await new Promise<void>((ok) => socket.once('data', () => ok()))
  socket.pause()
  return socket
}

/** A masked text frame. */
function frame(text: string): Buffer {
  const payload = Buffer.from(text)
  const mask = randomBytes(4)
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)))
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked])
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms))

describe('ws outbound backpressure', () => {
  it('a client that does not read stops being read: its route runs a bounded number of times', async () => {
    const { port, calls } = await start()
    const socket = await deafClient(port)
    const burst = Buffer.concat(Array.from({ length: 500 }, () => frame('{"a":1}')))
    const deadline = Date.now() + 4000
    let last = -1
    let stable = 0
    while (Date.now() < deadline && stable < 5) {
      if (socket.writable) socket.write(burst)
      await sleep(100)
      stable = calls() === last ? stable + 1 : 0
      last = calls()
    }
    // The replies the client does not read fill the kernel's buffers, then half the limit: the
    // server stops reading, so the number of runs levels off instead of growing with the input.
    expect(stable).toBeGreaterThanOrEqual(5)
    socket.destroy()
  })

  it('@connections posts to a client that does not read drop the connection past the limit', async () => {
    const { port, gateway, connectionIds, disconnects } = await start()
    const socket = await deafClient(port)
    const id = connectionIds[0] as string
    const chunk = 'p'.repeat(100 * 1024)
    let posted = 0
    let gone = false
    while (!gone && posted < 64 * 1024 * 1024) {
      try {
        await gateway.postToConnection(id, chunk)
        posted += chunk.length
      } catch (error) {
        gone = (error as { statusCode?: number }).statusCode === 410
        if (!gone) throw error
      }
      if (posted % (2 * 1024 * 1024) === 0) await sleep(1)
    }
    expect(gone).toBe(true)
    await expect.poll(() => disconnects, { timeout: 5000 }).toEqual([1006])
    socket.destroy()
  })
})
