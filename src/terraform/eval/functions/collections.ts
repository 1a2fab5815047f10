/**
 * Collection functions (developer.hashicorp.com/terraform/language/functions, "Collection
 * Functions"). Tokens may sit inside the collections as opaque elements.
 */
import { type TfValue } from '../../values.js'
import { MAX_ELEMENTS } from '../limits.js'
import {
  equalValues,
  field,
  isList,
  isRecord,
  isTokenLike,
  makeRecord,
  sortedKeys,
  toBool,
} from '../value-ops.js'
import {
  FnError,
  elementsOf,
  needInt,
  needList,
  needNumber,
  needRecord,
  needString,
  type FnSpec,
} from './common.js'
import { chars } from './strings.js'

function limited<T>(items: T[]): T[] {
  if (items.length > MAX_ELEMENTS) throw new FnError('result has too many elements')
  return items
}

function distinct(items: readonly TfValue[]): TfValue[] {
  const out: TfValue[] = []
  for (const x of items) {
    if (isTokenLike(x)) throw new FnError('cannot compare a value known only after apply')
    if (!out.some((y) => equalValues(x, y))) out.push(x)
  }
  return out
}

function flatten(items: readonly TfValue[], depth: number, out: TfValue[]): TfValue[] {
  if (depth > 64) throw new FnError('list nested too deeply')
  for (const x of items) {
    if (isList(x)) flatten(x, depth + 1, out)
    else out.push(x)
    if (out.length > MAX_ELEMENTS) throw new FnError('result has too many elements')
  }
  return out
}

/** The collection functions by name. */
export const COLLECTION_FUNCTIONS: Readonly<Record<string, FnSpec>> = {
  length: {
    min: 1,
    max: 1,
    tokens: true,
    fn: ([v]) => {
      if (typeof v === 'string') return chars(v).length
      if (isList(v)) return v.length
      if (isRecord(v)) return Object.keys(v).length
      if (isTokenLike(v)) throw new FnError('the length of a value known only after apply')
      throw new FnError('length needs a string or a collection')
    },
  },
  merge: {
    keepsUnknowns: true,
    min: 0,
    max: Infinity,
    tokens: true,
    fn: (args) => {
      const entries = new Map<string, TfValue>()
      for (const a of args) {
        if (a === null) continue
        const r = needRecord(a)
        for (const k of sortedKeys(r)) entries.set(k, r[k] ?? null)
      }
      return makeRecord(entries)
    },
  },
  concat: {
    keepsUnknowns: true,
    min: 1,
    max: Infinity,
    tokens: true,
    fn: (args) => limited(args.flatMap((a) => [...needList(a)])),
  },
  lookup: {
    keepsUnknowns: true,
    min: 2,
    max: 3,
    tokens: true,
    fn: ([m, k, d]) => {
      const v = field(needRecord(m), needString(k, 'key'))
      if (v !== undefined) return v
      if (d !== undefined) return d
      throw new FnError(`the map has no key ${JSON.stringify(needString(k))} and no default`)
    },
  },
  keys: { min: 1, max: 1, tokens: true, fn: ([m]) => sortedKeys(needRecord(m)) },
  values: {
    keepsUnknowns: true,
    min: 1,
    max: 1,
    tokens: true,
    fn: ([m]) => {
      const r = needRecord(m)
      return sortedKeys(r).map((k) => r[k] ?? null)
    },
  },
  element: {
    keepsUnknowns: true,
    min: 2,
    max: 2,
    tokens: true,
    fn: ([l, i]) => {
      const list = needList(l)
      const idx = needInt(i, 'index')
      if (list.length === 0) throw new FnError('cannot use element on an empty list')
      if (idx < 0) throw new FnError('cannot use element with a negative index')
      return list[idx % list.length] ?? null
    },
  },
  contains: {
    min: 2,
    max: 2,
    fn: ([l, v]) => elementsOf(l).some((x) => equalValues(x, v ?? null)),
  },
  index: {
    min: 2,
    max: 2,
    fn: ([l, v]) => {
      const i = needList(l).findIndex((x) => equalValues(x, v ?? null))
      if (i < 0) throw new FnError('item not found')
      return i
    },
  },
  distinct: {
    keepsUnknowns: true,
    min: 1,
    max: 1,
    tokens: true,
    fn: ([l]) => distinct(needList(l)),
  },
  flatten: {
    keepsUnknowns: true,
    min: 1,
    max: 1,
    tokens: true,
    fn: ([l]) => flatten(needList(l), 0, []),
  },
  compact: {
    keepsUnknowns: true,
    min: 1,
    max: 1,
    tokens: true,
    fn: ([l]) => needList(l).filter((x) => x !== null && x !== ''),
  },
  zipmap: {
    keepsUnknowns: true,
    min: 2,
    max: 2,
    tokens: true,
    fn: ([k, v]) => {
      const keys = needList(k)
      const vals = needList(v)
      if (keys.length !== vals.length) throw new FnError('keys and values differ in length')
      return makeRecord(keys.map((key, i) => [needString(key, 'key'), vals[i] ?? null]))
    },
  },
  range: {
    min: 1,
    max: 3,
    fn: (args) => {
      const nums = args.map((a) => needNumber(a))
      const [start, limit, step] =
        nums.length === 1
          ? [0, nums[0] ?? 0, 1]
          : [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? ((nums[0] ?? 0) <= (nums[1] ?? 0) ? 1 : -1)]
      if (step === 0) throw new FnError('step must not be zero')
      // Terraform's algorithm and its limit of 1024 numbers (functions/range).
      const out: number[] = []
      for (let n = start; step > 0 ? n < limit : n > limit; n += step) {
        if (out.length === 1024) throw new FnError('more than 1024 numbers in the range')
        out.push(n)
      }
      return out
    },
  },
  slice: {
    keepsUnknowns: true,
    min: 3,
    max: 3,
    tokens: true,
    fn: ([l, a, b]) => {
      const list = needList(l)
      const from = needInt(a, 'start index')
      const to = needInt(b, 'end index')
      if (from < 0 || to > list.length || from > to) throw new FnError('slice indexes out of range')
      return list.slice(from, to)
    },
  },
  one: {
    keepsUnknowns: true,
    min: 1,
    max: 1,
    tokens: true,
    fn: ([l]) => {
      const list = needList(l)
      if (list.length > 1) throw new FnError('one() needs a collection of zero or one element')
      return list[0] ?? null
    },
  },
  reverse: {
    keepsUnknowns: true,
    min: 1,
    max: 1,
    tokens: true,
    fn: ([l]) => [...needList(l)].reverse(),
  },
  sort: {
    min: 1,
    max: 1,
    fn: ([l]) =>
      needList(l)
        .map((x) => needString(x, 'element'))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  },
  coalesce: {
    min: 1,
    max: Infinity,
    tokens: true,
    fn: (args) => {
      for (const a of args) if (a !== null && a !== '') return a
      throw new FnError('no non-null, non-empty argument')
    },
  },
  coalescelist: {
    keepsUnknowns: true,
    min: 1,
    max: Infinity,
    tokens: true,
    fn: (args) => {
      for (const a of args) if (needList(a).length > 0) return a ?? null
      throw new FnError('no non-empty list argument')
    },
  },
  alltrue: {
    min: 1,
    max: 1,
    fn: ([l]) => needList(l).every((x) => boolOf(x)),
  },
  anytrue: {
    min: 1,
    max: 1,
    fn: ([l]) => needList(l).some((x) => boolOf(x)),
  },
  sum: {
    min: 1,
    max: 1,
    fn: ([l]) => {
      const list = elementsOf(l)
      if (list.length === 0) throw new FnError('cannot sum an empty list')
      return list.reduce<number>((acc, x) => acc + needNumber(x), 0)
    },
  },
  setunion: {
    min: 1,
    max: Infinity,
    fn: (args) => distinct(args.flatMap((a) => [...needList(a)])),
  },
  setintersection: {
    min: 1,
    max: Infinity,
    fn: ([first, ...rest]) =>
      distinct(needList(first)).filter((x) =>
        rest.every((r) => needList(r).some((y) => equalValues(x, y))),
      ),
  },
  setsubtract: {
    min: 2,
    max: 2,
    fn: ([a, b]) =>
      distinct(needList(a)).filter((x) => !needList(b).some((y) => equalValues(x, y))),
  },
  // Terraform 0.11's list() and map(), removed in 0.12 but still in legacy configurations.
  list: { keepsUnknowns: true, min: 0, max: Infinity, tokens: true, fn: (args) => [...args] },
  map: {
    keepsUnknowns: true,
    min: 0,
    max: Infinity,
    tokens: true,
    fn: (args) => {
      if (args.length % 2 !== 0) throw new FnError('map() needs key, value pairs')
      const entries: [string, TfValue][] = []
      for (let i = 0; i < args.length; i += 2)
        entries.push([needString(args[i], 'key'), args[i + 1] ?? null])
      return makeRecord(entries)
    },
  },
  chunklist: {
    keepsUnknowns: true,
    min: 2,
    max: 2,
    tokens: true,
    fn: ([l, n]) => {
      const list = needList(l)
      const size = needInt(n, 'size')
      if (size < 0) throw new FnError('size must be 0 or more')
      if (size === 0) return [list]
      const out: TfValue[] = []
      for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
      return out
    },
  },
}

function boolOf(x: TfValue): boolean {
  const b = toBool(x)
  if (!b.ok) throw new FnError(b.why)
  return b.value
}
