/**
 * Expression evaluation with Terraform's semantics: templates, operators (with string/number
 * conversion), conditionals, `for` expressions, splats and traversals. References are resolved
 * by `references.ts`, function calls by `functions/`.
 */
import type { BinaryOp, Expr, SourcePos, TemplatePart } from '../hcl/ast.js'
import { ComputedToken, TokenString, UnknownValue, type TfValue } from '../values.js'
import type { Scope } from './context.js'
import { callFunction } from './functions/index.js'
import { MAX_ELEMENTS, MAX_STRING } from './limits.js'
import { resolveTraversal, traverse, type Step } from './references.js'
import {
  entriesOf,
  equalValues,
  findUnknown,
  isList,
  isTokenLike,
  joinPieces,
  makeRecord,
  toBool,
  toNumber,
  toText,
  typeName,
} from './value-ops.js'

/** The name a splat binds its current element to (not a valid identifier, so no clash). */
const SPLAT_ITEM = ' splat'

/**
 * Evaluates `expr` in `scope`. Never throws for a bad expression: the result is then an
 * UnknownValue with a diagnostic.
 */
export function evalExpr(expr: Expr, scope: Scope): TfValue {
  const ctx = scope.module.runtime.ctx
  ctx.step()
  if (ctx.tooDeep())
    return ctx.error('limit', 'expression nesting or references too deep', scope.site, {
      pos: expr.pos,
    })
  ctx.depth++
  try {
    return evalNode(expr, scope)
  } finally {
    ctx.depth--
  }
}

function evalNode(expr: Expr, scope: Scope): TfValue {
  const ctx = scope.module.runtime.ctx
  switch (expr.kind) {
    case 'literal':
      return expr.value
    case 'parens':
      return evalExpr(expr.expr, scope)
    case 'template':
      return evalTemplate(expr.parts, scope, expr.pos, true)
    case 'variable':
    case 'getattr':
    case 'index':
      return evalTraversal(expr, scope)
    case 'splat-item': {
      const v = scope.names.get(SPLAT_ITEM)
      return v === undefined
        ? ctx.error('invalid-expression', 'splat item outside a splat', scope.site, {
            pos: expr.pos,
          })
        : v
    }
    case 'splat':
      return evalSplat(expr.target, expr.each, scope)
    case 'call':
      return callFunction(expr, scope)
    case 'tuple':
      return expr.items.map((i) => evalExpr(i, scope))
    case 'object': {
      const entries: [string, TfValue][] = []
      for (const item of expr.items) {
        const key = evalExpr(item.key, scope)
        if (key instanceof UnknownValue) return key
        const text = toText(key)
        if (!text.ok || typeof text.value !== 'string')
          return ctx.error('invalid-key', 'an object key must be a known string', scope.site, {
            pos: item.key.pos,
          })
        entries.push([text.value, evalExpr(item.value, scope)])
      }
      return makeRecord(entries)
    }
    case 'unary': {
      const v = evalExpr(expr.operand, scope)
      if (v instanceof UnknownValue) return v
      if (expr.op === '!') {
        const b = toBool(v)
        return b.ok ? !b.value : typeError(scope, expr.pos, b.why)
      }
      const n = toNumber(v)
      return n.ok ? -n.value : typeError(scope, expr.pos, n.why)
    }
    case 'binary':
      return evalBinary(expr.op, expr.left, expr.right, scope, expr.pos)
    case 'conditional': {
      const c = evalExpr(expr.condition, scope)
      if (c instanceof UnknownValue) return c
      if (isTokenLike(c)) return tokenUse(scope, expr.pos, c, 'a condition')
      const b = toBool(c)
      if (!b.ok) return typeError(scope, expr.pos, b.why)
      return evalExpr(b.value ? expr.then : expr.else, scope)
    }
    case 'for':
      return evalFor(expr, scope)
  }
}

function typeError(scope: Scope, pos: SourcePos, why: string): UnknownValue {
  return scope.module.runtime.ctx.error('type-error', why, scope.site, { pos })
}

/** An UnknownValue for a value known only after apply used where its content matters. */
export function tokenUse(
  scope: Scope,
  pos: SourcePos,
  v: ComputedToken | TokenString,
  what: string,
): UnknownValue {
  const token = v instanceof ComputedToken ? v : v.parts.find((p) => p instanceof ComputedToken)
  const name = token ? `${token.address}.${token.attribute}` : 'a computed value'
  return scope.module.runtime.ctx.unknown(
    'computed-value',
    `${name} is known only after apply and cannot be used as ${what}`,
    scope.site,
    { pos, ...(token ? { chain: token.chain } : {}) },
  )
}

/** Evaluates template parts to a string, a TokenString, or (one interpolation) its value. */
export function evalTemplate(
  parts: readonly TemplatePart[],
  scope: Scope,
  pos: SourcePos,
  top: boolean,
): TfValue {
  const only = parts[0]
  if (top && parts.length === 1 && only?.kind === 'interpolation') return evalExpr(only.expr, scope)
  const pieces: (string | ComputedToken | TokenString)[] = []
  let length = 0
  for (const part of parts) {
    const v = evalPart(part, scope, pos)
    if (v instanceof UnknownValue) return v
    length += textLength(v)
    if (length > MAX_STRING) return tooLong(scope, pos)
    pieces.push(v)
  }
  return joinPieces(pieces)
}

/** The characters a template piece adds (a computed token counts as none). */
function textLength(v: string | ComputedToken | TokenString): number {
  if (typeof v === 'string') return v.length
  if (v instanceof TokenString)
    return v.parts.reduce((n, p) => n + (typeof p === 'string' ? p.length : 0), 0)
  return 0
}

function tooLong(scope: Scope, pos: SourcePos): UnknownValue {
  return scope.module.runtime.ctx.error(
    'limit',
    `template result longer than ${String(MAX_STRING)} characters`,
    scope.site,
    { pos },
  )
}

function evalPart(
  part: TemplatePart,
  scope: Scope,
  pos: SourcePos,
): string | ComputedToken | TokenString | UnknownValue {
  const ctx = scope.module.runtime.ctx
  switch (part.kind) {
    case 'text':
      return part.value
    case 'interpolation': {
      const v = evalExpr(part.expr, scope)
      const t = toText(v)
      if (t.ok) return t.value
      return ctx.error('invalid-template', `invalid template interpolation: ${t.why}`, scope.site, {
        pos: part.expr.pos,
      })
    }
    case 'if': {
      const c = evalExpr(part.condition, scope)
      if (c instanceof UnknownValue) return c
      if (isTokenLike(c)) return tokenUse(scope, pos, c, 'a template condition')
      const b = toBool(c)
      if (!b.ok) return typeError(scope, pos, b.why)
      const r = evalTemplate(b.value ? part.then : part.else, scope, pos, false)
      return r as string | TokenString | ComputedToken | UnknownValue
    }
    case 'for': {
      const coll = evalExpr(part.collection, scope)
      if (coll instanceof UnknownValue) return coll
      const entries = entriesOf(coll)
      if (!entries) return typeError(scope, pos, `cannot iterate over a ${typeName(coll)} value`)
      const pieces: (string | ComputedToken | TokenString)[] = []
      let length = 0
      for (const [k, v] of entries) {
        const names = new Map(scope.names)
        if (part.keyVar !== undefined) names.set(part.keyVar, k)
        names.set(part.valueVar, v)
        const r = evalTemplate(part.body, { ...scope, names }, pos, false)
        if (r instanceof UnknownValue) return r
        length += textLength(r as string | TokenString | ComputedToken)
        if (length > MAX_STRING) return tooLong(scope, pos)
        pieces.push(r as string | TokenString | ComputedToken)
      }
      return joinPieces(pieces)
    }
  }
}

function evalTraversal(expr: Expr, scope: Scope): TfValue {
  const steps: Step[] = []
  let node = expr
  for (;;) {
    if (node.kind === 'getattr') {
      steps.unshift({ kind: 'attr', name: node.name, pos: node.pos })
      node = node.target
    } else if (node.kind === 'index') {
      steps.unshift({ kind: 'index', key: evalExpr(node.key, scope), pos: node.pos })
      node = node.target
    } else break
  }
  if (node.kind === 'variable') return resolveTraversal(node.name, node.pos, steps, scope)
  return traverse(evalExpr(node, scope), steps, scope)
}

function evalSplat(target: Expr, each: Expr, scope: Scope): TfValue {
  const ctx = scope.module.runtime.ctx
  const v = evalExpr(target, scope)
  if (v instanceof UnknownValue) return v
  const items = v === null ? [] : isList(v) ? v : [v]
  return items.map((item) => {
    ctx.step()
    const names = new Map(scope.names)
    names.set(SPLAT_ITEM, item)
    return evalExpr(each, { ...scope, names })
  })
}

function evalBinary(op: BinaryOp, le: Expr, re: Expr, scope: Scope, pos: SourcePos): TfValue {
  const ctx = scope.module.runtime.ctx
  const left = evalExpr(le, scope)
  if (op === '&&' || op === '||') {
    if (left instanceof UnknownValue) return left
    const l = toBool(left)
    if (!l.ok) return typeError(scope, pos, l.why)
    if (op === '&&' ? !l.value : l.value) return l.value
    const right = evalExpr(re, scope)
    if (right instanceof UnknownValue) return right
    const r = toBool(right)
    return r.ok ? r.value : typeError(scope, pos, r.why)
  }
  const right = evalExpr(re, scope)
  if (op === '==' || op === '!=') {
    const u = findUnknown(left) ?? findUnknown(right)
    if (u) return u
    const lt = isTokenLike(left)
    const rt = isTokenLike(right)
    if (lt || rt) {
      if (left === null || right === null) return op === '!='
      return tokenUse(scope, pos, (lt ? left : right) as ComputedToken, 'an operand of ' + op)
    }
    return equalValues(left, right) === (op === '==')
  }
  if (left instanceof UnknownValue) return left
  if (right instanceof UnknownValue) return right
  if (isTokenLike(left)) return tokenUse(scope, pos, left, 'a number')
  if (isTokenLike(right)) return tokenUse(scope, pos, right, 'a number')
  const l = toNumber(left)
  if (!l.ok) return typeError(scope, pos, l.why)
  const r = toNumber(right)
  if (!r.ok) return typeError(scope, pos, r.why)
  const a = l.value
  const b = r.value
  switch (op) {
    case '+':
      return a + b
    case '-':
      return a - b
    case '*':
      return a * b
    case '/':
    case '%':
      if (b === 0) return ctx.error('divide-by-zero', 'division by zero', scope.site, { pos })
      return op === '/' ? a / b : a % b
    case '<':
      return a < b
    case '<=':
      return a <= b
    case '>':
      return a > b
    default:
      return a >= b
  }
}

function evalFor(expr: Extract<Expr, { kind: 'for' }>, scope: Scope): TfValue {
  const ctx = scope.module.runtime.ctx
  const coll = evalExpr(expr.collection, scope)
  if (coll instanceof UnknownValue) return coll
  if (isTokenLike(coll)) return tokenUse(scope, expr.pos, coll, 'a for collection')
  const entries = entriesOf(coll)
  if (!entries) return typeError(scope, expr.pos, `cannot iterate over a ${typeName(coll)} value`)
  if (entries.length > MAX_ELEMENTS)
    return ctx.error('limit', 'for expression over too many elements', scope.site, {
      pos: expr.pos,
    })
  const list: TfValue[] = []
  const map = new Map<string, TfValue>()
  const groups = new Map<string, TfValue[]>()
  for (const [k, v] of entries) {
    ctx.step()
    const names = new Map(scope.names)
    if (expr.keyVar !== undefined) names.set(expr.keyVar, k)
    names.set(expr.valueVar, v)
    const inner = { ...scope, names }
    if (expr.condition) {
      const c = evalExpr(expr.condition, inner)
      if (c instanceof UnknownValue) return c
      const b = toBool(c)
      if (!b.ok) return typeError(scope, expr.pos, b.why)
      if (!b.value) continue
    }
    if (!expr.object || !expr.keyExpr) {
      list.push(evalExpr(expr.valueExpr, inner))
      continue
    }
    const key = evalExpr(expr.keyExpr, inner)
    if (key instanceof UnknownValue) return key
    const text = toText(key)
    if (!text.ok || typeof text.value !== 'string')
      return ctx.error('invalid-key', 'a for expression key must be a known string', scope.site, {
        pos: expr.keyExpr.pos,
      })
    const value = evalExpr(expr.valueExpr, inner)
    if (expr.grouping) {
      const g = groups.get(text.value)
      if (g) g.push(value)
      else groups.set(text.value, [value])
    } else if (map.has(text.value))
      return ctx.error(
        'duplicate-key',
        `duplicate key ${JSON.stringify(text.value)} in a for expression (use ... to group)`,
        scope.site,
        { pos: expr.pos },
      )
    else map.set(text.value, value)
  }
  if (!expr.object) return list
  return makeRecord(expr.grouping ? groups.entries() : map.entries())
}
