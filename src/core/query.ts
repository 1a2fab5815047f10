/**
 * Query strings as API Gateway reads them: values decoded (`+` is a space), last value wins in
 * the single-value view.
 */
import { getOwn, setOwn } from './own-property.js'

/** A parsed query string. */
export interface QueryParameters {
  /** Last value per name, or null when the request has no query string. */
  readonly single: Record<string, string> | null
  /** All values per name, or null when the request has no query string. */
  readonly multi: Record<string, string[]> | null
}

const NO_QUERY: QueryParameters = { single: null, multi: null }

/**
 * Decodes one query component as a form would (`+` → space); invalid percent-encoding is kept
 * as sent rather than failing.
 *
 * @param text - a raw component
 * @returns the decoded text
 */
export function decodeQueryComponent(text: string): string {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text
  if (!spaced.includes('%')) return spaced
  try {
    return decodeURIComponent(spaced)
  } catch {
    return spaced
  }
}

function asIs(text: string): string {
  return text
}

/**
 * Parses a raw query string (without the `?`).
 *
 * @param raw - e.g. `type=dog&page=2`
 * @returns the single and multi-value views
 */
export function parseQueryString(raw: string): QueryParameters {
  if (raw === '') return NO_QUERY
  let single: Record<string, string> | undefined
  let multi: Record<string, string[]> | undefined
  // Most query strings have nothing to decode: then no component is scanned twice.
  const decode = raw.includes('%') || raw.includes('+') ? decodeQueryComponent : asIs
  let start = 0
  while (start <= raw.length) {
    let end = raw.indexOf('&', start)
    if (end === -1) end = raw.length
    if (end > start) {
      const eq = raw.indexOf('=', start)
      const cut = eq === -1 || eq > end ? end : eq
      const name = decode(raw.slice(start, cut))
      if (name !== '') {
        const value = cut === end ? '' : decode(raw.slice(cut + 1, end))
        if (single === undefined || multi === undefined) {
          single = {}
          multi = {}
        }
        setOwn(single, name, value)
        const list = getOwn(multi, name)
        if (list) list.push(value)
        else setOwn(multi, name, [value])
      }
    }
    start = end + 1
  }
  return single && multi ? { single, multi } : NO_QUERY
}
