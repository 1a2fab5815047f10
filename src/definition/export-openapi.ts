/**
 * Export of a definition as OpenAPI 3.0 or Swagger 2.0 with every API Gateway extension, as
 * `get-export --parameters extensions=apigateway` prints it.
 */
import {
  AUTHORIZER_FIELDS,
  type ApiDefinition,
  type IntegrationDefinition,
  type MethodDefinition,
} from './model.js'
import { textOf } from '../core/index.js'

const X = 'x-amazon-apigateway-'

/** Options of {@link exportOpenApi}. */
export interface ExportOpenApiOptions {
  /** `oas30` (default) or `swagger`, AWS's export type names. */
  format?: 'oas30' | 'swagger'
  /** Stage name for `servers` / `basePath`; omitted when undefined. */
  stageName?: string
}

type Json = Record<string, unknown>

/**
 * Exports a definition as an OpenAPI document with `x-amazon-apigateway-*` extensions. Importing
 * the result gives back the same definition.
 *
 * @param definition - a definition from {@link importOpenApi}
 * @param options - format and stage
 * @returns the OpenAPI document as an object
 * @example
 * ```ts
 * const doc = exportOpenApi(importOpenApi(text), { format: 'swagger' })
 * ```
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html
 */
export function exportOpenApi(definition: ApiDefinition, options: ExportOpenApiOptions = {}): Json {
  const swagger = options.format === 'swagger'
  const doc: Json = swagger ? { swagger: '2.0' } : { openapi: '3.0.1' }
  const info: Json = { title: definition.name }
  if (definition.description !== undefined) info['description'] = definition.description
  if (definition.version !== undefined) info['version'] = definition.version
  doc['info'] = info
  if (options.stageName !== undefined) {
    if (swagger) doc['basePath'] = `/${options.stageName}`
    else
      doc['servers'] = [
        { url: '/{basePath}', variables: { basePath: { default: options.stageName } } },
      ]
  }

  const existingKeyScheme = findApiKeyScheme(definition)
  const apiKeyScheme = existingKeyScheme ?? 'api_key'
  const paths: Json = {}
  for (const resource of definition.resources) {
    const methods = Object.values(resource.methods)
    if (methods.length === 0) continue
    const item: Json = {}
    for (const method of methods) {
      const key = method.httpMethod === 'ANY' ? `${X}any-method` : method.httpMethod.toLowerCase()
      item[key] = exportMethod(method, swagger, apiKeyScheme)
    }
    paths[resource.path] = item
  }
  doc['paths'] = paths

  const schemes: Json = { ...definition.securitySchemes }
  const needsKeyScheme = definition.resources.some((r) =>
    Object.values(r.methods).some((m) => m.apiKeyRequired),
  )
  if (needsKeyScheme && existingKeyScheme === undefined) {
    // A definition built in code may require keys without naming a scheme: add AWS's.
    schemes[apiKeyScheme] = { type: 'apiKey', name: 'x-api-key', in: 'header' }
  }
  for (const authorizer of Object.values(definition.authorizers)) {
    const ext: Json = { type: authorizer.type }
    for (const key of AUTHORIZER_FIELDS) {
      if (authorizer[key] !== undefined) ext[key] = authorizer[key]
    }
    Object.assign(ext, authorizer.extra)
    schemes[authorizer.name] = { ...authorizer.scheme, [`${X}authorizer`]: ext }
  }
  const schemas: Json = {}
  for (const model of Object.values(definition.models)) schemas[model.name] = model.schema
  if (swagger) {
    if (Object.keys(schemes).length) doc['securityDefinitions'] = schemes
    if (Object.keys(schemas).length) doc['definitions'] = schemas
  } else {
    const components: Json = {}
    if (Object.keys(schemas).length) components['schemas'] = schemas
    if (Object.keys(schemes).length) components['securitySchemes'] = schemes
    if (Object.keys(components).length) doc['components'] = components
  }

  if (definition.binaryMediaTypes.length)
    doc[`${X}binary-media-types`] = definition.binaryMediaTypes
  if (definition.apiKeySource !== 'HEADER') doc[`${X}api-key-source`] = definition.apiKeySource
  if (Object.keys(definition.gatewayResponses).length)
    doc[`${X}gateway-responses`] = definition.gatewayResponses
  if (Object.keys(definition.requestValidators).length)
    doc[`${X}request-validators`] = definition.requestValidators
  if (definition.requestValidator !== undefined)
    doc[`${X}request-validator`] = definition.requestValidator
  if (definition.minimumCompressionSize !== undefined)
    doc[`${X}minimum-compression-size`] = definition.minimumCompressionSize
  if (definition.policy !== undefined) doc[`${X}policy`] = definition.policy
  Object.assign(doc, definition.extensions)
  return doc
}

function modelRef(name: string, swagger: boolean): Json {
  return { $ref: swagger ? `#/definitions/${name}` : `#/components/schemas/${name}` }
}

/** The security scheme that stands for "API key required" (AWS's convention: `api_key`). */
function findApiKeyScheme(definition: ApiDefinition): string | undefined {
  const found = Object.entries(definition.securitySchemes).find(
    ([, scheme]) =>
      scheme['type'] === 'apiKey' &&
      !textOf(scheme[`${X}authtype`] ?? '')
        .toLowerCase()
        .startsWith('aws'),
  )
  return found?.[0]
}

function exportMethod(method: MethodDefinition, swagger: boolean, apiKeyScheme: string): Json {
  const op: Json = {}
  if (method.operationName !== undefined) op['operationId'] = method.operationName
  if (method.summary !== undefined) op['summary'] = method.summary
  if (method.description !== undefined) op['description'] = method.description
  if (method.tags !== undefined) op['tags'] = method.tags

  const parameters: Json[] = []
  for (const [key, required] of Object.entries(method.requestParameters)) {
    const match = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(key)
    if (!match) continue
    const location = match[1] === 'querystring' ? 'query' : (match[1] as string)
    const parameter: Json = { name: match[2], in: location, required }
    if (swagger) parameter['type'] = 'string'
    else parameter['schema'] = { type: 'string' }
    parameters.push(parameter)
  }
  const models = Object.entries(method.requestModels)
  if (swagger && models.length) {
    op['consumes'] = models.map(([type]) => type)
    parameters.push({
      in: 'body',
      name: (models[0] as [string, string])[1],
      required: true,
      schema: modelRef((models[0] as [string, string])[1], true),
    })
  }
  if (parameters.length) op['parameters'] = parameters
  if (!swagger && models.length) {
    const content: Json = {}
    for (const [type, model] of models) content[type] = { schema: modelRef(model, false) }
    op['requestBody'] = { content, required: true }
  }

  const responses: Json = {}
  const produces = new Set<string>()
  for (const response of Object.values(method.methodResponses)) {
    const out: Json = { description: response.description ?? `${response.statusCode} response` }
    const headers: Json = {}
    for (const key of Object.keys(response.responseParameters)) {
      const name = key.replace(/^method\.response\.header\./, '')
      headers[name] = swagger ? { type: 'string' } : { schema: { type: 'string' } }
    }
    if (Object.keys(headers).length) out['headers'] = headers
    const responseModels = Object.entries(response.responseModels)
    if (responseModels.length) {
      if (swagger) {
        out['schema'] = modelRef((responseModels[0] as [string, string])[1], true)
        for (const [type] of responseModels) produces.add(type)
      } else {
        const content: Json = {}
        for (const [type, model] of responseModels)
          content[type] = { schema: modelRef(model, false) }
        out['content'] = content
      }
    }
    responses[response.statusCode] = out
  }
  if (swagger && produces.size) op['produces'] = [...produces]
  op['responses'] = responses

  const security: Json[] = []
  if (
    (method.authorizationType === 'CUSTOM' || method.authorizationType === 'COGNITO_USER_POOLS') &&
    method.authorizerId !== undefined
  ) {
    security.push({ [method.authorizerId]: method.authorizationScopes ?? [] })
  }
  if (method.apiKeyRequired) {
    security.push({ [apiKeyScheme]: [] })
  }
  if (security.length) op['security'] = [Object.assign({}, ...security)]
  if (method.authorizationType === 'AWS_IAM') op[`${X}auth`] = { type: 'AWS_IAM' }
  if (method.requestValidator !== undefined) op[`${X}request-validator`] = method.requestValidator
  if (method.integration) op[`${X}integration`] = exportIntegration(method.integration)
  return op
}

function exportIntegration(integration: IntegrationDefinition): Json {
  const out: Json = { type: integration.type.toLowerCase() }
  if (integration.uri !== undefined) out['uri'] = integration.uri
  if (integration.httpMethod !== undefined) out['httpMethod'] = integration.httpMethod
  if (integration.credentials !== undefined) out['credentials'] = integration.credentials
  if (Object.keys(integration.requestParameters).length)
    out['requestParameters'] = integration.requestParameters
  if (Object.keys(integration.requestTemplates).length)
    out['requestTemplates'] = integration.requestTemplates
  out['passthroughBehavior'] = integration.passthroughBehavior.toLowerCase()
  if (integration.contentHandling !== undefined)
    out['contentHandling'] = integration.contentHandling
  out['timeoutInMillis'] = integration.timeoutInMillis
  if (integration.cacheNamespace !== undefined) out['cacheNamespace'] = integration.cacheNamespace
  if (integration.cacheKeyParameters.length)
    out['cacheKeyParameters'] = integration.cacheKeyParameters
  if (integration.connectionType !== undefined) out['connectionType'] = integration.connectionType
  if (integration.connectionId !== undefined) out['connectionId'] = integration.connectionId
  if (integration.tlsConfig !== undefined) out['tlsConfig'] = integration.tlsConfig
  if (integration.responses.length) {
    const responses: Json = {}
    for (const response of integration.responses) {
      const entry: Json = { statusCode: response.statusCode }
      if (Object.keys(response.responseParameters).length)
        entry['responseParameters'] = response.responseParameters
      if (Object.keys(response.responseTemplates).length)
        entry['responseTemplates'] = response.responseTemplates
      if (response.contentHandling !== undefined)
        entry['contentHandling'] = response.contentHandling
      responses[response.selectionPattern ?? 'default'] = entry
    }
    out['responses'] = responses
  }
  return out
}
