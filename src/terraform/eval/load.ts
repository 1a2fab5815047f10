/**
 * `loadTerraform`: reads a root module (and the modules it calls) and evaluates, on demand, the
 * resource instances a caller asks for.
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import { ConfigError } from '../../errors.js'
import type { Expr, TemplatePart } from '../hcl/ast.js'
import { parseHcl } from '../hcl/index.js'
import type { ResourceInstance, TerraformDiagnostic } from '../values.js'
import { BudgetExceeded, EvalContext } from './context.js'
import { MAX_STEPS } from './limits.js'
import { isModuleConfig, loadRootConfig, type ModuleConfig } from './config.js'
import { evalExpr } from './expr.js'
import { ModuleInstance, type Runtime } from './modules.js'
import { collectRootVariables } from './variables.js'

/** Options of {@link loadTerraform}, as Terraform's CLI flags and environment give them. */
export interface TerraformLoadOptions {
  /** -var values: highest precedence. Strings are parsed like -var (HCL literal for complex types). */
  vars?: Record<string, unknown>
  /** -var-file paths (relative to the cwd), after terraform.tfvars and *.auto.tfvars. */
  varFiles?: readonly string[]
  /** Where TF_VAR_* come from. @default process.env */
  env?: Readonly<Record<string, string | undefined>>
  /** data.aws_region / provider region. @default the aws provider's literal `region`, else us-east-1 */
  region?: string
  /** data.aws_caller_identity.account_id. @default 123456789012 */
  accountId?: string
  /** terraform.workspace. @default default */
  workspace?: string
}

/** A loaded root module. */
export interface TerraformConfig {
  /** The root module's directory, absolute. */
  readonly rootDir: string
  /**
   * Every instance (after count/for_each) of the managed resources and data sources `filter`
   * accepts, all arguments evaluated. Lazy: only what these reference is evaluated, so unrelated
   * code (other providers, unsupported functions elsewhere) is never touched.
   */
  instances(filter: (type: string, mode: 'managed' | 'data') => boolean): ResourceInstance[]
  /** Diagnostics so far (grows as instances() evaluates). */
  readonly diagnostics: readonly TerraformDiagnostic[]
}

const TEMPLATE_MARKER = '__PORTICO_TEMPLATE_EOT__'

/** Parses the text of one expression. */
function parseExpression(text: string, file: string): Expr {
  const body = parseHcl(`value = ${text}\n`, file)
  const attr = body.attributes[0]
  if (!attr || body.attributes.length !== 1 || body.blocks.length > 0)
    throw new ConfigError(file, 'not a single expression')
  return attr.expr
}

/** Parses a template's text as the body of a heredoc (no escapes, `${}` and `%{}` directives). */
function parseTemplate(text: string, file: string): readonly TemplatePart[] {
  if (text.split(/\r?\n/).includes(TEMPLATE_MARKER))
    throw new ConfigError(file, 'the template contains the reserved line ' + TEMPLATE_MARKER)
  const expr = parseExpression(`<<${TEMPLATE_MARKER}\n${text}\n${TEMPLATE_MARKER}`, file)
  const parts: TemplatePart[] =
    expr.kind === 'template'
      ? [...expr.parts]
      : expr.kind === 'literal' && typeof expr.value === 'string'
        ? [{ kind: 'text', value: expr.value }]
        : []
  const last = parts[parts.length - 1]
  if (last?.kind === 'text' && last.value.endsWith('\n'))
    parts[parts.length - 1] = { kind: 'text', value: last.value.slice(0, -1) }
  return shiftLines(parts, 0) as readonly TemplatePart[]
}

/** A copy of a syntax tree with every position one line up (the heredoc opener's line). */
function shiftLines(node: unknown, depth: number): unknown {
  if (depth > 400 || typeof node !== 'object' || node === null) return node
  if (Array.isArray(node)) return node.map((n) => shiftLines(n, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node)) {
    if (k === 'pos' && typeof v === 'object' && v !== null && 'line' in v) {
      const pos = v as { file: string; line: number; column: number }
      out[k] = { ...pos, line: pos.line - 1 }
    } else out[k] = shiftLines(v, depth + 1)
  }
  return out
}

/**
 * Reads the Terraform root module in `directory`: every `*.tf` file, merged as Terraform merges
 * them, and the local (or `terraform init`-fetched) modules it calls. Nothing is evaluated
 * until {@link TerraformConfig.instances} is called.
 *
 * Evaluated as if `terraform plan` ran in `directory`: `path.module`, `path.root` and
 * `path.cwd` are absolute paths, relative paths in `file()` and friends start at the root
 * module. Attributes computed on apply are `ComputedToken`s (an output of a registry
 * module not fetched is a token of `resourceType` `module`); values Portico cannot know are
 * `UnknownValue`s whose diagnostic is also in {@link TerraformConfig.diagnostics}.
 *
 * @param directory - the root module's directory
 * @param options - variable values and the account / region data sources report
 * @returns the loaded configuration
 * @throws ConfigError when the directory has no `.tf` file, a file does not parse
 * (`file:line:column`), an address is declared twice, or a var file is missing
 */
export function loadTerraform(
  directory: string,
  options: TerraformLoadOptions = {},
): TerraformConfig {
  const rootDir = path.resolve(directory)
  let isDir = false
  try {
    isDir = statSync(rootDir).isDirectory()
  } catch {
    isDir = false
  }
  if (!isDir) throw new ConfigError(directory, 'not a directory')
  const config = loadRootConfig(rootDir)
  const ctx = new EvalContext()
  const rootVariables = collectRootVariables({
    rootDir,
    env:
      options.env ??
      (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ??
      {},
    varFiles: options.varFiles ?? [],
    vars: options.vars ?? {},
    parse: parseHcl,
  })
  let region: string | undefined = options.region
  const runtime: Runtime = {
    ctx,
    rootDir,
    accountId: options.accountId ?? '123456789012',
    workspace: options.workspace ?? 'default',
    rootVariables,
    region: () => {
      if (region !== undefined) return region
      region = 'us-east-1'
      const provider = config.providers.find(
        (p) => p.labels[0] === 'aws' && !p.body.attributes.some((a) => a.name === 'alias'),
      )
      const attr = provider?.body.attributes.find((a) => a.name === 'region')
      if (attr) {
        const v = ctx.muteWhile(
          () => evalExpr(attr.expr, root.scope({ address: 'provider.aws', attribute: 'region' })),
          () => false,
        )
        if (typeof v === 'string' && v !== '') region = v
        else
          ctx.record({
            code: 'unknown-region',
            severity: 'warning',
            message: "the aws provider's region is not known statically; us-east-1 is used",
            address: 'provider.aws',
            attribute: 'region',
            pos: attr.pos,
            hint: 'pass the region in the options (or its variable with -var)',
          })
      }
      return region
    },
    parseExpression,
    parseTemplate,
  }
  const root = new ModuleInstance(runtime, config, [], '')
  for (const f of config.skippedJson)
    ctx.record({
      code: 'tf-json-skipped',
      severity: 'warning',
      message: `${f}: .tf.json files are not read`,
      hint: 'write this configuration in .tf syntax',
    })
  // A value for a variable the root module does not declare: Terraform refuses a -var one and
  // warns about a var file's (a TF_VAR_* one is ignored quietly), so a misspelt name is not lost.
  for (const [name, raw] of rootVariables)
    if (!config.variables.has(name) && !raw.from.startsWith('TF_VAR_')) {
      const flag = raw.from.startsWith('-var ')
      ctx.record({
        code: 'undeclared-variable',
        severity: flag ? 'error' : 'warning',
        message: `a value is given for variable "${name}" (${raw.from}), but the root module declares no variable of that name`,
        hint: 'check the name against the variable blocks, or declare the variable',
      })
    }
  const rootInstance = root
  return {
    rootDir,
    get diagnostics() {
      return ctx.diagnostics
    },
    instances(filter) {
      const out: ResourceInstance[] = []
      const current: { address?: string } = {}
      try {
        collect(rootInstance, filter, out, new Map(), current)
      } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e
        ctx.record({
          code: 'limit',
          severity: 'error',
          message: `evaluation stopped: the configuration needs more than ${String(MAX_STEPS)} evaluation steps`,
          ...(current.address === undefined ? {} : { address: current.address }),
        })
      }
      return out
    },
  }
}

type Filter = (type: string, mode: 'managed' | 'data') => boolean

function subtreeMatches(
  c: ModuleConfig,
  filter: Filter,
  memo: Map<ModuleConfig, boolean>,
): boolean {
  const known = memo.get(c)
  if (known !== undefined) return known
  memo.set(c, false)
  let found = false
  for (const r of c.resources.values()) if (filter(r.type, 'managed')) found = true
  for (const r of c.data.values()) if (filter(r.type, 'data')) found = true
  for (const call of c.calls.values())
    if (!isModuleConfig(call.config) || subtreeMatches(call.config, filter, memo)) found = true
  memo.set(c, found)
  return found
}

function collect(
  m: ModuleInstance,
  filter: Filter,
  out: ResourceInstance[],
  memo: Map<ModuleConfig, boolean>,
  current: { address?: string },
): void {
  for (const r of [...m.config.resources.values(), ...m.config.data.values()]) {
    if (!filter(r.type, r.mode)) continue
    const state = m.resource(r.mode, r.type, r.name)
    if (!state) continue
    current.address = state.address
    out.push(...state.all())
  }
  delete current.address
  for (const [name, call] of m.config.calls) {
    if (!isModuleConfig(call.config)) {
      m.call(name)?.problem()
      continue
    }
    if (!subtreeMatches(call.config, filter, memo)) continue
    for (const child of m.call(name)?.all() ?? []) collect(child, filter, out, memo, current)
  }
}
