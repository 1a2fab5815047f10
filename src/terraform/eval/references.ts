/**
 * References: `var.`, `local.`, `module.`, `data.`, `<type>.<name>`, `path.`, `terraform.`,
 * `count.`, `each.`, names bound by `for` and `dynamic`, and the attribute / index steps after
 * them. A reference to a resource reads only the attribute it names.
 */
import { textOf } from '../../core/index.js'
import type { SourcePos } from '../hcl/ast.js'
import { ComputedToken, TokenString, UnknownValue, type TfValue } from '../values.js'
import type { Scope } from './context.js'
import { keySuffix, keysOf, type InstanceKey } from './expansion.js'
import type { CallState } from './modules.js'
import {
  MISSING_ATTRIBUTE,
  missingAttributeOf,
  type MissingAttribute,
  type ResourceState,
} from './resources.js'
import { field, isList, isRecord, numberText, toNumber, toText, typeName } from './value-ops.js'

/** One step after a root name: `.name` or `[key]` (key already evaluated). */
export type Step =
  | { readonly kind: 'attr'; readonly name: string; readonly pos: SourcePos }
  | { readonly kind: 'index'; readonly key: TfValue; readonly pos: SourcePos }

/** Resolves `root` followed by `steps`. */
export function resolveTraversal(
  root: string,
  pos: SourcePos,
  steps: readonly Step[],
  scope: Scope,
): TfValue {
  const m = scope.module
  const ctx = m.runtime.ctx
  const bound = scope.names.get(root)
  if (bound !== undefined) return traverse(bound, steps, scope)
  if (scope.isolated)
    return ctx.error(
      'invalid-reference',
      `${root} is not among the variables passed to this template`,
      scope.site,
      { pos },
    )
  const first = steps[0]
  const firstName = first?.kind === 'attr' ? first.name : undefined
  const rest = steps.slice(1)
  const invalid = (what: string): UnknownValue =>
    ctx.error('invalid-reference', what, scope.site, { pos })
  switch (root) {
    case 'var':
      if (firstName === undefined) return invalid('var must be followed by a variable name')
      return traverse(m.variable(firstName, pos, scope.site), rest, scope)
    case 'local':
      if (firstName === undefined) return invalid('local must be followed by a name')
      return traverse(m.local(firstName, pos, scope.site), rest, scope)
    case 'path': {
      const dirs: Record<string, string> = {
        module: m.config.dir,
        root: m.runtime.rootDir,
        cwd: m.runtime.rootDir,
      }
      const dir = firstName === undefined ? undefined : field(dirs, firstName)
      if (dir === undefined) return invalid('path.module, path.root or path.cwd expected')
      return traverse(dir, rest, scope)
    }
    case 'terraform':
      // terraform.env: Terraform 0.11's name for the workspace
      if (firstName !== 'workspace' && firstName !== 'env')
        return invalid('terraform.workspace expected')
      return traverse(m.runtime.workspace, rest, scope)
    case 'count':
    case 'each':
      return invalid(
        `${root} is only valid in a block with ${root === 'count' ? 'count' : 'for_each'}`,
      )
    case 'self':
      return ctx.unknown('self-reference', 'self is only known in provisioners', scope.site, {
        pos,
      })
    case 'module': {
      if (firstName === undefined) return invalid('module must be followed by a module name')
      const call = m.call(firstName)
      if (!call) return invalid(`reference to undeclared module module.${firstName}`)
      return resolveModule(call, rest, scope, pos)
    }
    case 'data': {
      const second = steps[1]
      if (firstName === undefined || second?.kind !== 'attr')
        return invalid('data must be followed by a type and a name')
      const rs = m.resource('data', firstName, second.name)
      if (!rs)
        return invalid(`reference to undeclared data source data.${firstName}.${second.name}`)
      return resolveResource(rs, steps.slice(2), scope, pos)
    }
    default: {
      if (firstName === undefined) return invalid(`unknown name ${root}`)
      const rs = m.resource('managed', root, firstName)
      if (!rs) return invalid(`reference to undeclared resource ${root}.${firstName}`)
      return resolveResource(rs, rest, scope, pos)
    }
  }
}

function splitInstance(
  expansionKind: string,
  steps: readonly Step[],
): { key: InstanceKey; rest: readonly Step[] } | undefined {
  if (expansionKind === 'single') return { key: undefined, rest: steps }
  const s = steps[0]
  if (s?.kind !== 'index') return undefined
  let key: InstanceKey
  if (expansionKind === 'count') {
    const n = toNumber(s.key)
    key = n.ok ? n.value : Number.NaN
  } else {
    const t = toText(s.key)
    key = t.ok && typeof t.value === 'string' ? t.value : undefined
  }
  return { key, rest: steps.slice(1) }
}

function resolveResource(
  rs: ResourceState,
  steps: readonly Step[],
  scope: Scope,
  pos: SourcePos,
): TfValue {
  const at = scope.site.address
  if (at === rs.address || at?.startsWith(`${rs.address}[`))
    // Terraform refuses it too ("Self-referential block"); the value would be a stand-in.
    return rs.module.runtime.ctx.error(
      'self-reference',
      `${at} refers to itself (${rs.address}): a resource may not refer to its own attributes`,
      scope.site,
      { pos },
    )
  const e = rs.expansion()
  if (e.kind === 'unknown') return e.value
  const split = splitInstance(e.kind, steps)
  if (!split) return traverse(rs.value(), steps, scope)
  const idx = steps[0]
  if (idx?.kind === 'index' && idx.key instanceof UnknownValue) return idx.key
  const inst = rs.instance(split.key)
  if (!inst)
    return rs.module.runtime.ctx.error(
      'invalid-index',
      `${rs.address} has no instance ${describeKey(split.key)} (instances: ${keysOf(e).map(describeKey).join(', ') || 'none'})`,
      scope.site,
      { pos },
    )
  const attr = split.rest[0]
  if (attr?.kind !== 'attr') return traverse(inst.object(), split.rest, scope)
  return traverse(inst.attr(attr.name, attr.pos), split.rest.slice(1), scope)
}

function resolveModule(
  call: CallState,
  steps: readonly Step[],
  scope: Scope,
  pos: SourcePos,
): TfValue {
  const problem = call.problem()
  const e = call.expansion()
  if (e.kind === 'unknown') return e.value
  const split = splitInstance(e.kind, steps)
  if (problem) return unreadModule(call, split, scope, problem)
  if (!split) return traverse(call.value(pos, scope.site), steps, scope)
  const inst = call.instance(split.key)
  if (!inst)
    return call.module.runtime.ctx.error(
      'invalid-index',
      `${call.address} has no instance ${describeKey(split.key)}`,
      scope.site,
      { pos },
    )
  const out = split.rest[0]
  if (out?.kind !== 'attr') return traverse(inst.outputsObject(pos, scope.site), split.rest, scope)
  return traverse(inst.output(out.name, out.pos, scope.site), split.rest.slice(1), scope)
}

/**
 * An output of a module Portico cannot read (a registry module not fetched): a token standing
 * for it (`resourceType` `module`), so a template or an OpenAPI body that embeds it still
 * evaluates, and only what depends on the output is unknown. The `registry-module` diagnostic
 * is already recorded.
 */
function unreadModule(
  call: CallState,
  split: { key: InstanceKey; rest: readonly Step[] } | undefined,
  scope: Scope,
  problem: UnknownValue,
): TfValue {
  if (!split) return problem
  const address = call.address + keySuffix(split.key)
  const out = split.rest[0]
  if (out?.kind === 'attr')
    return traverse(new ComputedToken(address, 'module', out.name), split.rest.slice(1), scope)
  if (split.rest.length > 0) return problem
  const obj: Record<string, TfValue> = {}
  const missing: MissingAttribute = (name) => new ComputedToken(address, 'module', name)
  Object.defineProperty(obj, MISSING_ATTRIBUTE, { value: missing, enumerable: false })
  return obj
}

function describeKey(k: InstanceKey): string {
  return k === undefined ? '(none)' : typeof k === 'number' ? `[${numberText(k)}]` : `["${k}"]`
}

/** Applies attribute and index steps to a value. */
export function traverse(value: TfValue, steps: readonly Step[], scope: Scope): TfValue {
  const ctx = scope.module.runtime.ctx
  let v = value
  for (const [i, s] of steps.entries()) {
    if (v instanceof UnknownValue) return v
    if (s.kind === 'index' && s.key instanceof UnknownValue) return s.key
    if (v instanceof ComputedToken) {
      // An attribute inside a computed attribute: a token for the longer path.
      const rest = steps
        .slice(i)
        .map((st) =>
          st.kind === 'attr'
            ? st.name
            : typeof st.key === 'number'
              ? numberText(st.key)
              : textOf(st.key),
        )
      return new ComputedToken(v.address, v.resourceType, [v.attribute, ...rest].join('.'), v.chain)
    }
    if (v instanceof TokenString)
      return ctx.error('invalid-reference', 'cannot read an attribute of a string', scope.site, {
        pos: s.pos,
      })
    if (v === null)
      return ctx.error(
        'null-reference',
        `cannot read ${s.kind === 'attr' ? `attribute "${s.name}"` : 'an element'} of a null value`,
        scope.site,
        { pos: s.pos },
      )
    const key = s.kind === 'attr' ? s.name : s.key
    if (isList(v)) {
      const n = toNumber(key)
      if (!n.ok || !Number.isInteger(n.value))
        return ctx.error(
          'invalid-index',
          `a list index must be a whole number, got ${typeName(key)}`,
          scope.site,
          {
            pos: s.pos,
          },
        )
      const item = v[n.value]
      if (item === undefined)
        return ctx.error(
          'invalid-index',
          `index ${numberText(n.value)} out of range for a list of ${String(v.length)}`,
          scope.site,
          { pos: s.pos },
        )
      v = item
      continue
    }
    if (isRecord(v)) {
      const t = toText(key)
      if (!t.ok || typeof t.value !== 'string')
        return ctx.error('invalid-index', 'a map key must be a known string', scope.site, {
          pos: s.pos,
        })
      const item = field(v, t.value)
      if (item !== undefined) {
        v = item
        continue
      }
      const missing = missingAttributeOf(v)
      if (missing) {
        v = missing(t.value)
        continue
      }
      return ctx.error(
        'unsupported-attribute',
        `this object has no attribute or key ${JSON.stringify(t.value)}`,
        scope.site,
        { pos: s.pos },
      )
    }
    return ctx.error('invalid-reference', `cannot index a ${typeName(v)} value`, scope.site, {
      pos: s.pos,
    })
  }
  return v
}
