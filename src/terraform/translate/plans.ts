/**
 * `aws_api_gateway_usage_plan`, `_api_key` and `_usage_plan_key` → their CloudFormation twins.
 * An API key is enabled unless `enabled = false` (Terraform's default, unlike CloudFormation's).
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_usage_plan
 */
import { textOf } from '../../core/index.js'
import type { ResourceInstance } from '../values.js'
import { rename, type TemplateBuilder } from './builder.js'

const THROTTLE = { burst_limit: 'BurstLimit', rate_limit: 'RateLimit' } as const

/** The types this file translates. */
export const PLAN_TYPES: ReadonlySet<string> = new Set([
  'aws_api_gateway_usage_plan',
  'aws_api_gateway_api_key',
  'aws_api_gateway_usage_plan_key',
])

/**
 * Adds the usage plans, API keys and plan keys to the template.
 *
 * @param builder - the template under construction
 * @param instances - every evaluated instance
 */
export function translatePlans(
  builder: TemplateBuilder,
  instances: readonly ResourceInstance[],
): void {
  for (const instance of instances) {
    if (instance.type === 'aws_api_gateway_usage_plan') {
      const entry = builder.add(instance, 'AWS::ApiGateway::UsagePlan', false)
      const props = entry.properties
      builder.copy(entry, instance, [
        ['name', 'UsagePlanName'],
        ['description', 'Description'],
      ])
      const stages = builder.read(entry, instance, 'api_stages', true)
      if (Array.isArray(stages))
        props['ApiStages'] = stages.map((stage: Record<string, unknown>) => {
          const given: unknown = stage['throttle']
          const throttles = Array.isArray(given) ? (given as unknown[]) : []
          return {
            ApiId: stage['api_id'],
            Stage: stage['stage'],
            ...(throttles.length > 0
              ? {
                  Throttle: Object.fromEntries(
                    (throttles as Array<Record<string, unknown>>).map((t) => [
                      textOf(t['path']),
                      rename(t, THROTTLE) ?? {},
                    ]),
                  ),
                }
              : {}),
          }
        })
      const throttle = rename(builder.block(entry, instance, 'throttle_settings', true), THROTTLE)
      if (throttle) props['Throttle'] = throttle
      const quota = rename(builder.block(entry, instance, 'quota_settings', true), {
        limit: 'Limit',
        offset: 'Offset',
        period: 'Period',
      })
      if (quota) props['Quota'] = quota
    } else if (instance.type === 'aws_api_gateway_api_key') {
      const entry = builder.add(instance, 'AWS::ApiGateway::ApiKey', false)
      builder.copy(entry, instance, [
        ['name', 'Name'],
        ['description', 'Description'],
        ['value', 'Value'],
      ])
      entry.properties['Enabled'] = builder.read(entry, instance, 'enabled') !== false
    } else if (instance.type === 'aws_api_gateway_usage_plan_key') {
      const entry = builder.add(instance, 'AWS::ApiGateway::UsagePlanKey', true)
      builder.copy(entry, instance, [
        ['key_id', 'KeyId'],
        ['key_type', 'KeyType'],
        ['usage_plan_id', 'UsagePlanId'],
      ])
    }
  }
}
