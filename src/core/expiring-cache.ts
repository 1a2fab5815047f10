/**
 * A bounded map whose entries expire: authorizer results by identity, verified tokens. Reads
 * take the current time (the injected clock), so tests control expiry; when full, the least
 * recently used entry goes first.
 *
 * Bounding and recency are lru-cache's. Expiry is checked here, against the `now` each call
 * passes, rather than with lru-cache's `ttl`: its TTL treats an entry stored at clock time 0 as
 * never expiring (a fake clock starts there), reads its clock through a debounce timer unless
 * `ttlResolution` is 0, and counts an entry as live at its exact expiry time, where this cache
 * (and API Gateway's TTL) has it expired.
 */
import { LRUCache } from 'lru-cache'

interface Entry<V> {
  readonly value: V
  readonly until: number
}

/**
 * @example
 * ```ts
 * const results = new ExpiringCache<Policy>(10_000)
 * results.set('token', policy, now + 300_000)
 * results.get('token', now) // policy, until it expires
 * ```
 */
export class ExpiringCache<V> {
  readonly #entries: LRUCache<string, Entry<V>>

  /** @param limit - most entries kept */
  constructor(limit: number) {
    // Bounded by count through maxSize (each entry sizes 1), not `max`: `max` preallocates its
    // arrays (about 160 KB for 10,000), one set per authorizer; maxSize grows them as entries come.
    this.#entries = new LRUCache({ maxSize: limit, sizeCalculation: () => 1 })
  }

  /**
   * @param key - the key
   * @param now - epoch ms
   * @returns the value, or undefined when absent or expired (an expired entry is dropped)
   */
  get(key: string, now: number): V | undefined {
    const hit = this.#entries.get(key)
    if (hit === undefined) return undefined
    if (hit.until > now) return hit.value
    this.#entries.delete(key)
    return undefined
  }

  /**
   * @param key - the key
   * @param value - the value
   * @param until - epoch ms at which it expires
   * @returns `value`
   */
  set(key: string, value: V, until: number): V {
    this.#entries.set(key, { value, until })
    return value
  }
}
