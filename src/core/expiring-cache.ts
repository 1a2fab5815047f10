/**
 * A bounded map whose entries expire: authorizer results by identity, verified tokens. Reads
 * take the current time (the injected clock), so tests control expiry; when full, the oldest
 * entry goes first.
 */

/**
 * @example
 * ```ts
 * const results = new ExpiringCache<Policy>(10_000)
 * results.set('token', policy, now + 300_000)
 * results.get('token', now) // policy, until it expires
 * ```
 */
export class ExpiringCache<V> {
  readonly #entries = new Map<string, { value: V; until: number }>()
  readonly #limit: number

  /** @param limit - most entries kept */
  constructor(limit: number) {
    this.#limit = limit
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
    if (!this.#entries.has(key) && this.#entries.size >= this.#limit)
      this.#entries.delete(this.#entries.keys().next().value as string)
    this.#entries.set(key, { value, until })
    return value
  }
}
