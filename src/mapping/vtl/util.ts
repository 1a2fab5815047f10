/**
 * `$util`: the helpers API Gateway gives templates, with Java's behaviour (commons-lang
 * `escapeJavaScript`, `URLEncoder`/`URLDecoder`, UTF-8 base64).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference
 */
import { Buffer } from 'node:buffer'
import { checkLength, spendChars, spendScan, TemplateRuntimeError } from './budget.js'
import { printValue, VtlHost } from './values.js'
import { parseClientJson } from '../../core/json-nesting.js'

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
const HEX = [...'0123456789ABCDEF'].map((c) => c.charCodeAt(0))

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
  let length = 0
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i)
    length += code < 0x80 ? (WIDTH[code] as number) : 6
  }
  spendScan(n)
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

/**
 * `$util.urlEncode`: `application/x-www-form-urlencoded` as Java's `URLEncoder` (UTF-8): letters,
 * digits and `.-*_` kept, space → `+`, everything else `%XX` in upper case. A lone surrogate
 * becomes `?`, as Java encodes it.
 *
 * @param text - the text
 * @returns the encoded text
 */
export function urlEncode(text: string): string {
  const wellFormed = text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '?',
  )
  return encodeURIComponent(wellFormed)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
    .replace(/%2A/g, '*')
}

/**
 * `$util.urlDecode`: the inverse of {@link urlEncode} (`+` → space).
 *
 * @param text - the encoded text
 * @returns the decoded text
 * @throws TemplateRuntimeError on a malformed escape, as Java's `URLDecoder` does
 */
export function urlDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    throw new TemplateRuntimeError(`URLDecoder: illegal escape in ${JSON.stringify(text)}`)
  }
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
        // The parsed value takes a few times the memory of its text: charged as built text.
        spendChars(text.length)
        try {
          return parseClientJson(text)
        } catch (error) {
          throw new TemplateRuntimeError(`$util.parseJson: ${(error as Error).message}`)
        }
      case 'urlEncode':
        // Each UTF-16 unit becomes 1 to 9 characters: at least as long as the text.
        checkLength(text.length)
        return built(urlEncode(text))
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
