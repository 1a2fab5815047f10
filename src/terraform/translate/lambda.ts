/**
 * `aws_lambda_function` → `AWS::Lambda::Function`, with its code directory: a directory given
 * in `functionCode` (by function name or address) wins; else the `archive_file` whose
 * `output_path` is the function's `filename` gives its `source_dir` (or the directory of its
 * `source_file`). The directory goes in `Metadata.aws:asset:path`, where the template importer
 * reads a function's local code.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function
 * @see https://registry.terraform.io/providers/hashicorp/archive/latest/docs/data-sources/file
 */
import { dirname, isAbsolute, resolve } from 'node:path'
import { ComputedToken, type ResourceInstance, type TfValue } from '../values.js'
import type { TemplateBuilder } from './builder.js'

/** Code directories by function name or Terraform address. */
export type FunctionCode = Readonly<Record<string, string>>

const text = (value: TfValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined

/**
 * Where an archive's sources are: its `source_dir`, or the directory of its `source_file`.
 *
 * @param archive - a `data.archive_file` / `archive_file` instance
 * @returns the absolute directory, or undefined for inline `source` blocks
 */
function archiveSources(archive: ResourceInstance): string | undefined {
  const dir = text(archive.values['source_dir'])
  if (dir !== undefined) return resolve(archive.moduleDir, dir)
  const file = text(archive.values['source_file'])
  if (file !== undefined) return dirname(resolve(archive.moduleDir, file))
  return undefined
}

/**
 * Adds the functions to the template.
 *
 * @param builder - the template under construction
 * @param instances - every evaluated instance (functions and archives)
 * @param functionCode - directories given by the user, by function name or address
 * @param cwd - where relative `functionCode` directories start (the current directory by default)
 */
export function translateFunctions(
  builder: TemplateBuilder,
  instances: readonly ResourceInstance[],
  functionCode: FunctionCode = {},
  cwd?: string,
): void {
  const archives = instances.filter((i) => i.type === 'archive_file')
  for (const instance of instances) {
    if (instance.type !== 'aws_lambda_function') continue
    const entry = builder.add(instance, 'AWS::Lambda::Function', false)
    const props = entry.properties
    builder.copy(entry, instance, [
      ['function_name', 'FunctionName'],
      ['handler', 'Handler'],
      ['runtime', 'Runtime'],
      ['timeout', 'Timeout'],
      ['memory_size', 'MemorySize'],
    ])
    if (typeof props['FunctionName'] !== 'string') delete props['FunctionName']
    const environment = builder.block(entry, instance, 'environment')
    if (environment?.['variables'] !== undefined)
      props['Environment'] = { Variables: environment['variables'] }
    const name = typeof props['FunctionName'] === 'string' ? props['FunctionName'] : undefined
    const given =
      (name !== undefined ? functionCode[name] : undefined) ?? functionCode[instance.address]
    const code =
      given !== undefined
        ? isAbsolute(given) || cwd === undefined
          ? resolve(given)
          : resolve(cwd, given)
        : codeOf(builder, instance, archives)
    if (code !== undefined) entry.metadata = { 'aws:asset:path': code }
  }
}

function codeOf(
  builder: TemplateBuilder,
  instance: ResourceInstance,
  archives: readonly ResourceInstance[],
): string | undefined {
  const values = instance.values
  const filename = values['filename']
  const report = (message: string, attribute: string): string | undefined => {
    builder.diagnostics.push({
      code: 'function-code-not-local',
      severity: 'warning',
      message: `${instance.address}: ${message}`,
      address: instance.address,
      attribute,
      pos: instance.pos,
      hint: `map this function to its code with functionCode / --function-code ${text(values['function_name']) ?? instance.address}=dir`,
    })
    return undefined
  }
  if (filename instanceof ComputedToken && filename.resourceType === 'archive_file') {
    const archive = archives.find((a) => a.address === filename.address)
    const dir = archive ? archiveSources(archive) : undefined
    if (dir !== undefined) return dir
  }
  const path = text(filename)
  if (path !== undefined) {
    const full = resolve(instance.moduleDir, path)
    const archive = archives.find((a) => {
      const output = text(a.values['output_path'])
      return output !== undefined && resolve(a.moduleDir, output) === full
    })
    const dir = archive ? archiveSources(archive) : undefined
    if (dir !== undefined) return dir
    return report(
      `filename ${path} is not the output_path of an archive_file with source_dir or source_file, and Portico cannot run code from a zip`,
      'filename',
    )
  }
  if (values['image_uri'] !== undefined)
    return report('the code is a container image (image_uri)', 'image_uri')
  if (values['s3_bucket'] !== undefined)
    return report('the code is in Amazon S3 (s3_bucket)', 's3_bucket')
  return report('the code location (filename) is not known statically', 'filename')
}
