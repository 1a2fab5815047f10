/**
 * API models (JSON Schema draft 4, as API Gateway uses them) compiled once with ajv-draft-04
 * (ajv with draft 4's meta-schema and keywords: boolean `exclusiveMinimum`, `id`). References
 * between models may be written as `#/definitions/Name`, `#/components/schemas/Name` or AWS's
 * `https://apigateway.amazonaws.com/restapis/{apiId}/models/Name`; all resolve to the model.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html
 */
import { setOwn } from '../core/index.js'
import type { ErrorObject, ValidateFunction } from 'ajv'
import ajvDraft04 from 'ajv-draft-04'
import type { ModelDefinition } from '../definition/index.js'
import { ConfigError } from '../errors.js'
import { assertNoReferenceCycles } from './schema-cycles.js'

/**
 * How deep a model's schema may nest (objects and arrays, each counts one level). Compiling
 * recurses per level (here and in ajv, whose own meta-schema check overflows the stack near
 * 2,000 levels); real schemas stay far below. Deeper: a ConfigError at `createGateway`.
 */
export const MAX_SCHEMA_DEPTH = 256

/**
 * Keywords of later drafts that ajv-draft-04 still applies but a draft-4 validator (API
 * Gateway's) ignores as unknown: removed, so a model using them validates as on AWS.
 *
 * @see https://json-schema.org/draft-04/draft-fge-json-schema-validation-00 (draft 4's keywords)
 */
const LATER_DRAFT_KEYWORDS = ['const', 'contains', 'propertyNames', 'if', 'then', 'else']

const MODEL_REF =
  /^(?:#\/definitions\/|#\/components\/schemas\/|https:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/)([^/#]+)(#.*)?$/

// A CommonJS module: Node hands its `module.exports` as the default import; the class is also its `default`.
const Ajv = ajvDraft04.default

const modelId = (name: string): string => `portico:model/${name}`

/**
 * Keywords whose value is data, not a schema: copied as written (a `$ref` or `$schema` key inside
 * an enum value or a default is a value to compare or show, not a reference).
 */
const DATA_KEYWORDS: ReadonlySet<string> = new Set([
  'enum',
  'default',
  'example',
  'examples',
  'const',
  'required',
])

/** Keywords whose value maps names (any text, `$ref` included) to schemas. */
const NAMED_SCHEMAS: ReadonlySet<string> = new Set([
  'properties',
  'patternProperties',
  'definitions',
  'dependencies',
])

/**
 * Rewrites model references to the models' ids, drops `$schema` (every model is draft 4) and
 * bounds the depth. Values of {@link DATA_KEYWORDS} are kept as written; in
 * {@link NAMED_SCHEMAS} the keys are names and only their schemas are normalised.
 */
function normalise(
  schema: unknown,
  where: string,
  models: Record<string, ModelDefinition>,
  depth: number,
  named = false,
): unknown {
  if (schema === null || typeof schema !== 'object') return schema
  if (depth >= MAX_SCHEMA_DEPTH) {
    // The place is the model; the path inside it is shortened (it is MAX_SCHEMA_DEPTH steps long).
    const model = /^models\.(.*?)\.schema/.exec(where)?.[0] ?? where
    const inside = where.slice(model.length)
    throw new ConfigError(
      model,
      `nests deeper than ${MAX_SCHEMA_DEPTH} levels (at ${inside.length > 80 ? `${inside.slice(0, 80)}…` : inside})`,
    )
  }
  if (Array.isArray(schema))
    return schema.map((item, i) => normalise(item, `${where}[${i}]`, models, depth + 1))
  const out: Record<string, unknown> = {}
  const source = schema as Record<string, unknown>
  for (const key of Object.keys(source)) {
    const value = source[key]
    if (named) {
      setOwn(out, key, normalise(value, `${where}.${key}`, models, depth + 1))
      continue
    }
    if (DATA_KEYWORDS.has(key)) {
      setOwn(out, key, value)
      continue
    }
    if (key === '$schema') continue
    if (key === '$ref' && typeof value === 'string') {
      const match = MODEL_REF.exec(value)
      if (match) {
        const name = decodeURIComponent(match[1] as string)
        if (!Object.hasOwn(models, name))
          throw new ConfigError(`${where}.$ref`, `unknown model ${JSON.stringify(name)}`)
        out['$ref'] = modelId(name) + (match[2] ?? '')
        continue
      }
    }
    setOwn(out, key, normalise(value, `${where}.${key}`, models, depth + 1, NAMED_SCHEMAS.has(key)))
  }
  return out
}

/** The models of an API, ready to validate bodies. */
export interface CompiledModels {
  /**
   * The validator of a model.
   *
   * @param name - the model name
   * @param where - the place that names it, for errors
   */
  validator(name: string, where: string): ValidateFunction
}

/**
 * Compiles every model once.
 *
 * @param models - the API's models
 * @returns the compiled models
 * @throws ConfigError for a schema ajv cannot compile, a reference to an unknown model, a model
 *   that refers to itself with no property or item in between, or one nested deeper than
 *   {@link MAX_SCHEMA_DEPTH}
 */
export function compileModels(models: Record<string, ModelDefinition>): CompiledModels {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true })
  for (const keyword of LATER_DRAFT_KEYWORDS) ajv.removeKeyword(keyword)
  const normalised = new Map<string, unknown>()
  for (const [name, model] of Object.entries(models))
    normalised.set(name, normalise(model.schema, `models.${name}.schema`, models, 0))
  assertNoReferenceCycles(normalised)
  for (const [name, schema] of normalised) {
    try {
      ajv.addSchema({ ...(schema as Record<string, unknown>), id: modelId(name) })
    } catch (error) {
      // ajv checks each schema against the meta-schema when it is added.
      throw new ConfigError(`models.${name}.schema`, (error as Error).message, { cause: error })
    }
  }
  const cache = new Map<string, ValidateFunction>()
  return {
    validator(name, where) {
      let validate = cache.get(name)
      if (validate) return validate
      if (!Object.hasOwn(models, name))
        throw new ConfigError(where, `unknown model ${JSON.stringify(name)}`)
      try {
        validate = ajv.getSchema(modelId(name)) as ValidateFunction | undefined
        if (!validate) throw new Error('not compiled')
      } catch (error) {
        throw new ConfigError(`models.${name}.schema`, (error as Error).message, { cause: error })
      }
      cache.set(name, validate)
      return validate
    },
  }
}

/**
 * Describes validation errors the way API Gateway's `$context.error.validationErrorString`
 * does (json-schema-validator wording for the common cases).
 *
 * @param errors - ajv's errors
 * @returns e.g. `[object has missing required properties (["datetime","email"])]`
 */
export function describeValidationErrors(
  errors: readonly ErrorObject[] | null | undefined,
): string {
  // One `required` message per object, listing every missing property, as the validator AWS
  // uses (java json-schema-validator) reports them: `(["datetime","email"])`.
  const missing = new Map<string, string[]>()
  for (const error of errors ?? [])
    if (error.keyword === 'required') {
      const names = missing.get(error.instancePath)
      const name = String((error.params as Record<string, unknown>)['missingProperty'])
      if (names) names.push(name)
      else missing.set(error.instancePath, [name])
    }
  const parts: string[] = []
  for (const error of errors ?? []) {
    const params = error.params as Record<string, unknown>
    switch (error.keyword) {
      case 'required': {
        const names = missing.get(error.instancePath)
        if (names === undefined) break // already listed with its object
        missing.delete(error.instancePath)
        parts.push(`object has missing required properties (${JSON.stringify(names)})`)
        break
      }
      case 'type':
        parts.push(
          `instance type (${jsonType(error.data)}) does not match any allowed primitive type (allowed: ${JSON.stringify([params['type']].flat())})`,
        )
        break
      case 'enum':
        parts.push(
          `instance value (${JSON.stringify(error.data)}) not found in enum (possible values: ${JSON.stringify(params['allowedValues'])})`,
        )
        break
      default:
        parts.push(`${error.instancePath || '/'} ${error.message ?? error.keyword}`)
    }
  }
  return `[${parts.join(', ')}]`
}

function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}
