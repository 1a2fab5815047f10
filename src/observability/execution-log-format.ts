/**
 * How the execution log writes values: maps as `{a=1, b=2}`, values past 1,000 characters cut
 * with ` [TRUNCATED]`, credentials starred, and AWS's timestamp form.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */

/** A header or parameter map as the log prints it. */
export type LogMap = Readonly<Record<string, string | readonly string[] | undefined>>

/** AWS truncates logged values over this many characters, adding ` [TRUNCATED]`. */
export const LOG_VALUE_LIMIT = 1000

/** The text, cut at {@link LOG_VALUE_LIMIT} characters with ` [TRUNCATED]` as AWS does. */
export function truncate(text: string): string {
  return text.length > LOG_VALUE_LIMIT ? `${text.slice(0, LOG_VALUE_LIMIT)} [TRUNCATED]` : text
}

/**
 * A map as Java's `Map.toString()` prints it, which is what AWS's log shows:
 * `{Accept=application/json, Host=example.com}`; multiple values are joined with commas.
 *
 * @param map - names to values
 * @returns the text, truncated past {@link LOG_VALUE_LIMIT} characters
 */
export function formatLogMap(map: LogMap | null | undefined): string {
  if (!map) return '{}'
  const parts: string[] = []
  for (const name of Object.keys(map)) {
    const value = map[name]
    if (value === undefined) continue
    parts.push(`${name}=${typeof value === 'string' ? value : value.join(',')}`)
  }
  return truncate(`{${parts.join(', ')}}`)
}

/** Headers whose values AWS redacts in execution logs (credentials). */
const REDACTED_HEADERS = new Set(['authorization', 'x-api-key'])

/**
 * AWS's redaction of a credential in the execution log: every character but the last 6 becomes
 * `*` (`Authorization=****…aa6a3b` in a public 2019 test-invoke log of a Lambda integration);
 * "API Gateway redacts authorization header values, API key values" (AWS Solutions docs, secure
 * logging in API Gateway).
 *
 * @param value - the header value
 * @returns the value with all but its last 6 characters starred (all of it when 6 or fewer)
 */
export function redactLogValue(value: string): string {
  const kept = value.length > 6 ? value.slice(-6) : ''
  return '*'.repeat(value.length - kept.length) + kept
}

/** The map with its credential headers' values starred ({@link redactLogValue}). */
export function redactHeaders(map: LogMap | null | undefined): LogMap | null | undefined {
  if (!map || !Object.keys(map).some((name) => REDACTED_HEADERS.has(name.toLowerCase()))) return map
  const out: Record<string, string | readonly string[] | undefined> = {}
  for (const name of Object.keys(map)) {
    const value = map[name]
    out[name] =
      value === undefined || !REDACTED_HEADERS.has(name.toLowerCase())
        ? value
        : typeof value === 'string'
          ? redactLogValue(value)
          : value.map(redactLogValue)
  }
  return out
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n))

/**
 * The timestamp of a test-invoke log line, as Java's `Date.toString()` in UTC prints it:
 * `Tue Jun 11 03:30:06 UTC 2024`.
 *
 * @param epochMs - epoch milliseconds
 * @returns the timestamp
 */
export function formatLogTime(epochMs: number): string {
  const d = new Date(epochMs)
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`
}
