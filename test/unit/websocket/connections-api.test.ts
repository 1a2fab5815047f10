// The @connections management API as a core handler: plain requests, the gateway's clock.
import aws4 from 'aws4'
import { describe, expect, it } from 'vitest'
import {
  createConnectionsApi,
  createWebSocketGateway,
  openTestClient,
  silentLogger,
} from '../../../src/index.js'
import { FakeClock } from '../../../src/testing/index.js'

const CREDS = { accessKeyId: 'AKID', secretAccessKey: 'secret' }

function setup() {
  const clock = new FakeClock(Date.UTC(2020, 0, 1))
  const ws = createWebSocketGateway({
    api: { routes: { $default: { lambda: 'Noop' } } },
    lambdas: { Noop: async () => ({ statusCode: 200 }) },
    stage: { name: 'prod' },
    clock,
    logger: silentLogger,
  })
  const api = createConnectionsApi(ws, {
    credentials: (id) => (id === CREDS.accessKeyId ? { secretAccessKey: 'secret' } : undefined),
  })
  return { clock, ws, api }
}

describe('createConnectionsApi', () => {
  it('leaves other paths to the host, synchronously', () => {
    const { api } = setup()
    expect(api({ method: 'GET', url: '/prod/other' })).toBeUndefined()
    expect(api({ method: 'GET', url: '/dev/@connections/x' })).toBeUndefined()
    expect(api({ method: 'GET', url: '//' })).toBeUndefined()
  })

  it("verifies SigV4 on the gateway's injected clock, and reads the body only after", async () => {
    const { clock, ws, api } = setup()
    const client = await openTestClient(ws)
    const path = `/prod/@connections/${client.id}`
    // Signed in 2020 (the fake clock's time), not at the real time.
    const signed = aws4.sign(
      {
        host: 'h',
        method: 'POST',
        path,
        service: 'execute-api',
        region: 'us-east-1',
        body: 'hi',
        headers: { Date: new Date(clock.now()).toUTCString() },
      },
      CREDS,
    )
    let reads = 0
    const body = async () => (reads++, new TextEncoder().encode('hi'))
    const headers = signed.headers as Record<string, string>
    expect(await api({ method: 'POST', url: path, headers, body })).toMatchObject({
      statusCode: 200,
    })
    expect(client.messages).toEqual(['hi'])
    expect(reads).toBe(1)
    await clock.advance(10 * 60 * 1000) // past the 5-minute skew window
    const stale = await api({ method: 'POST', url: path, headers, body })
    expect(stale?.statusCode).toBe(403)
    expect(JSON.parse(stale?.body ?? '{}').message).toMatch(/^Signature expired/)
    const unsigned = await api({ method: 'POST', url: path, body })
    expect(unsigned?.statusCode).toBe(403)
    expect(reads).toBe(1) // the stale and unsigned calls never read theirs
  })

  it('answers 413 when the reader says the body is over the limit', async () => {
    const { ws } = setup()
    const api = createConnectionsApi(ws, { maxBodyBytes: 4 })
    let limit = -1
    const reply = await api({
      method: 'POST',
      url: '/prod/@connections/x',
      body: async (max) => ((limit = max), undefined),
    })
    expect(limit).toBe(4)
    expect(reply).toEqual({
      statusCode: 413,
      headers: {
        'Content-Type': 'application/json',
        'x-amzn-ErrorType': 'PayloadTooLargeException',
      },
      body: '{"message":"Message too long"}',
    })
    const direct = await api({ method: 'POST', url: '/prod/@connections/x', body: 'hello' })
    expect(direct?.statusCode).toBe(413)
  })
})
