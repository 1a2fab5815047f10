/**
 * JSON text from a client, parsed with a nesting limit. V8's `JSON.parse` spends about a
 * microsecond per nesting level, so a 10 MB body of `[[[[…` would hold the event loop for
 * seconds; a linear pre-scan refuses it first. Every place that parses client-influenced JSON
 * (request bodies, rendered templates, backend replies a template or mapping reads) goes
 * through {@link parseClientJson}.
 */

/**
 * How deep client JSON may nest (objects and arrays, each counts one level), like the JSON
 * parsers behind AWS (Jackson's default nesting limit is 1000).
 */
export const MAX_JSON_DEPTH: number = 1000

/**
 * Whether JSON text nests deeper than `max`: one linear pass over the characters, skipping
 * strings (and escapes in them). Short texts are not scanned at all: nesting deeper than `max`
 * takes at least `2 × (max + 1)` characters of valid JSON.
 *
 * For invalid JSON the answer is exact up to the first syntax error, which is as far as
 * `JSON.parse` reads, so a text that passes never costs the parser more than `max` levels.
 *
 * @param text - JSON text
 * @param max - deepest nesting allowed
 * @returns true when some point of the text is nested deeper than `max`
 */
export function jsonNestingExceeds(text: string, max: number = MAX_JSON_DEPTH): boolean {
  if (text.length <= max * 2) return false
  // One character at a time: jumping between quotes with indexOf looks faster but goes
  // quadratic on texts with many strings and no backslash (or the reverse).
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 92)
        i++ // backslash: skip the escaped character
      else if (code === 34) inString = false
    } else if (code === 34) inString = true
    else if (code === 123 || code === 91) {
      if (++depth > max) return true
    } else if (code === 125 || code === 93) depth--
  }
  return false
}

/** The message of the `SyntaxError` {@link parseClientJson} throws for too deep a text. */
export const JSON_NESTING_MESSAGE: string = `JSON nesting exceeds ${MAX_JSON_DEPTH} levels`

/**
 * `JSON.parse` for client-influenced text: a text nested deeper than {@link MAX_JSON_DEPTH}
 * throws a `SyntaxError` (message {@link JSON_NESTING_MESSAGE}) before any parsing, so callers
 * treat it exactly as they treat invalid JSON.
 *
 * @param text - JSON text
 * @returns the parsed value
 * @throws SyntaxError for invalid or too deeply nested JSON
 */
export function parseClientJson(text: string): unknown {
  if (jsonNestingExceeds(text)) throw new SyntaxError(JSON_NESTING_MESSAGE)
  return JSON.parse(text) as unknown
}
