/**
 * HTTP APIs (API Gateway v2) from OpenAPI, in AWS's export form: a root
 * `x-amazon-apigateway-importexport-version`, routes as paths and methods (the `$default` route
 * as the path `/$default`), integrations with `payloadFormatVersion`, and
 * `x-amazon-apigateway-cors`.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html
 */
import { getOwn, setOwn } from '../core/index.js'
import { textOf } from '../core/index.js'
import { ConfigError } from '../errors.js'
import { detectApiKind } from '../definition/index.js'
import { warningsOf, type ImportOptions, type Warn } from '../definition/index.js'
import { loadDocument } from '../definition/index.js'
import { readJwtAuthorizer, type JwtAuthorizerDefinition } from './jwt-authorizer.js'
import { readLambdaAuthorizer, type HttpLambdaAuthorizerDefinition } from './lambda-authorizer.js'

/** `x-amazon-apigateway-cors` / `corsConfiguration`. */
export interface CorsConfiguration {
  allowOrigins?: string[]
  allowMethods?: string[]
  allowHeaders?: string[]
  exposeHeaders?: string[]
  maxAge?: number
  allowCredentials?: boolean
}

/** An HTTP API integration. */
export interface HttpIntegrationDefinition {
  type: 'AWS_PROXY' | 'HTTP_PROXY'
  uri: string
  /** Lambda event format; HTTP APIs default to `2.0`. */
  payloadFormatVersion: '1.0' | '2.0'
  /** HTTP_PROXY: the method toward the backend (`ANY` passes the client's). */
  httpMethod: string
  timeoutInMillis: number
  /** HTTP API parameter mapping, e.g. `overwrite:header.x` → `$request.header.y`. */
  requestParameters: Record<string, string>
  /** Response mapping by integration status code: `overwrite:statuscode`, `…:header.x`. */
  responseParameters: Record<string, Record<string, string>>
  /**
   * AWS service integrations (`AWS_PROXY`): `SQS-SendMessage`, `EventBridge-PutEvents`, …;
   * `requestParameters` then name the action's parameters (see service-integration.ts).
   */
  integrationSubtype?: string
  /** The IAM role ARN API Gateway assumes to call the service (`credentials`, `CredentialsArn`). */
  credentials?: string
}

/** One route: `GET /pets/{id}`, `ANY /{proxy+}` or `$default`. */
export interface HttpRouteDefinition {
  routeKey: string
  /** `ANY` or an HTTP method; undefined for `$default`. */
  method: string | undefined
  /** The path template; undefined for `$default`. */
  path: string | undefined
  integration: HttpIntegrationDefinition
  /** The route's authorizer (a security scheme name) and the scopes it requires. */
  authorization?: { authorizer: string; scopes: string[] }
  /** `x-amazon-apigateway-auth: { type: AWS_IAM }`: requests must be SigV4-signed. */
  iam?: boolean
}

/** An HTTP API. */
export interface HttpApiDefinition {
  readonly kind: 'HTTP'
  name: string
  version?: string
  routes: HttpRouteDefinition[]
  cors?: CorsConfiguration
  /** JWT authorizers by security scheme name. */
  authorizers: Record<string, JwtAuthorizerDefinition>
  /** Lambda authorizers by security scheme name. */
  lambdaAuthorizers: Record<string, HttpLambdaAuthorizerDefinition>
}

const METHODS: Record<string, string> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY',
}

type Doc = Record<string, unknown>
const isObject = (value: unknown): value is Doc =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Whether a document defines an HTTP API, by its content (`detectApiKind`: `payloadFormatVersion`,
 * a `$default` path, `x-amazon-apigateway-cors`, a `jwt` authorizer…), the same for text and
 * objects.
 *
 * @param input - an OpenAPI document, object or text
 * @returns true for an HTTP API; false for a REST API, a document with markers of both kinds,
 *   or text that does not parse
 */
export function isHttpApiDocument(input: unknown): boolean {
  try {
    return detectApiKind(input) === 'HTTP'
  } catch {
    return false
  }
}

const stringList = (value: unknown, where: string): string[] | undefined => {
  if (value === undefined) return undefined
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new ConfigError(where, 'must be a list of strings')
  return value as string[]
}

function readCors(raw: unknown): CorsConfiguration | undefined {
  if (raw === undefined) return undefined
  const where = 'x-amazon-apigateway-cors'
  if (!isObject(raw)) throw new ConfigError(where, 'must be an object')
  const cors: CorsConfiguration = {}
  for (const key of ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders'] as const) {
    const list = stringList(raw[key], `${where}.${key}`)
    if (list) cors[key] = list
  }
  if (raw['maxAge'] !== undefined) {
    if (typeof raw['maxAge'] !== 'number')
      throw new ConfigError(`${where}.maxAge`, 'must be a number')
    cors.maxAge = raw['maxAge']
  }
  if (raw['allowCredentials'] !== undefined)
    cors.allowCredentials = raw['allowCredentials'] === true
  if (cors.allowCredentials && cors.allowOrigins?.includes('*'))
    throw new ConfigError(`${where}.allowOrigins`, "can't be * when allowCredentials is true")
  return cors
}

/**
 * The fields of an HTTP API's `x-amazon-apigateway-integration`; others are import warnings
 * (a ConfigError with `failOnWarnings`), as for REST APIs.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
 */
const HTTP_INTEGRATION_FIELDS = new Set([
  'type',
  'uri',
  'httpMethod',
  'payloadFormatVersion',
  'integrationSubtype',
  'connectionType',
  'connectionId',
  'credentials',
  'requestParameters',
  'responseParameters',
  'timeoutInMillis',
  'tlsConfig',
  'description',
])

function readIntegration(raw: unknown, where: string, warn: Warn): HttpIntegrationDefinition {
  if (!isObject(raw)) throw new ConfigError(where, 'is required')
  for (const key of Object.keys(raw))
    if (!HTTP_INTEGRATION_FIELDS.has(key))
      warn(`${where}.${key}`, 'is not an HTTP API integration field; ignored')
  const type = textOf(raw['type'] ?? '').toUpperCase()
  if (type !== 'AWS_PROXY' && type !== 'HTTP_PROXY')
    throw new ConfigError(`${where}.type`, 'HTTP APIs use aws_proxy or http_proxy integrations')
  const subtype = raw['integrationSubtype']
  if (subtype !== undefined && (typeof subtype !== 'string' || type !== 'AWS_PROXY'))
    throw new ConfigError(`${where}.integrationSubtype`, 'is a string, on aws_proxy integrations')
  const uri = raw['uri'] ?? (subtype !== undefined ? '' : undefined)
  if (typeof uri !== 'string' || (uri === '' && subtype === undefined))
    throw new ConfigError(`${where}.uri`, 'is required')
  const rawVersion = raw['payloadFormatVersion'] ?? (type === 'AWS_PROXY' ? '2.0' : '1.0')
  // A number (`2.0` unquoted in YAML, or JSON) reads as 2.
  const version = typeof rawVersion === 'number' ? rawVersion.toFixed(1) : textOf(rawVersion)
  if (version !== '1.0' && version !== '2.0')
    throw new ConfigError(`${where}.payloadFormatVersion`, 'must be 1.0 or 2.0')
  const timeout = raw['timeoutInMillis'] === undefined ? 30000 : Number(raw['timeoutInMillis'])
  if (!Number.isInteger(timeout) || timeout < 50 || timeout > 30000)
    throw new ConfigError(`${where}.timeoutInMillis`, 'must be between 50 and 30000')
  const parameters = raw['requestParameters'] ?? {}
  if (!isObject(parameters) || Object.values(parameters).some((v) => typeof v !== 'string'))
    throw new ConfigError(`${where}.requestParameters`, 'must map keys to strings')
  return {
    type,
    uri,
    ...(typeof subtype === 'string' ? { integrationSubtype: subtype } : {}),
    ...(typeof raw['credentials'] === 'string' ? { credentials: raw['credentials'] } : {}),
    payloadFormatVersion: version,
    httpMethod: textOf(raw['httpMethod'] ?? 'ANY').toUpperCase(),
    timeoutInMillis: timeout,
    requestParameters: parameters as Record<string, string>,
    responseParameters: readResponseParameters(raw['responseParameters'], where),
  }
}

function readResponseParameters(
  raw: unknown,
  where: string,
): Record<string, Record<string, string>> {
  if (raw === undefined) return {}
  const at = `${where}.responseParameters`
  if (!isObject(raw)) throw new ConfigError(at, 'must map status codes to mappings')
  const out: Record<string, Record<string, string>> = {}
  for (const [status, mapping] of Object.entries(raw)) {
    if (!/^[1-5]\d\d$/.test(status))
      throw new ConfigError(`${at}.${status}`, 'keys are status codes')
    if (!isObject(mapping) || Object.values(mapping).some((v) => typeof v !== 'string'))
      throw new ConfigError(`${at}.${status}`, 'must map keys to strings')
    out[status] = mapping as Record<string, string>
  }
  return out
}

const INTEGRATIONS_REF = '#/components/x-amazon-apigateway-integrations/'

/** An operation's integration, following a `$ref` into `components.x-amazon-apigateway-integrations`. */
function integrationOf(raw: unknown, components: Doc, where: string): unknown {
  if (!isObject(raw) || raw['$ref'] === undefined) return raw
  const ref = raw['$ref']
  if (typeof ref !== 'string' || !ref.startsWith(INTEGRATIONS_REF))
    throw new ConfigError(`${where}.$ref`, `must point into ${INTEGRATIONS_REF.slice(2)}`)
  const shared = components['x-amazon-apigateway-integrations']
  const target = isObject(shared) ? getOwn(shared, ref.slice(INTEGRATIONS_REF.length)) : undefined
  if (!isObject(target)) throw new ConfigError(`${where}.$ref`, `reference ${ref} does not resolve`)
  return target
}

/**
 * Imports an HTTP API export.
 *
 * @param input - the document, object or JSON/YAML text
 * @param options - `templateVars` for Terraform `templatefile()` documents; `logger` receives
 *   import warnings (unknown integration fields), `failOnWarnings` makes them ConfigErrors
 * @returns the definition
 * @throws ConfigError naming the place of the first problem
 */
export function importHttpApi(input: unknown, options: ImportOptions = {}): HttpApiDefinition {
  const doc = loadDocument(input, options)
  const warn = warningsOf(options)
  const info = isObject(doc['info']) ? doc['info'] : {}
  const paths = doc['paths']
  if (!isObject(paths)) throw new ConfigError('paths', 'is required')
  const routes: HttpRouteDefinition[] = []
  const authorizers: Record<string, JwtAuthorizerDefinition> = {}
  const lambdaAuthorizers: Record<string, HttpLambdaAuthorizerDefinition> = {}
  const components = isObject(doc['components']) ? doc['components'] : {}
  const schemes = isObject(components['securitySchemes']) ? components['securitySchemes'] : {}
  for (const [name, scheme] of Object.entries(schemes)) {
    const extension = isObject(scheme) ? scheme['x-amazon-apigateway-authorizer'] : undefined
    if (!isObject(extension)) continue
    const type = String(extension['type']).toLowerCase()
    if (type === 'jwt') setOwn(authorizers, name, readJwtAuthorizer(name, extension))
    else if (type === 'request')
      setOwn(lambdaAuthorizers, name, readLambdaAuthorizer(name, extension))
  }
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) throw new ConfigError(`paths.${path}`, 'must be an object')
    for (const [key, operation] of Object.entries(item)) {
      const method = getOwn(METHODS, key)
      if (method === undefined || !isObject(operation)) continue
      const where = `paths.${path}.${key}.x-amazon-apigateway-integration`
      const integration = readIntegration(
        integrationOf(operation['x-amazon-apigateway-integration'], components, where),
        where,
        warn,
      )
      const isDefault =
        path === '/$default' || path === '$default' || operation['isDefaultRoute'] === true
      const route: HttpRouteDefinition = isDefault
        ? { routeKey: '$default', method: undefined, path: undefined, integration }
        : { routeKey: `${method} ${path}`, method, path, integration }
      const auth = operation['x-amazon-apigateway-auth']
      if (isObject(auth) && String(auth['type']).toUpperCase() === 'AWS_IAM') route.iam = true
      const security = operation['security']
      if (Array.isArray(security) && isObject(security[0])) {
        const [name, scopes] = Object.entries(security[0])[0] ?? []
        // `NONE` is SAM's marker for a route without the default authorizer.
        const none = name === 'NONE' && !Object.hasOwn(schemes, 'NONE')
        const scheme = name === undefined ? undefined : getOwn(schemes, name)
        const authType = isObject(scheme) ? scheme['x-amazon-apigateway-authtype'] : undefined
        // A scheme with `x-amazon-apigateway-authtype: awsSigv4` (SAM's `AWS_IAM`) is IAM auth.
        if (typeof authType === 'string' && authType.toLowerCase().startsWith('aws'))
          route.iam = true
        else if (name !== undefined && !none) {
          if (!Object.hasOwn(authorizers, name) && !Object.hasOwn(lambdaAuthorizers, name))
            throw new ConfigError(
              `paths.${path}.${key}.security`,
              `unknown authorizer ${JSON.stringify(name)}`,
            )
          route.authorization = {
            authorizer: name,
            scopes: Array.isArray(scopes) ? scopes.map(String) : [],
          }
        }
      }
      routes.push(route)
    }
  }
  const api: HttpApiDefinition = {
    kind: 'HTTP',
    name: typeof info['title'] === 'string' ? info['title'] : 'http-api',
    routes,
    authorizers,
    lambdaAuthorizers,
  }
  if (typeof info['version'] === 'string' || typeof info['version'] === 'number')
    api.version = String(info['version'])
  const cors = readCors(doc['x-amazon-apigateway-cors'])
  if (cors) api.cors = cors
  return api
}
