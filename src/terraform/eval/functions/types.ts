/**
 * Type conversion functions (developer.hashicorp.com/terraform/language/functions, "Type
 * Conversion Functions") and the numeric ones ("Numeric Functions").
 */
import { ComputedToken, TokenString, type TfValue } from '../../values.js'
import {
  compareStrings,
  equalValues,
  isList,
  isRecord,
  isTokenLike,
  toBool,
  toNumber,
  toText,
} from '../value-ops.js'
import { FnError, needList, needNumber, needRecord, needString, type FnSpec } from './common.js'

/** Terraform's set: duplicates removed; primitives unified to one type and sorted. */
export function toSet(items: readonly TfValue[]): TfValue[] {
  const known = items.filter((x) => !isTokenLike(x))
  const tokens = items.filter((x) => isTokenLike(x))
  let out: TfValue[]
  if (known.every((x) => typeof x === 'number')) {
    out = [...new Set(known)].sort((a, b) => a - b)
  } else if (known.every((x) => x === null || typeof x !== 'object')) {
    const strings = known.map((x) => {
      const t = toText(x)
      if (!t.ok) throw new FnError(t.why)
      return t.value as string
    })
    out = [...new Set(strings)].sort(compareStrings)
  } else {
    out = []
    for (const x of known) if (!out.some((y) => equalValues(x, y))) out.push(x)
  }
  return [...out, ...tokens]
}

/** The type conversion and numeric functions by name. */
export const TYPE_FUNCTIONS: Readonly<Record<string, FnSpec>> = {
  toset: { min: 1, max: 1, tokens: true, keepsUnknowns: true, fn: ([l]) => toSet(needList(l)) },
  tolist: { min: 1, max: 1, tokens: true, keepsUnknowns: true, fn: ([l]) => [...needList(l)] },
  tomap: { min: 1, max: 1, tokens: true, keepsUnknowns: true, fn: ([m]) => needRecord(m) },
  tostring: {
    min: 1,
    max: 1,
    tokens: true,
    fn: ([v]) => {
      if (v === null || v === undefined) return null
      if (v instanceof ComputedToken || v instanceof TokenString) return v
      if (isList(v) || isRecord(v)) throw new FnError('cannot convert a collection to a string')
      return needString(v)
    },
  },
  tonumber: {
    min: 1,
    max: 1,
    fn: ([v]) => {
      if (v === null || v === undefined) return null
      const n = toNumber(v)
      if (!n.ok) throw new FnError(n.why)
      return n.value
    },
  },
  tobool: {
    min: 1,
    max: 1,
    fn: ([v]) => {
      if (v === null || v === undefined) return null
      const b = toBool(v)
      if (!b.ok) throw new FnError(b.why)
      return b.value
    },
  },
  abs: { min: 1, max: 1, fn: ([n]) => Math.abs(needNumber(n)) },
  ceil: { min: 1, max: 1, fn: ([n]) => Math.ceil(needNumber(n)) },
  floor: { min: 1, max: 1, fn: ([n]) => Math.floor(needNumber(n)) },
  signum: { min: 1, max: 1, fn: ([n]) => Math.sign(needNumber(n)) },
  log: { min: 2, max: 2, fn: ([n, b]) => Math.log(needNumber(n)) / Math.log(needNumber(b)) },
  pow: { min: 2, max: 2, fn: ([n, e]) => Math.pow(needNumber(n), needNumber(e)) },
  min: {
    min: 1,
    max: Infinity,
    fn: (args) => Math.min(...args.map((a) => needNumber(a))),
  },
  max: {
    min: 1,
    max: Infinity,
    fn: (args) => Math.max(...args.map((a) => needNumber(a))),
  },
  parseint: {
    min: 2,
    max: 2,
    fn: ([s, b]) => {
      const text = needString(s)
      const base = needNumber(b)
      if (!Number.isInteger(base) || base < 2 || base > 62)
        throw new FnError('base must be 2 to 62')
      const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
      const body = text.replace(/^[+-]/, '')
      if (body === '') throw new FnError(`cannot parse ${JSON.stringify(text)}`)
      let n = 0
      for (const ch of body) {
        const d = base <= 36 ? digits.indexOf(ch.toLowerCase()) : digits.indexOf(ch)
        if (d < 0 || d >= base)
          throw new FnError(`cannot parse ${JSON.stringify(text)} as base ${String(base)}`)
        n = n * base + d
      }
      return text.startsWith('-') ? -n : n
    },
  },
}
