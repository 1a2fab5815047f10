/**
 * The HCL native syntax scanner: turns the text at an offset into one token.
 *
 * Tokens are scanned on demand by offset ({@link Scanner.token}) rather than all up front,
 * because string templates switch the scanner into a different mode (template text is read
 * character by character in `template.ts`, and their `${ … }` parts come back here). Every
 * token but `eof` is at least one character long, so a parser that consumes tokens always
 * advances.
 *
 * Follows the lexical rules of hashicorp/hcl `hclsyntax/spec.md` ("Lexical Elements").
 */
import { ConfigError } from '../../errors.js'
import type { SourcePos } from './ast.js'

/** What a token is. A `quote` or `heredoc` token only opens a template (see `template.ts`). */
export type TokenType = 'ident' | 'number' | 'punct' | 'quote' | 'heredoc' | 'newline' | 'eof'

/** One token: `text` is its source text (for `heredoc`, the marker; flush `<<-` sets `flush`). */
export interface Token {
  readonly type: TokenType
  readonly text: string
  readonly start: number
  readonly end: number
  readonly flush?: boolean
}

/** How deeply expressions, blocks and templates may nest before the input is refused. */
export const MAX_NESTING = 200

/** Punctuation and operators, longest first. */
const PUNCT2 = new Set(['::', '==', '!=', '<=', '>=', '&&', '||', '=>'])
const PUNCT1 = '{}[](),.=:?+-*/%<>!~'

const ASCII_ID_START = /[A-Za-z_]/
const ASCII_ID_CONTINUE = /[A-Za-z0-9_-]/
const ID_START = /[\p{ID_Start}_]/u
const ID_CONTINUE = /[\p{ID_Continue}-]/u

/** Whether `ch` may start an identifier (Unicode ID_Start or `_`). */
export function isIdStart(ch: string): boolean {
  return ch < '\u0080' ? ASCII_ID_START.test(ch) : ID_START.test(ch)
}

/** Whether `ch` may continue an identifier (Unicode ID_Continue or `-`). */
export function isIdContinue(ch: string): boolean {
  return ch < '\u0080' ? ASCII_ID_CONTINUE.test(ch) : ID_CONTINUE.test(ch)
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/** Reads one source text; knows line starts to turn offsets into positions. */
export class Scanner {
  readonly text: string
  readonly file: string
  private readonly lineStarts: number[]

  constructor(text: string, file: string) {
    this.text = text
    this.file = file
    this.lineStarts = [0]
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.lineStarts.push(i + 1)
    }
  }

  /** The 1-based line and column of `offset`. */
  pos(offset: number): SourcePos {
    const starts = this.lineStarts
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((starts[mid] ?? 0) <= offset) lo = mid
      else hi = mid - 1
    }
    return { file: this.file, line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 }
  }

  /** A ConfigError `<file>:<line>:<column>: <message>` at `offset`. */
  error(offset: number, message: string): ConfigError {
    const p = this.pos(offset)
    return new ConfigError('', `${p.file}:${String(p.line)}:${String(p.column)}: ${message}`)
  }

  /** The offset of the next token at or after `offset`: skips spaces, tabs and comments. */
  skipSpace(offset: number): number {
    const text = this.text
    let i = offset
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === 32 || c === 9 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        i++ // a lone \r is a space; \r\n is a newline token
        continue
      }
      if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
        // `#` or `//` comment: up to (not including) the end of the line.
        const nl = text.indexOf('\n', i)
        if (nl === -1) return text.length
        return text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl
      }
      if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const close = text.indexOf('*/', i + 2)
        if (close === -1) throw this.error(i, 'unterminated /* comment')
        i = close + 2
        continue
      }
      return i
    }
  }

  /** The token starting at or after `offset` (after spaces and comments). */
  token(offset: number): Token {
    const text = this.text
    const start = this.skipSpace(offset)
    if (start >= text.length) return { type: 'eof', text: '', start, end: start }
    const c = text.charCodeAt(start)
    const ch = text[start] ?? ''
    if (c === 10 || c === 13) {
      const end = c === 13 ? start + 2 : start + 1
      return { type: 'newline', text: '\n', start, end }
    }
    if (c === 34) return { type: 'quote', text: '"', start, end: start + 1 }
    if (isDigit(c)) return this.number(start)
    if (isIdStart(ch) || (c >= 0xd800 && c <= 0xdbff)) return this.ident(start)
    if (c === 60 && text.charCodeAt(start + 1) === 60) return this.heredoc(start)
    if (c === 46 && text.startsWith('...', start)) {
      return { type: 'punct', text: '...', start, end: start + 3 }
    }
    const next = text.charCodeAt(start + 1)
    if (next === 61 || next === 38 || next === 124 || next === 62 || next === 58) {
      const two = text.slice(start, start + 2) // a second `=`, `&`, `|`, `>` or `:`
      if (PUNCT2.has(two)) return { type: 'punct', text: two, start, end: start + 2 }
    }
    if (PUNCT1.includes(ch)) return { type: 'punct', text: ch, start, end: start + 1 }
    throw this.error(start, `invalid character ${JSON.stringify(ch)}`)
  }

  private ident(start: number): Token {
    const text = this.text
    let i = start
    let first = true
    for (;;) {
      const c = text.charCodeAt(i) // ASCII fast path: letters, `_`, and then digits and `-`
      const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95
      if (!(letter || (!first && (isDigit(c) || c === 45)))) break
      first = false
      i++
    }
    while (i < text.length) {
      const cp = text.codePointAt(i) ?? 0
      const ch = String.fromCodePoint(cp)
      if (!(first ? isIdStart(ch) : isIdContinue(ch))) break
      first = false
      i += ch.length
    }
    if (i === start) throw this.error(start, `invalid character ${JSON.stringify(text[start])}`)
    return { type: 'ident', text: text.slice(start, i), start, end: i }
  }

  private number(start: number): Token {
    const text = this.text
    let i = start
    while (isDigit(text.charCodeAt(i))) i++
    if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
      i++
      while (isDigit(text.charCodeAt(i))) i++
    }
    const e = text.charCodeAt(i)
    if (e === 101 || e === 69) {
      let j = i + 1
      const sign = text.charCodeAt(j)
      if (sign === 43 || sign === 45) j++
      if (isDigit(text.charCodeAt(j))) {
        while (isDigit(text.charCodeAt(j))) j++
        i = j
      }
    }
    return { type: 'number', text: text.slice(start, i), start, end: i }
  }

  /** `<<EOF` or `<<-EOF` up to and including the newline that ends the opener. */
  private heredoc(start: number): Token {
    const text = this.text
    let i = start + 2
    const flush = text.charCodeAt(i) === 45
    if (flush) i++
    const markerStart = i
    if (!isIdStart(text[i] ?? '')) throw this.error(start, 'invalid heredoc: expected a marker')
    i = this.ident(i).end
    const marker = text.slice(markerStart, i)
    if (text.charCodeAt(i) === 13) i++
    if (text.charCodeAt(i) !== 10) {
      throw this.error(i, `invalid heredoc: a newline must follow <<${flush ? '-' : ''}${marker}`)
    }
    return { type: 'heredoc', text: marker, start, end: i + 1, flush }
  }
}
