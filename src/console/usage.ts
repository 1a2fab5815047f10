/**
 * Usage-plan usage per API key for the console, read with `gateway.usage` (AWS's `GetUsage`).
 */
import type { ConsoleApi } from './describe.js'

/** One key of one plan. */
export interface KeyUsage {
  readonly usagePlanId: string
  readonly usagePlanName: string | null
  readonly keyId: string
  readonly keyName: string | null
  readonly enabled: boolean
  /** The plan's quota, or null without one. */
  readonly quota: { readonly limit: number; readonly period: string } | null
  /** Requests counted today (UTC). */
  readonly usedToday: number
  /** Requests counted in the current quota period (today without a quota). */
  readonly used: number
  /** What is left of the quota in this period, or null without a quota. */
  readonly remaining: number | null
}

/**
 * Usage of each key of each plan that covers the API.
 *
 * @param api - the API with its plans and keys
 * @param now - epoch milliseconds
 * @returns one row per plan and key
 */
export async function readKeyUsage(api: ConsoleApi, now: number): Promise<KeyUsage[]> {
  const today = new Date(now).toISOString().slice(0, 10)
  const keys = new Map((api.apiKeys ?? []).map((k) => [k.id, k]))
  const rows: KeyUsage[] = []
  for (const plan of api.usagePlans ?? []) {
    const stages = plan.apiStages ?? []
    const covers =
      stages.length === 0 ||
      stages.some((s) => s.apiId === undefined || s.apiId === api.gateway.apiId)
    if (!covers) continue
    const report = await api.gateway.usage({
      usagePlanId: plan.id,
      startDate: today,
      endDate: today,
    })
    for (const member of api.usagePlanKeys ?? []) {
      if (member.usagePlanId !== plan.id) continue
      const [usedToday, remaining] = report.items[member.keyId]?.[0] ?? [0, null]
      const key = keys.get(member.keyId)
      rows.push({
        usagePlanId: plan.id,
        usagePlanName: plan.name ?? null,
        keyId: member.keyId,
        keyName: key?.name ?? null,
        enabled: key?.enabled !== false,
        quota: plan.quota ? { limit: plan.quota.limit, period: plan.quota.period } : null,
        usedToday,
        used: plan.quota && remaining !== null ? plan.quota.limit - remaining : usedToday,
        remaining: plan.quota ? (remaining ?? plan.quota.limit) : null,
      })
    }
  }
  return rows
}
