// HTTP API parameter mapping on HTTP_PROXY integrations:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'

function api(requestParameters: Record<string, string>) {
  return {
    openapi: '3.0.1',
    info: { title: 'mapping', version: '1' },
    paths: {
      '/items/{id}': {
        get: {
          'x-amazon-apigateway-integration': {
            type: 'http_proxy',
            httpMethod: 'ANY',
            uri: 'http://backend.test/items/{id}',
            payloadFormatVersion: '1.0',
            requestParameters,
          },
        },
      },
    },
    'x-amazon-apigateway-importexport-version': '1.0',
  }
}

describe('HTTP API parameter mapping', () => {
  it('overwrites, appends and removes headers and query strings, and rewrites the path', async () => {
    const seen: Array<{ url: string; headers: Headers }> = []
    const gateway = createGateway({
      api: api({
        'overwrite:header.x-user': '$request.querystring.user',
        'append:header.x-trace': 'from-${stageVariables.env}',
        'remove:header.x-drop': "''",
        'append:querystring.source': 'portico',
        'remove:querystring.user': "''",
        'overwrite:path': '/v2/things/$request.path.id',
      }),
      stage: { name: '$default', variables: { env: 'test' } },
      fetch: async (url, init) => {
        seen.push({
          url,
          headers: new Headers(init.headers as ConstructorParameters<typeof Headers>[0]),
        })
        return new Response('ok')
      },
      logger: silentLogger,
    })
    const res = await gateway.invoke({
      method: 'GET',
      path: '/items/7?user=ana&keep=1',
      headers: { 'X-Trace': 'client', 'X-Drop': 'secret' },
    })
    expect(res.statusCode).toBe(200)
    const call = seen[0]!
    const url = new URL(call.url)
    expect(url.pathname).toBe('/v2/things/7')
    expect(url.searchParams.get('keep')).toBe('1')
    expect(url.searchParams.get('source')).toBe('portico')
    expect(url.searchParams.has('user')).toBe(false)
    expect(call.headers.get('x-user')).toBe('ana')
    expect(call.headers.get('x-trace')).toBe('client, from-test')
    expect(call.headers.has('x-drop')).toBe(false)
  })

  it('refuses to map a reserved header', () => {
    expect(() =>
      createGateway({
        api: api({ 'overwrite:header.Authorization': "'x'" }),
        logger: silentLogger,
      }),
    ).toThrow(
      /requestParameters\.overwrite:header\.Authorization: header Authorization is reserved/,
    )
  })

  it('maps responses by status: headers from the response and a new status code', async () => {
    const gateway = createGateway({
      api: {
        openapi: '3.0.1',
        info: { title: 'response-mapping', version: '1' },
        paths: {
          '/things': {
            get: {
              'x-amazon-apigateway-integration': {
                type: 'http_proxy',
                httpMethod: 'GET',
                uri: 'http://backend.test/things',
                payloadFormatVersion: '1.0',
                responseParameters: {
                  '200': {
                    'overwrite:statuscode': '202',
                    'overwrite:header.x-count': '$response.body.count',
                    'append:header.x-from': 'backend-$response.header.x-backend',
                    'remove:header.x-secret': "''",
                  },
                },
              },
            },
          },
        },
        'x-amazon-apigateway-importexport-version': '1.0',
      },
      fetch: async () =>
        new Response('{"count": 3}', {
          headers: { 'Content-Type': 'application/json', 'X-Backend': 'b1', 'X-Secret': 's' },
        }),
      logger: silentLogger,
    })
    const res = await gateway.invoke({ method: 'GET', path: '/things' })
    expect(res.statusCode).toBe(202)
    expect(res.headers['x-count']).toBe('3')
    expect(res.headers['x-from']).toBe('backend-b1')
    expect(res.headers['x-secret']).toBeUndefined()
    expect(res.body).toBe('{"count": 3}')
  })
})
