// Framing headers in a reply (Transfer-Encoding, a Content-Length that is not the body's,
// Connection, Keep-Alive, Upgrade, TE, Trailer) never reach the wire: the adapter frames the body
// it sends. Over real sockets through toNodeHandler, Express and Koa, for REST and HTTP APIs.
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import Koa from 'koa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toExpressMiddleware } from '../../src/adapters/express/index.js'
import { toKoaMiddleware } from '../../src/adapters/koa/index.js'
import { createGateway, silentLogger, type Gateway } from '../../src/index.js'
import { toNodeHandler } from '../../src/node.js'
import { mockMethod, openApi, proxyMethod } from '../fixtures/mini-api.js'

const BODY = '{"hello":"world, framed by the adapter"}'

// Every framing header, in unusual case too, through single and multi-value headers.
const framing: Record<string, string> = {
  'Transfer-Encoding': 'chunked',
  'Content-Length': '3',
  Connection: 'upgrade',
  'keep-alive': 'timeout=1',
  Upgrade: 'websocket',
  TE: 'trailers',
  Trailer: 'X-Checksum',
  'Proxy-Connection': 'close',
}
const reply = {
  statusCode: 200,
  headers: { ...framing, 'X-Kept': 'yes', 'Content-Type': 'application/json' },
  multiValueHeaders: { 'TRANSFER-ENCODING': ['gzip', 'chunked'], 'content-length': ['99999'] },
  body: BODY,
}
const replyV2 = {
  statusCode: 200,
  headers: { ...framing, 'X-Kept': 'yes', 'Content-Type': 'application/json' },
  body: BODY,
}

const rest = createGateway({
  api: openApi({
    '/framed': { get: proxyMethod('Framed') },
    '/mapped': {
      get: (() => {
        // A MOCK whose integration response maps framing headers (the definition's author).
        const method = mockMethod(200, BODY) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
        method['responses'] = {
          200: {
            description: 'ok',
            headers: { 'Transfer-Encoding': { schema: { type: 'string' } } },
          },
        }
        method['x-amazon-apigateway-integration'].responses.default.responseParameters = {
          'method.response.header.Transfer-Encoding': "'chunked'",
          'method.response.header.Content-Length': "'1'",
        }
        return method
      })(),
    },
  }),
  stage: { name: 'prod' },
  lambdas: { Framed: async () => reply },
  logger: silentLogger,
})

const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`
const lambdaRoute = (name: string, version: string) => ({
  'x-amazon-apigateway-integration': {
    payloadFormatVersion: version,
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: fn(name),
    connectionType: 'INTERNET',
  },
})
const http = createGateway({
  api: {
    openapi: '3.0.1',
    info: { title: 'framing-http', version: '1' },
    paths: {
      '/framed': { get: lambdaRoute('V2', '2.0') },
      '/framed1': { get: lambdaRoute('V1', '1.0') },
    },
    'x-amazon-apigateway-importexport-version': '1.0',
  },
  lambdas: { V2: async () => replyV2, V1: async () => reply },
  logger: silentLogger,
})

interface Served {
  readonly base: string
  readonly server: Server
}

async function listen(server: Server): Promise<Served> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

function koaServer(gateway: Gateway): Server {
  const app = new Koa()
  app.use(toKoaMiddleware(gateway))
  return createServer(app.callback())
}

function expressServer(gateway: Gateway): Server {
  const app = express()
  app.use(toExpressMiddleware(gateway))
  return createServer(app)
}

/** The raw response header names and values (as sent on the wire), status and body. */
function raw(url: string): Promise<{ status: number; headers: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.rawHeaders,
          body: Buffer.concat(chunks).toString(),
        }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

const servers: Record<string, Served> = {}
beforeAll(async () => {
  servers['node REST'] = await listen(createServer(toNodeHandler(rest)))
  servers['express REST'] = await listen(expressServer(rest))
  servers['koa REST'] = await listen(koaServer(rest))
  servers['node HTTP API'] = await listen(createServer(toNodeHandler(http)))
  servers['express HTTP API'] = await listen(expressServer(http))
  servers['koa HTTP API'] = await listen(koaServer(http))
})
afterAll(async () => {
  for (const { server } of Object.values(servers)) {
    server.closeAllConnections()
    await new Promise<void>((ok) => server.close(() => ok()))
  }
})

// [server, path on that server]
const cases: Array<[string, string]> = [
  ['node REST', '/prod/framed'],
  ['node REST', '/prod/mapped'],
  ['express REST', '/framed'],
  ['express REST', '/mapped'],
  ['koa REST', '/framed'],
  ['koa REST', '/mapped'],
  ['node HTTP API', '/framed'],
  ['node HTTP API', '/framed1'],
  ['express HTTP API', '/framed'],
  ['express HTTP API', '/framed1'],
  ['koa HTTP API', '/framed'],
  ['koa HTTP API', '/framed1'],
]

describe('response framing headers', () => {
  it.each(cases)(
    '%s %s: fetch reads the whole body, twice on one connection',
    async (name, path) => {
      const url = `${(servers[name] as Served).base}${path}`
      for (let i = 0; i < 2; i++) {
        const response = await fetch(url)
        expect(response.status).toBe(200)
        expect(await response.text()).toBe(BODY)
        expect(response.headers.get('transfer-encoding')).toBeNull()
        expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(BODY)))
      }
    },
  )

  it.each(cases)('%s %s: on the wire, one Content-Length and no hop header', async (name, path) => {
    const response = await raw(`${(servers[name] as Served).base}${path}`)
    expect(response.status).toBe(200)
    expect(response.body).toBe(BODY)
    const names = response.headers.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase())
    expect(names.filter((n) => n === 'content-length')).toHaveLength(1)
    for (const hop of ['transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-connection'])
      expect(names).not.toContain(hop)
    const connection = response.headers[names.indexOf('connection') * 2 + 1]
    if (names.includes('connection')) expect(connection?.toLowerCase()).not.toBe('upgrade')
  })

  it('REST Lambda proxy replies keep the framing headers remapped, as AWS does', async () => {
    const response = await rest.invoke({ method: 'GET', path: '/framed' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toBe(BODY)
    const lower = Object.keys(response.multiValueHeaders).map((n) => n.toLowerCase())
    expect(lower).not.toContain('transfer-encoding')
    expect(lower).not.toContain('content-length')
    expect(lower).not.toContain('connection')
    const get = (name: string) =>
      Object.entries(response.multiValueHeaders)
        .filter(([n]) => n.toLowerCase() === name)
        .flatMap(([, values]) => values)
    expect(get('x-amzn-remapped-content-length').sort()).toEqual(['3', '99999'])
    expect(get('x-amzn-remapped-transfer-encoding').sort()).toEqual(['chunked', 'chunked', 'gzip'])
    expect(get('x-amzn-remapped-connection')).toEqual(['upgrade'])
    expect(response.headers['X-Kept']).toBe('yes')
  })

  it('other headers still reach the client', async () => {
    const response = await fetch(`${(servers['node HTTP API'] as Served).base}/framed`)
    expect(response.headers.get('x-kept')).toBe('yes')
    await response.text()
  })
})
