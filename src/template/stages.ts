/**
 * Stages, usage plans and API keys from CloudFormation resources (`AWS::ApiGateway::Stage`,
 * `Deployment.StageName`, `AWS::ApiGatewayV2::Stage`, `AWS::ApiGateway::UsagePlan`, `ApiKey`,
 * `UsagePlanKey`), in the shapes `createGateway` takes (AWS's own API field names).
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-stage.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-usageplan.html
 */
import { createHash } from 'node:crypto'
import type { ApiKey, UsagePlan, UsagePlanKey, ThrottleSettings } from '../auth/index.js'
import type { CanarySettings, StageOptions } from '../stages/index.js'
import { methodSettingKey, type MethodSetting } from '../traffic/index.js'
import { ConfigError } from '../errors.js'
import type { TemplateResolver } from './intrinsics.js'
import { isObject, type Doc } from './openapi-edit.js'
import { textOf } from '../core/index.js'

const camel = (key: string): string => `${key.charAt(0).toLowerCase()}${key.slice(1)}`

/** CloudFormation `MethodSettings` (a list) → AWS's `methodSettings` map (`*\/*`, `pets/GET`). */
function methodSettings(raw: unknown, where: string): Record<string, MethodSetting> {
  if (!Array.isArray(raw)) throw new ConfigError(where, 'must be a list of method settings')
  const out: Record<string, MethodSetting> = {}
  raw.forEach((entry, i) => {
    if (!isObject(entry)) throw new ConfigError(`${where}.${i}`, 'must be an object')
    const path = textOf(entry['ResourcePath'] ?? '/*').replaceAll('~1', '/')
    const method = textOf(entry['HttpMethod'] ?? '*')
    const key = path === '/*' && method === '*' ? '*/*' : methodSettingKey(path, method)
    const setting: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(entry))
      if (name !== 'ResourcePath' && name !== 'HttpMethod') setting[camel(name)] = value
    out[key] = setting
  })
  return out
}

/** `StageDescription` fields that are the stage's `*\/*` method settings. */
const STAGE_DESCRIPTION_SETTINGS = [
  'CacheDataEncrypted',
  'CacheTtlInSeconds',
  'CachingEnabled',
  'DataTraceEnabled',
  'LoggingLevel',
  'MetricsEnabled',
  'ThrottlingBurstLimit',
  'ThrottlingRateLimit',
] as const

/**
 * A REST stage from `AWS::ApiGateway::Stage` properties (or a Deployment's `StageDescription`).
 *
 * @param name - the stage name
 * @param props - resolved properties
 * @param where - their place
 * @returns stage options for `createGateway`
 */
export function restStage(name: string, props: Doc, where: string): StageOptions {
  const stage: StageOptions = { name }
  if (isObject(props['Variables'])) stage.variables = props['Variables'] as Record<string, string>
  if (props['MethodSettings'] !== undefined)
    stage.methodSettings = methodSettings(props['MethodSettings'], `${where}.MethodSettings`)
  // A Deployment's StageDescription also takes the `*/*` method settings as flat fields.
  const flat = STAGE_DESCRIPTION_SETTINGS.filter((key) => props[key] !== undefined)
  if (flat.length > 0) {
    const settings = { ...stage.methodSettings }
    settings['*/*'] = {
      ...Object.fromEntries(flat.map((key) => [camel(key), props[key]])),
      ...settings['*/*'],
    }
    stage.methodSettings = settings
  }
  if (props['CacheClusterEnabled'] !== undefined)
    stage.cacheClusterEnabled = props['CacheClusterEnabled'] === true
  if (props['CacheClusterSize'] !== undefined)
    stage.cacheClusterSize = textOf(props['CacheClusterSize'])
  const canary = props['CanarySetting']
  if (isObject(canary)) {
    // Without a DeploymentId the canary serves the stage's own deployment (the template's one).
    const settings: Doc = { deploymentId: canary['DeploymentId'] }
    if (canary['PercentTraffic'] !== undefined)
      settings['percentTraffic'] = Number(canary['PercentTraffic'])
    if (isObject(canary['StageVariableOverrides']))
      settings['stageVariableOverrides'] = canary['StageVariableOverrides']
    if (canary['UseStageCache'] !== undefined)
      settings['useStageCache'] = canary['UseStageCache'] === true
    stage.canarySettings = settings as unknown as CanarySettings
  }
  const log = props['AccessLogSetting']
  if (isObject(log)) {
    stage.accessLogSettings = {}
    if (typeof log['Format'] === 'string') stage.accessLogSettings.format = log['Format']
    if (typeof log['DestinationArn'] === 'string')
      stage.accessLogSettings.destinationArn = log['DestinationArn']
  }
  return stage
}

/**
 * An HTTP API stage from `AWS::ApiGatewayV2::Stage` properties.
 *
 * @param props - resolved properties
 * @returns stage options for `createGateway`
 */
export function httpStage(props: Doc): StageOptions {
  const stage: StageOptions = { name: textOf(props['StageName'] ?? '$default') }
  if (isObject(props['StageVariables']))
    stage.variables = props['StageVariables'] as Record<string, string>
  const settings = (raw: unknown): Record<string, unknown> =>
    Object.fromEntries(Object.entries(isObject(raw) ? raw : {}).map(([k, v]) => [camel(k), v]))
  if (props['DefaultRouteSettings'] !== undefined)
    stage.defaultRouteSettings = settings(props['DefaultRouteSettings'])
  if (isObject(props['RouteSettings']))
    stage.routeSettings = Object.fromEntries(
      Object.entries(props['RouteSettings']).map(([key, value]) => [key, settings(value)]),
    )
  const log = props['AccessLogSettings']
  if (isObject(log)) {
    stage.accessLogSettings = {}
    if (typeof log['Format'] === 'string') stage.accessLogSettings.format = log['Format']
    if (typeof log['DestinationArn'] === 'string')
      stage.accessLogSettings.destinationArn = log['DestinationArn']
  }
  return stage
}

const throttle = (raw: unknown): ThrottleSettings | undefined => {
  if (!isObject(raw)) return undefined
  const out: ThrottleSettings = {}
  if (raw['RateLimit'] !== undefined) out.rateLimit = Number(raw['RateLimit'])
  if (raw['BurstLimit'] !== undefined) out.burstLimit = Number(raw['BurstLimit'])
  return out
}

/** Usage plans, API keys and plan keys of a template. */
export interface PlansAndKeys {
  usagePlans: UsagePlan[]
  apiKeys: ApiKey[]
  usagePlanKeys: UsagePlanKey[]
}

/**
 * Reads the usage plans, API keys and plan keys.
 *
 * @param resolver - the template's resolver
 * @returns them, with AWS's field names; a key without `Value` gets a stable generated value
 * @remarks CloudFormation's `ApiKey.Enabled` defaults to false, as on AWS.
 */
export function readPlansAndKeys(resolver: TemplateResolver): PlansAndKeys {
  const out: PlansAndKeys = { usagePlans: [], apiKeys: [], usagePlanKeys: [] }
  for (const [logicalId, resource] of resolver.resources) {
    const where = `Resources.${logicalId}.Properties`
    const props = (
      resource.Type.startsWith('AWS::ApiGateway::')
        ? resolver.resolve(resource.Properties ?? {}, where)
        : {}
    ) as Doc
    const id = (): string => String(resolver.ref(logicalId, `Resources.${logicalId}`))
    if (resource.Type === 'AWS::ApiGateway::UsagePlan') {
      const plan: UsagePlan = { id: id() }
      if (typeof props['UsagePlanName'] === 'string') plan.name = props['UsagePlanName']
      const stages = Array.isArray(props['ApiStages']) ? props['ApiStages'] : []
      plan.apiStages = stages.filter(isObject).map((s) => {
        const entry: NonNullable<UsagePlan['apiStages']>[number] = { stage: String(s['Stage']) }
        if (s['ApiId'] !== undefined) entry.apiId = textOf(s['ApiId'])
        if (isObject(s['Throttle']))
          entry.throttle = Object.fromEntries(
            Object.entries(s['Throttle']).map(([k, v]) => [k, throttle(v) ?? {}]),
          )
        return entry
      })
      const rate = throttle(props['Throttle'])
      if (rate) plan.throttle = rate
      const quota = props['Quota']
      if (isObject(quota))
        plan.quota = {
          limit: Number(quota['Limit']),
          period: textOf(quota['Period'] ?? 'DAY') as 'DAY' | 'WEEK' | 'MONTH',
          ...(quota['Offset'] !== undefined ? { offset: Number(quota['Offset']) } : {}),
        }
      out.usagePlans.push(plan)
    } else if (resource.Type === 'AWS::ApiGateway::ApiKey') {
      const value =
        typeof props['Value'] === 'string'
          ? props['Value']
          : createHash('sha256')
              .update(`${resolver.stackName}:${logicalId}`)
              .digest('base64url')
              .slice(0, 40)
      const key: ApiKey = { id: id(), value, enabled: props['Enabled'] === true }
      if (typeof props['Name'] === 'string') key.name = props['Name']
      out.apiKeys.push(key)
    } else if (resource.Type === 'AWS::ApiGateway::UsagePlanKey') {
      out.usagePlanKeys.push({
        usagePlanId: String(props['UsagePlanId']),
        keyId: String(props['KeyId']),
        keyType: 'API_KEY',
      })
    }
  }
  return out
}
