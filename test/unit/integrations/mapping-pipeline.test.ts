import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { openApi, proxyMethod } from '../../fixtures/mini-api.js'

const responses = { 200: { description: 'ok' }, 201: { description: 'created' } }

interface Seen {
  url: string
  headers: Record<string, string>
  body: string
}

function httpGateway(integration: Record<string, unknown>, reply = '{"a": {"b": "deep"}}') {
  const seen: Seen[] = []
  const gateway = createGateway({
    api: openApi({
      '/items/{id}': {
        post: {
          responses,
          'x-amazon-apigateway-integration': {
            type: 'http',
            httpMethod: 'POST',
            uri: 'http://backend.test/items/{id}',
            responses: { default: { statusCode: '200' } },
            ...integration,
          },
        },
      },
    }),
    fetch: async (url, init) => {
      seen.push({
        url,
        headers: Object.fromEntries(
          new Headers(init.headers as ConstructorParameters<typeof Headers>[0]),
        ),
        body: String(init.body ?? ''),
      })
      return new Response(reply, {
        headers: { 'Content-Type': 'application/json', 'X-Backend': 'b1' },
      })
    },
    logger: silentLogger,
  })
  return { gateway, seen }
}

describe('request and response overrides', () => {
  it('applies requestOverride header, querystring and path after the template', async () => {
    const { gateway, seen } = httpGateway({
      requestParameters: { 'integration.request.header.X-Mapped': "'from-mapping'" },
      requestTemplates: {
        'application/json': [
          "#set($context.requestOverride.header.X-Mapped = 'from-override')",
          "#set($context.requestOverride.querystring.q = 'v')",
          "#set($context.requestOverride.path.id = 'overridden')",
          '{}',
        ].join('\n'),
      },
    })
    const res = await gateway.invoke({ method: 'POST', path: '/items/1', body: '{}' })
    expect(res.statusCode).toBe(200)
    expect(seen[0]?.url).toBe('http://backend.test/items/overridden?q=v')
    expect(seen[0]?.headers['x-mapped']).toBe('from-override')
  })

  it('applies responseOverride status and headers after the response template', async () => {
    const { gateway } = httpGateway({
      responses: {
        default: {
          statusCode: '200',
          responseTemplates: {
            'application/json':
              "#set($context.responseOverride.status = 201)#set($context.responseOverride.header.X-Extra = 'yes')done",
          },
        },
      },
    })
    const res = await gateway.invoke({ method: 'POST', path: '/items/1' })
    expect([res.statusCode, res.body, res.headers['X-Extra']]).toEqual([201, 'done', 'yes'])
  })
})

describe('parameter mapping', () => {
  it('maps response headers from the backend body (JSONPath) and headers', async () => {
    const { gateway } = httpGateway({
      responses: {
        default: {
          statusCode: '200',
          responseParameters: {
            'method.response.header.X-Deep': 'integration.response.body.a.b',
            'method.response.header.X-From': 'integration.response.header.X-Backend',
            'method.response.header.X-Static': "'fixed'",
          },
        },
      },
    })
    const res = await gateway.invoke({ method: 'POST', path: '/items/1' })
    expect(res.headers).toMatchObject({ 'X-Deep': 'deep', 'X-From': 'b1', 'X-Static': 'fixed' })
  })

  it('maps a request header from a body field', async () => {
    const { gateway, seen } = httpGateway({
      requestParameters: { 'integration.request.header.X-Name': 'method.request.body.pet.name' },
    })
    await gateway.invoke({ method: 'POST', path: '/items/1', body: '{"pet": {"name": "Rex"}}' })
    expect(seen[0]?.headers['x-name']).toBe('Rex')
  })

  it('fails each call with a 500 when a mapping targets a header AWS reserves', async () => {
    const { gateway, seen } = httpGateway({
      requestParameters: { 'integration.request.header.Content-Length': "'5'" },
    })
    const res = await gateway.invoke({ method: 'POST', path: '/items/1' })
    expect(res.statusCode).toBe(500)
    expect(seen).toHaveLength(0)
  })
})

describe('template selection', () => {
  const templates = {
    requestTemplates: {
      'application/json': '{"kind": "json"}',
      'application/xml': '{"kind": "xml"}',
    },
    responses: {
      default: {
        statusCode: '200',
        responseTemplates: { 'text/plain': 'plain', 'application/json': '"json"' },
      },
    },
  }

  it('picks the request template by Content-Type, ignoring parameters; none means JSON', async () => {
    const { gateway, seen } = httpGateway(templates)
    await gateway.invoke({
      method: 'POST',
      path: '/items/1',
      headers: { 'Content-Type': 'application/xml; charset=UTF-8' },
    })
    await gateway.invoke({ method: 'POST', path: '/items/1' })
    expect(seen.map((s) => s.body)).toEqual(['{"kind": "xml"}', '{"kind": "json"}'])
  })

  it('picks the response template by the first Accept type, then application/json', async () => {
    const { gateway } = httpGateway(templates)
    const plain = await gateway.invoke({
      method: 'POST',
      path: '/items/1',
      headers: { Accept: 'text/plain, application/json' },
    })
    const other = await gateway.invoke({
      method: 'POST',
      path: '/items/1',
      headers: { Accept: 'image/png' },
    })
    expect([plain.body, plain.headers['Content-Type']]).toEqual(['plain', 'text/plain'])
    expect(other.body).toBe('"json"')
  })

  it.each([
    ['WHEN_NO_MATCH', 200],
    ['WHEN_NO_TEMPLATES', 415],
    ['NEVER', 415],
  ])('%s with an unmatched Content-Type answers %i', async (behavior, status) => {
    const { gateway } = httpGateway({ ...templates, passthroughBehavior: behavior.toLowerCase() })
    const res = await gateway.invoke({
      method: 'POST',
      path: '/items/1',
      headers: { 'Content-Type': 'text/csv' },
      body: 'a,b',
    })
    expect(res.statusCode).toBe(status)
    if (status === 415) expect(res.body).toBe('{"message":"Unsupported Media Type"}')
  })
})

describe('template errors', () => {
  it('names the template in a ConfigError when it does not parse', () => {
    expect(() =>
      httpGateway({ requestTemplates: { 'application/json': '#if($x) unclosed' } }),
    ).toThrow(
      /x-amazon-apigateway-integration\.requestTemplates\.application\/json: invalid mapping template/,
    )
  })

  it('answers 500 when rendering fails (parseJson of invalid JSON), never throwing', async () => {
    const { gateway } = httpGateway({
      requestTemplates: { 'application/json': "$util.parseJson('{oops')" },
    })
    const res = await gateway.invoke({ method: 'POST', path: '/items/1' })
    expect([res.statusCode, res.body]).toEqual([500, '{"message":"Internal server error"}'])
  })
})

describe('reserved response headers', () => {
  it('remaps WWW-Authenticate from a Lambda proxy reply', async () => {
    const gateway = createGateway({
      api: openApi({ '/p': { get: proxyMethod('Fn') } }),
      lambdas: {
        Fn: async () => ({
          statusCode: 401,
          headers: { 'WWW-Authenticate': 'Basic realm="x"', 'X-Ok': '1' },
        }),
      },
      logger: silentLogger,
    })
    const res = await gateway.invoke({ method: 'GET', path: '/p' })
    expect(res.headers['x-amzn-Remapped-WWW-Authenticate']).toBe('Basic realm="x"')
    expect(res.headers['WWW-Authenticate']).toBeUndefined()
    expect(res.headers['X-Ok']).toBe('1')
  })
})
