// Kind: error events of the ws library (on a WebSocket or on the server) with no listener
// crashed the process: a text frame that is not UTF-8, a message over the payload limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  closeOf,
  echoRoundTrip,
  expectServing,
  openClient,
  sendInFrames,
  startHarness,
  until,
  type Harness,
} from './ws-harness.js'

describe('unhandled WebSocket error events', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it('closes a text frame that is not valid UTF-8 with 1007 and keeps serving', async () => {
    const ws = await openClient(h.port)
    const closed = closeOf(ws)
    ws.send(Buffer.from([0xff, 0xfe, 0xfd]), { binary: false })
    expect((await closed)[0]).toBe(1007)
    await until(() => h.gateway.connections().length === 0)
    await expectServing(h)
  })

  it('closes a message over the limit with 1009 (default 128 KB) and keeps serving', async () => {
    expect(h.gateway.maxMessageBytes).toBe(128 * 1024)
    const ws = await openClient(h.port)
    const closed = closeOf(ws)
    sendInFrames(ws, 'x'.repeat(128 * 1024 + 1)) // in frames of 32 KB: the message is too long
    expect((await closed)[0]).toBe(1009)
    const tooBig = await openClient(h.port)
    const closedToo = closeOf(tooBig)
    tooBig.send('x'.repeat(2 * 1024 * 1024)) // over the old 1 MB socket limit too
    expect((await closedToo)[0]).toBe(1009)
    await until(() => h.gateway.connections().length === 0)
    await expectServing(h)
  })

  it('accepts a message of exactly the limit', async () => {
    const ws = await openClient(h.port)
    const reply = new Promise<string>((ok) => ws.once('message', (data) => ok(String(data))))
    sendInFrames(ws, 'y'.repeat(128 * 1024))
    expect((await reply).length).toBe('echo: '.length + 128 * 1024)
    ws.close()
  })

  it('closes a protocol error (an unmasked client frame) with 1002 and keeps serving', async () => {
    const ws = await openClient(h.port)
    const closed = closeOf(ws)
    // Write a raw text frame without the mask bit on the client's socket.
    const socket = (ws as unknown as { _socket: import('node:net').Socket })._socket
    socket.write(Buffer.from([0x81, 0x02, 0x68, 0x69]))
    expect((await closed)[0]).toBe(1002)
    await expectServing(h)
  })

  it('follows a smaller maxMessageBytes from the gateway at the socket', async () => {
    const small = await startHarness({ maxMessageBytes: 16 })
    try {
      const ws = await openClient(small.port)
      const closed = closeOf(ws)
      ws.send('z'.repeat(17))
      expect((await closed)[0]).toBe(1009)
      expect(await echoRoundTrip(small.port, 'short')).toBe('echo: short')
      expect(small.crashes).toEqual([])
    } finally {
      await small.close()
    }
  })
})

describe('ws limit options are checked', () => {
  // Kind: bypass. `maxFrameBytes: NaN` switched the frame limit off (`length > NaN` is false).
  it.each([Number.NaN, -1, 0, Infinity, 1.5, '32' as unknown as number])(
    'maxFrameBytes and maxMessageBytes %s are a ConfigError',
    async (value) => {
      const { createWebSocketGateway, isConfigError } = await import('../../src/index.js')
      for (const key of ['maxFrameBytes', 'maxMessageBytes']) {
        let thrown: unknown
        try {
          createWebSocketGateway({ api: { routes: { $default: { lambda: 'F' } } }, [key]: value })
        } catch (error) {
          thrown = error
        }
        expect(isConfigError(thrown) && thrown.path === key).toBe(true)
      }
    },
  )
})
