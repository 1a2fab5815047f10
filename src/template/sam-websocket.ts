/**
 * `AWS::Serverless::WebSocketApi` into what the SAM translator generates: an
 * `AWS::ApiGatewayV2::Api` (`ProtocolType: WEBSOCKET`), per route an `AWS_PROXY` Integration
 * and a Route (`{Api}{Key}Route`, `$connect` → `Connect`), the `$connect` authorizer from `Auth`
 * (`CUSTOM` → a REQUEST authorizer `{Api}ConnectAuthorizer`; `AWS_IAM`, `NONE`), and the stage
 * (`default` unless `StageName` is given).
 *
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-websocketapi.html
 * Sources: SAM translator tests `websocket_api_simple`, `websocket_api_with_lambda_auth`,
 * `websocket_api_with_iam_auth`, `websocket_api_route_config`, `websocket_api_explicit_stage`,
 * `error_websocket_api_*`; `samtranslator/model/api/websocket_api_generator.py`.
 */
import { ConfigError } from '../errors.js'
import type { TemplateResource } from './intrinsics.js'
import { invocationUri, isObject, type Doc } from './openapi-edit.js'
import type { SamContext } from './sam-rest.js'
import { textOf } from '../core/index.js'

const SPECIAL_ROUTES = ['$connect', '$disconnect', '$default']
const ROUTE_PROPERTIES = [
  'ApiKeyRequired',
  'ModelSelectionExpression',
  'OperationName',
  'RequestModels',
  'RouteResponseSelectionExpression',
] as const

/** The logical id part SAM derives from a route key. */
function routeIdPart(key: string, where: string): string {
  if (SPECIAL_ROUTES.includes(key)) return `${key.charAt(1).toUpperCase()}${key.slice(2)}`
  if (/^[A-Za-z0-9]+$/.test(key))
    return `${key.charAt(0).toUpperCase()}${key.slice(1).toLowerCase()}`
  throw new ConfigError(
    where,
    `Route key '${key}' must be alphanumeric. Only $connect, $disconnect, and $default special routes are supported.`,
  )
}

/** `Auth`, checked as SAM checks it. */
function readAuth(raw: unknown, where: string, routes: Doc): Doc | undefined {
  if (raw === undefined) return undefined
  if (!isObject(raw)) throw new ConfigError(where, 'must be an object')
  if (!Object.hasOwn(routes, '$connect'))
    throw new ConfigError(where, 'Authorization is only available if there is a $connect route.')
  const type = typeof raw['AuthType'] === 'string' ? raw['AuthType'].toUpperCase() : undefined
  if (type === undefined)
    throw new ConfigError(where, 'AuthType must be specified for additional auth configurations.')
  if (!['AWS_IAM', 'CUSTOM', 'NONE'].includes(type))
    throw new ConfigError(`${where}.AuthType`, 'AuthType is not one of AWS_IAM, CUSTOM or NONE.')
  if (type === 'CUSTOM' && raw['AuthArn'] === undefined)
    throw new ConfigError(where, 'AuthArn must be specified if AuthType is CUSTOM.')
  if (type !== 'CUSTOM' && Object.keys(raw).length > 1)
    throw new ConfigError(where, `No additional configurations supported for AuthType ${type}.`)
  return { ...raw, AuthType: type }
}

/**
 * Translates one `AWS::Serverless::WebSocketApi`.
 *
 * @param logicalId - the API's logical id
 * @param resource - the API resource (Globals applied)
 * @param ctx - resolver, base directory, warnings
 * @returns the CloudFormation resources SAM generates for it, by logical id
 * @throws ConfigError naming the property at fault (no routes, a route without FunctionArn, a
 *   route key that is not alphanumeric, a bad `Auth`, stage `$default`)
 */
export function translateWebSocketApi(
  logicalId: string,
  resource: TemplateResource,
  ctx: SamContext,
): Record<string, TemplateResource> {
  const where = `Resources.${logicalId}.Properties`
  const { resolver } = ctx
  const props = resolver.resolve(resource.Properties ?? {}, where) as Doc
  const routes = props['Routes']
  if (!isObject(routes) || Object.keys(routes).length === 0)
    throw new ConfigError(`${where}.Routes`, 'WebSocket API must have at least one route.')
  if (props['Domain'] !== undefined)
    ctx.warn(
      `${where}.Domain is ignored: custom domains are not served by Portico; use the stage URL`,
    )
  const auth = readAuth(props['Auth'], `${where}.Auth`, routes)
  const ref = { Ref: logicalId }
  const api: Doc = {
    Name: props['Name'] ?? logicalId,
    ProtocolType: 'WEBSOCKET',
    RouteSelectionExpression: props['RouteSelectionExpression'],
  }
  for (const key of ['ApiKeySelectionExpression', 'Description', 'DisableSchemaValidation'])
    if (props[key] !== undefined) api[key] = props[key]
  const out: Record<string, TemplateResource> = {
    [logicalId]: { Type: 'AWS::ApiGatewayV2::Api', Properties: api },
  }
  for (const [key, spec] of Object.entries(routes)) {
    const at = `${where}.Routes.${key}`
    const base = `${logicalId}${routeIdPart(key, at)}`
    if (!isObject(spec) || spec['FunctionArn'] === undefined)
      throw new ConfigError(at, 'Route must have associated function.')
    const integration: Doc = {
      ApiId: ref,
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: invocationUri(
        textOf(spec['FunctionArn']),
        resolver.region,
        resolver.partition,
      ),
    }
    if (spec['IntegrationTimeout'] !== undefined)
      integration['TimeoutInMillis'] = spec['IntegrationTimeout']
    const route: Doc = {
      ApiId: ref,
      RouteKey: key,
      Target: { 'Fn::Join': ['/', ['integrations', { Ref: `${base}Integration` }]] },
    }
    for (const property of ROUTE_PROPERTIES)
      if (spec[property] !== undefined) route[property] = spec[property]
    if (spec['RequestParameters'] !== undefined) {
      if (key !== '$connect')
        throw new ConfigError(
          `${at}.RequestParameters`,
          'Request parameters are only supported for the $connect route in WebSocket APIs.',
        )
      route['RequestParameters'] = spec['RequestParameters']
    }
    if (auth && key === '$connect') {
      route['AuthorizationType'] = auth['AuthType']
      if (auth['AuthType'] === 'CUSTOM') {
        const authorizerId = `${logicalId}ConnectAuthorizer`
        route['AuthorizerId'] = { Ref: authorizerId }
        out[authorizerId] = {
          Type: 'AWS::ApiGatewayV2::Authorizer',
          Properties: {
            ApiId: ref,
            AuthorizerType: 'REQUEST',
            AuthorizerUri: invocationUri(
              String(auth['AuthArn']),
              resolver.region,
              resolver.partition,
            ),
            Name: auth['Name'] ?? authorizerId,
            ...(auth['IdentitySource'] !== undefined
              ? { IdentitySource: auth['IdentitySource'] }
              : {}),
          },
        }
      }
    }
    out[`${base}Integration`] = { Type: 'AWS::ApiGatewayV2::Integration', Properties: integration }
    out[`${base}Route`] = { Type: 'AWS::ApiGatewayV2::Route', Properties: route }
  }
  const stageName = typeof props['StageName'] === 'string' ? props['StageName'] : 'default'
  if (stageName === '$default')
    throw new ConfigError(
      `${where}.StageName`,
      'Stages cannot be named $default for WebSocket APIs.',
    )
  const stage: Doc = { ApiId: ref, StageName: stageName, AutoDeploy: true }
  for (const key of [
    'StageVariables',
    'AccessLogSettings',
    'DefaultRouteSettings',
    'RouteSettings',
  ])
    if (props[key] !== undefined) stage[key] = props[key]
  const stageId = stageName === 'default' ? 'DefaultStage' : `${stageName}Stage`
  out[`${logicalId}${stageId}`] = { Type: 'AWS::ApiGatewayV2::Stage', Properties: stage }
  return out
}
