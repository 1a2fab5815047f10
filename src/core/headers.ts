/**
 * Request headers in the three views the pipeline needs: AWS's single-value and multi-value
 * maps (client casing kept) and a case-insensitive lookup.
 */
import { setOwn } from './own-property.js'
import type { HeaderInput } from './types.js'

interface HeaderEntry {
  /** The first casing the client sent. */
  readonly name: string
  readonly values: string[]
}

/** Beyond this many distinct names, lookups go through a Map instead of a scan. */
const SCAN_LIMIT = 24

/**
 * Request headers, read once per request into a case-insensitive table. The payload 1.0 views
 * (`headers`, `multiValueHeaders`, client casing kept) are built on demand as fresh objects, so
 * a handler that mutates its event cannot change what the gateway reads.
 *
 * A request carries a handful of headers, so the table is three parallel arrays scanned by
 * lower-case name (a Map per request costs more than the scans it saves); an index is built
 * only for requests with many distinct names.
 */
export class RequestHeaders {
  /** The first casing of each distinct name. */
  readonly #names: string[] = []
  /** Each name in lower case. */
  readonly #lower: string[] = []
  /** The values of each name, in order. */
  readonly #values: string[][] = []
  #index: Map<string, number> | undefined
  /** Total bytes of names and values, for the 10 KB limit. */
  readonly size: number

  /**
   * @param input - headers as a record (a repeated header is an array), or Node's flat
   *   `rawHeaders` list `[name, value, name, value, ...]`
   */
  constructor(input: HeaderInput | readonly string[] | undefined) {
    let size = 0
    if (Array.isArray(input)) {
      const raw = input as readonly string[]
      for (let i = 0; i + 1 < raw.length; i += 2) {
        const name = raw[i] as string
        const value = raw[i + 1] as string
        this.#add(name, value)
        size += name.length + value.length
      }
    } else if (input) {
      const record = input as HeaderInput
      for (const name in record) {
        const value = record[name]
        if (value === undefined) continue
        if (typeof value === 'string' || !Array.isArray(value)) {
          // Hosts sometimes pass numbers (`Content-Length: 14`): headers are text.
          const text = typeof value === 'string' ? value : String(value)
          this.#add(name, text)
          size += name.length + text.length
        } else {
          for (const item of value) {
            const text = String(item)
            this.#add(name, text)
            size += name.length + text.length
          }
        }
      }
    }
    this.size = size
  }

  #find(lower: string): number {
    if (this.#index !== undefined) return this.#index.get(lower) ?? -1
    const names = this.#lower
    for (let i = 0; i < names.length; i++) if (names[i] === lower) return i
    return -1
  }

  #add(name: string, value: string): void {
    const lower = name.toLowerCase()
    const at = this.#find(lower)
    if (at !== -1) {
      ;(this.#values[at] as string[]).push(value)
      return
    }
    this.#names.push(name)
    this.#lower.push(lower)
    this.#values.push([value])
    if (this.#index !== undefined) this.#index.set(lower, this.#lower.length - 1)
    else if (this.#lower.length > SCAN_LIMIT)
      this.#index = new Map(this.#lower.map((key, i) => [key, i]))
  }

  /** Whether no header was sent. */
  get isEmpty(): boolean {
    return this.#names.length === 0
  }

  /**
   * The last value of a header.
   *
   * @param name - any casing
   * @returns the value, or undefined
   */
  get(name: string): string | undefined {
    const at = this.#find(name.toLowerCase())
    if (at === -1) return undefined
    const values = this.#values[at] as string[]
    return values[values.length - 1]
  }

  /**
   * Every value of a header, in order.
   *
   * @param name - any casing
   * @returns the values (do not mutate), or undefined
   */
  getAll(name: string): readonly string[] | undefined {
    const at = this.#find(name.toLowerCase())
    return at === -1 ? undefined : this.#values[at]
  }

  /** A new object of the last value per header, client casing (payload 1.0 `headers`). */
  toSingle(): Record<string, string> {
    const out: Record<string, string> = {}
    const names = this.#names
    for (let i = 0; i < names.length; i++) {
      const values = this.#values[i] as string[]
      const name = names[i] as string
      const value = values[values.length - 1] as string
      if (name === '__proto__') setOwn(out, name, value)
      else out[name] = value
    }
    return out
  }

  /** A new object of every value per header, client casing (`multiValueHeaders`). */
  toMulti(): Record<string, string[]> {
    const out: Record<string, string[]> = {}
    const names = this.#names
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string
      const values = (this.#values[i] as string[]).slice()
      if (name === '__proto__') setOwn(out, name, values)
      else out[name] = values
    }
    return out
  }

  /** Each header with its values, in the order first sent. */
  *entries(): IterableIterator<HeaderEntry> {
    for (let i = 0; i < this.#names.length; i++)
      yield { name: this.#names[i] as string, values: this.#values[i] as string[] }
  }
}

/**
 * Normalises host headers. A header sent in two casings is kept under the first casing seen.
 *
 * @param input - headers as the host gives them, or a Node `rawHeaders` list
 * @returns the normalised headers
 */
export function normalizeHeaders(
  input: HeaderInput | readonly string[] | undefined,
): RequestHeaders {
  return new RequestHeaders(input)
}

/**
 * Response headers being assembled: ordered, case-insensitive, multi-valued.
 */
export class ResponseHeaders {
  readonly #values = new Map<string, { name: string; values: string[] }>()

  /** Replaces every value of `name`. */
  set(name: string, value: string): void {
    this.#values.set(name.toLowerCase(), { name, values: [value] })
  }

  /** Adds a value to `name`, keeping earlier ones. */
  append(name: string, value: string): void {
    const entry = this.#values.get(name.toLowerCase())
    if (entry) entry.values.push(value)
    else this.#values.set(name.toLowerCase(), { name, values: [value] })
  }

  /** Sets `name` only when it has no value yet. */
  setDefault(name: string, value: string): void {
    if (!this.#values.has(name.toLowerCase())) this.set(name, value)
  }

  /** Removes every header whose name matches. */
  removeWhere(test: (name: string) => boolean): void {
    for (const [key, entry] of this.#values) if (test(entry.name)) this.#values.delete(key)
  }

  /** The last value of `name`, if any. */
  get(name: string): string | undefined {
    const values = this.#values.get(name.toLowerCase())?.values
    return values?.[values.length - 1]
  }

  /** Whether `name` has a value. */
  has(name: string): boolean {
    return this.#values.has(name.toLowerCase())
  }

  /** Both response views: last value per name, and every value per name. */
  toMaps(): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
    const headers: Record<string, string> = {}
    const multiValueHeaders: Record<string, string[]> = {}
    for (const { name, values } of this.#values.values()) {
      headers[name] = values[values.length - 1] as string
      multiValueHeaders[name] = values
    }
    return { headers, multiValueHeaders }
  }
}
