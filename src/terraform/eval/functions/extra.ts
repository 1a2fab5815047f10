/**
 * Functions that mark or reshape values: `sensitive` / `nonsensitive` (values are not marked
 * here, so both return their argument), `templatestring`, `transpose`, `matchkeys`, `setproduct`
 * and `fileset` (developer.hashicorp.com/terraform/language/functions/<name>).
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { TfValue } from '../../values.js'
import { MAX_ELEMENTS } from '../limits.js'
import { compareStrings, equalValues, makeRecord, sortedKeys } from '../value-ops.js'
import { FnError, needList, needRecord, needString, type FnSpec } from './common.js'
import { renderTemplate } from './template.js'

/** A doublestar glob (`*`, `**`, `?`, `[…]`, `{a,b}`) as a regular expression. */
function globRegex(pattern: string): RegExp {
  let re = ''
  let i = 0
  let braces = 0
  while (i < pattern.length) {
    const c = pattern[i] ?? ''
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/'
      re += slash ? '(?:.*/)?' : '.*'
      i += slash ? 3 : 2
      continue
    }
    if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1)
      if (end < 0) throw new FnError('unclosed [ in the pattern')
      const body = pattern
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\')
      re += `[${body}]`
      i = end
    } else if (c === '{') {
      braces++
      re += '(?:'
    } else if (c === '}' && braces > 0) {
      braces--
      re += ')'
    } else if (c === ',' && braces > 0) re += '|'
    else re += c.replace(/[.+^$()|\\]/g, '\\$&')
    i++
  }
  return new RegExp(`^${re}$`)
}

function listFiles(dir: string, rel: string, out: string[], depth: number): void {
  if (depth > 32) return
  let names: string[]
  try {
    names = readdirSync(path.join(dir, rel))
  } catch {
    return
  }
  for (const n of names) {
    const r = rel === '' ? n : `${rel}/${n}`
    let st
    try {
      st = statSync(path.join(dir, r))
    } catch {
      continue
    }
    if (st.isDirectory()) listFiles(dir, r, out, depth + 1)
    else if (st.isFile()) out.push(r)
    if (out.length > MAX_ELEMENTS) throw new FnError('too many files')
  }
}

/** The extra functions by name. */
export const EXTRA_FUNCTIONS: Readonly<Record<string, FnSpec>> = {
  sensitive: { min: 1, max: 1, tokens: true, keepsUnknowns: true, fn: ([v]) => v ?? null },
  nonsensitive: { min: 1, max: 1, tokens: true, keepsUnknowns: true, fn: ([v]) => v ?? null },
  issensitive: { min: 1, max: 1, tokens: true, keepsUnknowns: true, fn: () => false },
  ephemeralasnull: { min: 1, max: 1, tokens: true, keepsUnknowns: true, fn: ([v]) => v ?? null },
  templatestring: {
    keepsUnknowns: true,
    min: 2,
    max: 2,
    tokens: true,
    fn: ([t, vars], call): TfValue =>
      renderTemplate(
        needString(t, 'template'),
        needRecord(vars, 'vars'),
        call.scope,
        call.pos,
        call.pos.file,
      ),
  },
  transpose: {
    min: 1,
    max: 1,
    fn: ([m]) => {
      const r = needRecord(m)
      const out = new Map<string, string[]>()
      for (const k of sortedKeys(r))
        for (const v of needList(r[k], 'value')) {
          const key = needString(v, 'element')
          const list = out.get(key) ?? []
          list.push(k)
          out.set(key, list)
        }
      return makeRecord([...out].map(([k, v]) => [k, v.sort(compareStrings)]))
    },
  },
  matchkeys: {
    min: 3,
    max: 3,
    fn: ([values, keys, search]) => {
      const vs = needList(values)
      const ks = needList(keys)
      if (vs.length !== ks.length) throw new FnError('values and keys differ in length')
      const ss = needList(search)
      return vs.filter((_, i) => ss.some((s) => equalValues(s, ks[i] ?? null)))
    },
  },
  setproduct: {
    min: 2,
    max: Infinity,
    fn: (sets) => {
      let out: TfValue[][] = [[]]
      for (const s of sets) {
        const items = needList(s)
        if (out.length * items.length > MAX_ELEMENTS)
          throw new FnError('result has too many elements')
        out = out.flatMap((prefix) => items.map((x) => [...prefix, x]))
      }
      return out
    },
  },
  fileset: {
    min: 2,
    max: 2,
    fn: ([p, pattern], call) => {
      const base = path.resolve(call.scope.module.runtime.rootDir, needString(p, 'path'))
      const re = globRegex(needString(pattern, 'pattern'))
      const files: string[] = []
      listFiles(base, '', files, 0)
      return files.filter((f) => re.test(f)).sort(compareStrings)
    },
  },
}
