// An integration's answer is read up to API Gateway's 10 MB payload limit. A client can pick what
// a backend or an AWS service sends back (an S3 object by key, a proxied URL), so a large or
// endless answer must not make the gateway hold it all (docs/security.md, "Integration responses").
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'

const LIMIT = 10 * 1024 * 1024
const CHUNK = Buffer.alloc(64 * 1024, 'a')

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((ok) => server?.close(ok))
  server = undefined
})

/** A backend that answers every request with `send`; resolves its base URL. */
async function backend(send: (res: ServerResponse) => void): Promise<string> {
  server = createServer((_req, res) => {
    send(res)
  })
  await new Promise<void>((ok) => server?.listen(0, '127.0.0.1', ok))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** Writes chunks without end (until the reader goes away); counts what was written. */
function endless(res: ServerResponse, written: { bytes: number; closed: boolean }): void {
  if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/octet-stream' })
  res.on('close', () => (written.closed = true))
  const pump = (): void => {
    while (!res.destroyed && written.bytes < 200 * LIMIT) {
      written.bytes += CHUNK.length
      if (!res.write(CHUNK)) {
        res.once('drain', pump)
        return
      }
    }
  }
  pump()
}

function s3Gateway(endpoint: string) {
  return createGateway({
    api: {
      swagger: '2.0',
      info: { title: 's3', version: '1' },
      paths: {
        '/{key}': {
          get: {
            parameters: [{ name: 'key', in: 'path', required: true, type: 'string' }],
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'aws',
              httpMethod: 'GET',
              uri: 'arn:aws:apigateway:us-east-1:s3:path/bucket/{key}',
              requestParameters: { 'integration.request.path.key': 'method.request.path.key' },
              passthroughBehavior: 'when_no_match',
              responses: { default: { statusCode: '200' } },
            },
          },
        },
      },
    },
    services: {
      s3: { endpoint, credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } },
    },
    logger: silentLogger,
  })
}

function httpProxyGateway(endpoint: string) {
  return createGateway({
    api: {
      openapi: '3.0.1',
      info: { title: 'proxy', version: '1' },
      'x-amazon-apigateway-protocol': 'http',
      paths: {
        '/{proxy+}': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'http_proxy',
              httpMethod: 'GET',
              uri: `${endpoint}/{proxy}`,
              payloadFormatVersion: '1.0',
            },
          },
        },
      },
    },
    protocolType: 'HTTP',
    logger: silentLogger,
  })
}

describe('integration response size', () => {
  it('dos: an endless S3 object is cut at 10 MB (502), not read until the timeout', async () => {
    const written = { bytes: 0, closed: false }
    const gateway = s3Gateway(await backend((res) => endless(res, written)))
    const res = await gateway.invoke({ method: 'GET', path: '/huge.bin' })
    expect(res.statusCode).toBe(502)
    expect(res.body).toBe('{"message":"Internal server error"}')
    await expect.poll(() => written.closed).toBe(true)
    expect(written.bytes).toBeLessThan(20 * LIMIT)
  }, 15_000)

  it('dos: an HTTP API HTTP_PROXY backend declaring more than 10 MB gets 500, its body unread', async () => {
    const written = { bytes: 0, closed: false }
    const gateway = httpProxyGateway(
      await backend((res) => {
        res.writeHead(200, { 'content-length': String(LIMIT + 1) })
        endless(res, written)
      }),
    )
    const res = await gateway.invoke({ method: 'GET', path: '/file' })
    expect([res.statusCode, res.body]).toEqual([500, '{"message":"Internal Server Error"}'])
    await expect.poll(() => written.closed).toBe(true)
    expect(written.bytes).toBeLessThan(2 * LIMIT)
  }, 15_000)

  it('dos: an endless chunked HTTP_PROXY answer is cut at 10 MB', async () => {
    const written = { bytes: 0, closed: false }
    const gateway = httpProxyGateway(
      await backend((res) => {
        endless(res, written)
      }),
    )
    const res = await gateway.invoke({ method: 'GET', path: '/file' })
    expect([res.statusCode, res.body]).toEqual([500, '{"message":"Internal Server Error"}'])
  }, 15_000)

  it('passes an answer of exactly 10 MB', async () => {
    const body = Buffer.alloc(LIMIT, 'b')
    const gateway = httpProxyGateway(
      await backend((res) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.end(body)
      }),
    )
    const res = await gateway.invoke({ method: 'GET', path: '/file' })
    expect(res.statusCode).toBe(200)
    expect(res.body.length).toBe(LIMIT)
  }, 15_000)
})
