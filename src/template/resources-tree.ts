/**
 * A REST API defined as CloudFormation resources instead of a body, as CDK's `RestApi` and
 * `LambdaRestApi` write it: `AWS::ApiGateway::Resource` (path parts under the API's
 * `RootResourceId`), `Method` (with `Integration`, `MethodResponses`, `RequestParameters`,
 * `RequestModels`, authorization), `Authorizer`, `Model`, `RequestValidator` and
 * `GatewayResponse`. Portico writes the equivalent OpenAPI document (AWS's export form) and
 * imports it like any other.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html
 */
import { ConfigError } from '../errors.js'
import type { TemplateResolver } from './intrinsics.js'
import { isObject, operationKey, type Doc } from './openapi-edit.js'
import { textOf } from '../core/index.js'

const lowerFirst = (key: string): string => `${key.charAt(0).toLowerCase()}${key.slice(1)}`

/** Integration properties copied under their OpenAPI names. */
const INTEGRATION_FIELDS: Readonly<Record<string, string>> = {
  Uri: 'uri',
  IntegrationHttpMethod: 'httpMethod',
  Credentials: 'credentials',
  RequestParameters: 'requestParameters',
  RequestTemplates: 'requestTemplates',
  PassthroughBehavior: 'passthroughBehavior',
  ContentHandling: 'contentHandling',
  TimeoutInMillis: 'timeoutInMillis',
  CacheKeyParameters: 'cacheKeyParameters',
  CacheNamespace: 'cacheNamespace',
  ConnectionType: 'connectionType',
  ConnectionId: 'connectionId',
}

function integration(raw: Doc, where: string): Doc {
  if (typeof raw['Type'] !== 'string') throw new ConfigError(`${where}.Type`, 'is required')
  const out: Doc = { type: raw['Type'].toLowerCase() }
  for (const [from, to] of Object.entries(INTEGRATION_FIELDS))
    if (raw[from] !== undefined) out[to] = raw[from]
  if (typeof out['passthroughBehavior'] === 'string')
    out['passthroughBehavior'] = out['passthroughBehavior'].toLowerCase()
  const responses = Array.isArray(raw['IntegrationResponses']) ? raw['IntegrationResponses'] : []
  if (responses.length > 0) {
    const mapped: Doc = {}
    for (const response of responses.filter(isObject)) {
      const entry: Doc = { statusCode: String(response['StatusCode']) }
      for (const key of ['ResponseParameters', 'ResponseTemplates', 'ContentHandling'])
        if (response[key] !== undefined) entry[lowerFirst(key)] = response[key]
      mapped[
        typeof response['SelectionPattern'] === 'string' && response['SelectionPattern'] !== ''
          ? response['SelectionPattern']
          : 'default'
      ] = entry
    }
    out['responses'] = mapped
  }
  return out
}

/**
 * Writes the OpenAPI (Swagger 2) document of a REST API defined by resources.
 *
 * @param logicalId - the `AWS::ApiGateway::RestApi`
 * @param resolver - the template's resolver
 * @param name - the API's name
 * @returns the document
 * @throws ConfigError for a resource whose parent is not in the API, or a method without a resource
 */
export function restBodyFromResources(
  logicalId: string,
  resolver: TemplateResolver,
  name: string,
): Doc {
  const apiId = resolver.ref(logicalId, `Resources.${logicalId}`)
  const root = resolver.getAtt(logicalId, 'RootResourceId', `Resources.${logicalId}`)
  const of = (type: string): Array<[string, Doc, string]> =>
    [...resolver.resources]
      .filter(([, r]) => r.Type === type)
      .map(([id, r]): [string, Doc, string] => {
        const where = `Resources.${id}.Properties`
        return [id, resolver.resolve(r.Properties ?? {}, where) as Doc, where]
      })
      .filter(([, props]) => props['RestApiId'] === apiId)

  const parts = new Map<string, { parent: string; part: string }>()
  for (const [id, props, where] of of('AWS::ApiGateway::Resource')) {
    if (typeof props['PathPart'] !== 'string')
      throw new ConfigError(`${where}.PathPart`, 'is required')
    parts.set(String(resolver.ref(id, where)), {
      parent: String(props['ParentId']),
      part: props['PathPart'],
    })
  }
  const pathOf = (resourceId: string, where: string, depth = 0): string => {
    if (resourceId === root) return '/'
    const entry = parts.get(resourceId)
    if (!entry) throw new ConfigError(where, `resource ${resourceId} is not in API ${logicalId}`)
    // Deeper than any real tree (AWS allows 30 levels): the ParentId links make a loop.
    if (depth > 64)
      throw new ConfigError(
        where,
        `resource ${resourceId} never reaches the root resource of API ${logicalId}: its parent chain (ParentId, parent_id in Terraform) loops`,
      )
    const parent = pathOf(entry.parent, where, depth + 1)
    return `${parent === '/' ? '' : parent}/${entry.part}`
  }

  const body: Doc = { swagger: '2.0', info: { title: name, version: '1.0' }, paths: {} }
  const schemes: Doc = {}
  const authorizerNames = new Map<string, string>()
  for (const [id, props] of of('AWS::ApiGateway::Authorizer')) {
    const schemeName = typeof props['Name'] === 'string' ? props['Name'] : id
    authorizerNames.set(String(resolver.ref(id, `Resources.${id}`)), schemeName)
    const type = textOf(props['Type'] ?? 'TOKEN').toLowerCase()
    const source = typeof props['IdentitySource'] === 'string' ? props['IdentitySource'] : undefined
    const header = /^method\.request\.header\.(.+)$/.exec(source ?? '')?.[1]
    const extension: Doc = { type }
    for (const key of [
      'AuthorizerUri',
      'AuthorizerCredentials',
      'IdentitySource',
      'IdentityValidationExpression',
      'AuthorizerResultTtlInSeconds',
      'ProviderARNs',
    ])
      if (props[key] !== undefined)
        extension[key === 'ProviderARNs' ? 'providerARNs' : lowerFirst(key)] = props[key]
    schemes[schemeName] = {
      type: 'apiKey',
      name: type === 'request' ? 'Unused' : (header ?? 'Authorization'),
      in: 'header',
      'x-amazon-apigateway-authtype':
        type === 'cognito_user_pools' ? 'cognito_user_pools' : 'custom',
      'x-amazon-apigateway-authorizer': extension,
    }
  }
  const models: Doc = {}
  for (const [id, props] of of('AWS::ApiGateway::Model')) {
    const schema =
      typeof props['Schema'] === 'string'
        ? (JSON.parse(props['Schema']) as unknown)
        : props['Schema']
    models[typeof props['Name'] === 'string' ? props['Name'] : id] = schema ?? {}
  }
  const validators: Doc = {}
  const validatorNames = new Map<string, string>()
  for (const [id, props] of of('AWS::ApiGateway::RequestValidator')) {
    const validatorName = typeof props['Name'] === 'string' ? props['Name'] : id
    validatorNames.set(String(resolver.ref(id, `Resources.${id}`)), validatorName)
    validators[validatorName] = {
      validateRequestBody: props['ValidateRequestBody'] === true,
      validateRequestParameters: props['ValidateRequestParameters'] === true,
    }
  }

  for (const [, props, where] of of('AWS::ApiGateway::Method')) {
    const path = pathOf(String(props['ResourceId']), `${where}.ResourceId`)
    const op: Doc = { responses: {} }
    if (isObject(props['Integration']))
      op['x-amazon-apigateway-integration'] = integration(
        props['Integration'],
        `${where}.Integration`,
      )
    const methodResponses = Array.isArray(props['MethodResponses']) ? props['MethodResponses'] : []
    for (const response of methodResponses.filter(isObject)) {
      const headers = Object.keys(
        isObject(response['ResponseParameters']) ? response['ResponseParameters'] : {},
      )
        .map((key) => /^method\.response\.header\.(.+)$/.exec(key)?.[1])
        .filter((header): header is string => header !== undefined)
      ;(op['responses'] as Doc)[String(response['StatusCode'])] = {
        description: '',
        ...(headers.length > 0
          ? { headers: Object.fromEntries(headers.map((h) => [h, { type: 'string' }])) }
          : {}),
      }
    }
    const parameters: Doc[] = Object.entries(
      isObject(props['RequestParameters']) ? props['RequestParameters'] : {},
    ).flatMap(([key, required]) => {
      const match = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(key)
      return match
        ? [
            {
              in: match[1] === 'querystring' ? 'query' : match[1],
              name: match[2],
              required: required === true,
              type: 'string',
            },
          ]
        : []
    })
    const requestModels = isObject(props['RequestModels']) ? props['RequestModels'] : {}
    const model = Object.values(requestModels)[0]
    if (typeof model === 'string') {
      parameters.push({
        in: 'body',
        name: model,
        required: true,
        schema: { $ref: `#/definitions/${model}` },
      })
      op['consumes'] = Object.keys(requestModels)
    }
    if (parameters.length > 0) op['parameters'] = parameters
    const type = textOf(props['AuthorizationType'] ?? 'NONE').toUpperCase()
    const security: Doc[] = []
    if (type === 'AWS_IAM') op['x-amazon-apigateway-auth'] = { type: 'AWS_IAM' }
    else if (type === 'CUSTOM' || type === 'COGNITO_USER_POOLS') {
      const scheme = authorizerNames.get(String(props['AuthorizerId']))
      if (scheme === undefined)
        throw new ConfigError(`${where}.AuthorizerId`, `is not an authorizer of API ${logicalId}`)
      security.push({
        [scheme]: Array.isArray(props['AuthorizationScopes']) ? props['AuthorizationScopes'] : [],
      })
    }
    if (props['ApiKeyRequired'] === true) {
      schemes['api_key'] = { type: 'apiKey', name: 'x-api-key', in: 'header' }
      security.push({ api_key: [] })
    }
    if (security.length > 0) op['security'] = security
    if (props['RequestValidatorId'] !== undefined)
      op['x-amazon-apigateway-request-validator'] = validatorNames.get(
        textOf(props['RequestValidatorId']),
      )
    if (typeof props['OperationName'] === 'string') op['operationId'] = props['OperationName']
    const paths = body['paths'] as Doc
    const item = (paths[path] ??= {}) as Doc
    item[operationKey(String(props['HttpMethod']))] = op
  }
  const responses: Doc = {}
  for (const [, props] of of('AWS::ApiGateway::GatewayResponse')) {
    const entry: Doc = {}
    if (props['StatusCode'] !== undefined) entry['statusCode'] = textOf(props['StatusCode'])
    for (const key of ['ResponseParameters', 'ResponseTemplates'])
      if (props[key] !== undefined) entry[lowerFirst(key)] = props[key]
    responses[String(props['ResponseType'])] = entry
  }
  if (Object.keys(schemes).length > 0) body['securityDefinitions'] = schemes
  if (Object.keys(models).length > 0) body['definitions'] = models
  if (Object.keys(validators).length > 0)
    body['x-amazon-apigateway-request-validators'] = validators
  if (Object.keys(responses).length > 0) body['x-amazon-apigateway-gateway-responses'] = responses
  return body
}
