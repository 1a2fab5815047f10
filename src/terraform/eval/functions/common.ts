/** What built-in functions share: their signature, argument checks and the error they throw. */
import type { SourcePos } from '../../hcl/ast.js'
import type { TfValue } from '../../values.js'
import type { Scope } from '../context.js'
import { MAX_STRING } from '../limits.js'
import {
  isList,
  isRecord,
  sortedKeys,
  toBool,
  toNumber,
  toText,
  typeName,
  type TfRecord,
} from '../value-ops.js'

/** A call in progress. */
export interface FnCall {
  readonly scope: Scope
  readonly pos: SourcePos
  readonly name: string
}

/** A built-in function. */
export interface FnSpec {
  readonly min: number
  /** Most arguments (Infinity: variadic). */
  readonly max: number
  /** Accepts tokens (values known after apply) inside its arguments. */
  readonly tokens?: boolean
  /** Moves values around without reading them: unknown values inside pass through. */
  readonly keepsUnknowns?: boolean
  readonly fn: (args: readonly TfValue[], call: FnCall) => TfValue
}

/** Thrown by a function for a bad argument: becomes an `invalid-argument` diagnostic. */
export class FnError extends Error {
  /** A more specific diagnostic (e.g. `missing-file`, a warning with a hint). */
  readonly detail: { readonly code: string; readonly hint: string } | undefined
  constructor(message: string, detail?: { readonly code: string; readonly hint: string }) {
    super(message)
    this.detail = detail
  }
}

/** A string argument (numbers and bools convert, as in Terraform). */
export function needString(v: TfValue | undefined, what = 'argument'): string {
  if (v === undefined) throw new FnError(`missing ${what}`)
  const t = toText(v)
  if (!t.ok || typeof t.value !== 'string')
    throw new FnError(`${what} must be a string, got ${typeName(v)}`)
  return t.value
}

/** A number argument. */
export function needNumber(v: TfValue | undefined, what = 'argument'): number {
  if (v === undefined) throw new FnError(`missing ${what}`)
  const n = toNumber(v)
  if (!n.ok) throw new FnError(`${what}: ${n.why}`)
  return n.value
}

/** A whole-number argument. */
export function needInt(v: TfValue | undefined, what = 'argument'): number {
  const n = needNumber(v, what)
  if (!Number.isInteger(n)) throw new FnError(`${what} must be a whole number`)
  return n
}

/** A bool argument. */
export function needBool(v: TfValue | undefined, what = 'argument'): boolean {
  if (v === undefined) throw new FnError(`missing ${what}`)
  const b = toBool(v)
  if (!b.ok) throw new FnError(`${what}: ${b.why}`)
  return b.value
}

/** A list/set/tuple argument. */
export function needList(v: TfValue | undefined, what = 'argument'): readonly TfValue[] {
  if (v !== undefined && isList(v)) return v
  throw new FnError(`${what} must be a list, got ${v === undefined ? 'nothing' : typeName(v)}`)
}

/** A map/object argument. */
export function needRecord(v: TfValue | undefined, what = 'argument'): TfRecord {
  if (v !== undefined && isRecord(v)) return v
  throw new FnError(
    `${what} must be a map or object, got ${v === undefined ? 'nothing' : typeName(v)}`,
  )
}

/** Guards the length of a string a function builds. */
export function checkLength(s: string): string {
  if (s.length > MAX_STRING) throw new FnError('result string too long')
  return s
}

/** A sortable key for a primitive (sets, distinct). */
export function primitiveKey(v: TfValue): string | undefined {
  if (v === null || typeof v !== 'object') return `${typeof v}:${String(v)}`
  return undefined
}

/** A list or a record's values in key order. */
export function elementsOf(v: TfValue | undefined, what = 'argument'): readonly TfValue[] {
  if (v !== undefined && isList(v)) return v
  if (v !== undefined && isRecord(v)) return sortedKeys(v).map((k) => v[k] ?? null)
  throw new FnError(
    `${what} must be a collection, got ${v === undefined ? 'nothing' : typeName(v)}`,
  )
}
