/**
 * The static configuration of a module: its `*.tf` files read and merged by Terraform's rules
 * (override files last, attribute by attribute), and the module calls under it resolved to
 * directories (local `./` paths, or `.terraform/modules/modules.json` for registry and git
 * sources). Nothing is evaluated here.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { ConfigError } from '../../errors.js'
import { errorMessage } from '../../core/index.js'
import type { Expr, HclAttribute, HclBlock, HclBody, SourcePos } from '../hcl/ast.js'
import { parseHcl } from '../hcl/index.js'
import { MAX_FILE_BYTES, MAX_MODULE_DEPTH, MAX_MODULES } from './limits.js'

/** A `resource` or `data` block. */
export interface ResourceConfig {
  readonly mode: 'managed' | 'data'
  readonly type: string
  readonly name: string
  readonly body: HclBody
  readonly pos: SourcePos
}

/** A `module` block and where its source was found. */
export interface ModuleCallConfig {
  readonly name: string
  readonly body: HclBody
  readonly pos: SourcePos
  readonly source: string
  /** The called module, or why it is not available. */
  readonly config:
    | ModuleConfig
    | { readonly code: string; readonly message: string; readonly hint: string }
}

/** A `variable` block. */
export interface VariableConfig {
  readonly name: string
  readonly default: Expr | undefined
  readonly type: Expr | undefined
  /** `nullable = false`: a null input means the default. */
  readonly nonNullable: boolean
  readonly pos: SourcePos
}

/** One module directory, merged. */
export interface ModuleConfig {
  readonly dir: string
  /** Dotted module call names from the root (`api.lambda`), as `modules.json` keys them. */
  readonly key: string
  readonly variables: ReadonlyMap<string, VariableConfig>
  readonly locals: ReadonlyMap<string, HclAttribute>
  readonly outputs: ReadonlyMap<string, HclAttribute>
  /** Keyed `type.name`. */
  readonly resources: ReadonlyMap<string, ResourceConfig>
  readonly data: ReadonlyMap<string, ResourceConfig>
  readonly calls: ReadonlyMap<string, ModuleCallConfig>
  readonly providers: readonly HclBlock[]
  /** `.tf.json` files present but not read. */
  readonly skippedJson: readonly string[]
}

/** Whether `c` is a loaded module (not a problem). */
export function isModuleConfig(c: ModuleCallConfig['config']): c is ModuleConfig {
  return 'dir' in c
}

interface Manifest {
  readonly byKey: ReadonlyMap<string, string>
  /** Module directories read so far in this load (bounded by MAX_MODULES). */
  loaded: number
}

/**
 * Reads the root module in `rootDir` and every module it calls.
 *
 * @throws ConfigError when the directory has no `.tf` file, a file does not parse, or an
 * address is declared twice
 */
export function loadRootConfig(rootDir: string): ModuleConfig {
  const manifest = readManifest(rootDir)
  const root = loadModule(rootDir, '', manifest, 0)
  if (root === undefined) throw new ConfigError(rootDir, 'no .tf files in this directory')
  return root
}

function readManifest(rootDir: string): Manifest {
  const byKey = new Map<string, string>()
  const file = path.join(rootDir, '.terraform', 'modules', 'modules.json')
  if (!existsSync(file)) return { byKey, loaded: 0 }
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { Modules?: unknown }
    if (Array.isArray(json.Modules))
      for (const m of json.Modules as { Key?: unknown; Dir?: unknown }[])
        if (typeof m.Key === 'string' && typeof m.Dir === 'string' && m.Key !== '')
          byKey.set(m.Key, path.resolve(rootDir, m.Dir))
  } catch (e) {
    throw new ConfigError(file, `cannot read the module manifest: ${errorMessage(e)}`)
  }
  return { byKey, loaded: 0 }
}

function tfFiles(dir: string): { tf: string[]; json: string[] } {
  let names: string[]
  try {
    names = readdirSync(dir).sort()
  } catch {
    return { tf: [], json: [] }
  }
  // A `.tf` entry that cannot be read (a dangling or looping symlink) is an error, as Terraform's
  // "Failed to read file"; a directory or FIFO with such a name is not a file and is passed over.
  const isFile = (n: string): boolean => {
    const file = path.join(dir, n)
    try {
      return statSync(file).isFile()
    } catch (e) {
      throw new ConfigError(file, `cannot read this file: ${errorMessage(e)}`)
    }
  }
  return {
    tf: names.filter((n) => n.endsWith('.tf') && isFile(n)),
    json: names.filter((n) => n.endsWith('.tf.json') && isFile(n)),
  }
}

function isOverride(name: string): boolean {
  return name === 'override.tf' || name.endsWith('_override.tf')
}

/** Reads a text file of a definition, bounded in size. */
export function readDefinitionFile(file: string): string {
  const size = statSync(file).size
  if (size > MAX_FILE_BYTES)
    throw new ConfigError(file, `file larger than ${String(MAX_FILE_BYTES)} bytes`)
  return readFileSync(file, 'utf8')
}

function loadModule(
  dir: string,
  key: string,
  manifest: Manifest,
  depth: number,
): ModuleConfig | undefined {
  const { tf, json } = tfFiles(dir)
  if (tf.length === 0) return undefined
  manifest.loaded++
  const bodies = [...tf.filter((n) => !isOverride(n)), ...tf.filter(isOverride)].map((n) => {
    const file = path.join(dir, n)
    return { body: parseHcl(readDefinitionFile(file), file), override: isOverride(n) }
  })
  const b = new Builder()
  for (const { body, override } of bodies) b.add(body, override)
  const calls = new Map<string, ModuleCallConfig>()
  for (const [name, block] of b.calls) {
    const callKey = key === '' ? name : `${key}.${name}`
    calls.set(name, resolveCall(dir, name, callKey, block, manifest, depth))
  }
  return {
    dir,
    key,
    variables: b.variables,
    locals: b.locals,
    outputs: b.outputs,
    resources: b.resources,
    data: b.data,
    calls,
    providers: b.providers,
    skippedJson: json,
  }
}

function resolveCall(
  dir: string,
  name: string,
  callKey: string,
  block: { body: HclBody; pos: SourcePos },
  manifest: Manifest,
  depth: number,
): ModuleCallConfig {
  const sourceAttr = block.body.attributes.find((a) => a.name === 'source')
  const source =
    sourceAttr?.expr.kind === 'literal' && typeof sourceAttr.expr.value === 'string'
      ? sourceAttr.expr.value
      : ''
  const base = { name, body: block.body, pos: block.pos, source }
  if (depth + 1 > MAX_MODULE_DEPTH || manifest.loaded >= MAX_MODULES)
    return {
      ...base,
      config: {
        code: 'limit',
        message: `module.${name}: more than ${String(MAX_MODULE_DEPTH)} nested modules or ${String(MAX_MODULES)} module calls`,
        hint: 'check that no module calls itself',
      },
    }
  const local = source.startsWith('./') || source.startsWith('../')
  const fromManifest = manifest.byKey.get(callKey)
  const target = local ? path.resolve(dir, source) : fromManifest
  if (target === undefined)
    return {
      ...base,
      config: {
        code: 'registry-module',
        message: `module.${name}: source ${JSON.stringify(source)} is not a local path and was not found in .terraform/modules/modules.json`,
        hint: 'run terraform init, or vendor the module',
      },
    }
  const config = loadModule(target, callKey, manifest, depth + 1)
  if (config === undefined)
    return {
      ...base,
      config: {
        code: local ? 'missing-module' : 'registry-module',
        message: `module.${name}: no .tf files in ${target}`,
        hint: local ? 'check the module source path' : 'run terraform init, or vendor the module',
      },
    }
  return { ...base, config }
}

function where(pos: SourcePos): string {
  return `${pos.file}:${String(pos.line)}`
}

function labelOf(block: HclBlock, n: number): string {
  const label = block.labels[n]
  if (label === undefined)
    throw new ConfigError(where(block.pos), `a ${block.type} block needs ${String(n + 1)} label(s)`)
  return label
}

/** Terraform's override merge: attributes replace by name, nested block types replace whole. */
function mergeBody(base: HclBody, over: HclBody): HclBody {
  const names = new Set(over.attributes.map((a) => a.name))
  const types = new Set(over.blocks.map((b) => b.type))
  return {
    pos: base.pos,
    attributes: [...base.attributes.filter((a) => !names.has(a.name)), ...over.attributes],
    blocks: [...base.blocks.filter((b) => !types.has(b.type)), ...over.blocks],
  }
}

class Builder {
  readonly variables = new Map<string, VariableConfig>()
  readonly locals = new Map<string, HclAttribute>()
  readonly outputs = new Map<string, HclAttribute>()
  readonly resources = new Map<string, ResourceConfig>()
  readonly data = new Map<string, ResourceConfig>()
  readonly calls = new Map<string, { body: HclBody; pos: SourcePos }>()
  readonly providers: HclBlock[] = []
  private readonly variableBodies = new Map<string, { body: HclBody; pos: SourcePos }>()
  private readonly outputBodies = new Map<string, { body: HclBody; pos: SourcePos }>()

  add(file: HclBody, override: boolean): void {
    for (const block of file.blocks) this.addBlock(block, override)
    for (const [name, v] of this.variableBodies) {
      const attr = (n: string): Expr | undefined =>
        v.body.attributes.find((a) => a.name === n)?.expr
      const nullable = attr('nullable')
      this.variables.set(name, {
        name,
        default: attr('default'),
        type: attr('type'),
        nonNullable: nullable?.kind === 'literal' && nullable.value === false,
        pos: v.pos,
      })
    }
    for (const [name, o] of this.outputBodies) {
      const value = o.body.attributes.find((a) => a.name === 'value')
      if (value) this.outputs.set(name, value)
    }
  }

  private addNamed(
    map: Map<string, { body: HclBody; pos: SourcePos }>,
    what: string,
    name: string,
    block: HclBlock,
    override: boolean,
  ): void {
    const prior = map.get(name)
    if (override) {
      if (prior) map.set(name, { body: mergeBody(prior.body, block.body), pos: prior.pos })
      return
    }
    if (prior)
      throw new ConfigError(
        where(block.pos),
        `duplicate ${what} ${JSON.stringify(name)} (first declared at ${where(prior.pos)})`,
      )
    map.set(name, { body: block.body, pos: block.pos })
  }

  private addResource(
    map: Map<string, ResourceConfig>,
    mode: 'managed' | 'data',
    block: HclBlock,
    override: boolean,
  ): void {
    const type = labelOf(block, 0)
    const name = labelOf(block, 1)
    const key = `${type}.${name}`
    const prior = map.get(key)
    if (override) {
      if (prior) map.set(key, { ...prior, body: mergeBody(prior.body, block.body) })
      return
    }
    if (prior)
      throw new ConfigError(
        where(block.pos),
        `duplicate ${mode === 'data' ? 'data.' : ''}${key} (first declared at ${where(prior.pos)})`,
      )
    map.set(key, { mode, type, name, body: block.body, pos: block.pos })
  }

  private addBlock(block: HclBlock, override: boolean): void {
    switch (block.type) {
      case 'variable':
        this.addNamed(this.variableBodies, 'variable', labelOf(block, 0), block, override)
        return
      case 'output':
        this.addNamed(this.outputBodies, 'output', labelOf(block, 0), block, override)
        return
      case 'module':
        this.addNamed(this.calls, 'module', labelOf(block, 0), block, override)
        return
      case 'resource':
        this.addResource(this.resources, 'managed', block, override)
        return
      case 'data':
        this.addResource(this.data, 'data', block, override)
        return
      case 'provider':
        this.providers.push(block)
        return
      case 'locals':
        for (const a of block.body.attributes) {
          const prior = this.locals.get(a.name)
          if (prior && !override)
            throw new ConfigError(
              where(a.pos),
              `duplicate local ${JSON.stringify(a.name)} (first declared at ${where(prior.pos)})`,
            )
          this.locals.set(a.name, a)
        }
        return
      default:
        return // terraform, moved, import, check, removed…: nothing to evaluate
    }
  }
}
