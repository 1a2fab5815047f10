/**
 * The method request (REST): which client headers API Gateway drops, keeps and renames, what it
 * adds to the Lambda proxy event, and how repeated slashes after the stage read. Each row names
 * its source; run through `invoke()` and through `portico/node` over a real socket.
 */
import { type AddressInfo, connect } from 'node:net'
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type LambdaProxyEvent } from '../../../src/index.js'
import { toNodeHandler } from '../../../src/node.js'
import { lambdaUri, openApi, proxyMethod } from '../../fixtures/mini-api.js'

const HEADER_SNAPSHOT =
  'localstack tests/aws/services/apigateway/test_apigateway_integrations.snapshot.json TestApiGatewayHeaderRemapping (AWS-recorded)'
const PROXY_SNAPSHOT =
  'localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json test_lambda_aws_proxy_integration (AWS-recorded)'

/** What the client sends: every header of AWS's recorded request, in these casings. */
const SENT: Record<string, string> = {
  Accept: 'application/json',
  'Accept-Charset': 'UTF-8',
  'Accept-Encoding': 'br',
  Age: 'request_Age',
  authorization: 'Unauthorized',
  'Content-Encoding': 'deflate',
  'Content-MD5': 'request_Content-MD5',
  'Content-Type': 'application/json',
  Date: 'request_Date',
  Expect: '100-continue',
  'Max-Forwards': '2',
  Pragma: 'cache',
  'Proxy-Authenticate': 'Basic',
  Range: 'bytes=500-999',
  Referer: 'https://example.com/',
  Server: 'https://example.com/',
  TE: 'deflate',
  Trailer: 'Expires',
  Upgrade: 'HTTP/2.0',
  'user-AGENT': 'localStack/0.0',
  Via: 'p.example.net',
  Warn: '299 localStack/0.0',
  'WWW-Authenticate': 'Basic YWxhZGRpbjpvcGVuc2VzYW1l',
  'tEsT-HEADeR': 'aValUE',
}

interface Row {
  /** The header as the client sent it. */
  sent: string
  /** The name it arrives under, or null when dropped. */
  arrives: string | null
  source: string
}

const dropped = (sent: string): Row => ({ sent, arrives: null, source: HEADER_SNAPSHOT })
const kept = (sent: string, arrives = sent, source = HEADER_SNAPSHOT): Row => ({
  sent,
  arrives,
  source,
})

const ROWS: Row[] = [
  dropped('Connection'),
  dropped('Content-Length'),
  dropped('Content-MD5'),
  dropped('Expect'),
  dropped('Max-Forwards'),
  dropped('Proxy-Authenticate'),
  dropped('Server'),
  dropped('TE'),
  dropped('Trailer'),
  dropped('Transfer-Encoding'),
  dropped('Upgrade'),
  dropped('WWW-Authenticate'),
  kept('Accept'),
  kept('Accept-Charset'),
  kept('Accept-Encoding'),
  kept('Age'),
  kept('authorization', 'Authorization', PROXY_SNAPSHOT),
  kept('Content-Encoding'),
  kept('Content-Type'),
  kept('Date'),
  kept('Pragma'),
  kept('Range'),
  kept('Referer'),
  kept('user-AGENT', 'User-Agent', `${PROXY_SNAPSHOT}; normalised like Authorization`),
  kept('Via'),
  kept('Warn'),
  kept('tEsT-HEADeR', 'tEsT-HEADeR', PROXY_SNAPSHOT),
]

/** Headers API Gateway adds to the proxy event (PROXY_SNAPSHOT), and one it does not. */
const ADDED = [
  'Host',
  'X-Amzn-Trace-Id',
  'X-Forwarded-For',
  'X-Forwarded-Port',
  'X-Forwarded-Proto',
]
const NOT_ADDED = ['X-Amzn-Apigateway-Api-Id']

const events: LambdaProxyEvent[] = []
const payloads: Array<{ header: Record<string, string>; one: Record<string, string> }> = []

/** A request template that prints `$input.params().header` and each name via `$input.params(x)`. */
const PARAMS_TEMPLATE = `{"header": {#foreach($k in $input.params().header.keySet())"$k": "$util.escapeJavaScript($input.params().header.get($k))"#if($foreach.hasNext),#end#end}, "one": {${ROWS.map(
  (row) => `"${row.sent}": "$util.escapeJavaScript($input.params('${row.sent}'))"`,
).join(', ')}}}`

const gateway = createGateway({
  api: openApi({
    '/proxy': { get: proxyMethod('Fn'), post: proxyMethod('Fn') },
    '/orders': { get: proxyMethod('Fn') },
    '/files/{proxy+}': { get: proxyMethod('Fn') },
    '/params': {
      post: {
        responses: { 200: { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'aws',
          httpMethod: 'POST',
          uri: lambdaUri('Params'),
          requestTemplates: { 'application/json': PARAMS_TEMPLATE },
          responses: { default: { statusCode: '200' } },
        },
      },
    },
  }),
  stage: { name: 'prod' },
  lambdas: {
    Fn: async (event: LambdaProxyEvent) => (events.push(event), { statusCode: 200 }),
    Params: async (payload: (typeof payloads)[number]) => (payloads.push(payload), {}),
  },
  logger: silentLogger,
})

let server: Server
let port = 0
beforeAll(async () => {
  server = createServer(toNodeHandler(gateway))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((ok) => (server.closeAllConnections(), server.close(() => ok()))))

/** One request over a raw socket, headers byte for byte, `Connection: close`; resolves at EOF. */
function raw(target: string, headers: Record<string, string>, body = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.setTimeout(3000, () => socket.destroy(new Error(`no answer to ${target}`)))
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')))
    const lines = [`POST ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close']
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`)
  })
}

/** The request headers, as `invoke()` takes them: with Content-Length for a body. */
const INVOKE_HEADERS = { ...SENT, Connection: 'keep-alive', 'Content-Length': '2' }

function checkRows(headers: Record<string, unknown>, what: string): void {
  for (const row of ROWS) {
    const names = Object.keys(headers)
    if (row.arrives === null)
      expect(
        names.filter((n) => n.toLowerCase() === row.sent.toLowerCase()),
        `${what}: ${row.sent} dropped (${row.source})`,
      ).toEqual([])
    else
      expect(
        names.filter((n) => n.toLowerCase() === row.sent.toLowerCase()),
        `${what}: ${row.sent} arrives as ${row.arrives} (${row.source})`,
      ).toEqual([row.arrives])
  }
}

describe('method request headers: the Lambda proxy event', () => {
  it('invoke(): drops, keeps and renames each header as AWS recorded', async () => {
    events.length = 0
    const res = await gateway.invoke({
      method: 'POST',
      path: '/proxy',
      headers: { ...INVOKE_HEADERS, 'Transfer-Encoding': 'chunked' },
      body: '{}',
    })
    expect(res.statusCode).toBe(200)
    const event = events[0] as LambdaProxyEvent
    checkRows(event.headers ?? {}, 'invoke() headers')
    checkRows(event.multiValueHeaders ?? {}, 'invoke() multiValueHeaders')
    expect(event.headers?.['tEsT-HEADeR']).toBe('aValUE')
    expect(event.headers?.['Authorization']).toBe('Unauthorized')
    expect(event.body).toBe('{}')
  })

  it('portico/node: the same over a real socket (POST with a body, Content-Length dropped)', async () => {
    events.length = 0
    // Node answers `Expect: 100-continue` with an interim 100 first.
    const answer = await raw('/prod/proxy', { ...SENT, 'Content-Length': '2' }, '{}')
    expect(answer).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200/)
    const event = events[0] as LambdaProxyEvent
    checkRows(event.headers ?? {}, 'socket headers')
    checkRows(event.multiValueHeaders ?? {}, 'socket multiValueHeaders')
    expect(event.body).toBe('{}')
  })

  it('portico/node: Transfer-Encoding (a chunked body) is dropped too', async () => {
    events.length = 0
    const answer = await raw(
      '/prod/proxy',
      { 'Transfer-Encoding': 'chunked', 'Content-Type': 'application/json' },
      '2\r\n{}\r\n0\r\n\r\n',
    )
    expect(answer).toMatch(/^HTTP\/1\.1 200/)
    const names = Object.keys(events[0]?.headers ?? {}).map((n) => n.toLowerCase())
    expect(names).not.toContain('transfer-encoding')
    expect(names).not.toContain('connection')
    expect(events[0]?.body).toBe('{}')
  })

  it(`adds ${ADDED.join(', ')}; not ${NOT_ADDED.join(', ')} (${PROXY_SNAPSHOT})`, async () => {
    events.length = 0
    await gateway.invoke({ method: 'GET', path: '/proxy', sourceIp: '203.0.113.9' })
    const event = events[0] as LambdaProxyEvent
    for (const name of ADDED) expect(event.headers, name).toHaveProperty([name])
    for (const name of NOT_ADDED) expect(event.headers, name).not.toHaveProperty([name])
    // invoke() has no socket: documented defaults (docs/aws-parity.md).
    expect(event.headers?.['Host']).toBe(event.requestContext.domainName)
    expect(event.headers?.['Host']).toMatch(/\.execute-api\.us-east-1\.amazonaws\.com$/)
    expect(event.headers?.['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/)
    expect(event.headers?.['X-Forwarded-For']).toBe('203.0.113.9')
    expect(event.headers?.['X-Forwarded-Port']).toBe('443')
    expect(event.headers?.['X-Forwarded-Proto']).toBe('https')
    expect(event.multiValueHeaders?.['X-Forwarded-Port']).toEqual(['443'])

    events.length = 0
    await gateway.invoke({
      method: 'GET',
      path: '/proxy',
      sourceIp: '203.0.113.9',
      port: 8443,
      scheme: 'http',
      headers: {
        host: 'api.example.com',
        'X-Forwarded-For': '198.51.100.1',
        'X-Amzn-Trace-Id': 'Root=1-5f84c7a9-0123456789abcdef01234567',
      },
    })
    const second = events[0] as LambdaProxyEvent
    expect(second.headers?.['host']).toBe('api.example.com')
    expect(second.headers).not.toHaveProperty(['Host'])
    expect(second.headers?.['X-Forwarded-For']).toBe('198.51.100.1, 203.0.113.9')
    expect(second.headers?.['X-Amzn-Trace-Id']).toBe('Root=1-5f84c7a9-0123456789abcdef01234567')
    expect(second.headers?.['X-Forwarded-Port']).toBe('8443')
    expect(second.headers?.['X-Forwarded-Proto']).toBe('http')
  })

  it('portico/node: X-Forwarded-* from the socket, Host as the client sent it', async () => {
    events.length = 0
    const res = await fetch(`http://127.0.0.1:${port}/prod/proxy`)
    expect(res.status).toBe(200)
    const event = events[0] as LambdaProxyEvent
    expect(event.headers?.['host']).toBe(`127.0.0.1:${port}`)
    expect(event.headers?.['X-Forwarded-For']).toBe('127.0.0.1')
    expect(event.headers?.['X-Forwarded-Port']).toBe(String(port))
    expect(event.headers?.['X-Forwarded-Proto']).toBe('http')
    expect(event.headers?.['X-Amzn-Trace-Id']).toMatch(/^Root=1-/)
  })
})

describe('method request headers: $input.params() (AWS integration)', () => {
  it('invoke(): $input.params().header and $input.params(name) see only kept headers', async () => {
    payloads.length = 0
    const res = await gateway.invoke({
      method: 'POST',
      path: '/params',
      headers: INVOKE_HEADERS,
      body: '{}',
    })
    expect(res.statusCode).toBe(200)
    const payload = payloads[0] as (typeof payloads)[number]
    checkRows(payload.header, '$input.params().header')
    for (const row of ROWS)
      expect(payload.one[row.sent], `$input.params('${row.sent}') (${row.source})`).toBe(
        row.arrives === null ? '' : SENT[row.sent],
      )
  })

  it('portico/node: the same over a real socket', async () => {
    payloads.length = 0
    const answer = await raw('/prod/params', { ...SENT, 'Content-Length': '2' }, '{}')
    expect(answer).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200/)
    const payload = payloads[0] as (typeof payloads)[number]
    checkRows(payload.header, 'socket $input.params().header')
    expect(payload.one['Content-Length']).toBe('')
    expect(payload.one['Accept-Charset']).toBe('UTF-8')
  })
})

describe('repeated slashes after the stage', () => {
  // Source: AWS snapshot in LocalStack PR #11304 (localstack/localstack#11253) and
  // PROXY_SNAPSHOT "invocation-payload-with-prepended-slash(-to-stage)".
  const CASES = [
    { url: '/prod//orders', resource: '/orders', path: '/orders', contextPath: '/prod//orders' },
    { url: '//prod/orders', resource: '/orders', path: '/orders', contextPath: '/prod/orders' },
    {
      url: '/prod//files/proxy-value',
      resource: '/files/{proxy+}',
      path: '/files/proxy-value',
      contextPath: '/prod//files/proxy-value',
    },
    {
      url: '/prod/files/proxy-value/',
      resource: '/files/{proxy+}',
      path: '/files/proxy-value/',
      contextPath: '/prod/files/proxy-value/',
    },
  ]

  for (const c of CASES) {
    it(`GET ${c.url} is ${c.resource} with path ${c.path} (portico/node)`, async () => {
      events.length = 0
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1')
        const chunks: Buffer[] = []
        socket.on('data', (chunk: Buffer) => chunks.push(chunk))
        socket.on('error', reject)
        socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')))
        socket.write(`GET ${c.url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
      })
      expect(answer).toMatch(/^HTTP\/1\.1 200/)
      expect(events[0]?.resource).toBe(c.resource)
      expect(events[0]?.path).toBe(c.path)
      expect(events[0]?.requestContext.path).toBe(c.contextPath)
    })
  }

  it('invoke(): GET //orders (stage prod) is /orders, requestContext.path /prod//orders', async () => {
    events.length = 0
    const res = await gateway.invoke({ method: 'GET', path: '//orders' })
    expect(res.statusCode).toBe(200)
    expect(events[0]?.resource).toBe('/orders')
    expect(events[0]?.path).toBe('/orders')
    expect(events[0]?.requestContext.path).toBe('/prod//orders')
  })
})
