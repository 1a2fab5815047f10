/**
 * Reading CloudFormation and SAM templates: JSON, or YAML with CloudFormation's short-form tags
 * (`!Ref`, `!Sub`, `!GetAtt`…) turned into their long form (`{ Ref: … }`, `{ 'Fn::Sub': … }`),
 * and telling a template from an OpenAPI document.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import {
  parseDocument as parseYamlDocument,
  Scalar,
  YAMLMap,
  type ScalarTag,
  type CollectionTag,
} from 'yaml'
import { ConfigError } from '../errors.js'
import { MAX_DEFINITION_BYTES } from '../definition/index.js'

/** A template as a plain object. */
export type TemplateDocument = Record<string, unknown>

/** Short-form tag → long-form key. `!GetAtt A.B` (scalar) is split at the first dot. */
const SHORT_FORMS: ReadonlyArray<readonly [tag: string, key: string]> = [
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ['!Sub', 'Fn::Sub'],
  ['!GetAtt', 'Fn::GetAtt'],
  ['!Join', 'Fn::Join'],
  ['!If', 'Fn::If'],
  ['!Select', 'Fn::Select'],
  ['!Split', 'Fn::Split'],
  ['!FindInMap', 'Fn::FindInMap'],
  ['!ImportValue', 'Fn::ImportValue'],
  ['!Base64', 'Fn::Base64'],
  ['!Equals', 'Fn::Equals'],
  ['!And', 'Fn::And'],
  ['!Or', 'Fn::Or'],
  ['!Not', 'Fn::Not'],
  ['!Cidr', 'Fn::Cidr'],
  ['!GetAZs', 'Fn::GetAZs'],
  ['!Transform', 'Fn::Transform'],
  ['!ToJsonString', 'Fn::ToJsonString'],
  ['!Length', 'Fn::Length'],
]

function wrap(key: string, node: unknown): YAMLMap {
  const map = new YAMLMap()
  map.set(new Scalar(key), node)
  return map
}

const CUSTOM_TAGS: Array<ScalarTag | CollectionTag> = SHORT_FORMS.flatMap(([tag, key]) => [
  {
    tag,
    resolve: (text: string): unknown => {
      if (key !== 'Fn::GetAtt') return { [key]: text }
      const dot = text.indexOf('.')
      return { [key]: dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)] }
    },
  },
  { tag, collection: 'seq', resolve: (seq) => wrap(key, seq) },
  { tag, collection: 'map', resolve: (map) => wrap(key, map) },
])

const isObject = (value: unknown): value is TemplateDocument =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Whether `input` (object, JSON or YAML text) is a CloudFormation / SAM template rather than an
 * OpenAPI document: it has `Resources` (or `AWSTemplateFormatVersion` / `Transform`) and no
 * `openapi` / `swagger` version.
 *
 * @param input - anything given as `options.api`
 * @returns true for a template
 * @example
 * ```ts
 * isTemplate('Transform: AWS::Serverless-2016-10-31\nResources: {}') // true
 * isTemplate({ openapi: '3.0.1', paths: {} }) // false
 * ```
 */
export function isTemplate(input: unknown): boolean {
  if (isObject(input))
    return (
      input['openapi'] === undefined &&
      input['swagger'] === undefined &&
      (isObject(input['Resources']) ||
        input['AWSTemplateFormatVersion'] !== undefined ||
        input['Transform'] !== undefined)
    )
  if (typeof input !== 'string') return false
  const text = input.trimStart()
  if (text.startsWith('{')) {
    // Decided on the top-level keys: a template's inline API Body has its own "swagger" key.
    if (!/"Resources"\s*:/.test(text) || text.length > MAX_DEFINITION_BYTES) return false
    try {
      return isTemplate(JSON.parse(text))
    } catch {
      return false
    }
  }
  return (
    /^(Resources|AWSTemplateFormatVersion|Transform)\s*:/m.test(text) &&
    !/^["']?(openapi|swagger)["']?\s*:/m.test(text)
  )
}

/**
 * Parses a template given as an object, JSON text or YAML text (with short-form tags).
 *
 * @param input - the template
 * @param warn - receives what the YAML parser only warns about (an unknown tag such as
 *   `!Rain::Embed`, whose value is read as written); without it, such warnings are dropped
 * @returns the template object, short forms in long form
 * @throws ConfigError when the text does not parse or has no `Resources` object
 * @example
 * ```ts
 * parseTemplate('Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Role: !GetAtt R.Arn')
 * // { Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Role: { 'Fn::GetAtt': ['R', 'Arn'] } } } } }
 * ```
 */
export function parseTemplate(input: unknown, warn?: (message: string) => void): TemplateDocument {
  const parsed = typeof input === 'string' ? parseTemplateText(input, '', warn) : input
  if (!isObject(parsed)) throw new ConfigError('', 'a template must be an object')
  if (!isObject(parsed['Resources']))
    throw new ConfigError('Resources', 'a template needs a Resources object')
  return parsed
}

/**
 * Parses JSON or template YAML (short-form tags) text of any shape, e.g. an `AWS::Include` snippet.
 *
 * @param input - the text
 * @param where - its place, for errors
 * @param warn - receives the YAML parser's warnings (never printed to the process)
 * @returns the parsed value
 * @throws ConfigError when the text does not parse
 */
export function parseTemplateText(
  input: string,
  where: string,
  warn?: (message: string) => void,
): unknown {
  if (input.length > MAX_DEFINITION_BYTES)
    throw new ConfigError(where, 'template is larger than the 6 MB Portico reads')
  const text = input.trimStart()
  const json = text.startsWith('{')
  try {
    if (json) return JSON.parse(text)
    const document = parseYamlDocument(text, { customTags: CUSTOM_TAGS })
    const [error] = document.errors
    if (error) throw error
    // Line numbers count from the text as given, before the leading blank lines were trimmed.
    const shift = input.slice(0, input.length - text.length).split('\n').length - 1
    for (const warning of document.warnings) {
      const message = (warning.message.split('\n', 1)[0] ?? warning.code)
        .replace(/:$/, '')
        .replace(/at line (\d+)/, (_, line: string) => `at line ${Number(line) + shift}`)
      warn?.(`${where ? `${where}: ` : ''}YAML warning: ${message}`)
    }
    return document.toJS({ maxAliasCount: 1000 })
  } catch (error) {
    throw new ConfigError(
      where,
      `template is not valid ${json ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
      { cause: error },
    )
  }
}
