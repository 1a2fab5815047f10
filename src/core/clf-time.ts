/**
 * `$context.requestTime`: the Common Log Format time every API kind prints.
 */
const CLF_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]

/** The CLF time of the current second, formatted once per second. */
let lastClfSecond = -1
let lastClfText = ''

/**
 * A time as `$context.requestTime` prints it: `21/Nov/2026:06:19:00 +0000`.
 *
 * @param epochMs - epoch milliseconds
 * @returns the CLF time
 */
export function formatClfTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000)
  if (second === lastClfSecond) return lastClfText
  const d = new Date(epochMs)
  const two = (n: number): string => String(n).padStart(2, '0')
  lastClfText = `${two(d.getUTCDate())}/${CLF_MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  lastClfSecond = second
  return lastClfText
}
