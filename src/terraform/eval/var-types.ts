/**
 * Conversion of a variable's value to its declared `type` (Terraform's type constraints):
 * `"5"` for a number becomes 5, `optional()` object attributes get their defaults, sets lose
 * duplicates. A value that does not convert is an UnknownValue with an `invalid-variable`
 * diagnostic.
 */
import type { Expr, SourcePos } from '../hcl/ast.js'
import { UnknownValue, type TfValue } from '../values.js'
import type { Scope } from './context.js'
import { evalExpr } from './expr.js'
import {
  equalValues,
  field,
  isList,
  isRecord,
  isTokenLike,
  makeRecord,
  sortedKeys,
  toBool,
  toNumber,
  toText,
  typeName,
} from './value-ops.js'

/** Converts `value` to the type `typeExpr` describes. */
export function convertToType(
  value: TfValue,
  typeExpr: Expr,
  scope: Scope,
  pos: SourcePos,
): TfValue {
  const result = convert(value, typeExpr, scope, 0)
  if (isFailure(result))
    return scope.module.runtime.ctx.error(
      'invalid-variable',
      `${scope.site.address ?? 'variable'}: ${result.why}`,
      scope.site,
      { pos },
    )
  return result
}

/** Why a value does not convert (a class, so it is never mistaken for an object value). */
class Failure {
  readonly why: string
  constructor(why: string) {
    this.why = why
  }
}

type Result = TfValue | Failure

function failed(why: string): Result {
  return new Failure(why)
}

function isFailure(r: Result): r is Failure {
  return r instanceof Failure
}

function convert(value: TfValue, t: Expr, scope: Scope, depth: number): Result {
  if (value === null || value instanceof UnknownValue || depth > 32) return value
  if (t.kind === 'literal' && typeof t.value === 'string') {
    // Terraform 0.11: type = "string" | "list" | "map"
    const legacy = t.value === 'list' ? 'list' : t.value === 'map' ? 'map' : undefined
    if (legacy === 'list' && !isList(value))
      return failed(`a list is required, got ${typeName(value)}`)
    if (legacy === 'map' && !isRecord(value))
      return failed(`a map is required, got ${typeName(value)}`)
    return value
  }
  if (t.kind === 'variable') {
    switch (t.name) {
      case 'string': {
        if (isTokenLike(value)) return value
        const s = toText(value)
        return s.ok ? s.value : failed(`a string is required, got ${typeName(value)}`)
      }
      case 'number': {
        if (isTokenLike(value)) return value
        const n = toNumber(value)
        return n.ok ? n.value : failed(n.why)
      }
      case 'bool': {
        if (isTokenLike(value)) return value
        const b = toBool(value)
        return b.ok ? b.value : failed(b.why)
      }
      default:
        return value
    }
  }
  if (t.kind !== 'call') return value
  const arg = t.args[0]
  switch (t.name) {
    case 'list':
    case 'set':
    case 'tuple': {
      if (!isList(value)) return failed(`a ${t.name} is required, got ${typeName(value)}`)
      const items: TfValue[] = []
      for (const [i, item] of value.entries()) {
        const elemType = t.name === 'tuple' && arg?.kind === 'tuple' ? arg.items[i] : arg
        const r = elemType ? convert(item, elemType, scope, depth + 1) : item
        if (isFailure(r)) return r
        if (t.name !== 'set' || !items.some((x) => equalValues(x, r))) items.push(r)
      }
      return items
    }
    case 'map': {
      if (!isRecord(value)) return failed(`a map is required, got ${typeName(value)}`)
      const entries: [string, TfValue][] = []
      for (const k of sortedKeys(value)) {
        const r = arg ? convert(value[k] ?? null, arg, scope, depth + 1) : (value[k] ?? null)
        if (isFailure(r)) return r
        entries.push([k, r])
      }
      return makeRecord(entries)
    }
    case 'object': {
      if (!isRecord(value)) return failed(`an object is required, got ${typeName(value)}`)
      if (arg?.kind !== 'object') return value
      const entries: [string, TfValue][] = []
      for (const item of arg.items) {
        const key = item.key.kind === 'literal' ? String(item.key.value) : undefined
        if (key === undefined) continue
        let attrType = item.value
        let fallback: TfValue = null
        let optional = false
        if (attrType.kind === 'call' && attrType.name === 'optional') {
          optional = true
          const d = attrType.args[1]
          if (d) fallback = evalExpr(d, scope)
          attrType = attrType.args[0] ?? attrType
        }
        const present = field(value, key)
        if (present === undefined && !optional) return failed(`attribute "${key}" is required`)
        const v = present ?? null
        const r =
          v === null && fallback === null
            ? null
            : convert(v ?? fallback, attrType, scope, depth + 1)
        if (isFailure(r)) return r
        entries.push([key, r])
      }
      return makeRecord(entries)
    }
    default:
      return value
  }
}
