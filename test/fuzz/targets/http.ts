// Raw HTTP through `portico/node` (`toNodeHandler`) on a real `node:http` server, against a REST
// API with every check on. Protected resources answer a SECRET-* marker: seeing one without the
// credential in the request bytes is a bypass. HTTP_PROXY goes to a local backend that answers
// BACKEND-SECRET for any path outside /public/.
import { Buffer } from 'node:buffer'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { posix } from 'node:path'
import fc from 'fast-check'
import { toNodeHandler } from '../../../src/adapters/node-http/index.js'
import { createGateway, silentLogger } from '../../../src/index.js'
import { apiKeyScheme, lambdaUri, tokenAuthorizerScheme } from '../../fixtures/mini-api.js'
import { clip, type FuzzTarget, type Verdict } from '../core.js'
import { rawExchange, replyHeader } from '../raw-http.js'

export const API_KEY = 'fuzz-key-0123456789abcdef'
const TOKEN = 'Bearer allow-me'
const REQUEST_ID = 'let-in'

const secretMock = (marker: string) => ({
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: {
    default: {
      statusCode: '200',
      responseTemplates: { 'application/json': `{"marker": "${marker}"}` },
    },
  },
})
const ok = { 200: { description: 'ok' }, 400: { description: 'bad' } }

/** Templates over the body: regex methods, replaceAll, foreach, params. A 500 here can be AWS's answer. */
const vtlTemplate = [
  '#set($s = "$input.path(\'$.s\')")',
  '#set($list = [])',
  '#foreach($v in $input.path(\'$.items\'))#if($foreach.index < 50)#set($_ = $list.add("$v"))#end#end',
  '{"m": $s.matches("^(a|aa)+$"), "r": "$s.replaceAll("a+b", "x").length()",',
  ' "split": $s.split(",").size(), "n": $list.size(), "id": "$util.escapeJavaScript($input.params(\'id\'))",',
  ' "q": "$util.urlEncode($input.params(\'q\'))", "json": $input.json(\'$.o\')}',
].join('\n')

function fixtureApi(backend: string): Record<string, unknown> {
  return {
    openapi: '3.0.1',
    info: { title: 'fuzz', version: '1' },
    'x-amazon-apigateway-request-validators': {
      all: { validateRequestBody: true, validateRequestParameters: true },
    },
    'x-amazon-apigateway-policy': {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: '*' },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: ['execute-api:/*/*/admin', 'execute-api:/*/*/admin/*'],
        },
        {
          // Many wildcards: a glob compiled to a backtracking regex is slow on long paths.
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*/GET/wild/*a*a*a*a*a*a*a*a*b',
        },
      ],
    },
    components: {
      securitySchemes: {
        api_key: apiKeyScheme,
        tok: tokenAuthorizerScheme({ authorizerUri: lambdaUri('TokenAuth') }),
        req: {
          type: 'apiKey',
          name: 'Unused',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': {
            type: 'request',
            authorizerUri: lambdaUri('RequestAuth'),
            identitySource: 'method.request.header.X-Auth, method.request.querystring.k',
            authorizerResultTtlInSeconds: 0,
          },
        },
      },
      schemas: {
        Pet: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', maxLength: 64, pattern: '^[a-z]+$' },
            tags: { type: 'array', items: { type: 'string' } },
            owner: { $ref: '#/components/schemas/Owner' },
          },
        },
        Owner: { type: 'object', properties: { id: { type: 'integer', minimum: 0 } } },
      },
    },
    paths: {
      '/open': {
        get: { responses: ok, 'x-amazon-apigateway-integration': secretMock('open') },
      },
      '/vtl/{id}': {
        post: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: ok,
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': `${vtlTemplate}\n{"statusCode": 200}` },
            responses: {
              default: {
                statusCode: '200',
                responseTemplates: { 'application/json': vtlTemplate },
              },
            },
          },
        },
      },
      '/keyed': {
        get: {
          security: [{ api_key: [] }],
          responses: ok,
          'x-amazon-apigateway-integration': secretMock('SECRET-KEYED'),
        },
      },
      '/token': {
        get: {
          security: [{ tok: [] }],
          responses: ok,
          'x-amazon-apigateway-integration': secretMock('SECRET-TOKEN'),
        },
      },
      '/request': {
        get: {
          security: [{ req: [] }],
          responses: ok,
          'x-amazon-apigateway-integration': secretMock('SECRET-REQUEST'),
        },
      },
      '/admin/{proxy+}': {
        'x-amazon-apigateway-any-method': {
          responses: ok,
          'x-amazon-apigateway-integration': secretMock('SECRET-ADMIN'),
        },
      },
      '/wild/{proxy+}': {
        get: { responses: ok, 'x-amazon-apigateway-integration': secretMock('wild') },
      },
      '/validated': {
        post: {
          'x-amazon-apigateway-request-validator': 'all',
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
          },
          responses: ok,
          'x-amazon-apigateway-integration': secretMock('validated'),
        },
      },
      '/lambda/{proxy+}': {
        'x-amazon-apigateway-any-method': {
          responses: ok,
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: lambdaUri('Echo'),
          },
        },
      },
      '/select': {
        post: {
          responses: ok,
          'x-amazon-apigateway-integration': {
            type: 'aws',
            httpMethod: 'POST',
            uri: lambdaUri('Thrower'),
            requestTemplates: {
              'application/json': '{"m": "$util.escapeJavaScript($input.body)"}',
            },
            responses: {
              default: { statusCode: '200' },
              '^(a|aa)+$': { statusCode: '400' },
            },
          },
        },
      },
      '/proxy/{proxy+}': {
        'x-amazon-apigateway-any-method': {
          parameters: [{ name: 'proxy', in: 'path', required: true, schema: { type: 'string' } }],
          responses: ok,
          'x-amazon-apigateway-integration': {
            type: 'http_proxy',
            httpMethod: 'ANY',
            uri: `${backend}/public/{proxy}`,
            requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
            timeoutInMillis: 2000,
          },
        },
      },
      '/cached': {
        get: {
          parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }],
          responses: ok,
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            cacheKeyParameters: ['method.request.querystring.q'],
            responses: {
              default: {
                statusCode: '200',
                responseTemplates: {
                  'application/json': '{"q": "$util.escapeJavaScript($input.params(\'q\'))"}',
                },
              },
            },
          },
        },
      },
    },
  }
}

function allowPolicy(effect: string) {
  return {
    principalId: 'u',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: effect, Action: 'execute-api:Invoke', Resource: '*' }],
    },
  }
}

type Event = {
  authorizationToken?: string
  headers?: Record<string, string> | null
  queryStringParameters?: Record<string, string> | null
  body?: string | null
}

const lambdas = {
  TokenAuth: async (event: Event) => {
    if (event.authorizationToken === 'deny') return allowPolicy('Deny')
    if (event.authorizationToken === TOKEN) return allowPolicy('Allow')
    throw new Error('Unauthorized')
  },
  RequestAuth: async (event: Event) => {
    const header = Object.entries(event.headers ?? {}).find(([n]) => n.toLowerCase() === 'x-auth')
    if (header?.[1] === REQUEST_ID) return allowPolicy('Allow')
    throw new Error('Unauthorized')
  },
  // A handler that reflects its query into the reply (status, one header): trusted code, but a
  // common test double; the gateway must still frame a valid HTTP reply or answer 502.
  Echo: async (event: Event) => {
    const q = event.queryStringParameters ?? {}
    if (q['throw'] !== undefined) throw new Error('boom')
    const headers: Record<string, string> = {}
    const h = q['h']
    if (typeof h === 'string' && h.includes(':'))
      headers[h.slice(0, h.indexOf(':'))] = h.slice(h.indexOf(':') + 1)
    return {
      statusCode: q['status'] === undefined ? 200 : Number(q['status']),
      headers,
      body: `echo ${event.body?.length ?? 0}`,
    }
  },
  Thrower: async (event: { m?: string }) => {
    throw new Error(String(event.m ?? ''))
  },
}

/** Routes whose design answers 5xx: [route, allowed statuses]. */
const DESIGNED_5XX: Record<string, number[]> = {
  vtl: [500],
  lambda: [502],
  select: [500, 502],
  proxy: [502, 504],
}

const ROUTES = [
  'open',
  'vtl/1',
  'keyed',
  'token',
  'request',
  'admin/x',
  'validated',
  'lambda/x',
  'select',
  'proxy/x',
  'cached',
  'wild/x',
] as const

const SEGMENTS = [
  '..',
  '.',
  '',
  '%2e%2e',
  '%2E%2e%2F',
  '..%2f',
  '%zz',
  '%',
  '%00',
  '%61dmin',
  'ADMIN',
  'Admin',
  'admin',
  'admin%2fx',
  '%2561dmin',
  'ü',
  '\u202e',
  '😀',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '{proxy+}',
  ';',
  '*',
  'public',
  'secret',
  '%5C..%5C',
  '\\..\\',
]

const QUERY_KEYS = ['q', 'k', 'status', 'h', 'throw', '__proto__', 'constructor', 'toString', '']
const QUERY_VALUES = [
  '1',
  '',
  '%zz',
  '%',
  'let-in',
  '200',
  '204',
  '304',
  '100',
  '103',
  '199',
  '600',
  'abc',
  '-1',
  'Transfer-Encoding:chunked',
  'Content-Length:5',
  'Connection:close',
  'X-Ok:1',
  'Set-Cookie:a=b',
  'Bad Name:x',
  'X:%01',
  'X:%0d%0aInjected:1',
  '__proto__',
]

const HEADER_NAMES = [
  'Content-Type',
  'Authorization',
  'authorization',
  'x-api-key',
  'X-API-Key',
  'X-Auth',
  'Accept',
  'Cache-Control',
  'Expect',
  'X-Amz-Date',
  'Cookie',
  'X-Forwarded-For',
  'Origin',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'Bad Name',
  'X\u0001',
  'ü',
]
const HEADER_VALUES = [
  TOKEN,
  'Bearer deny',
  'deny',
  'allow-me',
  '',
  API_KEY,
  `${API_KEY}x`,
  API_KEY.toUpperCase(),
  REQUEST_ID,
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  '*/*',
  'max-age=0',
  '100-continue',
  'x\u0001y',
  'x\u007fy',
  'é',
  '__proto__',
]

export interface HttpInput {
  /** When false, bytes go out as generated (control characters, raw UTF-8, bad header names). */
  wellFormed: boolean
  method: string
  stage: string
  route: (typeof ROUTES)[number]
  extra: string[]
  doubleSlash: boolean
  query: Array<[string, string]>
  headers: Array<[string, string]>
  body:
    | { kind: 'none' }
    | { kind: 'text'; text: string; chunked: boolean }
    | { kind: 'bytes'; bytes: number[] }
    | { kind: 'deep'; depth: number; open: string }
    | { kind: 'large'; size: number }
}

const longSegment = fc.integer({ min: 100, max: 9000 }).map((n) => 'a'.repeat(n))
const segment = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...SEGMENTS) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: longSegment },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 60 }).map((n) => `${'a'.repeat(n)}!`) },
)

const arbitrary: fc.Arbitrary<HttpInput> = fc.record({
  wellFormed: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, fc.constant(false)),
  method: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD') },
    {
      weight: 2,
      arbitrary: fc.constantFrom('OPTIONS', 'get', 'TRACE', 'PROPFIND', 'M-SEARCH', 'QUERY', 'X'),
    },
  ),
  stage: fc.oneof(
    { weight: 6, arbitrary: fc.constant('/dev') },
    fc.constantFrom('/DEV', '/prod', '', '/%64ev', '/dev/'),
  ),
  route: fc.constantFrom(...ROUTES),
  extra: fc.oneof(
    { weight: 3, arbitrary: fc.constant<string[]>([]) },
    { weight: 1, arbitrary: fc.array(segment, { maxLength: 3 }) },
  ),
  doubleSlash: fc.boolean(),
  query: fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 6 })),
      fc.oneof(fc.constantFrom(...QUERY_VALUES), fc.string({ maxLength: 10 })),
    ),
    { maxLength: 4 },
  ),
  headers: fc.array(
    fc.tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...HEADER_NAMES) },
        {
          weight: 1,
          arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 10 }),
        },
      ),
      fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...HEADER_VALUES) },
        { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 30 }) },
        { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20000 }).map((n) => 'v'.repeat(n)) },
      ),
    ),
    { maxLength: 6 },
  ),
  body: fc.oneof(
    { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('text' as const),
        text: fc.oneof(
          fc.json({ maxDepth: 4 }),
          fc
            .record({
              name: fc.oneof(fc.constantFrom('rex', 'a'.repeat(40) + '!'), fc.string()),
              s: fc.oneof(fc.constantFrom('a'.repeat(30) + '!', 'aab,aab', ''), fc.string()),
              items: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
              o: fc.jsonValue({ maxDepth: 2 }),
              owner: fc.jsonValue({ maxDepth: 2 }),
            })
            .map((v) => JSON.stringify(v)),
          fc.constantFrom(
            '{',
            '[',
            '{"name":',
            'null',
            '{"__proto__": {"x": 1}}',
            `${'a'.repeat(34)}!`,
          ),
          fc.string({ unit: 'grapheme', maxLength: 100 }),
        ),
        chunked: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('bytes' as const),
        bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('deep' as const),
        depth: fc.integer({ min: 500, max: 20_000 }),
        open: fc.constantFrom('[', '{"a":', '{"owner":'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('large' as const),
        size: fc.integer({ min: 64 * 1024, max: 512 * 1024 }),
      }),
    },
  ),
})

function bodyBytes(body: HttpInput['body']): Buffer | undefined {
  switch (body.kind) {
    case 'none':
      return undefined
    case 'text':
      return Buffer.from(body.text)
    case 'bytes':
      return Buffer.from(body.bytes)
    case 'deep': {
      const close = body.open === '[' ? ']' : '}'
      return Buffer.from(`${body.open.repeat(body.depth)}1${close.repeat(body.depth)}`)
    }
    case 'large':
      return Buffer.from(`{"name":"${'x'.repeat(body.size)}"}`)
  }
}

/** Percent-encodes what an HTTP/1.1 request line cannot carry (keeps `%` escapes as generated). */
const lineSafe = (text: string) =>
  text.replace(/[^\x21-\x7e]|[#?]/gu, (c) => encodeURIComponent(c).replaceAll('%25', '%'))
const tokenSafe = (text: string) => text.replace(/[^!#$%&'*+.^_`|~0-9A-Za-z-]/g, '') || 'X'
const valueSafe = (text: string) => text.replace(/[^\t\x20-\x7e]/g, '')

function requestTarget(input: HttpInput): string {
  const fix = input.wellFormed ? lineSafe : (t: string) => t
  const parts = [input.stage, input.route, ...input.extra.map(fix)]
  let path = parts.join(input.doubleSlash ? '//' : '/')
  if (!path.startsWith('/')) path = `/${path}`
  if (input.query.length > 0)
    path += `?${input.query.map(([k, v]) => `${fix(k)}=${fix(v)}`).join('&')}`
  return path
}

/** The request bytes exactly as sent. */
export function requestBytes(input: HttpInput): Buffer {
  const body = bodyBytes(input.body)
  const head = [`${input.method} ${requestTarget(input)} HTTP/1.1`, 'Host: fuzz.local']
  for (const [name, value] of input.headers)
    head.push(input.wellFormed ? `${tokenSafe(name)}: ${valueSafe(value)}` : `${name}: ${value}`)
  head.push('Connection: close')
  const chunked = input.body.kind === 'text' && input.body.chunked
  if (body && chunked) head.push('Transfer-Encoding: chunked')
  else if (body) head.push(`Content-Length: ${body.length}`)
  const start = Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'utf8')
  if (!body) return start
  if (!chunked) return Buffer.concat([start, body])
  const half = body.subarray(0, Math.floor(body.length / 2))
  const rest = body.subarray(half.length)
  const chunk = (b: Buffer) =>
    b.length === 0 ? [] : [Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]
  return Buffer.concat([start, ...chunk(half), ...chunk(rest), Buffer.from('0\r\n\r\n')])
}

interface HttpContext {
  server: Server
  backend: Server
  port: number
  backendHits: string[]
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

export async function startFixtureServer(): Promise<HttpContext> {
  const backendHits: string[] = []
  const backend = createServer((req, res) => {
    const raw = (req.url ?? '/').split('?')[0] as string
    // A backend that decodes and normalises, like a static file server.
    const normal = posix.normalize(safeDecode(safeDecode(raw)).replaceAll('\\', '/'))
    const inside = normal.startsWith('/public/') || normal === '/public'
    if (!inside) backendHits.push(raw)
    req.resume()
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ marker: inside ? 'public' : 'BACKEND-SECRET', path: clip(raw, 100) }))
  })
  await new Promise<void>((ok) => backend.listen(0, '127.0.0.1', ok))
  const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`
  const gateway = createGateway({
    api: fixtureApi(backendUrl),
    stage: {
      name: 'dev',
      cacheClusterEnabled: true,
      cacheClusterSize: '0.5',
      methodSettings: {
        '*/*': { throttlingBurstLimit: 2000, throttlingRateLimit: 5000 },
        'cached/GET': { cachingEnabled: true, cacheTtlInSeconds: 300 },
      },
    },
    apiKeys: [{ id: 'k1', value: API_KEY, enabled: true }],
    usagePlans: [
      {
        id: 'p1',
        apiStages: [{ stage: 'dev' }],
        throttle: { burstLimit: 500, rateLimit: 1000 },
      },
    ],
    usagePlanKeys: [{ usagePlanId: 'p1', keyId: 'k1' }],
    lambdas,
    logger: silentLogger,
  })
  const server = createServer(toNodeHandler(gateway))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return { server, backend, port: (server.address() as AddressInfo).port, backendHits }
}

const close = (server: Server) =>
  new Promise<void>((ok) => {
    server.closeAllConnections()
    server.close(() => ok())
  })

/** Judges one reply: the checks every surface shares. */
export function judgeReply(
  reply: Awaited<ReturnType<typeof rawExchange>>,
  where: string,
  allowed5xx: number[] = [],
): Verdict | undefined {
  if (reply.timedOut) return { kind: 'hang', signature: `no reply within the deadline on ${where}` }
  if (reply.framing)
    return {
      kind: 'failure',
      signature: `invalid reply framing on ${where}`,
      detail: reply.framing,
    }
  if (reply.status === undefined || reply.incomplete)
    return {
      kind: 'failure',
      signature: `connection closed without a complete reply on ${where}`,
      detail: reply.error ?? '',
    }
  if (reply.status < 200 || reply.status > 599)
    return { kind: 'failure', signature: `final status ${reply.status} on ${where}` }
  if (reply.status >= 500 && !allowed5xx.includes(reply.status))
    return {
      kind: 'failure',
      signature: `${reply.status} on ${where}`,
      detail: `${replyHeader(reply, 'x-amzn-errortype') ?? ''} ${clip(reply.body.toString(), 200)}`,
    }
  return undefined
}

export const httpTarget: FuzzTarget<HttpInput, HttpContext> = {
  name: 'http',
  timeoutMs: 5000,
  setup: startFixtureServer,
  async teardown(ctx) {
    await close(ctx.server)
    await close(ctx.backend)
  },
  arbitrary: () => arbitrary,
  show: (input) => clip(JSON.stringify(input), 1500),
  async run(input, ctx) {
    const bytes = requestBytes(input)
    const where = `/${input.route.split('/')[0]}`
    const reply = await rawExchange(ctx.port, bytes, 4000, { head: input.method === 'HEAD' })
    const verdict = judgeReply(reply, where, DESIGNED_5XX[input.route.split('/')[0] as string])
    if (verdict) return verdict
    const text = reply.body.toString('latin1')
    const sent = bytes.toString('latin1')
    const bypass = (marker: string, credential: string, what: string): Verdict | undefined =>
      text.includes(marker) && !sent.includes(credential)
        ? { kind: 'failure', signature: `${what} bypassed`, detail: clip(text, 200) }
        : undefined
    if (text.includes('SECRET-ADMIN'))
      return { kind: 'failure', signature: 'resource policy Deny bypassed (admin reached)' }
    if (text.includes('BACKEND-SECRET'))
      return {
        kind: 'failure',
        signature: 'HTTP_PROXY request escaped the integration path /public/',
        detail: clip(ctx.backendHits.at(-1) ?? '', 200),
      }
    return (
      bypass('SECRET-KEYED', API_KEY, 'API key check') ??
      bypass('SECRET-TOKEN', TOKEN.slice(7), 'TOKEN authorizer') ??
      bypass('SECRET-REQUEST', REQUEST_ID, 'REQUEST authorizer')
    )
  },
  async control(ctx) {
    const reply = await rawExchange(
      ctx.port,
      Buffer.from(
        `GET /dev/keyed HTTP/1.1\r\nHost: x\r\nx-api-key: ${API_KEY}\r\nConnection: close\r\n\r\n`,
      ),
      4000,
    )
    if (reply.status !== 200 && reply.status !== 429)
      return {
        kind: 'failure',
        signature: 'control request (GET /dev/keyed with the key) failed',
        detail: `${reply.status} ${clip(reply.body.toString(), 200)}`,
      }
    return undefined
  },
}
