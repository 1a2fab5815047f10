/**
 * `portico/redis`: a {@link TrafficStore} on Redis, so several gateway processes enforce one set
 * of limits. Each bucket take and quota count is one atomic Lua script, and keys expire on their
 * own. If Redis cannot answer within `timeoutMs`, the store answers by its `whenUnavailable`
 * policy (fail open: admit; fail closed: refuse with 429), reports it through `onError`, and
 * uses Redis again as soon as it answers. No request waits on a dead connection.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis'
 * import { createGateway } from 'portico'
 * import { createRedisStore } from 'portico/redis'
 *
 * const store = createRedisStore(new Redis(process.env.REDIS_URL, { enableOfflineQueue: false }))
 * const gateway = createGateway({ api, store })
 * ```
 *
 * @module
 */
import { createRequire } from 'node:module'
import { ConfigError } from '../../errors.js'
import type { CacheStore } from '../../cache/index.js'
import type { CachedResponse } from '../../cache/index.js'
import type { BucketDemand, QuotaDemand, TrafficStore } from '../../traffic/index.js'
import type { ConnectionInfo, ConnectionRelay } from '../../websocket/index.js'
import { QUOTA_TTL_MS, scriptsOn, type Scripts } from './scripts.js'

/** The part of an ioredis client the stores use. */
export interface RedisLike {
  /** Redis `EVAL`: runs a Lua script over `numKeys` keys, then its arguments. */
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>
  /** Redis `HGETALL`: every field of a hash (an empty object when the key is missing). */
  hgetall(key: string): Promise<Record<string, string>>
  /** Any command: `call('GET', key)`. */
  call(command: string, ...args: Array<string | number>): Promise<unknown>
  /**
   * ioredis's `defineCommand`: when the client has it, the store's Lua scripts run by EVALSHA
   * (the script's SHA1, not its text), with ioredis falling back to EVAL when Redis does not
   * know the script (first use, after a restart or SCRIPT FLUSH). Without it, each run is EVAL.
   */
  defineCommand?(name: string, definition: { lua: string; numberOfKeys?: number }): void
}

/**
 * Fails at creation, not at the first request, when a `redis://` URL is given but the `ioredis`
 * package cannot be found: a store that cannot connect would otherwise fail open and turn off
 * every throttle and quota.
 *
 * @param url - the URL given (for the message)
 * @throws ConfigError naming the missing package
 */
function requireIoredis(url: string): void {
  try {
    createRequire(import.meta.url).resolve('ioredis')
  } catch {
    throw new ConfigError(
      'redis',
      `${url.replace(/\/\/[^@/]*@/, '//***@')} needs the ioredis package: npm install ioredis (or pass a client instead of a URL)`,
    )
  }
}

/** A client, or a `redis://` URL to connect to (needs the `ioredis` package). */
export type RedisClientOrUrl = RedisLike | string

/**
 * Connects to a URL with ioredis, failing fast while Redis is down. The first use waits for the
 * connection (at most `timeoutMs`), so the first requests do not all miss.
 */
function lazyClient(target: RedisClientOrUrl, timeoutMs: number): () => Promise<RedisLike> {
  if (typeof target !== 'string') {
    const client = Promise.resolve(target)
    return () => client
  }
  requireIoredis(target)
  let client: Promise<RedisLike> | undefined
  return () =>
    (client ??= import('ioredis').then(async (module) => {
      const redis = new module.Redis(target, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
      redis.on('error', () => {}) // reported through onError when a command fails
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs)
        redis.once('ready', () => {
          clearTimeout(timer)
          resolve()
        })
      })
      return redis
    }))
}

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /** Prefix of every key. @default `portico:` */
  prefix?: string
  /** Longest wait for Redis before the policy applies. @default 250 ms */
  timeoutMs?: number
  /** What to do when Redis does not answer: admit (`open`) or refuse with 429 (`closed`). @default 'open' */
  whenUnavailable?: 'open' | 'closed'
  /** Called when Redis fails or times out (at most once per second). */
  onError?: (error: unknown) => void
}

/** Runs commands with a deadline, answering a fallback (and reporting) when Redis fails. */
function createGuard(
  options: RedisStoreOptions,
): <T>(command: () => Promise<T>, fallback: T) => Promise<T> {
  const timeoutMs = options.timeoutMs ?? 250
  let lastReport = 0
  const report = (error: unknown): void => {
    const now = Date.now()
    if (now - lastReport < 1000) return
    lastReport = now
    try {
      options.onError?.(error)
    } catch {
      // A reporting hook never breaks a request.
    }
  }

  return <T>(command: () => Promise<T>, fallback: T): Promise<T> =>
    new Promise<T>((resolve) => {
      let done = false
      const timer = setTimeout(() => {
        if (done) return
        done = true
        report(new Error(`Redis did not answer within ${timeoutMs} ms`))
        resolve(fallback)
      }, timeoutMs)
      let pending: Promise<T>
      try {
        pending = command()
      } catch (error) {
        pending = Promise.reject(error)
      }
      pending.then(
        (value) => {
          if (done) return
          done = true
          clearTimeout(timer)
          resolve(value)
        },
        (error: unknown) => {
          if (done) return
          done = true
          clearTimeout(timer)
          report(error)
          resolve(fallback)
        },
      )
    })
}

/**
 * Creates a traffic store on Redis, from a client (ioredis, or anything with the few commands
 * of {@link RedisLike}) or a URL. Create a client with `enableOfflineQueue: false` so commands
 * fail fast while Redis is down; a URL gets such a client.
 *
 * @param target - a client (ioredis, created with `enableOfflineQueue: false`) or a `redis://` URL
 * @param options - key prefix, timeout and the policy when Redis is unavailable
 * @returns the store
 */
export function createRedisStore(
  target: RedisClientOrUrl,
  options: RedisStoreOptions = {},
): TrafficStore {
  const connect = lazyClient(target, options.timeoutMs ?? 250)
  const prefix = options.prefix ?? 'portico:'
  const open = (options.whenUnavailable ?? 'open') === 'open'
  const guarded = createGuard(options)
  let scripts: Promise<Scripts> | undefined
  const scripted = (): Promise<Scripts> => (scripts ??= connect().then(scriptsOn))

  return {
    takeAll(demands: readonly BucketDemand[], now: number) {
      if (demands.length === 0) return -1
      const args: Array<string | number> = [now]
      for (const d of demands) args.push(d.limit.rateLimit, d.limit.burstLimit)
      return guarded(
        async () =>
          Number(
            await (
              await scripted()
            ).takeAll(demands.length, ...demands.map((d) => `${prefix}b:${d.key}`), ...args),
          ),
        open ? -1 : 0,
      )
    },
    countQuota(demand: QuotaDemand) {
      return guarded(
        async () =>
          Number(
            await (
              await scripted()
            ).countQuota(
              2,
              `${prefix}q:${demand.key}`,
              `${prefix}u:${demand.key}`,
              demand.periodStart,
              demand.limit,
              demand.day,
              QUOTA_TTL_MS,
            ),
          ) === 1,
        open,
      )
    },
    async usage(key: string) {
      const days = await guarded(async () => (await connect()).hgetall(`${prefix}u:${key}`), {})
      return new Map(Object.entries(days).map(([day, count]) => [day, Number(count)]))
    },
  }
}

/** Options of {@link createRedisCache}. */
export type RedisCacheOptions = Pick<RedisStoreOptions, 'prefix' | 'timeoutMs' | 'onError'>

/**
 * A stage cache on Redis, shared by every gateway process: entries are JSON values with Redis
 * TTLs (`SET … PX`), flushes delete by key prefix. Bound its size with Redis's own
 * `maxmemory` and an LRU `maxmemory-policy`. When Redis fails, a lookup is a miss and a store is
 * skipped, so requests still reach the integration.
 *
 * @example
 * ```ts
 * const gateway = createGateway({ api, stage: { name: 'prod', cacheClusterEnabled: true },
 *   cacheStore: createRedisCache('redis://cache:6379') })
 * ```
 *
 * @param target - a client or a `redis://` URL
 * @param options - key prefix, timeout, error reports
 * @returns the cache store
 */
export function createRedisCache(
  target: RedisClientOrUrl,
  options: RedisCacheOptions = {},
): CacheStore {
  const connect = lazyClient(target, options.timeoutMs ?? 250)
  const prefix = `${options.prefix ?? 'portico:'}c:`
  const guarded = createGuard(options)
  return {
    get: (key) =>
      guarded(async () => {
        const text = await (await connect()).call('GET', prefix + key)
        return typeof text === 'string' ? (JSON.parse(text) as CachedResponse) : undefined
      }, undefined),
    set: (key, response, ttlMs) =>
      guarded(async () => {
        if (ttlMs > 0) {
          const client = await connect()
          await client.call('SET', prefix + key, JSON.stringify(response), 'PX', Math.ceil(ttlMs))
        }
        return true
      }, false),
    flush: (keyPrefix) =>
      guarded(async () => {
        const client = await connect()
        let cursor = '0'
        do {
          const [next, keys] = (await client.call(
            'SCAN',
            cursor,
            'MATCH',
            `${escapeGlob(prefix + keyPrefix)}*`,
            'COUNT',
            500,
          )) as [string, string[]]
          if (keys.length > 0) await client.call('UNLINK', ...keys)
          cursor = next
        } while (cursor !== '0')
        return true
      }, false),
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&')
}

/** A Redis client for the relay: commands, plus a duplicate that subscribes (ioredis). */
export interface RelayRedisLike {
  /** Any command: `call('SET', key, value)`. */
  call(command: string, ...args: Array<string | number>): Promise<unknown>
  /** A second connection to the same server, used for pub/sub. */
  duplicate(): {
    /** Redis `SUBSCRIBE` to one channel. */
    subscribe(channel: string): Promise<unknown>
    /** Receives each message published on a subscribed channel. */
    on(event: 'message', listener: (channel: string, message: string) => void): unknown
  }
}

/**
 * Shares WebSocket connections between gateway processes through Redis: each process registers
 * the connections it holds (`{prefix}ws:{id}`), and `@connections` operations for a connection
 * held elsewhere travel over pub/sub to its holder.
 *
 * @example
 * ```ts
 * const ws = createWebSocketGateway({ api, lambdas, relay: createRedisRelay('redis://redis:6379') })
 * ```
 *
 * @param target - an ioredis client or a `redis://` URL
 * @param options - key prefix
 * @returns the relay for `createWebSocketGateway({ relay })`
 */
export function createRedisRelay(
  target: RelayRedisLike | string,
  options: { prefix?: string } = {},
): ConnectionRelay {
  if (typeof target === 'string') requireIoredis(target)
  const prefix = options.prefix ?? 'portico:'
  const channel = `${prefix}ws-relay`
  let client: Promise<RelayRedisLike> | undefined
  const connect = (): Promise<RelayRedisLike> =>
    (client ??=
      typeof target === 'string'
        ? import('ioredis').then((module) => {
            const redis = new module.Redis(target, { maxRetriesPerRequest: 1 })
            redis.on('error', () => {})
            return redis
          })
        : Promise.resolve(target))
  const key = (id: string): string => `${prefix}ws:${id}`
  return {
    async register(id, info) {
      await (await connect()).call('SET', key(id), JSON.stringify(info))
    },
    async unregister(id) {
      await (await connect()).call('DEL', key(id))
    },
    async lookup(id) {
      const text = await (await connect()).call('GET', key(id))
      return typeof text === 'string' ? (JSON.parse(text) as ConnectionInfo) : undefined
    },
    async publish(id, operation) {
      await (await connect()).call('PUBLISH', channel, JSON.stringify({ id, ...operation }))
    },
    subscribe(handler) {
      void connect().then(async (redis) => {
        const subscriber = redis.duplicate()
        subscriber.on('message', (from, message) => {
          if (from !== channel) return
          try {
            const { id, ...operation } = JSON.parse(message) as {
              id: string
              post?: string
              delete?: true
            }
            handler(id, operation)
          } catch {
            // not ours
          }
        })
        await subscriber.subscribe(channel)
      })
    },
  }
}
