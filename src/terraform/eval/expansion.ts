/**
 * `count` and `for_each` on resources and module calls: the instance keys, and the names
 * (`count.index`, `each.key`, `each.value`) each instance is evaluated with.
 */
import type { HclBody, SourcePos } from '../hcl/ast.js'
import { UnknownValue, type TfValue } from '../values.js'
import type { Scope } from './context.js'
import { evalExpr } from './expr.js'
import { MAX_INSTANCES } from './limits.js'
import {
  findToken,
  findUnknown,
  isList,
  isRecord,
  makeRecord,
  sortedKeys,
  toNumber,
  toText,
  typeName,
} from './value-ops.js'

/** How a block expands. */
export type Expansion =
  | { readonly kind: 'single' }
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'each'; readonly entries: ReadonlyMap<string, TfValue> }
  | { readonly kind: 'unknown'; readonly value: UnknownValue }

/** Instance key of an expansion (undefined for a single instance). */
export type InstanceKey = number | string | undefined

/**
 * The `count` / `for_each` of one block (a resource or a module call), evaluated once; an
 * expansion that refers to its own block is a `cycle` diagnostic, not a stack overflow.
 */
export class ExpansionOnce {
  #memo: Expansion | undefined
  #running = false
  readonly #body: HclBody
  readonly #scope: () => Scope
  readonly #address: string
  readonly #pos: SourcePos
  constructor(body: HclBody, scope: () => Scope, address: string, pos: SourcePos) {
    this.#body = body
    this.#scope = scope
    this.#address = address
    this.#pos = pos
  }

  /** The expansion, evaluated on the first call. */
  get(): Expansion {
    if (this.#memo) return this.#memo
    const scope = this.#scope()
    if (this.#running)
      return {
        kind: 'unknown',
        value: scope.module.runtime.ctx.error(
          'cycle',
          `${this.#address}: count/for_each refers to itself`,
          { address: this.#address },
          { pos: this.#pos },
        ),
      }
    this.#running = true
    try {
      this.#memo = expand(this.#body, scope, this.#address)
    } finally {
      this.#running = false
    }
    return this.#memo
  }
}

/** Evaluates `count` / `for_each` of a block body. */
export function expand(body: HclBody, scope: Scope, what: string): Expansion {
  const ctx = scope.module.runtime.ctx
  const countAttr = body.attributes.find((a) => a.name === 'count')
  const eachAttr = body.attributes.find((a) => a.name === 'for_each')
  const site = { ...scope.site, attribute: countAttr ? 'count' : 'for_each' }
  const unknown = (v: TfValue, attrPos = (countAttr ?? eachAttr)?.pos): Expansion => {
    const token = findToken(v)
    const base = v instanceof UnknownValue ? v.diagnostic.message : undefined
    return {
      kind: 'unknown',
      value: ctx.unknown(
        'unknown-count',
        `${what}: ${countAttr ? 'count' : 'for_each'} depends on a value not known statically` +
          (token ? ` (${token.address}.${token.attribute})` : base ? ` (${base})` : ''),
        site,
        {
          pos: attrPos,
          hint: 'make count/for_each depend only on variables and literals, or pass the variable with -var',
          ...(token ? { chain: token.chain } : {}),
        },
      ),
    }
  }
  if (countAttr) {
    const v = evalExpr(countAttr.expr, { ...scope, site })
    if (v instanceof UnknownValue || findToken(v)) return unknown(v)
    const n = toNumber(v)
    if (!n.ok || !Number.isInteger(n.value) || n.value < 0)
      return {
        kind: 'unknown',
        value: ctx.error('invalid-count', `${what}: count must be a whole number ≥ 0`, site, {
          pos: countAttr.pos,
        }),
      }
    if (n.value > MAX_INSTANCES)
      return {
        kind: 'unknown',
        value: ctx.error('limit', `${what}: count over ${String(MAX_INSTANCES)}`, site, {
          pos: countAttr.pos,
        }),
      }
    return { kind: 'count', count: n.value }
  }
  if (eachAttr) {
    const v = evalExpr(eachAttr.expr, { ...scope, site })
    if (v instanceof UnknownValue) return unknown(v)
    const entries = new Map<string, TfValue>()
    if (isRecord(v)) {
      for (const k of sortedKeys(v)) entries.set(k, v[k] ?? null)
    } else if (isList(v)) {
      for (const item of v) {
        const t = toText(item)
        if (!t.ok)
          return {
            kind: 'unknown',
            value: ctx.error(
              'invalid-for-each',
              `${what}: for_each over a set needs strings, got ${typeName(item)}`,
              site,
              { pos: eachAttr.pos },
            ),
          }
        if (typeof t.value !== 'string') return unknown(t.value)
        entries.set(t.value, t.value)
      }
    } else if (findToken(v) || findUnknown(v)) return unknown(v)
    else
      return {
        kind: 'unknown',
        value: ctx.error(
          'invalid-for-each',
          `${what}: for_each needs a map or a set of strings, got ${typeName(v)}`,
          site,
          { pos: eachAttr.pos },
        ),
      }
    if (entries.size > MAX_INSTANCES)
      return {
        kind: 'unknown',
        value: ctx.error('limit', `${what}: for_each over ${String(MAX_INSTANCES)}`, site, {
          pos: eachAttr.pos,
        }),
      }
    // Keys must be known; values may hold tokens (they are only used inside the instance).
    return { kind: 'each', entries }
  }
  return { kind: 'single' }
}

/** The instance keys of an expansion, in Terraform's order. */
export function keysOf(e: Expansion): InstanceKey[] {
  switch (e.kind) {
    case 'single':
      return [undefined]
    case 'count':
      return Array.from({ length: e.count }, (_, i) => i)
    case 'each':
      return [...e.entries.keys()]
    case 'unknown':
      return []
  }
}

/** `count.index` or `each.key`/`each.value` for an instance. */
export function instanceNames(e: Expansion, key: InstanceKey): [string, TfValue][] {
  if (e.kind === 'count' && typeof key === 'number')
    return [['count', makeRecord([['index', key]])]]
  if (e.kind === 'each' && typeof key === 'string')
    return [
      [
        'each',
        makeRecord([
          ['key', key],
          ['value', e.entries.get(key) ?? null],
        ]),
      ],
    ]
  return []
}

/** `[0]` or `["key"]` as in an address. */
export function keySuffix(key: InstanceKey): string {
  if (key === undefined) return ''
  return typeof key === 'number' ? `[${String(key)}]` : `[${JSON.stringify(key)}]`
}
