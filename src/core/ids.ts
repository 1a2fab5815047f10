/**
 * Identifiers AWS puts on every request, drawn from the injected `random()`.
 */

const HEX = '0123456789abcdef'
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Two hex digits for each byte value (Number#toString(16) is slow on doubles). */
const HEX_BYTES: readonly string[] = Array.from(
  { length: 256 },
  (_, i) => (HEX[i >> 4] as string) + (HEX[i & 15] as string),
)

/** `length` hex digits, drawing one random() per 8 digits. */
function hex(random: () => number, length: number): string {
  let out = ''
  while (out.length < length) {
    const word = (random() * 0x100000000) >>> 0
    out +=
      (HEX_BYTES[word >>> 24] as string) +
      (HEX_BYTES[(word >>> 16) & 255] as string) +
      (HEX_BYTES[(word >>> 8) & 255] as string) +
      (HEX_BYTES[word & 255] as string)
  }
  return out.length === length ? out : out.slice(0, length)
}

/**
 * A version 4 UUID, like `$context.requestId`.
 *
 * @param random - the injected random source
 * @returns e.g. `c6af9ac6-7b61-4a1b-8e2d-0f5b0c8d1e2f`
 */
export function createRequestId(random: () => number): string {
  const h = hex(random, 32)
  const variant = HEX[8 + (parseInt(h[16] as string, 16) & 3)] as string
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/**
 * An extended request id (`x-amz-apigw-id`), 16 characters of base64 like `Bd3MLGM7IAMFXnQ=`.
 *
 * @param random - the injected random source
 * @returns the id
 */
export function createExtendedRequestId(random: () => number): string {
  let out = ''
  for (let i = 0; i < 3; i++) {
    // One random() gives five 6-bit characters (30 bits).
    let word = Math.floor(random() * 0x40000000)
    for (let j = 0; j < 5; j++, word >>>= 6) out += B64[word & 63]
  }
  return `${out}=`
}

/** The trace-id prefix of the current second, formatted once per second. */
let traceSecond = -1
let tracePrefix = ''

/**
 * An X-Ray trace header value, `Root=1-{epoch seconds hex}-{24 hex}`.
 *
 * @param nowMs - epoch milliseconds
 * @param random - the injected random source
 * @returns the header value
 */
export function createTraceId(nowMs: number, random: () => number): string {
  const second = Math.floor(nowMs / 1000)
  if (second !== traceSecond) {
    traceSecond = second
    tracePrefix = `Root=1-${second.toString(16).padStart(8, '0')}-`
  }
  return tracePrefix + hex(random, 24)
}

/**
 * A short stable id derived from text (resource ids, API ids), lower-case base 36.
 *
 * @param text - what the id stands for
 * @param length - how many characters
 * @returns the id
 */
export function stableId(text: string, length: number): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0
  }
  return (h1.toString(36) + h2.toString(36)).padEnd(length, '0').slice(0, length)
}
