/**
 * String templates of HCL native syntax: quoted strings (with backslash escapes) and heredocs
 * (`<<EOF`, and `<<-EOF` whose common leading whitespace is removed), holding `${ … }`
 * interpolations and `%{ if }`/`%{ else }`/`%{ endif }`, `%{ for }`/`%{ endfor }` directives.
 *
 * Follows hashicorp/hcl `hclsyntax/spec.md` ("Template Expressions", "Template Literals",
 * "Template Interpolations", "Template Directives"). As there, the template is first read as a
 * flat run of pieces, strip markers (`~`) trim the neighbouring literal pieces, `<<-` indentation
 * is removed from line-leading literal pieces (a heredoc's literals are one piece per line), and
 * only then are directives nested. A template that is exactly one interpolation (`"${x}"`) is
 * that expression itself, so its value passes through unconverted (HCL's template wrap rule,
 * which legacy 0.11 `"${var.list}"` relies on).
 */
import type { Expr, TemplatePart } from './ast.js'
import type { Parser } from './expression.js'
import { MAX_NESTING, type Token } from './lexer.js'

type Piece =
  | { readonly t: 'text'; value: string }
  | { readonly t: 'interp'; readonly expr: Expr }
  | { readonly t: 'if'; readonly condition: Expr; readonly at: number }
  | { readonly t: 'else' | 'endif' | 'endfor'; readonly at: number }
  | {
      readonly t: 'for'
      readonly keyVar: string | undefined
      readonly valueVar: string
      readonly collection: Expr
      readonly at: number
    }

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '"': '"',
  '\\': '\\',
}

const NON_ASCII = /[^\0-\x7f]/
/** A run of quoted-template text with nothing to interpret. */
const QUOTED_RUN = /[^"\\$%\r\n]+/y
/** A run of heredoc text with nothing to interpret (a line end ends a piece). */
const HEREDOC_RUN = /[^$%\n]+/y

/** Collects pieces, applying strip markers as they come (hclsyntax does the same). */
class Pieces {
  readonly list: Piece[] = []
  private trimNext = false

  /** A literal piece, in Unicode normal form C as HCL's string literals are. */
  text(value: string): void {
    const nfc = NON_ASCII.test(value) ? value.normalize('NFC') : value
    const v = this.trimNext ? nfc.trimStart() : nfc
    this.trimNext = false
    this.list.push({ t: 'text', value: v })
  }

  /** A `${` or `%{` piece; `open` is its opening `~`, `close` its closing `~`. */
  add(piece: Piece, open: boolean, close: boolean): void {
    const prev = this.list[this.list.length - 1]
    if (open && prev?.t === 'text') prev.value = prev.value.trimEnd()
    this.trimNext = close
    this.list.push(piece)
  }
}

/** Reads `${ expr ~}` or `%{ directive ~}` starting at `offset` (at the `$` or `%`). */
function readSequence(parser: Parser, offset: number, pieces: Pieces): number {
  const text = parser.scanner.text
  const directive = text.charCodeAt(offset) === 37
  let i = offset + 2
  const open = text.charCodeAt(i) === 126
  if (open) i++
  parser.offset = i
  parser.pushNewlines(false)
  parser.enter(offset)
  let piece: Piece
  if (directive) {
    piece = readDirective(parser, offset)
  } else {
    piece = { t: 'interp', expr: parser.parseExpression() }
  }
  let close = false
  if (parser.at('~')) {
    parser.next()
    close = true
  }
  const end = parser.expect('}', directive ? 'to close the directive' : 'to close "${"')
  parser.leave()
  parser.popNewlines()
  pieces.add(piece, open, close)
  return end.end
}

function readDirective(parser: Parser, at: number): Piece {
  const keyword = parser.peek()
  if (keyword.type === 'ident') {
    switch (keyword.text) {
      case 'if':
        parser.next()
        return { t: 'if', condition: parser.parseExpression(), at }
      case 'else':
      case 'endif':
      case 'endfor':
        parser.next()
        return { t: keyword.text, at }
      case 'for': {
        parser.next()
        let keyVar: string | undefined
        let valueVar = parser.expectIdent('a variable name after "for"').text
        if (parser.at(',')) {
          parser.next()
          keyVar = valueVar
          valueVar = parser.expectIdent('a value variable name after ","').text
        }
        const inTok = parser.peek()
        if (inTok.type !== 'ident' || inTok.text !== 'in') parser.fail(inTok, 'expected "in"')
        parser.next()
        return { t: 'for', keyVar, valueVar, collection: parser.parseExpression(), at }
      }
      default:
        break
    }
  }
  return parser.fail(keyword, 'expected a template directive (if, else, endif, for, endfor)')
}

/** A quoted template; `quote` is its opening `"` token. Leaves the parser after the closing `"`. */
export function parseQuoted(parser: Parser, quote: Token): Expr {
  const scanner = parser.scanner
  const text = scanner.text
  const pieces = new Pieces()
  let buf = ''
  let raw = false // whether any source text went into buf
  let i = quote.end
  for (;;) {
    const c = text.charCodeAt(i)
    if (Number.isNaN(c) || c === 10 || (c === 13 && text.charCodeAt(i + 1) === 10)) {
      throw scanner.error(quote.start, 'unterminated string (a quoted string ends on its line)')
    }
    if (c === 34) break
    QUOTED_RUN.lastIndex = i
    if (QUOTED_RUN.test(text)) {
      buf += text.slice(i, QUOTED_RUN.lastIndex)
      raw = true
      i = QUOTED_RUN.lastIndex
      continue
    }
    if (c === 92) {
      const [value, length] = readEscape(parser, i)
      buf += value
      raw = true
      i += length
      continue
    }
    if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === 123) {
      if (raw) pieces.text(buf)
      buf = ''
      raw = false
      i = readSequence(parser, i, pieces)
      continue
    }
    if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 123) {
      buf += text.slice(i + 1, i + 3) // `$${` is `${`, `%%{` is `%{`
      raw = true
      i += 3
      continue
    }
    buf += text.charAt(i)
    raw = true
    i++
  }
  if (raw) pieces.text(buf)
  parser.offset = i + 1
  return finish(parser, pieces.list, quote.start)
}

function readEscape(parser: Parser, at: number): [string, number] {
  const text = parser.scanner.text
  const letter = text[at + 1] ?? ''
  const simple = ESCAPES[letter]
  if (simple !== undefined) return [simple, 2]
  if (letter === 'u' || letter === 'U') {
    const digits = letter === 'u' ? 4 : 8
    const hex = text.slice(at + 2, at + 2 + digits)
    const code = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : -1
    if (code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw parser.scanner.error(at, `invalid \\${letter} escape: ${digits} hex digits expected`)
    }
    return [String.fromCodePoint(code), 2 + digits]
  }
  throw parser.scanner.error(at, `invalid escape sequence \\${letter}`)
}

/** A heredoc; `opener` is its `<<EOF` / `<<-EOF` token including the newline after it. */
export function parseHeredoc(parser: Parser, opener: Token): Expr {
  const scanner = parser.scanner
  const text = scanner.text
  const marker = opener.text
  const pieces = new Pieces()
  let i = opener.end
  let lineStart = true
  let buf = ''
  let raw = false
  for (;;) {
    if (lineStart) {
      let j = i
      while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++
      if (text.startsWith(marker, j)) {
        let k = j + marker.length
        while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++
        const after = text.charCodeAt(k)
        if (
          Number.isNaN(after) ||
          after === 10 ||
          (after === 13 && text.charCodeAt(k + 1) === 10)
        ) {
          parser.offset = k
          break
        }
      }
      lineStart = false
    }
    if (i >= text.length) {
      throw scanner.error(opener.start, `unterminated heredoc: no closing ${marker} line`)
    }
    HEREDOC_RUN.lastIndex = i
    if (HEREDOC_RUN.test(text)) {
      buf += text.slice(i, HEREDOC_RUN.lastIndex)
      raw = true
      i = HEREDOC_RUN.lastIndex
      if (i >= text.length) continue
    }
    const c = text.charCodeAt(i)
    if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === 123) {
      if (raw) pieces.text(buf)
      buf = ''
      raw = false
      i = readSequence(parser, i, pieces)
      continue
    }
    if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 123) {
      buf += text.slice(i + 1, i + 3)
      raw = true
      i += 3
      continue
    }
    buf += text.charAt(i)
    raw = true
    i++
    if (c === 10) {
      pieces.text(buf) // one literal piece per line, as the flush rule needs
      buf = ''
      raw = false
      lineStart = true
    }
  }
  if (raw) pieces.text(buf)
  if (opener.flush === true) flush(pieces.list)
  return finish(parser, pieces.list, opener.start)
}

/** `<<-`: remove the smallest leading-whitespace count of the non-blank lines from each line. */
function flush(list: Piece[]): void {
  let min = Infinity
  const lineLeading: { t: 'text'; value: string }[] = []
  let newline = true
  for (const piece of list) {
    if (newline) {
      newline = false
      let spaces = 0
      if (piece.t === 'text') {
        const trimmed = piece.value.trimStart()
        if (trimmed.length === 0 && piece.value.endsWith('\n')) {
          spaces = Infinity // a blank line does not count
        } else {
          spaces = piece.value.length - trimmed.length // whitespace is one UTF-16 unit
          lineLeading.push(piece)
        }
      }
      min = Math.min(min, spaces)
    }
    if (piece.t === 'text' && piece.value.endsWith('\n')) newline = true
  }
  if (!Number.isFinite(min) || min === 0) return
  for (const piece of lineLeading) piece.value = piece.value.slice(min)
}

/** Nests directives and builds the expression: literal, wrapped interpolation, or template. */
function finish(parser: Parser, list: readonly Piece[], start: number): Expr {
  const pos = parser.pos(start)
  const only = list[0]
  if (list.length === 1 && only?.t === 'interp') return only.expr
  const state = { index: 0, depth: 0 }
  const parts = nest(parser, list, state, undefined)
  if (parts.length === 0) return { kind: 'literal', value: '', pos }
  if (parts.length === 1 && parts[0]?.kind === 'text') {
    return { kind: 'literal', value: parts[0].value, pos }
  }
  return { kind: 'template', parts, pos }
}

/** What `nest` is inside of: the directive kind and its offset, for the error. */
interface Open {
  readonly kind: 'if' | 'else' | 'for'
  readonly at: number
}

const CLOSERS: Readonly<Record<Open['kind'], readonly string[]>> = {
  if: ['else', 'endif'],
  else: ['endif'],
  for: ['endfor'],
}

/** Parts up to the end of the list or a closing directive of `open` (which is consumed). */
function nest(
  parser: Parser,
  list: readonly Piece[],
  state: { index: number; depth: number },
  open: Open | undefined,
): TemplatePart[] {
  const parts: TemplatePart[] = []
  if (open !== undefined && ++state.depth > MAX_NESTING) {
    throw parser.scanner.error(
      open.at,
      `directives nested deeper than ${String(MAX_NESTING)} levels`,
    )
  }
  while (state.index < list.length) {
    const piece = list[state.index++]
    if (piece === undefined) break
    switch (piece.t) {
      case 'text': {
        const last = parts[parts.length - 1]
        if (last?.kind === 'text') {
          parts[parts.length - 1] = { kind: 'text', value: last.value + piece.value }
        } else if (piece.value !== '') {
          parts.push({ kind: 'text', value: piece.value })
        }
        break
      }
      case 'interp':
        parts.push({ kind: 'interpolation', expr: piece.expr })
        break
      case 'if': {
        const then = nest(parser, list, state, { kind: 'if', at: piece.at })
        const otherwise =
          list[state.index - 1]?.t === 'else'
            ? nest(parser, list, state, { kind: 'else', at: piece.at })
            : []
        parts.push({ kind: 'if', condition: piece.condition, then, else: otherwise })
        break
      }
      case 'for': {
        const body = nest(parser, list, state, { kind: 'for', at: piece.at })
        const { keyVar, valueVar, collection } = piece
        parts.push({ kind: 'for', keyVar, valueVar, collection, body })
        break
      }
      default:
        if (open === undefined || !CLOSERS[open.kind].includes(piece.t)) {
          throw parser.scanner.error(piece.at, `unexpected %{${piece.t}}`)
        }
        state.depth--
        return parts
    }
  }
  if (open !== undefined) {
    const kind = open.kind === 'for' ? 'for' : 'if'
    throw parser.scanner.error(open.at, `this %{${kind}} has no %{end${kind}}`)
  }
  return parts
}
