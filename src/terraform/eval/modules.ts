/**
 * Module instances: the root module and every expanded module call, each with its variables,
 * locals, outputs, resources and child calls, all evaluated on demand and memoised.
 */
import type { Expr, SourcePos, TemplatePart } from '../hcl/ast.js'
import { UnknownValue, type TfValue } from '../values.js'
import type { EvalContext, Scope, Site } from './context.js'
import { isModuleConfig, type ModuleCallConfig, type ModuleConfig } from './config.js'
import {
  instanceNames,
  keySuffix,
  keysOf,
  ExpansionOnce,
  type Expansion,
  type InstanceKey,
} from './expansion.js'
import { evalExpr } from './expr.js'
import { Memo } from './memo.js'
import { ResourceState } from './resources.js'
import { makeRecord, withChain } from './value-ops.js'
import { convertToType } from './var-types.js'

/** A root variable value given outside the configuration, not yet converted. */
export type RawVariable =
  | { readonly kind: 'value'; readonly value: TfValue; readonly from: string }
  /** A -var or TF_VAR_ string: HCL for complex types, else the string itself. */
  | { readonly kind: 'string'; readonly text: string; readonly from: string }
  | { readonly kind: 'expr'; readonly expr: Expr; readonly from: string }

/** What every module instance shares. */
export interface Runtime {
  readonly ctx: EvalContext
  readonly rootDir: string
  readonly accountId: string
  readonly workspace: string
  readonly rootVariables: ReadonlyMap<string, RawVariable>
  /** The region: the option, else the root aws provider's `region`, else us-east-1. */
  region(): string
  /** Parses the text of an HCL expression (for -var values); throws ConfigError. */
  parseExpression(text: string, file: string): Expr
  /** Parses a template's text (templatefile, template_file); throws ConfigError. */
  parseTemplate(text: string, file: string): readonly TemplatePart[]
}

/** Where a module instance's inputs come from. */
export interface ModuleParent {
  readonly module: ModuleInstance
  readonly call: ModuleCallConfig
  readonly names: ReadonlyMap<string, TfValue>
}

/** One instance of a module (the root has an empty path). */
export class ModuleInstance {
  private readonly vars: Memo<TfValue>
  private readonly localValues: Memo<TfValue>
  private readonly outputValues: Memo<TfValue>
  private readonly resourceStates = new Map<string, ResourceState>()
  private readonly callStates = new Map<string, CallState>()

  /**
   * @param path - module call names from the root, with instance keys (`api`, `api["a"]`)
   * @param prefix - the address prefix: `` for the root, `module.api.` inside a call
   * @param parent - the calling module instance, the call, and the call instance's names
   */
  readonly runtime: Runtime
  readonly config: ModuleConfig
  readonly path: readonly string[]
  readonly prefix: string
  readonly parent: ModuleParent | undefined

  constructor(
    runtime: Runtime,
    config: ModuleConfig,
    path: readonly string[],
    prefix: string,
    parent?: ModuleParent,
  ) {
    this.runtime = runtime
    this.config = config
    this.path = path
    this.prefix = prefix
    this.parent = parent
    this.vars = new Memo(runtime.ctx, `${prefix}var`)
    this.localValues = new Memo(runtime.ctx, `${prefix}local`)
    this.outputValues = new Memo(runtime.ctx, `${prefix}output`)
  }

  /** A scope in this module with no names bound. */
  scope(site: Site): Scope {
    return { module: this, names: new Map(), site }
  }

  /** `var.<name>` */
  variable(name: string, pos: SourcePos, site: Site): TfValue {
    const decl = this.config.variables.get(name)
    const ctx = this.runtime.ctx
    if (!decl)
      return ctx.error(
        'undeclared-variable',
        `reference to undeclared variable var.${name}`,
        site,
        {
          pos,
        },
      )
    const entry = `${this.prefix}var.${name}`
    return this.vars.get(name, pos, () => {
      const vsite = { address: entry }
      const raw = this.rawVariable(name, vsite)
      let value: TfValue
      if (raw !== undefined && !(raw === null && decl.nonNullable && decl.default)) value = raw
      else if (decl.default) value = evalExpr(decl.default, this.scope(vsite))
      else
        value = ctx.error('unset-variable', `variable ${entry} has no value`, vsite, {
          pos: decl.pos,
          hint: this.parent
            ? `set ${name} in the module "${this.parent.call.name}" block`
            : `pass -var '${name}=value'`,
        })
      if (decl.type && !(value instanceof UnknownValue))
        value = convertToType(value, decl.type, this.scope(vsite), decl.pos)
      return withChain(value, entry)
    })
  }

  private rawVariable(name: string, site: Site): TfValue | undefined {
    if (this.parent) {
      const { module, call, names } = this.parent
      const attr = call.body.attributes.find((a) => a.name === name)
      if (!attr) return undefined
      return evalExpr(attr.expr, {
        module,
        names,
        site: { address: `${module.prefix}module.${call.name}`, attribute: name },
      })
    }
    const raw = this.runtime.rootVariables.get(name)
    if (!raw) return undefined
    if (raw.kind === 'value') return raw.value
    if (raw.kind === 'expr') return evalExpr(raw.expr, this.scope(site))
    const decl = this.config.variables.get(name)
    if (decl?.type && isComplexType(decl.type)) {
      try {
        return evalExpr(this.runtime.parseExpression(raw.text, raw.from), this.scope(site))
      } catch (e) {
        return this.runtime.ctx.error(
          'invalid-variable',
          `${raw.from}: cannot parse the value of ${name}: ${e instanceof Error ? e.message : 'syntax error'}`,
          site,
        )
      }
    }
    return raw.text
  }

  /** `local.<name>` */
  local(name: string, pos: SourcePos, site: Site): TfValue {
    const attr = this.config.locals.get(name)
    if (!attr)
      return this.runtime.ctx.error(
        'undeclared-local',
        `reference to undeclared local value local.${name}`,
        site,
        { pos },
      )
    const entry = `${this.prefix}local.${name}`
    return this.localValues.get(name, pos, () =>
      withChain(evalExpr(attr.expr, this.scope({ address: entry })), entry),
    )
  }

  /** An output's value as the calling module sees it. */
  output(name: string, pos: SourcePos, site: Site): TfValue {
    const attr = this.config.outputs.get(name)
    if (!attr)
      return this.runtime.ctx.error(
        'undeclared-output',
        `${this.prefix.slice(0, -1)} has no output "${name}"`,
        site,
        { pos },
      )
    const entry = `${this.prefix}output.${name}`
    return this.outputValues.get(name, pos, () =>
      withChain(evalExpr(attr.expr, this.scope({ address: entry })), entry),
    )
  }

  /** All outputs as a lazy object (`module.api` as a whole). */
  outputsObject(pos: SourcePos, site: Site): TfValue {
    const obj: Record<string, TfValue> = {}
    for (const name of this.config.outputs.keys())
      Object.defineProperty(obj, name, {
        enumerable: true,
        get: () => this.output(name, pos, site),
      })
    return obj
  }

  /** A resource or data source block of this module instance. */
  resource(mode: 'managed' | 'data', type: string, name: string): ResourceState | undefined {
    const key = `${mode}.${type}.${name}`
    let state = this.resourceStates.get(key)
    if (!state) {
      const config = (mode === 'data' ? this.config.data : this.config.resources).get(
        `${type}.${name}`,
      )
      if (!config) return undefined
      state = new ResourceState(this, config)
      this.resourceStates.set(key, state)
    }
    return state
  }

  /** A module call of this module instance. */
  call(name: string): CallState | undefined {
    let state = this.callStates.get(name)
    if (!state) {
      const config = this.config.calls.get(name)
      if (!config) return undefined
      state = new CallState(this, config)
      this.callStates.set(name, state)
    }
    return state
  }
}

/** One `module` block in one module instance: its instances after count/for_each. */
export class CallState {
  readonly address: string
  private readonly expansionOnce: ExpansionOnce
  private readonly instances = new Map<InstanceKey, ModuleInstance>()

  readonly module: ModuleInstance
  readonly config: ModuleCallConfig

  constructor(module: ModuleInstance, config: ModuleCallConfig) {
    this.module = module
    this.config = config
    this.address = `${module.prefix}module.${config.name}`
    this.expansionOnce = new ExpansionOnce(
      config.body,
      () => module.scope({ address: this.address }),
      this.address,
      config.pos,
    )
  }

  /** An UnknownValue when the module's source is not available, else undefined. */
  problem(): UnknownValue | undefined {
    const c = this.config.config
    if (isModuleConfig(c)) return undefined
    // One diagnostic per module block, wherever its outputs are read.
    return this.module.runtime.ctx.unknown(
      c.code,
      c.message,
      {},
      { address: this.address, pos: this.config.pos, hint: c.hint },
    )
  }

  expansion(): Expansion {
    return this.expansionOnce.get()
  }

  /** The module instance with `key` (undefined if there is none or the source is missing). */
  instance(key: InstanceKey): ModuleInstance | undefined {
    const c = this.config.config
    if (!isModuleConfig(c)) return undefined
    const e = this.expansion()
    if (!keysOf(e).includes(key)) return undefined
    let inst = this.instances.get(key)
    if (!inst) {
      const elem = this.config.name + keySuffix(key)
      inst = new ModuleInstance(
        this.module.runtime,
        c,
        [...this.module.path, elem],
        `${this.module.prefix}module.${elem}.`,
        { module: this.module, call: this.config, names: new Map(instanceNames(e, key)) },
      )
      this.instances.set(key, inst)
    }
    return inst
  }

  /** Every instance. */
  all(): ModuleInstance[] {
    return keysOf(this.expansion()).flatMap((k) => {
      const i = this.instance(k)
      return i ? [i] : []
    })
  }

  /** `module.<name>` as a whole: an object of outputs, or a list / map of them. */
  value(pos: SourcePos, site: Site): TfValue {
    const problem = this.problem()
    if (problem) return problem
    const e = this.expansion()
    if (e.kind === 'unknown') return e.value
    if (e.kind === 'single') return this.instance(undefined)?.outputsObject(pos, site) ?? null
    const keys = keysOf(e)
    if (e.kind === 'count')
      return keys.map((k) => this.instance(k)?.outputsObject(pos, site) ?? null)
    return makeRecord(
      keys.map((k) => [String(k), this.instance(k)?.outputsObject(pos, site) ?? null]),
    )
  }
}

function isComplexType(t: Expr): boolean {
  if (t.kind === 'variable') return !['string', 'number', 'bool', 'any'].includes(t.name)
  if (t.kind === 'literal') return t.value === 'list' || t.value === 'map'
  return true
}
