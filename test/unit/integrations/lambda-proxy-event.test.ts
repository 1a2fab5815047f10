import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type LambdaProxyEvent } from '../../../src/index.js'
import { FakeClock, seededRandom } from '../../../src/testing/index.js'
import { lambdaUri, openApi, proxyMethod } from '../../fixtures/mini-api.js'

const ADDED = [
  'Host',
  'X-Amzn-Trace-Id',
  'X-Forwarded-For',
  'X-Forwarded-Port',
  'X-Forwarded-Proto',
]

/** The headers of an event without those API Gateway adds. */
function clientPart<T>(headers: Record<string, T> | null): Record<string, T> {
  const out: Record<string, T> = {}
  for (const [name, value] of Object.entries(headers ?? {}))
    if (!ADDED.includes(name)) out[name] = value
  return out
}

function capture(
  extra: Record<string, unknown> = {},
  stage?: { name: string; variables?: Record<string, string> },
) {
  const events: LambdaProxyEvent[] = []
  const clock = new FakeClock(Date.UTC(2026, 10, 21, 6, 19, 0))
  const gateway = createGateway({
    api: openApi(
      {
        '/pets/{petId}': { get: proxyMethod('Fn'), post: proxyMethod('Fn') },
        '/files/{proxy+}': { 'x-amazon-apigateway-any-method': proxyMethod('Fn') },
        '/plain': { get: proxyMethod('Fn') },
      },
      extra,
    ),
    lambdas: { Fn: async (event: LambdaProxyEvent) => (events.push(event), { statusCode: 200 }) },
    clock,
    random: seededRandom(7),
    logger: silentLogger,
    ...(stage ? { stage } : {}),
  })
  return { gateway, events, clock }
}

describe('Lambda proxy event, payload 1.0', () => {
  it('has null maps for a bare request', async () => {
    const { gateway, events } = capture()
    await gateway.invoke({ method: 'GET', path: '/plain' })
    const event = events[0] as LambdaProxyEvent
    expect(event.resource).toBe('/plain')
    expect(event.path).toBe('/plain')
    expect(event.httpMethod).toBe('GET')
    // API Gateway always adds Host, X-Amzn-Trace-Id and X-Forwarded-* (method-request-headers.test.ts).
    expect(Object.keys(event.headers ?? {}).sort()).toEqual(ADDED)
    expect(Object.keys(event.multiValueHeaders ?? {}).sort()).toEqual(ADDED)
    expect(event.queryStringParameters).toBeNull()
    expect(event.multiValueQueryStringParameters).toBeNull()
    expect(event.pathParameters).toBeNull()
    expect(event.stageVariables).toBeNull()
    expect(event.body).toBeNull()
    expect(event.isBase64Encoded).toBe(false)
  })

  it('keeps repeated query keys and headers: last value single, all values multi', async () => {
    const { gateway, events } = capture()
    await gateway.invoke({
      method: 'GET',
      path: '/pets/42?tag=a&tag=b&q=hello+world&plus=%2B&empty=',
      headers: { 'X-Multi': ['one', 'two'], Accept: 'application/json' },
    })
    const event = events[0] as LambdaProxyEvent
    expect(event.queryStringParameters).toEqual({
      tag: 'b',
      q: 'hello world',
      plus: '+',
      empty: '',
    })
    expect(event.multiValueQueryStringParameters).toEqual({
      tag: ['a', 'b'],
      q: ['hello world'],
      plus: ['+'],
      empty: [''],
    })
    expect(clientPart(event.headers)).toEqual({ 'X-Multi': 'two', Accept: 'application/json' })
    expect(clientPart(event.multiValueHeaders)).toEqual({
      'X-Multi': ['one', 'two'],
      Accept: ['application/json'],
    })
    expect(event.pathParameters).toEqual({ petId: '42' })
    expect(event.resource).toBe('/pets/{petId}')
  })

  it('keeps query and header names like __proto__ and constructor as data', async () => {
    const { gateway, events } = capture()
    const res = await gateway.invoke({
      method: 'GET',
      path: '/plain?__proto__=1&constructor=2&__proto__=3&toString',
      rawHeaders: ['__proto__', 'h', 'constructor', 'c'],
    })
    expect(res.statusCode).toBe(200)
    const event = events[0] as LambdaProxyEvent
    // As JSON.parse would give them to a Lambda: own keys, the prototype untouched.
    expect(JSON.stringify(event.queryStringParameters)).toBe(
      '{"__proto__":"3","constructor":"2","toString":""}',
    )
    expect(JSON.stringify(event.multiValueQueryStringParameters)).toBe(
      '{"__proto__":["1","3"],"constructor":["2"],"toString":[""]}',
    )
    expect(Object.getPrototypeOf(event.queryStringParameters)).toBe(Object.prototype)
    expect(JSON.stringify(event.headers)).toMatch(/^\{"__proto__":"h","constructor":"c","Host"/)
    expect(JSON.stringify(event.multiValueHeaders)).toMatch(
      /^\{"__proto__":\["h"\],"constructor":\["c"\],"Host"/,
    )
  })

  it('leaves path values percent-encoded; a greedy value has no empty segments', async () => {
    const { gateway, events } = capture()
    await gateway.invoke({ method: 'GET', path: '/pets/a%2Bb' })
    await gateway.invoke({ method: 'DELETE', path: '/files/proxy-value/' })
    await gateway.invoke({ method: 'PUT', path: '/files/a//b' })
    expect(events[0]?.pathParameters).toEqual({ petId: 'a%2Bb' })
    expect(events[0]?.path).toBe('/pets/a%2Bb')
    expect(events[1]?.pathParameters).toEqual({ proxy: 'proxy-value' })
    expect(events[1]?.path).toBe('/files/proxy-value/')
    // Routing drops empty segments (AWS: /stage//orders routes as /orders).
    expect(events[2]?.pathParameters).toEqual({ proxy: 'a/b' })
  })

  it('sends a binary body as base64 when Content-Type is a binary media type', async () => {
    const { gateway, events } = capture({
      'x-amazon-apigateway-binary-media-types': ['application/octet-stream'],
    })
    const bytes = Uint8Array.from([0, 255, 1, 254])
    await gateway.invoke({
      method: 'POST',
      path: '/pets/1',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: bytes,
    })
    await gateway.invoke({
      method: 'POST',
      path: '/pets/1',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
    })
    expect(events[0]?.isBase64Encoded).toBe(true)
    expect(events[0]?.body).toBe(Buffer.from(bytes).toString('base64'))
    expect(events[1]?.isBase64Encoded).toBe(false)
    expect(events[1]?.body).toBe('{"a":1}')
  })

  it('fills requestContext from the injected clock and random source', async () => {
    const { gateway, events } = capture({}, { name: 'prod', variables: { table: 'pets' } })
    const res = await gateway.invoke({
      method: 'GET',
      path: '/pets/9',
      sourceIp: '203.0.113.9',
      headers: { 'User-Agent': 'curl/8' },
    })
    const event = events[0] as LambdaProxyEvent
    const context = event.requestContext
    expect(event.stageVariables).toEqual({ table: 'pets' })
    expect(context['requestTimeEpoch']).toBe(Date.UTC(2026, 10, 21, 6, 19, 0))
    expect(context['requestTime']).toBe('21/Nov/2026:06:19:00 +0000')
    expect(context['stage']).toBe('prod')
    expect(context['path']).toBe('/prod/pets/9')
    expect(context['resourcePath']).toBe('/pets/{petId}')
    expect(context['httpMethod']).toBe('GET')
    expect(context['protocol']).toBe('HTTP/1.1')
    expect(context['accountId']).toBe('123456789012')
    expect(context['apiId']).toBe(gateway.apiId)
    expect(context['requestId']).toBe(res.headers['x-amzn-RequestId'])
    expect(context['extendedRequestId']).toBe(res.headers['x-amz-apigw-id'])
    expect(context['requestId']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(context['identity']).toMatchObject({
      sourceIp: '203.0.113.9',
      userAgent: 'curl/8',
      user: null,
      caller: null,
    })
  })
})

describe('Lambda invocation failures', () => {
  const api = openApi({ '/fn': { get: proxyMethod('Fn') } })

  it('a Lambda that throws is a 502', async () => {
    const gateway = createGateway({
      api,
      lambdas: {
        Fn: async () => {
          throw new Error('boom')
        },
      },
      logger: silentLogger,
    })
    const res = await gateway.invoke({ method: 'GET', path: '/fn' })
    expect([res.statusCode, res.body]).toEqual([502, '{"message":"Internal server error"}'])
  })

  it('a Lambda that throws synchronously is a 502', async () => {
    const gateway = createGateway({
      api,
      lambdas: {
        Fn: () => {
          throw new TypeError('sync')
        },
      },
      logger: silentLogger,
    })
    expect((await gateway.invoke({ method: 'GET', path: '/fn' })).statusCode).toBe(502)
  })

  it('a Lambda that returns undefined is a 502', async () => {
    const gateway = createGateway({
      api,
      lambdas: { Fn: async () => undefined },
      logger: silentLogger,
    })
    expect((await gateway.invoke({ method: 'GET', path: '/fn' })).statusCode).toBe(502)
  })

  it('a Lambda that never resolves times out with 504 at timeoutInMillis on the injected clock', async () => {
    const clock = new FakeClock()
    const gateway = createGateway({
      api,
      lambdas: { Fn: () => new Promise(() => {}) },
      clock,
      logger: silentLogger,
    })
    let done = false
    const pending = gateway.invoke({ method: 'GET', path: '/fn' }).then((r) => ((done = true), r))
    await clock.advance(28_999)
    expect(done).toBe(false)
    await clock.advance(1)
    const res = await pending
    expect(res.statusCode).toBe(504)
    expect(res.body).toBe('{"message":"Endpoint request timed out"}')
    expect(res.headers['x-amzn-ErrorType']).toBe('InternalServerErrorException')
  })

  it('a callback-style handler works', async () => {
    const gateway = createGateway({
      api,
      lambdas: {
        Fn: (_event, context, callback) =>
          callback(null, { statusCode: 200, body: context.functionName }),
      },
      logger: silentLogger,
    })
    expect((await gateway.invoke({ method: 'GET', path: '/fn' })).body).toBe('Fn')
  })

  it('a missing handler is a 500 with the reason in the log, not a crash', async () => {
    const entries: string[] = []
    const logger = { ...silentLogger, error: (m: string) => void entries.push(m) }
    const gateway = createGateway({ api, lambdas: {}, logger })
    const res = await gateway.invoke({ method: 'GET', path: '/fn' })
    expect([res.statusCode, res.body]).toEqual([500, '{"message":"Internal server error"}'])
    expect(entries.join('\n')).toContain('no handler for Lambda function Fn')
  })

  it('resolves name:qualifier, then name, with stage variables substituted', async () => {
    const uri = lambdaUri('Fn:${stageVariables.alias}')
    const apiWithAlias = openApi({
      '/fn': {
        get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri } },
      },
    })
    const lambdas = {
      'Fn:live': async () => ({ body: 'live' }),
      Fn: async () => ({ body: 'plain' }),
    }
    const live = createGateway({
      api: apiWithAlias,
      lambdas,
      stage: { name: 'a', variables: { alias: 'live' } },
      logger: silentLogger,
    })
    const other = createGateway({
      api: apiWithAlias,
      lambdas,
      stage: { name: 'b', variables: { alias: 'beta' } },
      logger: silentLogger,
    })
    expect((await live.invoke({ method: 'GET', path: '/fn' })).body).toBe('live')
    expect((await other.invoke({ method: 'GET', path: '/fn' })).body).toBe('plain')
  })

  it('gives the handler its own copies: mutating the event changes nothing the gateway reads', async () => {
    const gateway = createGateway({
      api: openApi(
        { '/img': { get: proxyMethod('Fn') } },
        { 'x-amazon-apigateway-binary-media-types': ['image/png'] },
      ),
      lambdas: {
        Fn: async (event: LambdaProxyEvent) => {
          if (event.headers) event.headers['Accept'] = 'text/plain'
          event.multiValueHeaders?.['Accept']?.splice(0, 1, 'text/plain')
          if (event.multiValueQueryStringParameters)
            event.multiValueQueryStringParameters['q'] = ['changed']
          event.requestContext.identity.sourceIp = '6.6.6.6'
          return {
            statusCode: 200,
            body: Buffer.from('png').toString('base64'),
            isBase64Encoded: true,
          }
        },
      },
      logger: silentLogger,
    })
    for (let i = 0; i < 2; i++) {
      const res = await gateway.invoke({
        method: 'GET',
        path: '/img?q=1',
        headers: { Accept: 'image/png' },
        sourceIp: '1.2.3.4',
      })
      // The binary decision reads the client's Accept, not the handler's edit.
      expect(res.isBase64Encoded).toBe(true)
      expect(Buffer.from(res.body, 'base64').toString()).toBe('png')
    }
  })
})
