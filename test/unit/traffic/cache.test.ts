// The stage response cache on the fake clock: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
import { describe, expect, it } from 'vitest'
import {
  createGateway,
  silentLogger,
  type LambdaProxyEvent,
  type StageOptions,
} from '../../../src/index.js'
import { FakeClock } from '../../../src/testing/index.js'
import { lambdaUri } from '../../fixtures/mini-api.js'

function proxy(extra: Record<string, unknown> = {}, parameters: unknown[] = []) {
  return {
    parameters,
    'x-amazon-apigateway-integration': {
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: lambdaUri('Fn'),
      ...extra,
    },
  }
}

function setup(stage: Partial<StageOptions> = {}) {
  let calls = 0
  const clock = new FakeClock(Date.UTC(2026, 10, 21))
  const gateway = createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'cache', version: '1' },
      paths: {
        '/pets/{id}': { get: proxy(), post: proxy() },
        '/keyed/{id}': {
          get: proxy(
            { cacheKeyParameters: ['method.request.path.id', 'method.request.querystring.lang'] },
            [
              { name: 'id', in: 'path', required: true, type: 'string' },
              { name: 'lang', in: 'query', type: 'string' },
            ],
          ),
        },
        '/private': {
          get: proxy({ cacheKeyParameters: ['method.request.header.Authorization'] }, [
            { name: 'Authorization', in: 'header', type: 'string' },
          ]),
        },
        '/status/{code}': { get: proxy() },
        '/big/{n}': {
          get: proxy({ cacheKeyParameters: ['method.request.path.n'] }, [
            { name: 'n', in: 'path', required: true, type: 'string' },
          ]),
        },
      },
    },
    stage: { name: 'prod', cacheClusterEnabled: true, ...stage },
    clock,
    lambdas: {
      Fn: async (event: LambdaProxyEvent) => {
        calls++
        const code = event.path.startsWith('/status/')
          ? Number(event.pathParameters?.['code'])
          : 200
        const body = event.path.startsWith('/big/')
          ? 'x'.repeat(Number(event.pathParameters?.['n']))
          : `${event.path} ${event.headers?.['Authorization'] ?? ''} #${calls}`
        return { statusCode: code, body }
      },
    },
    logger: silentLogger,
  })
  const get = (path: string, headers: Record<string, string> = {}) =>
    gateway.invoke({ method: 'GET', path, headers }).then((r) => r.body)
  return { gateway, clock, get, calls: () => calls }
}

describe('stage cache', () => {
  it('serves a hit before the TTL and refreshes at the TTL', async () => {
    const { get, clock, calls } = setup({ methodSettings: { '*/*': { cacheTtlInSeconds: 60 } } })
    expect(await get('/pets/1')).toBe('/pets/1  #1')
    await clock.advance(59_999)
    expect(await get('/pets/1')).toBe('/pets/1  #1')
    await clock.advance(1)
    expect(await get('/pets/1')).toBe('/pets/1  #2')
    expect(calls()).toBe(2)
  })

  it('keys only on cacheKeyParameters: /pets/1 and /pets/2 share an entry, keyed paths do not', async () => {
    const { get } = setup()
    expect(await get('/pets/1')).toBe('/pets/1  #1')
    expect(await get('/pets/2')).toBe('/pets/1  #1')
    expect(await get('/keyed/1?lang=en')).toBe('/keyed/1  #2')
    expect(await get('/keyed/2?lang=en')).toBe('/keyed/2  #3')
    expect(await get('/keyed/1?lang=fr')).toBe('/keyed/1  #4')
    expect(await get('/keyed/1?lang=en&other=x')).toBe('/keyed/1  #2')
  })

  it('shares no entry between callers when Authorization is a key parameter', async () => {
    const { get } = setup()
    expect(await get('/private', { Authorization: 'alice' })).toBe('/private alice #1')
    expect(await get('/private', { Authorization: 'bob' })).toBe('/private bob #2')
    expect(await get('/private', { Authorization: 'alice' })).toBe('/private alice #1')
  })

  it('caches integration responses of any status (test/conformance/limits-and-cache-policy)', async () => {
    const { get, calls } = setup()
    await get('/status/500')
    await get('/status/500')
    expect(calls()).toBe(1)
  })

  it('caches GET by default, other methods only with their own setting', async () => {
    const plain = setup()
    await plain.gateway.invoke({ method: 'POST', path: '/pets/1' })
    await plain.gateway.invoke({ method: 'POST', path: '/pets/1' })
    expect(plain.calls()).toBe(2)
    const configured = setup({ methodSettings: { 'pets/{id}/POST': { cachingEnabled: true } } })
    await configured.gateway.invoke({ method: 'POST', path: '/pets/1' })
    await configured.gateway.invoke({ method: 'POST', path: '/pets/1' })
    expect(configured.calls()).toBe(1)
    const off = setup({ methodSettings: { 'pets/{id}/GET': { cachingEnabled: false } } })
    await off.get('/pets/1')
    await off.get('/pets/1')
    expect(off.calls()).toBe(2)
  })

  describe('Cache-Control: max-age=0', () => {
    const noCache = { 'Cache-Control': 'max-age=0' }
    it('refreshes the entry when authorization is not required', async () => {
      const { get } = setup({
        methodSettings: { '*/*': { requireAuthorizationForCacheControl: false } },
      })
      await get('/pets/1')
      expect(await get('/pets/1', noCache)).toBe('/pets/1  #2')
      expect(await get('/pets/1')).toBe('/pets/1  #2')
    })

    it('by default ignores an unauthorized request and says so in a header', async () => {
      const { gateway, get } = setup()
      await get('/pets/1')
      const res = await gateway.invoke({ method: 'GET', path: '/pets/1', headers: noCache })
      expect(res.body).toBe('/pets/1  #1')
      expect(res.headers['x-amzn-cache-control-ignored']).toBe('unauthorized')
    })

    it('FAIL_WITH_403 refuses, SUCCEED_WITHOUT_RESPONSE_HEADER ignores silently', async () => {
      const fail = setup({
        methodSettings: { '*/*': { unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403' } },
      })
      expect(
        (await fail.gateway.invoke({ method: 'GET', path: '/pets/1', headers: noCache }))
          .statusCode,
      ).toBe(403)
      const quiet = setup({
        methodSettings: {
          '*/*': { unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITHOUT_RESPONSE_HEADER' },
        },
      })
      await quiet.get('/pets/1')
      const res = await quiet.gateway.invoke({ method: 'GET', path: '/pets/1', headers: noCache })
      expect([res.body, res.headers['x-amzn-cache-control-ignored']]).toEqual([
        '/pets/1  #1',
        undefined,
      ])
    })
  })

  it('stays within its capacity with large bodies, evicting the least recently used', async () => {
    const capacityGb = 4096 / 1024 ** 3 // a 4 KB cache
    const { gateway, get, calls } = setup({ cacheClusterSize: capacityGb })
    for (let i = 1000; i < 1010; i++) await get(`/big/${i}`)
    const cache = (gateway.stage as unknown as { cache: { bytes: number; size: number } }).cache
    expect(cache.bytes).toBeLessThanOrEqual(4096)
    expect(cache.size).toBeGreaterThan(0)
    const before = calls()
    await get('/big/1009') // most recent: still cached
    expect(calls()).toBe(before)
    await get('/big/1000') // evicted long ago
    expect(calls()).toBe(before + 1)
    await get('/big/100000') // larger than the whole cache: served, not stored
    expect(cache.bytes).toBeLessThanOrEqual(4096)
  })

  it('flushCache() empties it', async () => {
    const { gateway, get } = setup()
    await get('/pets/1')
    gateway.flushCache()
    expect(await get('/pets/1')).toBe('/pets/1  #2')
  })
})
