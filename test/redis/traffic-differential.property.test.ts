// Differential: the Redis store's Lua scripts (token buckets, quota counters) against the
// in-memory reference (traffic/token-bucket.ts `take()` and the memory store) on a real
// redis-server. The same sequence of demands and clock advances must give the same answers
// and leave the same micro-tokens in every bucket.
import fc from 'fast-check'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedisStore } from '../../src/adapters/redis/index.js'
import { createMemoryStore, type BucketDemand } from '../../src/traffic/store.js'
import { fullBucket, take, type Bucket, type RateLimit } from '../../src/traffic/token-bucket.js'
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

const limitArb: fc.Arbitrary<RateLimit> = fc.record({
  rateLimit: fc.oneof(
    fc.constantFrom(0, 0.0005, 0.1, 1 / 3, 0.5, 1, 2.5, 10, 1000, 1e6),
    fc.double({ min: 0, max: 5000, noNaN: true }),
  ),
  burstLimit: fc.oneof(
    fc.constantFrom(0, 1, 2, 2.7, 5, 100, 5000),
    fc.integer({ min: 0, max: 50 }),
  ),
})

const KEYS = ['a', 'b', 'c'] as const

/** A step: advance the clock, then take from 1–3 distinct buckets (each with one of its limits). */
const stepArb = fc.record({
  advance: fc.oneof(fc.constantFrom(0, 1, 999, 1000, 60_000), fc.integer({ min: 0, max: 5000 })),
  keys: fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 }),
  variant: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
})

/** The reference: take() from every bucket, or none; the first empty one keeps its refill. */
function referenceTakeAll(buckets: Map<string, Bucket>, demands: BucketDemand[], now: number) {
  const next: Bucket[] = []
  for (let i = 0; i < demands.length; i++) {
    const d = demands[i] as BucketDemand
    const result = take(buckets.get(d.key) ?? fullBucket(d.limit, now), d.limit, now)
    if (!result.allowed) {
      buckets.set(d.key, result.bucket)
      return i
    }
    next.push(result.bucket)
  }
  demands.forEach((d, i) => buckets.set(d.key, next[i] as Bucket))
  return -1
}

let run = 0

describe('Redis Lua scripts against the in-memory reference', () => {
  it('token buckets: same admissions, same first empty bucket, same micro-tokens left', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(limitArb, limitArb), { minLength: 3, maxLength: 3 }),
        fc.array(stepArb, { minLength: 1, maxLength: 40 }),
        async (limits, steps) => {
          const prefix = `diff${run++}:`
          const redis = createRedisStore(client, {
            prefix,
            timeoutMs: 5000,
            whenUnavailable: 'closed',
          })
          const memory = createMemoryStore()
          const buckets = new Map<string, Bucket>()
          let now = 1_700_000_000_000
          for (const step of steps) {
            now += step.advance
            const demands = step.keys.map((key) => {
              const [first, second] = limits[KEYS.indexOf(key)] as [RateLimit, RateLimit]
              return { key, limit: step.variant[KEYS.indexOf(key)] ? second : first }
            })
            const expected = referenceTakeAll(buckets, demands, now)
            expect(await redis.takeAll(demands, now)).toBe(expected)
            expect(await memory.takeAll(demands, now)).toBe(expected)
            for (const key of KEYS) {
              const state = await client.hgetall(`${prefix}b:${key}`)
              const bucket = buckets.get(key)
              expect(
                state['m'] === undefined
                  ? undefined
                  : { micro: Number(state['m']), at: Number(state['t']) },
                `bucket ${key}`,
              ).toEqual(bucket && { micro: bucket.micro, at: bucket.at })
            }
          }
        },
      ),
      { numRuns: 150 },
    )
  }, 120_000)

  it('quotas: same admissions per period, same usage per day', async () => {
    const stepArb = fc.record({
      period: fc.integer({ min: 0, max: 2 }),
      limit: fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.integer({ min: 0, max: 10 })),
      day: fc.constantFrom('2026-11-30', '2026-12-01'),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 40 }), async (steps) => {
        const prefix = `quota${run++}:`
        const redis = createRedisStore(client, {
          prefix,
          timeoutMs: 5000,
          whenUnavailable: 'closed',
        })
        const memory = createMemoryStore()
        for (const step of steps) {
          const demand = {
            key: 'plan:key',
            periodStart: 1_700_000_000_000 + step.period * 86_400_000,
            limit: step.limit,
            day: step.day,
          }
          expect(await redis.countQuota(demand)).toBe(await memory.countQuota(demand))
        }
        expect(await redis.usage('plan:key')).toEqual(await memory.usage('plan:key'))
      }),
      { numRuns: 150 },
    )
  }, 120_000)
})
