/**
 * Collection expressions of HCL native syntax: tuples `[a, b]`, objects `{ k = v }` (items
 * separated by commas or newlines, `=` or `:`), and `for` expressions in either bracket.
 *
 * Grammar: hashicorp/hcl `hclsyntax/spec.md` ("Collection Values", "For Expressions").
 */
import type { Expr } from './ast.js'
import type { Parser } from './expression.js'
import type { Token } from './lexer.js'

/** Whether the next token is the keyword `for`, which opens a `for` expression. */
function atFor(p: Parser): boolean {
  const tok = p.peek()
  return tok.type === 'ident' && tok.text === 'for'
}

/** `[ a, b ]` or `[for …]`, at the `[`. */
export function parseTuple(p: Parser): Expr {
  const open = p.next()
  p.pushNewlines(false)
  if (atFor(p)) {
    const expr = parseFor(p, open, false)
    p.popNewlines()
    return expr
  }
  const items: Expr[] = []
  while (!p.at(']')) {
    items.push(p.parseExpression())
    if (p.at(',')) p.next()
    else break
  }
  p.expect(']', 'to close the tuple')
  p.popNewlines()
  return { kind: 'tuple', items, pos: p.pos(open.start) }
}

/** `{ k = v }` or `{for …}`, at the `{`. */
export function parseObject(p: Parser): Expr {
  const open = p.next()
  p.pushNewlines(false)
  if (atFor(p)) {
    const expr = parseFor(p, open, true)
    p.popNewlines()
    return expr
  }
  p.popNewlines()
  p.pushNewlines(true)
  const items: { key: Expr; value: Expr }[] = []
  for (;;) {
    let tok = p.peek()
    while (tok.type === 'newline') {
      p.next()
      tok = p.peek()
    }
    if (tok.type === 'punct' && tok.text === '}') break
    const key = parseObjectKey(p, tok)
    const sep = p.peek()
    if (sep.type !== 'punct' || (sep.text !== '=' && sep.text !== ':')) {
      p.fail(sep, 'expected "=" or ":" after an object key')
    }
    p.next()
    const value = p.parseExpression()
    items.push({ key, value })
    const after = p.peek()
    if (after.type === 'newline' || (after.type === 'punct' && after.text === ',')) {
      p.next()
    } else if (after.type !== 'punct' || after.text !== '}') {
      p.fail(after, 'expected a comma or newline after an object item')
    }
  }
  p.next()
  p.popNewlines()
  return { kind: 'object', items, pos: p.pos(open.start) }
}

/** A bare identifier key is the literal string of its name; anything else is an expression. */
function parseObjectKey(p: Parser, tok: Token): Expr {
  if (tok.type === 'ident') {
    const after = p.scanner.token(tok.end)
    if (after.type === 'punct' && (after.text === '=' || after.text === ':')) {
      p.next()
      return { kind: 'literal', value: tok.text, pos: p.pos(tok.start) }
    }
  }
  return p.parseExpression() // newlines still end it, as in hclsyntax
}

/** `for k, v in coll : value if cond` after the opening bracket (newlines are skipped). */
function parseFor(p: Parser, open: Token, object: boolean): Expr {
  p.next() // `for`
  let keyVar: string | undefined
  let valueVar = p.expectIdent('a variable name after "for"').text
  if (p.at(',')) {
    p.next()
    keyVar = valueVar
    valueVar = p.expectIdent('a value variable name after ","').text
  }
  const inTok = p.peek()
  if (inTok.type !== 'ident' || inTok.text !== 'in') p.fail(inTok, 'expected "in"')
  p.next()
  const collection = p.parseExpression()
  p.expect(':', 'after the collection of a for expression')
  let keyExpr: Expr | undefined
  if (object) {
    keyExpr = p.parseExpression()
    p.expect('=>', 'after the key of a for expression')
  }
  const valueExpr = p.parseExpression()
  let grouping = false
  if (object && p.at('...')) {
    p.next()
    grouping = true
  }
  let condition: Expr | undefined
  const ifTok = p.peek()
  if (ifTok.type === 'ident' && ifTok.text === 'if') {
    p.next()
    condition = p.parseExpression()
  }
  p.expect(object ? '}' : ']', 'to close the for expression')
  return {
    kind: 'for',
    keyVar,
    valueVar,
    collection,
    keyExpr,
    valueExpr,
    condition,
    object,
    grouping,
    pos: p.pos(open.start),
  }
}
