/**
 * Expressions of HCL native syntax: operators with HCL's precedence, conditionals, traversals
 * (attribute, index, legacy `.0` index, `.*` and `[*]` splats), function calls, tuples,
 * objects and `for` expressions. Templates are read by `template.ts`, which calls back here for
 * their `${ … }` and `%{ … }` parts.
 *
 * Grammar: hashicorp/hcl `hclsyntax/spec.md` ("Expressions"). Newlines end an attribute or an
 * object item, but are ignored inside `( )`, `[ ]`, `${ }` and `for` expressions, as the spec
 * and the reference parser do.
 */
import type { BinaryOp, Expr, SourcePos } from './ast.js'
import { MAX_NESTING, Scanner, type Token } from './lexer.js'
import { parseObject, parseTuple } from './collections.js'
import { parseHeredoc, parseQuoted } from './template.js'

const BINARY_LEVEL: Readonly<Record<string, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
}

function describe(tok: Token): string {
  switch (tok.type) {
    case 'eof':
      return 'end of file'
    case 'newline':
      return 'newline'
    case 'quote':
      return 'string'
    case 'heredoc':
      return 'heredoc'
    default:
      return JSON.stringify(tok.text)
  }
}

/** A recursive-descent parser over one {@link Scanner}; `offset` is where the next token starts. */
export class Parser {
  readonly scanner: Scanner
  offset = 0
  private readonly newlineModes: boolean[] = [true]
  private depth = 0
  private cacheOffset = -1
  private cacheMode = false
  private cacheToken: Token | undefined

  constructor(scanner: Scanner) {
    this.scanner = scanner
  }

  /** Newlines are tokens while `include` is pushed; they are skipped otherwise. */
  pushNewlines(include: boolean): void {
    this.newlineModes.push(include)
  }

  popNewlines(): void {
    this.newlineModes.pop()
  }

  private get includeNewlines(): boolean {
    return this.newlineModes[this.newlineModes.length - 1] ?? true
  }

  /** The next token, without consuming it. */
  peek(): Token {
    const mode = this.includeNewlines
    if (this.cacheToken && this.cacheOffset === this.offset && this.cacheMode === mode) {
      return this.cacheToken
    }
    let tok = this.scanner.token(this.offset)
    while (!mode && tok.type === 'newline') tok = this.scanner.token(tok.end)
    this.cacheOffset = this.offset
    this.cacheMode = mode
    this.cacheToken = tok
    return tok
  }

  /** The token after `tok` (newlines skipped when they are skipped now). */
  peekAfter(tok: Token): Token {
    let next = this.scanner.token(tok.end)
    while (!this.includeNewlines && next.type === 'newline') next = this.scanner.token(next.end)
    return next
  }

  next(): Token {
    const tok = this.peek()
    this.offset = tok.end
    return tok
  }

  /** Whether the next token is the punctuation `text`. */
  at(text: string): boolean {
    const tok = this.peek()
    return tok.type === 'punct' && tok.text === text
  }

  /** Consumes the punctuation `text` or throws naming what was found. */
  expect(text: string, context: string): Token {
    const tok = this.peek()
    if (tok.type !== 'punct' || tok.text !== text) {
      throw this.scanner.error(tok.start, `expected "${text}" ${context}, found ${describe(tok)}`)
    }
    return this.next()
  }

  /** Consumes an identifier or throws. */
  expectIdent(context: string): Token {
    const tok = this.peek()
    if (tok.type !== 'ident') {
      throw this.scanner.error(tok.start, `expected ${context}, found ${describe(tok)}`)
    }
    return this.next()
  }

  fail(tok: Token, message: string): never {
    throw this.scanner.error(tok.start, `${message}, found ${describe(tok)}`)
  }

  pos(offset: number): SourcePos {
    return this.scanner.pos(offset)
  }

  /** Counts one level of nesting; throws past {@link MAX_NESTING}. */
  enter(offset: number): void {
    if (++this.depth > MAX_NESTING) {
      throw this.scanner.error(offset, `nesting deeper than ${String(MAX_NESTING)} levels`)
    }
  }

  leave(): void {
    this.depth--
  }

  /** Expression = conditional | operation | term (spec: "Expressions"). */
  parseExpression(): Expr {
    const start = this.peek().start
    this.enter(start)
    const condition = this.parseBinary(1)
    let result = condition
    if (this.at('?')) {
      this.next()
      const then = this.parseExpression()
      this.expect(':', 'in a conditional expression')
      const otherwise = this.parseExpression()
      result = {
        kind: 'conditional',
        condition,
        then,
        else: otherwise,
        pos: condition.pos,
      }
    }
    this.leave()
    return result
  }

  private parseBinary(minLevel: number): Expr {
    let left = this.parseUnary()
    for (;;) {
      const tok = this.peek()
      if (tok.type !== 'punct') return left
      const level = BINARY_LEVEL[tok.text]
      if (level === undefined || level < minLevel) return left
      this.next()
      const right = this.parseBinary(level + 1)
      left = { kind: 'binary', op: tok.text as BinaryOp, left, right, pos: left.pos }
    }
  }

  private parseUnary(): Expr {
    const tok = this.peek()
    if (tok.type === 'punct' && (tok.text === '-' || tok.text === '!')) {
      this.next()
      this.enter(tok.start)
      const operand = this.parseUnary()
      this.leave()
      return { kind: 'unary', op: tok.text, operand, pos: this.pos(tok.start) }
    }
    return this.parseTraversals(this.parseTerm())
  }

  /** `.name`, `.0`, `.*`, `[key]` and `[*]` after any term. */
  private parseTraversals(term: Expr): Expr {
    let expr = term
    for (;;) {
      if (this.at('.')) {
        const dot = this.next()
        const tok = this.peek()
        if (tok.type === 'punct' && tok.text === '*') {
          this.next()
          expr = this.parseSplat(expr, dot, false)
        } else {
          expr = this.parseDotStep(expr, this.pos(dot.start))
        }
      } else if (this.at('[')) {
        const open = this.next()
        this.pushNewlines(false)
        if (this.at('*')) {
          this.next()
          this.expect(']', 'after "[*"')
          this.popNewlines()
          expr = this.parseSplat(expr, open, true)
        } else {
          const key = this.parseExpression()
          this.expect(']', 'to close the index')
          this.popNewlines()
          expr = { kind: 'index', target: expr, key, pos: this.pos(open.start) }
        }
      } else {
        return expr
      }
    }
  }

  /** After a `.`: an attribute name, or a legacy index `.0`. */
  private parseDotStep(target: Expr, pos: SourcePos): Expr {
    const tok = this.peek()
    if (tok.type === 'ident') {
      this.next()
      return { kind: 'getattr', target, name: tok.text, pos }
    }
    if (tok.type === 'number' && /^\d+$/.test(tok.text)) {
      this.next()
      const key: Expr = { kind: 'literal', value: Number(tok.text), pos: this.pos(tok.start) }
      return { kind: 'index', target, key, pos }
    }
    if (tok.type === 'number' && /^\d+\.\d+$/.test(tok.text)) {
      // `.0.1` scans as the number 0.1; HCL refuses it too.
      this.fail(tok, 'chained legacy indexes (.0.1) are not allowed, write [0][1]')
    }
    return this.fail(tok, 'expected an attribute name after "."')
  }

  /**
   * The steps after `.*` (attribute steps only) or `[*]` (attribute and index steps) apply to
   * each element: they become `each`, over a `splat-item`.
   */
  private parseSplat(target: Expr, opener: Token, full: boolean): Expr {
    const pos = this.pos(opener.start)
    let each: Expr = { kind: 'splat-item', pos }
    for (;;) {
      if (this.at('.')) {
        const dot = this.peek()
        const after = this.peekAfter(dot)
        if (after.type === 'punct' && after.text === '*') break
        this.next()
        each = this.parseDotStep(each, this.pos(dot.start))
      } else if (full && this.at('[')) {
        const open = this.peek()
        const after = this.peekAfter(open)
        if (after.type === 'punct' && after.text === '*') break
        this.next()
        this.pushNewlines(false)
        const key = this.parseExpression()
        this.expect(']', 'to close the index')
        this.popNewlines()
        each = { kind: 'index', target: each, key, pos: this.pos(open.start) }
      } else {
        break
      }
    }
    return { kind: 'splat', target, each, pos }
  }

  private parseTerm(): Expr {
    const tok = this.peek()
    const pos = this.pos(tok.start)
    switch (tok.type) {
      case 'number': {
        this.next()
        const value = Number(tok.text)
        if (!Number.isFinite(value)) this.fail(tok, 'number out of range')
        return { kind: 'literal', value, pos }
      }
      case 'ident':
        return this.parseIdentTerm(tok, pos)
      case 'quote':
        this.next()
        return parseQuoted(this, tok)
      case 'heredoc':
        this.next()
        return parseHeredoc(this, tok)
      case 'punct':
        if (tok.text === '(') {
          this.next()
          this.pushNewlines(false)
          const expr = this.parseExpression()
          this.expect(')', 'to close the parenthesis')
          this.popNewlines()
          return { kind: 'parens', expr, pos }
        }
        if (tok.text === '[') return parseTuple(this)
        if (tok.text === '{') return parseObject(this)
        break
      default:
        break
    }
    return this.fail(tok, 'expected an expression')
  }

  private parseIdentTerm(tok: Token, pos: SourcePos): Expr {
    this.next()
    if (tok.text === 'true' || tok.text === 'false') {
      return { kind: 'literal', value: tok.text === 'true', pos }
    }
    if (tok.text === 'null') return { kind: 'literal', value: null, pos }
    let name = tok.text
    if (this.at('::')) {
      while (this.at('::')) {
        this.next()
        name += '::' + this.expectIdent('a function name after "::"').text
      }
      if (!this.at('(')) this.fail(this.peek(), `expected "(" after the function name ${name}`)
    }
    if (!this.at('(')) return { kind: 'variable', name, pos }
    this.next()
    this.pushNewlines(false)
    const args: Expr[] = []
    let expandFinal = false
    while (!this.at(')')) {
      args.push(this.parseExpression())
      if (this.at('...')) {
        this.next()
        expandFinal = true // HCL: `...` is immediately followed by `)`
        break
      }
      if (this.at(',')) this.next()
      else break
    }
    this.expect(')', `to close the arguments of ${name}`)
    this.popNewlines()
    return { kind: 'call', name, args, expandFinal, pos }
  }
}
