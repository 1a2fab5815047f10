/**
 * `$util`: the helpers API Gateway gives templates, with Java's behaviour (commons-lang
 * `escapeJavaScript`, `URLEncoder`/`URLDecoder`, UTF-8 base64).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference
 */
import { Buffer } from 'node:buffer'
import { TemplateRuntimeError } from './compile.js'
import { printValue, VtlHost } from './values.js'

const JS_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "'": "\\'",
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\n': '\\n',
  '\t': '\\t',
  '\f': '\\f',
  '\r': '\\r',
}

/**
 * `$util.escapeJavaScript`: JavaScript string escaping as commons-lang does it, including
 * `'` → `\'` (not valid in JSON; AWS documents the quirk), `/` → `\/`, and characters outside
 * printable ASCII as `\uXXXX` (upper-case hex).
 *
 * @param text - the text
 * @returns the escaped text
 */
export function escapeJavaScript(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    const code = c.charCodeAt(0)
    const escaped = JS_ESCAPES[c]
    if (escaped !== undefined) out += escaped
    else if (code < 0x20 || code > 0x7f)
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`
    else out += c
  }
  return out
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
        try {
          return JSON.parse(text)
        } catch (error) {
          throw new TemplateRuntimeError(`$util.parseJson: ${(error as Error).message}`)
        }
      case 'urlEncode':
        return urlEncode(text)
      case 'urlDecode':
        return urlDecode(text)
      case 'base64Encode':
        return Buffer.from(text, 'utf8').toString('base64')
      case 'base64Decode':
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
