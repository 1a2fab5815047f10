/**
 * Request headers in the three views the pipeline needs: AWS's single-value and multi-value
 * maps (client casing kept) and a case-insensitive lookup.
 */
import type { HeaderInput } from './types.js'

/** Request headers, normalised once per request. */
export interface RequestHeaders {
  /** Last value per header name, client casing (payload 1.0 `headers`). */
  readonly single: Record<string, string>
  /** All values per header name, client casing (payload 1.0 `multiValueHeaders`). */
  readonly multi: Record<string, string[]>
  /** Total bytes of names and values, for the 10 KB limit. */
  readonly size: number
  /** Case-insensitive lookup of the last value. */
  get(name: string): string | undefined
  /** Case-insensitive lookup of all values. */
  getAll(name: string): string[] | undefined
  /** Whether any header was sent. */
  readonly isEmpty: boolean
}

/**
 * Normalises host headers. A header sent in two casings is kept under the first casing seen.
 *
 * @param input - headers as the host gives them
 * @returns the normalised views
 */
export function normalizeHeaders(input: HeaderInput | undefined): RequestHeaders {
  const single: Record<string, string> = {}
  const multi: Record<string, string[]> = {}
  const byLower = new Map<string, string>()
  let size = 0
  let any = false
  if (input) {
    for (const rawName in input) {
      const value = input[rawName]
      if (value === undefined) continue
      const lower = rawName.toLowerCase()
      let name = byLower.get(lower)
      if (name === undefined) {
        name = rawName
        byLower.set(lower, name)
        multi[name] = []
      }
      const list = multi[name] as string[]
      if (typeof value === 'string') {
        list.push(value)
        size += rawName.length + value.length
      } else {
        for (const v of value) {
          const text = String(v)
          list.push(text)
          size += rawName.length + text.length
        }
      }
      const last = list[list.length - 1]
      if (last !== undefined) single[name] = last
      any = true
    }
  }
  return {
    single,
    multi,
    size,
    isEmpty: !any,
    get(name) {
      const key = byLower.get(name.toLowerCase())
      return key === undefined ? undefined : single[key]
    },
    getAll(name) {
      const key = byLower.get(name.toLowerCase())
      return key === undefined ? undefined : multi[key]
    },
  }
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
