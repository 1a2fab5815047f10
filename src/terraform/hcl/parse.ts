/**
 * The HCL2 native syntax parser used by Portico's Terraform reader: a `.tf` (or `.tfvars`)
 * file's text to the syntax tree of `ast.ts`, with expressions fully parsed and every node
 * carrying its file, line and column.
 *
 * Why Portico owns a parser: the npm HCL parsers either leave expressions as source text (the
 * reader must evaluate references, templates, calls and `for` expressions to find how API
 * resources link to each other and to their Lambda code), are unmaintained, or are archived;
 * the maintained WASM build of the Go parser (`@cdktn/hcl2json`) renders expressions back to
 * strings and is asynchronous. So an expression parser is needed in any case, and the whole
 * native syntax is small. `@cdktn/hcl2json` serves as a test oracle on real files instead.
 *
 * Specification: hashicorp/hcl `hclsyntax/spec.md` (HCL Native Syntax Specification),
 * https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md. Legacy Terraform 0.11 forms
 * (`"${var.x}"`, `var.list.0`, `x.*.id`) are part of that grammar and parse as HCL2 does.
 */
import type { Expr, HclAttribute, HclBlock, HclBody } from './ast.js'
import { Parser } from './expression.js'
import { Scanner, type Token } from './lexer.js'
import { parseQuoted } from './template.js'

/**
 * Parses a file of HCL native syntax.
 *
 * @param text - the file's text
 * @param file - the path to name in positions and errors
 * @returns the file's body: its attributes and blocks in source order
 * @throws ConfigError `<file>:<line>:<column>: <what is wrong>` on a syntax error, a duplicate
 *   attribute in one body, or nesting deeper than 200 levels
 */
export function parseHcl(text: string, file: string): HclBody {
  const parser = new Parser(
    new Scanner(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text, file),
  )
  const body = parseBody(parser, undefined)
  return body
}

/** Body = (Attribute | Block | OneLineBlock)* up to end of file or the `}` of `open`. */
function parseBody(parser: Parser, open: Token | undefined): HclBody {
  const attributes: HclAttribute[] = []
  const blocks: HclBlock[] = []
  const seen = new Map<string, HclAttribute>()
  const pos = parser.pos(open ? open.end : 0)
  for (;;) {
    const tok = parser.peek()
    if (tok.type === 'newline') {
      parser.next()
      continue
    }
    if (tok.type === 'eof') {
      if (open) throw parser.scanner.error(open.start, 'this block has no closing "}"')
      break
    }
    if (tok.type === 'punct' && tok.text === '}') {
      if (!open) parser.fail(tok, 'expected an attribute or block')
      parser.next()
      break
    }
    if (tok.type !== 'ident') parser.fail(tok, 'expected an attribute or block')
    const after = parser.peekAfter(tok)
    if (after.type === 'punct' && after.text === '=') {
      const attribute = parseAttribute(parser, tok)
      const first = seen.get(attribute.name)
      if (first) {
        throw parser.scanner.error(
          tok.start,
          `duplicate attribute "${attribute.name}" (first set at line ${String(first.pos.line)})`,
        )
      }
      seen.set(attribute.name, attribute)
      attributes.push(attribute)
    } else {
      blocks.push(parseBlock(parser, tok))
    }
    endOfItem(parser)
  }
  return { attributes, blocks, pos }
}

/** After an item in a multi-line body: a newline or the end of the file. */
function endOfItem(parser: Parser): void {
  const tok = parser.peek()
  if (tok.type === 'newline') parser.next()
  else if (tok.type !== 'eof') parser.fail(tok, 'expected a newline after the attribute or block')
}

function parseAttribute(parser: Parser, name: Token): HclAttribute {
  parser.next()
  parser.next() // `=`
  const expr: Expr = parser.parseExpression()
  return { name: name.text, expr, pos: parser.pos(name.start) }
}

/** Block = Identifier (StringLit | Identifier)* "{" Newline Body "}" Newline, or one-line. */
function parseBlock(parser: Parser, type: Token): HclBlock {
  parser.next()
  parser.enter(type.start)
  const labels: string[] = []
  for (;;) {
    const tok = parser.peek()
    if (tok.type === 'ident') {
      parser.next()
      labels.push(tok.text)
    } else if (tok.type === 'quote') {
      parser.next()
      const label = parseQuoted(parser, tok)
      if (label.kind !== 'literal' || typeof label.value !== 'string') {
        throw parser.scanner.error(tok.start, 'a block label cannot hold ${ } or %{ }')
      }
      labels.push(label.value)
    } else if (tok.type === 'punct' && tok.text === '{') {
      break
    } else {
      parser.fail(tok, `expected a label or "{" in the ${type.text} block`)
    }
  }
  const open = parser.next()
  const first = parser.peek()
  let body: HclBody
  if (first.type === 'newline' || first.type === 'eof') {
    body = parseBody(parser, open)
  } else {
    body = parseOneLineBody(parser, open)
  }
  parser.leave()
  return { type: type.text, labels, body, pos: parser.pos(type.start) }
}

/** `block { }` or `block { name = value }` on one line: at most one attribute, no block. */
function parseOneLineBody(parser: Parser, open: Token): HclBody {
  const pos = parser.pos(open.end)
  const tok = parser.peek()
  const attributes: HclAttribute[] = []
  if (!(tok.type === 'punct' && tok.text === '}')) {
    const after = parser.peekAfter(tok)
    if (tok.type !== 'ident' || after.type !== 'punct' || after.text !== '=') {
      parser.fail(tok, 'a one-line block holds at most one attribute, expected "name ="')
    }
    attributes.push(parseAttribute(parser, tok))
  }
  parser.expect('}', 'to close the one-line block (one attribute at most)')
  return { attributes, blocks: [], pos }
}
