/**
 * The stage a gateway serves: name, variables, deployment id, settings; one runtime per stage
 * for every API kind.
 */
import type { CacheStore } from '../cache/index.js'
import { ResponseCache } from '../cache/index.js'
import type { VariableLookup } from '../mapping/index.js'
import { compileAccessLogFormat } from '../observability/index.js'
import { MetricsRecorder, type MetricsKind, type RequestMetrics } from '../observability/index.js'
import { ConfigError } from '../errors.js'
import {
  compileMethodSettings,
  type MethodSetting,
  type ResolvedMethodSetting,
} from '../traffic/index.js'
import { createMemoryStore, type TrafficStore } from '../traffic/index.js'
import { DEFAULT_ACCOUNT_THROTTLE } from '../traffic/index.js'
import type { RateLimit } from '../traffic/index.js'

/** Stage settings, with AWS's `get-stage` field names. */
export interface StageOptions {
  /** Stage name, the first path segment of the invoke URL. Default `dev`. */
  name?: string
  /** Stage variables (`$stageVariables`, `${stageVariables.x}` in URIs). */
  variables?: Record<string, string>
  /** Deployment id reported in `requestContext.deploymentId`. */
  deploymentId?: string
  /** Per-method settings keyed `*` `/` `*` or `pets/GET` (throttling, caching, metrics). */
  methodSettings?: Record<string, MethodSetting>
  /** Whether the stage has a cache cluster. */
  cacheClusterEnabled?: boolean
  /**
   * The cache's capacity in GB (AWS sizes `0.5` … `237`; any positive number is accepted, so
   * tests can use a small cache). @default 0.5
   */
  cacheClusterSize?: string | number
  /** HTTP APIs: throttling for every route. */
  defaultRouteSettings?: RouteSetting
  /** HTTP APIs: throttling per route key (`GET /pets`). */
  routeSettings?: Record<string, RouteSetting>
  /** A canary: a share of requests served by another deployment, with overridden variables. */
  canarySettings?: CanarySettings
  /** Access logging: `format` with `$context` variables (see `ACCESS_LOG_FORMATS`). */
  accessLogSettings?: { format?: string; destinationArn?: string }
  /** Other AWS stage fields are accepted and kept for later modules. */
  [field: string]: unknown
}

/** A change to a stage (`update-stage`): any stage field; `canarySettings: null` removes the canary. */
export interface StagePatch {
  variables?: Record<string, string>
  deploymentId?: string
  methodSettings?: Record<string, MethodSetting>
  cacheClusterEnabled?: boolean
  cacheClusterSize?: string | number
  accessLogSettings?: { format?: string; destinationArn?: string }
  canarySettings?: CanarySettings | null
  [field: string]: unknown
}

/** HTTP API route settings (AWS's RouteSettings). */
export interface RouteSetting {
  /** Steady rate, requests per second (429 beyond). */
  throttlingRateLimit?: number
  /** Bucket capacity: requests admitted at once. */
  throttlingBurstLimit?: number
  /** AWS's switch for per-route metrics; accepted and kept. @default false */
  detailedMetricsEnabled?: boolean
}

/** AWS's CanarySettings. */
export interface CanarySettings {
  /** Share of requests, 0.0–100.0, sent to the canary. */
  percentTraffic?: number
  /** The deployment the canary serves. */
  deploymentId: string
  /** Stage variables that differ for canary requests (they win). */
  stageVariableOverrides?: Record<string, string>
  /** Whether canary requests use the stage cache (else a cache of their own). @default false */
  useStageCache?: boolean
}

/**
 * The public view of a stage a gateway serves (`gateway.stage`), exported from `portico` as
 * `StageRuntime`. The gateway's own stage object has more (metrics recorder, cache store,
 * traffic store, access-log sink): those are internals, reached through the gateway's methods
 * (`metrics()`, `flushCache()`, `usage()`, …), not through this type.
 */
export interface PublicStage {
  /** Stage name, e.g. `dev`, or `$default` (HTTP APIs). */
  readonly name: string
  /** Stage variables. */
  readonly variables: Readonly<Record<string, string>>
  /** `$context.deploymentId`. */
  readonly deploymentId: string
  /** `$context.isCanaryRequest`: set when the stage has a canary, true for canary requests. */
  readonly isCanaryRequest: boolean | undefined
  /** HTTP APIs: the route's settings (`routeSettings[key]` over `defaultRouteSettings`). */
  readonly routeSetting: (routeKey: string) => RouteSetting
}

/** A stage, checked and frozen: the public view and what the pipeline needs. */
export interface StageRuntime extends PublicStage {
  readonly hasVariables: boolean
  /** The merged method setting for a method's key (`pets/GET`). */
  readonly methodSetting: (key: string) => ResolvedMethodSetting
  /** Whether any `methodSettings` entry sets `loggingLevel` INFO or ERROR (execution logging). */
  readonly executionLogging?: boolean
  /** The stage cache, when `cacheClusterEnabled`. */
  readonly cache: CacheStore | undefined
  /** Prefix of this stage's keys in the cache (stores may be shared between stages). */
  readonly cacheKeyPrefix: string
  /** Metrics of this stage and its methods. */
  readonly metrics: MetricsRecorder
  /** The access-log line of a request, when access logging is on and has a sink. */
  readonly accessLog: ((lookup: VariableLookup) => string) | undefined
  /** Where access-log lines go. */
  readonly accessLogSink: ((line: string) => void) | undefined
  /** Where buckets and quota counters live, and the account's limit. */
  readonly traffic: { readonly store: TrafficStore; readonly account: RateLimit }
}

/** Stage names AWS allows; `$default` is the HTTP API stage served without a prefix. */
const STAGE_NAME = /^(?:[A-Za-z0-9_-]{1,128}|\$default)$/
const VARIABLE_NAME = /^[A-Za-z0-9_]+$/
const VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]*$/

function cacheCapacity(options: StageOptions): number {
  const size = Number(options.cacheClusterSize ?? 0.5)
  if (!Number.isFinite(size) || size <= 0)
    throw new ConfigError('stage.cacheClusterSize', 'must be a positive size in GB, e.g. "0.5"')
  return Math.floor(size * 1024 ** 3)
}

/**
 * Checks stage options as AWS's CreateStage does.
 *
 * @param options - the stage options
 * @returns the runtime stage
 * @throws ConfigError for an invalid name or variable
 */
export function createStageRuntime(
  options: StageOptions | undefined,
  traffic: { store?: TrafficStore; account?: RateLimit } = {},
  observability: {
    apiName?: string
    onMetrics?: (metrics: RequestMetrics) => void
    accessLog?: (line: string) => void
    /** Whose metric names to record: REST's, or HTTP API's too (`4xx`, `5xx`, `DataProcessed`). */
    kind?: MetricsKind
  } = {},
  continuity: {
    /** The cache to keep (a redeploy or settings change does not empty it). */
    cache?: CacheStore | undefined
    /** A shared cache store to use instead of one in this process. */
    cacheStore?: CacheStore | undefined
    /** Key prefix in the cache. @default the stage name and `/` */
    cacheKeyPrefix?: string
    /** The metrics to keep counting into. */
    metrics?: MetricsRecorder
    /** Set for the two runtimes of a stage with a canary. */
    isCanaryRequest?: boolean
  } = {},
): StageRuntime {
  const name = options?.name ?? 'dev'
  if (!STAGE_NAME.test(name))
    throw new ConfigError(
      'stage.name',
      `must be 1-128 characters of a-z, A-Z, 0-9, _ or -, got ${JSON.stringify(name)}`,
    )
  const variables: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [key, value] of Object.entries(options?.variables ?? {})) {
    if (!VARIABLE_NAME.test(key))
      throw new ConfigError(`stage.variables.${key}`, 'stage variable names are alphanumeric or _')
    if (typeof value !== 'string')
      throw new ConfigError(`stage.variables.${key}`, 'must be a string')
    if (value.length > 512 || !VARIABLE_VALUE.test(value)) {
      throw new ConfigError(
        `stage.variables.${key}`,
        'values are at most 512 characters of A-Z a-z 0-9 - . _ ~ : / ? # & = ,',
      )
    }
    variables[key] = value
  }
  return {
    name,
    variables: Object.freeze(variables),
    hasVariables: Object.keys(variables).length > 0,
    deploymentId: options?.deploymentId ?? 'portico',
    isCanaryRequest: continuity.isCanaryRequest,
    methodSetting: compileMethodSettings(options?.methodSettings),
    executionLogging: Object.values(options?.methodSettings ?? {}).some(
      (setting) => setting.loggingLevel === 'INFO' || setting.loggingLevel === 'ERROR',
    ),
    routeSetting: (routeKey) => ({
      ...options?.defaultRouteSettings,
      ...options?.routeSettings?.[routeKey],
    }),
    cache: options?.cacheClusterEnabled
      ? (continuity.cache ?? continuity.cacheStore ?? new ResponseCache(cacheCapacity(options)))
      : undefined,
    cacheKeyPrefix: continuity.cacheKeyPrefix ?? `${name}/`,
    metrics:
      continuity.metrics ??
      new MetricsRecorder(
        observability.apiName ?? 'api',
        name,
        observability.onMetrics,
        observability.kind,
      ),
    accessLog:
      options?.accessLogSettings?.format !== undefined && observability.accessLog
        ? compileAccessLogFormat(options.accessLogSettings.format)
        : undefined,
    accessLogSink: observability.accessLog,
    traffic: {
      store: traffic.store ?? createMemoryStore(),
      account: traffic.account ?? DEFAULT_ACCOUNT_THROTTLE,
    },
  }
}
