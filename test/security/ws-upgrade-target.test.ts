// Kind: client text parsed with a throwing parser on the upgrade path (`new URL('//')` threw
// inside the 'upgrade' listener and killed the process). Any target is answered, never thrown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  expectServing,
  openClient,
  rawExchange,
  startHarness,
  upgradeRequest,
  type Harness,
} from './ws-harness.js'

describe('unparsable upgrade targets', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it.each(['//', '///prod', '/%zz', '//prod?x', 'http://[bad/prod', '/prod/..%2f', '*'])(
    'answers 403 to the target %s and keeps serving',
    async (target) => {
      const reply = await rawExchange(h.port, upgradeRequest(target))
      expect(reply).toMatch(/^HTTP\/1\.1 403 /)
      expect(h.connects).toEqual([])
      await expectServing(h)
      h.connects.length = 0
    },
  )

  it('passes an undecodable query string to $connect without throwing', async () => {
    const ws = await openClient(h.port, '/prod?token=%zz&%E0%A4%A=1')
    expect(h.connects.length).toBe(1)
    ws.close()
    await expectServing(h)
    h.connects.length = 0
  })

  it('refuses a request that is not a WebSocket handshake before $connect runs', async () => {
    const noKey = upgradeRequest('/prod').replace(/Sec-WebSocket-Key: [^\r]*\r\n/, '')
    expect(await rawExchange(h.port, noKey)).toMatch(/^HTTP\/1\.1 400 /)
    const badVersion = upgradeRequest('/prod').replace('Version: 13', 'Version: 99')
    expect(await rawExchange(h.port, badVersion)).toMatch(/^HTTP\/1\.1 400 /)
    const post = upgradeRequest('/prod').replace(/^GET/, 'POST')
    expect(await rawExchange(h.port, post)).toMatch(/^HTTP\/1\.1 405 /)
    expect(h.connects).toEqual([])
    await expectServing(h)
  })
})
