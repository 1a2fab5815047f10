/**
 * `AWS::Serverless::HttpApi` (and the implicit `ServerlessHttpApi`) into what the SAM translator
 * generates: an `AWS::ApiGatewayV2::Api` whose OpenAPI 3 `Body` holds the `HttpApi` event routes
 * (AWS_PROXY integrations with `payloadFormatVersion`, default 2.0), JWT / Lambda / IAM
 * authorizers, and `x-amazon-apigateway-cors`; plus its `AWS::ApiGatewayV2::Stage` (`$default`
 * unless `StageName` is given).
 *
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-httpapi.html
 * Sources: SAM translator tests `implicit_http_api`, `implicit_http_api_auth_and_simple_case`,
 * `http_api_with_cors`, `http_api_lambda_auth`; `samtranslator/model/apigatewayv2.py`.
 */
import { ConfigError } from '../errors.js'
import type { TemplateResource } from './intrinsics.js'
import {
  addOperation,
  copy,
  invocationUri,
  isObject,
  operations,
  securitySchemesOf,
  type Doc,
} from './openapi-edit.js'
import { apiEvents } from './sam-events.js'
import { readDefinitionFile } from './include.js'
import type { SamContext } from './sam-rest.js'
import { textOf } from '../core/index.js'

const IGNORED: Readonly<Record<string, string>> = {
  Domain: 'custom domains are not served by Portico; use the stage URL',
}

const IDENTITY_PREFIXES = [
  ['Headers', '$request.header.'],
  ['QueryStrings', '$request.querystring.'],
  ['StageVariables', '$stageVariables.'],
  ['Context', '$context.'],
] as const

function authorizerScheme(name: string, raw: unknown, where: string, ctx: SamContext): Doc {
  if (!isObject(raw)) throw new ConfigError(where, 'must be an object')
  if (raw['JwtConfiguration'] !== undefined) {
    const extension: Doc = { type: 'jwt', jwtConfiguration: raw['JwtConfiguration'] }
    if (raw['IdentitySource'] !== undefined) extension['identitySource'] = raw['IdentitySource']
    return { type: 'oauth2', 'x-amazon-apigateway-authorizer': extension }
  }
  if (typeof raw['FunctionArn'] !== 'string')
    throw new ConfigError(where, `${name} needs JwtConfiguration (OAuth2) or FunctionArn (Lambda)`)
  if (raw['AuthorizerPayloadFormatVersion'] === undefined)
    throw new ConfigError(
      `${where}.AuthorizerPayloadFormatVersion`,
      `${name} Lambda Authorizer must define 'AuthorizerPayloadFormatVersion'`,
    )
  const { resolver } = ctx
  const extension: Doc = {
    type: 'request',
    authorizerUri: invocationUri(raw['FunctionArn'], resolver.region, resolver.partition),
    // As written: SAM copies a YAML number (`2.0` reads as 2) into the body unchanged.
    authorizerPayloadFormatVersion: raw['AuthorizerPayloadFormatVersion'],
  }
  const identity = raw['Identity']
  if (isObject(identity)) {
    if (identity['ReauthorizeEvery'] !== undefined)
      extension['authorizerResultTtlInSeconds'] = Number(identity['ReauthorizeEvery'])
    extension['identitySource'] = IDENTITY_PREFIXES.flatMap(([key, prefix]) =>
      Array.isArray(identity[key]) ? identity[key].map((value) => `${prefix}${String(value)}`) : [],
    )
  }
  if (raw['EnableSimpleResponses'] === true) extension['enableSimpleResponses'] = true
  return {
    type: 'apiKey',
    name: 'Unused',
    in: 'header',
    'x-amazon-apigateway-authorizer': extension,
  }
}

function cors(raw: unknown, where: string): Doc {
  if (raw === true) return { allowOrigins: ['*'] }
  if (typeof raw === 'string' || Array.isArray(raw)) return { allowOrigins: [raw].flat() }
  if (!isObject(raw)) throw new ConfigError(where, 'must be true or a CORS configuration')
  const out: Doc = {}
  for (const [key, value] of Object.entries(raw)) {
    const field = `${key.charAt(0).toLowerCase()}${key.slice(1)}`
    if (
      ![
        'allowOrigins',
        'allowHeaders',
        'allowMethods',
        'exposeHeaders',
        'maxAge',
        'allowCredentials',
      ].includes(field)
    )
      throw new ConfigError(`${where}.${key}`, `invalid key '${key}' for CorsConfiguration`)
    out[field] = value
  }
  if (out['allowCredentials'] === true && JSON.stringify(out['allowOrigins'] ?? ['*']) === '["*"]')
    throw new ConfigError(
      where,
      "AllowCredentials can not be true when AllowOrigins is '*' or not set",
    )
  return out
}

/**
 * Translates one `AWS::Serverless::HttpApi`.
 *
 * @param logicalId - the API's logical id
 * @param resource - the API resource (Globals applied)
 * @param ctx - resolver, base directory, warnings
 * @returns the CloudFormation resources SAM generates for it, by logical id
 * @throws ConfigError naming the API or event property at fault
 */
export function translateHttpApi(
  logicalId: string,
  resource: TemplateResource,
  ctx: SamContext,
): Record<string, TemplateResource> {
  const where = `Resources.${logicalId}.Properties`
  const { resolver } = ctx
  const props = resolver.resolve(resource.Properties ?? {}, where) as Doc
  for (const key of Object.keys(props)) {
    const reason = IGNORED[key]
    if (reason) ctx.warn(`${where}.${key} is ignored: ${reason}`)
  }
  const body: Doc =
    props['DefinitionBody'] !== undefined
      ? copy(props['DefinitionBody'] as Doc)
      : props['DefinitionUri'] !== undefined
        ? readDefinitionFile(props['DefinitionUri'], ctx.baseDir, `${where}.DefinitionUri`)
        : { openapi: '3.0.1', info: { version: '1.0', title: resolver.stackName }, paths: {} }
  const manage = props['DefinitionBody'] === undefined && props['DefinitionUri'] === undefined
  const auth = isObject(props['Auth']) ? props['Auth'] : {}
  const authorizers = isObject(auth['Authorizers']) ? auth['Authorizers'] : {}
  const schemes = securitySchemesOf(body)
  for (const [name, raw] of Object.entries(authorizers))
    schemes[name] = authorizerScheme(name, raw, `${where}.Auth.Authorizers.${name}`, ctx)
  const fallback =
    typeof auth['DefaultAuthorizer'] === 'string' ? auth['DefaultAuthorizer'] : undefined
  // AWS_IAM is SAM's built-in authorizer only with EnableIamAuthorizer (http_api_generator
  // `_get_authorizers`; translator test api_http_with_default_iam_authorizer).
  const iamEnabled = auth['EnableIamAuthorizer'] === true
  const known = (name: string): boolean =>
    Object.hasOwn(authorizers, name) || (name === 'AWS_IAM' && iamEnabled)
  if (fallback !== undefined && !known(fallback))
    throw new ConfigError(
      `${where}.Auth.DefaultAuthorizer`,
      `Unable to set DefaultAuthorizer because '${fallback}' was not defined in 'Authorizers'${fallback === 'AWS_IAM' ? ' (set EnableIamAuthorizer: true)' : ''}.`,
    )

  const security = (name: string | undefined, scopes: unknown): Doc => {
    if (name === undefined || name === 'NONE') return {}
    if (name === 'AWS_IAM' && iamEnabled) return { 'x-amazon-apigateway-auth': { type: 'AWS_IAM' } }
    const own = isObject(authorizers[name]) ? authorizers[name] : {}
    const list = Array.isArray(scopes)
      ? scopes
      : Array.isArray(own['AuthorizationScopes'])
        ? own['AuthorizationScopes']
        : []
    return { security: [{ [name]: list.map(String) }] }
  }

  // Event RouteSettings merge into the API's, under the route key, the event's winning
  // (implicit_http_api_plugin `_add_route_settings_to_api`).
  const routeSettings: Doc = isObject(props['RouteSettings']) ? { ...props['RouteSettings'] } : {}
  if (props['RouteSettings'] !== undefined && !isObject(props['RouteSettings']))
    throw new ConfigError(`${where}.RouteSettings`, 'must be a map of route keys to settings')
  for (const event of apiEvents(resolver.resources, 'HttpApi')) {
    if (event.apiId !== logicalId) continue
    const raw = resolver.resolve(event.properties, event.where) as Doc
    const path = raw['Path'] ?? '$default'
    const method = raw['Method'] ?? 'any'
    if (typeof path !== 'string' || typeof method !== 'string')
      throw new ConfigError(event.where, 'Path and Method must be strings')
    if (raw['RouteSettings'] !== undefined) {
      if (!isObject(raw['RouteSettings']))
        throw new ConfigError(`${event.where}.RouteSettings`, 'must be a map')
      const key = path === '$default' ? '$default' : `${method.toUpperCase()} ${path}`
      routeSettings[key] = {
        ...(isObject(routeSettings[key]) ? routeSettings[key] : {}),
        ...raw['RouteSettings'],
      }
    }
    if (!(manage || props['MergeDefinitions'] === true)) continue
    if (path === '$default' && textOf(method).toLowerCase() !== 'any')
      throw new ConfigError(`${event.where}.Method`, 'the $default route takes every method (any)')
    const eventAuth = isObject(raw['Auth']) ? raw['Auth'] : {}
    const authorizer =
      typeof eventAuth['Authorizer'] === 'string' ? eventAuth['Authorizer'] : fallback
    if (authorizer !== undefined && authorizer !== 'NONE' && !known(authorizer))
      throw new ConfigError(
        `${event.where}.Auth.Authorizer`,
        `${authorizer} is not one of the API's Auth.Authorizers${authorizer === 'AWS_IAM' ? ' (set EnableIamAuthorizer: true on the API)' : ''}`,
      )
    const integration: Doc = {
      type: 'aws_proxy',
      httpMethod: 'POST',
      payloadFormatVersion: textOf(raw['PayloadFormatVersion'] ?? '2.0'),
      uri: invocationUri(
        resolver.getAtt(event.functionId, 'Arn', event.where),
        resolver.region,
        resolver.partition,
      ),
    }
    if (raw['TimeoutInMillis'] !== undefined)
      integration['timeoutInMillis'] = Number(raw['TimeoutInMillis'])
    addOperation(
      body,
      path,
      method,
      {
        ...(path === '$default' ? { isDefaultRoute: true } : {}),
        'x-amazon-apigateway-integration': integration,
        responses: {},
        ...security(authorizer, eventAuth['AuthorizationScopes']),
      },
      event.where,
    )
  }
  if (!manage && fallback !== undefined)
    for (const [, , op] of operations(body))
      if (op['security'] === undefined && op['x-amazon-apigateway-auth'] === undefined)
        Object.assign(op, security(fallback, undefined))
  if (
    resource.Metadata?.['portico:implicit'] === true &&
    Object.keys(body['paths'] as Doc).length === 0
  )
    return {}
  if (props['CorsConfiguration'] !== undefined && props['CorsConfiguration'] !== false)
    body['x-amazon-apigateway-cors'] = cors(
      props['CorsConfiguration'],
      `${where}.CorsConfiguration`,
    )

  const stageName = typeof props['StageName'] === 'string' ? props['StageName'] : '$default'
  const stage: Doc = { ApiId: { Ref: logicalId }, StageName: stageName, AutoDeploy: true }
  for (const key of ['StageVariables', 'DefaultRouteSettings', 'AccessLogSettings'])
    if (props[key] !== undefined) stage[key] = props[key]
  if (Object.keys(routeSettings).length > 0) stage['RouteSettings'] = routeSettings
  const stageId =
    stageName === '$default'
      ? 'ApiGatewayDefaultStage'
      : `${stageName.replace(/[^A-Za-z0-9]/g, '')}Stage`
  return {
    [logicalId]: {
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: { Body: body, ...(props['Name'] !== undefined ? { Name: props['Name'] } : {}) },
    },
    [`${logicalId}${stageId}`]: { Type: 'AWS::ApiGatewayV2::Stage', Properties: stage },
  }
}
