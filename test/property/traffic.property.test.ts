// Property tests of the token bucket and the quota periods.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fullBucket, take } from '../../src/traffic/token-bucket.js'
import { periodStart } from '../../src/traffic/quota-period.js'
import { createMemoryStore } from '../../src/traffic/store.js'

const limitArb = fc.record({
  rateLimit: fc.oneof(
    fc.constantFrom(0, 0.1, 0.5, 1, 3.7, 10, 1000),
    fc.double({ min: 0, max: 500, noNaN: true }),
  ),
  burstLimit: fc.integer({ min: 0, max: 50 }),
})
const gapsArb = fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 300 })

describe('token bucket', () => {
  it('never admits more than burst + rate × elapsed, and denies only when empty', () => {
    fc.assert(
      fc.property(limitArb, gapsArb, (limit, gaps) => {
        const start = 1_700_000_000_000
        let now = start
        let bucket = fullBucket(limit, now)
        let admitted = 0
        let calls = 0
        // An independent model in plain arithmetic: tokens capped at burst, refilled at rate.
        let reference = limit.burstLimit
        let last = start
        for (const gap of gaps) {
          now += gap
          calls++
          reference = Math.min(
            limit.burstLimit,
            reference + (limit.rateLimit * (now - last)) / 1000,
          )
          last = now
          const result = take(bucket, limit, now)
          bucket = result.bucket
          const bound = limit.burstLimit + (limit.rateLimit * (now - start)) / 1000
          if (result.allowed) {
            admitted++
            reference -= 1
            expect(admitted).toBeLessThanOrEqual(bound + 1e-9)
          } else {
            // Denied only when the bucket was empty (up to one micro-token of rounding per call).
            expect(reference).toBeLessThan(1 + calls * 1e-6)
          }
        }
      }),
      { numRuns: 500 },
    )
  })

  it('stays exact when requests arrive at the same instant or out of order', () => {
    const limit = { rateLimit: 1, burstLimit: 3 }
    let bucket = fullBucket(limit, 10_000)
    const results: boolean[] = []
    for (const at of [10_000, 10_000, 10_000, 10_000, 9_000, 10_999, 11_000]) {
      const r = take(bucket, limit, at)
      bucket = r.bucket
      results.push(r.allowed)
    }
    expect(results).toEqual([true, true, true, false, false, false, true])
  })

  it('admits exactly one burst across concurrent takers sharing a store', async () => {
    const store = createMemoryStore()
    const demand = [{ key: 'b', limit: { rateLimit: 0, burstLimit: 25 } }]
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, () => Promise.resolve().then(() => store.takeAll(demand, 5))),
    )
    expect(outcomes.filter((i) => i === -1)).toHaveLength(25)
  })
})

describe('quota periods', () => {
  const times = fc.array(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }), {
    minLength: 1,
    maxLength: 200,
  })

  it.each(['DAY', 'WEEK', 'MONTH'] as const)(
    '%s periods start at UTC boundaries and contain the time',
    (period) => {
      fc.assert(
        fc.property(times, (list) => {
          for (const t of list) {
            const start = periodStart(period, t)
            expect(start).toBeLessThanOrEqual(t)
            const d = new Date(start)
            expect([
              d.getUTCHours(),
              d.getUTCMinutes(),
              d.getUTCSeconds(),
              d.getUTCMilliseconds(),
            ]).toEqual([0, 0, 0, 0])
            if (period === 'WEEK') expect(d.getUTCDay()).toBe(0) // Sunday (AWS's QuotaSettings text)
            if (period === 'MONTH') expect(d.getUTCDate()).toBe(1)
            // The next period starts after t.
            const next =
              period === 'DAY'
                ? start + 86_400_000
                : period === 'WEEK'
                  ? start + 7 * 86_400_000
                  : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
            expect(t).toBeLessThan(next)
            expect(periodStart(period, next)).toBe(next)
          }
        }),
      )
    },
  )

  it('counts up to the limit per period and resets exactly at the boundary', () => {
    fc.assert(
      fc.property(times, fc.integer({ min: 0, max: 5 }), (list, limit) => {
        const store = createMemoryStore()
        const sorted = [...list].sort((a, b) => a - b)
        const perPeriod = new Map<number, number>()
        for (const t of sorted) {
          const start = periodStart('DAY', t)
          const ok = store.countQuota({ key: 'q', periodStart: start, limit, day: '' }) as boolean
          const before = perPeriod.get(start) ?? 0
          expect(ok).toBe(before < limit)
          if (ok) perPeriod.set(start, before + 1)
        }
      }),
    )
  })
})
