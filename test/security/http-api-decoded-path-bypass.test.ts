// HTTP APIs hand a Lambda the percent-decoded path, and the web framework inside routes by it.
// No spelling of a protected path may reach that framework's protected handler without passing
// the protected route's authorizer (docs/security.md, "Encoded paths"). The function here routes
// as a framework does: the decoded rawPath read as a WHATWG URL, dot segments resolved.
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'
import { toNodeHandler } from '../../src/node.js'

const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`
const lambda = (name: string) => ({
  'x-amazon-apigateway-integration': {
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: fn(name),
    payloadFormatVersion: '2.0',
  },
})

/** Where a framework routes a decoded path: WHATWG URL, empty segments dropped. */
function frameworkRoute(rawPath: string): string {
  const pathname = new URL(rawPath.replace(/^\/+/, '/'), 'http://app.invalid').pathname
  return '/' + pathname.split('/').filter(Boolean).join('/')
}

function gateway() {
  return createGateway({
    protocolType: 'HTTP',
    api: {
      openapi: '3.0.1',
      info: { title: 'site', version: '1' },
      components: {
        securitySchemes: {
          auth: {
            type: 'apiKey',
            name: 'Authorization',
            in: 'header',
            'x-amazon-apigateway-authorizer': {
              type: 'request',
              identitySource: '$request.header.Authorization',
              authorizerUri: fn('Auth'),
              authorizerPayloadFormatVersion: '2.0',
              enableSimpleResponses: true,
            },
          },
        },
      },
      paths: {
        // The protected part of the site, and the same function for everything else.
        '/admin/{proxy+}': { get: { security: [{ auth: [] }], ...lambda('Site') } },
        '/admin': { get: { security: [{ auth: [] }], ...lambda('Site') } },
        '/public/{proxy+}': { get: lambda('Site') },
        $default: { 'x-amazon-apigateway-any-method': lambda('Site') },
      },
    },
    lambdas: {
      Auth: (event: { headers?: Record<string, string> }) => ({
        isAuthorized: event.headers?.['authorization'] === 'letmein',
      }),
      Site: (event: { rawPath: string; routeKey: string }) => {
        const route = frameworkRoute(event.rawPath)
        const admin = route === '/admin' || route.startsWith('/admin/')
        return { statusCode: 200, body: JSON.stringify({ admin, routeKey: event.routeKey }) }
      },
    },
    logger: silentLogger,
  })
}

/** `/admin/users` spelled with percent-encoding, doubled slashes, dot segments and so on. */
const SPELLINGS = [
  '/%61dmin/users',
  '/admin%2Fusers',
  '/public/..%2Fadmin/users',
  '/public/%2e%2e/admin/users',
  '/public/%2e%2e%2Fadmin%2Fusers',
  '/public/.%2e/admin/users',
  '/public/%252e%252e/admin/users',
  '/public%2F..%2Fadmin%2Fusers',
  '/public/x%5C..%5C..%5Cadmin%5Cusers',
  '/public/..%5Cadmin/users',
  '/%2Fadmin/users',
  '//admin//users',
  '/public/%2F%2Fadmin/users',
  '/adm%09in/users',
  '/adm%0Ain/users',
  '/admin%3F/users',
  '/admin%23/users',
  '/admin/users%3F',
  '/public/..%2F%2e%2E%2Fadmin',
  '/public/%C0%AE%C0%AE/admin',
  '/public/%EF%BC%8E%EF%BC%8E/admin',
  '/public/%E2%80%A4%E2%80%A4/admin',
  '/a/b/c/%2e%2e%2F%2e%2e%2F%2e%2e/admin',
]

describe('http-api decoded paths: no spelling reaches the protected handler unauthorised', () => {
  const gw = gateway()
  it.each(SPELLINGS)('auth-bypass: GET %s', async (path) => {
    const res = await gw.invoke({ method: 'GET', path })
    if (res.statusCode === 200) expect(JSON.parse(res.body).admin).toBe(false)
    else expect([401, 403, 404]).toContain(res.statusCode)
  })

  it('auth-bypass: generated spellings of /admin never reach it without the authorizer', async () => {
    const piece = fc.oneof(
      fc.constantFrom('admin', 'public', 'x', '..', '.', '', 'users'),
      fc.constantFrom('%2e%2e', '.%2E', '%2F', '%5C', '%252F', '%2e', '%3F', '%23', '%09', '%00'),
      fc.constantFrom('%61dmin', 'a%64min', 'ADMIN', 'admin%2F..', 'public%2F..'),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 6 }), async (parts) => {
        const path = '/' + parts.join('/')
        const res = await gw.invoke({ method: 'GET', path })
        if (res.statusCode === 200) expect(JSON.parse(res.body).admin, path).toBe(false)
      }),
      { numRuns: 400 },
    )
  })

  it('routes as defined: /public/* and $default served, /admin/* behind the authorizer', async () => {
    const statusOf = async (path: string) => (await gw.invoke({ method: 'GET', path })).statusCode
    expect(await statusOf('/public/x')).toBe(200)
    expect(await statusOf('/elsewhere')).toBe(200)
    expect(await statusOf('/admin/users')).toBe(401)
    expect(await statusOf('/admin')).toBe(401)
  })

  it('the protected handler answers with the authorizer passed', async () => {
    const res = await gw.invoke({
      method: 'GET',
      path: '/%61dmin/users',
      headers: { Authorization: 'letmein' },
    })
    expect([res.statusCode, JSON.parse(res.body).admin]).toEqual([200, true])
  })
})

describe('http-api decoded paths over a real socket (raw request targets)', () => {
  let server: Server
  let port = 0
  beforeAll(async () => {
    server = createServer(toNodeHandler(gateway()))
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((ok) => server.close(ok))
  })
  const get = (path: string) =>
    new Promise<{ status: number; body: string }>((ok, fail) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => ok({ status: res.statusCode ?? 0, body }))
      })
      req.on('error', fail)
      req.end()
    })

  it.each(SPELLINGS.filter((p) => !/%0A|%09/.test(p)))('auth-bypass: GET %s', async (path) => {
    const res = await get(path)
    if (res.status === 200) expect(JSON.parse(res.body).admin).toBe(false)
    else expect([400, 401, 403, 404]).toContain(res.status)
  })
})
