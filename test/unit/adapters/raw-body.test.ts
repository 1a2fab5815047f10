// Express and Koa behind body parsers: the Lambda gets the body as sent when the parser kept the
// raw bytes, and a parsed-only body (re-serialised) is flagged with a process warning.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import bodyParser from 'body-parser'
import express from 'express'
import Koa from 'koa'
import { afterEach, describe, expect, it } from 'vitest'
import { captureRawBody, toExpressMiddleware } from '../../../src/adapters/express/index.js'
import { toKoaMiddleware } from '../../../src/adapters/koa/index.js'
import { createGateway, silentLogger, type LambdaProxyEvent } from '../../../src/index.js'
import { openApi, proxyMethod } from '../../fixtures/mini-api.js'

const gateway = createGateway({
  api: openApi({ '/echo': { post: proxyMethod('Echo') } }),
  stage: { name: 'prod' },
  lambdas: {
    Echo: async (event: LambdaProxyEvent) => ({ statusCode: 200, body: event.body ?? '' }),
  },
  logger: silentLogger,
})

const SENT = '{ "price": 1.0, "b": 2 }'
const warnings: Error[] = []
const onWarning = (w: Error): void => {
  warnings.push(w)
}
process.on('warning', onWarning)
let server: Server | undefined
afterEach(async () => {
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()))
  server = undefined
  warnings.length = 0
})

async function post(
  app: { listen: (port: number, host: string) => Server },
  path = '/prod/echo',
): Promise<string> {
  server = app.listen(0, '127.0.0.1')
  await new Promise((ok) => server?.once('listening', ok))
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: SENT,
  })
  expect(res.status).toBe(200)
  // Let a process warning (emitted on the next tick) arrive.
  await new Promise((ok) => setImmediate(ok))
  return res.text()
}

const parsedWarnings = (): Error[] =>
  warnings.filter((w) => (w as Error & { code?: string }).code === 'PORTICO_PARSED_BODY')

describe('express behind express.json()', () => {
  it('forwards the bytes as sent with verify: captureRawBody', async () => {
    const app = express()
    app.use(express.json({ verify: captureRawBody }))
    app.use('/prod', toExpressMiddleware(gateway))
    expect(await post(app)).toBe(SENT)
    expect(parsedWarnings()).toHaveLength(0)
  })

  it('mounted before the parser, forwards the bytes as sent', async () => {
    const app = express()
    app.use('/prod', toExpressMiddleware(gateway))
    app.use(express.json())
    expect(await post(app)).toBe(SENT)
  })

  it('after a parser that kept nothing, re-serialises and warns once (regression: silent 1.0 -> 1)', async () => {
    const app = express()
    app.use(express.json())
    app.use('/prod', toExpressMiddleware(gateway))
    expect(await post(app)).toBe('{"price":1,"b":2}')
    const first = parsedWarnings()
    expect(first).toHaveLength(1)
    expect(first[0]?.message).toMatch(/captureRawBody/)
  })
})

describe('koa behind a body parser', () => {
  const parse = bodyParser.json()
  const parser =
    (keepRaw: boolean) =>
    async (ctx: Koa.Context, next: () => Promise<unknown>): Promise<void> => {
      await new Promise<void>((ok, fail) =>
        parse(ctx.req, ctx.res, (error?: unknown) => (error ? fail(error) : ok())),
      )
      const req = ctx.req as typeof ctx.req & { body?: unknown }
      ;(ctx.request as { body?: unknown }).body = req.body
      // What koa-bodyparser does: the text as received on ctx.request.rawBody.
      if (keepRaw) (ctx.request as { rawBody?: string }).rawBody = SENT
      await next()
    }

  it('forwards ctx.request.rawBody as sent', async () => {
    const app = new Koa()
    app.use(parser(true))
    app.use(toKoaMiddleware(gateway))
    expect(await post({ listen: (p, h) => app.listen(p, h) }, '/echo')).toBe(SENT)
    expect(parsedWarnings()).toHaveLength(0)
  })

  it("forwards koa-body's includeUnparsed raw body", async () => {
    const app = new Koa()
    app.use(parser(false))
    app.use(async (ctx, next) => {
      const body = ctx.request as { body?: Record<symbol, unknown> }
      if (body.body) body.body[Symbol.for('unparsedBody')] = SENT
      await next()
    })
    app.use(toKoaMiddleware(gateway))
    expect(await post({ listen: (p, h) => app.listen(p, h) }, '/echo')).toBe(SENT)
  })

  it('after a parser that kept nothing, re-serialises and warns', async () => {
    const app = new Koa()
    app.use(parser(false))
    app.use(toKoaMiddleware(gateway))
    expect(await post({ listen: (p, h) => app.listen(p, h) }, '/echo')).toBe('{"price":1,"b":2}')
    expect(parsedWarnings()).toHaveLength(1)
  })
})
