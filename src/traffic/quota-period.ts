/**
 * Usage-plan quota periods, aligned in UTC: a DAY starts at midnight, a WEEK on Sunday at
 * midnight, a MONTH on the 1st at midnight. The week start is AWS's API model text for
 * `QuotaSettings.offset` ("with a time period of WEEK, an offset of 0 starts on Sunday"), as the
 * CloudFormation and SDK references still print it.
 */

/** A quota period. */
export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH'

const DAY_MS = 86_400_000

/**
 * The start of the period that contains a time.
 *
 * @example
 * ```ts
 * periodStart('MONTH', Date.UTC(2026, 10, 21, 6)) === Date.UTC(2026, 10, 1) // true
 * ```
 *
 * @param period - DAY, WEEK or MONTH
 * @param now - epoch milliseconds
 * @returns epoch milliseconds of the period's start
 */
export function periodStart(period: QuotaPeriod, now: number): number {
  const day = Math.floor(now / DAY_MS) * DAY_MS
  if (period === 'DAY') return day
  if (period === 'WEEK') {
    return day - new Date(day).getUTCDay() * DAY_MS // Sunday = 0
  }
  const d = new Date(day)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
}

/**
 * The UTC day (`YYYY-MM-DD`) of a time, as `get-usage` reports days.
 *
 * @param now - epoch milliseconds
 * @returns the date
 */
export function utcDay(now: number): string {
  return new Date(Math.floor(now / DAY_MS) * DAY_MS).toISOString().slice(0, 10)
}
