/**
 * Local files a template points at: `DefinitionUri` of a SAM API (read as it is, like
 * `sam package` uploads it) and `Fn::Transform: { Name: AWS::Include, Parameters: { Location } }`
 * snippets (whose intrinsic functions CloudFormation resolves, so they are parsed as template
 * YAML). Amazon S3 locations cannot be read in-process.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/create-reusable-transform-function-snippets-and-add-to-your-template-with-aws-include-transform.html
 */
import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { ConfigError } from '../errors.js'
import { parseDocument } from '../definition/index.js'
import { isObject, type Doc } from './openapi-edit.js'
import { parseTemplateText } from './parse.js'

function localPath(location: unknown, baseDir: string, where: string): string {
  if (typeof location !== 'string' || location === '')
    throw new ConfigError(
      where,
      'Portico reads local files only: give a path relative to the template, not an S3 location',
    )
  if (/^s3:\/\//i.test(location) || /^https?:\/\//i.test(location))
    throw new ConfigError(
      where,
      `${location} is not a local file: Portico reads local files only (the path sam package uploads)`,
    )
  return isAbsolute(location) ? location : resolve(baseDir, location)
}

function read(file: string, where: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(where, `cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    })
  }
}

/**
 * Reads a `DefinitionUri` file.
 *
 * @param location - the resolved `DefinitionUri`
 * @param baseDir - the template's directory
 * @param where - the property's place
 * @returns the OpenAPI document
 * @throws ConfigError for an S3 location, a missing file or a file that does not parse
 */
export function readDefinitionFile(location: unknown, baseDir: string, where: string): Doc {
  const file = localPath(location, baseDir, where)
  try {
    return parseDocument(read(file, where))
  } catch (error) {
    if (error instanceof ConfigError && error.path === where) throw error
    throw new ConfigError(where, `${file}: ${(error as Error).message}`, { cause: error })
  }
}

/**
 * Replaces every `AWS::Include` transform by the content of its local file.
 *
 * @param value - a template or part of one
 * @param baseDir - the template's directory
 * @param path - where `value` is
 * @param warn - receives the YAML parser's warnings about a snippet
 * @returns the value with snippets included
 * @throws ConfigError for an S3 location or a file that does not parse
 */
export function expandIncludes(
  value: unknown,
  baseDir: string,
  path = '',
  warn?: (message: string) => void,
): unknown {
  if (Array.isArray(value))
    return value.map((item, i) => expandIncludes(item, baseDir, `${path}.${i}`, warn))
  if (!isObject(value)) return value
  const transform = value['Fn::Transform']
  if (isObject(transform) && transform['Name'] === 'AWS::Include') {
    const where = `${path}.Fn::Transform.Parameters.Location`
    const parameters = isObject(transform['Parameters']) ? transform['Parameters'] : {}
    const file = localPath(parameters['Location'], baseDir, where)
    const text = read(file, where)
    return expandIncludes(parseTemplateText(text, where, warn), baseDir, path, warn)
  }
  const out: Doc = {}
  for (const [key, item] of Object.entries(value))
    out[key] = expandIncludes(item, baseDir, path ? `${path}.${key}` : key, warn)
  return out
}
