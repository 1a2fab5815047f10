/**
 * Usage reports like `aws apigateway get-usage`: per API key, per UTC day, `[used, remaining]`.
 */
import type { UsagePlan, UsagePlanKey } from '../auth/index.js'
import { periodStart, utcDay } from './quota-period.js'
import type { TrafficStore } from './store.js'

/** What `get-usage` takes. */
export interface UsageQuery {
  usagePlanId: string
  /** One key, or every key of the plan. */
  keyId?: string
  /** First day, `YYYY-MM-DD` (UTC). */
  startDate: string
  /** Last day, `YYYY-MM-DD` (UTC), inclusive. */
  endDate: string
}

/** What `get-usage` prints. */
export interface UsageReport {
  usagePlanId: string
  startDate: string
  endDate: string
  /** Per key id: one `[used, remaining]` pair per day; remaining is null without a quota. */
  items: Record<string, Array<[number, number | null]>>
}

const DAY_MS = 86_400_000

/**
 * Builds a usage report from the store's per-day counters.
 *
 * @param store - the traffic store
 * @param plans - the gateway's usage plans
 * @param planKeys - which keys are in which plans
 * @param query - plan, key and dates
 * @returns the report
 */
export async function readUsage(
  store: TrafficStore,
  plans: readonly UsagePlan[],
  planKeys: readonly UsagePlanKey[],
  query: UsageQuery,
): Promise<UsageReport> {
  const plan = plans.find((p) => p.id === query.usagePlanId)
  const from = Date.parse(`${query.startDate}T00:00:00Z`)
  const to = Date.parse(`${query.endDate}T00:00:00Z`)
  const items: UsageReport['items'] = {}
  if (!plan || Number.isNaN(from) || Number.isNaN(to))
    return {
      usagePlanId: query.usagePlanId,
      startDate: query.startDate,
      endDate: query.endDate,
      items,
    }
  const keyIds = planKeys
    .filter(
      (k) => k.usagePlanId === plan.id && (query.keyId === undefined || k.keyId === query.keyId),
    )
    .map((k) => k.keyId)
  for (const keyId of keyIds) {
    const days = await store.usage(`plan:${plan.id}:key:${keyId}`)
    const rows: Array<[number, number | null]> = []
    let periodUsed = 0
    let currentPeriod = Number.NaN
    for (let day = from; day <= to; day += DAY_MS) {
      if (plan.quota) {
        const start = periodStart(plan.quota.period, day)
        if (start !== currentPeriod) {
          currentPeriod = start
          periodUsed = 0
          // Count the days of this period before the report's first day too.
          for (let d = start; d < day; d += DAY_MS) periodUsed += days.get(utcDay(d)) ?? 0
        }
      }
      const used = days.get(utcDay(day)) ?? 0
      periodUsed += used
      rows.push([used, plan.quota ? Math.max(0, plan.quota.limit - periodUsed) : null])
    }
    items[keyId] = rows
  }
  return { usagePlanId: plan.id, startDate: query.startDate, endDate: query.endDate, items }
}
