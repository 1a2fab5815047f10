/**
 * Query strings as API Gateway reads them: values decoded (`+` is a space), last value wins in
 * the single-value view.
 */

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

/**
 * Parses a raw query string (without the `?`).
 *
 * @param raw - e.g. `type=dog&page=2`
 * @returns the single and multi-value views
 */
export function parseQueryString(raw: string): QueryParameters {
  if (raw === '') return NO_QUERY
  const single: Record<string, string> = {}
  const multi: Record<string, string[]> = {}
  let any = false
  for (const part of raw.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const name = decodeQueryComponent(eq === -1 ? part : part.slice(0, eq))
    if (name === '') continue
    const value = eq === -1 ? '' : decodeQueryComponent(part.slice(eq + 1))
    single[name] = value
    const list = multi[name]
    if (list) list.push(value)
    else multi[name] = [value]
    any = true
  }
  return any ? { single, multi } : NO_QUERY
}
