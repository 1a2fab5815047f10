/**
 * The stage cache: method responses by key, each with its own TTL, bounded by the cache
 * cluster's capacity in bytes with least-recently-used eviction.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 */
import type { CacheStore } from './cache-store.js'

/** A cached method response. */
export interface CachedResponse {
  readonly statusCode: number
  /** Headers in order, repeated names allowed. */
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly body: string
  readonly isBase64Encoded: boolean
}

interface Entry {
  readonly response: CachedResponse
  readonly expiresAt: number
  readonly bytes: number
}

/** Largest response API Gateway caches (1 MB). */
export const MAX_CACHED_RESPONSE_BYTES = 1_048_576

function sizeOf(key: string, response: CachedResponse): number {
  let bytes = key.length + response.body.length
  for (const [name, value] of response.headers) bytes += name.length + value.length
  return bytes
}

/** An LRU cache of responses bounded in bytes, in this process. */
export class ResponseCache implements CacheStore {
  readonly #entries = new Map<string, Entry>()
  readonly #capacity: number
  #bytes = 0
  hits = 0
  misses = 0

  /** @param capacityBytes - the bound on keys, bodies and headers held */
  constructor(capacityBytes: number) {
    this.#capacity = capacityBytes
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.#bytes
  }

  /** Entries held now. */
  get size(): number {
    return this.#entries.size
  }

  /**
   * The live entry for a key, or undefined (an expired entry is dropped).
   *
   * @param key - the cache key
   * @param now - epoch milliseconds
   */
  get(key: string, now: number): CachedResponse | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    this.#entries.delete(key)
    if (entry.expiresAt <= now) {
      this.#bytes -= entry.bytes
      return undefined
    }
    this.#entries.set(key, entry)
    return entry.response
  }

  /**
   * Stores a response for `ttlMs`, evicting the least recently used entries to stay in bounds.
   * A response bigger than 1 MB (or than the whole cache) is not stored.
   *
   * @returns whether it was stored
   */
  set(key: string, response: CachedResponse, ttlMs: number, now: number): boolean {
    const bytes = sizeOf(key, response)
    if (ttlMs <= 0 || bytes > MAX_CACHED_RESPONSE_BYTES || bytes > this.#capacity) return false
    this.delete(key)
    while (this.#bytes + bytes > this.#capacity) {
      const oldest = this.#entries.keys().next().value as string
      this.delete(oldest)
    }
    this.#entries.set(key, { response, expiresAt: now + ttlMs, bytes })
    this.#bytes += bytes
    return true
  }

  /** Drops one entry. */
  delete(key: string): void {
    const entry = this.#entries.get(key)
    if (!entry) return
    this.#entries.delete(key)
    this.#bytes -= entry.bytes
  }

  /** Drops every entry, or those whose key starts with `prefix` (FlushStageCache). */
  flush(prefix = ''): void {
    if (prefix === '') {
      this.#entries.clear()
      this.#bytes = 0
      return
    }
    for (const key of [...this.#entries.keys()]) if (key.startsWith(prefix)) this.delete(key)
  }
}
