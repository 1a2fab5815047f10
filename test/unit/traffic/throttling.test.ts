// Throttling and quotas through the gateway, on the fake clock.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type GatewayOptions } from '../../../src/index.js'
import { FakeClock } from '../../../src/testing/index.js'

const KEY_A = 'key-a-0123456789abcdefgh'
const KEY_B = 'key-b-0123456789abcdefgh'
const mock = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: { default: { statusCode: '200' } },
}
const ok = { 200: { description: 'ok' } }

function gateway(extra: Partial<GatewayOptions> = {}) {
  const clock = new FakeClock(Date.UTC(2026, 10, 21, 10, 0, 0))
  const gw = createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'traffic', version: '1' },
      securityDefinitions: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } },
      paths: {
        '/pets': {
          get: { responses: ok, 'x-amazon-apigateway-integration': mock },
          post: { responses: ok, 'x-amazon-apigateway-integration': mock },
        },
        '/pets/{id}': { get: { responses: ok, 'x-amazon-apigateway-integration': mock } },
        '/keyed': {
          get: {
            security: [{ api_key: [] }],
            responses: ok,
            'x-amazon-apigateway-integration': mock,
          },
        },
      },
    },
    apiId: 'api123',
    clock,
    apiKeys: [
      { id: 'ka', value: KEY_A },
      { id: 'kb', value: KEY_B },
    ],
    usagePlans: [
      {
        id: 'p1',
        apiStages: [
          {
            apiId: 'api123',
            stage: 'dev',
            throttle: { '/keyed/GET': { rateLimit: 1, burstLimit: 2 } },
          },
        ],
        throttle: { rateLimit: 10, burstLimit: 3 },
        quota: { limit: 5, period: 'DAY', offset: 1 },
      },
    ],
    usagePlanKeys: [
      { usagePlanId: 'p1', keyId: 'ka' },
      { usagePlanId: 'p1', keyId: 'kb' },
    ],
    logger: silentLogger,
    ...extra,
  })
  return { gw, clock }
}

const statuses = async (n: number, run: () => Promise<{ statusCode: number }>) => {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((await run()).statusCode)
  return out
}

describe('stage throttling (methodSettings)', () => {
  it('applies */* per method, a specific entry overriding it, refilling over time', async () => {
    const { gw, clock } = gateway({
      stage: {
        name: 'dev',
        methodSettings: {
          '*/*': { throttlingRateLimit: 1, throttlingBurstLimit: 2 },
          'pets/POST': { throttlingRateLimit: 0, throttlingBurstLimit: 1 },
        },
      },
    })
    const get = () => gw.invoke({ method: 'GET', path: '/pets' })
    expect(await statuses(3, get)).toEqual([200, 200, 429])
    const res = await get()
    expect([res.statusCode, res.body, res.headers['x-amzn-ErrorType']]).toEqual([
      429,
      '{"message":"Too Many Requests"}',
      'TooManyRequestsException',
    ])
    // Each method has its own bucket at the default limits.
    expect((await gw.invoke({ method: 'GET', path: '/pets/1' })).statusCode).toBe(200)
    expect(await statuses(2, () => gw.invoke({ method: 'POST', path: '/pets' }))).toEqual([
      200, 429,
    ])
    await clock.advance(1000)
    expect(await statuses(2, get)).toEqual([200, 429])
  })

  it('applies the account limit across every method', async () => {
    const { gw } = gateway({ accountThrottle: { rateLimit: 0, burstLimit: 2 } })
    expect((await gw.invoke({ method: 'GET', path: '/pets' })).statusCode).toBe(200)
    expect((await gw.invoke({ method: 'GET', path: '/pets/1' })).statusCode).toBe(200)
    expect((await gw.invoke({ method: 'POST', path: '/pets' })).statusCode).toBe(429)
  })
})

describe('usage plans', () => {
  const keyed = (gw: ReturnType<typeof gateway>['gw'], key: string) => () =>
    gw.invoke({ method: 'GET', path: '/keyed', headers: { 'x-api-key': key } })

  it('throttles per key with the plan method limit; keys do not share buckets', async () => {
    const { gw } = gateway()
    expect(await statuses(3, keyed(gw, KEY_A))).toEqual([200, 200, 429])
    expect(await statuses(2, keyed(gw, KEY_B))).toEqual([200, 200])
  })

  it('enforces the quota (offset in the first period) with 429 Limit Exceeded, resetting next day', async () => {
    const { gw, clock } = gateway()
    const codes: number[] = []
    for (let i = 0; i < 6; i++) {
      codes.push((await keyed(gw, KEY_A)()).statusCode)
      await clock.advance(2000) // stay under the rate limits
    }
    expect(codes).toEqual([200, 200, 200, 200, 429, 429])
    const res = await keyed(gw, KEY_A)()
    expect(res.body).toBe('{"message":"Limit Exceeded"}')
    await clock.advance(24 * 3600 * 1000)
    const nextDay: number[] = []
    for (let i = 0; i < 6; i++) {
      nextDay.push((await keyed(gw, KEY_A)()).statusCode)
      await clock.advance(2000)
    }
    expect(nextDay).toEqual([200, 200, 200, 200, 200, 429])
    const usage = await gw.usage({
      usagePlanId: 'p1',
      keyId: 'ka',
      startDate: '2026-11-21',
      endDate: '2026-11-22',
    })
    expect(usage.items).toEqual({
      ka: [
        [4, 1],
        [5, 0],
      ],
    })
  })

  it('does not apply plan limits to methods that do not require a key', async () => {
    const { gw } = gateway()
    expect(
      await statuses(5, () =>
        gw.invoke({ method: 'GET', path: '/pets', headers: { 'x-api-key': KEY_A } }),
      ),
    ).toEqual([200, 200, 200, 200, 200])
  })
})
