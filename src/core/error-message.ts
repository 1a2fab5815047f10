/**
 * The message of anything thrown: an `Error`'s (or error-like object's) `message`, a thrown
 * string as it is, anything else as JSON (never `[object Object]`).
 *
 * @param error - anything caught
 * @returns text for a log line or a `ConfigError`
 */
export function errorMessage(error: unknown): string {
  if (typeof error === 'string') return error
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message
    if (typeof message === 'string') return message
    try {
      const json = JSON.stringify(error) as string | undefined // undefined for a toJSON() giving undefined
      return json ?? Object.prototype.toString.call(error)
    } catch {
      return Object.prototype.toString.call(error)
    }
  }
  return String(error)
}
