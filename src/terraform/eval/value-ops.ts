/**
 * Operations on evaluated values ({@link TfValue}): kinds, Terraform's conversions between
 * string, number and bool, equality, and walking the tokens inside a value.
 */
import { setOwn } from '../../core/index.js'
import { ComputedToken, TokenString, UnknownValue, type TfValue } from '../values.js'

/** A record (object or map). */
export type TfRecord = { readonly [key: string]: TfValue }

/** Whether `v` is an object/map (not a list, token or unknown). */
export function isRecord(v: TfValue | undefined): v is TfRecord {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof ComputedToken) &&
    !(v instanceof TokenString) &&
    !(v instanceof UnknownValue)
  )
}

/** Whether `v` is a list, tuple or set. */
export function isList(v: TfValue | undefined): v is readonly TfValue[] {
  return Array.isArray(v)
}

/** Whether `v` is a token or a string with tokens: a value known only after apply. */
export function isTokenLike(v: TfValue | undefined): v is ComputedToken | TokenString {
  return v instanceof ComputedToken || v instanceof TokenString
}

/** A new record from entries, `__proto__` kept as an own key. */
export function makeRecord(entries: Iterable<readonly [string, TfValue]>): TfRecord {
  const out: Record<string, TfValue> = {}
  for (const [k, v] of entries) setOwn(out, k, v)
  return out
}

/** The keys of a record in Terraform's order (lexical). */
export function sortedKeys(r: TfRecord): string[] {
  return Object.keys(r).sort(compareStrings)
}

/** Lexical order by code unit. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Own property of a record. */
export function field(r: TfRecord, key: string): TfValue | undefined {
  return Object.hasOwn(r, key) ? r[key] : undefined
}

/** Terraform's type name of a value, for messages. */
export function typeName(v: TfValue): string {
  if (v === null) return 'null'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'number') return 'number'
  if (typeof v === 'boolean') return 'bool'
  if (Array.isArray(v)) return 'list'
  if (v instanceof ComputedToken || v instanceof TokenString) return 'string (known after apply)'
  if (v instanceof UnknownValue) return 'unknown'
  return 'object'
}

/**
 * Terraform's number-to-string conversion. Terraform computes in arbitrary precision
 * (`0.1 + 0.2` is `0.3`); 15 significant digits hide the binary rounding of a double.
 */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0)
  if (!Number.isFinite(n)) return String(n)
  return String(Number(n.toPrecision(15)))
}

/** Result of a conversion: the value, or why it failed. */
export type Converted<T> = { ok: true; value: T } | { ok: false; why: string }

/** String conversion of a primitive (number, bool); tokens and unknowns pass through. */
export function toText(v: TfValue): Converted<string | ComputedToken | TokenString | UnknownValue> {
  if (typeof v === 'string') return { ok: true, value: v }
  if (typeof v === 'number') return { ok: true, value: numberText(v) }
  if (typeof v === 'boolean') return { ok: true, value: v ? 'true' : 'false' }
  if (v instanceof ComputedToken || v instanceof TokenString || v instanceof UnknownValue)
    return { ok: true, value: v }
  if (v === null) return { ok: false, why: 'a null value cannot be used as a string' }
  return { ok: false, why: `a ${typeName(v)} value cannot be used as a string` }
}

/** Number conversion (`"5"` → 5). */
export function toNumber(v: TfValue): Converted<number> {
  if (typeof v === 'number') return { ok: true, value: v }
  if (typeof v === 'string') {
    const t = v.trim()
    if (t !== '' && t === v && /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t))
      return { ok: true, value: Number(t) }
    return { ok: false, why: `cannot convert ${JSON.stringify(v)} to a number` }
  }
  return { ok: false, why: `a ${typeName(v)} value cannot be used as a number` }
}

/** Bool conversion (`"true"` → true). */
export function toBool(v: TfValue): Converted<boolean> {
  if (typeof v === 'boolean') return { ok: true, value: v }
  if (v === 'true') return { ok: true, value: true }
  if (v === 'false') return { ok: true, value: false }
  return { ok: false, why: `a ${typeName(v)} value cannot be used as a bool` }
}

/** Deep equality of known values (`"1" == 1` is false, as in Terraform). */
export function equalValues(a: TfValue, b: TfValue): boolean {
  if (a === b) return true
  if (isList(a) && isList(b))
    return a.length === b.length && a.every((x, i) => equalValues(x, b[i] ?? null))
  if (isRecord(a) && isRecord(b)) {
    const ka = sortedKeys(a)
    const kb = sortedKeys(b)
    return (
      ka.length === kb.length &&
      ka.every((k, i) => k === kb[i] && equalValues(a[k] ?? null, b[k] ?? null))
    )
  }
  return false
}

/** The first UnknownValue inside `v` (depth-first), if any. */
export function findUnknown(v: TfValue, depth = 0): UnknownValue | undefined {
  if (v instanceof UnknownValue) return v
  if (depth > 64) return undefined
  if (isList(v)) {
    for (const x of v) {
      const u = findUnknown(x, depth + 1)
      if (u) return u
    }
  } else if (isRecord(v)) {
    for (const k of Object.keys(v)) {
      const u = findUnknown(v[k] ?? null, depth + 1)
      if (u) return u
    }
  }
  return undefined
}

/** The first token inside `v` (depth-first), if any. */
export function findToken(v: TfValue, depth = 0): ComputedToken | undefined {
  if (v instanceof ComputedToken) return v
  if (v instanceof TokenString) return v.parts.find((p) => p instanceof ComputedToken)
  if (depth > 64) return undefined
  if (isList(v)) {
    for (const x of v) {
      const t = findToken(x, depth + 1)
      if (t) return t
    }
  } else if (isRecord(v)) {
    for (const k of Object.keys(v)) {
      const t = findToken(v[k] ?? null, depth + 1)
      if (t) return t
    }
  }
  return undefined
}

/** `v` with `entry` put in front of the chain of every token inside it. */
export function withChain(v: TfValue, entry: string, depth = 0): TfValue {
  if (v instanceof ComputedToken)
    return new ComputedToken(v.address, v.resourceType, v.attribute, [entry, ...v.chain])
  if (v instanceof TokenString)
    return new TokenString(
      v.parts.map((p) => (typeof p === 'string' ? p : (withChain(p, entry) as ComputedToken))),
    )
  if (depth > 64 || !findToken(v)) return v
  if (isList(v)) return v.map((x) => withChain(x, entry, depth + 1))
  if (isRecord(v))
    return makeRecord(Object.keys(v).map((k) => [k, withChain(v[k] ?? null, entry, depth + 1)]))
  return v
}

/** Concatenation of string pieces and tokens: a plain string when no token is left. */
export function joinPieces(
  pieces: readonly (string | ComputedToken | TokenString)[],
): string | TokenString | ComputedToken {
  const parts: (string | ComputedToken)[] = []
  const push = (p: string | ComputedToken): void => {
    const last = parts[parts.length - 1]
    if (typeof p === 'string') {
      if (p === '') return
      if (typeof last === 'string') parts[parts.length - 1] = last + p
      else parts.push(p)
    } else parts.push(p)
  }
  for (const p of pieces) {
    if (p instanceof TokenString) for (const q of p.parts) push(q)
    else push(p)
  }
  if (parts.length === 0) return ''
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0]
  return new TokenString(parts)
}

/**
 * A deep plain copy (lazy resource and module objects read in full, getters replaced by
 * values). Shared objects are copied once; an object that contains itself (resources referring
 * to each other as a whole) becomes an UnknownValue there.
 */
export function materialize(v: TfValue): TfValue {
  const done = new Map<object, TfValue>()
  const active = new Set<object>()
  const walk = (x: TfValue, depth: number): TfValue => {
    if (!isList(x) && !isRecord(x)) return x
    const known = done.get(x)
    if (known !== undefined) return known
    if (active.has(x) || depth > 96)
      return new UnknownValue({
        code: 'cycle',
        severity: 'error',
        message: 'a value contains itself (resources referring to each other as a whole)',
      })
    active.add(x)
    const out = isList(x)
      ? x.map((y) => walk(y, depth + 1))
      : makeRecord(Object.keys(x).map((k) => [k, walk(x[k] ?? null, depth + 1)]))
    active.delete(x)
    done.set(x, out)
    return out
  }
  return walk(v, 0)
}

/** Entries of a collection: lists by index, records by key in lexical order. */
export function entriesOf(v: TfValue): [TfValue, TfValue][] | undefined {
  if (isList(v)) return v.map((x, i) => [i, x])
  if (isRecord(v)) return sortedKeys(v).map((k) => [k, v[k] ?? null])
  return undefined
}
