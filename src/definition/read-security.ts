/**
 * Security: security schemes, `x-amazon-apigateway-authorizer`, `x-amazon-apigateway-authtype`,
 * security requirements and `x-amazon-apigateway-auth` of a REST API.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
 */
import { getOwn } from '../core/index.js'
import { ConfigError } from '../errors.js'
import { X, type ImportContext } from './import-context.js'
import { AUTHORIZER_FIELDS } from './model.js'
import type { AuthorizerDefinition, MethodDefinition } from './model.js'
import {
  at,
  isObject,
  optionalEnum,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringArray,
  readObject,
  requiredString,
  type Doc,
} from './read.js'

const REST_AUTHORIZER_TYPES = ['token', 'request', 'cognito_user_pools']
/** The security requirement SAM writes for `Auth: { Authorizer: NONE }`: no authorizer. */
const NONE_REQUIREMENT = 'NONE'

/** A security scheme and where it was written. */
export interface SchemeEntry {
  readonly scheme: Doc
  readonly path: string
}

/**
 * The document's security schemes: Swagger 2 `securityDefinitions`, OpenAPI 3
 * `components.securitySchemes`, and a root `securityDefinitions` in OpenAPI 3 (SAM writes that
 * shape and AWS reads it).
 *
 * @param doc - the document
 * @param isSwagger - whether it is Swagger 2.0
 * @returns schemes by name
 */
export function collectSchemes(doc: Doc, isSwagger: boolean): Record<string, SchemeEntry> {
  const out: Record<string, SchemeEntry> = {}
  const add = (source: Doc | undefined, where: string): void => {
    for (const [name, scheme] of Object.entries(source ?? {}))
      out[name] = { scheme: readObject(scheme, at(where, name)), path: at(where, name) }
  }
  add(optionalObject(doc, 'securityDefinitions', ''), 'securityDefinitions')
  if (!isSwagger) {
    const components = optionalObject(doc, 'components', '')
    add(
      components && optionalObject(components, 'securitySchemes', 'components'),
      'components.securitySchemes',
    )
  }
  return out
}

/**
 * Sets a method's `authorizationType`, `authorizerId`, `authorizationScopes` and
 * `apiKeyRequired` from its security requirements (or the root ones) and `x-amazon-apigateway-auth`.
 *
 * @param ctx - the import
 * @param op - the operation
 * @param method - the method being read
 * @param path - where the operation is
 * @throws ConfigError for a requirement naming an undefined scheme (other than SAM's `NONE`)
 */
export function readSecurity(
  ctx: ImportContext,
  op: Doc,
  method: MethodDefinition,
  path: string,
): void {
  const own = op['security'] !== undefined
  const requirements = own ? op['security'] : ctx.rootSecurity
  const where = own ? at(path, 'security') : 'security'
  if (requirements !== undefined) {
    if (!Array.isArray(requirements))
      throw new ConfigError(where, 'must be an array of security requirements')
    requirements.forEach((raw, i) => {
      const requirement = readObject(raw, at(where, i))
      for (const [name, scopes] of Object.entries(requirement)) {
        const scheme = getOwn(ctx.schemes, name)
        if (!scheme && name === NONE_REQUIREMENT) continue
        if (!scheme)
          throw new ConfigError(
            at(at(where, i), name),
            `security scheme ${JSON.stringify(name)} is not defined`,
          )
        applyScheme(name, scheme, scopes, method)
      }
    })
  }
  const auth = optionalObject(op, `${X}auth`, path)
  if (auth) {
    const type = optionalEnum(auth, 'type', at(path, `${X}auth`), ['NONE', 'AWS_IAM'] as const)
    if (type) method.authorizationType = type
  }
}

function applyScheme(name: string, scheme: Doc, scopes: unknown, method: MethodDefinition): void {
  const authorizer = scheme[`${X}authorizer`]
  const authType =
    typeof scheme[`${X}authtype`] === 'string' ? (scheme[`${X}authtype`] as string) : ''
  if (isObject(authorizer)) {
    method.authorizationType =
      String(authorizer['type']).toLowerCase() === 'cognito_user_pools'
        ? 'COGNITO_USER_POOLS'
        : 'CUSTOM'
    method.authorizerId = name
    if (Array.isArray(scopes) && scopes.length > 0) method.authorizationScopes = scopes.map(String)
  } else if (authType.toLowerCase().startsWith('aws')) {
    method.authorizationType = 'AWS_IAM'
  } else if (scheme['type'] === 'apiKey') {
    method.apiKeyRequired = true
  }
}

/**
 * Reads a REST API authorizer (`x-amazon-apigateway-authorizer` on a security scheme).
 *
 * @param name - the security scheme's name (the authorizer's name)
 * @param scheme - the security scheme
 * @param raw - the extension's object
 * @param path - where the extension is
 * @returns the authorizer
 * @throws ConfigError for a type other than token/request/cognito_user_pools, a TTL outside
 *   0–3600 s, or a Lambda authorizer without `authorizerUri`
 */
export function readAuthorizer(
  name: string,
  scheme: Doc,
  raw: Doc,
  path: string,
): AuthorizerDefinition {
  const type = requiredString(raw, 'type', path).toLowerCase()
  if (!REST_AUTHORIZER_TYPES.includes(type)) {
    throw new ConfigError(
      at(path, 'type'),
      `must be one of ${REST_AUTHORIZER_TYPES.join(', ')} for a REST API, got ${JSON.stringify(raw['type'])}`,
    )
  }
  const { [`${X}authorizer`]: _extension, ...schemeFields } = scheme
  const authorizer: AuthorizerDefinition = { name, type, extra: {}, scheme: schemeFields }
  const authType = scheme[`${X}authtype`]
  if (typeof authType === 'string') authorizer.authType = authType
  for (const key of [
    'authorizerUri',
    'authorizerCredentials',
    'identitySource',
    'identityValidationExpression',
  ] as const) {
    const value = optionalString(raw, key, path)
    // An empty string is an unset field (Pulumi writes `"identitySource": ""`, and AWS imports
    // it with failOnWarnings: LocalStack's AWS-validated `test_import_rest_api`).
    if (value !== undefined && value !== '') authorizer[key] = value
  }
  const ttl = optionalInteger(raw, 'authorizerResultTtlInSeconds', path)
  if (ttl !== undefined) {
    if (ttl < 0 || ttl > 3600)
      throw new ConfigError(at(path, 'authorizerResultTtlInSeconds'), 'must be between 0 and 3600')
    authorizer.authorizerResultTtlInSeconds = ttl
  }
  const providers = optionalStringArray(raw, 'providerARNs', path)
  if (providers) authorizer.providerARNs = providers
  if (type !== 'cognito_user_pools' && authorizer.authorizerUri === undefined) {
    throw new ConfigError(at(path, 'authorizerUri'), `is required for ${type} authorizers`)
  }
  if (authorizer.identitySource === undefined && type !== 'request') {
    const header = typeof scheme['name'] === 'string' ? scheme['name'] : 'Authorization'
    authorizer.identitySource = `method.request.header.${header}`
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key !== 'type' && !(AUTHORIZER_FIELDS as readonly string[]).includes(key)) {
      authorizer.extra[key] = value
    }
  }
  return authorizer
}
