// Express and Koa behind a body parser that kept no raw bytes: Portico writes the parsed value
// back as JSON. A client can send JSON nested so deep (40,000 arrays, 80 KB, under
// express.json()'s 100 KB default) that JSON.parse accepts it and JSON.stringify overflows the
// stack: the middleware must answer it, not throw into the host (Express printed the RangeError
// and its stack to the client).
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express'
import Koa from 'koa'
import { afterEach, describe, expect, it } from 'vitest'
import { toExpressMiddleware } from '../../src/adapters/express/index.js'
import { toKoaMiddleware } from '../../src/adapters/koa/index.js'
import { createGateway, silentLogger, type LambdaProxyEvent } from '../../src/index.js'
import { openApi, proxyMethod } from '../fixtures/mini-api.js'

const gateway = createGateway({
  api: openApi({ '/echo': { post: proxyMethod('Echo') } }),
  stage: { name: 'prod' },
  lambdas: {
    Echo: async (event: LambdaProxyEvent) => ({ statusCode: 200, body: event.body ?? '' }),
  },
  logger: silentLogger,
})

const DEEP = '['.repeat(40_000) + ']'.repeat(40_000)
let server: Server | undefined
afterEach(async () => {
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()))
  server = undefined
})

async function post(app: { listen: (port: number, host: string) => Server }, body: string) {
  server = app.listen(0, '127.0.0.1')
  await new Promise((ok) => server?.once('listening', ok))
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/prod/echo`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  })
  return { status: res.status, body: await res.text() }
}

/** A minimal JSON body parser for Koa that keeps no raw bytes (as koa-body does by default). */
const koaJson: Koa.Middleware = async (ctx, next) => {
  const chunks: Buffer[] = []
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer)
  ;(ctx.request as { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  await next()
}

describe('a parsed body that cannot be written back', () => {
  it('crash: express.json() then Portico answers 400, no stack trace', async () => {
    const app = express()
    app.use(express.json())
    app.use('/prod', toExpressMiddleware(gateway))
    const res = await post(app, DEEP)
    expect(res).toEqual({ status: 400, body: '{"message": "Invalid request body"}' })
    expect(await post(app, '{"a":1}')).toEqual({ status: 200, body: '{"a":1}' })
  })

  it('crash: a Koa JSON parser then Portico answers 400', async () => {
    const app = new Koa()
    app.silent = true
    app.use(koaJson)
    app.use(toKoaMiddleware(gateway))
    const res = await post(app, DEEP)
    expect(res).toEqual({ status: 400, body: '{"message": "Invalid request body"}' })
  })
})
