/**
 * SAM's `Globals` section: properties given once for every `AWS::Serverless::Function`, `Api`,
 * `HttpApi`… and merged into each resource (maps merged key by key, lists concatenated global
 * first, anything else: the resource's own value wins).
 *
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
 * Source of the property lists: aws/serverless-application-model `samtranslator/plugins/globals/globals.py`.
 */
import { ConfigError } from '../errors.js'
import type { TemplateDocument } from './parse.js'

const FUNCTION_GLOBALS = [
  'Handler', 'Runtime', 'CodeUri', 'DeadLetterQueue', 'Description', 'MemorySize', 'Timeout',
  'VpcConfig', 'Environment', 'Tags', 'PropagateTags', 'Tracing', 'KmsKeyArn', 'AutoPublishAlias',
  'AutoPublishAliasAllProperties', 'Layers', 'DeploymentPreference', 'RolePath',
  'PermissionsBoundary', 'ReservedConcurrentExecutions', 'ProvisionedConcurrencyConfig',
  'AssumeRolePolicyDocument', 'EventInvokeConfig', 'FileSystemConfigs', 'CodeSigningConfigArn',
  'Architectures', 'SnapStart', 'EphemeralStorage', 'FunctionUrlConfig',
  'RuntimeManagementConfig', 'LoggingConfig', 'RecursiveLoop', 'SourceKMSKeyArn',
  'TenancyConfig', 'DurableConfig', 'CapacityProviderConfig', 'FunctionScalingConfig',
  'PublishToLatestPublished', 'VersionDeletionPolicy',
] // prettier-ignore

/** Globals section name → resource type and the properties it may set. */
const GLOBALS: Readonly<Record<string, { type: string; properties: readonly string[] }>> = {
  Function: { type: 'AWS::Serverless::Function', properties: FUNCTION_GLOBALS },
  Api: {
    type: 'AWS::Serverless::Api',
    properties: [
      'Auth', 'Name', 'DefinitionUri', 'CacheClusterEnabled', 'CacheClusterSize',
      'MergeDefinitions', 'Variables', 'EndpointConfiguration', 'MethodSettings',
      'BinaryMediaTypes', 'MinimumCompressionSize', 'Cors', 'GatewayResponses',
      'AccessLogSetting', 'CanarySetting', 'TracingEnabled', 'OpenApiVersion', 'Domain',
      'AlwaysDeploy', 'PropagateTags', 'SecurityPolicy', 'EndpointAccessMode',
    ], // prettier-ignore
  },
  HttpApi: {
    type: 'AWS::Serverless::HttpApi',
    properties: [
      'Auth', 'AccessLogSettings', 'StageVariables', 'Tags', 'CorsConfiguration',
      'DefaultRouteSettings', 'Domain', 'RouteSettings', 'FailOnWarnings', 'PropagateTags',
    ], // prettier-ignore
  },
  WebSocketApi: {
    type: 'AWS::Serverless::WebSocketApi',
    properties: [
      'AccessLogSettings', 'ApiKeySelectionExpression', 'DefaultRouteSettings',
      'DisableExecuteApiEndpoint', 'DisableSchemaValidation', 'Domain', 'FailOnWarnings',
      'IpAddressType', 'PropagateTags', 'RouteSelectionExpression', 'RouteSettings',
      'StageVariables', 'Tags',
    ], // prettier-ignore
  },
  SimpleTable: { type: 'AWS::Serverless::SimpleTable', properties: ['SSESpecification'] },
  StateMachine: { type: 'AWS::Serverless::StateMachine', properties: ['PropagateTags'] },
  LayerVersion: { type: 'AWS::Serverless::LayerVersion', properties: ['PublishLambdaVersion'] },
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isIntrinsic = (value: Record<string, unknown>): boolean => {
  const keys = Object.keys(value)
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0] as string).startsWith('Fn::'))
}

/** SAM's merge: maps by key, lists global-first, otherwise the local value. */
function merge(global: unknown, local: unknown): unknown {
  if (isObject(global) && isObject(local) && !isIntrinsic(global) && !isIntrinsic(local)) {
    const out: Record<string, unknown> = { ...global }
    for (const [key, value] of Object.entries(local))
      out[key] = Object.hasOwn(out, key) ? merge(out[key], value) : value
    return out
  }
  if (Array.isArray(global) && Array.isArray(local))
    return [...(global as unknown[]), ...(local as unknown[])]
  return local
}

/**
 * Merges `Globals` into the resources of a SAM template.
 *
 * @param doc - the parsed template
 * @returns a template whose resources carry their globals, without a `Globals` section
 * @throws ConfigError for a section or property SAM does not accept in Globals
 * @example
 * ```ts
 * applyGlobals({ Globals: { Function: { Timeout: 10 } }, Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: {} } } })
 * // Resources.Fn.Properties.Timeout === 10
 * ```
 */
export function applyGlobals(doc: TemplateDocument): TemplateDocument {
  const globals = doc['Globals']
  const { Globals: _, ...rest } = doc
  if (globals === undefined) return rest
  if (!isObject(globals)) throw new ConfigError('Globals', 'must be an object')
  const resources = { ...(doc['Resources'] as Record<string, unknown>) }
  for (const [section, values] of Object.entries(globals)) {
    const spec = GLOBALS[section]
    if (!spec || !Object.hasOwn(GLOBALS, section))
      throw new ConfigError(
        `Globals.${section}`,
        `is not a Globals section (one of ${Object.keys(GLOBALS).join(', ')})`,
      )
    if (!isObject(values)) throw new ConfigError(`Globals.${section}`, 'must be an object')
    for (const property of Object.keys(values))
      if (!spec.properties.includes(property))
        throw new ConfigError(
          `Globals.${section}.${property}`,
          `is not a property SAM accepts in Globals.${section}`,
        )
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (!isObject(resource) || resource['Type'] !== spec.type) continue
      const own = isObject(resource['Properties']) ? resource['Properties'] : {}
      resources[logicalId] = { ...resource, Properties: merge(values, own) }
    }
  }
  return { ...rest, Resources: resources }
}
