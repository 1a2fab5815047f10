/**
 * `jsonencode` (keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped as Go's encoder does),
 * `jsondecode`, `yamlencode` and `yamldecode`. A token inside the value jsonencode gets stays a
 * token inside the JSON text (a {@link TokenString}).
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import { errorMessage } from '../../../core/index.js'
import { ComputedToken, TokenString, UnknownValue, type TfValue } from '../../values.js'
import { isList, isRecord, joinPieces, makeRecord, numberText, sortedKeys } from '../value-ops.js'
import { FnError, needString, type FnSpec } from './common.js'

type Piece = string | ComputedToken | TokenString

/** JSON text of a string's content (without quotes), escaped as Terraform does. */
export function jsonEscape(s: string): string {
  return JSON.stringify(s)
    .slice(1, -1)
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** JSON text of a value, tokens kept as pieces. */
export function jsonPieces(v: TfValue, depth = 0): Piece {
  const out: Piece[] = []
  const walk = (x: TfValue, d: number): void => {
    if (d > 128) throw new FnError('value nested too deeply')
    if (x === null) out.push('null')
    else if (typeof x === 'string') out.push(`"${jsonEscape(x)}"`)
    else if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new FnError('cannot encode an infinite number')
      out.push(numberText(x))
    } else if (typeof x === 'boolean') out.push(x ? 'true' : 'false')
    else if (x instanceof ComputedToken) out.push('"', x, '"')
    else if (x instanceof TokenString) {
      out.push('"')
      for (const p of x.parts) out.push(typeof p === 'string' ? jsonEscape(p) : p)
      out.push('"')
    } else if (x instanceof UnknownValue) throw new FnError('unknown value')
    else if (isList(x)) {
      out.push('[')
      x.forEach((item, i) => {
        if (i > 0) out.push(',')
        walk(item, d + 1)
      })
      out.push(']')
    } else if (isRecord(x)) {
      out.push('{')
      sortedKeys(x).forEach((k, i) => {
        if (i > 0) out.push(',')
        out.push(`"${jsonEscape(k)}":`)
        walk(x[k] ?? null, d + 1)
      })
      out.push('}')
    }
  }
  walk(v, depth)
  return joinPieces(out)
}

/** A decoded JSON / YAML value as a TfValue (depth-bounded). */
export function fromJs(v: unknown, depth = 0): TfValue {
  if (depth > 128) throw new FnError('document nested too deeply')
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'boolean') return v
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  if (v instanceof Date) return v.toISOString()
  if (Array.isArray(v)) return v.map((x) => fromJs(x, depth + 1))
  if (v instanceof Map)
    return makeRecord([...v.entries()].map(([k, x]) => [String(k), fromJs(x, depth + 1)]))
  if (typeof v === 'object')
    return makeRecord(
      Object.keys(v).map((k) => [k, fromJs((v as Record<string, unknown>)[k], depth + 1)]),
    )
  throw new FnError('unsupported value in document')
}

function toJs(v: TfValue, depth = 0): unknown {
  if (depth > 128) throw new FnError('value nested too deeply')
  if (isList(v)) return v.map((x) => toJs(x, depth + 1))
  if (isRecord(v)) {
    const o: Record<string, unknown> = {}
    for (const k of sortedKeys(v))
      Object.defineProperty(o, k, {
        value: toJs(v[k] ?? null, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    return o
  }
  if (v instanceof ComputedToken || v instanceof TokenString || v instanceof UnknownValue)
    throw new FnError('a value known only after apply cannot be YAML-encoded')
  return v
}

/** The JSON and YAML functions by name. */
export const JSON_FUNCTIONS: Readonly<Record<string, FnSpec>> = {
  jsonencode: { min: 1, max: 1, tokens: true, fn: ([v]) => jsonPieces(v ?? null) },
  jsondecode: {
    min: 1,
    max: 1,
    fn: ([s]) => {
      let parsed: unknown
      try {
        parsed = JSON.parse(needString(s))
      } catch (e) {
        throw new FnError(`invalid JSON: ${errorMessage(e)}`)
      }
      return fromJs(parsed)
    },
  },
  yamlencode: {
    min: 1,
    max: 1,
    fn: ([v]) =>
      stringifyYaml(toJs(v ?? null), {
        lineWidth: 0,
        aliasDuplicateObjects: false,
        defaultStringType: 'QUOTE_DOUBLE',
        defaultKeyType: 'QUOTE_DOUBLE',
        indentSeq: false,
      }),
  },
  yamldecode: {
    min: 1,
    max: 1,
    fn: ([s]) => {
      let parsed: unknown
      try {
        parsed = parseYaml(needString(s), { maxAliasCount: 100, uniqueKeys: true })
      } catch (e) {
        throw new FnError(`invalid YAML: ${errorMessage(e)}`)
      }
      return fromJs(parsed)
    },
  },
}
