/**
 * REST API or HTTP API: decided from an OpenAPI document's content, the same way whether it
 * came as text or as an object. AWS decides by which API the document is imported into
 * (`import-rest-api` or `apigatewayv2 import-api`); a document alone says it through the
 * extensions and fields only one of the two reads.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
 */
import { ConfigError } from '../errors.js'
import { X } from './import-context.js'
import { parseDocument } from './parse-document.js'
import { OPERATION_KEYS } from './read-paths.js'
import { isObject, type Doc } from './read.js'

/** The kinds of API an OpenAPI document can define. */
export type ApiProtocolType = 'REST' | 'HTTP'

/** The first marker of each kind found in a document, as dotted paths. */
export interface ApiKindMarkers {
  http?: string
  rest?: string
  /**
   * The first HTTP API field that REST API import accepts and ignores (an integration's
   * `payloadFormatVersion`): it marks an HTTP API only when no REST API marker is found.
   */
  httpIgnoredByRest?: string
}

const HTTP_ROOT = [`${X}importexport-version`, `${X}cors`]
const REST_ROOT = [
  `${X}request-validators`,
  `${X}request-validator`,
  `${X}gateway-responses`,
  `${X}api-key-source`,
]
const HTTP_INTEGRATION_FIELDS = ['integrationSubtype']
/**
 * Integration fields REST API import ignores even with `failOnWarnings` (LocalStack's
 * AWS-validated `test_import_with_cognito_auth_identity_source` imports an `HTTP_PROXY`
 * integration with `payloadFormatVersion: 1.0` into a REST API).
 */
const HTTP_FIELDS_IGNORED_BY_REST = ['payloadFormatVersion']
const REST_INTEGRATION_FIELDS = ['requestTemplates']
const REST_INTEGRATION_TYPES = new Set(['aws', 'http', 'mock'])
const HTTP_AUTHORIZER_TYPES = new Set(['jwt'])
const REST_AUTHORIZER_TYPES = new Set(['token', 'cognito_user_pools'])
const HTTP_AUTHORIZER_FIELDS = ['authorizerPayloadFormatVersion', 'enableSimpleResponses']

/**
 * Finds the first HTTP API marker and the first REST API marker of a document.
 *
 * HTTP API markers: root `x-amazon-apigateway-importexport-version` or
 * `x-amazon-apigateway-cors`, `components.x-amazon-apigateway-integrations`, a `$default` path
 * or `isDefaultRoute`, an integration with `integrationSubtype`, a `jwt` authorizer,
 * `authorizerPayloadFormatVersion` or `enableSimpleResponses`; an integration's
 * `payloadFormatVersion` too, unless a REST API marker is found (REST API import ignores it).
 * REST API markers: root request validators, `x-amazon-apigateway-request-validator`, gateway
 * responses or `x-amazon-apigateway-api-key-source`, an operation's request validator, an
 * integration of type `aws`, `http` or `mock` or with `requestTemplates`, a `token` or
 * `cognito_user_pools` authorizer.
 *
 * @param doc - a parsed document
 * @returns the paths of the first marker of each kind
 */
export function findApiKindMarkers(doc: Doc): ApiKindMarkers {
  const found: ApiKindMarkers = {}
  const http = (path: string): void => {
    found.http ??= path
  }
  const rest = (path: string): void => {
    found.rest ??= path
  }
  const ignoredByRest = (path: string): void => {
    found.httpIgnoredByRest ??= path
  }
  for (const key of HTTP_ROOT) if (doc[key] !== undefined) http(key)
  for (const key of REST_ROOT) if (doc[key] !== undefined) rest(key)
  const components = isObject(doc['components']) ? doc['components'] : {}
  if (components[`${X}integrations`] !== undefined) http(`components.${X}integrations`)
  const schemes = [
    ['securityDefinitions', doc['securityDefinitions']],
    ['components.securitySchemes', components['securitySchemes']],
  ] as const
  for (const [where, source] of schemes) {
    if (!isObject(source)) continue
    for (const [name, scheme] of Object.entries(source)) {
      const authorizer = isObject(scheme) ? scheme[`${X}authorizer`] : undefined
      if (!isObject(authorizer)) continue
      const path = `${where}.${name}.${X}authorizer`
      const type = String(authorizer['type']).toLowerCase()
      if (HTTP_AUTHORIZER_TYPES.has(type)) http(`${path}.type`)
      if (REST_AUTHORIZER_TYPES.has(type)) rest(`${path}.type`)
      for (const key of HTTP_AUTHORIZER_FIELDS)
        if (authorizer[key] !== undefined) http(`${path}.${key}`)
    }
  }
  const paths = isObject(doc['paths']) ? doc['paths'] : {}
  for (const [pathKey, item] of Object.entries(paths)) {
    // AWS exports `/$default`; SAM writes `$default`.
    if (pathKey === '/$default' || pathKey === '$default') http(`paths.${pathKey}`)
    if (!isObject(item)) continue
    for (const [key] of OPERATION_KEYS) {
      const op = item[key]
      if (!isObject(op)) continue
      const opPath = `paths.${pathKey}.${key}`
      if (op['isDefaultRoute'] !== undefined) http(`${opPath}.isDefaultRoute`)
      if (op[`${X}request-validator`] !== undefined) rest(`${opPath}.${X}request-validator`)
      const integration = op[`${X}integration`]
      if (!isObject(integration)) continue
      const where = `${opPath}.${X}integration`
      for (const field of HTTP_INTEGRATION_FIELDS)
        if (integration[field] !== undefined) http(`${where}.${field}`)
      for (const field of HTTP_FIELDS_IGNORED_BY_REST)
        if (integration[field] !== undefined) ignoredByRest(`${where}.${field}`)
      for (const field of REST_INTEGRATION_FIELDS)
        if (integration[field] !== undefined) rest(`${where}.${field}`)
      const type = integration['type']
      if (typeof type === 'string' && REST_INTEGRATION_TYPES.has(type.toLowerCase()))
        rest(`${where}.type`)
    }
  }
  return found
}

/**
 * Decides whether a document defines a REST API or an HTTP API. A document with neither kind's
 * markers is a REST API (what `import-rest-api` makes of it).
 *
 * @param document - an OpenAPI document: object, JSON or YAML text
 * @returns `'REST'` or `'HTTP'`
 * @throws ConfigError naming both places when the document has markers of both kinds, or for
 *   text that does not parse
 * @example
 * ```ts
 * detectApiKind({ openapi: '3.0.1', paths: { '/$default': {} } }) // 'HTTP'
 * ```
 */
export function detectApiKind(document: unknown): ApiProtocolType {
  const markers = findApiKindMarkers(parseDocument(document))
  if (markers.http !== undefined && markers.rest !== undefined) {
    throw new ConfigError(
      markers.http,
      `marks an HTTP API, but ${markers.rest} marks a REST API: remove one, or choose with protocolType: 'REST' or 'HTTP'`,
    )
  }
  if (markers.rest !== undefined) return 'REST'
  return markers.http !== undefined || markers.httpIgnoredByRest !== undefined ? 'HTTP' : 'REST'
}
