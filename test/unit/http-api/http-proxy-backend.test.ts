// HTTP API HTTP_PROXY integrations against a real local backend: what is forwarded, what comes
// back, and AWS's answers when the backend is slow or unreachable (docs/aws-parity.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { startEchoServer } from '../../fixtures/echo-server.js'

let backend: Awaited<ReturnType<typeof startEchoServer>>
beforeAll(async () => {
  backend = await startEchoServer()
})
afterAll(() => backend.close())

function gatewayFor(uri: string, timeoutInMillis = 30000) {
  return createGateway({
    api: {
      openapi: '3.0.1',
      info: { title: 'proxy', version: '1' },
      paths: {
        '/{proxy+}': {
          'x-amazon-apigateway-any-method': {
            'x-amazon-apigateway-integration': {
              type: 'http_proxy',
              httpMethod: 'ANY',
              uri,
              payloadFormatVersion: '1.0',
              timeoutInMillis,
            },
          },
        },
      },
      'x-amazon-apigateway-importexport-version': '1.0',
    },
    logger: silentLogger,
  })
}

describe('HTTP API HTTP_PROXY', () => {
  it('forwards method, path, query, body and end-to-end headers, not hop-by-hop ones', async () => {
    const gateway = gatewayFor(`${backend.origin}/{proxy}`)
    const res = await gateway.invoke({
      method: 'POST',
      path: '/echo/here?a=1&a=2',
      headers: {
        'X-Custom': 'yes',
        Connection: 'keep-alive',
        'Keep-Alive': 'timeout=5',
        TE: 'trailers',
      },
      body: '{"n":1}',
    })
    expect(res.statusCode).toBe(200)
    const seen = JSON.parse(res.body) as {
      method: string
      url: string
      headers: Record<string, string>
      body: string
    }
    expect(seen.method).toBe('POST')
    expect(seen.url).toBe('/echo/here?a=1&a=2')
    expect(seen.body).toBe('{"n":1}')
    expect(seen.headers['x-custom']).toBe('yes')
    expect(seen.headers['keep-alive']).toBeUndefined()
    expect(seen.headers['te']).toBeUndefined()
  })

  it('passes the backend status and both cookies back', async () => {
    const gateway = gatewayFor(`${backend.origin}/{proxy}`)
    const status = await gateway.invoke({ method: 'GET', path: '/status/418' })
    expect(status.statusCode).toBe(418)
    expect(status.headers['x-backend']).toBe('yes')
    const cookies = await gateway.invoke({ method: 'GET', path: '/cookies' })
    expect(cookies.multiValueHeaders['set-cookie']).toHaveLength(2)
  })

  it('answers a backend slower than timeoutInMillis with 503 Service Unavailable', async () => {
    const gateway = gatewayFor(`${backend.origin}/{proxy}`, 100)
    const res = await gateway.invoke({ method: 'GET', path: '/slow' })
    expect(res.statusCode).toBe(503)
    expect(JSON.parse(res.body)).toEqual({ message: 'Service Unavailable' })
  })

  it('answers an unreachable backend with 500 Internal Server Error', async () => {
    const gateway = gatewayFor('http://127.0.0.1:1/{proxy}')
    const res = await gateway.invoke({ method: 'GET', path: '/anything' })
    expect(res.statusCode).toBe(500)
    expect(JSON.parse(res.body)).toEqual({ message: 'Internal Server Error' })
  })
})
