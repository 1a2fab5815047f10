import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { closedPort, startEchoServer, type EchoedRequest } from '../../fixtures/echo-server.js'
import { openApi } from '../../fixtures/mini-api.js'

let backend: Awaited<ReturnType<typeof startEchoServer>>
beforeAll(async () => {
  backend = await startEchoServer()
})
afterAll(() => backend.close())

const httpProxy = (uri: string, extra: Record<string, unknown> = {}) => ({
  parameters: [],
  'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'ANY', uri, ...extra },
})

describe('HTTP_PROXY against a real local server', () => {
  const gateway = () =>
    createGateway({
      api: openApi({
        '/{proxy+}': {
          'x-amazon-apigateway-any-method': httpProxy('http://${stageVariables.backend}/{proxy}', {
            requestParameters: {
              'integration.request.path.proxy': 'method.request.path.proxy',
              'integration.request.header.X-Mapped': "'static'",
            },
          }),
        },
        '/slow': {
          get: httpProxy('http://${stageVariables.backend}/slow', { timeoutInMillis: 100 }),
        },
      }),
      stage: { name: 'test', variables: { backend: backend.host } },
      logger: silentLogger,
    })

  it('passes method, path, query, headers and body; returns the backend answer as is', async () => {
    const res = await gateway().invoke({
      method: 'POST',
      path: '/things/a%20b/c?x=1&x=2&y=%2B',
      headers: {
        'Content-Type': 'application/json',
        'X-Custom': ['one', 'two'],
        Connection: 'close',
        Host: 'api.example.com',
      },
      body: '{"hello":"world"}',
      sourceIp: '198.51.100.7',
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['x-backend']).toBe('yes')
    expect(res.headers['connection']).toBeUndefined()
    const seen = JSON.parse(res.body) as EchoedRequest
    expect(seen.method).toBe('POST')
    expect(seen.url).toBe('/things/a%20b/c?x=1&x=2&y=%2B')
    expect(seen.body).toBe('{"hello":"world"}')
    expect(seen.headers['x-custom']).toBe('one, two')
    expect(seen.headers['x-mapped']).toBe('static')
    expect(seen.headers['x-forwarded-for']).toBe('198.51.100.7')
    expect(seen.headers['host']).toBe(backend.host)
    expect(seen.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/)
    expect(seen.headers['x-amzn-apigateway-api-id']).toBeTruthy()
  })

  it('passes the backend status and every Set-Cookie', async () => {
    const g = gateway()
    const notFound = await g.invoke({ method: 'GET', path: '/status/404' })
    expect([notFound.statusCode, JSON.parse(notFound.body).message]).toEqual([404, 'from backend'])
    const cookies = await g.invoke({ method: 'GET', path: '/cookies' })
    expect(cookies.multiValueHeaders['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly'])
  })

  it('returns binary bodies as base64 with isBase64Encoded', async () => {
    const res = await gateway().invoke({ method: 'GET', path: '/binary' })
    expect(res.isBase64Encoded).toBe(true)
    expect(Buffer.from(res.body, 'base64')).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]))
  })

  it('times out at timeoutInMillis with 504 INTEGRATION_TIMEOUT', async () => {
    const res = await gateway().invoke({ method: 'GET', path: '/slow' })
    expect(res.statusCode).toBe(504)
    expect(res.body).toBe('{"message":"Endpoint request timed out"}')
  })

  it('answers 500 Internal server error when the backend refuses the connection', async () => {
    const port = await closedPort()
    const errors: string[] = []
    const g = createGateway({
      api: openApi({ '/x': { get: httpProxy(`http://127.0.0.1:${port}/x`) } }),
      logger: { ...silentLogger, error: (m) => void errors.push(m) },
    })
    const res = await g.invoke({ method: 'GET', path: '/x' })
    expect([res.statusCode, res.body]).toEqual([500, '{"message":"Internal server error"}'])
    expect(errors.join()).toMatch(/Execution failed due to configuration error: ECONNREFUSED/)
  })

  it('answers 500 for an invalid endpoint address after stage variable substitution', async () => {
    const g = createGateway({
      api: openApi({ '/x': { get: httpProxy('http://${stageVariables.host}/x') } }),
      stage: { name: 'dev', variables: {} },
      logger: silentLogger,
    })
    expect((await g.invoke({ method: 'GET', path: '/x' })).statusCode).toBe(500)
  })
})

describe('HTTP (custom) integration against a real local server', () => {
  const api = (responses: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    openApi({
      '/pets/{id}': {
        get: {
          parameters: [
            { name: 'id', in: 'path', required: true },
            { name: 'q', in: 'query' },
          ],
          responses: { '200': { description: 'ok' }, '404': { description: 'missing' } },
          'x-amazon-apigateway-integration': {
            type: 'http',
            httpMethod: 'GET',
            uri: `${backend.origin}/echo/{id}`,
            requestParameters: {
              'integration.request.path.id': 'method.request.path.id',
              'integration.request.querystring.search': 'method.request.querystring.q',
              'integration.request.header.X-Request-Id': 'context.requestId',
            },
            responses,
            ...extra,
          },
        },
      },
    })

  it('sends only mapped parameters and maps the response headers', async () => {
    const g = createGateway({
      api: api({
        default: {
          statusCode: '200',
          responseParameters: {
            'method.response.header.X-From': 'integration.response.header.X-Backend',
            'method.response.header.X-Static': "'s'",
          },
        },
      }),
      logger: silentLogger,
    })
    const res = await g.invoke({
      method: 'GET',
      path: '/pets/7?q=cats&other=1',
      headers: { 'X-Unmapped': 'no' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['X-From']).toBe('yes')
    expect(res.headers['X-Static']).toBe('s')
    expect(res.headers['x-backend']).toBeUndefined()
    const seen = JSON.parse(res.body) as EchoedRequest
    expect(seen.url).toBe('/echo/7?search=cats')
    expect(seen.headers['x-unmapped']).toBeUndefined()
    expect(seen.headers['x-request-id']).toBe(res.headers['x-amzn-RequestId'])
    expect(seen.headers['accept']).toBe('application/json')
    expect(seen.headers['user-agent']).toMatch(/^AmazonAPIGateway_/)
  })

  it('selects the integration response by status pattern', async () => {
    const g = createGateway({
      api: openApi({
        '/s/{code}': {
          get: {
            responses: { '200': { description: 'ok' }, '404': { description: 'missing' } },
            'x-amazon-apigateway-integration': {
              type: 'http',
              httpMethod: 'GET',
              uri: `${backend.origin}/status/{code}`,
              requestParameters: { 'integration.request.path.code': 'method.request.path.code' },
              responses: {
                default: { statusCode: '200' },
                '4\\d{2}': {
                  statusCode: '404',
                  responseTemplates: { 'application/json': '{"missing":true}' },
                },
                '5\\d{2}': { statusCode: '500' },
              },
            },
          },
        },
      }),
      logger: silentLogger,
    })
    const missing = await g.invoke({ method: 'GET', path: '/s/404' })
    expect([missing.statusCode, missing.body]).toEqual([404, '{"missing":true}'])
    const ok = await g.invoke({ method: 'GET', path: '/s/201' })
    expect(ok.statusCode).toBe(200)
    // 500 has no method response: AWS's "Output mapping refers to an invalid method response".
    const bad = await g.invoke({ method: 'GET', path: '/s/503' })
    expect([bad.statusCode, bad.body]).toEqual([500, '{"message":"Internal server error"}'])
  })

  it('returns 415 for NEVER passthrough without a matching template', async () => {
    const g = createGateway({
      api: api({ default: { statusCode: '200' } }, { passthroughBehavior: 'never' }),
      logger: silentLogger,
    })
    const res = await g.invoke({
      method: 'GET',
      path: '/pets/1',
      headers: { 'Content-Type': 'text/plain' },
    })
    expect([res.statusCode, res.body, res.headers['x-amzn-ErrorType']]).toEqual([
      415,
      '{"message":"Unsupported Media Type"}',
      'BadRequestException',
    ])
  })
})
