// Finding F1: V8's JSON.parse spends about a microsecond per nesting level, so a 10 MB body of
// `[[[[…` held the event loop for seconds at every place that parsed client JSON without the
// validator's depth check. Each place now refuses JSON nested deeper than 1000 levels (Jackson's
// default) after one linear scan, answering as it answers invalid JSON.
import { describe, expect, it } from 'vitest'
import {
  createGateway,
  createWebSocketGateway,
  openTestClient,
  silentLogger,
  type Gateway,
  type GatewayResponse,
} from '../../src/index.js'
import { lambdaUri, openApi } from '../fixtures/mini-api.js'

/** A JSON object nested `depth` levels deep (the object itself is level 1). */
const nested = (depth: number) =>
  `{"id":"7","items":[1,2],"deep":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`

const responses = { 200: { description: 'ok' }, 400: { description: 'bad' } }

function header(res: GatewayResponse, name: string): string | undefined {
  for (const [key, value] of Object.entries(res.headers))
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(',') : value
  return undefined
}

/** A backend that echoes the request body and tells which `x-id` header it got. */
async function echo(_url: string, init: RequestInit): Promise<Response> {
  const sent = new Headers(init.headers as ConstructorParameters<typeof Headers>[0])
  return new Response(String(init.body ?? ''), {
    headers: { 'Content-Type': 'application/json', 'X-Seen-Id': sent.get('x-id') ?? 'none' },
  })
}

function lambdaCustom(integration: Record<string, unknown>): Record<string, unknown> {
  return {
    responses,
    'x-amazon-apigateway-integration': {
      type: 'aws',
      httpMethod: 'POST',
      uri: lambdaUri('Fn'),
      responses: {
        default: { statusCode: '200', responseTemplates: { 'application/json': 'ok' } },
      },
      ...integration,
    },
  }
}

function http(integration: Record<string, unknown>): Record<string, unknown> {
  return {
    responses,
    'x-amazon-apigateway-integration': {
      type: 'http',
      httpMethod: 'POST',
      uri: 'http://backend.test/echo',
      ...integration,
    },
  }
}

const rest = createGateway({
  api: openApi(
    {
      '/validated': {
        post: {
          ...lambdaCustom({}),
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Any' } } },
          },
          'x-amazon-apigateway-request-validator': 'body',
        },
      },
      '/path-template': {
        post: lambdaCustom({
          requestTemplates: {
            'application/json':
              '{"id": $input.json(\'$.id\'), "n": [#foreach($i in $input.path(\'$.items\'))$i#if($foreach.hasNext),#end#end]}',
          },
        }),
      },
      '/parse-json': {
        post: lambdaCustom({
          requestTemplates: { 'application/json': '{"id": "$util.parseJson($input.body).id"}' },
        }),
      },
      '/lambda-passthrough': { post: lambdaCustom({}) },
      '/mock-body': {
        post: {
          responses,
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '$input.body' },
            responses: {
              default: { statusCode: '200', responseTemplates: { 'application/json': 'ok' } },
            },
          },
        },
      },
      '/body-parameter': {
        post: {
          responses,
          'x-amazon-apigateway-integration': {
            type: 'http_proxy',
            httpMethod: 'POST',
            uri: 'http://backend.test/echo',
            requestParameters: { 'integration.request.header.x-id': 'method.request.body.id' },
          },
        },
      },
      '/response-template': {
        post: http({
          responses: {
            default: {
              statusCode: '200',
              responseTemplates: { 'application/json': "$input.path('$.id')" },
            },
          },
        }),
      },
      '/response-parameter': {
        post: {
          responses: {
            200: {
              description: 'ok',
              headers: { 'x-id': { schema: { type: 'string' } } },
            },
          },
          'x-amazon-apigateway-integration': {
            type: 'http',
            httpMethod: 'POST',
            uri: 'http://backend.test/echo',
            responses: {
              default: {
                statusCode: '200',
                responseParameters: {
                  'method.response.header.x-id': 'integration.response.body.id',
                },
                responseTemplates: { 'application/json': 'ok' },
              },
            },
          },
        },
      },
    },
    {
      components: { schemas: { Any: { type: 'object' } } },
      'x-amazon-apigateway-request-validators': { body: { validateRequestBody: true } },
    },
  ),
  stage: { name: 'prod' },
  lambdas: { Fn: async () => ({ ok: true }) },
  fetch: echo,
  logger: silentLogger,
})

const httpApi = createGateway({
  api: {
    openapi: '3.0.1',
    info: { title: 'nesting', version: '1' },
    paths: {
      '/response-mapping': {
        post: {
          'x-amazon-apigateway-integration': {
            type: 'http_proxy',
            httpMethod: 'POST',
            uri: 'http://backend.test/echo',
            payloadFormatVersion: '1.0',
            responseParameters: { '200': { 'overwrite:header.x-id': '$response.body.id' } },
          },
        },
      },
    },
    'x-amazon-apigateway-importexport-version': '1.0',
  },
  fetch: echo,
  logger: silentLogger,
})

const INTERNAL = [500, '{"message":"Internal server error"}']
const TOO_DEEP = [
  400,
  '{"message":"Could not process payloadnet.minidev.json.parser.ParseException: JSON nesting exceeds 1000 levels"}',
]

interface Site {
  gateway: Gateway
  path: string
  /** What the test compares: status and body by default. */
  read?: (res: GatewayResponse) => unknown[]
  /** The answer at 1000 levels, and at 1001 levels and more. */
  ok: unknown[]
  tooDeep: unknown[]
}

const seenId = (res: GatewayResponse) => [res.statusCode, header(res, 'x-seen-id')]
const mappedId = (res: GatewayResponse) => [res.statusCode, header(res, 'x-id')]

const sites: Array<[string, Site]> = [
  [
    'request validator (400 Invalid request body)',
    {
      gateway: rest,
      path: '/validated',
      ok: [200, 'ok'],
      tooDeep: [400, '{"message":"Invalid request body"}'],
    },
  ],
  [
    'request template reading $input.path/json (400, as for invalid JSON)',
    { gateway: rest, path: '/path-template', ok: [200, 'ok'], tooDeep: TOO_DEEP },
  ],
  [
    '$util.parseJson in a request template (500, as for invalid JSON)',
    { gateway: rest, path: '/parse-json', ok: [200, 'ok'], tooDeep: INTERNAL },
  ],
  [
    'Lambda custom integration, body passed through (400, as for a non-JSON body)',
    {
      gateway: rest,
      path: '/lambda-passthrough',
      ok: [200, 'ok'],
      tooDeep: [
        400,
        '{"message":"Could not parse request body into json: JSON nesting exceeds 1000 levels"}',
      ],
    },
  ],
  [
    'MOCK request template printing $input.body (500, as for non-JSON output)',
    { gateway: rest, path: '/mock-body', ok: [200, 'ok'], tooDeep: INTERNAL },
  ],
  [
    'method.request.body.* parameter mapping (not mapped, as for invalid JSON)',
    {
      gateway: rest,
      path: '/body-parameter',
      read: seenId,
      ok: [200, '7'],
      tooDeep: [200, 'none'],
    },
  ],
  [
    'response template reading $input.path on the backend reply (500)',
    { gateway: rest, path: '/response-template', ok: [200, '7'], tooDeep: INTERNAL },
  ],
  [
    'integration.response.body.* parameter mapping (not mapped)',
    {
      gateway: rest,
      path: '/response-parameter',
      read: mappedId,
      ok: [200, '7'],
      tooDeep: [200, undefined],
    },
  ],
  [
    'HTTP API $response.body.* mapping (empty, as for invalid JSON)',
    {
      gateway: httpApi,
      path: '/response-mapping',
      read: mappedId,
      ok: [200, '7'],
      tooDeep: [200, ''],
    },
  ],
]

async function send(site: Site, body: string): Promise<unknown[]> {
  const res = await site.gateway.invoke({
    method: 'POST',
    path: site.path,
    headers: { 'Content-Type': 'application/json' },
    body,
  })
  return (site.read ?? ((r: GatewayResponse) => [r.statusCode, r.body]))(res)
}

describe('JSON nesting at parse sites', () => {
  it.each(sites)('%s: 1000 levels work, 1001 are refused', async (_, site) => {
    expect(await send(site, nested(1000))).toEqual(site.ok)
    expect(await send(site, nested(1001))).toEqual(site.tooDeep)
  })

  it.each(sites)('%s: 1,000,000 levels (2 MB) answer at once', async (_, site) => {
    const started = performance.now()
    expect(await send(site, nested(1_000_000))).toEqual(site.tooDeep)
    expect(performance.now() - started).toBeLessThan(4000)
  })
})

describe('JSON nesting in WebSocket route selection', () => {
  it('a deeply nested message goes to $default without being parsed', async () => {
    const routed: string[] = []
    const ws = createWebSocketGateway({
      api: {
        routes: {
          join: { lambda: 'Join' },
          $default: { lambda: 'Default' },
        },
      },
      stage: { name: 'prod' },
      lambdas: {
        Join: async () => (routed.push('join'), { statusCode: 200 }),
        Default: async () => (routed.push('$default'), { statusCode: 200 }),
      },
      logger: silentLogger,
    })
    const client = await openTestClient(ws)
    const deep = `${'{"action":"join","x":'.repeat(1001)}1${'}'.repeat(1001)}`
    await client.send(deep)
    await client.send('{"action":"join"}')
    expect(routed).toEqual(['$default', 'join'])
  })
})
