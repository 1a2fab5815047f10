/**
 * `$util`: the helpers API Gateway gives templates, with Java's behaviour (commons-lang
 * `escapeJavaScript`, `URLEncoder`/`URLDecoder`, UTF-8 base64).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference
 */
import { Buffer } from 'node:buffer'
import { spendChars, spendSteps, TemplateRuntimeError } from './budget.js'

/**
 * The functions below walk their text one UTF-16 unit at a time in JavaScript (~5–25 ns a unit):
 * each charges one step per 2^CHARS_PER_STEP_SHIFT units of its input, before the walk.
 */
const CHARS_PER_STEP_SHIFT = 2
import { printValue, VtlHost } from './values.js'
import { parseClientJson } from '../../core/index.js'

/** Escapes of the ASCII characters commons-lang writes with a backslash and one letter. */
const SHORT_ESCAPES: Record<number, number> = {
  0x22: 0x22, // " → \"
  0x27: 0x27, // ' → \'
  0x5c: 0x5c, // \ → \\
  0x2f: 0x2f, // / → \/
  0x08: 0x62, // \b
  0x0a: 0x6e, // \n
  0x09: 0x74, // \t
  0x0c: 0x66, // \f
  0x0d: 0x72, // \r
}

/** Output length of each code unit below 0x80: 1 kept, 2 short escape, 6 `\uXXXX`. */
const WIDTH = new Uint8Array(128).map((_, code) =>
  SHORT_ESCAPES[code] !== undefined ? 2 : code < 0x20 ? 6 : 1,
)
const HEX = Array.from('0123456789ABCDEF', (c) => c.charCodeAt(0))

/**
 * `$util.escapeJavaScript`: JavaScript string escaping as commons-lang does it, including
 * `'` → `\'` (not valid in JSON; AWS documents the quirk), `/` → `\/`, `\b \f \n \r \t`,
 * other control characters and every UTF-16 unit above 0x7F as `\uXXXX` (upper-case hex).
 * Two linear passes: one measures the result (charged to the render's budget), one writes it.
 *
 * @param text - the text
 * @returns the escaped text
 * @throws TemplateRuntimeError when the result would be larger than the string budget
 */
export function escapeJavaScript(text: string): string {
  const n = text.length
  spendSteps(n >>> CHARS_PER_STEP_SHIFT)
  let length = 0
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i)
    length += code < 0x80 ? (WIDTH[code] as number) : 6
  }
  if (length === n) return text
  spendChars(length)
  const bytes = Buffer.allocUnsafe(length)
  let at = 0
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i)
    const width = code < 0x80 ? (WIDTH[code] as number) : 6
    if (width === 1) bytes[at++] = code
    else if (width === 2) {
      bytes[at++] = 0x5c
      bytes[at++] = SHORT_ESCAPES[code] as number
    } else {
      bytes[at++] = 0x5c
      bytes[at++] = 0x75
      bytes[at++] = HEX[code >>> 12] as number
      bytes[at++] = HEX[(code >>> 8) & 15] as number
      bytes[at++] = HEX[(code >>> 4) & 15] as number
      bytes[at++] = HEX[code & 15] as number
    }
  }
  return bytes.toString('latin1', 0, length)
}

/** Characters `URLEncoder` keeps: letters, digits and `.-*_`. */
const URL_SAFE = new Uint8Array(128).map((_, code) =>
  /[A-Za-z0-9.\-*_]/.test(String.fromCharCode(code)) ? 1 : 0,
)

/**
 * `$util.urlEncode`: `application/x-www-form-urlencoded` as Java's `URLEncoder` (UTF-8): letters,
 * digits and `.-*_` kept, space → `+`, everything else `%XX` in upper case. A lone surrogate
 * becomes `?` (`%3F`), as Java encodes it. Two linear passes: one measures the result (charged to
 * the render's budget before anything is built), one writes it.
 *
 * @param text - the text
 * @returns the encoded text
 * @throws TemplateRuntimeError when the result would be larger than the string budget
 */
export function urlEncode(text: string): string {
  const n = text.length
  spendSteps(n >>> CHARS_PER_STEP_SHIFT)
  let length = 0
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) length += URL_SAFE[code] === 1 || code === 0x20 ? 1 : 3
    else if (code < 0x800) length += 6
    else if (code >= 0xd800 && code <= 0xdbff && isLow(text.charCodeAt(i + 1))) {
      length += 12
      i++
    } else length += code >= 0xd800 && code <= 0xdfff ? 3 : 9
  }
  if (length === n && !text.includes(' ')) return text
  spendChars(length)
  const bytes = Buffer.allocUnsafe(length)
  let at = 0
  const escape = (byte: number): void => {
    bytes[at++] = 0x25
    bytes[at++] = HEX[byte >>> 4] as number
    bytes[at++] = HEX[byte & 15] as number
  }
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) {
      if (URL_SAFE[code] === 1) bytes[at++] = code
      else if (code === 0x20) bytes[at++] = 0x2b
      else escape(code)
    } else if (code < 0x800) {
      escape(0xc0 | (code >>> 6))
      escape(0x80 | (code & 63))
    } else if (code >= 0xd800 && code <= 0xdbff && isLow(text.charCodeAt(i + 1))) {
      const point = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00)
      escape(0xf0 | (point >>> 18))
      escape(0x80 | ((point >>> 12) & 63))
      escape(0x80 | ((point >>> 6) & 63))
      escape(0x80 | (point & 63))
    } else if (code >= 0xd800 && code <= 0xdfff) escape(0x3f)
    else {
      escape(0xe0 | (code >>> 12))
      escape(0x80 | ((code >>> 6) & 63))
      escape(0x80 | (code & 63))
    }
  }
  return bytes.toString('latin1', 0, length)
}

const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff

/** A hex digit's value, or -1. */
function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  const lower = code | 0x20
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1
}

/**
 * The byte of the escape `%` at `i` introduces, as Java's `Integer.parseInt(s, 16)` reads its two
 * characters (a sign is allowed; a negative value is refused).
 */
function escapedByte(text: string, i: number): number {
  const first = text.charCodeAt(i + 1)
  const second = hexValue(text.charCodeAt(i + 2))
  const high = hexValue(first)
  if (high >= 0 && second >= 0) return high * 16 + second
  if (first === 0x2b && second >= 0) return second
  if (first === 0x2d && second === 0) return 0
  throw new TemplateRuntimeError(
    `URLDecoder: Illegal hex characters in escape (%) pattern at index ${i}`,
  )
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * `$util.urlDecode`: Java's `URLDecoder` (UTF-8): `+` → space, each run of `%XX` escapes decoded
 * as UTF-8 (malformed bytes become U+FFFD, as Java decodes them), other characters kept. One
 * linear pass into a buffer no longer than the text.
 *
 * @param text - the encoded text
 * @returns the decoded text
 * @throws TemplateRuntimeError on an escape that is not hexadecimal or is cut short, as Java's
 *   `URLDecoder` does
 */
export function urlDecode(text: string): string {
  const n = text.length
  spendSteps(n >>> CHARS_PER_STEP_SHIFT)
  if (!text.includes('%') && !text.includes('+')) return text
  // One byte a unit when no unit can be above 0xFF (no such character, no escaped byte ≥ 0x80).
  if (!/[^\0-\xff]|%[89a-fA-F+-]/.test(text)) {
    const out = Buffer.allocUnsafe(n)
    return out.toString('latin1', 0, decodeInto(text, out))
  }
  const out = new Uint16Array(n)
  const length = decodeInto(text, out)
  return Buffer.from(out.buffer, out.byteOffset, length * 2).toString('utf16le')
}

/** Writes {@link urlDecode}'s result into `out` (as long as `text`); returns its length. */
function decodeInto(text: string, out: Uint8Array | Uint16Array): number {
  const n = text.length
  let at = 0
  let bytes: Uint8Array | undefined
  for (let i = 0; i < n; ) {
    const code = text.charCodeAt(i)
    if (code === 0x2b) {
      out[at++] = 0x20
      i++
    } else if (code === 0x25) {
      bytes ??= new Uint8Array(Math.floor((n - i) / 3))
      let count = 0
      while (i + 2 < n && text.charCodeAt(i) === 0x25) {
        bytes[count++] = escapedByte(text, i)
        i += 3
      }
      if (i < n && text.charCodeAt(i) === 0x25)
        throw new TemplateRuntimeError(
          `URLDecoder: Incomplete trailing escape (%) pattern at index ${i}`,
        )
      const decoded =
        count === 1 && (bytes[0] as number) < 0x80
          ? String.fromCharCode(bytes[0] as number)
          : utf8.decode(bytes.subarray(0, count))
      for (let j = 0; j < decoded.length; j++) out[at++] = decoded.charCodeAt(j)
    } else {
      out[at++] = code
      i++
    }
  }
  return at
}

/** Charges a string a `$util` function built. */
function built(text: string): string {
  spendChars(text.length)
  return text
}

/** `$util` for templates. */
export class TemplateUtil extends VtlHost {
  property(): unknown {
    return undefined
  }

  call(name: string, args: readonly unknown[]): unknown {
    const arg = args[0]
    if (arg === null || arg === undefined) return null
    const text = printValue(arg)
    switch (name) {
      case 'escapeJavaScript':
        return escapeJavaScript(text)
      case 'parseJson':
        // The parsed value takes a few times the memory of its text: charged as built text; and
        // JSON.parse costs up to ~50 ns a character of dense JSON: a step per 2 characters.
        spendChars(text.length)
        spendSteps(1 + (text.length >>> 1))
        try {
          return parseClientJson(text)
        } catch (error) {
          throw new TemplateRuntimeError(`$util.parseJson: ${(error as Error).message}`)
        }
      case 'urlEncode':
        return urlEncode(text)
      case 'urlDecode':
        return built(urlDecode(text))
      case 'base64Encode': {
        const bytes = Buffer.from(text, 'utf8')
        spendChars(Math.ceil(bytes.length / 3) * 4)
        return bytes.toString('base64')
      }
      case 'base64Decode':
        spendChars(text.length)
        return Buffer.from(text, 'base64').toString('utf8')
      default:
        return undefined
    }
  }

  print(): string {
    return '{}'
  }
}

/** The one `$util` every render shares (it has no state). */
export const templateUtil: TemplateUtil = new TemplateUtil()
