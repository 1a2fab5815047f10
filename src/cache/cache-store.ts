/**
 * Where the stage cache keeps responses: in this process by default ({@link ResponseCache}), or
 * shared between processes (the Redis cache of `portico/redis`). A store may answer
 * synchronously or with a promise; a store that fails answers a miss.
 */
import type { CachedResponse } from './response-cache.js'

/**
 * A response cache with per-entry TTLs: the extension point behind `createGateway({ cacheStore })`
 * (`portico/redis`'s `createRedisCache` is one). Keys already carry the stage's prefix, so one
 * store can serve several stages and gateways. Methods may answer synchronously or with a
 * promise; a rejected `get` is a miss (the request goes to the integration) and a rejected `set`
 * is ignored. Report failures by rejecting, not by throwing synchronously.
 *
 * @example
 * ```ts
 * const entries = new Map<string, { response: CachedResponse; expiresAt: number }>()
 * const store: CacheStore = {
 *   get: (key, now) => { const e = entries.get(key); return e && e.expiresAt > now ? e.response : undefined },
 *   set: (key, response, ttlMs, now) => entries.set(key, { response, expiresAt: now + ttlMs }),
 *   flush: (prefix) => { for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key) },
 * }
 * ```
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 */
export interface CacheStore {
  /**
   * The live entry for a key.
   *
   * @param key - the cache key (stage prefix, method, key parameters)
   * @param now - the gateway clock's epoch milliseconds
   * @returns the entry, or undefined when absent or expired
   */
  get(key: string, now: number): CachedResponse | undefined | Promise<CachedResponse | undefined>
  /**
   * Stores an entry for `ttlMs` milliseconds (the method's `cacheTtlInSeconds` × 1000).
   *
   * @param key - the cache key
   * @param response - the response to keep
   * @param ttlMs - time to live in milliseconds
   * @param now - the gateway clock's epoch milliseconds
   */
  set(key: string, response: CachedResponse, ttlMs: number, now: number): unknown
  /**
   * Drops every entry whose key starts with `prefix` (FlushStageCache).
   *
   * @param prefix - a stage's key prefix
   */
  flush(prefix: string): unknown
}
