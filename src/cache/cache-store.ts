/**
 * Where the stage cache keeps responses: in this process by default ({@link ResponseCache}), or
 * shared between processes (the Redis cache of `portico/redis`). A store may answer
 * synchronously or with a promise; a store that fails answers a miss.
 */
import type { CachedResponse } from './response-cache.js'

/** A response cache with per-entry TTLs. */
export interface CacheStore {
  /** The live entry for a key. */
  get(key: string, now: number): CachedResponse | undefined | Promise<CachedResponse | undefined>
  /** Stores an entry for `ttlMs`. */
  set(key: string, response: CachedResponse, ttlMs: number, now: number): unknown
  /** Drops every entry whose key starts with `prefix` (FlushStageCache). */
  flush(prefix: string): unknown
}
