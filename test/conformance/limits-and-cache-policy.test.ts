// REST facts (issue 18), each row with its source: the 413 answer to a body over 10 MB (through
// `invoke()` and over real sockets through every adapter), AWS's refusal of per-method plan
// throttles without a plan throttle, and which responses the stage cache keeps.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import Koa from 'koa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toExpressMiddleware } from '../../src/adapters/express/index.js'
import { toKoaMiddleware } from '../../src/adapters/koa/index.js'
import { toNodeHandler } from '../../src/adapters/node-http/index.js'
import {
  ConfigError,
  createGateway,
  silentLogger,
  type Gateway,
  type GatewayOptions,
  type LambdaProxyEvent,
} from '../../src/index.js'
import { openApi, proxyMethod } from '../fixtures/mini-api.js'

const TOO_LARGE_SOURCES =
  'chroma-core/chroma#1458; NHSDigital national-document-repository end-to-end tests'
const MB10 = 10 * 1024 * 1024

describe('a body over 10 MB', () => {
  const gateway = createGateway({
    api: openApi(
      { '/echo': { post: proxyMethod('Size') } },
      {
        // A customised DEFAULT_4XX (CORS) must not reach this answer: it comes from AWS's front end.
        'x-amazon-apigateway-gateway-responses': {
          DEFAULT_4XX: {
            responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
          },
        },
      },
    ),
    stage: { name: 'prod' },
    lambdas: {
      Size: async (event: LambdaProxyEvent) => ({
        statusCode: 200,
        body: String(
          Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8').length,
        ),
      }),
    },
    logger: silentLogger,
  })

  interface Answer {
    status: number
    contentType: string | undefined
    cors: string | undefined
    body: string
  }
  type Runner = (path: string, body: Buffer) => Promise<Answer>
  const servers: Server[] = []
  const runners: Record<string, Runner> = {}

  const overHttp =
    (server: () => Server): Runner =>
    async (path, body) => {
      const address = server().address() as AddressInfo
      const res = await fetch(`http://127.0.0.1:${address.port}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body,
      })
      return {
        status: res.status,
        contentType: res.headers.get('content-type') ?? undefined,
        cors: res.headers.get('access-control-allow-origin') ?? undefined,
        body: await res.text(),
      }
    }

  beforeAll(async () => {
    const listen = async (server: Server): Promise<Server> => {
      servers.push(server)
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
      return server
    }
    const node = await listen(createServer(toNodeHandler(gateway)))
    const app = express()
    app.use('/prod', toExpressMiddleware(gateway))
    const viaExpress = await listen(createServer(app))
    const koa = new Koa()
    koa.use(toKoaMiddleware(gateway) as unknown as Koa.Middleware)
    const viaKoa = await listen(createServer(koa.callback()))
    runners['invoke()'] = async (path, body) => {
      const res = await gateway.invoke({
        method: 'POST',
        path,
        headers: { 'Content-Type': 'application/octet-stream' },
        body,
      })
      return {
        status: res.statusCode,
        contentType: res.headers['Content-Type'],
        cors: res.headers['Access-Control-Allow-Origin'],
        body: res.body,
      }
    }
    runners['portico/node'] = (path, body) => overHttp(() => node)(`/prod${path}`, body)
    runners['portico/express'] = (path, body) => overHttp(() => viaExpress)(`/prod${path}`, body)
    runners['portico/koa'] = overHttp(() => viaKoa)
  })
  afterAll(() =>
    Promise.all(servers.map((s) => new Promise<void>((ok) => s.close(() => ok())))).then(() => {}),
  )

  const rows: Array<{ fact: string; source: string; path: string; size: number; answer: Answer }> =
    [
      {
        fact: '10 MB + 1 byte: 413 in plain text, no gateway-response headers',
        source: TOO_LARGE_SOURCES,
        path: '/echo',
        size: MB10 + 1,
        answer: {
          status: 413,
          contentType: 'text/plain; charset=utf-8',
          cors: undefined,
          body: 'HTTP content length exceeded 10485760 bytes.',
        },
      },
      {
        fact: 'the limit is answered before routing',
        source: `${TOO_LARGE_SOURCES} (the text is the HTTP front end's, ahead of the API)`,
        path: '/nowhere',
        size: MB10 + 1,
        answer: {
          status: 413,
          contentType: 'text/plain; charset=utf-8',
          cors: undefined,
          body: 'HTTP content length exceeded 10485760 bytes.',
        },
      },
      {
        fact: 'exactly 10 MB is served',
        source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
        path: '/echo',
        size: MB10,
        answer: {
          status: 200,
          contentType: 'application/json',
          cors: undefined,
          body: String(MB10),
        },
      },
    ]
  const cases = Object.keys({
    'invoke()': 0,
    'portico/node': 0,
    'portico/express': 0,
    'portico/koa': 0,
  }).flatMap((runner) => rows.map((row) => ({ runner, ...row })))

  it.each(cases)('$runner: $fact ($source)', async ({ runner, path, size, answer }) => {
    const run = runners[runner] as Runner
    expect(await run(path, Buffer.alloc(size, 97))).toEqual(answer)
  })
})

describe('usage plans', () => {
  const CDK = 'aws/aws-cdk#6411'
  const MESSAGE = 'Can not define fine grain throttling if usage plan throttle is not defined.'
  const build = (plan: Record<string, unknown>): Gateway =>
    createGateway({
      api: openApi({ '/pets': { get: proxyMethod('Fn') } }),
      stage: { name: 'prod' },
      apiKeys: [{ id: 'k1', value: 'k-0123456789abcdefghij' }],
      usagePlans: [{ id: 'p1', ...plan }] as NonNullable<GatewayOptions['usagePlans']>,
      usagePlanKeys: [{ usagePlanId: 'p1', keyId: 'k1' }],
      lambdas: { Fn: async () => ({ statusCode: 200 }) },
      logger: silentLogger,
    })
  const perMethod = { '/pets/GET': { rateLimit: 5, burstLimit: 10 } }
  const rows: Array<{ fact: string; plan: Record<string, unknown>; refused: boolean }> = [
    {
      fact: 'per-method throttles without a plan throttle are refused',
      plan: { apiStages: [{ stage: 'prod', throttle: perMethod }] },
      refused: true,
    },
    {
      fact: 'an empty plan throttle does not count as defined',
      plan: { throttle: {}, apiStages: [{ stage: 'prod', throttle: perMethod }] },
      refused: true,
    },
    {
      fact: 'per-method throttles with a plan throttle are accepted',
      plan: {
        throttle: { rateLimit: 5, burstLimit: 10 },
        apiStages: [{ stage: 'prod', throttle: perMethod }],
      },
      refused: false,
    },
    {
      fact: 'a plan without per-method throttles needs no plan throttle',
      plan: { apiStages: [{ stage: 'prod', throttle: {} }] },
      refused: false,
    },
  ]

  it.each(rows)(`$fact (${CDK})`, ({ plan, refused }) => {
    if (!refused) {
      expect(build(plan)).toBeDefined()
      return
    }
    let error: unknown
    try {
      build(plan)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).path).toBe('usagePlans[0].apiStages[0].throttle')
    expect((error as ConfigError).message).toContain(MESSAGE)
  })
})

describe('what the stage cache keeps', () => {
  let calls = 0
  let gateway: Gateway
  beforeAll(() => {
    gateway = createGateway({
      api: openApi({
        '/any/{code}': { 'x-amazon-apigateway-any-method': proxyMethod('Fn') },
        '/get/{code}': { get: proxyMethod('Fn') },
      }),
      stage: { name: 'prod', cacheClusterEnabled: true },
      lambdas: {
        Fn: async (event: LambdaProxyEvent) => {
          calls++
          const code = Number(event.pathParameters?.['code'])
          if (code === 0) throw new Error('the function failed') // a 502 from the gateway
          return { statusCode: code, body: `${event.httpMethod} #${calls}` }
        },
      },
      logger: silentLogger,
    })
  })

  const USER_REPORTS_ANY =
    'aws-amplify/amplify-cli#1399, #7783; dougmoscrop/serverless-http#301 (ANY proxy resources)'
  const NON_2XX =
    'StackOverflow 45883323; DianaIonita/serverless-api-gateway-caching#125 (maintainer)'
  const DOCS =
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html'
  const rows: Array<{
    fact: string
    source: string
    requests: Array<[method: string, path: string]>
    /** Integration calls the requests cause. */
    calls: number
  }> = [
    {
      fact: 'a GET reaching an ANY method is cached like a GET method',
      source: USER_REPORTS_ANY,
      requests: [
        ['GET', '/any/200'],
        ['GET', '/any/200'],
      ],
      calls: 1,
    },
    {
      fact: 'a POST reaching an ANY method is not cached by default',
      source: `${DOCS} ("only GET methods have caching enabled by default")`,
      requests: [
        ['POST', '/any/200'],
        ['POST', '/any/200'],
      ],
      calls: 2,
    },
    {
      fact: 'a cached GET on an ANY method is not served to another request method',
      source: 'Portico choice, docs/aws-parity.md "Response cache"',
      requests: [
        ['GET', '/any/201'],
        ['PUT', '/any/201'],
      ],
      calls: 2,
    },
    {
      fact: 'a 404 integration response is cached',
      source: NON_2XX,
      requests: [
        ['GET', '/get/404'],
        ['GET', '/get/404'],
      ],
      calls: 1,
    },
    {
      fact: 'a 500 integration response is cached',
      source: NON_2XX,
      requests: [
        ['GET', '/get/500'],
        ['GET', '/get/500'],
      ],
      calls: 1,
    },
    {
      fact: "a gateway failure (a function that throws: 502) is not the endpoint's response: not cached",
      source: `${DOCS} ("caches responses from your endpoint")`,
      requests: [
        ['GET', '/get/0'],
        ['GET', '/get/0'],
      ],
      calls: 2,
    },
  ]

  it.each(rows)('$fact ($source)', async ({ requests, calls: expected }) => {
    await gateway.flushCache()
    const before = calls
    const answers: number[] = []
    for (const [method, path] of requests)
      answers.push((await gateway.invoke({ method, path })).statusCode)
    expect(calls - before).toBe(expected)
    const status = Number(requests[0]?.[1].split('/')[2])
    expect(answers).toEqual(requests.map(() => (status === 0 ? 502 : status)))
  })
})
