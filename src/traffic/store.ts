/**
 * Where traffic state lives: token buckets and quota counters. The in-memory store is the
 * default; a shared store (Redis) lets several gateway processes enforce one limit. A store may
 * answer synchronously or with a promise.
 */
import { fullBucket, take, type Bucket, type RateLimit } from './token-bucket.js'

/** One bucket a request must take a token from. */
export interface BucketDemand {
  readonly key: string
  readonly limit: RateLimit
}

/** One quota a request counts against. */
export interface QuotaDemand {
  /** Counter key (plan and API key). */
  readonly key: string
  /** Start of the current period (epoch ms). */
  readonly periodStart: number
  /** Requests allowed in this period (the first period already has the offset applied). */
  readonly limit: number
  /** UTC day of the request, for usage reports. */
  readonly day: string
}

/** Traffic state. */
export interface TrafficStore {
  /**
   * Takes one token from every bucket, or from none if any is empty.
   *
   * @returns -1 when admitted, else the index of the first empty bucket
   */
  takeAll(demands: readonly BucketDemand[], now: number): number | Promise<number>
  /**
   * Counts a request against a quota if it has room.
   *
   * @returns whether it was admitted
   */
  countQuota(demand: QuotaDemand): boolean | Promise<boolean>
  /** Requests counted per UTC day for a quota key (`get-usage`). */
  usage(key: string): ReadonlyMap<string, number> | Promise<ReadonlyMap<string, number>>
}

/**
 * The default store: buckets and counters in this process's memory.
 *
 * @returns a store
 */
export function createMemoryStore(): TrafficStore {
  const buckets = new Map<string, Bucket>()
  const quotas = new Map<string, { periodStart: number; used: number }>()
  const days = new Map<string, Map<string, number>>()
  return {
    takeAll(demands, now) {
      const next: Bucket[] = []
      for (let i = 0; i < demands.length; i++) {
        const demand = demands[i] as BucketDemand
        const current = buckets.get(demand.key) ?? fullBucket(demand.limit, now)
        const result = take(current, demand.limit, now)
        if (!result.allowed) {
          buckets.set(demand.key, result.bucket)
          return i
        }
        next.push(result.bucket)
      }
      for (let i = 0; i < demands.length; i++)
        buckets.set((demands[i] as BucketDemand).key, next[i] as Bucket)
      return -1
    },
    countQuota(demand) {
      let counter = quotas.get(demand.key)
      if (!counter || counter.periodStart !== demand.periodStart) {
        counter = { periodStart: demand.periodStart, used: 0 }
        quotas.set(demand.key, counter)
      }
      if (counter.used >= demand.limit) return false
      counter.used++
      let perDay = days.get(demand.key)
      if (!perDay) days.set(demand.key, (perDay = new Map<string, number>()))
      perDay.set(demand.day, (perDay.get(demand.day) ?? 0) + 1)
      return true
    },
    usage(key) {
      return days.get(key) ?? new Map()
    },
  }
}
