// The console with an HTTP API (routes, requests without an execution log, no test-invoke), two
// APIs side by side, and the recorder's bounds on metrics buckets.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type Gateway } from '../../src/index.js'
import { toNodeHandler } from '../../src/node.js'
import { createConsole } from '../../src/console/index.js'
import { Recorder } from '../../src/console/recorder.js'
import { API } from './fixture.js'

const HTTP_API = {
  openapi: '3.0.1',
  info: { title: 'ConsoleHttp', version: '1' },
  'x-amazon-apigateway-importexport-version': '1.0',
  components: {
    securitySchemes: {
      jwt: {
        type: 'oauth2',
        'x-amazon-apigateway-authorizer': {
          type: 'jwt',
          identitySource: '$request.header.Authorization',
          jwtConfiguration: { issuer: 'https://issuer.example', audience: ['a'] },
        },
      },
    },
  },
  paths: {
    '/hello': {
      get: {
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          payloadFormatVersion: '2.0',
          uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Hello/invocations',
        },
      },
    },
    '/private': {
      get: {
        security: [{ jwt: [] }],
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          payloadFormatVersion: '2.0',
          uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Hello/invocations',
        },
      },
    },
  },
}

describe('the console with an HTTP API and a REST API', () => {
  it('lists both, keeps HTTP API requests without an execution log, and refuses their test-invoke', async () => {
    const gateways: Gateway[] = []
    const web = createConsole({ gateways })
    const shared = {
      logger: silentLogger,
      recordExecutionLog: true,
      onRequestComplete: web.onRequestComplete,
    }
    gateways.push(
      createGateway({
        ...shared,
        api: HTTP_API,
        lambdas: { Hello: async () => ({ statusCode: 200, body: 'hi' }) },
      }),
      createGateway({ ...shared, api: API, stage: { name: 'dev' } }),
    )
    const [httpApi, restApi] = gateways.map((g) => toNodeHandler(g)) as [
      ReturnType<typeof toNodeHandler>,
      ReturnType<typeof toNodeHandler>,
    ]
    const server = createServer((req, res) => {
      if (web.handle(req, res)) return
      void (req.url?.startsWith('/dev/') ? restApi : httpApi)(req, res)
    })
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const apis = (await (await fetch(`${url}/_portico/api/apis`)).json()) as Array<{
        name: string
        kind: string
        testInvoke: boolean
        stages: unknown
        routes: unknown[]
      }>
      expect(apis.map((a) => [a.name, a.kind, a.testInvoke])).toEqual([
        ['ConsoleHttp', 'HTTP', false],
        ['ConsolePets', 'REST', true],
      ])
      expect(apis[0]?.stages).toEqual([{ name: '$default', variables: {} }])
      expect(apis[0]?.routes).toEqual([
        {
          method: 'GET',
          path: '/hello',
          integration: 'AWS_PROXY',
          target: 'Hello',
          auth: 'NONE',
          apiKeyRequired: false,
        },
        {
          method: 'GET',
          path: '/private',
          integration: 'AWS_PROXY',
          target: 'Hello',
          auth: 'JWT jwt',
          apiKeyRequired: false,
        },
      ])

      expect((await fetch(`${url}/hello`)).status).toBe(200)
      expect((await fetch(`${url}/dev/pets`)).status).toBe(200)
      const list = (await (await fetch(`${url}/_portico/api/requests`)).json()) as Array<{
        apiId: string
        requestId: string
        hasLog: boolean
      }>
      expect(list.map((r) => [r.apiId, r.hasLog])).toEqual([
        [gateways[0]?.apiId, false],
        [gateways[1]?.apiId, true],
      ])
      const first = (await (
        await fetch(`${url}/_portico/api/requests/${list[0]?.requestId}`)
      ).json()) as {
        log: unknown
      }
      expect(first.log).toBeNull()
      // Metrics are per API.
      const metrics = async (api: number) =>
        (
          (await (await fetch(`${url}/_portico/api/metrics?api=${api}`)).json()) as {
            points: Array<{ Count: number }>
          }
        ).points.reduce((n, p) => n + p.Count, 0)
      expect([await metrics(0), await metrics(1)]).toEqual([1, 1])

      const invoke = await fetch(`${url}/_portico/api/test-invoke`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ api: 0, method: 'GET', pathWithQueryString: '/hello' }),
      })
      expect(invoke.status).toBe(400)
      expect(((await invoke.json()) as { message: string }).message).toContain('REST APIs only')
    } finally {
      web.close()
      await new Promise((ok) => server.close(ok))
    }
  })
})

describe('the recorder', () => {
  it('keeps maxBuckets buckets per API, filling empty ones, with bounded latency samples', () => {
    let now = 1_000_000
    const recorder = new Recorder(
      { maxRequests: 10, maxClients: 1, bucketMs: 1000, maxBuckets: 3, maxSamples: 4 },
      () => now,
      () => 0.5,
    )
    const summary = (latency: number) => ({
      requestId: `r${now}-${latency}`,
      apiId: 'a',
      stage: 'dev',
      method: 'GET',
      path: '/',
      resource: '/',
      status: 200,
      latency,
      integrationLatency: undefined,
      integration: undefined,
      authorizer: undefined,
      cache: undefined,
      errorType: undefined,
    })
    for (let i = 1; i <= 10; i++) recorder.add(summary(i))
    now += 5000
    recorder.add(summary(100))
    // The first bucket left the window (3 buckets of 1 s) when the new one opened.
    let points = recorder.metrics('a')
    expect(points.map((p) => [p.t, p.Count])).toEqual([[1005, 1]])
    expect(points[0]?.Latency).toEqual({ p50: 100, p90: 100, p99: 100 })
    expect(points[0]?.IntegrationLatency).toEqual({ p50: null, p90: null, p99: null })
    // Quiet seconds are empty buckets, up to the window.
    now += 2000
    points = recorder.metrics('a')
    expect(points.map((p) => [p.t, p.Count])).toEqual([
      [1005, 1],
      [1006, 0],
      [1007, 0],
    ])
    now += 10_000
    expect(recorder.metrics('a').map((p) => [p.t, p.Count])).toEqual([
      [1015, 0],
      [1016, 0],
      [1017, 0],
    ])
    expect(recorder.metrics('other').map((p) => p.Count)).toEqual([0])
    // Ten requests in one bucket, four samples kept: the percentiles come from the sample.
    now = 2_000_000
    for (let i = 1; i <= 10; i++) recorder.add(summary(i))
    const [bucket] = recorder.metrics('a').slice(-1)
    expect(bucket?.Count).toBe(10)
    // Reservoir with random() = 0.5: [1, 2, 3, 4] → 5 and 6 replace slots 2 and 3, 7 slot 3.
    expect(bucket?.Latency).toEqual({ p50: 2, p90: 7, p99: 7 })
    expect(recorder.requests()).toHaveLength(10)
  })
})
