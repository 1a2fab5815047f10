/**
 * The stage cache: method responses by key, each with its own TTL, bounded by the cache
 * cluster's capacity in bytes with least-recently-used eviction.
 *
 * Recency and the byte bound are lru-cache's (`maxSize`, each entry sized by {@link sizeOf});
 * each entry's TTL is checked here against the `now` the stage passes (lru-cache's own TTL
 * treats an entry stored at clock time 0 as immortal and reads its clock itself).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 */
import { LRUCache } from 'lru-cache'
import type { CacheStore } from './cache-store.js'

/**
 * A cached method response, as a {@link CacheStore} keeps it (plain data: a shared store may
 * serialise it as JSON).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 */
export interface CachedResponse {
  /** HTTP status code, e.g. 200. */
  readonly statusCode: number
  /** Headers in order, repeated names allowed. */
  readonly headers: ReadonlyArray<readonly [string, string]>
  /** The body: text, or base64 when `isBase64Encoded`. */
  readonly body: string
  /** Whether `body` is base64 of binary bytes. */
  readonly isBase64Encoded: boolean
}

interface Entry {
  readonly response: CachedResponse
  readonly expiresAt: number
}

/** Largest response API Gateway caches (1 MB). */
export const MAX_CACHED_RESPONSE_BYTES = 1_048_576

/**
 * Heap bytes an entry costs besides its strings: its slots in lru-cache (key map, key, value,
 * links and size lists, which grow in steps), the entry and response objects and the empty
 * header list. Measured with `node --expose-gc` (heapUsed before and after 50,000 entries, Node
 * 20): about 200 bytes (about 170 when entries were in a Map). The per-header and per-string
 * figures below are rounded up, so a full cache measures 0.82–0.92× its capacity
 * (test/security/cache-memory-accounting.test.ts).
 */
export const ENTRY_OVERHEAD_BYTES = 200

/** Heap bytes a header costs besides its name and value: the `[name, value]` pair and its slot (about 88 measured). */
export const HEADER_OVERHEAD_BYTES = 96

/** Heap bytes a string costs besides its characters (V8's string header, rounded up). */
const STRING_OVERHEAD_BYTES = 20

/** A character outside Latin-1: V8 then stores the whole string with two bytes per character. */
const TWO_BYTE = /[\u0100-\uffff]/

function stringBytes(text: string): number {
  return STRING_OVERHEAD_BYTES + (TWO_BYTE.test(text) ? 2 : 1) * text.length
}

/**
 * What an entry costs in heap bytes: a per-entry overhead, each string at one or two bytes per
 * character plus its header, and a per-header overhead. Within a few percent of measured heap
 * growth (test/security/cache-memory-accounting.test.ts), so the capacity bounds real memory.
 */
function sizeOf(key: string, response: CachedResponse): number {
  let bytes = ENTRY_OVERHEAD_BYTES + stringBytes(key) + stringBytes(response.body)
  for (const [name, value] of response.headers)
    bytes += HEADER_OVERHEAD_BYTES + stringBytes(name) + stringBytes(value)
  return bytes
}

/**
 * A copy of a string that holds only its own characters. A string cut from a larger one (a
 * query value sliced from the URL, `substring` in a template) may keep the whole parent alive,
 * which the entry's size would not count; a JSON round trip makes a fresh flat string.
 */
function detach(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string)
}

function detachResponse(response: CachedResponse): CachedResponse {
  return {
    statusCode: response.statusCode,
    headers: response.headers.map(([name, value]) => [detach(name), detach(value)] as const),
    body: detach(response.body),
    isBase64Encoded: response.isBase64Encoded,
  }
}

/** An LRU cache of responses bounded in bytes, in this process. */
export class ResponseCache implements CacheStore {
  readonly #entries: LRUCache<string, Entry>
  readonly #capacity: number
  hits = 0
  misses = 0

  /** @param capacityBytes - the bound on the heap the entries take (see {@link sizeOf}) */
  constructor(capacityBytes: number) {
    this.#capacity = Math.max(1, Math.floor(capacityBytes))
    this.#entries = new LRUCache({ maxSize: this.#capacity })
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.#entries.calculatedSize
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
    if (entry.expiresAt <= now) {
      this.#entries.delete(key)
      return undefined
    }
    return entry.response
  }

  /**
   * Stores a response for `ttlMs`, evicting the least recently used entries to stay in bounds.
   * A response bigger than 1 MB (or than the whole cache) is not stored. Sizes count heap bytes
   * (entry and header overheads, one or two bytes per character), not only characters.
   *
   * @returns whether it was stored
   */
  set(key: string, response: CachedResponse, ttlMs: number, now: number): boolean {
    const size = sizeOf(key, response)
    if (ttlMs <= 0 || size > MAX_CACHED_RESPONSE_BYTES || size > this.#capacity) return false
    // Dropped first, so the bytes it held count as free when making room.
    this.#entries.delete(key)
    this.#entries.set(
      detach(key),
      { response: detachResponse(response), expiresAt: now + ttlMs },
      { size },
    )
    return true
  }

  /** Drops one entry. */
  delete(key: string): void {
    this.#entries.delete(key)
  }

  /** Drops every entry, or those whose key starts with `prefix` (FlushStageCache). */
  flush(prefix = ''): void {
    if (prefix === '') {
      this.#entries.clear()
      return
    }
    for (const key of [...this.#entries.keys()])
      if (key.startsWith(prefix)) this.#entries.delete(key)
  }
}
