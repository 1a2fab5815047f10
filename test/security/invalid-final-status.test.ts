// A status outside 200–599 (a 1xx, 0, 600, NaN, 1e3, '200abc') never becomes the final answer: a
// Lambda proxy reply with one is malformed (REST 502, HTTP API 500), a template's or mapping's is
// ignored, and an adapter never writes one to the socket (a 1xx would leave the client waiting).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'
import { toNodeHandler } from '../../src/node.js'
import { mockMethod, openApi, proxyMethod } from '../fixtures/mini-api.js'

const invalid: Array<[string, unknown]> = [
  ['100', 100],
  ['101', 101],
  ['102', 102],
  ['103', 103],
  ["'100'", '100'],
  ['199', 199],
  ['0', 0],
  ['-200', -200],
  ['600', 600],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['1e3', 1e3],
  ['200.5', 200.5],
  ["'200abc'", '200abc'],
  ["'0x1F4'", '0x1F4'],
  ["'2e2'", '2e2'],
  ["''", ''],
  ['true', true],
  ['[200]', [200]],
  ['{}', {}],
]
const valid: Array<[unknown, number]> = [
  [200, 200],
  ['404', 404],
  [' 201 ', 201],
  [599, 599],
]

let status: unknown = 200
const handler = async () => ({ statusCode: status, body: 'handler body' })

const rest = createGateway({
  api: openApi({
    '/lambda': { get: proxyMethod('Fn') },
    '/override': {
      get: (() => {
        const method = mockMethod(200, 'x') as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
        method['x-amazon-apigateway-integration'].responses.default.responseTemplates = {
          'application/json': "#set($context.responseOverride.status = $input.params('s'))mapped",
        }
        return method
      })(),
    },
    // The definition's author may write a 1xx integration response; no adapter sends it.
    '/author': { get: mockMethod(100, 'x') },
  }),
  stage: { name: 'prod' },
  lambdas: { Fn: handler },
  logger: silentLogger,
})

const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`
const route = (version: string, responseParameters?: Record<string, unknown>) => ({
  'x-amazon-apigateway-integration': {
    payloadFormatVersion: version,
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: fn('Fn'),
    connectionType: 'INTERNET',
    ...(responseParameters ? { responseParameters } : {}),
  },
})
const http = createGateway({
  api: {
    openapi: '3.0.1',
    info: { title: 'status-http', version: '1' },
    paths: {
      '/v2': { get: route('2.0') },
      '/v1': { get: route('1.0') },
      '/mapped': {
        get: route('2.0', { '200': { 'overwrite:statuscode': '$response.body.status' } }),
      },
    },
    'x-amazon-apigateway-importexport-version': '1.0',
  },
  lambdas: {
    Fn: async () =>
      typeof status === 'object' && status !== null && 'mapped' in status
        ? {
            statusCode: 200,
            body: JSON.stringify({ status: (status as { mapped: unknown }).mapped }),
          }
        : handler(),
  },
  logger: silentLogger,
})

let server: Server
let base: string
beforeAll(async () => {
  server = createServer(toNodeHandler(rest))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((ok) => server.close(() => ok()))
})

describe('invalid final status', () => {
  it.each(invalid)(
    'REST Lambda proxy statusCode %s is 502 Internal server error',
    async (_, value) => {
      status = value
      const response = await rest.invoke({ method: 'GET', path: '/lambda' })
      expect(response.statusCode).toBe(502)
      expect(JSON.parse(response.body)).toEqual({ message: 'Internal server error' })
    },
  )

  it.each(invalid)('HTTP API payload 2.0 statusCode %s is 500', async (_, value) => {
    status = value
    const response = await http.invoke({ method: 'GET', path: '/v2' })
    expect(response.statusCode).toBe(500)
    expect(JSON.parse(response.body)).toEqual({ message: 'Internal Server Error' })
  })

  it.each(invalid)('HTTP API payload 1.0 statusCode %s is 500', async (_, value) => {
    status = value
    const response = await http.invoke({ method: 'GET', path: '/v1' })
    expect(response.statusCode).toBe(500)
    expect(JSON.parse(response.body)).toEqual({ message: 'Internal Server Error' })
  })

  it.each(valid)('a valid statusCode %j is kept', async (value, expected) => {
    status = value
    expect((await rest.invoke({ method: 'GET', path: '/lambda' })).statusCode).toBe(expected)
    expect((await http.invoke({ method: 'GET', path: '/v2' })).statusCode).toBe(expected)
    expect((await http.invoke({ method: 'GET', path: '/v1' })).statusCode).toBe(expected)
  })

  it('over a socket, a 1xx from a Lambda is a 502 the client reads', async () => {
    for (const value of [100, 101, 103]) {
      status = value
      const response = await fetch(`${base}/lambda`)
      expect(response.status).toBe(502)
      expect(await response.json()).toEqual({ message: 'Internal server error' })
    }
  })

  it.each(['100', '101', '0', '600', '1e3', '200abc', 'NaN'])(
    'a client-chosen $context.responseOverride.status %s is ignored',
    async (s) => {
      const response = await rest.invoke({ method: 'GET', path: `/override?s=${s}` })
      expect(response.statusCode).toBe(200)
      expect(response.body).toBe('mapped')
    },
  )

  it('a client-chosen $context.responseOverride.status in range still applies', async () => {
    expect((await rest.invoke({ method: 'GET', path: '/override?s=418' })).statusCode).toBe(418)
  })

  it.each([100, 103, 0, 600, '1e3', '200abc'])(
    'an HTTP API overwrite:statuscode of %j from the response body is ignored',
    async (value) => {
      status = { mapped: value }
      expect((await http.invoke({ method: 'GET', path: '/mapped' })).statusCode).toBe(200)
    },
  )

  it('an HTTP API overwrite:statuscode in range still applies', async () => {
    status = { mapped: 404 }
    expect((await http.invoke({ method: 'GET', path: '/mapped' })).statusCode).toBe(404)
  })

  it('an author-written 1xx integration response is a 500 at the adapter, not a hang', async () => {
    const response = await fetch(`${base}/author`)
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ message: 'Internal server error' })
  })
})
