/**
 * The traffic step of a request, in AWS's order: the usage plan's per-method and plan-wide
 * buckets for the caller's API key, the plan's quota, then the stage's bucket for this method
 * (its `methodSettings` entry, else `*` `/` `*`) and the account's bucket.
 */
import type { AdmittedKey, UsagePlan } from '../auth/index.js'
import type { GatewayFailure } from '../core/index.js'
import type { ResolvedMethodSetting } from './method-settings.js'
import { periodStart, utcDay } from './quota-period.js'
import type { BucketDemand, TrafficStore } from './store.js'
import type { RateLimit } from './token-bucket.js'

/** AWS's default account limits per region. */
export const DEFAULT_ACCOUNT_THROTTLE: RateLimit = { rateLimit: 10_000, burstLimit: 5_000 }

const THROTTLED: GatewayFailure = { responseType: 'THROTTLED' }
const QUOTA_EXCEEDED: GatewayFailure = { responseType: 'QUOTA_EXCEEDED' }

function limitOf(rate: number | undefined, burst: number | undefined): RateLimit | undefined {
  if (rate === undefined || burst === undefined || rate < 0 || burst < 0) return undefined
  return { rateLimit: rate, burstLimit: burst }
}

/** What the traffic step needs about one request. */
export interface TrafficRequest {
  readonly now: number
  readonly stage: string
  /** `pets/GET`-style key of the method (stage buckets are per method). */
  readonly methodKey: string
  /** `/pets/GET`-style key usage plans use for per-method throttles. */
  readonly planMethodKey: string
  readonly setting: ResolvedMethodSetting
  /** The admitted API key, for methods with `apiKeyRequired`. */
  readonly apiKey: AdmittedKey | undefined
}

/** Remembers when each quota key was first counted (its first period gets the offset). */
const firstPeriods = new WeakMap<TrafficStore, Map<string, number>>()

function quotaLimit(store: TrafficStore, key: string, plan: UsagePlan, start: number): number {
  const quota = plan.quota as NonNullable<UsagePlan['quota']>
  let seen = firstPeriods.get(store)
  if (!seen) firstPeriods.set(store, (seen = new Map<string, number>()))
  const first = seen.get(key) ?? start
  if (!seen.has(key)) seen.set(key, start)
  return first === start ? quota.limit - (quota.offset ?? 0) : quota.limit
}

/**
 * Runs the traffic step.
 *
 * @param store - buckets and counters
 * @param account - the account's limit
 * @param request - the request's facts
 * @returns a 429 failure, or undefined when admitted
 */
export function applyTraffic(
  store: TrafficStore,
  account: RateLimit,
  request: TrafficRequest,
): GatewayFailure | undefined | Promise<GatewayFailure | undefined> {
  const admitted = request.apiKey
  const stageBuckets = stageDemands(request, account)
  if (!admitted || admitted.plans.length === 0) {
    // The common case (no API key): one take from the stage and account buckets.
    const taken = store.takeAll(stageBuckets, request.now)
    if (typeof taken === 'number') return taken === -1 ? undefined : THROTTLED
    return taken.then((i) => (i === -1 ? undefined : THROTTLED))
  }
  const planBuckets: BucketDemand[] = []
  const quotas: Array<{ plan: UsagePlan; key: string }> = []
  for (const plan of admitted.plans) {
    const prefix = `plan:${plan.id}:key:${admitted.key.id}`
    const stageEntry = plan.apiStages?.find((s) => s.stage === request.stage)
    const methodThrottle = stageEntry?.throttle?.[request.planMethodKey]
    const perMethod = limitOf(methodThrottle?.rateLimit, methodThrottle?.burstLimit)
    if (perMethod)
      planBuckets.push({ key: `${prefix}:method:${request.planMethodKey}`, limit: perMethod })
    const planLimit = limitOf(plan.throttle?.rateLimit, plan.throttle?.burstLimit)
    if (planLimit) planBuckets.push({ key: prefix, limit: planLimit })
    if (plan.quota) quotas.push({ plan, key: prefix })
  }

  const afterPlan = (): GatewayFailure | undefined | Promise<GatewayFailure | undefined> => {
    const counted = countQuotas(store, quotas, request.now)
    const afterQuota = (
      ok: boolean,
    ): GatewayFailure | undefined | Promise<GatewayFailure | undefined> => {
      if (!ok) return QUOTA_EXCEEDED
      return then(store.takeAll(stageBuckets, request.now), (i) =>
        i === -1 ? undefined : THROTTLED,
      )
    }
    return counted instanceof Promise ? counted.then(afterQuota) : afterQuota(counted)
  }
  if (planBuckets.length === 0) return afterPlan()
  return then(store.takeAll(planBuckets, request.now), (i) => (i === -1 ? afterPlan() : THROTTLED))
}

/** The stage and account demands of a method, built once per method setting and account. */
const demandCache = new WeakMap<object, WeakMap<RateLimit, Map<string, BucketDemand[]>>>()

function stageDemands(request: TrafficRequest, account: RateLimit): BucketDemand[] {
  let byAccount = demandCache.get(request.setting)
  if (!byAccount) demandCache.set(request.setting, (byAccount = new WeakMap()))
  let byMethod = byAccount.get(account)
  if (!byMethod) byAccount.set(account, (byMethod = new Map<string, BucketDemand[]>()))
  // Each stage runtime compiles its own setting objects, so the method key alone is enough here.
  const cacheKey = request.methodKey
  let demands = byMethod.get(cacheKey)
  if (!demands) {
    demands = []
    const setting = request.setting.setting
    const stageLimit = limitOf(setting.throttlingRateLimit, setting.throttlingBurstLimit)
    if (stageLimit)
      demands.push({ key: `stage:${request.stage}:method:${request.methodKey}`, limit: stageLimit })
    demands.push({ key: 'account', limit: account })
    byMethod.set(cacheKey, demands)
  }
  return demands
}

function countQuotas(
  store: TrafficStore,
  quotas: ReadonlyArray<{ plan: UsagePlan; key: string }>,
  now: number,
): boolean | Promise<boolean> {
  let pending: Promise<boolean> | undefined
  for (const { plan, key } of quotas) {
    const quota = plan.quota as NonNullable<UsagePlan['quota']>
    const start = periodStart(quota.period, now)
    const demand = {
      key,
      periodStart: start,
      limit: quotaLimit(store, key, plan, start),
      day: utcDay(now),
    }
    const result = store.countQuota(demand)
    if (result instanceof Promise)
      pending = (pending ?? Promise.resolve(true)).then(async (ok) => ok && (await result))
    else if (!result) return false
  }
  return pending ?? true
}

function then<T, R>(value: T | Promise<T>, next: (value: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(next) : next(value)
}
