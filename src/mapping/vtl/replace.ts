/**
 * Java's `String.replace`, `replaceAll` and `replaceFirst` within the render budget: the size of
 * the result is known (or bounded) before it is built, so a template that grows a string in a
 * loop fails with a {@link TemplateRuntimeError} instead of exhausting V8's heap.
 */
import { MAX_STRING_CHARS, spendChars, spendSteps, TemplateRuntimeError } from './budget.js'
import { javaRegex, javaReplacement } from './java-regex.js'

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

/** What a JavaScript replacement pattern can add per match. */
interface ReplacementShape {
  /** Literal characters per match (group references counted as their own text too). */
  readonly literal: number
  /** References to the match or a group: each adds at most the match's length. */
  readonly refs: number
  /** Whether it uses `` $` `` or `$'` (the text around the match: unbounded per match). */
  readonly context: boolean
}

function shapeOf(pattern: string): ReplacementShape {
  let literal = 0
  let refs = 0
  let context = false
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== '$' || i + 1 === pattern.length) {
      literal++
      continue
    }
    const next = pattern[i + 1] as string
    if (next === '$') {
      literal++
      i++
    } else if (next === '`' || next === "'") {
      context = true
      i++
    } else if (next === '&' || next === '<' || (next >= '0' && next <= '9')) {
      // A reference to a group that does not exist stays as text: count both.
      refs++
      literal++
    } else literal++
  }
  return { literal, refs, context }
}

/**
 * `String.replaceAll(regex, replacement)` / `replaceFirst`, with Java's regex and replacement
 * syntax (java-regex.ts). When the result cannot be shown small enough up front, matches are
 * replaced one at a time and the result is measured as it grows.
 *
 * @param s - the string
 * @param pattern - Java regex
 * @param replacement - Java replacement (`$1`, `\$`)
 * @param global - every match (`replaceAll`) or the first (`replaceFirst`)
 * @returns the new string
 * @throws TemplateRuntimeError when the result would be longer than {@link MAX_STRING_CHARS}
 */
export function regexReplace(
  s: string,
  pattern: string,
  replacement: string,
  global: boolean,
): string {
  const regex = javaRegex(pattern, global)
  const js = javaReplacement(replacement)
  const shape = shapeOf(js)
  const n = s.length
  const bound = n + shape.refs * n + (global ? n + 1 : 1) * shape.literal
  if (!shape.context && bound <= MAX_STRING_CHARS) {
    const result = s.replace(regex, js)
    spendChars(result.length)
    return result
  }
  return replaceStepwise(s, regex, js, global)
}

function tooLarge(): never {
  throw new TemplateRuntimeError(`string is larger than ${MAX_STRING_CHARS} characters`)
}

function replaceStepwise(s: string, regex: RegExp, js: string, global: boolean): string {
  let out = ''
  let last = 0
  const append = (piece: string): void => {
    if (out.length + piece.length > MAX_STRING_CHARS) tooLarge()
    out += piece
  }
  const matches = global ? s.matchAll(regex) : [s.match(regex)]
  for (const m of matches) {
    if (!m) break
    spendSteps(1)
    const index = m.index as number
    append(s.slice(last, index))
    expand(js, m, s, append)
    last = index + m[0].length
  }
  append(s.slice(last))
  spendChars(out.length)
  return out
}

/** ECMAScript's GetSubstitution, appending piece by piece. */
function expand(js: string, m: RegExpMatchArray, s: string, append: (piece: string) => void): void {
  const index = m.index as number
  const groups = m.length - 1
  let literal = ''
  const flush = (): void => {
    if (literal !== '') append(literal)
    literal = ''
  }
  for (let i = 0; i < js.length; i++) {
    const c = js[i] as string
    if (c !== '$' || i + 1 === js.length) {
      literal += c
      continue
    }
    const next = js[i + 1] as string
    if (next === '$') {
      literal += '$'
      i++
    } else if (next === '&') {
      flush()
      append(m[0])
      i++
    } else if (next === '`') {
      flush()
      append(s.slice(0, index))
      i++
    } else if (next === "'") {
      flush()
      append(s.slice(index + m[0].length))
      i++
    } else if (next >= '0' && next <= '9') {
      const two = Number(js.slice(i + 1, i + 3))
      const one = Number(next)
      if (/^\d\d$/.test(js.slice(i + 1, i + 3)) && two >= 1 && two <= groups) {
        flush()
        append(m[two] ?? '')
        i += 2
      } else if (one >= 1 && one <= groups) {
        flush()
        append(m[one] ?? '')
        i++
      } else literal += c
    } else if (next === '<' && m.groups) {
      const close = js.indexOf('>', i + 2)
      if (close === -1) literal += c
      else {
        flush()
        append(m.groups[js.slice(i + 2, close)] ?? '')
        i = close
      }
    } else literal += c
  }
  flush()
}
