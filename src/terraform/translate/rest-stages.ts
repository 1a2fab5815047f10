/**
 * REST stages: `aws_api_gateway_stage` (variables, cache, access logs, canary), the legacy
 * `stage_name` of `aws_api_gateway_deployment`, and `aws_api_gateway_method_settings` folded into
 * the stage's `MethodSettings`.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method_settings
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-stage.html
 */
import type { ResourceInstance } from '../values.js'
import { rename, type TemplateBuilder, type TemplateEntry } from './builder.js'

const key = (...parts: unknown[]): string => JSON.stringify(parts)

const METHOD_SETTINGS: Readonly<Record<string, string>> = {
  throttling_rate_limit: 'ThrottlingRateLimit',
  throttling_burst_limit: 'ThrottlingBurstLimit',
  caching_enabled: 'CachingEnabled',
  cache_ttl_in_seconds: 'CacheTtlInSeconds',
  cache_data_encrypted: 'CacheDataEncrypted',
  logging_level: 'LoggingLevel',
  data_trace_enabled: 'DataTraceEnabled',
  metrics_enabled: 'MetricsEnabled',
  require_authorization_for_cache_control: 'RequireAuthorizationForCacheControl',
  unauthorized_cache_control_header_strategy: 'UnauthorizedCacheControlHeaderStrategy',
}

/**
 * Adds the stages (`aws_api_gateway_stage`, and the legacy `stage_name` of
 * `aws_api_gateway_deployment`) with their method settings to the template.
 *
 * @param builder - the template under construction
 * @param of - the instances of one resource type
 */
export function stages(builder: TemplateBuilder, of: (type: string) => ResourceInstance[]): void {
  // Stage description bags by (rest_api_id, stage_name), for method settings.
  const bags = new Map<string, [TemplateEntry, Record<string, unknown>]>()
  for (const instance of of('aws_api_gateway_deployment')) {
    const entry = builder.add(instance, 'AWS::ApiGateway::Deployment', false)
    builder.copy(entry, instance, [
      ['rest_api_id', 'RestApiId'],
      ['description', 'Description'],
    ])
    const name = builder.read(entry, instance, 'stage_name')
    if (typeof name !== 'string' || name === '') continue
    // The legacy stage_name argument creates (or updates) that stage with `variables`.
    entry.properties['StageName'] = name
    const description: Record<string, unknown> = {}
    const variables = builder.read(entry, instance, 'variables')
    if (variables !== undefined) description['Variables'] = variables
    entry.properties['StageDescription'] = description
    bags.set(key(entry.properties['RestApiId'], name), [entry, description])
  }
  for (const instance of of('aws_api_gateway_stage')) {
    const entry = builder.add(instance, 'AWS::ApiGateway::Stage', false)
    const props = entry.properties
    // A stage without a name cannot be made: an unknown one leaves the stage out (shaping).
    const stageName = builder.read(entry, instance, 'stage_name', true)
    if (stageName !== undefined) props['StageName'] = stageName
    builder.copy(entry, instance, [
      ['rest_api_id', 'RestApiId'],
      ['deployment_id', 'DeploymentId'],
      ['variables', 'Variables'],
      ['cache_cluster_enabled', 'CacheClusterEnabled'],
      ['cache_cluster_size', 'CacheClusterSize'],
      ['xray_tracing_enabled', 'TracingEnabled'],
      ['description', 'Description'],
    ])
    const log = rename(builder.block(entry, instance, 'access_log_settings'), {
      destination_arn: 'DestinationArn',
      format: 'Format',
    })
    if (log) props['AccessLogSetting'] = log
    const canary = rename(builder.block(entry, instance, 'canary_settings'), {
      deployment_id: 'DeploymentId',
      percent_traffic: 'PercentTraffic',
      stage_variable_overrides: 'StageVariableOverrides',
      use_stage_cache: 'UseStageCache',
    })
    if (canary) props['CanarySetting'] = canary
    bags.set(key(props['RestApiId'], props['StageName']), [entry, props])
  }
  for (const instance of of('aws_api_gateway_method_settings')) {
    const probe = builder.probe(instance)
    const apiId = builder.read(probe, instance, 'rest_api_id')
    const stageName = builder.read(probe, instance, 'stage_name')
    const path = builder.read(probe, instance, 'method_path')
    const bag = bags.get(key(apiId, stageName))
    if (!bag || typeof path !== 'string') {
      builder.diagnostics.push({
        code: 'stage-not-found',
        severity: 'warning',
        message: `${instance.address}: no aws_api_gateway_stage (or deployment stage_name) ${JSON.stringify(stageName)} of this API: the settings are ignored`,
        address: instance.address,
        attribute: 'stage_name',
        pos: instance.pos,
        hint: 'refer to the stage: stage_name = aws_api_gateway_stage.example.stage_name',
      })
      continue
    }
    const [entry, into] = bag
    builder.fold(entry, instance)
    const settings = rename(builder.block(entry, instance, 'settings', false), METHOD_SETTINGS)
    const slash = path.lastIndexOf('/')
    const resourcePath = path === '*/*' ? '/*' : `/${path.slice(0, slash).replace(/^\/+/, '')}`
    const list = (into['MethodSettings'] ??= []) as unknown[]
    list.push({ ResourcePath: resourcePath, HttpMethod: path.slice(slash + 1), ...settings })
  }
}
