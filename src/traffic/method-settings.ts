// Stage `methodSettings`, keyed as AWS prints them: `*/*` for the stage default, or the resource
// path without its leading slash plus the method (`pets/GET`, `pets/{id}/GET`; the root is
// `/GET`). A specific entry overrides the `*/*` entry field by field.
import { ConfigError } from '../errors.js'

/** One entry of `methodSettings` (AWS's MethodSetting). */
export interface MethodSetting {
  /** AWS's switch for per-method CloudWatch metrics; accepted and kept. @default false */
  metricsEnabled?: boolean
  /** AWS's CloudWatch execution-log level; accepted and kept. @default 'OFF' */
  loggingLevel?: 'OFF' | 'ERROR' | 'INFO'
  /** AWS's full request and response data in execution logs; accepted and kept. @default false */
  dataTraceEnabled?: boolean
  /** Bucket capacity: requests admitted at once (429 beyond). */
  throttlingBurstLimit?: number
  /** Steady rate, requests per second. */
  throttlingRateLimit?: number
  /** Whether the stage cache serves the method. @default true for GET, false otherwise */
  cachingEnabled?: boolean
  /** Seconds a cached response lives, 0 to 3600. @default 300 */
  cacheTtlInSeconds?: number
  /** Accepted and kept; has no effect in process. */
  cacheDataEncrypted?: boolean
  /** `Cache-Control: max-age=0` refreshes the entry only for authorized callers. @default true */
  requireAuthorizationForCacheControl?: boolean
  /** What an unauthorized `Cache-Control: max-age=0` gets. @default 'SUCCEED_WITH_RESPONSE_HEADER' */
  unauthorizedCacheControlHeaderStrategy?:
    | 'FAIL_WITH_403'
    | 'SUCCEED_WITH_RESPONSE_HEADER'
    | 'SUCCEED_WITHOUT_RESPONSE_HEADER'
}

/** The settings that apply to one method, and whether they came from a specific entry. */
export interface ResolvedMethodSetting {
  readonly setting: MethodSetting
  /** Key of the specific entry, when one matched (`pets/GET`). */
  readonly specificKey: string | undefined
}

/**
 * The key AWS uses for a method: `pets/{id}/GET`, or `/GET` for the root.
 *
 * @param resourcePath - e.g. `/pets/{id}`
 * @param method - e.g. `GET`
 * @returns the key
 */
export function methodSettingKey(resourcePath: string, method: string): string {
  return resourcePath === '/' ? `/${method}` : `${resourcePath.slice(1)}/${method}`
}

function normaliseKey(key: string): string {
  if (key === '*/*') return key
  const unescaped = key.replaceAll('~1', '/')
  if (unescaped.startsWith('//')) return unescaped.slice(1) // '//GET' → '/GET' (root)
  if (unescaped.startsWith('/') && unescaped.indexOf('/', 1) !== -1) return unescaped.slice(1)
  return unescaped
}

/**
 * Compiles `methodSettings` into a lookup.
 *
 * @param settings - the stage's method settings
 * @returns a function from a method's key (see {@link methodSettingKey}) to its merged setting
 * @throws ConfigError for out-of-range values
 */
export function compileMethodSettings(
  settings: Readonly<Record<string, MethodSetting>> | undefined,
): (key: string) => ResolvedMethodSetting {
  const byKey = new Map<string, MethodSetting>()
  for (const [key, setting] of Object.entries(settings ?? {})) {
    const where = `stage.methodSettings.${key}`
    const ttl = setting.cacheTtlInSeconds
    if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600))
      throw new ConfigError(`${where}.cacheTtlInSeconds`, 'must be an integer from 0 to 3600')
    for (const field of ['throttlingRateLimit', 'throttlingBurstLimit'] as const) {
      const value = setting[field]
      if (value !== undefined && (typeof value !== 'number' || Number.isNaN(value)))
        throw new ConfigError(`${where}.${field}`, 'must be a number')
    }
    byKey.set(normaliseKey(key), setting)
  }
  const fallback: ResolvedMethodSetting = {
    setting: byKey.get('*/*') ?? {},
    specificKey: undefined,
  }
  // Merged once per key, so a request costs one map lookup.
  const merged = new Map<string, ResolvedMethodSetting>()
  for (const [key, specific] of byKey)
    if (key !== '*/*')
      merged.set(key, { setting: { ...fallback.setting, ...specific }, specificKey: key })
  return (key) => merged.get(key) ?? fallback
}
