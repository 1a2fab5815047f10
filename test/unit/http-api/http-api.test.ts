// HTTP APIs (v2) from AWS's export form: route keys, payload 2.0 and 1.0, response inference,
// CORS. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { toNodeHandler } from '../../../src/node.js'

const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`
const lambda = (name: string, version = '2.0') => ({
  'x-amazon-apigateway-integration': {
    payloadFormatVersion: version,
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: fn(name),
    connectionType: 'INTERNET',
  },
})

/** An HTTP API as `aws apigatewayv2 export-api` prints it. */
const exported = {
  openapi: '3.0.1',
  info: { title: 'pets-http', version: '2026-11-21 06:00:00UTC' },
  paths: {
    '/pets': { get: lambda('Route'), post: lambda('Route') },
    '/pets/{id}': { get: lambda('Route') },
    '/pets/dog/1': { get: lambda('Route') },
    '/pets/{proxy+}': { 'x-amazon-apigateway-any-method': lambda('Route') },
    '/v1/{id}': { get: lambda('V1', '1.0') },
    '/reply': { post: lambda('Reply') },
    '/$default': { 'x-amazon-apigateway-any-method': { isDefaultRoute: true, ...lambda('Route') } },
  },
  'x-amazon-apigateway-cors': {
    allowOrigins: ['https://app.example.com'],
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['content-type', 'authorization'],
    exposeHeaders: ['x-total'],
    maxAge: 300,
    allowCredentials: true,
  },
  'x-amazon-apigateway-importexport-version': '1.0',
}

const events: Array<Record<string, any>> = [] // eslint-disable-line @typescript-eslint/no-explicit-any
const gateway = createGateway({
  api: exported,
  apiId: 'h77abc',
  lambdas: {
    Route: async (event: Record<string, unknown>) => {
      events.push(event)
      return {
        statusCode: 200,
        headers: { 'x-total': '3', 'Access-Control-Allow-Origin': '*' },
        body: String(event['routeKey']),
      }
    },
    V1: async (event: Record<string, unknown>) => (
      events.push(event),
      { statusCode: 201, body: 'v1' }
    ),
    Reply: async (event: { body?: string }) => JSON.parse(event.body ?? 'null'),
  },
  logger: silentLogger,
})
const call = (
  method: string,
  path: string,
  headers: Record<string, string | string[]> = {},
  body?: string,
) => gateway.invoke({ method, path, headers, ...(body === undefined ? {} : { body }) })

describe('route keys', () => {
  it.each([
    ['GET', '/pets', 'GET /pets'],
    ['POST', '/pets', 'POST /pets'],
    ['GET', '/pets/7', 'GET /pets/{id}'],
    ['GET', '/pets/dog/1', 'GET /pets/dog/1'],
    ['GET', '/pets/dog/2', 'ANY /pets/{proxy+}'],
    ['DELETE', '/pets/7', 'ANY /pets/{proxy+}'],
    ['GET', '/other/thing', '$default'],
    ['PUT', '/pets', '$default'],
  ])('%s %s → %s', async (method, path, routeKey) => {
    const res = await call(method, path)
    expect([res.statusCode, res.body]).toEqual([200, routeKey])
  })

  it('answers 404 Not Found without a $default route', async () => {
    const bare = createGateway({
      api: { ...exported, paths: { '/pets': { get: lambda('Route') } } },
      lambdas: { Route: async () => ({ statusCode: 200 }) },
      logger: silentLogger,
    })
    const res = await bare.invoke({ method: 'GET', path: '/nope' })
    expect([res.statusCode, res.body]).toEqual([404, '{"message":"Not Found"}'])
    expect((await bare.invoke({ method: 'POST', path: '/pets' })).statusCode).toBe(404)
  })
})

describe('payload format 2.0', () => {
  it('has every field: rawPath, rawQueryString, cookies, joined headers and query, requestContext.http', async () => {
    await call('GET', '/pets/42?tag=a&tag=b&q=x%20y', {
      Cookie: ['a=1; b=2', 'c=3'],
      'X-Multi': ['one', 'two'],
      'User-Agent': 'ua',
      Host: 'h77abc.execute-api.us-east-1.amazonaws.com',
    })
    const event = events.at(-1)!
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /pets/{id}',
      rawPath: '/pets/42',
      rawQueryString: 'tag=a&tag=b&q=x%20y',
      cookies: ['a=1', 'b=2', 'c=3'],
      headers: {
        'x-multi': 'one,two',
        'user-agent': 'ua',
        host: 'h77abc.execute-api.us-east-1.amazonaws.com',
      },
      queryStringParameters: { tag: 'a,b', q: 'x y' },
      pathParameters: { id: '42' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '123456789012',
        apiId: 'h77abc',
        domainName: 'h77abc.execute-api.us-east-1.amazonaws.com',
        domainPrefix: 'h77abc',
        http: {
          method: 'GET',
          path: '/pets/42',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'ua',
        },
        routeKey: 'GET /pets/{id}',
        stage: '$default',
      },
    })
    expect(event['headers']['cookie']).toBeUndefined()
    expect(event['multiValueHeaders']).toBeUndefined()
    expect(typeof event['requestContext']['timeEpoch']).toBe('number')
  })

  it.each([
    ['a bare string', '"Hello"', 200, 'Hello'],
    ['an object without statusCode', '{"a": 1}', 200, '{"a":1}'],
    ['a list', '[1, 2]', 200, '[1,2]'],
    [
      'a full reply',
      '{"statusCode": 201, "body": "made", "headers": {"X-A": "1"}, "cookies": ["s=1", "t=2"]}',
      201,
      'made',
    ],
  ])('infers the response from %s', async (_, body, status, expected) => {
    const res = await call('POST', '/reply', { 'Content-Type': 'application/json' }, body)
    expect([res.statusCode, res.body]).toEqual([status, expected])
    if (status === 200) expect(res.headers['Content-Type']).toBe('application/json')
    if (status === 201) expect(res.multiValueHeaders['Set-Cookie']).toEqual(['s=1', 't=2'])
  })

  it('answers 500 Internal Server Error for a reply it cannot use', async () => {
    const res = await call('POST', '/reply', {}, '{"statusCode": "teapot"}')
    expect([res.statusCode, res.body]).toEqual([500, '{"message":"Internal Server Error"}'])
  })
})

describe('payload format 1.0', () => {
  it('sends the REST shape with version 1.0 per route', async () => {
    const res = await call('GET', '/v1/9?x=1')
    expect(res.statusCode).toBe(201)
    expect(events.at(-1)).toMatchObject({
      version: '1.0',
      resource: '/v1/{id}',
      path: '/v1/9',
      httpMethod: 'GET',
      queryStringParameters: { x: '1' },
      pathParameters: { id: '9' },
      requestContext: { stage: '$default', resourceId: null },
    })
  })
})

describe('CORS configuration', () => {
  it('answers a preflight itself, with the configured headers', async () => {
    const before = events.length
    const res = await call('OPTIONS', '/pets', {
      Origin: 'https://app.example.com',
      'Access-Control-Request-Method': 'POST',
    })
    expect(res.statusCode).toBe(204)
    expect(res.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'https://app.example.com',
      'Access-Control-Allow-Methods': 'GET,POST',
      'Access-Control-Allow-Headers': 'content-type,authorization',
      'Access-Control-Max-Age': '300',
      'Access-Control-Allow-Credentials': 'true',
    })
    expect(events.length).toBe(before)
  })

  it('puts the configured headers on responses, replacing the backend ones', async () => {
    const allowed = await call('GET', '/pets', { Origin: 'https://app.example.com' })
    expect(allowed.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'https://app.example.com',
      'Access-Control-Expose-Headers': 'x-total',
      'Access-Control-Allow-Credentials': 'true',
    })
    const other = await call('GET', '/pets', { Origin: 'https://evil.example.com' })
    expect(other.headers['Access-Control-Allow-Origin']).toBeUndefined()
  })
})

describe('node adapter', () => {
  it('serves the $default stage at the root, over a real socket', async () => {
    const server: Server = createServer(toNodeHandler(gateway))
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    const port = (server.address() as AddressInfo).port
    try {
      const [status, body, headers] = await new Promise<[number, string, Record<string, unknown>]>(
        (ok, fail) => {
          httpRequest({ host: '127.0.0.1', port, path: '/pets/5' }, (res) => {
            let text = ''
            res.on('data', (c) => (text += c))
            res.on('end', () => ok([res.statusCode ?? 0, text, res.headers]))
          })
            .on('error', fail)
            .end()
        },
      )
      expect([status, body]).toEqual([200, 'GET /pets/{id}'])
      expect(headers['apigw-requestid']).toMatch(/^[A-Za-z0-9+/]{15}=$/)
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()))
    }
  })
})

describe('limits', () => {
  it('answers 413 for a body over 10 MB or headers over 10240 bytes', async () => {
    const big = await call('POST', '/pets', {}, 'x'.repeat(10 * 1024 * 1024 + 1))
    expect([big.statusCode, big.body]).toEqual([
      413,
      'HTTP content length exceeded 10485760 bytes.',
    ])
    const headers = await call('GET', '/pets', { 'X-Big': 'y'.repeat(10_300) })
    expect(headers.statusCode).toBe(413)
  })
})
