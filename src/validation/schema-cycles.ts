/**
 * Finds models that reach themselves through references alone (`A = {$ref: A}`, `A → B → A`,
 * `A = {allOf: [{$ref: A}]}`): validating any value against such a schema never ends, so it is
 * a ConfigError at creation. A reference under `properties`, `items`, `additionalProperties` and
 * the like applies to a part of the value, so a tree whose children are trees stays valid.
 */
import { ConfigError } from '../errors.js'

/** Keywords whose schemas apply to the same value, not to a part of it. */
const IN_PLACE = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependencies'] as const

/** A reference as normalised: `portico:model/Name` + optional `#pointer`, or a local `#pointer`. */
const MODEL_ID = /^portico:model\/([^#]*)(?:#(.*))?$/

type Schemas = ReadonlyMap<string, unknown>

interface Target {
  readonly model: string
  readonly pointer: string
  readonly node: unknown
}

/** Follows a JSON pointer (`/properties/a~1b`) inside a schema; undefined when it leads nowhere. */
function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return root
  let node = root
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    let part: string
    try {
      part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
    } catch {
      return undefined
    }
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return node
}

/** The schemas a node's `$ref`s reach without descending into a part of the value. */
function bareReferences(node: unknown, model: string, schemas: Schemas): Target[] {
  const found: Target[] = []
  const pending: unknown[] = [node]
  while (pending.length > 0) {
    const current = pending.pop()
    if (current === null || typeof current !== 'object') continue
    if (Array.isArray(current)) {
      pending.push(...(current as unknown[]))
      continue
    }
    const schema = current as Record<string, unknown>
    const ref = schema['$ref']
    if (typeof ref === 'string') {
      const match = MODEL_ID.exec(ref)
      const target = match ? (match[1] as string) : ref.startsWith('#') ? model : undefined
      const pointer = match ? (match[2] ?? '') : ref.slice(1)
      if (target !== undefined && schemas.has(target)) {
        const resolved = resolvePointer(schemas.get(target), pointer)
        if (resolved !== undefined) found.push({ model: target, pointer, node: resolved })
      }
    }
    for (const keyword of IN_PLACE) {
      const value = Object.hasOwn(schema, keyword) ? schema[keyword] : undefined
      if (value === undefined) continue
      if (keyword === 'dependencies' && value !== null && typeof value === 'object')
        pending.push(...Object.values(value as Record<string, unknown>))
      else pending.push(value)
    }
  }
  return found
}

/**
 * Throws for the first model whose schema refers back to itself with no property or item in
 * between. Iterative: a long chain of models cannot overflow the stack.
 *
 * @param schemas - normalised schemas by model name
 * @throws ConfigError at `models.<name>.schema`, naming the chain of models
 */
export function assertNoReferenceCycles(schemas: Schemas): void {
  // Nodes are schema objects (a model root or the target of a `#pointer`); 1 = on the path, 2 = done.
  const state = new Map<unknown, 1 | 2>()
  for (const [name, root] of schemas) {
    if (state.get(root) === 2) continue
    const path: Array<{ target: Target; next: Target[]; index: number }> = []
    const enter = (target: Target): void => {
      state.set(target.node, 1)
      path.push({ target, next: bareReferences(target.node, target.model, schemas), index: 0 })
    }
    enter({ model: name, pointer: '', node: root })
    while (path.length > 0) {
      const top = path[path.length - 1] as (typeof path)[number]
      const child = top.next[top.index++]
      if (child === undefined) {
        state.set(top.target.node, 2)
        path.pop()
        continue
      }
      const seen = state.get(child.node)
      if (seen === 2) continue
      if (seen === 1) {
        const start = path.findIndex((step) => step.target.node === child.node)
        const chain = [...path.slice(start).map((step) => step.target), child]
          .map((t) => (t.pointer === '' ? t.model : `${t.model}#${t.pointer}`))
          .join(' → ')
        const first = (path[start] as (typeof path)[number]).target.model
        throw new ConfigError(
          `models.${first}.schema`,
          `refers to itself through $ref with no property or item in between (${chain}): no value could ever be validated`,
        )
      }
      enter(child)
    }
  }
}
