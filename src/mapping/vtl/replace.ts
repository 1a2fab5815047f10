/**
 * Java's `String.replace`, `replaceAll` and `replaceFirst` within the render budget: the size of
 * the result is known (or bounded) before it is built, so a template that grows a string in a
 * loop fails with a {@link TemplateRuntimeError} instead of exhausting V8's heap.
 */
import {
  checkLength,
  MAX_STRING_CHARS,
  spendChars,
  spendSteps,
  TemplateRuntimeError,
} from './budget.js'
import { javaRegex, javaReplaceEach } from './java-regex.js'

/**
 * `String.replace(target, replacement)`: every occurrence, literally. An empty target inserts the
 * replacement before every UTF-16 unit and at the end, as Java does (`"ab"` → `-a-b-`).
 *
 * @param s - the string
 * @param target - the text to replace
 * @param replacement - its replacement
 * @returns the new string
 * @throws TemplateRuntimeError when the result would be longer than {@link MAX_STRING_CHARS}
 */
export function literalReplace(s: string, target: string, replacement: string): string {
  if (target === '') {
    spendChars(s.length + (s.length + 1) * replacement.length)
    return replacement === '' ? s : replacement + s.split('').join(replacement) + replacement
  }
  const growth = replacement.length - target.length
  // Growing: split no further than the occurrences the string budget allows, so a string full
  // of them is refused before the pieces or the result exist.
  const allowed =
    growth > 0 ? Math.max(0, Math.floor((MAX_STRING_CHARS - s.length) / growth)) : Infinity
  const parts = s.split(target, allowed === Infinity ? undefined : allowed + 2)
  const count = parts.length - 1
  if (count === 0) return s
  if (count > allowed) tooLarge()
  spendSteps(count >>> 3)
  spendChars(s.length + count * growth)
  return parts.join(replacement)
}

/**
 * `String.replaceAll(regex, replacement)` / `replaceFirst`, with Java's regex and replacement
 * syntax on the linear-time engine (java-regex.ts). The result is measured as it grows, piece by
 * piece, so it is refused before it passes {@link MAX_STRING_CHARS}.
 *
 * @param s - the string
 * @param pattern - Java regex
 * @param replacement - Java replacement (`$1`, `${name}`, `\$`)
 * @param global - every match (`replaceAll`) or the first (`replaceFirst`)
 * @returns the new string
 * @throws TemplateRuntimeError when the result would be longer than {@link MAX_STRING_CHARS}
 * @throws JavaRegexError for an invalid pattern or replacement, or a search over its read budget
 */
export function regexReplace(
  s: string,
  pattern: string,
  replacement: string,
  global: boolean,
): string {
  const { literal } = javaRegex(pattern)
  if (literal !== undefined && literal !== '' && !/[$\\]/.test(replacement)) {
    if (global) return literalReplace(s, literal, replacement)
    const at = s.indexOf(literal)
    if (at === -1) return s
    checkLength(s.length - literal.length + replacement.length)
    return s.slice(0, at) + replacement + s.slice(at + literal.length)
  }
  let out = ''
  javaReplaceEach(s, pattern, replacement, global, (piece) => {
    if (out.length + piece.length > MAX_STRING_CHARS) tooLarge()
    spendSteps(1)
    out += piece
  })
  spendChars(out.length)
  return out
}

function tooLarge(): never {
  throw new TemplateRuntimeError(`string is larger than ${MAX_STRING_CHARS} characters`)
}
