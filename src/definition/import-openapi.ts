/**
 * OpenAPI 3.0 / Swagger 2.0 import with API Gateway's `x-amazon-apigateway-*` extensions.
 *
 * Over 500 lines: one reader per extension family in one file. Splitting it into a reader per
 * family is issue 12 item 5, planned together with the template importer's lenient reads
 * (issue 13 item 8), which touch the same readers.
 */
import { getOwn } from '../core/own-property.js'
import { ConfigError } from '../errors.js'
import { isGatewayResponseType, type GatewayResponseType } from '../core/gateway-response-types.js'
import { parsePathTemplate, pathParameterNames } from '../routing/path-template.js'
import { javaRegex } from '../mapping/vtl/java-regex.js'
import { AUTHORIZER_FIELDS } from './model.js'
import type {
  ApiDefinition,
  AuthorizerDefinition,
  GatewayResponseDefinition,
  IntegrationDefinition,
  IntegrationResponseDefinition,
  IntegrationType,
  MethodDefinition,
  MethodResponseDefinition,
  ModelDefinition,
  PassthroughBehavior,
  RequestValidatorDefinition,
  ResourceDefinition,
  RestMethod,
} from './model.js'
import { parseDocument } from './parse-document.js'
import {
  at,
  isObject,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalObject,
  optionalStatusCode,
  optionalString,
  optionalStringArray,
  optionalStringMap,
  readObject,
  requiredString,
  type Doc,
} from './read.js'

const X = 'x-amazon-apigateway-'
const OPERATION_KEYS: ReadonlyArray<[string, RestMethod]> = [
  ['get', 'GET'],
  ['post', 'POST'],
  ['put', 'PUT'],
  ['patch', 'PATCH'],
  ['delete', 'DELETE'],
  ['head', 'HEAD'],
  ['options', 'OPTIONS'],
  [`${X}any-method`, 'ANY'],
]
const INTEGRATION_TYPES: readonly IntegrationType[] = [
  'MOCK',
  'HTTP',
  'HTTP_PROXY',
  'AWS',
  'AWS_PROXY',
]
const PASSTHROUGH: readonly PassthroughBehavior[] = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER']
const CONTENT_HANDLING = ['CONVERT_TO_TEXT', 'CONVERT_TO_BINARY'] as const
const REST_AUTHORIZER_TYPES = ['token', 'request', 'cognito_user_pools']
const ROOT_EXTENSIONS_READ = new Set([
  `${X}binary-media-types`,
  `${X}api-key-source`,
  `${X}gateway-responses`,
  `${X}request-validators`,
  `${X}request-validator`,
  `${X}minimum-compression-size`,
  `${X}policy`,
])
/** Integration fields the importer reads; others are refused so typos surface. */
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

interface ImportContext {
  readonly doc: Doc
  readonly isSwagger: boolean
  readonly schemes: Record<string, Doc>
  readonly rootSecurity: unknown
  readonly consumes: string[]
  readonly produces: string[]
}

/**
 * Imports an OpenAPI 3.0 or Swagger 2.0 document (object, JSON or YAML text) into the plain
 * definition model, reading every `x-amazon-apigateway-*` extension API Gateway reads.
 *
 * @param document - the OpenAPI document you deploy
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
export function importOpenApi(document: unknown): ApiDefinition {
  const doc = parseDocument(document)
  const isSwagger = readVersion(doc)
  const info = optionalObject(doc, 'info', '') ?? {}
  const components = isSwagger ? undefined : optionalObject(doc, 'components', '')
  const schemesPath = isSwagger ? 'securityDefinitions' : 'components.securitySchemes'
  const schemesObject = isSwagger
    ? optionalObject(doc, 'securityDefinitions', '')
    : components && optionalObject(components, 'securitySchemes', 'components')
  const schemes: Record<string, Doc> = {}
  for (const [name, scheme] of Object.entries(schemesObject ?? {}))
    schemes[name] = readObject(scheme, at(schemesPath, name))

  const ctx: ImportContext = {
    doc,
    isSwagger,
    schemes,
    rootSecurity: doc['security'],
    consumes: optionalStringArray(doc, 'consumes', '') ?? [],
    produces: optionalStringArray(doc, 'produces', '') ?? [],
  }

  const definition: ApiDefinition = {
    kind: 'REST',
    name: optionalString(info, 'title', 'info') ?? 'API',
    resources: readResources(ctx),
    models: readModels(ctx, components),
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
  const version = optionalString(info, 'version', 'info')
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
  if (doc[`${X}policy`] !== undefined) definition.policy = doc[`${X}policy`]
  for (const [key, value] of Object.entries(doc)) {
    if (key.startsWith(X) && !ROOT_EXTENSIONS_READ.has(key)) definition.extensions[key] = value
  }

  for (const [name, scheme] of Object.entries(schemes)) {
    const path = at(schemesPath, name)
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

function readVersion(doc: Doc): boolean {
  if (doc['swagger'] !== undefined) {
    if (String(doc['swagger']) !== '2.0')
      throw new ConfigError(
        'swagger',
        `unsupported version ${JSON.stringify(doc['swagger'])}, expected "2.0"`,
      )
    return true
  }
  const version = doc['openapi']
  if (version === undefined) throw new ConfigError('openapi', 'is required (or "swagger": "2.0")')
  if (typeof version !== 'string' || !/^3\.[01]\.\d+$/.test(version)) {
    throw new ConfigError(
      'openapi',
      `unsupported version ${JSON.stringify(version)}, expected 3.0.x`,
    )
  }
  return false
}

function resolveRef(ctx: ImportContext, value: unknown, path: string): Doc {
  const object = readObject(value, path)
  const ref = object['$ref']
  if (ref === undefined) return object
  if (typeof ref !== 'string' || !ref.startsWith('#/')) {
    throw new ConfigError(
      at(path, '$ref'),
      `only local references (#/...) are supported, got ${JSON.stringify(ref)}`,
    )
  }
  let target: unknown = ctx.doc
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    target = isObject(target) ? target[key] : undefined
  }
  if (target === undefined)
    throw new ConfigError(at(path, '$ref'), `reference ${ref} does not resolve`)
  return readObject(target, at(path, '$ref'))
}

function modelNameOf(schema: unknown, path: string): string | undefined {
  if (!isObject(schema)) return undefined
  const ref = schema['$ref']
  if (typeof ref !== 'string') return undefined
  const match = /^#\/(?:definitions|components\/schemas)\/([^/]+)$/.exec(ref)
  if (!match)
    throw new ConfigError(
      at(path, '$ref'),
      `model reference must point at a definition, got ${JSON.stringify(ref)}`,
    )
  return match[1] as string
}

function readResources(ctx: ImportContext): ResourceDefinition[] {
  const paths = optionalObject(ctx.doc, 'paths', '') ?? {}
  const resources = new Map<string, ResourceDefinition>()
  for (const [rawPath, rawItem] of Object.entries(paths)) {
    if (rawPath.startsWith('x-')) continue
    const itemPath = at('paths', rawPath)
    const parts = parsePathTemplate(rawPath, itemPath)
    const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath
    const item = resolveRef(ctx, rawItem, itemPath)
    let resource = resources.get(path)
    if (!resource) {
      resource = { path, methods: {} }
      resources.set(path, resource)
    }
    // Missing parents exist as resources without methods, as AWS creates them.
    for (let i = 1; i <= parts.length; i++) {
      const parent =
        '/' +
        rawPath
          .slice(1)
          .split('/')
          .slice(0, i - 1)
          .join('/')
      if (!resources.has(parent)) resources.set(parent, { path: parent, methods: {} })
    }
    const shared = item['parameters']
    for (const [key, method] of OPERATION_KEYS) {
      if (item[key] === undefined) continue
      const opPath = at(itemPath, key)
      if (resource.methods[method])
        throw new ConfigError(opPath, `method ${method} is defined twice for ${path}`)
      resource.methods[method] = readMethod(
        ctx,
        method,
        readObject(item[key], opPath),
        shared,
        pathParameterNames(parts),
        opPath,
      )
    }
  }
  if (!resources.has('/')) resources.set('/', { path: '/', methods: {} })
  return [...resources.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function readMethod(
  ctx: ImportContext,
  httpMethod: RestMethod,
  op: Doc,
  sharedParameters: unknown,
  pathNames: string[],
  path: string,
): MethodDefinition {
  const method: MethodDefinition = {
    httpMethod,
    authorizationType: 'NONE',
    apiKeyRequired: false,
    requestParameters: {},
    requestModels: {},
    methodResponses: {},
  }
  const operationName = optionalString(op, 'operationId', path)
  if (operationName !== undefined) method.operationName = operationName
  const summary = optionalString(op, 'summary', path)
  if (summary !== undefined) method.summary = summary
  const description = optionalString(op, 'description', path)
  if (description !== undefined) method.description = description
  const tags = optionalStringArray(op, 'tags', path)
  if (tags !== undefined) method.tags = tags

  for (const name of pathNames) method.requestParameters[`method.request.path.${name}`] = true
  const consumes = optionalStringArray(op, 'consumes', path) ?? ctx.consumes
  const allParameters = [
    ...(Array.isArray(sharedParameters) ? sharedParameters : []),
    ...(Array.isArray(op['parameters']) ? op['parameters'] : []),
  ]
  if (op['parameters'] !== undefined && !Array.isArray(op['parameters'])) {
    throw new ConfigError(at(path, 'parameters'), 'must be an array')
  }
  allParameters.forEach((raw, i) => {
    const paramPath = at(at(path, 'parameters'), i)
    const param = resolveRef(ctx, raw, paramPath)
    const name = requiredString(param, 'name', paramPath)
    const location = requiredString(param, 'in', paramPath)
    if (location === 'body') {
      const model = modelNameOf(param['schema'], at(paramPath, 'schema'))
      if (model)
        for (const type of consumes.length ? consumes : ['application/json'])
          method.requestModels[type] = model
      return
    }
    const source = location === 'query' ? 'querystring' : location
    if (source !== 'path' && source !== 'querystring' && source !== 'header') return
    if (source === 'path' && !pathNames.includes(name)) {
      throw new ConfigError(
        paramPath,
        `path parameter ${JSON.stringify(name)} is not in the resource path`,
      )
    }
    method.requestParameters[`method.request.${source}.${name}`] =
      source === 'path' ? true : (optionalBoolean(param, 'required', paramPath) ?? false)
  })
  const requestBody = op['requestBody']
  if (requestBody !== undefined) {
    const bodyPath = at(path, 'requestBody')
    const body = resolveRef(ctx, requestBody, bodyPath)
    for (const [type, media] of Object.entries(optionalObject(body, 'content', bodyPath) ?? {})) {
      const mediaPath = at(at(bodyPath, 'content'), type)
      const model = modelNameOf(readObject(media, mediaPath)['schema'], at(mediaPath, 'schema'))
      if (model) method.requestModels[type] = model
    }
  }

  const produces = optionalStringArray(op, 'produces', path) ?? ctx.produces
  for (const [code, raw] of Object.entries(optionalObject(op, 'responses', path) ?? {})) {
    if (!/^[1-5]\d\d$/.test(code)) continue
    const responsePath = at(at(path, 'responses'), code)
    const response = resolveRef(ctx, raw, responsePath)
    const methodResponse: MethodResponseDefinition = {
      statusCode: code,
      responseParameters: {},
      responseModels: {},
    }
    const responseDescription = optionalString(response, 'description', responsePath)
    if (responseDescription !== undefined) methodResponse.description = responseDescription
    for (const header of Object.keys(optionalObject(response, 'headers', responsePath) ?? {})) {
      methodResponse.responseParameters[`method.response.header.${header}`] = false
    }
    if (ctx.isSwagger) {
      const model = modelNameOf(response['schema'], at(responsePath, 'schema'))
      if (model)
        for (const type of produces.length ? produces : ['application/json'])
          methodResponse.responseModels[type] = model
    } else {
      for (const [type, media] of Object.entries(
        optionalObject(response, 'content', responsePath) ?? {},
      )) {
        const model = modelNameOf(
          readObject(media, at(at(responsePath, 'content'), type))['schema'],
          at(at(at(responsePath, 'content'), type), 'schema'),
        )
        if (model) methodResponse.responseModels[type] = model
      }
    }
    method.methodResponses[code] = methodResponse
  }

  readSecurity(ctx, op, method, path)
  const validator = optionalString(op, `${X}request-validator`, path)
  if (validator !== undefined) method.requestValidator = validator
  const integration = op[`${X}integration`]
  if (integration !== undefined)
    method.integration = readIntegration(
      readObject(integration, at(path, `${X}integration`)),
      at(path, `${X}integration`),
    )
  return method
}

function readSecurity(ctx: ImportContext, op: Doc, method: MethodDefinition, path: string): void {
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
        if (!scheme)
          throw new ConfigError(
            at(at(where, i), name),
            `security scheme ${JSON.stringify(name)} is not defined`,
          )
        const authorizer = scheme[`${X}authorizer`]
        const authType =
          typeof scheme[`${X}authtype`] === 'string' ? (scheme[`${X}authtype`] as string) : ''
        if (isObject(authorizer)) {
          method.authorizationType =
            String(authorizer['type']).toLowerCase() === 'cognito_user_pools'
              ? 'COGNITO_USER_POOLS'
              : 'CUSTOM'
          method.authorizerId = name
          if (Array.isArray(scopes) && scopes.length > 0)
            method.authorizationScopes = scopes.map(String)
        } else if (authType.toLowerCase().startsWith('aws')) {
          method.authorizationType = 'AWS_IAM'
        } else if (scheme['type'] === 'apiKey') {
          method.apiKeyRequired = true
        }
      }
    })
  }
  const auth = optionalObject(op, `${X}auth`, path)
  if (auth) {
    const type = optionalEnum(auth, 'type', at(path, `${X}auth`), ['NONE', 'AWS_IAM'] as const)
    if (type) method.authorizationType = type
  }
}

function readIntegration(raw: Doc, path: string): IntegrationDefinition {
  for (const key of Object.keys(raw)) {
    if (!INTEGRATION_FIELDS.has(key))
      throw new ConfigError(at(path, key), 'is not an integration field')
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
    if (
      !/^integration\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.[a-zA-Z0-9._$-]+$/.test(
        key,
      )
    ) {
      throw new ConfigError(
        at(at(path, 'requestParameters'), key),
        'must be integration.request.{path|querystring|header}.<name>',
      )
    }
    if (value === '')
      throw new ConfigError(at(at(path, 'requestParameters'), key), 'mapping expression is empty')
  }
  for (const [key, rawResponse] of Object.entries(optionalObject(raw, 'responses', path) ?? {})) {
    const responsePath = at(at(path, 'responses'), key)
    const response = readObject(rawResponse, responsePath)
    const statusCode = optionalStatusCode(response, 'statusCode', responsePath)
    if (statusCode === undefined)
      throw new ConfigError(at(responsePath, 'statusCode'), 'is required')
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
    integration.responses.push(entry)
  }
  return integration
}

function readModels(
  ctx: ImportContext,
  components: Doc | undefined,
): Record<string, ModelDefinition> {
  const where = ctx.isSwagger ? 'definitions' : 'components.schemas'
  const source = ctx.isSwagger
    ? optionalObject(ctx.doc, 'definitions', '')
    : components && optionalObject(components, 'schemas', 'components')
  const models: Record<string, ModelDefinition> = {}
  for (const [name, schema] of Object.entries(source ?? {})) {
    if (!/^[A-Za-z0-9]+$/.test(name))
      throw new ConfigError(at(where, name), 'model names must be alphanumeric')
    models[name] = {
      name,
      contentType: 'application/json',
      schema: readObject(schema, at(where, name)),
    }
  }
  return models
}

function readAuthorizer(name: string, scheme: Doc, raw: Doc, path: string): AuthorizerDefinition {
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
    if (value !== undefined) authorizer[key] = value
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

function readGatewayResponses(
  doc: Doc,
): Partial<Record<GatewayResponseType, GatewayResponseDefinition>> {
  const where = `${X}gateway-responses`
  const out: Partial<Record<GatewayResponseType, GatewayResponseDefinition>> = {}
  for (const [type, raw] of Object.entries(optionalObject(doc, where, '') ?? {})) {
    const path = at(where, type)
    if (!isGatewayResponseType(type))
      throw new ConfigError(path, `unknown gateway response type ${JSON.stringify(type)}`)
    const response = readObject(raw, path)
    const entry: GatewayResponseDefinition = {
      responseParameters: optionalStringMap(response, 'responseParameters', path),
      responseTemplates: optionalStringMap(response, 'responseTemplates', path),
    }
    const statusCode = optionalStatusCode(response, 'statusCode', path)
    if (statusCode !== undefined) entry.statusCode = statusCode
    for (const key of Object.keys(entry.responseParameters)) {
      if (!/^gatewayresponse\.header\.[^.]+$/.test(key)) {
        throw new ConfigError(
          at(at(path, 'responseParameters'), key),
          'must be gatewayresponse.header.<name>',
        )
      }
    }
    out[type] = entry
  }
  return out
}

function readRequestValidators(doc: Doc): Record<string, RequestValidatorDefinition> {
  const where = `${X}request-validators`
  const out: Record<string, RequestValidatorDefinition> = {}
  for (const [name, raw] of Object.entries(optionalObject(doc, where, '') ?? {})) {
    const path = at(where, name)
    const validator = readObject(raw, path)
    out[name] = {
      validateRequestBody: optionalBoolean(validator, 'validateRequestBody', path) ?? false,
      validateRequestParameters:
        optionalBoolean(validator, 'validateRequestParameters', path) ?? false,
    }
  }
  return out
}

function checkReferences(definition: ApiDefinition): void {
  const validators = definition.requestValidators
  if (definition.requestValidator !== undefined && !validators[definition.requestValidator]) {
    throw new ConfigError(
      `${X}request-validator`,
      `request validator ${JSON.stringify(definition.requestValidator)} is not defined`,
    )
  }
  for (const resource of definition.resources) {
    for (const method of Object.values(resource.methods)) {
      const where = at(
        at('paths', resource.path),
        method.httpMethod === 'ANY' ? `${X}any-method` : method.httpMethod.toLowerCase(),
      )
      if (method.requestValidator !== undefined && !getOwn(validators, method.requestValidator)) {
        throw new ConfigError(
          at(where, `${X}request-validator`),
          `request validator ${JSON.stringify(method.requestValidator)} is not defined`,
        )
      }
      for (const model of Object.values(method.requestModels)) {
        if (!getOwn(definition.models, model))
          throw new ConfigError(where, `model ${JSON.stringify(model)} is not defined`)
      }
    }
  }
}
