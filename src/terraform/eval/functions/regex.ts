/**
 * `regex`, `regexall` and the `/pattern/` form of `replace`, with RE2 syntax as Terraform (Go's
 * regexp) has it, run by re2js in linear time.
 */
import { RE2JS } from 're2js'
import { errorMessage } from '../../../core/index.js'
import type { TfValue } from '../../values.js'
import { MAX_ELEMENTS } from '../limits.js'
import { makeRecord } from '../value-ops.js'
import { FnError, needString, type FnSpec } from './common.js'

function compile(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern)
  } catch (e) {
    throw new FnError(`invalid regular expression ${JSON.stringify(pattern)}: ${errorMessage(e)}`)
  }
}

/** Capture groups of one match as Terraform returns them. */
function captures(re: RE2JS, m: ReturnType<RE2JS['matcher']>): TfValue {
  const count = m.groupCount()
  if (count === 0) return m.group(0) ?? ''
  const named = re.namedGroups()
  const names = Object.keys(named)
  if (names.length > 0) return makeRecord(names.map((n) => [n, m.group(n) ?? null]))
  return Array.from({ length: count }, (_, i) => m.group(i + 1) ?? null)
}

/**
 * Replaces every match of `pattern` in `text`, expanding `by` as Go's `Regexp.Expand` does:
 * `$1`, `${1}`, `$name`, `${name}` name groups (the longest run of letters, digits and `_`), `$$`
 * is a `$`, an unknown group is empty.
 */
export function regexReplace(text: string, pattern: string, by: string): string {
  const re = compile(pattern)
  const named = re.namedGroups()
  const m = re.matcher(text)
  let out = ''
  let last = 0
  let count = 0
  let prevEnd = -1
  while (m.find()) {
    if (++count > MAX_ELEMENTS) throw new FnError('too many matches')
    // Go ignores an empty match right after the previous match.
    if (m.start() === m.end() && m.start() === prevEnd) continue
    prevEnd = m.end()
    out += text.slice(last, m.start())
    out += by.replace(
      /\$(\$|\{(\w+)\}|(\w+))/g,
      (_all, _x: string, braced?: string, bare?: string) => {
        const name = braced ?? bare
        if (name === undefined) return '$'
        const index = /^\d+$/.test(name)
          ? Number(name)
          : Object.hasOwn(named, name)
            ? named[name]
            : undefined
        if (index === undefined || index > m.groupCount()) return ''
        return m.group(index) ?? ''
      },
    )
    last = m.end()
    if (out.length > 64 * 1024 * 1024) throw new FnError('result string too long')
  }
  return out + text.slice(last)
}

/** The regex functions by name. */
export const REGEX_FUNCTIONS: Readonly<Record<string, FnSpec>> = {
  regex: {
    min: 2,
    max: 2,
    fn: ([p, s]) => {
      const re = compile(needString(p, 'pattern'))
      const m = re.matcher(needString(s))
      if (!m.find()) throw new FnError('pattern did not match any part of the string')
      return captures(re, m)
    },
  },
  regexall: {
    min: 2,
    max: 2,
    fn: ([p, s]) => {
      const re = compile(needString(p, 'pattern'))
      const m = re.matcher(needString(s))
      const out: TfValue[] = []
      let prevEnd = -1
      while (m.find()) {
        if (m.start() === m.end() && m.start() === prevEnd) continue
        prevEnd = m.end()
        out.push(captures(re, m))
        if (out.length > MAX_ELEMENTS) throw new FnError('too many matches')
      }
      return out
    },
  },
}
