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
 * A case-insensitive, ordered, multi-valued table of headers. A request or response carries a
 * handful, so the table is three parallel arrays scanned by lower-case name (a Map per message
 * costs more than the scans it saves); an index is built only past {@link SCAN_LIMIT} names.
 */
abstract class HeaderTable {
  /** The casing of each distinct name (the first one seen). */
  protected readonly names: string[] = []
  /** Each name in lower case. */
  protected readonly lowerNames: string[] = []
  /** The values of each name, in order. */
  protected readonly valueLists: string[][] = []
  #index: Map<string, number> | undefined

  protected find(lower: string): number {
    if (this.#index !== undefined) return this.#index.get(lower) ?? -1
    const names = this.lowerNames
    for (let i = 0; i < names.length; i++) if (names[i] === lower) return i
    return -1
  }

  protected push(name: string, lower: string, values: string[]): void {
    this.names.push(name)
    this.lowerNames.push(lower)
    this.valueLists.push(values)
    if (this.#index !== undefined) this.#index.set(lower, this.lowerNames.length - 1)
    else if (this.lowerNames.length > SCAN_LIMIT)
      this.#index = new Map(this.lowerNames.map((key, i) => [key, i]))
  }

  protected removeAt(at: number): void {
    this.names.splice(at, 1)
    this.lowerNames.splice(at, 1)
    this.valueLists.splice(at, 1)
    if (this.#index !== undefined) this.#index = new Map(this.lowerNames.map((key, i) => [key, i]))
  }

  /** Whether the table is empty. */
  get isEmpty(): boolean {
    return this.names.length === 0
  }

  /**
   * The last value of a header.
   *
   * @param name - any casing
   * @returns the value, or undefined
   */
  get(name: string): string | undefined {
    const at = this.find(name.toLowerCase())
    if (at === -1) return undefined
    const values = this.valueLists[at] as string[]
    return values[values.length - 1]
  }

  /**
   * Every value of a header, in order.
   *
   * @param name - any casing
   * @returns the values (do not mutate), or undefined
   */
  getAll(name: string): readonly string[] | undefined {
    const at = this.find(name.toLowerCase())
    return at === -1 ? undefined : this.valueLists[at]
  }

  /** Whether `name` has a value. */
  has(name: string): boolean {
    return this.find(name.toLowerCase()) !== -1
  }

  /** Each header with its values, in the order first set. */
  *entries(): IterableIterator<HeaderEntry> {
    for (let i = 0; i < this.names.length; i++)
      yield { name: this.names[i] as string, values: this.valueLists[i] as string[] }
  }
}

/**
 * Request headers, read once per request into a case-insensitive table. The payload 1.0 views
 * (`headers`, `multiValueHeaders`, client casing kept) are built on demand as fresh objects, so
 * a handler that mutates its event cannot change what the gateway reads.
 */
export class RequestHeaders extends HeaderTable {
  /** Total bytes of names and values, for the 10 KB limit. */
  readonly size: number

  /**
   * @param input - headers as a record (a repeated header is an array), or Node's flat
   *   `rawHeaders` list `[name, value, name, value, ...]`
   */
  constructor(input: HeaderInput | readonly string[] | undefined) {
    super()
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

  #add(name: string, value: string): void {
    const lower = name.toLowerCase()
    const at = this.find(lower)
    if (at === -1) this.push(name, lower, [value])
    else (this.valueLists[at] as string[]).push(value)
  }

  /** A new object of the last value per header, client casing (payload 1.0 `headers`). */
  toSingle(): Record<string, string> {
    const out: Record<string, string> = {}
    const names = this.names
    for (let i = 0; i < names.length; i++) {
      const values = this.valueLists[i] as string[]
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
    const names = this.names
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string
      const values = (this.valueLists[i] as string[]).slice()
      if (name === '__proto__') setOwn(out, name, values)
      else out[name] = values
    }
    return out
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
export class ResponseHeaders extends HeaderTable {
  /**
   * Replaces every value of `name` (the header keeps its place, with this casing).
   *
   * @param name - the header
   * @param value - its value
   * @param lower - `name` in lower case, when the caller has it already
   */
  set(name: string, value: string, lower: string = name.toLowerCase()): void {
    const at = this.find(lower)
    if (at === -1) this.push(name, lower, [value])
    else {
      this.names[at] = name
      this.valueLists[at] = [value]
    }
  }

  /**
   * Adds a value to `name`, keeping earlier ones.
   *
   * @param name - the header
   * @param value - its value
   * @param lower - `name` in lower case, when the caller has it already
   */
  append(name: string, value: string, lower: string = name.toLowerCase()): void {
    const at = this.find(lower)
    if (at === -1) this.push(name, lower, [value])
    else (this.valueLists[at] as string[]).push(value)
  }

  /**
   * Sets `name` only when it has no value yet.
   *
   * @param name - the header
   * @param value - its value
   * @param lower - `name` in lower case, when the caller has it already
   */
  setDefault(name: string, value: string, lower: string = name.toLowerCase()): void {
    if (this.find(lower) === -1) this.push(name, lower, [value])
  }

  /** Removes every header whose name matches. */
  removeWhere(test: (name: string) => boolean): void {
    for (let i = this.names.length - 1; i >= 0; i--)
      if (test(this.names[i] as string)) this.removeAt(i)
  }

  /** Both response views: last value per name, and every value per name. */
  toMaps(): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
    const headers: Record<string, string> = {}
    const multiValueHeaders: Record<string, string[]> = {}
    const names = this.names
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string
      const values = this.valueLists[i] as string[]
      if (name === '__proto__') {
        setOwn(headers, name, values[values.length - 1] as string)
        setOwn(multiValueHeaders, name, values)
      } else {
        headers[name] = values[values.length - 1] as string
        multiValueHeaders[name] = values
      }
    }
    return { headers, multiValueHeaders }
  }
}
