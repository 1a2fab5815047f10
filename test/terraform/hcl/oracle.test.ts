/**
 * parseHcl against HashiCorp's own parser (Go hclsyntax, compiled to WASM in @cdktn/hcl2json)
 * on real Terraform files (fixtures/, sources in fixtures/SOURCE.md):
 *
 * 1. Structure: the oracle's JSON form (blocks keyed by type then label, attributes by name)
 *    must equal ours: same block types, labels, attribute names, and the same literal values.
 *    The oracle writes expressions as `${…}` strings; ours are then non-literal.
 * 2. Expressions: for each non-literal attribute, the functions called and the variables
 *    referenced (roots of traversals) in the oracle's syntax tree of the expression
 *    (`getExpressionAst`) equal those in ours.
 * 3. Syntax errors: the fixtures with a random cut and insertion are accepted or refused by
 *    both parsers alike.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  parseHcl,
  type Expr,
  type HclBody,
  type TemplatePart,
} from '../../../src/terraform/hcl/index.js'

// Imported by a computed name: its types reference the DOM lib, which would change Buffer and
// Headers for every other test in the type-check.
const ORACLE = '@cdktn/hcl2json'
const { getExpressionAst, parse } = (await import(ORACLE)) as {
  parse(file: string, text: string): Promise<Record<string, unknown>>
  getExpressionAst(file: string, expression: string): Promise<unknown>
}

const FIXTURES = join(import.meta.dirname, 'fixtures')
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.tf'))

/** An attribute value that is not a literal: its expression, to compare with the oracle's. */
class NonLiteral {
  readonly expr: Expr
  constructor(expr: Expr) {
    this.expr = expr
  }
}

function fold(e: Expr): unknown {
  switch (e.kind) {
    case 'literal':
      return e.value
    case 'unary': {
      const v = fold(e.operand)
      if (e.op === '-' && typeof v === 'number') return -v
      if (e.op === '!' && typeof v === 'boolean') return !v
      return new NonLiteral(e)
    }
    case 'tuple':
      return e.items.map(fold)
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const { key, value } of e.items) {
        const k = key.kind === 'literal' ? key.value : undefined
        if (typeof k !== 'string' && typeof k !== 'number' && typeof k !== 'boolean') {
          return new NonLiteral(e)
        }
        out[String(k)] = fold(value)
      }
      return out
    }
    default:
      return new NonLiteral(e)
  }
}

/** Our body in hcl2json's JSON form. */
function toJson(body: HclBody): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const a of body.attributes) out[a.name] = fold(a.expr)
  for (const b of body.blocks) {
    let holder: Record<string, unknown> = out
    let key = b.type
    for (const label of b.labels) {
      holder = (holder[key] ??= {}) as Record<string, unknown>
      key = label
    }
    ;((holder[key] ??= []) as unknown[]).push(toJson(b.body))
  }
  return out
}

/** Functions called and traversal roots referenced, sorted. */
function references(e: Expr | readonly TemplatePart[], out: string[] = []): string[] {
  const visit = (x: Expr | readonly TemplatePart[] | undefined): void => {
    if (x !== undefined) references(x, out)
  }
  if (Array.isArray(e)) {
    for (const p of e as readonly TemplatePart[]) {
      if (p.kind === 'interpolation') visit(p.expr)
      else if (p.kind === 'if') [p.condition, p.then, p.else].forEach(visit)
      else if (p.kind === 'for') [p.collection, p.body].forEach(visit)
    }
    return out.sort()
  }
  const x = e as Expr
  switch (x.kind) {
    case 'variable':
      out.push(`var:${x.name}`)
      break
    case 'call':
      out.push(`call:${x.name}`)
      x.args.forEach(visit)
      break
    case 'getattr':
      visit(x.target)
      break
    case 'index':
      ;[x.target, x.key].forEach(visit)
      break
    case 'splat':
      ;[x.target, x.each].forEach(visit)
      break
    case 'tuple':
      x.items.forEach(visit)
      break
    case 'object':
      x.items.forEach((i) => [i.key, i.value].forEach(visit))
      break
    case 'parens':
      visit(x.expr)
      break
    case 'unary':
      visit(x.operand)
      break
    case 'binary':
      ;[x.left, x.right].forEach(visit)
      break
    case 'conditional':
      ;[x.condition, x.then, x.else].forEach(visit)
      break
    case 'for':
      ;[x.collection, x.keyExpr, x.valueExpr, x.condition].forEach(visit)
      break
    case 'template':
      visit(x.parts)
      break
    default:
      break
  }
  return out.sort()
}

interface GoNode {
  type: string
  meta?: { name?: string; traversal?: { segment: string }[] }
  children?: GoNode[]
}

function goReferences(node: GoNode | null, out: string[] = []): string[] {
  if (!node) return out
  if (node.type === 'function' && node.meta?.name) out.push(`call:${node.meta.name}`)
  const root = node.type === 'scopeTraversal' ? node.meta?.traversal?.[0]?.segment : undefined
  if (root !== undefined) out.push(`var:${root}`)
  for (const c of node.children ?? []) goReferences(c, out)
  return out.sort()
}

/** The oracle's tree for an expression it printed as a string (`${src}` or template text). */
async function oracleTree(printed: string): Promise<GoNode | undefined> {
  const attempts = [`<<EOT\n${printed}\nEOT\n`]
  if (printed.startsWith('${') && printed.endsWith('}')) attempts.unshift(printed.slice(2, -1))
  for (const source of attempts) {
    try {
      return ((await getExpressionAst('oracle.tf', source)) as GoNode | null) ?? undefined
    } catch {
      // try the next form
    }
  }
  return undefined
}

/** Walks both forms: literal values must match, expressions are collected for step 2. */
function compare(
  mine: unknown,
  theirs: unknown,
  path: string,
  problems: string[],
  exprs: [string, Expr, string][],
): void {
  if (typeof theirs === 'string' && /\$\{|%\{/.test(theirs)) {
    if (mine instanceof NonLiteral) exprs.push([path, mine.expr, theirs])
    else if (mine !== theirs) problems.push(`${path}: oracle has an expression, we have a literal`)
    return
  }
  if (mine instanceof NonLiteral) {
    problems.push(`${path}: oracle has ${JSON.stringify(theirs)}, we have an expression`)
  } else if (typeof theirs === 'object' && theirs !== null) {
    if (
      typeof mine !== 'object' ||
      mine === null ||
      Array.isArray(mine) !== Array.isArray(theirs)
    ) {
      problems.push(`${path}: shape differs`)
      return
    }
    const a = mine as Record<string, unknown>
    const b = theirs as Record<string, unknown>
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      compare(a[k], b[k], `${path}.${k}`, problems, exprs)
    }
  } else if (mine !== theirs) {
    problems.push(`${path}: ${JSON.stringify(mine)} != ${JSON.stringify(theirs)}`)
  }
}

describe('parseHcl agrees with HashiCorp hclsyntax (via @cdktn/hcl2json)', () => {
  it('has fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(8)
  })

  it.each(files)('%s', async (file) => {
    const text = readFileSync(join(FIXTURES, file), 'utf8')
    const theirs = await parse(file, text)
    const problems: string[] = []
    const exprs: [string, Expr, string][] = []
    compare(toJson(parseHcl(text, file)), theirs, '', problems, exprs)
    expect(problems).toEqual([])
    let checked = 0
    for (const [path, expr, printed] of exprs) {
      const tree = await oracleTree(printed)
      if (tree === undefined) continue
      checked++
      expect(references(expr), path).toEqual(goReferences(tree))
    }
    // Nearly every expression could be re-read by the oracle and was compared.
    expect(checked).toBeGreaterThanOrEqual(Math.floor(exprs.length * 0.9))
  })
})

const FRAGMENTS = [
  ...['a', 'b.c', ' = ', '=', ':', ',', '\n', ' ', '{', '}', '[', ']', '(', ')', '"', '\\'],
  ...['${', '%{', '~', '~}', 'if ', 'for ', 'in ', '$${', '%%{', '<<EOF\n', 'EOF\n', '<<-EOT\n'],
  ...['1', '.0', '.*', '[*]', '...', '?', '!', '-', '#', '//', '/*', '*/', '%{endif}', '::'],
  ...['%{ for x in y }', '%{endfor}', '[for x in y : x]', '\\u00', '=>', '&&', '<', '*', ''],
]

describe('parseHcl refuses what hclsyntax refuses', () => {
  it('on real files with a random cut and insertion', async () => {
    const texts = files.map((f) => readFileSync(join(FIXTURES, f), 'utf8'))
    const cases = fc.sample(
      fc.tuple(
        fc.constantFrom(...texts),
        fc.nat(),
        fc.nat({ max: 3 }),
        fc.constantFrom(...FRAGMENTS),
      ),
      { numRuns: 300, seed: 17 },
    )
    const disagreements: string[] = []
    for (const [text, at, cut, insert] of cases) {
      const i = at % (text.length + 1)
      const source = text.slice(0, i) + insert + text.slice(i + cut)
      let ours = 'accepted'
      try {
        parseHcl(source, 'm.tf')
      } catch (e) {
        ours = 'refused'
        expect(e).toBeInstanceOf(Error)
      }
      let theirs = 'accepted'
      try {
        await parse('m.tf', source)
      } catch (e) {
        // hcl2json also fails converting some valid files (`-true`): only its parse errors count
        theirs = /parse config/.test(String(e)) ? 'refused' : ours
      }
      if (ours !== theirs) {
        disagreements.push(`${ours} by us: ${JSON.stringify(source.slice(i - 40, i + 40))}`)
      }
    }
    expect(disagreements).toEqual([])
  })
})
