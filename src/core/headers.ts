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
 * handful, so the table is one flat array of `name, lower-case name, value(s)` triples scanned
 * by lower-case name (a Map per message costs more than the scans it saves); an index is built
 * only past {@link SCAN_LIMIT} names. A header sent once holds its value as a string, a repeated
 * one a list.
 */
abstract class HeaderTable {
  readonly #cells: Array<string | string[]> = []
  #index: Map<string, number> | undefined

  /** How many distinct names. */
  protected get count(): number {
    return this.#cells.length / 3
  }

  /** The casing of the `i`th name (the first one seen). */
  protected nameAt(i: number): string {
    return this.#cells[i * 3] as string
  }

  /** The last value of the `i`th name. */
  protected lastAt(i: number): string {
    const values = this.#cells[i * 3 + 2] as string | string[]
    return typeof values === 'string' ? values : (values[values.length - 1] as string)
  }

  /** Every value of the `i`th name, as a new list. */
  protected valuesAt(i: number): string[] {
    const values = this.#cells[i * 3 + 2] as string | string[]
    return typeof values === 'string' ? [values] : values.slice()
  }

  protected find(lower: string): number {
    if (this.#index !== undefined) return this.#index.get(lower) ?? -1
    const cells = this.#cells
    for (let at = 1; at < cells.length; at += 3) if (cells[at] === lower) return (at - 1) / 3
    return -1
  }

  /** Adds a value under `name`: a new entry, or one more value for an existing one. */
  protected add(name: string, lower: string, value: string): void {
    const i = this.find(lower)
    if (i === -1) {
      this.#cells.push(name, lower, value)
      if (this.#index !== undefined) this.#index.set(lower, this.count - 1)
      else if (this.#cells.length > SCAN_LIMIT * 3) this.#reindex()
      return
    }
    const values = this.#cells[i * 3 + 2] as string | string[]
    if (typeof values === 'string') this.#cells[i * 3 + 2] = [values, value]
    else values.push(value)
  }

  /** Replaces the `i`th entry's casing and values. */
  protected replaceAt(i: number, name: string, value: string): void {
    this.#cells[i * 3] = name
    this.#cells[i * 3 + 2] = value
  }

  protected removeAt(i: number): void {
    this.#cells.splice(i * 3, 3)
    if (this.#index !== undefined) this.#reindex()
  }

  #reindex(): void {
    this.#index = new Map()
    for (let i = 0; i < this.count; i++) this.#index.set(this.#cells[i * 3 + 1] as string, i)
  }

  /** Whether the table is empty. */
  get isEmpty(): boolean {
    return this.#cells.length === 0
  }

  /**
   * The last value of a header.
   *
   * @param name - any casing
   * @returns the value, or undefined
   */
  get(name: string): string | undefined {
    const i = this.find(name.toLowerCase())
    return i === -1 ? undefined : this.lastAt(i)
  }

  /**
   * Every value of a header, in order.
   *
   * @param name - any casing
   * @returns the values (a new list), or undefined
   */
  getAll(name: string): string[] | undefined {
    const i = this.find(name.toLowerCase())
    return i === -1 ? undefined : this.valuesAt(i)
  }

  /** Whether `name` has a value. */
  has(name: string): boolean {
    return this.find(name.toLowerCase()) !== -1
  }

  /** Each header with its values (new lists), in the order first set. */
  *entries(): IterableIterator<HeaderEntry> {
    for (let i = 0; i < this.count; i++) yield { name: this.nameAt(i), values: this.valuesAt(i) }
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
    this.add(name, name.toLowerCase(), value)
  }

  /**
   * The method request's headers (REST): these headers without the ones API Gateway drops
   * (`Connection`, `Content-Length`, …), `Authorization` and `User-Agent` spelt that way. This
   * same table when there is nothing to change.
   *
   * @param dropped - lower-case names to leave out
   * @param canonical - lower-case name → the spelling API Gateway gives it
   * @returns the method request's headers
   */
  methodRequestView(
    dropped: ReadonlySet<string>,
    canonical: ReadonlyMap<string, string>,
  ): RequestHeaders {
    let changes = false
    for (let i = 0; i < this.count && !changes; i++) {
      const name = this.nameAt(i)
      const lower = name.toLowerCase()
      const spelt = canonical.get(lower)
      changes = dropped.has(lower) || (spelt !== undefined && spelt !== name)
    }
    if (!changes) return this
    const flat: string[] = []
    for (let i = 0; i < this.count; i++) {
      const name = this.nameAt(i)
      const lower = name.toLowerCase()
      if (dropped.has(lower)) continue
      const spelt = canonical.get(lower) ?? name
      for (const value of this.valuesAt(i)) flat.push(spelt, value)
    }
    return new RequestHeaders(flat)
  }

  /** A new object of the last value per header, client casing (payload 1.0 `headers`). */
  toSingle(): Record<string, string> {
    const out: Record<string, string> = {}
    for (let i = 0; i < this.count; i++) {
      const name = this.nameAt(i)
      if (name === '__proto__') setOwn(out, name, this.lastAt(i))
      else out[name] = this.lastAt(i)
    }
    return out
  }

  /** A new object of every value per header, client casing (`multiValueHeaders`). */
  toMulti(): Record<string, string[]> {
    const out: Record<string, string[]> = {}
    for (let i = 0; i < this.count; i++) {
      const name = this.nameAt(i)
      if (name === '__proto__') setOwn(out, name, this.valuesAt(i))
      else out[name] = this.valuesAt(i)
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
    const i = this.find(lower)
    if (i === -1) this.add(name, lower, value)
    else this.replaceAt(i, name, value)
  }

  /**
   * Adds a value to `name`, keeping earlier ones.
   *
   * @param name - the header
   * @param value - its value
   * @param lower - `name` in lower case, when the caller has it already
   */
  append(name: string, value: string, lower: string = name.toLowerCase()): void {
    this.add(name, lower, value)
  }

  /**
   * Sets `name` only when it has no value yet.
   *
   * @param name - the header
   * @param value - its value
   * @param lower - `name` in lower case, when the caller has it already
   */
  setDefault(name: string, value: string, lower: string = name.toLowerCase()): void {
    if (this.find(lower) === -1) this.add(name, lower, value)
  }

  /** Removes every header whose name matches. */
  removeWhere(test: (name: string) => boolean): void {
    for (let i = this.count - 1; i >= 0; i--) if (test(this.nameAt(i))) this.removeAt(i)
  }

  /** Both response views: last value per name, and every value per name. */
  toMaps(): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
    const headers: Record<string, string> = {}
    const multiValueHeaders: Record<string, string[]> = {}
    for (let i = 0; i < this.count; i++) {
      const name = this.nameAt(i)
      if (name === '__proto__') {
        setOwn(headers, name, this.lastAt(i))
        setOwn(multiValueHeaders, name, this.valuesAt(i))
      } else {
        headers[name] = this.lastAt(i)
        multiValueHeaders[name] = this.valuesAt(i)
      }
    }
    return { headers, multiValueHeaders }
  }
}
