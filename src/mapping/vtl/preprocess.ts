/**
 * A pass over template source before velocityjs parses it, for the Velocity 1.7 syntax
 * velocityjs lacks: doubled quotes inside string literals (`'it''s'`), `#{if}(…)`-style braced
 * directives, and `#stop`. It also counts block directives, because velocityjs silently drops
 * everything after an unmatched `#end`.
 */
import { PorticoError, brandError, hasErrorBrand } from '../../errors.js'

/** Stands for `'` inside a single-quoted literal until the compiler restores it. */
export const SINGLE_QUOTE_MARK = '\uE000'
/** Stands for `"` inside a double-quoted literal until the compiler restores it. */
export const DOUBLE_QUOTE_MARK = '\uE001'
/** The macro call `#stop` becomes; the compiler treats it as the directive. */
export const STOP_MACRO = 'porticoStop'

const BLOCK_DIRECTIVES = new Set(['if', 'foreach', 'macro', 'define'])
const ARGUMENT_DIRECTIVES = new Set(['if', 'elseif', 'foreach', 'set', 'macro', 'define'])
const IDENT = /[A-Za-z0-9_-]/

/** Why a template cannot be compiled. */
export class TemplateSyntaxError extends PorticoError {
  constructor(message: string) {
    super(message, 'ERR_PORTICO_TEMPLATE_SYNTAX')
    brandError(this, 'TemplateSyntaxError')
  }
}

/**
 * Whether `value` is a {@link TemplateSyntaxError}, also one made by another copy of the package.
 *
 * @param value - anything caught
 * @returns true for a `TemplateSyntaxError`
 */
export function isTemplateSyntaxError(value: unknown): value is TemplateSyntaxError {
  return value instanceof TemplateSyntaxError || hasErrorBrand(value, 'TemplateSyntaxError')
}

/**
 * Rewrites the source for velocityjs and checks that blocks balance.
 *
 * @param source - the template
 * @returns the source velocityjs can parse
 * @throws TemplateSyntaxError when `#end`s do not balance
 */
export function preprocessTemplate(source: string): string {
  let out = ''
  let depth = 0
  let i = 0
  const n = source.length
  while (i < n) {
    const c = source[i] as string
    if (c === '\\') {
      // An escaped `#` or `$` stays as written.
      out += c + (source[i + 1] ?? '')
      i += 2
      continue
    }
    if (c === '#') {
      const next = source[i + 1]
      if (next === '#') {
        const end = source.indexOf('\n', i)
        const stop = end === -1 ? n : end
        out += source.slice(i, stop)
        i = stop
        continue
      }
      if (next === '*') {
        const end = source.indexOf('*#', i + 2)
        const stop = end === -1 ? n : end + 2
        out += source.slice(i, stop)
        i = stop
        continue
      }
      if (next === '[' && source[i + 2] === '[') {
        const end = source.indexOf(']]#', i + 3)
        const stop = end === -1 ? n : end + 3
        out += source.slice(i, stop)
        i = stop
        continue
      }
      const braced = next === '{'
      let j = braced ? i + 2 : i + 1
      while (j < n && /[A-Za-z_]/.test(source[j] as string)) j++
      const name = source.slice(braced ? i + 2 : i + 1, j)
      if (name === '' || (braced && source[j] !== '}')) {
        out += c
        i++
        continue
      }
      const after = braced ? j + 1 : j
      if (!braced && IDENT.test(source[after] ?? '')) {
        out += source.slice(i, after)
        i = after
        continue
      }
      if (name === 'stop') {
        out += `#${STOP_MACRO}()`
        i = after
        continue
      }
      if (name === 'end') {
        depth--
        if (depth < 0)
          throw new TemplateSyntaxError('#end without an open #if, #foreach, #macro or #define')
        out += source.slice(i, after)
        i = after
        continue
      }
      let k = after
      while (source[k] === ' ' || source[k] === '\t') k++
      if (source[k] === '(' && (ARGUMENT_DIRECTIVES.has(name) || !braced)) {
        // A directive with arguments, or a macro call: arguments may hold quoted strings.
        if (BLOCK_DIRECTIVES.has(name)) depth++
        out += `#${name}${source.slice(after, k)}`
        const closed = copyArguments(source, k)
        out += closed.text
        i = closed.end
        continue
      }
      out += source.slice(i, after)
      i = after
      continue
    }
    if (c === '$') {
      // A reference: copy its chain; method arguments are expressions.
      let j = i + 1
      if (source[j] === '!') j++
      const wrapped = source[j] === '{'
      if (wrapped) j++
      const opened = j
      if (!/[A-Za-z_]/.test(source[j] ?? '')) {
        out += source.slice(i, j)
        i = j
        continue
      }
      const start = i
      const mark = out.length
      out += source.slice(i, j)
      i = j
      let member = false
      for (;;) {
        let k = i
        while (k < n && /[A-Za-z0-9_-]/.test(source[k] as string)) k++
        out += source.slice(i, k)
        i = k
        if (member && source[i] === '(') {
          const closed = copyArguments(source, i)
          out += closed.text
          i = closed.end
        }
        if (source[i] === '[') {
          const closed = copyArguments(source, i)
          out += closed.text
          i = closed.end
        }
        if (source[i] === '.' && /[A-Za-z_]/.test(source[i + 1] ?? '')) {
          out += '.'
          i++
          member = true
          continue
        }
        break
      }
      if (wrapped && source[i] !== '}') {
        // `${AWS::Region}`, `${a b}`: not a formal reference, so Velocity prints it as text.
        out = out.slice(0, mark) + `#[[${source.slice(start, opened)}]]#`
        i = opened
      }
      continue
    }
    out += c
    i++
  }
  if (depth !== 0) throw new TemplateSyntaxError(`${depth} block(s) not closed with #end`)
  return out
}

/**
 * Copies a parenthesised (or bracketed) expression, turning doubled quotes inside string
 * literals into marks.
 */
function copyArguments(source: string, start: number): { text: string; end: number } {
  let out = ''
  let depth = 0
  let i = start
  const n = source.length
  while (i < n) {
    const c = source[i] as string
    if (c === "'" || c === '"') {
      const mark = c === "'" ? SINGLE_QUOTE_MARK : DOUBLE_QUOTE_MARK
      out += c
      i++
      for (;;) {
        if (i >= n) throw new TemplateSyntaxError('unterminated string literal')
        const d = source[i] as string
        if (d === c) {
          if (source[i + 1] === c) {
            out += mark
            i += 2
            continue
          }
          out += c
          i++
          break
        }
        out += d
        i++
      }
      continue
    }
    if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') {
      depth--
      if (depth === 0) return { text: out + c, end: i + 1 }
    }
    out += c
    i++
  }
  throw new TemplateSyntaxError('unclosed parenthesis')
}
