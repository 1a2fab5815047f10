import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type LambdaProxyEvent } from '../../../src/index.js'
import { toNodeHandler } from '../../../src/node.js'
import { mockMethod, openApi, proxyMethod } from '../../fixtures/mini-api.js'

let server: Server
let base: string
const events: LambdaProxyEvent[] = []

beforeAll(async () => {
  const gateway = createGateway({
    api: openApi(
      {
        '/echo': { post: proxyMethod('Echo'), get: proxyMethod('Echo') },
        '/mock': { get: mockMethod(200, '{"mock":true}') },
        '/throws': { get: proxyMethod('Throws') },
        '/binary': { get: proxyMethod('Binary') },
      },
      { 'x-amazon-apigateway-binary-media-types': ['application/octet-stream', 'image/*'] },
    ),
    stage: { name: 'prod' },
    lambdas: {
      Echo: async (event: LambdaProxyEvent) => {
        events.push(event)
        return {
          statusCode: 200,
          multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
          body: JSON.stringify({ body: event.body, b64: event.isBase64Encoded }),
        }
      },
      Throws: () => {
        throw new Error('kaboom')
      },
      Binary: async () => ({
        statusCode: 200,
        headers: { 'Content-Type': 'image/png' },
        body: Buffer.from([0, 1, 2, 255]).toString('base64'),
        isBase64Encoded: true,
      }),
    },
    logger: silentLogger,
  })
  server = createServer(toNodeHandler(gateway))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((ok) => (server.closeAllConnections(), server.close(() => ok()))))

describe('toNodeHandler over a real socket', () => {
  it('serves the stage prefix and answers like AWS', async () => {
    const res = await fetch(`${base}/prod/mock`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('{"mock":true}')
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    expect(res.headers.get('x-amz-apigw-id')).toHaveLength(16)
  })

  it('answers 403 Missing Authentication Token for another stage or no stage', async () => {
    for (const path of ['/dev/mock', '/mock', '/', '/production/mock']) {
      const res = await fetch(`${base}${path}`)
      expect(res.status).toBe(403)
      expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException')
      expect(await res.json()).toEqual({ message: 'Missing Authentication Token' })
    }
  })

  it('sends every Set-Cookie as its own header line', async () => {
    const res = await fetch(`${base}/prod/echo`)
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
  })

  it('passes binary request bodies byte for byte', async () => {
    const bytes = Buffer.from([0, 159, 146, 150, 255, 10, 13])
    const res = await fetch(`${base}/prod/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: bytes,
    })
    const body = await res.json()
    expect(body).toEqual({ body: bytes.toString('base64'), b64: true })
  })

  it('sends binary responses as bytes when Accept is a binary type', async () => {
    const res = await fetch(`${base}/prod/binary`, { headers: { Accept: 'image/png' } })
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]))
    const text = await fetch(`${base}/prod/binary`, { headers: { Accept: 'application/json' } })
    expect(await text.text()).toBe(Buffer.from([0, 1, 2, 255]).toString('base64'))
  })

  it('answers 413 for a body over 10 MB without buffering it', async () => {
    const res = await fetch(`${base}/prod/echo`, {
      method: 'POST',
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 97),
    })
    expect(res.status).toBe(413)
    expect(await res.text()).toBe('HTTP content length exceeded 10485760 bytes.')
    expect(res.headers.get('x-amzn-errortype')).toBeNull()
  })

  it('answers 413 for a chunked body that grows over 10 MB', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${base}/prod/echo`,
        { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', (e) =>
        (e as NodeJS.ErrnoException).code === 'ECONNRESET' ||
        (e as NodeJS.ErrnoException).code === 'EPIPE'
          ? undefined
          : reject(e),
      )
      const chunk = Buffer.alloc(1024 * 1024, 98)
      let sent = 0
      const pump = (): void => {
        while (sent < 12) {
          sent++
          if (!req.write(chunk)) return void req.once('drain', pump)
        }
        req.end()
      }
      pump()
    })
    expect(status).toBe(413)
  })

  it('a Lambda that throws is a 502 and the server keeps serving', async () => {
    const res = await fetch(`${base}/prod/throws`)
    expect(res.status).toBe(502)
    expect(await res.json()).toEqual({ message: 'Internal server error' })
    expect((await fetch(`${base}/prod/mock`)).status).toBe(200)
  })

  it('keeps repeated request headers and their casing', async () => {
    events.length = 0
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(new URL(base).port), '127.0.0.1', () => {
        socket.write(
          'GET /prod/echo?a=1&a=2 HTTP/1.1\r\nHost: localhost\r\nX-Twice: one\r\nx-twice: two\r\nConnection: close\r\n\r\n',
        )
      })
      socket.on('data', () => {})
      socket.on('end', () => resolve())
      socket.on('error', reject)
    })
    const event = events[0] as LambdaProxyEvent
    expect(event.multiValueHeaders?.['X-Twice']).toEqual(['one', 'two'])
    expect(event.headers?.['X-Twice']).toBe('two')
    expect(event.multiValueQueryStringParameters).toEqual({ a: ['1', '2'] })
  })

  it('survives bad input: invalid percent-encoding, odd methods, huge headers', async () => {
    expect((await fetch(`${base}/prod/%E0%A4%A`)).status).toBe(403)
    expect((await fetch(`${base}/prod/mock`, { method: 'PROPFIND' })).status).toBe(403)
    const huge = await fetch(`${base}/prod/mock`, { headers: { 'X-Big': 'x'.repeat(12_000) } })
    expect(huge.status).toBe(413)
    const tooHugeForNode = await fetch(`${base}/prod/mock`, {
      headers: { 'X-Big': 'x'.repeat(20_000) },
    })
    expect(tooHugeForNode.status).toBe(431)
    expect((await fetch(`${base}/prod/mock`)).status).toBe(200)
  })

  it('can serve without the stage prefix', async () => {
    const gateway = createGateway({
      api: openApi({ '/mock': { get: mockMethod() } }),
      logger: silentLogger,
    })
    const plain = createServer(toNodeHandler(gateway, { stagePrefix: false }))
    await new Promise<void>((ok) => plain.listen(0, '127.0.0.1', ok))
    const res = await fetch(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/mock`)
    expect(res.status).toBe(200)
    await new Promise<void>((ok) => (plain.closeAllConnections(), plain.close(() => ok())))
  })
})
