/**
 * OpenAPI 3.0 / Swagger 2.0 import of a REST API with API Gateway's `x-amazon-apigateway-*`
 * extensions. One reader per extension family: paths and operations (read-paths.ts),
 * integrations (read-integration.ts), security and authorizers (read-security.ts), gateway
 * responses (read-gateway-responses.ts), models and validators (read-validation.ts); the root
 * settings (binary media types, API key source, policy, compression) are read here.
 */
import { ConfigError } from '../errors.js'
import { X, warningsOf, type ImportContext, type ImportOptions } from './import-context.js'
import type { ApiDefinition } from './model.js'
import { loadDocument } from './parse-document.js'
import { readGatewayResponses } from './read-gateway-responses.js'
import { readResources } from './read-paths.js'
import { collectSchemes, readAuthorizer } from './read-security.js'
import { checkReferences, readModels, readRequestValidators } from './read-validation.js'
import {
  at,
  optionalEnum,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringArray,
  type Doc,
} from './read.js'
import { textOf } from '../core/index.js'

const ROOT_EXTENSIONS_READ = new Set([
  `${X}binary-media-types`,
  `${X}api-key-source`,
  `${X}gateway-responses`,
  `${X}request-validators`,
  `${X}request-validator`,
  `${X}minimum-compression-size`,
  `${X}policy`,
])

/**
 * Imports an OpenAPI 3.0 or Swagger 2.0 document (object, JSON or YAML text) into the plain
 * definition model, reading every `x-amazon-apigateway-*` extension API Gateway reads.
 * What AWS's import only warns about is logged (or a ConfigError with `failOnWarnings`);
 * docs/aws-parity.md lists the leniencies.
 *
 * @param document - the OpenAPI document you deploy
 * @param options - `templateVars` for Terraform `templatefile()` documents, `failOnWarnings`,
 *   `logger`
 * @returns the definition
 * @throws ConfigError naming the place, e.g. `paths./pets.get.x-amazon-apigateway-integration.type`
 * @example
 * ```ts
 * import { importOpenApi } from 'portico'
 * const api = importOpenApi(readFileSync('api.yaml', 'utf8'))
 * api.resources.map((r) => r.path) // ['/', '/pets', '/pets/{petId}']
 * ```
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/import-edge-optimized-api.html
 */
export function importOpenApi(document: unknown, options: ImportOptions = {}): ApiDefinition {
  const warn = warningsOf(options)
  const doc = loadDocument(document, options)
  const isSwagger = readOpenApiVersion(doc)
  const info = optionalObject(doc, 'info', '') ?? {}
  const schemeEntries = collectSchemes(doc, isSwagger)
  const schemes: Record<string, Doc> = {}
  for (const [name, entry] of Object.entries(schemeEntries)) schemes[name] = entry.scheme

  const ctx: ImportContext = {
    doc,
    isSwagger,
    schemes,
    rootSecurity: doc['security'],
    consumes: optionalStringArray(doc, 'consumes', '') ?? [],
    produces: optionalStringArray(doc, 'produces', '') ?? [],
    warn,
  }

  const definition: ApiDefinition = {
    kind: 'REST',
    name: optionalString(info, 'title', 'info') ?? 'API',
    resources: readResources(ctx),
    models: readModels(ctx),
    authorizers: {},
    securitySchemes: {},
    binaryMediaTypes: optionalStringArray(doc, `${X}binary-media-types`, '') ?? [],
    apiKeySource:
      optionalEnum(doc, `${X}api-key-source`, '', ['HEADER', 'AUTHORIZER'] as const) ?? 'HEADER',
    gatewayResponses: readGatewayResponses(doc),
    requestValidators: readRequestValidators(doc),
    extensions: {},
  }
  const description = optionalString(info, 'description', 'info')
  if (description !== undefined) definition.description = description
  const version = readInfoVersion(info)
  if (version !== undefined) definition.version = version
  const validator = optionalString(doc, `${X}request-validator`, '')
  if (validator !== undefined) definition.requestValidator = validator
  const compression = optionalInteger(doc, `${X}minimum-compression-size`, '')
  if (compression !== undefined) {
    if (compression < 0 || compression > 10485760) {
      throw new ConfigError(`${X}minimum-compression-size`, 'must be between 0 and 10485760')
    }
    definition.minimumCompressionSize = compression
  }
  const policy = readPolicy(doc[`${X}policy`])
  if (policy !== undefined) definition.policy = policy
  for (const [key, value] of Object.entries(doc)) {
    if (key.startsWith(X) && !ROOT_EXTENSIONS_READ.has(key)) definition.extensions[key] = value
  }

  for (const [name, { scheme, path }] of Object.entries(schemeEntries)) {
    const authorizer = optionalObject(scheme, `${X}authorizer`, path)
    if (authorizer)
      definition.authorizers[name] = readAuthorizer(
        name,
        scheme,
        authorizer,
        at(path, `${X}authorizer`),
      )
    else definition.securitySchemes[name] = scheme
  }
  checkReferences(definition)
  return definition
}

/**
 * Reads `swagger` / `openapi`. AWS accepts `swagger: 2.0` unquoted in YAML (a number) and
 * `openapi: '3.0'` without a patch version.
 *
 * @param doc - the document
 * @returns true for Swagger 2.0, false for OpenAPI 3.0/3.1
 * @throws ConfigError for a missing or unsupported version
 */
export function readOpenApiVersion(doc: Doc): boolean {
  if (doc['swagger'] !== undefined) {
    const swagger = doc['swagger']
    if (swagger !== 2 && textOf(swagger) !== '2.0')
      throw new ConfigError(
        'swagger',
        `unsupported version ${JSON.stringify(swagger)}, expected "2.0"`,
      )
    return true
  }
  const version = doc['openapi']
  if (version === undefined) throw new ConfigError('openapi', 'is required (or "swagger": "2.0")')
  const text =
    typeof version === 'number' && Number.isInteger(version) ? `${version}.0` : textOf(version)
  if (
    (typeof version !== 'string' && typeof version !== 'number') ||
    !/^3\.[01](\.\d+)?$/.test(text)
  ) {
    throw new ConfigError(
      'openapi',
      `unsupported version ${JSON.stringify(version)}, expected 3.0.x`,
    )
  }
  return false
}

/**
 * `info.version`: a string, or a number (unquoted in YAML; AWS stores it as text).
 *
 * @param info - the info object
 * @returns the version text
 */
export function readInfoVersion(info: Doc): string | undefined {
  const version = info['version']
  if (typeof version === 'number') return String(version)
  return optionalString(info, 'version', 'info')
}

/**
 * A resource policy as written: a policy document, or the same as JSON text (the REST API's
 * `policy` field is a string). An empty string is no policy: API Gateway reads it so, and the
 * Serverless Framework writes `Policy: ""` on every REST API without one (serverless#7212).
 *
 * @param raw - `x-amazon-apigateway-policy` (or a RestApi's `Policy`)
 * @returns the policy, or undefined for none
 * @throws ConfigError for text that is not JSON
 * @see https://github.com/serverless/serverless/pull/7212
 */
export function readPolicy(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw ?? undefined
  if (raw.trim() === '') return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    throw new ConfigError(`${X}policy`, 'must be a policy document (an object or its JSON text)')
  }
}
