// The Redis store against a real redis-server (installed by .ci/run; locally:
// `apt-get install redis-server`). Gateway processes use the built package (npm ci builds it).
import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createRedisCache,
  createRedisRelay,
  createRedisStore,
} from '../../src/adapters/redis/index.js'
import {
  ConnectionError,
  createGateway,
  createWebSocketGateway,
  silentLogger,
} from '../../src/index.js'
import { startRedisServer, type RedisServer } from './redis-server.js'

/** Polls until `done()` holds (at most 5 s): pub/sub delivery takes a moment. */
async function waitFor(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 5000; waited += 10)
    await new Promise((ok) => setTimeout(ok, 10))
}

/** Waits until Redis counts `n` subscribers on a channel. */
async function waitForSubscribers(channel: string, n: number): Promise<void> {
  let count = 0
  for (let waited = 0; count < n && waited < 5000; waited += 10) {
    const reply = (await client.call('PUBSUB', 'NUMSUB', channel)) as [string, number]
    count = Number(reply[1])
    if (count < n) await new Promise((ok) => setTimeout(ok, 10))
  }
}

let server: RedisServer
let client: Redis
beforeAll(async () => {
  server = await startRedisServer()
  client = new Redis(server.url, {
    enableOfflineQueue: false,
    lazyConnect: true,
    retryStrategy: () => 50,
  })
  client.on('error', () => {})
  await client.connect()
})
afterAll(async () => {
  client.disconnect()
  await server.stop()
})

describe('Redis store', () => {
  it('takes from every bucket atomically and exactly', async () => {
    const store = createRedisStore(client, { prefix: 'unit1:' })
    const demands = [
      { key: 'a', limit: { rateLimit: 1, burstLimit: 3 } },
      { key: 'b', limit: { rateLimit: 0, burstLimit: 2 } },
    ]
    const results: number[] = []
    for (let i = 0; i < 4; i++) results.push(await store.takeAll(demands, 1_000))
    expect(results).toEqual([-1, -1, 1, 1])
    // Bucket a kept its third token: b refused, so nothing was taken from a either.
    expect(await store.takeAll([demands[0]!], 1_000)).toBe(-1)
    expect(await store.takeAll([demands[0]!], 1_000)).toBe(0)
    expect(await store.takeAll([demands[0]!], 2_000)).toBe(-1)
  })

  it('counts quotas per period and reports usage per day', async () => {
    const store = createRedisStore(client, { prefix: 'unit2:' })
    const demand = { key: 'plan:p:key:k', periodStart: 100, limit: 2, day: '2026-11-21' }
    expect([
      await store.countQuota(demand),
      await store.countQuota(demand),
      await store.countQuota(demand),
    ]).toEqual([true, true, false])
    expect(await store.countQuota({ ...demand, periodStart: 200, day: '2026-11-22' })).toBe(true)
    expect([...(await store.usage('plan:p:key:k'))]).toEqual([
      ['2026-11-21', 2],
      ['2026-11-22', 1],
    ])
  })

  it('lets two gateway processes sharing one Redis admit exactly one burst between them', async () => {
    if (!existsSync(new URL('../../dist/adapters/redis/index.js', import.meta.url)))
      throw new Error('dist/ is missing: run npm run build (npm ci does it)')
    const workers = [0, 1].map(() =>
      fork(new URL('./worker.mjs', import.meta.url), [server.url, '60'], { stdio: 'inherit' }),
    )
    await Promise.all(workers.map((w) => new Promise((ok) => w.once('message', ok))))
    const reports = workers.map(
      (w) => new Promise<{ admitted: number; throttled: number }>((ok) => w.once('message', ok)),
    )
    for (const w of workers) w.send('go')
    const [a, b] = await Promise.all(reports)
    expect(a!.admitted + b!.admitted).toBe(40)
    expect(a!.throttled + b!.throttled).toBe(80)
  }, 20_000)

  it('follows its policy while Redis is down, without hanging, and recovers', async () => {
    const errors: unknown[] = []
    const api = {
      openapi: '3.0.1',
      info: { title: 'outage', version: '1' },
      paths: {
        '/pets': {
          get: {
            responses: { 200: { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              responses: { default: { statusCode: '200' } },
            },
          },
        },
      },
    }
    const stage = {
      name: 'prod',
      methodSettings: { '*/*': { throttlingRateLimit: 0, throttlingBurstLimit: 1 } },
    }
    const open = createGateway({
      api,
      stage,
      store: createRedisStore(client, { prefix: 'outage-open:', onError: (e) => errors.push(e) }),
      logger: silentLogger,
    })
    const closed = createGateway({
      api,
      stage,
      store: createRedisStore(client, { prefix: 'outage-closed:', whenUnavailable: 'closed' }),
      logger: silentLogger,
    })
    const get = (gw: typeof open) =>
      gw.invoke({ method: 'GET', path: '/pets' }).then((r) => r.statusCode)
    expect([await get(open), await get(open)]).toEqual([200, 429])

    await server.stop()
    const started = Date.now()
    expect([await get(open), await get(open)]).toEqual([200, 200]) // fail open: admitted
    expect(await get(closed)).toBe(429) // fail closed: refused
    expect(Date.now() - started).toBeLessThan(2000)
    expect(errors.length).toBeGreaterThan(0)

    await server.restart()
    await new Promise<void>((ok) =>
      client.status === 'ready' ? ok() : client.once('ready', () => ok()),
    )
    // Redis is empty after the restart (no persistence): the bucket starts full again.
    expect([await get(open), await get(open)]).toEqual([200, 429])
  }, 20_000)

  it('shares cached responses between gateways through Redis (from a URL), with TTLs and flush', async () => {
    let calls = 0
    const make = () =>
      createGateway({
        api: {
          openapi: '3.0.1',
          info: { title: 'shared cache', version: '1' },
          paths: {
            '/pets': {
              get: {
                'x-amazon-apigateway-integration': {
                  type: 'aws_proxy',
                  httpMethod: 'POST',
                  uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Fn/invocations',
                },
              },
            },
          },
        },
        stage: {
          name: 'prod',
          cacheClusterEnabled: true,
          methodSettings: { '*/*': { cacheTtlInSeconds: 1 } },
        },
        cacheStore: createRedisCache(server.url, { prefix: 'cache-test:' }),
        store: createRedisStore(server.url, { prefix: 'cache-test:' }),
        lambdas: { Fn: async () => ({ statusCode: 200, body: String(++calls) }) },
        logger: silentLogger,
      })
    const [one, two] = [make(), make()]
    const get = (gw: typeof one) => gw.invoke({ method: 'GET', path: '/pets' }).then((r) => r.body)
    expect(await get(one)).toBe('1')
    expect(await get(two)).toBe('1') // filled by the other gateway
    await one.flushCache()
    expect(await get(two)).toBe('2')
    await new Promise((ok) => setTimeout(ok, 1100)) // Redis expires the entry
    expect(await get(one)).toBe('3')
  }, 10_000)

  it('relays @connections operations to the gateway holding the connection', async () => {
    const make = () =>
      createWebSocketGateway({
        api: { routes: { $default: { lambda: 'Echo' } } },
        lambdas: { Echo: async () => ({ statusCode: 200 }) },
        stage: { name: 'prod' },
        relay: createRedisRelay(server.url, { prefix: 'relay-test:' }),
        logger: silentLogger,
      })
    const [holder, other] = [make(), make()]
    await waitForSubscribers('relay-test:ws-relay', 2)
    const received: string[] = []
    const closes: number[] = []
    const id = await holder.connect(
      { sourceIp: '10.1.1.1' },
      {
        send: (data) => received.push(data),
        close: (code) => closes.push(code),
      },
    )
    expect(await other.getConnection(id)).toMatchObject({ identity: { sourceIp: '10.1.1.1' } })
    await other.postToConnection(id, 'hello from the other gateway')
    await waitFor(() => received.length > 0)
    expect(received).toEqual(['hello from the other gateway'])
    await other.deleteConnection(id)
    await waitFor(() => closes.length > 0)
    expect(closes).toEqual([1000])
    await expect(
      Promise.resolve().then(() => other.postToConnection(id, 'x')),
    ).rejects.toBeInstanceOf(ConnectionError)
  }, 10_000)

  it('delivers @connections posts to a connection held by another OS process', async () => {
    const worker = fork(new URL('./ws-worker.mjs', import.meta.url), [server.url], {
      stdio: 'inherit',
    })
    const messages: Array<Record<string, unknown>> = []
    const next = (key: string) =>
      new Promise<Record<string, unknown>>((ok) => {
        const found = messages.find((m) => key in m)
        if (found) return ok(found)
        const listen = (m: Record<string, unknown>) => {
          if (key in m) {
            worker.off('message', listen)
            ok(m)
          }
        }
        worker.on('message', listen)
      })
    worker.on('message', (m) => messages.push(m as Record<string, unknown>))
    try {
      const { connectionId } = (await next('connectionId')) as { connectionId: string }
      const here = createWebSocketGateway({
        api: { routes: { $default: { lambda: 'Noop' } } },
        lambdas: { Noop: async () => ({ statusCode: 200 }) },
        stage: { name: 'prod' },
        relay: createRedisRelay(server.url, { prefix: 'xproc:' }),
        logger: silentLogger,
      })
      await waitForSubscribers('xproc:ws-relay', 1)
      expect(await here.getConnection(connectionId)).toMatchObject({
        identity: { sourceIp: '10.9.9.9' },
      })
      await here.postToConnection(connectionId, 'across processes')
      expect(await next('received')).toEqual({ received: 'across processes' })
      await here.deleteConnection(connectionId)
      expect(await next('closed')).toEqual({ closed: 1000 })
    } finally {
      worker.send('stop')
    }
  }, 15_000)
})
