/**
 * Text of a value read from a definition, a template or a handler's answer: strings as they are,
 * numbers and booleans as `String()` prints them, objects as JSON (never `[object Object]`, so an
 * unresolved `{"Ref": ...}` stays readable in an error message).
 *
 * @param value - any value
 * @returns its text
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return JSON.stringify(value)
  return String(value)
}
