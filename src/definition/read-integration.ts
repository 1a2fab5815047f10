/**
 * `x-amazon-apigateway-integration` of a REST API method, with its integration responses.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
 */
import { ConfigError } from '../errors.js'
import { javaRegex } from '../mapping/index.js'
import type { Warn } from './import-context.js'
import type {
  IntegrationDefinition,
  IntegrationResponseDefinition,
  IntegrationType,
  PassthroughBehavior,
} from './model.js'
import {
  at,
  optionalEnum,
  optionalInteger,
  optionalObject,
  optionalStatusCode,
  optionalString,
  optionalStringArray,
  optionalStringMap,
  readObject,
  type Doc,
} from './read.js'

const INTEGRATION_TYPES: readonly IntegrationType[] = [
  'MOCK',
  'HTTP',
  'HTTP_PROXY',
  'AWS',
  'AWS_PROXY',
]
const PASSTHROUGH: readonly PassthroughBehavior[] = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER']
/** `contentHandling` values of integrations and integration responses. */
export const CONTENT_HANDLING = ['CONVERT_TO_TEXT', 'CONVERT_TO_BINARY'] as const
/**
 * Integration fields the importer reads. Others (`responseTransferMode`, `integrationTarget`,
 * misspellings) are import warnings, as AWS gives them with `failonwarnings=false`.
 */
const INTEGRATION_FIELDS = new Set([
  'type',
  'uri',
  'httpMethod',
  'credentials',
  'requestParameters',
  'requestTemplates',
  'passthroughBehavior',
  'contentHandling',
  'responses',
  'timeoutInMillis',
  'cacheNamespace',
  'cacheKeyParameters',
  'connectionType',
  'connectionId',
  'tlsConfig',
  'payloadFormatVersion',
  'integrationSubtype',
])
const REQUEST_PARAMETER_TARGET =
  /^integration\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.[a-zA-Z0-9._$-]+$/

/**
 * Reads one integration.
 *
 * @param raw - the extension's object
 * @param path - where it is, e.g. `paths./pets.get.x-amazon-apigateway-integration`
 * @param warn - the import's warning channel
 * @returns the integration
 * @throws ConfigError naming the field for a missing type/uri/httpMethod, a timeout outside
 *   50–29000 ms, a bad request parameter target or selection pattern
 */
export function readIntegration(raw: Doc, path: string, warn: Warn): IntegrationDefinition {
  for (const key of Object.keys(raw)) {
    if (!INTEGRATION_FIELDS.has(key)) warn(at(path, key), 'is not an integration field; ignored')
  }
  const type = optionalEnum(raw, 'type', path, INTEGRATION_TYPES)
  if (!type)
    throw new ConfigError(at(path, 'type'), `is required (one of ${INTEGRATION_TYPES.join(', ')})`)
  const integration: IntegrationDefinition = {
    type,
    requestParameters: optionalStringMap(raw, 'requestParameters', path),
    requestTemplates: optionalStringMap(raw, 'requestTemplates', path),
    passthroughBehavior:
      optionalEnum(raw, 'passthroughBehavior', path, PASSTHROUGH) ?? 'WHEN_NO_MATCH',
    responses: [],
    timeoutInMillis: optionalInteger(raw, 'timeoutInMillis', path) ?? 29000,
    cacheKeyParameters: optionalStringArray(raw, 'cacheKeyParameters', path) ?? [],
  }
  if (integration.timeoutInMillis < 50 || integration.timeoutInMillis > 29000) {
    throw new ConfigError(
      at(path, 'timeoutInMillis'),
      `must be between 50 and 29000, got ${integration.timeoutInMillis}`,
    )
  }
  const uri = optionalString(raw, 'uri', path)
  if (uri !== undefined) integration.uri = uri
  else if (type !== 'MOCK')
    throw new ConfigError(at(path, 'uri'), `is required for ${type} integrations`)
  const httpMethod = optionalString(raw, 'httpMethod', path)
  if (httpMethod !== undefined) integration.httpMethod = httpMethod.toUpperCase()
  else if (type !== 'MOCK')
    throw new ConfigError(at(path, 'httpMethod'), `is required for ${type} integrations`)
  for (const key of ['credentials', 'cacheNamespace', 'connectionType', 'connectionId'] as const) {
    const value = optionalString(raw, key, path)
    if (value !== undefined) integration[key] = value
  }
  const contentHandling = optionalEnum(raw, 'contentHandling', path, CONTENT_HANDLING)
  if (contentHandling) integration.contentHandling = contentHandling
  const tls = optionalObject(raw, 'tlsConfig', path)
  if (tls) integration.tlsConfig = tls
  for (const [key, value] of Object.entries(integration.requestParameters)) {
    if (!REQUEST_PARAMETER_TARGET.test(key)) {
      throw new ConfigError(
        at(at(path, 'requestParameters'), key),
        'must be integration.request.{path|querystring|header}.<name>',
      )
    }
    if (value === '')
      throw new ConfigError(at(at(path, 'requestParameters'), key), 'mapping expression is empty')
  }
  for (const [key, rawResponse] of Object.entries(optionalObject(raw, 'responses', path) ?? {}))
    integration.responses.push(
      readIntegrationResponse(key, rawResponse, at(at(path, 'responses'), key)),
    )
  return integration
}

function readIntegrationResponse(
  key: string,
  rawResponse: unknown,
  responsePath: string,
): IntegrationResponseDefinition {
  const response = readObject(rawResponse, responsePath)
  const statusCode = optionalStatusCode(response, 'statusCode', responsePath)
  if (statusCode === undefined) throw new ConfigError(at(responsePath, 'statusCode'), 'is required')
  const entry: IntegrationResponseDefinition = {
    statusCode,
    responseParameters: optionalStringMap(response, 'responseParameters', responsePath),
    responseTemplates: optionalStringMap(response, 'responseTemplates', responsePath),
  }
  if (key !== 'default') {
    try {
      javaRegex(key)
    } catch (error) {
      throw new ConfigError(
        responsePath,
        `selection pattern is not a valid regular expression: ${(error as Error).message}`,
        { cause: error },
      )
    }
    entry.selectionPattern = key
  }
  const handling = optionalEnum(response, 'contentHandling', responsePath, CONTENT_HANDLING)
  if (handling) entry.contentHandling = handling
  return entry
}
