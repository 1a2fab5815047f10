// Kind: percent-decoding of client text without a guard on the @connections path
// (`decodeURIComponent('%zz')` threw URIError in the request listener, before any SigV4 check).
import aws4 from 'aws4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CREDS,
  expectServing,
  openClient,
  resolveCreds,
  startHarness,
  type Harness,
} from './ws-harness.js'

const BAD_IDS = ['%zz', '%', '%E0%A4%A', '%ED%A0%80', 'abc%']

describe('undecodable @connections ids', () => {
  let open: Harness
  let signed: Harness
  beforeAll(async () => {
    open = await startHarness()
    signed = await startHarness({ credentials: resolveCreds })
  })
  afterAll(async () => {
    await open.close()
    await signed.close()
  })

  it.each(BAD_IDS)('answers 400 to POST @connections/%s and keeps serving', async (id) => {
    for (const method of ['POST', 'GET', 'DELETE']) {
      const res = await fetch(`http://127.0.0.1:${open.port}/prod/@connections/${id}`, {
        method,
        ...(method === 'POST' ? { body: 'x' } : {}),
      })
      expect(res.status).toBe(400)
      expect(res.headers.get('x-amzn-errortype')).toBe('BadRequestException')
    }
    await expectServing(open)
  })

  it('checks SigV4 first: unsigned is 403, signed is 400', async () => {
    const url = `http://127.0.0.1:${signed.port}/prod/@connections/%zz`
    const unsigned = await fetch(url, { method: 'POST', body: 'x' })
    expect(unsigned.status).toBe(403)
    expect(await unsigned.json()).toEqual({ message: 'Missing Authentication Token' })
    const request = aws4.sign(
      {
        host: `127.0.0.1:${signed.port}`,
        method: 'POST',
        path: '/prod/@connections/%zz',
        service: 'execute-api',
        region: 'us-east-1',
        body: 'x',
      },
      CREDS,
    )
    const res = await fetch(url, {
      method: 'POST',
      headers: request.headers as Record<string, string>,
      body: 'x',
    })
    expect(res.status).toBe(400)
    await expectServing(signed)
  })

  it('accepts @ sent as %40 (as AWS asks clients to encode it)', async () => {
    const ws = await openClient(open.port)
    const received = new Promise<string>((ok) => ws.once('message', (d) => ok(String(d))))
    const id = open.connects.at(-1)
    const encoded = (id as string).replace(/=/g, '%3D')
    const res = await fetch(`http://127.0.0.1:${open.port}/prod/%40connections/${encoded}`, {
      method: 'POST',
      body: 'hello',
    })
    expect(res.status).toBe(200)
    expect(await received).toBe('hello')
    ws.close()
  })
})
