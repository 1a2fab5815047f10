/**
 * Identifiers AWS puts on every request, drawn from the injected `random()`.
 */

const HEX = '0123456789abcdef'
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const HEX_CODES: readonly number[] = Array.from(HEX, (c) => c.charCodeAt(0))
const B64_CODES: readonly number[] = Array.from(B64, (c) => c.charCodeAt(0))
const DASH = 45
const EQUALS = 61

/*
 * Ids are built as character codes in a scratch array and turned into a string at once. The
 * result is a flat string: one built by concatenation is a rope, which every consumer (Node's
 * header validation, a Map key) has to flatten again, at about the cost of building it.
 */
const uuidCodes: number[] = new Array<number>(36).fill(DASH)
/** Where each of a UUID's 16 bytes goes, as two digits (dashes at 8, 13, 18 and 23). */
const UUID_BYTES: readonly number[] = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34]
/** The two hex digits of each byte value, as character codes. */
const HIGH_DIGIT: readonly number[] = Array.from(
  { length: 256 },
  (_, i) => HEX_CODES[i >> 4] as number,
)
const LOW_DIGIT: readonly number[] = Array.from(
  { length: 256 },
  (_, i) => HEX_CODES[i & 15] as number,
)
const extendedCodes: number[] = new Array<number>(16).fill(EQUALS)

/** Writes `count` hex digits into `codes` from `at`, drawing one random() per 8 digits. */
function fillHex(codes: number[], at: number, count: number, random: () => number): void {
  for (let i = 0; i < count; i += 8) {
    let word = (random() * 0x100000000) >>> 0
    const stop = Math.min(count, i + 8)
    for (let j = i; j < stop; j++, word >>>= 4) codes[at + j] = HEX_CODES[word & 15] as number
  }
}

/**
 * A version 4 UUID, like `$context.requestId`.
 *
 * @param random - the injected random source
 * @returns e.g. `c6af9ac6-7b61-4a1b-8e2d-0f5b0c8d1e2f`
 */
export function createRequestId(random: () => number): string {
  const codes = uuidCodes
  for (let i = 0; i < 16; i += 4) {
    let word = (random() * 0x100000000) >>> 0
    for (let j = i; j < i + 4; j++, word >>>= 8) {
      const at = UUID_BYTES[j] as number
      codes[at] = HIGH_DIGIT[word & 255] as number
      codes[at + 1] = LOW_DIGIT[word & 255] as number
      // Version 4 at 14; the variant (10xx) at 19, from the bits of the digit it replaces.
      if (at === 14) codes[14] = 52
      else if (at === 19) codes[19] = HEX_CODES[8 + ((word >>> 4) & 3)] as number
    }
  }
  return String.fromCharCode.apply(null, codes)
}

/**
 * An extended request id (`x-amz-apigw-id`), 16 characters of base64 like `Bd3MLGM7IAMFXnQ=`.
 *
 * @param random - the injected random source
 * @returns the id
 */
export function createExtendedRequestId(random: () => number): string {
  const codes = extendedCodes
  for (let i = 0; i < 15; i += 5) {
    // One random() gives five 6-bit characters (30 bits).
    let word = Math.floor(random() * 0x40000000)
    for (let j = i; j < i + 5; j++, word >>>= 6) codes[j] = B64_CODES[word & 63] as number
  }
  return String.fromCharCode.apply(null, codes)
}

/** The current second, and per suffix a code array of `Root=1-{second}-` + 24 digits + suffix. */
let traceSecond = -1
const traceCodes = new Map<string, number[]>()
/** The codes used last, and their suffix (one suffix per caller, so usually a hit). */
let lastTraceSuffix = ''
let lastTraceCodes: number[] | undefined
const TRACE_PREFIX_LENGTH = 16

/**
 * An X-Ray trace header value, `Root=1-{epoch seconds hex}-{24 hex}`, with `suffix` appended.
 *
 * @param nowMs - epoch milliseconds
 * @param random - the injected random source
 * @param suffix - text after the id, e.g. `;Sampled=0`
 * @returns the header value
 */
export function createTraceId(nowMs: number, random: () => number, suffix = ''): string {
  const second = Math.floor(nowMs / 1000)
  if (second !== traceSecond) {
    traceSecond = second
    traceCodes.clear()
    lastTraceCodes = undefined
  }
  let codes = suffix === lastTraceSuffix ? lastTraceCodes : traceCodes.get(suffix)
  if (!codes) {
    const text = `Root=1-${second.toString(16).padStart(8, '0')}-${'0'.repeat(24)}${suffix}`
    codes = Array.from(text, (c) => c.charCodeAt(0))
    traceCodes.set(suffix, codes)
  }
  lastTraceSuffix = suffix
  lastTraceCodes = codes
  fillHex(codes, TRACE_PREFIX_LENGTH, 24, random)
  return String.fromCharCode.apply(null, codes)
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
