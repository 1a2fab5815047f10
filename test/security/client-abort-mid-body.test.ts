// A client that resets its connection in the middle of a body is gone: the Express and Koa
// middleware answer nothing and hand no error to the framework, whose error handler would
// otherwise print a stack trace per reset connection (second attacker session, finding 7).
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import type { Server } from 'node:http'
import express from 'express'
import Koa from 'koa'
import { describe, expect, it } from 'vitest'
import { toExpressMiddleware } from '../../src/adapters/express/index.js'
import { toKoaMiddleware } from '../../src/adapters/koa/index.js'
import { createGateway, silentLogger } from '../../src/index.js'
import { openApi, proxyMethod } from '../fixtures/mini-api.js'

const gateway = createGateway({
  api: openApi({ '/echo': { post: proxyMethod('Echo') } }),
  stage: { name: 'prod' },
  lambdas: { Echo: async () => ({ statusCode: 200, body: 'ok' }) },
  logger: silentLogger,
})

async function listen(server: Server): Promise<number> {
  await new Promise((ok) => server.once('listening', ok))
  return (server.address() as AddressInfo).port
}

/** Sends half a declared body, then resets the connection. */
async function abortMidBody(port: number): Promise<void> {
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => undefined)
  await new Promise((ok) => socket.once('connect', ok))
  socket.write(
    'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n' + 'a'.repeat(5000),
  )
  await new Promise((ok) => setTimeout(ok, 30))
  socket.resetAndDestroy()
  await new Promise((ok) => setTimeout(ok, 50))
}

describe('client abort mid-body', () => {
  it('Express: no error reaches the error handler, and the next request is served', async () => {
    const errors: unknown[] = []
    const app = express()
    app.use(toExpressMiddleware(gateway))
    app.use((error: unknown, _req: unknown, res: express.Response, _next: unknown) => {
      errors.push(error)
      res.status(500).end()
    })
    const server = app.listen(0, '127.0.0.1')
    const port = await listen(server)
    for (let i = 0; i < 5; i++) await abortMidBody(port)
    const res = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', body: 'x' })
    expect(res.status).toBe(200)
    expect(errors).toEqual([])
    server.close()
  })

  it('Koa: the middleware throws nothing, and the next request is served', async () => {
    const errors: unknown[] = []
    const app = new Koa()
    app.silent = true
    // Koa itself reports the socket's reset (read ECONNRESET) for any app; what must not come is
    // the middleware's own failure to read the body.
    app.on('error', (error: Error) => {
      if (!/ECONNRESET/.test(error.message)) errors.push(error.message)
    })
    app.use(toKoaMiddleware(gateway) as unknown as Koa.Middleware)
    const server = app.listen(0, '127.0.0.1')
    const port = await listen(server)
    for (let i = 0; i < 5; i++) await abortMidBody(port)
    const res = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', body: 'x' })
    expect(res.status).toBe(200)
    expect(errors).toEqual([])
    server.close()
  })
})
