/**
 * API keys and the usage plans that admit them, in AWS's own shapes (as
 * `aws apigateway get-api-keys --include-values`, `get-usage-plans` and `create-usage-plan-key`
 * use them). A method with `apiKeyRequired` admits a key that is enabled and belongs to a usage
 * plan for this API and stage; anything else is 403 `{"message":"Forbidden"}`.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestView } from '../core/index.js'
import type { GatewayFailure } from '../core/index.js'
import { ConfigError } from '../errors.js'

/** An API key (`GetApiKey` with `includeValue`). */
export interface ApiKey {
  /** The key's id, which usage-plan keys refer to. */
  id: string
  /** A name for people. */
  name?: string
  /** The secret the client sends in `x-api-key` (or returns from an authorizer). */
  value: string
  /** @default true */
  enabled?: boolean
  description?: string
}

/** Rate limits of a plan or a plan's method (`ThrottleSettings`). */
export interface ThrottleSettings {
  /** Steady rate, requests per second (fractions allowed). */
  rateLimit?: number
  /** Bucket capacity: requests admitted at once. */
  burstLimit?: number
}

/** A usage plan (`GetUsagePlan`). Throttles and quotas are applied by the traffic module. */
export interface UsagePlan {
  /** The plan's id, which usage-plan keys refer to. */
  id: string
  /** A name for people. */
  name?: string
  /** A description for people. */
  description?: string
  /** The API stages the plan covers; a key admits only on these. */
  apiStages?: Array<{
    /** The API id (`gateway.apiId`); omitted means this gateway's API. */
    apiId?: string
    /** The stage name. */
    stage: string
    /** Per-method limits keyed `/pets/GET` (resource path, then method). */
    throttle?: Record<string, ThrottleSettings>
  }>
  /** Each key's rate limit on the plan's stages (429 `Too Many Requests` beyond it). */
  throttle?: ThrottleSettings
  /** Each key's request count per period, UTC (429 `Limit Exceeded` beyond it). */
  quota?: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH'; offset?: number }
}

/** A key's membership of a plan (`CreateUsagePlanKey`). */
export interface UsagePlanKey {
  /** The plan's id. */
  usagePlanId: string
  /** The API key's id. */
  keyId: string
  /** Always `API_KEY`, as AWS has it. */
  keyType?: 'API_KEY'
}

/** What an admitted key gives the rest of the request. */
export interface AdmittedKey {
  readonly key: ApiKey
  /** The plans of this key that cover this API and stage. */
  readonly plans: readonly UsagePlan[]
}

/** Checks a presented key value for a stage. */
export type ApiKeyCheck = (value: string | undefined, stage: string) => AdmittedKey | GatewayFailure

const FORBIDDEN: GatewayFailure = { responseType: 'INVALID_API_KEY' }

/** AWS's refusal of per-method plan throttles without a plan throttle (aws/aws-cdk#6411). */
export const FINE_GRAIN_THROTTLING_MESSAGE =
  'Can not define fine grain throttling if usage plan throttle is not defined.'

function checkFineGrainThrottling(plan: UsagePlan, i: number): void {
  const throttle = plan.throttle
  const defined =
    throttle !== undefined &&
    (throttle.rateLimit !== undefined || throttle.burstLimit !== undefined)
  if (defined) return
  ;(plan.apiStages ?? []).forEach((stage, j) => {
    if (stage.throttle && Object.keys(stage.throttle).length > 0)
      throw new ConfigError(
        `usagePlans[${i}].apiStages[${j}].throttle`,
        FINE_GRAIN_THROTTLING_MESSAGE,
      )
  })
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest()

/**
 * Compiles the keys and plans of a gateway.
 *
 * @example
 * ```ts
 * const check = compileApiKeys({ apiId: 'abc', apiKeys: [{ id: 'k1', value: 'secret' }],
 *   usagePlans: [{ id: 'p1', apiStages: [{ stage: 'prod' }] }],
 *   usagePlanKeys: [{ usagePlanId: 'p1', keyId: 'k1' }] })
 * check('secret', 'prod') // { key, plans }
 * ```
 *
 * @param options - API id, keys, plans and plan keys
 * @returns the check
 * @throws ConfigError when a plan key names an unknown plan or key, or a plan sets per-method
 *   throttles (`apiStages[].throttle`) without a plan throttle (AWS refuses it: aws/aws-cdk#6411)
 */
export function compileApiKeys(options: {
  apiId: string
  apiKeys?: readonly ApiKey[]
  usagePlans?: readonly UsagePlan[]
  usagePlanKeys?: readonly UsagePlanKey[]
}): ApiKeyCheck {
  ;(options.usagePlans ?? []).forEach(checkFineGrainThrottling)
  const plans = new Map((options.usagePlans ?? []).map((plan) => [plan.id, plan]))
  const keysById = new Map((options.apiKeys ?? []).map((key) => [key.id, key]))
  const plansOfKey = new Map<string, UsagePlan[]>()
  ;(options.usagePlanKeys ?? []).forEach((entry, i) => {
    const plan = plans.get(entry.usagePlanId)
    if (!plan)
      throw new ConfigError(
        `usagePlanKeys[${i}].usagePlanId`,
        `unknown usage plan ${entry.usagePlanId}`,
      )
    if (!keysById.has(entry.keyId))
      throw new ConfigError(`usagePlanKeys[${i}].keyId`, `unknown API key ${entry.keyId}`)
    const list = plansOfKey.get(entry.keyId) ?? []
    list.push(plan)
    plansOfKey.set(entry.keyId, list)
  })
  // Keys are found by a digest of their value and compared in constant time, so the time a
  // lookup takes says nothing about how much of a guessed key was right.
  const byDigest = new Map<string, { key: ApiKey; digest: Buffer }>()
  ;(options.apiKeys ?? []).forEach((key, i) => {
    if (typeof key.value !== 'string' || key.value.length < 20)
      throw new ConfigError(`apiKeys[${i}].value`, 'an API key value has at least 20 characters')
    const d = digest(key.value)
    byDigest.set(d.toString('hex'), { key, digest: d })
  })
  return (value, stage) => {
    if (value === undefined || value === '') return FORBIDDEN
    const presented = digest(value)
    const found = byDigest.get(presented.toString('hex'))
    if (!found || !timingSafeEqual(found.digest, presented)) return FORBIDDEN
    if (found.key.enabled === false) return FORBIDDEN
    const covering = (plansOfKey.get(found.key.id) ?? []).filter((plan) =>
      (plan.apiStages ?? []).some(
        (s) => s.stage === stage && (s.apiId === undefined || s.apiId === options.apiId),
      ),
    )
    if (covering.length === 0) return FORBIDDEN
    return { key: found.key, plans: covering }
  }
}

/**
 * The API key a request presents: the `x-api-key` header, or with `apiKeySource: AUTHORIZER`
 * the `usageIdentifierKey` its Lambda authorizer returned.
 *
 * @param request - the request
 * @param source - the API's `apiKeySource` (`HEADER` by default)
 * @param usageIdentifierKey - what the authorizer returned, if one ran
 * @returns the presented value, or undefined
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html
 */
export function presentedApiKey(
  request: RequestView,
  source: 'HEADER' | 'AUTHORIZER' | undefined,
  usageIdentifierKey: string | undefined,
): string | undefined {
  return source === 'AUTHORIZER' ? usageIdentifierKey : request.headers.get('x-api-key')
}
