/**
 * `aws_api_gateway_*` resources → `AWS::ApiGateway::*`. The method, its integration, method
 * responses and integration responses are separate Terraform resources but one CloudFormation
 * `AWS::ApiGateway::Method` (`Integration.IntegrationResponses`, `MethodResponses`): they are
 * grouped by (rest_api_id, resource_id, http_method). `aws_api_gateway_method_settings` and
 * `aws_api_gateway_rest_api_policy` fold into their stage and API.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html
 */
import type { ResourceInstance } from '../values.js'
import { rename, type TemplateBuilder, type TemplateEntry } from './builder.js'
import { stages } from './rest-stages.js'

type Pairs = ReadonlyArray<readonly [string, string]>

const INTEGRATION: Pairs = [
  ['type', 'Type'],
  ['integration_http_method', 'IntegrationHttpMethod'],
  ['uri', 'Uri'],
  ['credentials', 'Credentials'],
  ['request_templates', 'RequestTemplates'],
  ['request_parameters', 'RequestParameters'],
  ['passthrough_behavior', 'PassthroughBehavior'],
  ['content_handling', 'ContentHandling'],
  ['timeout_milliseconds', 'TimeoutInMillis'],
  ['cache_key_parameters', 'CacheKeyParameters'],
  ['cache_namespace', 'CacheNamespace'],
  ['connection_type', 'ConnectionType'],
  ['connection_id', 'ConnectionId'],
]
const METHOD: Pairs = [
  ['rest_api_id', 'RestApiId'],
  ['resource_id', 'ResourceId'],
  ['http_method', 'HttpMethod'],
  ['authorization', 'AuthorizationType'],
  ['authorizer_id', 'AuthorizerId'],
  ['api_key_required', 'ApiKeyRequired'],
  ['request_parameters', 'RequestParameters'],
  ['request_models', 'RequestModels'],
  ['request_validator_id', 'RequestValidatorId'],
  ['operation_name', 'OperationName'],
  ['authorization_scopes', 'AuthorizationScopes'],
]
const SIMPLE: Readonly<Record<string, readonly [type: string, pairs: Pairs]>> = {
  aws_api_gateway_resource: [
    'AWS::ApiGateway::Resource',
    [
      ['rest_api_id', 'RestApiId'],
      ['parent_id', 'ParentId'],
      ['path_part', 'PathPart'],
    ],
  ],
  aws_api_gateway_authorizer: [
    'AWS::ApiGateway::Authorizer',
    [
      ['rest_api_id', 'RestApiId'],
      ['name', 'Name'],
      ['type', 'Type'],
      ['authorizer_uri', 'AuthorizerUri'],
      ['authorizer_credentials', 'AuthorizerCredentials'],
      ['identity_source', 'IdentitySource'],
      ['identity_validation_expression', 'IdentityValidationExpression'],
      ['authorizer_result_ttl_in_seconds', 'AuthorizerResultTtlInSeconds'],
      ['provider_arns', 'ProviderARNs'],
    ],
  ],
  aws_api_gateway_model: [
    'AWS::ApiGateway::Model',
    [
      ['rest_api_id', 'RestApiId'],
      ['name', 'Name'],
      ['content_type', 'ContentType'],
      ['schema', 'Schema'],
    ],
  ],
  aws_api_gateway_request_validator: [
    'AWS::ApiGateway::RequestValidator',
    [
      ['rest_api_id', 'RestApiId'],
      ['name', 'Name'],
      ['validate_request_body', 'ValidateRequestBody'],
      ['validate_request_parameters', 'ValidateRequestParameters'],
    ],
  ],
  aws_api_gateway_gateway_response: [
    'AWS::ApiGateway::GatewayResponse',
    [
      ['rest_api_id', 'RestApiId'],
      ['response_type', 'ResponseType'],
      ['status_code', 'StatusCode'],
      ['response_templates', 'ResponseTemplates'],
      ['response_parameters', 'ResponseParameters'],
    ],
  ],
}

/** The types this file translates. */
export const REST_TYPES: ReadonlySet<string> = new Set([
  'aws_api_gateway_rest_api',
  'aws_api_gateway_rest_api_policy',
  'aws_api_gateway_method',
  'aws_api_gateway_integration',
  'aws_api_gateway_method_response',
  'aws_api_gateway_integration_response',
  'aws_api_gateway_deployment',
  'aws_api_gateway_stage',
  'aws_api_gateway_method_settings',
  ...Object.keys(SIMPLE),
])

const key = (...parts: unknown[]): string => JSON.stringify(parts)

/**
 * Adds the REST API resources of the instances to the template.
 *
 * @param builder - the template under construction
 * @param instances - every evaluated instance
 */
export function translateRest(
  builder: TemplateBuilder,
  instances: readonly ResourceInstance[],
): void {
  const of = (type: string): ResourceInstance[] => instances.filter((i) => i.type === type)
  for (const instance of of('aws_api_gateway_rest_api')) restApi(builder, instance)
  for (const instance of of('aws_api_gateway_rest_api_policy')) {
    const api = target(builder, instance, 'rest_api_id')
    if (!api) continue
    builder.fold(api, instance)
    const policy = builder.read(api, instance, 'policy')
    if (policy !== undefined) api.properties['Policy'] = jsonOrText(policy)
  }
  for (const [type, [cfnType, pairs]] of Object.entries(SIMPLE))
    for (const instance of of(type)) {
      const entry = builder.add(instance, cfnType, true)
      builder.copy(entry, instance, pairs)
      if (type === 'aws_api_gateway_authorizer' && entry.properties['Type'] === undefined)
        entry.properties['Type'] = 'TOKEN'
      if (type === 'aws_api_gateway_authorizer' && entry.properties['IdentitySource'] === undefined)
        entry.properties['IdentitySource'] = 'method.request.header.Authorization'
    }
  methods(builder, of)
  stages(builder, of)
  warnBodyAndMethods(builder)
}

/** A REST API with a `body` serves the body: its separate resources and methods are not merged. */
function warnBodyAndMethods(builder: TemplateBuilder): void {
  for (const api of builder.entries.values()) {
    if (api.type !== 'AWS::ApiGateway::RestApi' || api.properties['Body'] === undefined) continue
    const address = api.instances[0]?.address ?? ''
    const extra = [...builder.entries.values()].filter(
      (entry) =>
        (entry.type === 'AWS::ApiGateway::Method' || entry.type === 'AWS::ApiGateway::Resource') &&
        entry.refs.has(address),
    )
    if (extra.length > 0)
      builder.diagnostics.push({
        code: 'body-and-methods',
        severity: 'warning',
        message: `${address} has a body and also ${extra.map((e) => e.instances[0]?.address ?? '').join(', ')}: Portico serves the body only (put_rest_api_mode "merge" is not applied)`,
        address,
        attribute: 'body',
        ...(api.instances[0] ? { pos: api.instances[0].pos } : {}),
        hint: 'put the routes in the body, or drop the body',
      })
  }
}

function restApi(builder: TemplateBuilder, instance: ResourceInstance): void {
  const entry = builder.add(instance, 'AWS::ApiGateway::RestApi', false)
  const props = entry.properties
  builder.copy(entry, instance, [
    ['name', 'Name'],
    ['description', 'Description'],
    ['binary_media_types', 'BinaryMediaTypes'],
    ['api_key_source', 'ApiKeySourceType'],
    ['disable_execute_api_endpoint', 'DisableExecuteApiEndpoint'],
  ])
  props['Name'] ??= instance.name
  const body = builder.read(entry, instance, 'body', true)
  if (body !== undefined) props['Body'] = body
  const policy = builder.read(entry, instance, 'policy')
  if (policy !== undefined && policy !== '') props['Policy'] = jsonOrText(policy)
  const compression = builder.read(entry, instance, 'minimum_compression_size')
  const size = typeof compression === 'string' ? Number(compression || NaN) : compression
  if (typeof size === 'number' && Number.isInteger(size) && size >= 0)
    props['MinimumCompressionSize'] = size
  const endpoint = rename(builder.block(entry, instance, 'endpoint_configuration'), {
    types: 'Types',
  })
  if (endpoint) props['EndpointConfiguration'] = endpoint
}

/** A policy given as a JSON string (`jsonencode`, `data.aws_iam_policy_document.json`) is parsed. */
function jsonOrText(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return value
  }
}

/**
 * The generated resource an attribute refers to (`rest_api_id` → the REST API's entry).
 *
 * @returns the entry, or undefined (with a warning) when the reference is not to a translated one
 */
function target(
  builder: TemplateBuilder,
  instance: ResourceInstance,
  attribute: string,
): TemplateEntry | undefined {
  const probe = builder.probe(instance)
  builder.read(probe, instance, attribute)
  for (const address of probe.refs) {
    const logicalId = builder.ids.get(address)
    const entry = logicalId === undefined ? undefined : builder.entries.get(logicalId)
    if (entry) return entry
  }
  builder.diagnostics.push({
    code: 'unresolved-reference',
    severity: 'warning',
    message: `${attribute} does not refer to a resource Portico translated: ${instance.address} is ignored`,
    address: instance.address,
    attribute,
    pos: instance.pos,
    hint: `refer to the resource directly, e.g. ${attribute} = aws_api_gateway_rest_api.example.id`,
  })
  return undefined
}

function methods(builder: TemplateBuilder, of: (type: string) => ResourceInstance[]): void {
  const byKey = new Map<string, TemplateEntry>()
  const keyOf = (entry: TemplateEntry, instance: ResourceInstance): string =>
    key(
      builder.read(entry, instance, 'rest_api_id'),
      builder.read(entry, instance, 'resource_id'),
      builder.read(entry, instance, 'http_method'),
    )
  for (const instance of of('aws_api_gateway_method')) {
    const entry = builder.add(instance, 'AWS::ApiGateway::Method', true)
    builder.copy(entry, instance, METHOD)
    if (instance.values['authorization'] == null)
      // Required by the provider: `terraform validate` refuses the method without it.
      builder.diagnostics.push({
        code: 'missing-argument',
        severity: 'warning',
        message: `${instance.address}: the required argument authorization is not set; Portico uses NONE`,
        address: instance.address,
        attribute: 'authorization',
        pos: instance.pos,
        hint: 'set authorization = "NONE" (or CUSTOM, AWS_IAM, COGNITO_USER_POOLS)',
      })
    entry.properties['AuthorizationType'] ??= 'NONE'
    byKey.set(keyOf(entry, instance), entry)
  }
  const part = (
    type: string,
    apply: (entry: TemplateEntry, instance: ResourceInstance) => void,
  ): void => {
    for (const instance of of(type)) {
      const probe = builder.probe(instance)
      const entry = byKey.get(keyOf(probe, instance))
      if (!entry) {
        builder.diagnostics.push({
          code: 'method-not-found',
          severity: probe.blocking.length > 0 ? 'error' : 'warning',
          message: `${instance.address} has no aws_api_gateway_method with the same rest_api_id, resource_id and http_method: it is ignored`,
          address: instance.address,
          pos: instance.pos,
          ...(probe.blocking[0] ? { chain: probe.blocking[0].diagnostic.chain ?? [] } : {}),
          hint: 'declare the method, or refer to it: http_method = aws_api_gateway_method.example.http_method',
        })
        continue
      }
      builder.fold(entry, instance)
      apply(entry, instance)
    }
  }
  part('aws_api_gateway_integration', (entry, instance) => {
    const integration = (entry.properties['Integration'] ??= {}) as Record<string, unknown>
    builder.copy(entry, instance, INTEGRATION, integration)
  })
  part('aws_api_gateway_method_response', (entry, instance) => {
    const list = (entry.properties['MethodResponses'] ??= []) as unknown[]
    const response: Record<string, unknown> = {}
    builder.copy(
      entry,
      instance,
      [
        ['status_code', 'StatusCode'],
        ['response_parameters', 'ResponseParameters'],
        ['response_models', 'ResponseModels'],
      ],
      response,
    )
    list.push(response)
  })
  part('aws_api_gateway_integration_response', (entry, instance) => {
    const integration = (entry.properties['Integration'] ??= {}) as Record<string, unknown>
    const list = (integration['IntegrationResponses'] ??= []) as unknown[]
    const response: Record<string, unknown> = {}
    builder.copy(
      entry,
      instance,
      [
        ['status_code', 'StatusCode'],
        ['selection_pattern', 'SelectionPattern'],
        ['response_templates', 'ResponseTemplates'],
        ['response_parameters', 'ResponseParameters'],
        ['content_handling', 'ContentHandling'],
      ],
      response,
    )
    list.push(response)
  })
}
