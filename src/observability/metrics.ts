/**
 * CloudWatch-style metrics for a stage and its methods, with AWS's names (namespace
 * `AWS/ApiGateway`): Count, 4XXError, 5XXError, Latency, IntegrationLatency, CacheHitCount,
 * CacheMissCount. Readable at any time and emitted per request for a host to forward.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html
 */

/** Sum, count, min and max of a millisecond measure. */
export interface LatencyStats {
  SampleCount: number
  Sum: number
  Minimum: number | null
  Maximum: number | null
}

/** The counters of one dimension set. */
export interface MetricCounters {
  Count: number
  '4XXError': number
  '5XXError': number
  CacheHitCount: number
  CacheMissCount: number
  Latency: LatencyStats
  IntegrationLatency: LatencyStats
}

/** Metrics of a stage, and per method (AWS's detailed metrics). */
export interface MetricsSnapshot {
  /** Dimensions `ApiName, Stage`. */
  readonly stage: { ApiName: string; Stage: string } & MetricCounters
  /** Dimensions `ApiName, Method, Resource, Stage`. */
  readonly methods: ReadonlyArray<
    { ApiName: string; Stage: string; Method: string; Resource: string } & MetricCounters
  >
}

/** One request's metrics, as emitted to `options.onMetrics`. */
export interface RequestMetrics {
  readonly dimensions: { ApiName: string; Stage: string; Method?: string; Resource?: string }
  readonly Count: 1
  readonly '4XXError': 0 | 1
  readonly '5XXError': 0 | 1
  readonly Latency: number
  /** Absent when no integration ran (a gateway response, a cache hit). */
  readonly IntegrationLatency?: number
  readonly CacheHitCount?: 0 | 1
  readonly CacheMissCount?: 0 | 1
}

/** What the runner reports after each request. */
export interface RequestOutcome {
  readonly method: string | undefined
  readonly resource: string | undefined
  readonly status: number
  readonly latency: number
  readonly integrationLatency: number | undefined
  readonly cache: 'hit' | 'miss' | undefined
}

const emptyLatency = (): LatencyStats => ({ SampleCount: 0, Sum: 0, Minimum: null, Maximum: null })
const emptyCounters = (): MetricCounters => ({
  Count: 0,
  '4XXError': 0,
  '5XXError': 0,
  CacheHitCount: 0,
  CacheMissCount: 0,
  Latency: emptyLatency(),
  IntegrationLatency: emptyLatency(),
})

function addLatency(stats: LatencyStats, ms: number): void {
  stats.SampleCount++
  stats.Sum += ms
  stats.Minimum = stats.Minimum === null ? ms : Math.min(stats.Minimum, ms)
  stats.Maximum = stats.Maximum === null ? ms : Math.max(stats.Maximum, ms)
}

function add(counters: MetricCounters, outcome: RequestOutcome): void {
  counters.Count++
  if (outcome.status >= 400 && outcome.status < 500) counters['4XXError']++
  if (outcome.status >= 500) counters['5XXError']++
  if (outcome.cache === 'hit') counters.CacheHitCount++
  if (outcome.cache === 'miss') counters.CacheMissCount++
  addLatency(counters.Latency, outcome.latency)
  if (outcome.integrationLatency !== undefined)
    addLatency(counters.IntegrationLatency, outcome.integrationLatency)
}

/** Counts requests for one stage. */
export class MetricsRecorder {
  readonly #apiName: string
  readonly #stage: string
  readonly #stageCounters = emptyCounters()
  /** By resource path, then method (no string building per request). */
  readonly #methods = new Map<
    string,
    Map<string, { method: string; resource: string; counters: MetricCounters }>
  >()
  readonly #listener: ((metrics: RequestMetrics) => void) | undefined

  constructor(apiName: string, stage: string, listener?: (metrics: RequestMetrics) => void) {
    // CloudWatch drops non-ASCII characters from ApiName (spec/traffic.md §5).
    this.#apiName = apiName.replace(/[^\x20-\x7e]/g, '')
    this.#stage = stage
    this.#listener = listener
  }

  /** Records one finished request. */
  record(outcome: RequestOutcome): void {
    add(this.#stageCounters, outcome)
    if (outcome.method !== undefined && outcome.resource !== undefined) {
      let byMethod = this.#methods.get(outcome.resource)
      if (!byMethod) this.#methods.set(outcome.resource, (byMethod = new Map()))
      let entry = byMethod.get(outcome.method)
      if (!entry) {
        entry = { method: outcome.method, resource: outcome.resource, counters: emptyCounters() }
        byMethod.set(outcome.method, entry)
      }
      add(entry.counters, outcome)
    }
    if (this.#listener) {
      const metrics: RequestMetrics = {
        dimensions: {
          ApiName: this.#apiName,
          Stage: this.#stage,
          ...(outcome.method !== undefined ? { Method: outcome.method } : {}),
          ...(outcome.resource !== undefined ? { Resource: outcome.resource } : {}),
        },
        Count: 1,
        '4XXError': outcome.status >= 400 && outcome.status < 500 ? 1 : 0,
        '5XXError': outcome.status >= 500 ? 1 : 0,
        Latency: outcome.latency,
        ...(outcome.integrationLatency !== undefined
          ? { IntegrationLatency: outcome.integrationLatency }
          : {}),
        ...(outcome.cache === 'hit'
          ? { CacheHitCount: 1 as const, CacheMissCount: 0 as const }
          : {}),
        ...(outcome.cache === 'miss'
          ? { CacheHitCount: 0 as const, CacheMissCount: 1 as const }
          : {}),
      }
      try {
        this.#listener(metrics)
      } catch {
        // A host's listener never breaks a request.
      }
    }
  }

  /** Every counter so far. */
  snapshot(): MetricsSnapshot {
    const copy = (c: MetricCounters): MetricCounters => ({
      ...c,
      Latency: { ...c.Latency },
      IntegrationLatency: { ...c.IntegrationLatency },
    })
    return {
      stage: { ApiName: this.#apiName, Stage: this.#stage, ...copy(this.#stageCounters) },
      methods: [...this.#methods.values()]
        .flatMap((byMethod) => [...byMethod.values()])
        .map((m) => ({
          ApiName: this.#apiName,
          Stage: this.#stage,
          Method: m.method,
          Resource: m.resource,
          ...copy(m.counters),
        })),
    }
  }
}
