// Express and Koa middleware over real sockets.
import type { AddressInfo } from 'node:net'
import express from 'express'
import Koa from 'koa'
import { describe, expect, it } from 'vitest'
import { toExpressMiddleware } from '../../../src/adapters/express/index.js'
import { toKoaMiddleware } from '../../../src/adapters/koa/index.js'
import { createGateway, silentLogger, type LambdaProxyEvent } from '../../../src/index.js'
import { lambdaUri, openApi, proxyMethod } from '../../fixtures/mini-api.js'

const events: LambdaProxyEvent[] = []
const gateway = createGateway({
  api: openApi({ '/pets/{id}': { get: proxyMethod('Fn'), post: proxyMethod('Fn') } }),
  stage: { name: 'prod' },
  lambdas: {
    Fn: async (event: LambdaProxyEvent) => {
      events.push(event)
      return {
        statusCode: 200,
        headers: { 'Content-Type': 'application/json', 'X-Route': event.resource },
        multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
        body: JSON.stringify({ id: event.pathParameters?.['id'], body: event.body }),
      }
    },
  },
  logger: silentLogger,
})
void lambdaUri

describe('portico/express', () => {
  it('serves the gateway under a mount path, uses a parsed body, and falls through', async () => {
    const app = express()
    app.use(express.json())
    app.use('/prod', toExpressMiddleware(gateway, { fallthrough: true }))
    app.get('/prod/other', (_req, res) => {
      res.send('express route')
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise((ok) => server.once('listening', ok))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const res = await fetch(`${base}/prod/pets/7`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Rex' }),
      })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ id: '7', body: '{"name":"Rex"}' })
      expect(res.headers.get('x-route')).toBe('/pets/{id}')
      expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
      expect(await (await fetch(`${base}/prod/other`)).text()).toBe('express route')
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()))
    }
  })

  it('answers AWS 403 for an unknown route without fallthrough', async () => {
    const app = express()
    app.use('/prod', toExpressMiddleware(gateway))
    const server = app.listen(0, '127.0.0.1')
    await new Promise((ok) => server.once('listening', ok))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const res = await fetch(`${base}/prod/nope`)
      expect([res.status, await res.text()]).toEqual([
        403,
        '{"message":"Missing Authentication Token"}',
      ])
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()))
    }
  })
})

describe('portico/koa', () => {
  it('serves the gateway, reads the stream body, and falls through', async () => {
    const app = new Koa()
    app.use(toKoaMiddleware(gateway, { fallthrough: true }) as unknown as Koa.Middleware)
    app.use((ctx) => {
      ctx.body = 'koa route'
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise((ok) => server.once('listening', ok))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const res = await fetch(`${base}/pets/9`, { method: 'POST', body: 'raw text' })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ id: '9', body: 'raw text' })
      expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
      expect(await (await fetch(`${base}/elsewhere`)).text()).toBe('koa route')
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()))
    }
  })
})
