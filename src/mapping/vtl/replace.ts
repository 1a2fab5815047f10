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
  stepsLeft,
  TemplateRuntimeError,
} from './budget.js'
import { javaRegex, javaReplaceEach, literalReplacement } from './java-regex.js'

/**
 * Steps charged per occurrence a literal replacement replaces: native split and join cost up to
 * ~0.25 µs per occurrence.
 */
export const LITERAL_MATCH_STEPS: number = 3

/**
 * `String.replace(target, replacement)`: every occurrence, literally. An empty target inserts the
 * replacement before every UTF-16 unit and at the end, as Java does (`"ab"` → `-a-b-`). Each
 * occurrence costs {@link LITERAL_MATCH_STEPS} steps, charged before the result is built.
 *
 * @param s - the string
 * @param target - the text to replace
 * @param replacement - its replacement
 * @returns the new string
 * @throws TemplateRuntimeError when the result would be longer than {@link MAX_STRING_CHARS}, or
 *   the occurrences would take the render past its step budget
 */
export function literalReplace(s: string, target: string, replacement: string): string {
  if (target === '') {
    if (replacement === '' || s === '') return s + replacement
    spendChars(s.length + (s.length + 1) * replacement.length)
    spendSteps((s.length + 1) * LITERAL_MATCH_STEPS)
    return replacement + s.split('').join(replacement) + replacement
  }
  const growth = replacement.length - target.length
  // Split no further than the occurrences the string and step budgets allow, so a string full
  // of them is refused before the pieces or the result exist.
  const fit =
    growth > 0 ? Math.max(0, Math.floor((MAX_STRING_CHARS - s.length) / growth)) : Infinity
  const allowed = Math.min(fit, Math.floor(stepsLeft() / LITERAL_MATCH_STEPS))
  const parts = s.split(target, Math.min(allowed + 2, 2 ** 32 - 1))
  const count = parts.length - 1
  if (count === 0) return s
  if (count > fit) tooLarge()
  spendSteps(count * LITERAL_MATCH_STEPS)
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
 * @throws JavaRegexError for an invalid pattern or replacement
 * @throws TemplateRuntimeError past the render's step budget (the engine's work is charged)
 */
export function regexReplace(
  s: string,
  pattern: string,
  replacement: string,
  global: boolean,
): string {
  // A literal pattern (or the empty one) with a replacement naming no group: native string
  // operations, charged per match like String.replace.
  const literal = pattern === '' ? '' : javaRegex(pattern).literal
  const text = literal === undefined ? undefined : literalReplacement(replacement)
  if (literal !== undefined && text !== undefined) {
    if (global) return literalReplace(s, literal, text)
    const at = s.indexOf(literal)
    if (at === -1) return s
    checkLength(s.length - literal.length + text.length)
    return s.slice(0, at) + text + s.slice(at + literal.length)
  }
  let out = ''
  javaReplaceEach(s, pattern, replacement, global, (piece) => {
    if (out.length + piece.length > MAX_STRING_CHARS) tooLarge()
    out += piece
  })
  spendChars(out.length)
  return out
}

function tooLarge(): never {
  throw new TemplateRuntimeError(`string is larger than ${MAX_STRING_CHARS} characters`)
}
