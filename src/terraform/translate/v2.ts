/**
 * `aws_apigatewayv2_*` resources (HTTP and WebSocket APIs) → `AWS::ApiGatewayV2::*`: nested
 * blocks become nested properties (`cors_configuration` → `CorsConfiguration`,
 * `jwt_configuration` → `JwtConfiguration`, `request_parameter` blocks → `RequestParameters`).
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_api
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-api.html
 */
import type { ResourceInstance } from '../values.js'
import { rename, type TemplateBuilder } from './builder.js'

type Pairs = ReadonlyArray<readonly [string, string]>

const API_ID: readonly [string, string] = ['api_id', 'ApiId']
const ROUTE_SETTINGS: Readonly<Record<string, string>> = {
  throttling_burst_limit: 'ThrottlingBurstLimit',
  throttling_rate_limit: 'ThrottlingRateLimit',
  detailed_metrics_enabled: 'DetailedMetricsEnabled',
  logging_level: 'LoggingLevel',
  data_trace_enabled: 'DataTraceEnabled',
}

const PARTS: Readonly<Record<string, readonly [type: string, pairs: Pairs]>> = {
  aws_apigatewayv2_route: [
    'AWS::ApiGatewayV2::Route',
    [
      API_ID,
      ['route_key', 'RouteKey'],
      ['target', 'Target'],
      ['authorization_type', 'AuthorizationType'],
      ['authorizer_id', 'AuthorizerId'],
      ['authorization_scopes', 'AuthorizationScopes'],
      ['api_key_required', 'ApiKeyRequired'],
      ['route_response_selection_expression', 'RouteResponseSelectionExpression'],
      ['model_selection_expression', 'ModelSelectionExpression'],
      ['request_models', 'RequestModels'],
      ['operation_name', 'OperationName'],
    ],
  ],
  aws_apigatewayv2_integration: [
    'AWS::ApiGatewayV2::Integration',
    [
      API_ID,
      ['integration_type', 'IntegrationType'],
      ['integration_uri', 'IntegrationUri'],
      ['integration_method', 'IntegrationMethod'],
      ['integration_subtype', 'IntegrationSubtype'],
      ['payload_format_version', 'PayloadFormatVersion'],
      ['timeout_milliseconds', 'TimeoutInMillis'],
      ['request_parameters', 'RequestParameters'],
      ['request_templates', 'RequestTemplates'],
      ['template_selection_expression', 'TemplateSelectionExpression'],
      ['credentials_arn', 'CredentialsArn'],
      ['connection_type', 'ConnectionType'],
      ['connection_id', 'ConnectionId'],
      ['content_handling_strategy', 'ContentHandlingStrategy'],
      ['passthrough_behavior', 'PassthroughBehavior'],
    ],
  ],
  aws_apigatewayv2_authorizer: [
    'AWS::ApiGatewayV2::Authorizer',
    [
      API_ID,
      ['name', 'Name'],
      ['authorizer_type', 'AuthorizerType'],
      ['identity_sources', 'IdentitySource'],
      ['authorizer_uri', 'AuthorizerUri'],
      ['authorizer_credentials_arn', 'AuthorizerCredentialsArn'],
      ['authorizer_payload_format_version', 'AuthorizerPayloadFormatVersion'],
      ['enable_simple_responses', 'EnableSimpleResponses'],
      ['authorizer_result_ttl_in_seconds', 'AuthorizerResultTtlInSeconds'],
    ],
  ],
  aws_apigatewayv2_route_response: [
    'AWS::ApiGatewayV2::RouteResponse',
    [
      API_ID,
      ['route_id', 'RouteId'],
      ['route_response_key', 'RouteResponseKey'],
      ['model_selection_expression', 'ModelSelectionExpression'],
      ['response_models', 'ResponseModels'],
    ],
  ],
  aws_apigatewayv2_integration_response: [
    'AWS::ApiGatewayV2::IntegrationResponse',
    [
      API_ID,
      ['integration_id', 'IntegrationId'],
      ['integration_response_key', 'IntegrationResponseKey'],
      ['template_selection_expression', 'TemplateSelectionExpression'],
      ['response_templates', 'ResponseTemplates'],
      ['content_handling_strategy', 'ContentHandlingStrategy'],
    ],
  ],
}

/** The types this file translates. */
export const V2_TYPES: ReadonlySet<string> = new Set([
  'aws_apigatewayv2_api',
  'aws_apigatewayv2_stage',
  ...Object.keys(PARTS),
])

/**
 * Adds the HTTP and WebSocket API resources of the instances to the template.
 *
 * @param builder - the template under construction
 * @param instances - every evaluated instance
 */
export function translateV2(
  builder: TemplateBuilder,
  instances: readonly ResourceInstance[],
): void {
  const of = (type: string): ResourceInstance[] => instances.filter((i) => i.type === type)
  for (const instance of of('aws_apigatewayv2_api')) {
    const entry = builder.add(instance, 'AWS::ApiGatewayV2::Api', false)
    const props = entry.properties
    builder.copy(entry, instance, [
      ['name', 'Name'],
      ['description', 'Description'],
      ['route_selection_expression', 'RouteSelectionExpression'],
      ['api_key_selection_expression', 'ApiKeySelectionExpression'],
      ['credentials_arn', 'CredentialsArn'],
      ['disable_execute_api_endpoint', 'DisableExecuteApiEndpoint'],
    ])
    props['Name'] ??= instance.name
    for (const [attribute, property] of [
      ['protocol_type', 'ProtocolType'],
      ['body', 'Body'],
      ['target', 'Target'],
      ['route_key', 'RouteKey'],
    ] as const) {
      const value = builder.read(entry, instance, attribute, true)
      if (value !== undefined) props[property] = value
    }
    const cors = rename(builder.block(entry, instance, 'cors_configuration'), {
      allow_credentials: 'AllowCredentials',
      allow_headers: 'AllowHeaders',
      allow_methods: 'AllowMethods',
      allow_origins: 'AllowOrigins',
      expose_headers: 'ExposeHeaders',
      max_age: 'MaxAge',
    })
    if (cors) props['CorsConfiguration'] = cors
  }
  for (const [type, [cfnType, pairs]] of Object.entries(PARTS))
    for (const instance of of(type)) {
      const entry = builder.add(instance, cfnType, true)
      builder.copy(entry, instance, pairs)
      const props = entry.properties
      if (type === 'aws_apigatewayv2_route') {
        const parameters = builder.read(entry, instance, 'request_parameter')
        if (Array.isArray(parameters) && parameters.length > 0)
          props['RequestParameters'] = Object.fromEntries(
            parameters.map((p: Record<string, unknown>) => [
              p['request_parameter_key'],
              { Required: p['required'] === true },
            ]),
          )
      } else if (type === 'aws_apigatewayv2_integration') {
        const responses = builder.read(entry, instance, 'response_parameters')
        if (Array.isArray(responses) && responses.length > 0)
          props['ResponseParameters'] = Object.fromEntries(
            responses.map((r: Record<string, unknown>) => [r['status_code'], r['mappings'] ?? {}]),
          )
      } else if (type === 'aws_apigatewayv2_authorizer') {
        const jwt = rename(builder.block(entry, instance, 'jwt_configuration'), {
          audience: 'Audience',
          issuer: 'Issuer',
        })
        if (jwt) props['JwtConfiguration'] = jwt
      }
    }
  for (const instance of of('aws_apigatewayv2_stage')) {
    const entry = builder.add(instance, 'AWS::ApiGatewayV2::Stage', false)
    const props = entry.properties
    builder.copy(entry, instance, [
      API_ID,
      ['name', 'StageName'],
      ['auto_deploy', 'AutoDeploy'],
      ['stage_variables', 'StageVariables'],
      ['description', 'Description'],
    ])
    const defaults = rename(
      builder.block(entry, instance, 'default_route_settings'),
      ROUTE_SETTINGS,
    )
    if (defaults) props['DefaultRouteSettings'] = defaults
    const routes = builder.read(entry, instance, 'route_settings')
    if (Array.isArray(routes) && routes.length > 0)
      props['RouteSettings'] = Object.fromEntries(
        routes.map((r: Record<string, unknown>) => [
          r['route_key'],
          rename(r, ROUTE_SETTINGS) ?? {},
        ]),
      )
    const log = rename(builder.block(entry, instance, 'access_log_settings'), {
      destination_arn: 'DestinationArn',
      format: 'Format',
    })
    if (log) props['AccessLogSettings'] = log
  }
}
