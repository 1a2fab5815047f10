/**
 * Test helpers: a compact text form of the HCL syntax tree, so that table rows can state the
 * expected parse of an expression in one line.
 *
 * - literal: JSON (`"a"`, `1`, `true`, `null`); variable: its name
 * - getattr `t.name`; index `t[key]`; splat `(splat t each)` with `@` for the element
 * - call `f(a, b...)`; tuple `[a, b]`; object `{k = v, …}`; parens `(( x ))`
 * - unary `(-x)`; binary `(a + b)`; conditional `(c ? a : b)`
 * - for `[for k, v in c : x if p]`, `{for k, v in c : k => v... if p}`
 * - template `tpl("text", ${x}, %if(c){…}else{…}, %for(k, v in c){…})`
 */
import { parseHcl, type Expr, type TemplatePart } from '../../../src/terraform/hcl/index.js'

export function show(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return JSON.stringify(e.value)
    case 'variable':
      return e.name
    case 'getattr':
      return `${show(e.target)}.${e.name}`
    case 'index':
      return `${show(e.target)}[${show(e.key)}]`
    case 'splat':
      return `(splat ${show(e.target)} ${show(e.each)})`
    case 'splat-item':
      return '@'
    case 'call':
      return `${e.name}(${e.args.map(show).join(', ')}${e.expandFinal ? '...' : ''})`
    case 'tuple':
      return `[${e.items.map(show).join(', ')}]`
    case 'object':
      return `{${e.items.map((i) => `${show(i.key)} = ${show(i.value)}`).join(', ')}}`
    case 'parens':
      return `(( ${show(e.expr)} ))`
    case 'unary':
      return `(${e.op}${show(e.operand)})`
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`
    case 'conditional':
      return `(${show(e.condition)} ? ${show(e.then)} : ${show(e.else)})`
    case 'for': {
      const vars = e.keyVar === undefined ? e.valueVar : `${e.keyVar}, ${e.valueVar}`
      const head = `for ${vars} in ${show(e.collection)} : `
      const cond = e.condition ? ` if ${show(e.condition)}` : ''
      if (!e.object) return `[${head}${show(e.valueExpr)}${cond}]`
      const key = e.keyExpr ? show(e.keyExpr) : '?'
      return `{${head}${key} => ${show(e.valueExpr)}${e.grouping ? '...' : ''}${cond}}`
    }
    case 'template':
      return `tpl(${showParts(e.parts)})`
  }
}

function showParts(parts: readonly TemplatePart[]): string {
  return parts
    .map((p) => {
      switch (p.kind) {
        case 'text':
          return JSON.stringify(p.value)
        case 'interpolation':
          return `\${${show(p.expr)}}`
        case 'if':
          return `%if(${show(p.condition)}){${showParts(p.then)}}else{${showParts(p.else)}}`
        case 'for': {
          const vars = p.keyVar === undefined ? p.valueVar : `${p.keyVar}, ${p.valueVar}`
          return `%for(${vars} in ${show(p.collection)}){${showParts(p.body)}}`
        }
      }
    })
    .join(', ')
}

/** The expression of `x = <source>`. */
export function expr(source: string): Expr {
  const body = parseHcl(`x = ${source}\n`, 'test.tf')
  const attribute = body.attributes[0]
  if (!attribute) throw new Error('no attribute')
  return attribute.expr
}

/** The message of the error `fn` throws. */
export function errorOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    return (e as Error).message
  }
  return 'no error'
}
