/**
 * HTTP API request facts (issue 14): decoded paths in the Lambda event (and the route check that
 * keeps them safe), form bodies base64-encoded, HTTP_PROXY forwarding headers. Each row names its
 * source; run through `invoke()` and `portico/node` over a real socket.
 */
import { Buffer } from 'node:buffer'
import type { AddressInfo } from 'node:net'
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createGateway,
  silentLogger,
  type HttpApiProxyEventV1,
  type HttpApiProxyEventV2,
  type LambdaProxyEvent,
} from '../../../src/index.js'
import { toNodeHandler } from '../../../src/node.js'
import { startEchoServer, type EchoedRequest } from '../../fixtures/echo-server.js'
import { lambdaUri, openApi, proxyMethod } from '../../fixtures/mini-api.js'

const lambdaRoute = (fn: string, version = '2.0') => ({
  'x-amazon-apigateway-integration': {
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: lambdaUri(fn),
    payloadFormatVersion: version,
  },
})

/** What a test reads of either payload version. */
type AnyEvent = Omit<HttpApiProxyEventV2, 'version'> &
  Pick<HttpApiProxyEventV1, 'path'> & { version: string }
type Seen = { fn: string; event: AnyEvent }
const seen: Seen[] = []
const record = (fn: string) => async (event: Seen['event']) => {
  seen.push({ fn, event })
  return { statusCode: 200, body: fn }
}

let backend: Awaited<ReturnType<typeof startEchoServer>>

function httpApi(stage?: string) {
  return createGateway({
    api: {
      openapi: '3.0.1',
      info: { title: 'facts', version: '1' },
      'x-amazon-apigateway-importexport-version': '1.0',
      paths: {
        '/items/{id}': { get: lambdaRoute('Items'), post: lambdaRoute('Items') },
        '/v1/{id}': { post: lambdaRoute('V1', '1.0') },
        '/files/{proxy+}': { get: lambdaRoute('Files') },
        '/admin/users': { get: lambdaRoute('Admin') },
        $default: { 'x-amazon-apigateway-any-method': lambdaRoute('Default') },
        '/backend/{proxy+}': {
          'x-amazon-apigateway-any-method': {
            'x-amazon-apigateway-integration': {
              type: 'http_proxy',
              httpMethod: 'ANY',
              uri: `${backend.origin}/{proxy}`,
              payloadFormatVersion: '1.0',
            },
          },
        },
      },
    },
    lambdas: {
      Items: record('Items'),
      V1: record('V1'),
      Files: record('Files'),
      Admin: record('Admin'),
      Default: record('Default'),
    },
    ...(stage ? { stage: { name: stage } } : {}),
    logger: silentLogger,
  })
}

let gateway: ReturnType<typeof httpApi>
let server: Server
let base = ''
beforeAll(async () => {
  backend = await startEchoServer()
  gateway = httpApi()
  server = createServer(toNodeHandler(gateway))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((ok) => (server.closeAllConnections(), server.close(() => ok())))
  await backend.close()
})

const DECODED = 'fastify/aws-lambda-fastify#169, honojs/hono#2156 (live captures)'
const SAFE = 'Portico: a spelling another route serves once decoded is refused (docs/security.md)'

interface PathRow {
  path: string
  status: number
  /** The function that answered, and the event's rawPath. */
  fn?: string
  rawPath?: string
  source: string
}

const PATHS: PathRow[] = [
  { path: '/files/a%2Fb', status: 200, fn: 'Files', rawPath: '/files/a/b', source: DECODED },
  { path: '/items/a%20b', status: 200, fn: 'Items', rawPath: '/items/a b', source: DECODED },
  { path: '/files/caf%C3%A9', status: 200, fn: 'Files', rawPath: '/files/café', source: DECODED },
  {
    path: '/files/bad%E0%A4%A',
    status: 200,
    fn: 'Files',
    rawPath: '/files/bad%E0%A4%A',
    source: `${DECODED}; an invalid escape stays as sent`,
  },
  {
    path: '/files/x%2F..%2Fy',
    status: 200,
    fn: 'Files',
    rawPath: '/files/x/../y',
    source: `${SAFE}; decoded, still /files/*`,
  },
  {
    path: '/admin%2Fusers',
    status: 404,
    source: `${SAFE}: $default as sent, GET /admin/users decoded`,
  },
  {
    path: '/files/..%2F..%2Fadmin%2Fusers',
    status: 404,
    source: `${SAFE}: dot segments after decoding`,
  },
  {
    path: '/files/x%5C..%5C..%5Cadmin%5Cusers',
    status: 404,
    source: `${SAFE}: a URL parser reads \\ as /`,
  },
  { path: '/admin/users%3Fx', status: 404, source: `${SAFE}: a URL parser ends the path at ?` },
  { path: '/items/a%2Fb', status: 404, source: `${SAFE}: /items/{id} as sent, $default decoded` },
  { path: '/admin/users', status: 200, fn: 'Admin', rawPath: '/admin/users', source: 'plain path' },
]

describe('HTTP API: decoded rawPath and requestContext.http.path', () => {
  for (const row of PATHS) {
    it(`invoke(): GET ${row.path} → ${row.status} ${row.fn ?? ''} (${row.source})`, async () => {
      seen.length = 0
      const res = await gateway.invoke({ method: 'GET', path: row.path })
      expect(res.statusCode).toBe(row.status)
      if (row.status !== 200) {
        expect(JSON.parse(res.body)).toEqual({ message: 'Not Found' })
        expect(seen).toEqual([])
        return
      }
      expect(seen[0]?.fn).toBe(row.fn)
      expect(seen[0]?.event.rawPath).toBe(row.rawPath)
      expect(seen[0]?.event.requestContext.http.path).toBe(row.rawPath)
    })

    it(`portico/node: GET ${row.path} → ${row.status}`, async () => {
      seen.length = 0
      const res = await fetch(`${base}${row.path}`)
      expect(res.status).toBe(row.status)
      if (row.status === 200) expect(seen[0]?.event.rawPath).toBe(row.rawPath)
    })
  }

  it('a named stage prefixes the decoded path; pathParameters are unchanged', async () => {
    const staged = httpApi('prod')
    seen.length = 0
    const res = await staged.invoke({ method: 'GET', path: '/files/a%2Fb' }, { stage: 'prod' })
    expect(res.statusCode).toBe(200)
    expect(seen[0]?.event.rawPath).toBe('/prod/files/a/b')
    expect(seen[0]?.event.requestContext.http.path).toBe('/prod/files/a/b')
    expect(seen[0]?.event.pathParameters).toEqual({ proxy: 'a%2Fb' })
  })
})

describe('HTTP API: form bodies reach the Lambda base64-encoded (middyjs/middy#603)', () => {
  const FORM = 'name=Rex&kind=dog+cat'
  const ROWS = [
    { type: 'application/x-www-form-urlencoded', base64: true },
    { type: 'application/x-www-form-urlencoded; charset=UTF-8', base64: true },
    { type: 'application/json', base64: false },
    { type: 'text/plain', base64: false },
  ]
  for (const row of ROWS) {
    it(`invoke(): ${row.type} → isBase64Encoded ${row.base64} (payload 2.0 and 1.0)`, async () => {
      for (const path of ['/items/1', '/v1/1']) {
        seen.length = 0
        await gateway.invoke({
          method: 'POST',
          path,
          headers: { 'Content-Type': row.type },
          body: FORM,
        })
        const event = seen[0]?.event
        expect(event?.isBase64Encoded, path).toBe(row.base64)
        expect(event?.body, path).toBe(row.base64 ? Buffer.from(FORM).toString('base64') : FORM)
      }
    })
  }

  it('portico/node: a form POST arrives base64-encoded', async () => {
    seen.length = 0
    const res = await fetch(`${base}/items/1`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'Rex' }),
    })
    expect(res.status).toBe(200)
    expect(seen[0]?.event.isBase64Encoded).toBe(true)
    expect(Buffer.from(seen[0]?.event.body ?? '', 'base64').toString()).toBe('name=Rex')
  })

  it('REST APIs pass a form body raw (the contrast; spec/pipeline.md §7)', async () => {
    const events: LambdaProxyEvent[] = []
    const rest = createGateway({
      api: openApi({ '/form': { post: proxyMethod('Fn') } }),
      lambdas: { Fn: async (event: LambdaProxyEvent) => (events.push(event), { statusCode: 200 }) },
      logger: silentLogger,
    })
    await rest.invoke({
      method: 'POST',
      path: '/form',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: FORM,
    })
    expect(events[0]?.isBase64Encoded).toBe(false)
    expect(events[0]?.body).toBe(FORM)
  })
})

describe('HTTP API HTTP_PROXY: forwarding headers, as REST adds them (issue 14)', () => {
  it('invoke(): X-Amzn-Trace-Id, X-Forwarded-For/-Port/-Proto (defaults 443, https)', async () => {
    const res = await gateway.invoke({
      method: 'GET',
      path: '/backend/echo',
      sourceIp: '203.0.113.9',
      headers: { 'X-Forwarded-For': '198.51.100.1' },
    })
    expect(res.statusCode).toBe(200)
    const echoed = JSON.parse(res.body) as EchoedRequest
    expect(echoed.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/)
    expect(echoed.headers['x-forwarded-for']).toBe('198.51.100.1, 203.0.113.9')
    expect(echoed.headers['x-forwarded-port']).toBe('443')
    expect(echoed.headers['x-forwarded-proto']).toBe('https')
  })

  it('portico/node: the port and scheme of the connection', async () => {
    const res = await fetch(`${base}/backend/echo`, {
      headers: { 'X-Amzn-Trace-Id': 'Root=1-5f84c7a9-0123456789abcdef01234567' },
    })
    expect(res.status).toBe(200)
    const echoed = (await res.json()) as EchoedRequest
    expect(echoed.headers['x-amzn-trace-id']).toBe('Root=1-5f84c7a9-0123456789abcdef01234567')
    expect(echoed.headers['x-forwarded-for']).toBe('127.0.0.1')
    expect(echoed.headers['x-forwarded-port']).toBe(new URL(base).port)
    expect(echoed.headers['x-forwarded-proto']).toBe('http')
  })
})
