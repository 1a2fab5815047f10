/** Helpers for the evaluator tests: a temporary root module from file texts. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadTerraform, type TerraformLoadOptions } from '../../../src/terraform/eval/index.js'
import type {
  ResourceInstance,
  TerraformDiagnostic,
  TfValue,
} from '../../../src/terraform/values.js'

const dirs: string[] = []

/** Writes `files` (relative path → text) into a new temporary directory. */
export function tfDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'portico-tfeval-'))
  dirs.push(dir)
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, text)
  }
  return dir
}

/** Removes the temporary directories. */
export function cleanup(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
}

/** Loads a module from files and lists every instance. */
export function load(
  files: Record<string, string>,
  options: TerraformLoadOptions = {},
): { instances: ResourceInstance[]; diagnostics: readonly TerraformDiagnostic[]; dir: string } {
  const dir = tfDir(files)
  const config = loadTerraform(dir, { env: {}, ...options })
  const instances = config.instances(() => true)
  return { instances, diagnostics: config.diagnostics, dir }
}

/** The instance at `address`. */
export function byAddress(
  instances: readonly ResourceInstance[],
  address: string,
): ResourceInstance {
  const found = instances.find((i) => i.address === address)
  if (!found) throw new Error(`no ${address} in ${instances.map((i) => i.address).join(', ')}`)
  return found
}

/**
 * Evaluates one expression (as the `v` argument of a resource) with `extra` configuration
 * around it.
 */
export function evalTf(
  expr: string,
  extra = '',
  options: TerraformLoadOptions = {},
  files: Record<string, string> = {},
): { value: TfValue; diagnostics: readonly TerraformDiagnostic[] } {
  const { instances, diagnostics } = load(
    { 'main.tf': `resource "test_thing" "t" {\n  v = ${expr}\n}\n${extra}`, ...files },
    options,
  )
  const t = byAddress(instances, 'test_thing.t')
  return { value: t.values['v'] ?? null, diagnostics }
}

/** Evaluates many expressions in one load (attributes v0, v1, … of one resource). */
export function evalMany(
  exprs: readonly string[],
  files: Record<string, string> = {},
  options: TerraformLoadOptions = {},
): { values: TfValue[]; diagnostics: readonly TerraformDiagnostic[] } {
  const body = exprs.map((e, i) => `  v${String(i)} = ${e}\n`).join('')
  const { instances, diagnostics } = load(
    { 'main.tf': `resource "test_thing" "t" {\n${body}}\n`, ...files },
    options,
  )
  const t = byAddress(instances, 'test_thing.t')
  return { values: exprs.map((_, i) => t.values[`v${String(i)}`] ?? null), diagnostics }
}

/** Terraform's function documentation page. */
export function fnDoc(name: string): string {
  return `https://developer.hashicorp.com/terraform/language/functions/${name}`
}
