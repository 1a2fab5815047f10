/**
 * The JSONPath API Gateway evaluates in `$input.path`/`$input.json` and in parameter mappings
 * (Jayway's dialect): `$`, `.name`, `['name']`, `[0]` (negative from the end), `[*]`, `.*`,
 * `..name` deep scan, slices `[1:3]`, unions `[0,2]` / `['a','b']`, and filters
 * `[?(@.x)]` / `[?(@.x == 'y')]` with `== != < <= > >=`.
 *
 * As in Jayway, a definite path (names and indexes only) answers its node, or null when it is
 * missing; any other path answers a list of the matches.
 */

import { LRUCache } from 'lru-cache'
import { PorticoError } from '../../errors.js'
import { spendSteps } from './budget.js'

type Step =
  | { readonly kind: 'name'; readonly names: readonly string[] }
  | { readonly kind: 'index'; readonly indexes: readonly number[] }
  | { readonly kind: 'wildcard' }
  | {
      readonly kind: 'slice'
      readonly start?: number
      readonly end?: number
      readonly step: number
    }
  | { readonly kind: 'deep'; readonly name: string | undefined }
  | { readonly kind: 'filter'; readonly test: (node: unknown) => boolean }

/** A compiled path. */
export interface JsonPath {
  /** Whether it selects at most one node (its result is the node, not a list). */
  readonly definite: boolean
  evaluate(root: unknown): unknown
}

/** Why a path cannot be read (code `ERR_PORTICO_JSON_PATH`). */
export class JsonPathError extends PorticoError {
  override name = 'JsonPathError'
  constructor(message: string) {
    super(message, 'ERR_PORTICO_JSON_PATH')
  }
}

const cache = new LRUCache<string, JsonPath>({ max: 1000 })

/**
 * Compiles a path (cached by text, bounded). A path without the leading `$` is read as if it
 * had `$.` (parameter-mapping form).
 *
 * @param text - e.g. `$.pets[0].name`
 * @returns the path
 * @throws JsonPathError on syntax AWS would reject
 */
export function compileJsonPath(text: string): JsonPath {
  let path = cache.get(text)
  if (path) return path
  const steps = parseSteps(text.trim())
  const definite = steps.every(
    (s) =>
      (s.kind === 'name' && s.names.length === 1) || (s.kind === 'index' && s.indexes.length === 1),
  )
  path = {
    definite,
    evaluate(root) {
      let nodes: unknown[] = [root]
      for (const step of steps) {
        nodes = applyStep(step, nodes)
        // Within a template render, every node a step yields is a step of its budget.
        spendSteps(nodes.length)
      }
      if (definite) return nodes.length === 0 ? null : nodes[0]
      return nodes
    },
  }
  cache.set(text, path)
  return path
}

function own(node: unknown, key: string): unknown {
  return node !== null &&
    typeof node === 'object' &&
    !Array.isArray(node) &&
    Object.hasOwn(node, key)
    ? (node as Record<string, unknown>)[key]
    : undefined
}

function children(node: unknown): unknown[] {
  if (Array.isArray(node)) return node
  if (node !== null && typeof node === 'object') return Object.values(node)
  return []
}

function applyStep(step: Step, nodes: unknown[]): unknown[] {
  const out: unknown[] = []
  for (const node of nodes) {
    switch (step.kind) {
      case 'name':
        for (const name of step.names) {
          const value = own(node, name)
          if (value !== undefined) out.push(value)
        }
        break
      case 'index':
        if (Array.isArray(node))
          for (const index of step.indexes) {
            const i = index < 0 ? node.length + index : index
            if (i >= 0 && i < node.length) out.push(node[i])
          }
        break
      case 'wildcard':
        for (const child of children(node)) out.push(child)
        break
      case 'slice':
        if (Array.isArray(node)) {
          const len = node.length
          const norm = (v: number | undefined, fallback: number): number =>
            v === undefined ? fallback : v < 0 ? Math.max(0, len + v) : Math.min(v, len)
          const start = norm(step.start, 0)
          const end = norm(step.end, len)
          for (let i = start; i < end; i += step.step) out.push(node[i])
        }
        break
      case 'deep':
        collectDeep(node, step.name, out)
        break
      case 'filter':
        for (const child of children(node)) if (step.test(child)) out.push(child)
        break
    }
  }
  return out
}

function collectDeep(node: unknown, name: string | undefined, out: unknown[]): void {
  if (node === null || typeof node !== 'object') return
  const nodes = children(node)
  // Scanning is what `..` costs, whatever it yields (nested scans are quadratic).
  spendSteps(1 + nodes.length)
  if (name === undefined) for (const child of nodes) out.push(child)
  else {
    const value = own(node, name)
    if (value !== undefined) out.push(value)
  }
  for (const child of nodes) collectDeep(child, name, out)
}

const NAME = /^[A-Za-z0-9_$@\-:]+/

function parseSteps(text: string): Step[] {
  let i = 0
  const steps: Step[] = []
  if (text.startsWith('$')) i = 1
  else if (text !== '' && !text.startsWith('.') && !text.startsWith('[')) text = `.${text}`
  const fail = (why: string): never => {
    throw new JsonPathError(`invalid JSONPath ${JSON.stringify(text)}: ${why}`)
  }
  while (i < text.length) {
    const c = text[i]
    if (c === '.') {
      if (text[i + 1] === '.') {
        i += 2
        if (text[i] === '*') {
          i++
          steps.push({ kind: 'deep', name: undefined })
          continue
        }
        if (text[i] === '[') {
          steps.push({ kind: 'deep', name: undefined })
          continue
        }
        const m = NAME.exec(text.slice(i)) ?? fail('name expected after ..')
        steps.push({ kind: 'deep', name: m[0] })
        i += m[0].length
        continue
      }
      i++
      if (text[i] === '*') {
        i++
        steps.push({ kind: 'wildcard' })
        continue
      }
      const m = NAME.exec(text.slice(i)) ?? fail(`name expected at ${i}`)
      steps.push({ kind: 'name', names: [m[0]] })
      i += m[0].length
      continue
    }
    if (c === '[') {
      const close = findClose(text, i) ?? fail('unclosed [')
      steps.push(parseBracket(text.slice(i + 1, close).trim(), fail))
      i = close + 1
      continue
    }
    fail(`unexpected ${JSON.stringify(c)} at ${i}`)
  }
  return steps
}

function findClose(text: string, open: number): number | undefined {
  let depth = 0
  let quote: string | undefined
  for (let i = open; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === quote) quote = undefined
      continue
    }
    if (c === "'" || c === '"') quote = c
    else if (c === '[') depth++
    else if (c === ']' && --depth === 0) return i
  }
  return undefined
}

function unquote(part: string): string | undefined {
  const m = /^(['"])(.*)\1$/s.exec(part.trim())
  return m ? m[2] : undefined
}

function parseBracket(inner: string, fail: (why: string) => never): Step {
  if (inner === '*') return { kind: 'wildcard' }
  if (inner.startsWith('?(') && inner.endsWith(')'))
    return { kind: 'filter', test: compileFilter(inner.slice(2, -1).trim(), fail) }
  if (/^-?\d*:-?\d*(:\d+)?$/.test(inner)) {
    const [a, b, s] = inner.split(':')
    const step: { kind: 'slice'; start?: number; end?: number; step: number } = {
      kind: 'slice',
      step: s ? Number(s) || 1 : 1,
    }
    if (a) step.start = Number(a)
    if (b) step.end = Number(b)
    return step
  }
  const parts = inner.split(',').map((p) => p.trim())
  if (parts.every((p) => /^-?\d+$/.test(p))) return { kind: 'index', indexes: parts.map(Number) }
  const names = parts.map((p) => unquote(p) ?? fail(`bad selector [${inner}]`))
  return { kind: 'name', names }
}

function compileFilter(expr: string, fail: (why: string) => never): (node: unknown) => boolean {
  const m = /^@((?:\.[A-Za-z0-9_$-]+|\[['"][^'"]*['"]\])+)\s*(?:(==|!=|<=|>=|<|>)\s*(.+))?$/.exec(
    expr,
  )
  if (!m) return fail(`unsupported filter ${expr}`)
  const field = compileJsonPath(`$${m[1]}`)
  const op = m[2]
  if (op === undefined)
    return (node) => {
      const v = field.evaluate(node)
      return v !== null && v !== undefined
    }
  const raw = (m[3] as string).trim()
  let literal: unknown
  const quoted = unquote(raw)
  if (quoted !== undefined) literal = quoted
  else if (raw === 'true' || raw === 'false') literal = raw === 'true'
  else if (raw === 'null') literal = null
  else if (!Number.isNaN(Number(raw))) literal = Number(raw)
  else return fail(`unsupported filter value ${raw}`)
  return (node) => {
    const v = field.evaluate(node)
    switch (op) {
      case '==':
        return v === literal
      case '!=':
        return v !== literal
      default:
        if (typeof v !== typeof literal || (typeof v !== 'number' && typeof v !== 'string'))
          return false
        return op === '<'
          ? (v as number) < (literal as number)
          : op === '<='
            ? (v as number) <= (literal as number)
            : op === '>'
              ? (v as number) > (literal as number)
              : (v as number) >= (literal as number)
    }
  }
}
