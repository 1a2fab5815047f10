// The Redis store's Lua scripts on a real redis-server: run by EVALSHA through ioredis's
// defineCommand (EVAL only when Redis does not know them yet), and regressions the differential
// test (traffic-differential.property.test.ts) found against the memory store.
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedisStore } from '../../src/adapters/redis/index.js'
import { createMemoryStore } from '../../src/traffic/store.js'
import { startRedisServer, type RedisServer } from './redis-server.js'

let server: RedisServer
let client: Redis
beforeAll(async () => {
  server = await startRedisServer()
  client = new Redis(server.url, { enableOfflineQueue: false, lazyConnect: true })
  client.on('error', () => {})
  await client.connect()
})
afterAll(async () => {
  client.disconnect()
  await server.stop()
})

/** Calls of a command since the server started, from INFO commandstats. */
async function calls(command: string): Promise<number> {
  const info = await client.info('commandstats')
  return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0)
}

const bucket = (key: string, rateLimit: number, burstLimit: number) => ({
  key,
  limit: { rateLimit, burstLimit },
})

describe('Lua scripts by SHA', () => {
  it('sends each script once, then only its SHA1; after SCRIPT FLUSH it sends it again', async () => {
    const store = createRedisStore(client, { prefix: 'sha:' })
    const quota = { key: 'k', periodStart: 0, limit: 1000, day: '2026-11-30' }
    const evalBefore = await calls('eval')
    const shaBefore = await calls('evalsha')
    for (let i = 0; i < 20; i++) {
      expect(await store.takeAll([bucket('a', 1, 100)], 1_000)).toBe(-1)
      expect(await store.countQuota(quota)).toBe(true)
    }
    // The first EVALSHA of each script answers NOSCRIPT (Redis counts it as failed, not a call);
    // ioredis then sends the script once by EVAL. Every later run is EVALSHA.
    expect((await calls('eval')) - evalBefore).toBe(2)
    expect((await calls('evalsha')) - shaBefore).toBe(38)

    await client.call('SCRIPT', 'FLUSH')
    expect(await store.takeAll([bucket('a', 1, 100)], 1_000)).toBe(-1)
    expect((await calls('eval')) - evalBefore).toBe(3)
  })

  it('runs by EVAL on a client without defineCommand', async () => {
    const plain = {
      eval: client.eval.bind(client),
      hgetall: client.hgetall.bind(client),
      call: client.call.bind(client),
    }
    const store = createRedisStore(plain, { prefix: 'plain:' })
    const before = await calls('eval')
    expect(await store.takeAll([bucket('a', 0, 1)], 1_000)).toBe(-1)
    expect(await store.takeAll([bucket('a', 0, 1)], 1_000)).toBe(0)
    expect((await calls('eval')) - before).toBe(2)
  })
})

describe('agreement with the memory store', () => {
  it('a lowered burst applies at once, even in the same millisecond (regression: burst cap skipped)', async () => {
    const stores = [createRedisStore(client, { prefix: 'lowered:' }), createMemoryStore()]
    for (const store of stores) {
      expect(await store.takeAll([bucket('a', 0, 5)], 1_000)).toBe(-1)
      expect(await store.takeAll([bucket('a', 0, 1)], 1_000)).toBe(-1)
      expect(await store.takeAll([bucket('a', 0, 1)], 1_000)).toBe(0)
    }
  })

  it('a refused take leaves the buckets before and after the empty one as they were (regression: refills written)', async () => {
    const store = createRedisStore(client, { prefix: 'untouched:' })
    expect(
      await store.takeAll([bucket('a', 1, 2), bucket('b', 0, 0), bucket('c', 1, 2)], 1_000),
    ).toBe(1)
    expect(await client.exists('untouched:b:a', 'untouched:b:c')).toBe(0)
    expect(await client.hgetall('untouched:b:b')).toEqual({ m: '0', t: '1000' })
  })

  it('a new period restarts the count even when its first request is refused (regression: stale period kept)', async () => {
    const stores = [createRedisStore(client, { prefix: 'period:' }), createMemoryStore()]
    for (const store of stores) {
      const at = (periodStart: number, limit: number) =>
        store.countQuota({ key: 'k', periodStart, limit, day: '2026-11-30' })
      expect(await at(0, 1)).toBe(true)
      expect(await at(1, 0)).toBe(false) // period 1 starts, with no room
      expect(await at(0, 1)).toBe(true) // period 0 again (another process's clock): counted afresh
    }
  })
})
