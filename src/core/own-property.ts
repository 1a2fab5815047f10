/**
 * Plain objects keyed by what a client sent (query names, header names, JSON keys). A key named
 * `__proto__` must become an own property, as `JSON.parse` makes it, not replace the prototype.
 */

/**
 * Sets an own enumerable property, `__proto__` included.
 *
 * @example
 * ```ts
 * const query: Record<string, string> = {}
 * setOwn(query, '__proto__', '1') // Object.keys(query) → ['__proto__']
 * ```
 *
 * @param target - the object
 * @param key - any key
 * @param value - its value
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    })
  else target[key] = value
}

/**
 * Reads an own property only (`__proto__` and `constructor` are not found on a fresh object).
 *
 * @param target - the object
 * @param key - any key
 * @returns the value, or undefined
 */
export function getOwn<T>(target: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(target, key) ? target[key] : undefined
}
