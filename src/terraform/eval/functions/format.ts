/**
 * `format` and `formatlist` with Terraform's verbs (developer.hashicorp.com/terraform/language/
 * functions/format): `%%`, `%v`, `%#v`, `%t`, `%b`, `%d`, `%o`, `%x`, `%X`, `%e`, `%E`, `%f`,
 * `%g`, `%G`, `%s`, `%q`, flags `+ - # 0 space`, width, precision and `[n]` argument indexes.
 * A token passed to `%s` or `%v` stays a token inside the result.
 */
import { ComputedToken, TokenString, type TfValue } from '../../values.js'
import {
  isList,
  isRecord,
  isTokenLike,
  joinPieces,
  numberText,
  toNumber,
  toText,
} from '../value-ops.js'
import { FnError, checkLength, needString, type FnSpec } from './common.js'
import { jsonPieces } from './json.js'

const VERB = /%([-+# 0]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d*))?(?:\[(\d+)\])?([a-zA-Z%])?/y

type Piece = string | ComputedToken | TokenString

function pad(s: string, width: number | undefined, flags: string, numeric: boolean): string {
  const len = Array.from(s).length
  if (width === undefined || len >= width) return s
  if (width > 4096) throw new FnError('format width too large')
  const fill = width - len
  if (flags.includes('-')) return s + ' '.repeat(fill)
  if (flags.includes('0') && numeric) {
    const sign = /^[+\- ]/.test(s) ? (s[0] ?? '') : ''
    return sign + '0'.repeat(fill) + s.slice(sign.length)
  }
  return ' '.repeat(fill) + s
}

function goExponent(s: string): string {
  // JS "1.5e+0" → Go "1.5e+00"
  return s.replace(/e([+-])(\d)$/, 'e$10$2')
}

function signed(n: number, body: string, flags: string): string {
  if (n < 0 || Object.is(n, -0)) return body
  if (flags.includes('+')) return '+' + body
  if (flags.includes(' ')) return ' ' + body
  return body
}

function formatNumber(verb: string, n: number, flags: string, prec: number | undefined): string {
  const abs = Math.abs(n)
  const neg = n < 0 ? '-' : ''
  const intOnly = (): number => {
    if (!Number.isInteger(n))
      throw new FnError(`%${verb} needs a whole number, got ${numberText(n)}`)
    return abs
  }
  switch (verb) {
    case 'd':
      return signed(n, neg + numberText(intOnly()), flags)
    case 'b':
      return signed(n, neg + intOnly().toString(2), flags)
    case 'o':
      return signed(n, neg + (flags.includes('#') ? '0' : '') + intOnly().toString(8), flags)
    case 'x':
    case 'X': {
      const h = (flags.includes('#') ? '0x' : '') + intOnly().toString(16)
      return signed(n, neg + (verb === 'X' ? h.toUpperCase() : h), flags)
    }
    case 'f':
    case 'F':
      return signed(n, neg + abs.toFixed(Math.min(prec ?? 6, 100)), flags)
    case 'e':
    case 'E': {
      const e = neg + goExponent(abs.toExponential(Math.min(prec ?? 6, 100)))
      return signed(n, verb === 'E' ? e.toUpperCase() : e, flags)
    }
    default: {
      // g / G
      const g =
        prec === undefined
          ? abs >= 1e21 || (abs !== 0 && abs < 1e-4)
            ? goExponent(abs.toExponential())
            : String(abs)
          : goExponent(String(Number(abs.toPrecision(Math.max(1, Math.min(prec, 100))))))
      return signed(n, neg + (verb === 'G' ? g.toUpperCase() : g), flags)
    }
  }
}

/** Formats with Terraform's verbs; the pieces keep tokens. */
export function formatPieces(spec: string, args: readonly TfValue[]): Piece {
  const out: Piece[] = []
  let next = 0
  let i = 0
  const used = new Set<number>()
  while (i < spec.length) {
    const pct = spec.indexOf('%', i)
    if (pct < 0) {
      out.push(spec.slice(i))
      break
    }
    out.push(spec.slice(i, pct))
    VERB.lastIndex = pct
    const m = VERB.exec(spec)
    const verb = m?.[6]
    if (!m || verb === undefined) throw new FnError(`invalid format verb at offset ${String(pct)}`)
    i = VERB.lastIndex
    if (verb === '%') {
      out.push('%')
      continue
    }
    const flags = m[1] ?? ''
    const explicit = m[2] ?? m[5]
    if (explicit !== undefined) next = Number(explicit) - 1
    const width = m[3] === undefined ? undefined : Number(m[3])
    const prec = m[4] === undefined ? undefined : m[4] === '' ? 0 : Number(m[4])
    if (next < 0 || next >= args.length)
      throw new FnError(`not enough arguments for the format string (verb %${verb})`)
    used.add(next)
    const arg = args[next++] ?? null
    out.push(formatOne(verb, arg, flags, width, prec))
  }
  if (used.size < args.length && !args.every((_, k) => used.has(k)))
    throw new FnError(`too many arguments; only ${String(used.size)} used by the format string`)
  return joinPieces(out.map((p) => (typeof p === 'string' ? checkLength(p) : p)))
}

function formatOne(
  verb: string,
  arg: TfValue,
  flags: string,
  width: number | undefined,
  prec: number | undefined,
): Piece {
  if (isTokenLike(arg)) {
    if ((verb === 's' || verb === 'v') && width === undefined && prec === undefined) return arg
    throw new FnError(`%${verb} with a value known only after apply`)
  }
  switch (verb) {
    case 'v':
      if (flags.includes('#') || isList(arg) || isRecord(arg)) return jsonPieces(arg)
      if (arg === null) return pad('null', width, flags, false)
      return pad(textOrThrow(arg), width, flags, typeof arg === 'number')
    case 's': {
      if (arg === null) throw new FnError('%s with a null value')
      let s = textOrThrow(arg)
      if (prec !== undefined) s = Array.from(s).slice(0, prec).join('')
      return pad(s, width, flags, false)
    }
    case 'q':
      return pad(JSON.stringify(textOrThrow(arg)), width, flags, false)
    case 't': {
      if (arg !== true && arg !== false && arg !== 'true' && arg !== 'false')
        throw new FnError('%t needs a bool')
      return pad(String(arg), width, flags, false)
    }
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      if (verb === 'x' || verb === 'X') {
        if (typeof arg === 'string' && !toNumber(arg).ok) {
          const hex = Buffer.from(arg, 'utf8').toString('hex')
          return pad(verb === 'X' ? hex.toUpperCase() : hex, width, flags, false)
        }
      }
      const n = toNumber(arg)
      if (!n.ok) throw new FnError(`%${verb}: ${n.why}`)
      return pad(formatNumber(verb, n.value, flags, prec), width, flags, true)
    }
    default:
      throw new FnError(`unsupported format verb %${verb}`)
  }
}

function textOrThrow(v: TfValue): string {
  const t = toText(v)
  if (!t.ok || typeof t.value !== 'string') throw new FnError('a string is needed')
  return t.value
}

/** The format functions by name. */
export const FORMAT_FUNCTIONS: Readonly<Record<string, FnSpec>> = {
  format: {
    min: 1,
    max: Infinity,
    tokens: true,
    fn: ([spec, ...args]) => formatPieces(needString(spec, 'format'), args),
  },
  formatlist: {
    min: 1,
    max: Infinity,
    tokens: true,
    fn: ([spec, ...args]) => {
      const f = needString(spec, 'format')
      let n: number | undefined
      for (const a of args)
        if (isList(a)) {
          if (n !== undefined && a.length !== n)
            throw new FnError('all list arguments must have the same length')
          n = a.length
        }
      return Array.from({ length: n ?? 1 }, (_, k) =>
        formatPieces(
          f,
          args.map((a) => (isList(a) ? (a[k] ?? null) : a)),
        ),
      )
    },
  },
}
