/**
 * Root variable values given outside the configuration, in Terraform's precedence (later wins):
 * `TF_VAR_*` environment variables, `terraform.tfvars`, `terraform.tfvars.json`,
 * `*.auto.tfvars` and `*.auto.tfvars.json` in lexical order, `-var-file` files in order, `-var`
 * values (developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence).
 */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { errorMessage } from '../../core/index.js'
import { ConfigError } from '../../errors.js'
import type { HclBody } from '../hcl/ast.js'
import { readDefinitionFile } from './config.js'
import { fromJs } from './functions/json.js'
import type { RawVariable } from './modules.js'

/** What the variable sources need from the caller. */
export interface VariableSources {
  readonly rootDir: string
  readonly env: Readonly<Record<string, string | undefined>>
  readonly varFiles: readonly string[]
  readonly vars: Readonly<Record<string, unknown>>
  readonly parse: (text: string, file: string) => HclBody
}

function readVarFile(
  file: string,
  parse: VariableSources['parse'],
  into: Map<string, RawVariable>,
): void {
  const text = readDefinitionFile(file)
  if (file.endsWith('.json')) {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (e) {
      throw new ConfigError(file, `invalid JSON: ${errorMessage(e)}`)
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new ConfigError(file, 'a .tfvars.json file must hold an object')
    for (const k of Object.keys(json))
      into.set(k, {
        kind: 'value',
        value: toValue((json as Record<string, unknown>)[k], file),
        from: file,
      })
    return
  }
  const body = parse(text, file)
  if (body.blocks.length > 0)
    throw new ConfigError(
      `${file}:${String(body.blocks[0]?.pos.line)}`,
      'a variable definitions file holds only name = value lines',
    )
  for (const a of body.attributes)
    into.set(a.name, { kind: 'expr', expr: a.expr, from: `${file}:${String(a.pos.line)}` })
}

function toValue(v: unknown, from: string): ReturnType<typeof fromJs> {
  try {
    return fromJs(v)
  } catch (e) {
    throw new ConfigError(from, errorMessage(e))
  }
}

/**
 * The root variables given outside the configuration.
 *
 * @throws ConfigError when a var file is missing or does not parse
 */
export function collectRootVariables(src: VariableSources): Map<string, RawVariable> {
  const out = new Map<string, RawVariable>()
  for (const [k, v] of Object.entries(src.env))
    if (k.startsWith('TF_VAR_') && v !== undefined && k.length > 7)
      out.set(k.slice(7), { kind: 'string', text: v, from: k })
  const files = ['terraform.tfvars', 'terraform.tfvars.json']
  let names: string[] = []
  try {
    names = readdirSync(src.rootDir)
  } catch {
    names = []
  }
  const auto = names
    .filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json'))
    .sort()
  for (const n of [...files, ...auto]) {
    const file = path.join(src.rootDir, n)
    if (existsSync(file)) readVarFile(file, src.parse, out)
  }
  for (const f of src.varFiles) {
    const file = path.resolve(f)
    if (!existsSync(file)) throw new ConfigError(f, 'var file not found')
    readVarFile(file, src.parse, out)
  }
  for (const [k, v] of Object.entries(src.vars)) {
    if (typeof v === 'string') out.set(k, { kind: 'string', text: v, from: `-var ${k}` })
    else out.set(k, { kind: 'value', value: toValue(v, `vars.${k}`), from: `-var ${k}` })
  }
  return out
}
