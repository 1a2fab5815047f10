// Kind: a client that goes away while `$connect` runs. The upgraded socket had no error
// listener (a TCP reset killed the process), and the connection outlived its socket.
import { connect as connectTcp } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  expectServing,
  rawExchange,
  startHarness,
  until,
  upgradeRequest,
  type Harness,
} from './ws-harness.js'

describe('client gone during $connect', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it('survives a TCP reset while $connect runs, then runs $disconnect (1006)', async () => {
    let release = (): void => {}
    h.hold = new Promise<void>((ok) => (release = ok))
    const socket = connectTcp(h.port, '127.0.0.1')
    socket.on('error', () => undefined)
    const closed = new Promise<void>((ok) => socket.once('close', () => ok()))
    socket.write(upgradeRequest('/prod'))
    await until(() => h.connects.length === 1)
    socket.resetAndDestroy()
    await closed
    release()
    h.hold = undefined
    const id = h.connects[0] as string
    await until(() => h.disconnects.some(([gone]) => gone === id))
    expect(h.disconnects).toContainEqual([id, 1006])
    expect(h.gateway.connections()).not.toContain(id)
    await expectServing(h)
  })

  it('survives a reset just after the handshake was accepted', async () => {
    for (let i = 0; i < 5; i++) {
      const socket = connectTcp(h.port, '127.0.0.1')
      socket.on('error', () => undefined)
      socket.write(upgradeRequest('/prod'))
      await new Promise<void>((ok) => socket.once('data', () => ok()))
      socket.resetAndDestroy()
    }
    await until(() => h.gateway.connections().length === 0)
    await expectServing(h)
  })

  it('does not keep a connection whose handshake ws refuses after $connect', async () => {
    h.connects.length = 0
    // A Sec-WebSocket-Protocol list ws cannot parse: $connect accepts, ws answers 400.
    const reply = await rawExchange(
      h.port,
      upgradeRequest('/prod', 'Sec-WebSocket-Protocol: a,,b\r\n'),
    )
    expect(reply).toMatch(/^HTTP\/1\.1 400 /)
    const id = h.connects[0] as string
    await until(() => h.disconnects.some(([gone]) => gone === id))
    expect(h.gateway.connections()).not.toContain(id)
    await expectServing(h)
  })
})
