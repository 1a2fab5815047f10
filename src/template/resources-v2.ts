/**
 * HTTP and WebSocket APIs from CloudFormation (`AWS::ApiGatewayV2::Api`): an OpenAPI `Body`
 * (what SAM generates for `AWS::Serverless::HttpApi`), quick create (`Target` + `RouteKey`), or
 * `AWS::ApiGatewayV2::Route` / `Integration` / `Authorizer` resources (what CDK's `HttpApi` and
 * `WebSocketApi` write); stages from `AWS::ApiGatewayV2::Stage`.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-api.html
 */
import { ConfigError } from '../errors.js'
import { parseDocument } from '../definition/index.js'
import { importHttpApi } from '../http-api/index.js'
import type { StageOptions } from '../stages/index.js'
import type { WebSocketApiDefinition } from '../websocket/index.js'
import type { TemplateResolver } from './intrinsics.js'
import { copy, isObject, operationKey, type Doc } from './openapi-edit.js'
import { bodyImportOptions, within, type ApiFound } from './resources-rest.js'
import { httpStage } from './stages.js'
import { textOf } from '../core/index.js'

const lowerFirst = (key: string): string => `${key.charAt(0).toLowerCase()}${key.slice(1)}`

/** The resolved properties of every resource of `type` that belongs to API `apiId`. */
function children(
  resolver: TemplateResolver,
  type: string,
  apiId: string,
): Array<[string, Doc, string]> {
  return [...resolver.resources]
    .filter(([, r]) => r.Type === type)
    .map(([id, r]): [string, Doc, string] => {
      const where = `Resources.${id}.Properties`
      return [id, resolver.resolve(r.Properties ?? {}, where) as Doc, where]
    })
    .filter(([, props]) => props['ApiId'] === apiId)
}

/** `CorsConfiguration` (CloudFormation names) → `x-amazon-apigateway-cors`. */
function cors(raw: unknown): Doc | undefined {
  if (!isObject(raw)) return undefined
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [lowerFirst(key), value]))
}

/**
 * CloudFormation `ResponseParameters` (status → `{ ResponseParameters: [{ Destination, Source }] }`,
 * or status → `{ destination: source }`) → the export form (status → `{ destination: source }`).
 */
function responseParameters(raw: unknown, where: string): Doc | undefined {
  if (raw === undefined) return undefined
  if (!isObject(raw)) throw new ConfigError(where, 'must map status codes to response parameters')
  const out: Doc = {}
  for (const [status, entry] of Object.entries(raw)) {
    const list = isObject(entry) ? entry['ResponseParameters'] : undefined
    if (Array.isArray(list))
      out[status] = Object.fromEntries(
        list.filter(isObject).map((p) => [String(p['Destination']), textOf(p['Source'] ?? '')]),
      )
    else if (isObject(entry)) out[status] = entry
    else throw new ConfigError(`${where}.${status}`, 'must be a ResponseParameterMap')
  }
  return out
}

/** Routes, integrations and authorizers → AWS's export form of an HTTP API. */
function httpBodyFromResources(
  resolver: TemplateResolver,
  apiId: string,
  name: string,
  warn: (message: string) => void,
): Doc {
  const integrations = new Map<string, Doc>()
  for (const [id, props, where] of children(resolver, 'AWS::ApiGatewayV2::Integration', apiId)) {
    if (props['ConnectionType'] === 'VPC_LINK')
      warn(
        `${where}.ConnectionType VPC_LINK is not followed: Portico calls IntegrationUri directly`,
      )
    const mapped = responseParameters(props['ResponseParameters'], `${where}.ResponseParameters`)
    integrations.set(String(resolver.ref(id, `Resources.${id}`)), {
      ...(mapped ? { responseParameters: mapped } : {}),
      type: textOf(props['IntegrationType'] ?? '').toLowerCase(),
      uri: props['IntegrationUri'],
      ...(props['IntegrationSubtype'] !== undefined
        ? { integrationSubtype: props['IntegrationSubtype'] }
        : {}),
      httpMethod: props['IntegrationMethod'] ?? 'POST',
      payloadFormatVersion: textOf(props['PayloadFormatVersion'] ?? '1.0'),
      ...(props['TimeoutInMillis'] !== undefined
        ? { timeoutInMillis: props['TimeoutInMillis'] }
        : {}),
      ...(props['RequestParameters'] !== undefined
        ? { requestParameters: props['RequestParameters'] }
        : {}),
      ...(props['CredentialsArn'] !== undefined ? { credentials: props['CredentialsArn'] } : {}),
    })
  }
  const schemes: Doc = {}
  const authorizers = new Map<string, string>()
  for (const [id, props] of children(resolver, 'AWS::ApiGatewayV2::Authorizer', apiId)) {
    const scheme = typeof props['Name'] === 'string' ? props['Name'] : id
    authorizers.set(String(resolver.ref(id, `Resources.${id}`)), scheme)
    const jwt = isObject(props['JwtConfiguration']) ? props['JwtConfiguration'] : undefined
    const source = props['IdentitySource']
    schemes[scheme] = jwt
      ? {
          type: 'oauth2',
          'x-amazon-apigateway-authorizer': {
            type: 'jwt',
            jwtConfiguration: { issuer: jwt['Issuer'], audience: jwt['Audience'] },
            ...(source !== undefined
              ? { identitySource: [source].flat().map(textOf).join(',') }
              : {}),
          },
        }
      : {
          type: 'apiKey',
          name: 'Unused',
          in: 'header',
          'x-amazon-apigateway-authorizer': {
            type: 'request',
            authorizerUri: props['AuthorizerUri'],
            authorizerPayloadFormatVersion: props['AuthorizerPayloadFormatVersion'] ?? '2.0',
            identitySource: source ?? [],
            ...(props['EnableSimpleResponses'] === true ? { enableSimpleResponses: true } : {}),
            ...(props['AuthorizerResultTtlInSeconds'] !== undefined
              ? { authorizerResultTtlInSeconds: props['AuthorizerResultTtlInSeconds'] }
              : {}),
          },
        }
  }
  const paths: Doc = {}
  for (const [, props, where] of children(resolver, 'AWS::ApiGatewayV2::Route', apiId)) {
    const key = String(props['RouteKey'])
    const target = /^integrations\/(.+)$/.exec(textOf(props['Target'] ?? ''))?.[1]
    const integration = target === undefined ? undefined : integrations.get(target)
    if (!integration)
      throw new ConfigError(`${where}.Target`, 'must be integrations/{IntegrationId} of this API')
    const op: Doc = { 'x-amazon-apigateway-integration': integration, responses: {} }
    const type = textOf(props['AuthorizationType'] ?? 'NONE').toUpperCase()
    if (type === 'AWS_IAM') op['x-amazon-apigateway-auth'] = { type: 'AWS_IAM' }
    else if (type === 'JWT' || type === 'CUSTOM') {
      const scheme = authorizers.get(String(props['AuthorizerId']))
      if (scheme === undefined)
        throw new ConfigError(`${where}.AuthorizerId`, 'is not an authorizer of this API')
      op['security'] = [
        {
          [scheme]: Array.isArray(props['AuthorizationScopes']) ? props['AuthorizationScopes'] : [],
        },
      ]
    }
    const [method, path] = key === '$default' ? ['ANY', '/$default'] : key.split(' ')
    if (key === '$default') op['isDefaultRoute'] = true
    const item = (paths[path as string] ??= {}) as Doc
    item[operationKey(method as string)] = op
  }
  return {
    openapi: '3.0.1',
    info: { title: name, version: '1.0' },
    paths,
    components: { securitySchemes: schemes },
  }
}

const lambdaOf = (uri: unknown): string => {
  const text = textOf(uri ?? '')
  return /functions\/(.+)\/invocations$/.exec(text)?.[1] ?? text
}

/**
 * A WebSocket API from its Route / Integration / Authorizer / RouteResponse resources: Lambda
 * proxy routes, two-way routes (a `$default` RouteResponse or RouteResponseSelectionExpression),
 * and the `$connect` REQUEST authorizer. What the WebSocket gateway cannot serve (other
 * integration types, integration responses, authorizers on other routes) is a warning.
 */
function webSocketDefinition(
  resolver: TemplateResolver,
  apiId: string,
  name: string,
  props: Doc,
  warn: (message: string) => void,
): WebSocketApiDefinition {
  const integrations = new Map<string, [type: string, lambda: string, where: string]>()
  for (const [id, integration, where] of children(
    resolver,
    'AWS::ApiGatewayV2::Integration',
    apiId,
  ))
    integrations.set(String(resolver.ref(id, `Resources.${id}`)), [
      textOf(integration['IntegrationType'] ?? '').toUpperCase(),
      lambdaOf(integration['IntegrationUri']),
      where,
    ])
  for (const [id] of children(resolver, 'AWS::ApiGatewayV2::IntegrationResponse', apiId))
    warn(
      `Resources.${id} (AWS::ApiGatewayV2::IntegrationResponse) is ignored: WebSocket APIs in Portico use Lambda proxy integrations, whose reply is the function's result`,
    )
  const authorizers = new Map<string, Doc>()
  for (const [id, authorizer] of children(resolver, 'AWS::ApiGatewayV2::Authorizer', apiId))
    authorizers.set(String(resolver.ref(id, `Resources.${id}`)), authorizer)
  const twoWay = new Set(
    children(resolver, 'AWS::ApiGatewayV2::RouteResponse', apiId)
      .filter(([, response]) => response['RouteResponseKey'] === '$default')
      .map(([, response]) => String(response['RouteId'])),
  )
  const routes: WebSocketApiDefinition['routes'] = {}
  const definition: WebSocketApiDefinition = { name, routes }
  for (const [id, route, where] of children(resolver, 'AWS::ApiGatewayV2::Route', apiId)) {
    const key = String(route['RouteKey'])
    const target = /^integrations\/(.+)$/.exec(textOf(route['Target'] ?? ''))?.[1]
    const integration = target === undefined ? undefined : integrations.get(target)
    if (!integration)
      throw new ConfigError(`${where}.Target`, 'must be integrations/{IntegrationId} of this API')
    const [type, lambda, integrationWhere] = integration
    if (type !== 'AWS_PROXY') {
      warn(
        `${integrationWhere}.IntegrationType ${type} is not served by Portico's WebSocket gateway (AWS_PROXY only): route ${key} is left out`,
      )
      continue
    }
    routes[key] = {
      lambda,
      ...(route['RouteResponseSelectionExpression'] === '$default' ||
      twoWay.has(String(resolver.ref(id, `Resources.${id}`)))
        ? { routeResponseSelectionExpression: '$default' as const }
        : {}),
    }
    for (const property of ['ApiKeyRequired', 'RequestModels', 'RequestParameters'])
      if (route[property] !== undefined && route[property] !== false)
        warn(`${where}.${property} is ignored: Portico's WebSocket gateway does not check it`)
    const authorization = textOf(route['AuthorizationType'] ?? 'NONE').toUpperCase()
    if (authorization === 'NONE') continue
    if (key !== '$connect' || authorization !== 'CUSTOM') {
      warn(
        `${where}.AuthorizationType ${authorization} on route ${key} is not enforced: Portico's WebSocket gateway runs a Lambda REQUEST authorizer on $connect only`,
      )
      continue
    }
    const authorizer = authorizers.get(String(route['AuthorizerId']))
    if (!authorizer)
      throw new ConfigError(`${where}.AuthorizerId`, 'is not an authorizer of this API')
    definition.authorizer = {
      lambda: lambdaOf(authorizer['AuthorizerUri']),
      identitySource: [authorizer['IdentitySource'] ?? []].flat().map(String),
    }
  }
  if (typeof props['RouteSelectionExpression'] === 'string')
    definition.routeSelectionExpression = props['RouteSelectionExpression']
  return definition
}

/**
 * Reads every `AWS::ApiGatewayV2::Api` of a (SAM-translated) template.
 *
 * @param resolver - the template's resolver
 * @param skip - receives APIs Portico cannot build, with the reason
 * @param warn - receives what Portico ignores
 * @param failOnWarnings - make the OpenAPI import's warnings ConfigErrors
 * @returns the APIs found
 * @throws ConfigError naming the place of an invalid body, route or integration
 */
export function readV2Apis(
  resolver: TemplateResolver,
  skip: (logicalId: string, reason: string) => void,
  warn: (message: string) => void = () => {},
  failOnWarnings?: boolean,
): ApiFound[] {
  const out: ApiFound[] = []
  for (const [logicalId, resource] of resolver.resources) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Api') continue
    const where = `Resources.${logicalId}.Properties`
    const raw = resource.Properties ?? {}
    const props = resolver.resolve({ ...raw, Body: undefined }, where) as Doc
    const apiId = String(resolver.ref(logicalId, `Resources.${logicalId}`))
    const name = typeof props['Name'] === 'string' ? props['Name'] : logicalId
    const stages: StageOptions[] = children(resolver, 'AWS::ApiGatewayV2::Stage', apiId).map(
      ([, stage]) => httpStage(stage),
    )
    if (
      textOf(props['ProtocolType'] ?? 'HTTP') === 'WEBSOCKET' ||
      props['RouteSelectionExpression'] !== undefined
    ) {
      out.push({
        logicalId,
        kind: 'WEBSOCKET',
        name,
        apiId,
        stages,
        definition: webSocketDefinition(resolver, apiId, name, props, warn),
      })
      continue
    }
    let body: Doc
    if (raw['Body'] !== undefined) {
      const resolved = resolver.resolve(raw['Body'], `${where}.Body`)
      body = within(`${where}.Body`, () => copy(parseDocument(resolved)))
    } else if (props['BodyS3Location'] !== undefined) {
      skip(logicalId, `${where}.BodyS3Location is in Amazon S3: put the OpenAPI document in Body`)
      continue
    } else if (props['Target'] !== undefined) {
      const target = textOf(props['Target'])
      const lambda = target.startsWith('arn:') && target.includes(':lambda:')
      const key = textOf(props['RouteKey'] ?? '$default')
      const [method, path] = key === '$default' ? ['ANY', '/$default'] : key.split(' ')
      body = {
        openapi: '3.0.1',
        info: { title: name, version: '1.0' },
        paths: {
          [path as string]: {
            [operationKey(method as string)]: {
              ...(key === '$default' ? { isDefaultRoute: true } : {}),
              'x-amazon-apigateway-integration': lambda
                ? { type: 'aws_proxy', uri: target, payloadFormatVersion: '2.0' }
                : {
                    type: 'http_proxy',
                    uri: target,
                    httpMethod: 'ANY',
                    payloadFormatVersion: '1.0',
                  },
            },
          },
        },
      }
      // Quick create makes the $default stage with automatic deployment.
      if (stages.length === 0) stages.push({ name: '$default' })
    } else body = httpBodyFromResources(resolver, apiId, name, warn)
    const corsConfiguration = cors(props['CorsConfiguration'])
    if (corsConfiguration) body['x-amazon-apigateway-cors'] = corsConfiguration
    const definition = within(`${where}.Body`, () =>
      importHttpApi(body, bodyImportOptions(`${where}.Body`, warn, failOnWarnings)),
    )
    if (typeof props['Name'] === 'string') definition.name = props['Name']
    out.push({ logicalId, kind: 'HTTP', name: definition.name, apiId, stages, definition })
  }
  return out
}
