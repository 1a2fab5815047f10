/**
 * `AWS::Serverless::Api` (and the implicit `ServerlessRestApi`) into what the SAM translator
 * generates: an `AWS::ApiGateway::RestApi` whose `Body` holds the event routes (AWS_PROXY POST
 * integrations), CORS preflights, authorizers, binary media types and gateway responses; an
 * `AWS::ApiGateway::Stage`; and, for `Auth.UsagePlan`, a usage plan, API key and plan key.
 *
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html
 * Sources: SAM translator tests `implicit_api`, `explicit_api`, `api_with_cors`,
 * `api_with_auth_all_minimum`, `api_with_usageplans`, `api_with_gateway_responses`.
 */
import { ConfigError } from '../errors.js'
import type { TemplateResolver, TemplateResource } from './intrinsics.js'
import { addOperation, copy, invocationUri, isObject, pathsOf, type Doc } from './openapi-edit.js'
import { addRestAuthorizers, applyDefaultAuth, eventSecurity } from './sam-rest-auth.js'
import { addRestCors } from './sam-cors.js'
import { apiEvents } from './sam-events.js'
import { readDefinitionFile } from './include.js'
import { addModels, addRequestModel, addRequestParameters } from './sam-rest-request.js'
import { addCustomStatements, addResourcePolicy } from './sam-resource-policy.js'
import { textOf } from '../core/index.js'

/** What a SAM translation step needs besides the template. */
export interface SamContext {
  readonly resolver: TemplateResolver
  /** Directory that relative paths (`DefinitionUri`, `CodeUri`) start from. */
  readonly baseDir: string
  /** Collects what is ignored, for `options.logger` and `importTemplate().warnings`. */
  readonly warn: (message: string) => void
}

/** API properties Portico does not model, and why. */
const IGNORED: Readonly<Record<string, string>> = {
  Domain: 'custom domains are not served by Portico; use the stage URL',
  EndpointConfiguration: '',
  TracingEnabled: '',
  Tags: '',
  PropagateTags: '',
  OpenApiVersion: '',
  AlwaysDeploy: '',
  Description: '',
  FailOnWarnings: '',
  DisableExecuteApiEndpoint: '',
  Mode: '',
  SecurityPolicy: '',
  EndpointAccessMode: '',
  ApiKeySourceType: '',
  MinimumCompressionSize: '',
}

function skeleton(props: Doc, stackName: string): Doc {
  const info = { version: '1.0', title: stackName }
  return textOf(props['OpenApiVersion'] ?? '').startsWith('3')
    ? { openapi: '3.0.1', info, paths: {} }
    : { swagger: '2.0', info, paths: {} }
}

/**
 * A state machine's `Api` event: an AWS integration calling Step Functions `StartExecution` with
 * the request body as the execution input (SAM's `add_state_machine_integration`; translator test
 * `state_machine_with_api`). `options.services.states` receives it.
 */
function startExecution(
  stateMachineArn: string,
  unescape: boolean,
  region: string,
  partition: string,
): Doc {
  const input = `$util.escapeJavaScript($input.json('$'))${unescape ? `.replaceAll("\\\\'","'")` : ''}`
  return {
    type: 'aws',
    httpMethod: 'POST',
    uri: `arn:${partition}:apigateway:${region}:states:action/StartExecution`,
    responses: { '200': { statusCode: '200' }, '400': { statusCode: '400' } },
    requestTemplates: {
      'application/json': `{"input": "${input}", "stateMachineArn": "${stateMachineArn}"}`,
    },
  }
}

function gatewayResponses(raw: unknown, where: string): Doc {
  if (!isObject(raw)) throw new ConfigError(where, 'must map response types to responses')
  const out: Doc = {}
  for (const [type, response] of Object.entries(raw)) {
    if (!isObject(response)) throw new ConfigError(`${where}.${type}`, 'must be an object')
    const entry: Doc = {}
    if (response['StatusCode'] !== undefined) entry['statusCode'] = textOf(response['StatusCode'])
    const parameters = isObject(response['ResponseParameters'])
      ? response['ResponseParameters']
      : {}
    const mapped: Doc = {}
    for (const [group, prefix] of [
      ['Headers', 'header'],
      ['Paths', 'path'],
      ['QueryStrings', 'querystring'],
    ] as const) {
      const values = isObject(parameters[group]) ? parameters[group] : {}
      for (const [name, value] of Object.entries(values))
        mapped[`gatewayresponse.${prefix}.${name}`] = value
    }
    if (Object.keys(mapped).length > 0) entry['responseParameters'] = mapped
    if (response['ResponseTemplates'] !== undefined)
      entry['responseTemplates'] = response['ResponseTemplates']
    out[type] = entry
  }
  return out
}

/**
 * Translates one `AWS::Serverless::Api`.
 *
 * @param logicalId - the API's logical id
 * @param resource - the API resource (Globals applied)
 * @param ctx - resolver, base directory, warnings
 * @returns the CloudFormation resources SAM generates for it, by logical id
 * @throws ConfigError naming the API or event property at fault
 */
export function translateRestApi(
  logicalId: string,
  resource: TemplateResource,
  ctx: SamContext,
): Record<string, TemplateResource> {
  const where = `Resources.${logicalId}.Properties`
  const { resolver } = ctx
  const props = resolver.resolve(resource.Properties ?? {}, where) as Doc
  const implicit = resource.Metadata?.['portico:implicit'] === true
  for (const key of Object.keys(props)) {
    const reason = IGNORED[key]
    if (reason) ctx.warn(`${where}.${key} is ignored: ${reason}`)
  }
  let body: Doc
  if (props['DefinitionBody'] !== undefined) {
    if (!isObject(props['DefinitionBody']))
      throw new ConfigError(`${where}.DefinitionBody`, 'must be an OpenAPI object')
    body = copy(props['DefinitionBody'])
  } else if (props['DefinitionUri'] !== undefined) {
    body = readDefinitionFile(props['DefinitionUri'], ctx.baseDir, `${where}.DefinitionUri`)
  } else body = skeleton(props, resolver.stackName)
  const manage = props['DefinitionBody'] === undefined && props['DefinitionUri'] === undefined
  const swagger = body['swagger'] !== undefined
  const auth = isObject(props['Auth']) ? props['Auth'] : {}
  const stageName = props['StageName']
  if (typeof stageName !== 'string' || stageName === '')
    throw new ConfigError(`${where}.StageName`, 'is required')
  if (props['Models'] !== undefined) addModels(body, props['Models'], `${where}.Models`)
  const eventPolicies: Array<[path: string, policy: unknown, where: string]> = []

  if (manage || props['MergeDefinitions'] === true) {
    for (const event of apiEvents(resolver.resources, 'Api')) {
      if (event.apiId !== logicalId) continue
      const raw = resolver.resolve(event.properties, event.where) as Doc
      const path = raw['Path']
      const method = raw['Method']
      if (typeof path !== 'string' || !path.startsWith('/'))
        throw new ConfigError(`${event.where}.Path`, 'is required and starts with /')
      if (typeof method !== 'string') throw new ConfigError(`${event.where}.Method`, 'is required')
      const integration: Doc =
        event.sourceType === 'AWS::Serverless::StateMachine'
          ? startExecution(
              String(resolver.ref(event.functionId, event.where)),
              raw['UnescapeMappingTemplate'] === true,
              resolver.region,
              resolver.partition,
            )
          : {
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: invocationUri(
                resolver.getAtt(event.functionId, 'Arn', event.where),
                resolver.region,
                resolver.partition,
              ),
            }
      if (raw['TimeoutInMillis'] !== undefined)
        integration['timeoutInMillis'] = Number(raw['TimeoutInMillis'])
      const operation: Doc = {
        'x-amazon-apigateway-integration': integration,
        responses:
          event.sourceType === 'AWS::Serverless::StateMachine'
            ? { '200': { description: 'OK' }, '400': { description: 'Bad Request' } }
            : {},
      }
      const security = eventSecurity(raw['Auth'], auth, body, event.where)
      if (security) operation['security'] = security
      addRequestModel(body, operation, raw['RequestModel'], props['Models'], event.where)
      addRequestParameters(operation, raw['RequestParameters'], swagger, event.where)
      addOperation(body, path, method, operation, event.where)
      const eventAuth = isObject(raw['Auth']) ? raw['Auth'] : {}
      if (eventAuth['ResourcePolicy'] !== undefined)
        eventPolicies.push([
          path,
          eventAuth['ResourcePolicy'],
          `${event.where}.Auth.ResourcePolicy`,
        ])
    }
  }
  if (implicit && Object.keys(body['paths'] as Doc).length === 0) return {}
  if (props['Cors'] !== undefined) addRestCors(body, props['Cors'], `${where}.Cors`)
  if (props['Auth'] !== undefined) {
    addRestAuthorizers(body, auth, `${where}.Auth`, resolver)
    applyDefaultAuth(body, auth)
  }
  // Event policies first (SAM adds them with the event's route), then the API's on every path.
  for (const [path, policy, at] of eventPolicies) {
    addResourcePolicy(body, policy, path, stageName, at)
    addCustomStatements(body, policy)
  }
  if (auth['ResourcePolicy'] !== undefined) {
    const at = `${where}.Auth.ResourcePolicy`
    for (const path of Object.keys(pathsOf(body)))
      addResourcePolicy(body, auth['ResourcePolicy'], path, stageName, at)
    addCustomStatements(body, auth['ResourcePolicy'])
  }
  if (Array.isArray(props['BinaryMediaTypes']))
    body['x-amazon-apigateway-binary-media-types'] = props['BinaryMediaTypes'].map((type) =>
      String(type).replaceAll('~1', '/'),
    )
  if (props['GatewayResponses'] !== undefined)
    body['x-amazon-apigateway-gateway-responses'] = gatewayResponses(
      props['GatewayResponses'],
      `${where}.GatewayResponses`,
    )
  if (props['MinimumCompressionSize'] !== undefined)
    body['x-amazon-apigateway-minimum-compression-size'] = Number(props['MinimumCompressionSize'])
  if (props['ApiKeySourceType'] !== undefined)
    body['x-amazon-apigateway-api-key-source'] = props['ApiKeySourceType']

  const api: TemplateResource = {
    Type: 'AWS::ApiGateway::RestApi',
    Properties: { Body: body, ...(props['Name'] !== undefined ? { Name: props['Name'] } : {}) },
  }
  const stage: Doc = { RestApiId: { Ref: logicalId }, StageName: stageName }
  for (const key of [
    'Variables',
    'MethodSettings',
    'CacheClusterEnabled',
    'CacheClusterSize',
    'AccessLogSetting',
    'CanarySetting',
  ])
    if (props[key] !== undefined) stage[key] = props[key]
  const out: Record<string, TemplateResource> = {
    [logicalId]: api,
    [`${logicalId}${stageName.replace(/[^A-Za-z0-9]/g, '')}Stage`]: {
      Type: 'AWS::ApiGateway::Stage',
      Properties: stage,
    },
  }
  if (isObject(auth['UsagePlan']))
    Object.assign(out, usagePlan(logicalId, auth['UsagePlan'], stageName, where))
  return out
}

/** `Auth.UsagePlan`: `PER_API` resources named after the API, `SHARED` ones named `Serverless…`. */
function usagePlan(
  logicalId: string,
  plan: Doc,
  stageName: string,
  where: string,
): Record<string, TemplateResource> {
  const mode = textOf(plan['CreateUsagePlan'] ?? 'NONE')
  if (mode === 'NONE') return {}
  if (mode !== 'PER_API' && mode !== 'SHARED')
    throw new ConfigError(
      `${where}.Auth.UsagePlan.CreateUsagePlan`,
      'must be PER_API, SHARED or NONE',
    )
  const prefix = mode === 'SHARED' ? 'Serverless' : logicalId
  const properties: Doc = { ApiStages: [{ ApiId: { Ref: logicalId }, Stage: stageName }] }
  for (const key of ['Quota', 'Throttle', 'UsagePlanName', 'Description'])
    if (plan[key] !== undefined) properties[key] = plan[key]
  return {
    [`${prefix}UsagePlan`]: { Type: 'AWS::ApiGateway::UsagePlan', Properties: properties },
    [`${prefix}ApiKey`]: {
      Type: 'AWS::ApiGateway::ApiKey',
      Properties: {
        Enabled: true,
        StageKeys: [{ RestApiId: { Ref: logicalId }, StageName: stageName }],
      },
    },
    [`${prefix}UsagePlanKey`]: {
      Type: 'AWS::ApiGateway::UsagePlanKey',
      Properties: {
        KeyId: { Ref: `${prefix}ApiKey` },
        KeyType: 'API_KEY',
        UsagePlanId: { Ref: `${prefix}UsagePlan` },
      },
    },
  }
}
