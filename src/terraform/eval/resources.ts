/**
 * Resources and data sources: their instances after `count` / `for_each`, each attribute
 * evaluated on demand and memoised. An attribute the configuration does not set is, for a
 * managed resource, a {@link ComputedToken} (Terraform computes it on apply); for a data source
 * it comes from `data-sources.ts`.
 */
import type { HclBlock, HclBody, SourcePos } from '../hcl/ast.js'
import { ComputedToken, UnknownValue, type ResourceInstance, type TfValue } from '../values.js'
import type { Scope } from './context.js'
import type { ResourceConfig } from './config.js'
import { dataAttribute, dataAttributeNames } from './data-sources.js'
import {
  instanceNames,
  keySuffix,
  keysOf,
  ExpansionOnce,
  type Expansion,
  type InstanceKey,
} from './expansion.js'
import { evalExpr } from './expr.js'
import type { ModuleInstance } from './modules.js'
import { Memo } from './memo.js'
import {
  entriesOf,
  isRecord,
  makeRecord,
  materialize,
  typeName,
  type TfRecord,
} from './value-ops.js'

const META_MANAGED = new Set([
  'count',
  'for_each',
  'provider',
  'depends_on',
  'lifecycle',
  'provisioner',
  'connection',
])

/** Attributes AWS resources commonly compute, listed in a whole-resource reference. */
const COMMON_COMPUTED = [
  'id',
  'arn',
  'invoke_arn',
  'qualified_arn',
  'qualified_invoke_arn',
  'root_resource_id',
  'execution_arn',
  'invoke_url',
  'api_endpoint',
  'version',
]

/** Marks a lazy resource object: a missing attribute is read through this function. */
export const MISSING_ATTRIBUTE: unique symbol = Symbol('portico.missingAttribute')

/** A lazy resource object's fallback for attributes it does not list. */
export type MissingAttribute = (name: string) => TfValue

/** The state of one resource block in one module instance. */
export class ResourceState {
  readonly address: string
  private readonly expansionOnce: ExpansionOnce
  private readonly instancesByKey = new Map<InstanceKey, InstanceState>()

  readonly module: ModuleInstance
  readonly config: ResourceConfig

  constructor(module: ModuleInstance, config: ResourceConfig) {
    this.module = module
    this.config = config
    this.address = `${module.prefix}${config.mode === 'data' ? 'data.' : ''}${config.type}.${config.name}`
    this.expansionOnce = new ExpansionOnce(
      config.body,
      () => module.scope({ address: this.address }),
      this.address,
      config.pos,
    )
  }

  /** `count` / `for_each`, evaluated once. */
  expansion(): Expansion {
    return this.expansionOnce.get()
  }

  /** The instance with `key`, or undefined when there is none. */
  instance(key: InstanceKey): InstanceState | undefined {
    const e = this.expansion()
    if (!keysOf(e).includes(key)) return undefined
    let inst = this.instancesByKey.get(key)
    if (!inst) {
      inst = new InstanceState(this, key, instanceNames(e, key))
      this.instancesByKey.set(key, inst)
    }
    return inst
  }

  /** The value of a whole-resource reference: an object, a list (count) or a map (for_each). */
  value(): TfValue {
    const e = this.expansion()
    if (e.kind === 'unknown') return e.value
    if (e.kind === 'single') return this.instance(undefined)?.object() ?? null
    if (e.kind === 'count') return keysOf(e).map((k) => this.instance(k)?.object() ?? null)
    return makeRecord(keysOf(e).map((k) => [String(k), this.instance(k)?.object() ?? null]))
  }

  /** Every instance, all arguments evaluated (count/for_each unknown: none). */
  all(): ResourceInstance[] {
    return keysOf(this.expansion()).flatMap((k) => {
      const inst = this.instance(k)
      return inst ? [inst.toInstance()] : []
    })
  }
}

/** One instance of a resource. */
export class InstanceState {
  readonly address: string
  readonly scope: Scope
  private readonly attrs: Memo<TfValue>
  private lazy: TfRecord | undefined

  readonly resource: ResourceState
  readonly key: InstanceKey

  constructor(resource: ResourceState, key: InstanceKey, names: [string, TfValue][]) {
    this.resource = resource
    this.key = key
    this.address = resource.address + keySuffix(key)
    const m = resource.module
    this.scope = { module: m, names: new Map(names), site: { address: this.address } }
    this.attrs = new Memo(m.runtime.ctx, this.address)
  }

  private get body(): HclBody {
    return this.resource.config.body
  }

  /** Names set in the configuration (attributes and nested block types), meta-arguments left out. */
  configuredNames(): string[] {
    const names = new Set<string>()
    for (const a of this.body.attributes) if (!META_MANAGED.has(a.name)) names.add(a.name)
    for (const b of this.body.blocks) {
      const t = b.type === 'dynamic' ? b.labels[0] : b.type
      if (t !== undefined && !META_MANAGED.has(t)) names.add(t)
    }
    return [...names]
  }

  /** One attribute: configured value, computed token, or data source value. */
  attr(name: string, pos?: SourcePos): TfValue {
    return this.attrs.get(name, pos, () => {
      const site = { address: this.address, attribute: name }
      const configured = bodyAttribute(this.body, name, { ...this.scope, site }, META_MANAGED)
      if (configured !== undefined) return configured
      const { type, mode } = this.resource.config
      if (mode === 'data') return dataAttribute(this, name, pos)
      return new ComputedToken(this.address, type, name)
    })
  }

  /** The lazy object a whole-resource reference gives. */
  object(): TfRecord {
    if (this.lazy) return this.lazy
    const obj: Record<string, TfValue> = {}
    const { type, mode } = this.resource.config
    const names = [
      ...this.configuredNames(),
      ...(mode === 'data' ? dataAttributeNames(type) : COMMON_COMPUTED),
    ]
    for (const n of new Set(names))
      Object.defineProperty(obj, n, { enumerable: true, get: () => this.attr(n) })
    const missing: MissingAttribute = (n) => this.attr(n)
    Object.defineProperty(obj, MISSING_ATTRIBUTE, { value: missing, enumerable: false })
    this.lazy = obj
    return obj
  }

  /** The evaluated instance. */
  toInstance(): ResourceInstance {
    const { mode, type, name } = this.resource.config
    const m = this.resource.module
    const names = this.configuredNames()
    if (mode === 'data')
      for (const n of dataAttributeNames(type)) if (!names.includes(n)) names.push(n)
    const values = makeRecord(names.map((n) => [n, materialize(this.attr(n))]))
    return {
      address: this.address,
      mode,
      type,
      name,
      ...(this.key === undefined ? {} : { key: this.key }),
      modulePath: m.path,
      moduleDir: m.config.dir,
      values,
      pos: this.resource.config.pos,
    }
  }
}

/**
 * The value of `name` in a body: its attribute, or its nested blocks (static and `dynamic`) as
 * an array of records; undefined when the body sets neither.
 */
export function bodyAttribute(
  body: HclBody,
  name: string,
  scope: Scope,
  meta: ReadonlySet<string>,
): TfValue | undefined {
  if (meta.has(name)) return undefined
  const attr = body.attributes.find((a) => a.name === name)
  if (attr) return evalExpr(attr.expr, { ...scope, site: { ...scope.site, attribute: name } })
  const blocks = body.blocks.filter(
    (b) => b.type === name || (b.type === 'dynamic' && b.labels[0] === name),
  )
  if (blocks.length === 0) return undefined
  const out: TfValue[] = []
  for (const b of blocks) {
    if (b.type !== 'dynamic') out.push(evalBlockBody(b.body, scope))
    else {
      const r = expandDynamic(b, scope)
      if (r instanceof UnknownValue) return r
      out.push(...r)
    }
  }
  return out
}

/** A nested block's body as a record (nested blocks as arrays). */
export function evalBlockBody(body: HclBody, scope: Scope): TfRecord {
  const names = new Set<string>(body.attributes.map((a) => a.name))
  for (const b of body.blocks) {
    const t = b.type === 'dynamic' ? b.labels[0] : b.type
    if (t !== undefined) names.add(t)
  }
  return makeRecord(
    [...names].map((n) => [n, bodyAttribute(body, n, scope, NO_META) ?? null] as const),
  )
}

const NO_META: ReadonlySet<string> = new Set()

function expandDynamic(block: HclBlock, scope: Scope): TfValue[] | UnknownValue {
  const ctx = scope.module.runtime.ctx
  const label = block.labels[0] ?? ''
  const forEach = block.body.attributes.find((a) => a.name === 'for_each')
  const iteratorAttr = block.body.attributes.find((a) => a.name === 'iterator')
  const iterator =
    iteratorAttr?.expr.kind === 'variable'
      ? iteratorAttr.expr.name
      : iteratorAttr?.expr.kind === 'literal' && typeof iteratorAttr.expr.value === 'string'
        ? iteratorAttr.expr.value
        : label
  const content = block.body.blocks.find((b) => b.type === 'content')
  if (!forEach || !content)
    return ctx.error(
      'invalid-dynamic',
      `dynamic "${label}" needs for_each and a content block`,
      scope.site,
      { pos: block.pos },
    )
  const coll = evalExpr(forEach.expr, { ...scope, site: { ...scope.site, attribute: label } })
  if (coll instanceof UnknownValue) return coll
  const entries = entriesOf(coll)
  if (!entries) {
    if (coll === null) return []
    return ctx.unknown(
      'unknown-count',
      `dynamic "${label}": for_each over a ${typeName(coll)} value not known statically`,
      scope.site,
      { pos: forEach.pos },
    )
  }
  return entries.map(([k, v]) => {
    ctx.step()
    const names = new Map(scope.names)
    names.set(
      iterator,
      makeRecord([
        ['key', k],
        ['value', v],
      ]),
    )
    return evalBlockBody(content.body, { ...scope, names })
  })
}

/** Whether `v` is a lazy resource object (a missing attribute is a token, not an error). */
export function missingAttributeOf(v: TfValue): MissingAttribute | undefined {
  if (!isRecord(v)) return undefined
  const f = (v as { [MISSING_ATTRIBUTE]?: MissingAttribute })[MISSING_ATTRIBUTE]
  return typeof f === 'function' ? f : undefined
}
