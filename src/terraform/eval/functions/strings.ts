/**
 * String functions (developer.hashicorp.com/terraform/language/functions, "String Functions").
 * Characters are counted as grapheme clusters, as Terraform does.
 */
import type { TfValue } from '../../values.js'
import { ComputedToken, TokenString } from '../../values.js'
import { isList, joinPieces, toText } from '../value-ops.js'
import { FnError, checkLength, needInt, needList, needString, type FnSpec } from './common.js'
import { regexReplace } from './regex.js'

function str1(f: (s: string) => TfValue): FnSpec {
  return { min: 1, max: 1, fn: ([s]) => f(needString(s)) }
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })

/** The characters of `s` as Terraform counts them: grapheme clusters. */
export function chars(s: string): string[] {
  return Array.from(graphemes.segment(s), (g) => g.segment)
}

function title(s: string): string {
  let out = ''
  let prevLetter = false
  for (const ch of s) {
    const isWord = /[\p{L}\p{N}_']/u.test(ch)
    out += isWord && !prevLetter ? ch.toUpperCase() : ch
    prevLetter = isWord
  }
  return out
}

function trimSet(s: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set(chars(cutset))
  const cs = chars(s)
  let a = 0
  let b = cs.length
  if (left) while (a < b && set.has(cs[a] ?? '')) a++
  if (right) while (b > a && set.has(cs[b - 1] ?? '')) b--
  return cs.slice(a, b).join('')
}

/**
 * trimprefix / trimsuffix, also on a string with tokens when the edge is literal text long
 * enough to decide (`trimsuffix("${x.arn}/", "/")`).
 */
function trimEdge(v: TfValue, edge: string, side: 'prefix' | 'suffix'): TfValue {
  if (!(v instanceof TokenString) && !(v instanceof ComputedToken)) {
    const t = needString(v)
    if (side === 'prefix') return t.startsWith(edge) ? t.slice(edge.length) : t
    return edge !== '' && t.endsWith(edge) ? t.slice(0, t.length - edge.length) : t
  }
  if (edge === '') return v
  const parts = v instanceof TokenString ? [...v.parts] : [v]
  const i = side === 'prefix' ? 0 : parts.length - 1
  const text = parts[i]
  if (typeof text !== 'string' || text.length < edge.length)
    throw new FnError('the edge of a value known only after apply')
  if (side === 'prefix' && text.startsWith(edge)) parts[i] = text.slice(edge.length)
  else if (side === 'suffix' && text.endsWith(edge))
    parts[i] = text.slice(0, text.length - edge.length)
  return joinPieces(parts)
}

/** String functions by name. */
export const STRING_FUNCTIONS: Readonly<Record<string, FnSpec>> = {
  join: {
    min: 2,
    max: Infinity,
    tokens: true,
    fn: ([sep, ...lists]) => {
      const s = needString(sep, 'separator')
      const pieces: (string | ComputedToken | TokenString)[] = []
      let first = true
      for (const list of lists) {
        for (const item of needList(list, 'list')) {
          if (item === null) throw new FnError('join: a list element is null')
          const t = toText(item)
          if (!t.ok || isList(item)) throw new FnError('join: list elements must be strings')
          if (!first) pieces.push(s)
          first = false
          pieces.push(t.value as string | ComputedToken | TokenString)
        }
      }
      return joinPieces(pieces.map((p) => (typeof p === 'string' ? checkLength(p) : p)))
    },
  },
  split: {
    min: 2,
    max: 2,
    fn: ([sep, s]) => needString(s).split(needString(sep, 'separator')),
  },
  replace: {
    min: 3,
    max: 3,
    fn: ([s, search, rep]) => {
      const text = needString(s)
      const what = needString(search, 'substring')
      const by = needString(rep, 'replacement')
      if (what.length > 1 && what.startsWith('/') && what.endsWith('/'))
        return checkLength(regexReplace(text, what.slice(1, -1), by))
      if (what === '') return checkLength(chars(text).join(by))
      return checkLength(text.split(what).join(by))
    },
  },
  lower: str1((s) => s.toLowerCase()),
  upper: str1((s) => s.toUpperCase()),
  title: str1(title),
  trimspace: str1((s) => s.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '')),
  chomp: str1((s) => s.replace(/(\r?\n)+$/, '')),
  strrev: str1((s) => chars(s).reverse().join('')),
  trim: { min: 2, max: 2, fn: ([s, c]) => trimSet(needString(s), needString(c), true, true) },
  trimprefix: {
    min: 2,
    max: 2,
    tokens: true,
    fn: ([s, p]) => trimEdge(s ?? null, needString(p), 'prefix'),
  },
  trimsuffix: {
    min: 2,
    max: 2,
    tokens: true,
    fn: ([s, p]) => trimEdge(s ?? null, needString(p), 'suffix'),
  },
  startswith: { min: 2, max: 2, fn: ([s, p]) => needString(s).startsWith(needString(p)) },
  endswith: { min: 2, max: 2, fn: ([s, p]) => needString(s).endsWith(needString(p)) },
  strcontains: { min: 2, max: 2, fn: ([s, p]) => needString(s).includes(needString(p)) },
  substr: {
    min: 3,
    max: 3,
    fn: ([s, o, l]) => {
      const cs = chars(needString(s))
      let offset = needInt(o, 'offset')
      const length = needInt(l, 'length')
      if (offset < 0) offset += cs.length
      if (offset < 0 || offset > cs.length) throw new FnError('offset out of range')
      if (length < -1) throw new FnError('length must be -1 or more')
      return cs.slice(offset, length === -1 ? undefined : offset + length).join('')
    },
  },
  indent: {
    min: 2,
    max: 2,
    fn: ([n, s]) => {
      const pad = ' '.repeat(Math.min(Math.max(needInt(n, 'spaces'), 0), 1024))
      return checkLength(needString(s).replace(/\n/g, `\n${pad}`))
    },
  },
}
