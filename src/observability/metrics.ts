/**
 * CloudWatch-style metrics for a stage and its methods, with AWS's names (namespace
 * `AWS/ApiGateway`): Count, 4XXError, 5XXError, Latency, IntegrationLatency, CacheHitCount,
 * CacheMissCount. Readable at any time and emitted per request for a host to forward.
 *
 * HTTP APIs (v2) name their metrics differently: Count, 4xx, 5xx, Latency, IntegrationLatency,
 * DataProcessed. A recorder for an HTTP API adds `4xx`, `5xx` and `DataProcessed` to the same
 * shape; the REST names stay (`4XXError`/`5XXError` equal `4xx`/`5xx`, the cache counters stay 0)
 * so that code written against REST keeps working. Forward the HTTP names for an HTTP API.
 *
 * WebSocket APIs count events: ConnectCount, MessageCount, ClientError (refused before the
 * integration ran), IntegrationError (the integration answered an error), ExecutionError (the
 * integration could not be called or failed), IntegrationLatency. A WebSocket recorder adds
 * those to the same shape, at the stage level.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-logging.html
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
  /** HTTP APIs only: responses with a 4xx status (the same count as `4XXError`). */
  '4xx'?: number
  /** HTTP APIs only: responses with a 5xx status (the same count as `5XXError`). */
  '5xx'?: number
  /** HTTP APIs only: bytes processed, request body plus response body. */
  DataProcessed?: number
  /** WebSocket APIs only: `$connect` events. */
  ConnectCount?: number
  /** WebSocket APIs only: messages from clients. */
  MessageCount?: number
  /** WebSocket APIs only: events refused before the integration ran. */
  ClientError?: number
  /** WebSocket APIs only: events whose integration answered an error status. */
  IntegrationError?: number
  /** WebSocket APIs only: events whose integration could not be called or failed. */
  ExecutionError?: number
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
  /** HTTP APIs only (see {@link MetricCounters}). */
  readonly '4xx'?: 0 | 1
  /** HTTP APIs only. */
  readonly '5xx'?: 0 | 1
  /** HTTP APIs only: this request's body bytes plus its response's. */
  readonly DataProcessed?: number
  /** WebSocket APIs only (see {@link MetricCounters}). */
  readonly ConnectCount?: 0 | 1
  readonly MessageCount?: 0 | 1
  readonly ClientError?: 0 | 1
  readonly IntegrationError?: 0 | 1
  readonly ExecutionError?: 0 | 1
}

/** What the runner reports after each request. */
export interface RequestOutcome {
  readonly method: string | undefined
  readonly resource: string | undefined
  readonly status: number
  readonly latency: number
  readonly integrationLatency: number | undefined
  readonly cache: 'hit' | 'miss' | undefined
  /** HTTP APIs: request plus response body bytes. */
  readonly dataProcessed?: number
  /** WebSocket APIs: the event, and which error counter it adds to, if any. */
  readonly webSocket?: {
    readonly eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT'
    readonly error?: 'ClientError' | 'IntegrationError' | 'ExecutionError' | undefined
  }
}

/** Which API type's metric names a recorder adds: REST's alone, or HTTP API's or WebSocket's too. */
export type MetricsKind = 'REST' | 'HTTP' | 'WEBSOCKET'

/** The WebSocket counters a recorder of that kind adds. */
const WEBSOCKET_COUNTERS = [
  'ConnectCount',
  'MessageCount',
  'ClientError',
  'IntegrationError',
  'ExecutionError',
] as const

/** The WebSocket counters one event adds to (each 0 or 1). */
function webSocketCounts(
  outcome: RequestOutcome,
): Record<(typeof WEBSOCKET_COUNTERS)[number], 0 | 1> {
  const event = outcome.webSocket
  return {
    ConnectCount: event?.eventType === 'CONNECT' ? 1 : 0,
    MessageCount: event?.eventType === 'MESSAGE' ? 1 : 0,
    ClientError: event?.error === 'ClientError' ? 1 : 0,
    IntegrationError: event?.error === 'IntegrationError' ? 1 : 0,
    ExecutionError: event?.error === 'ExecutionError' ? 1 : 0,
  }
}

const emptyLatency = (): LatencyStats => ({ SampleCount: 0, Sum: 0, Minimum: null, Maximum: null })
const emptyCounters = (http: boolean, ws = false): MetricCounters => ({
  Count: 0,
  '4XXError': 0,
  '5XXError': 0,
  CacheHitCount: 0,
  CacheMissCount: 0,
  Latency: emptyLatency(),
  IntegrationLatency: emptyLatency(),
  ...(http ? { '4xx': 0, '5xx': 0, DataProcessed: 0 } : {}),
  ...(ws
    ? { ConnectCount: 0, MessageCount: 0, ClientError: 0, IntegrationError: 0, ExecutionError: 0 }
    : {}),
})

function addLatency(stats: LatencyStats, ms: number): void {
  stats.SampleCount++
  stats.Sum += ms
  stats.Minimum = stats.Minimum === null ? ms : Math.min(stats.Minimum, ms)
  stats.Maximum = stats.Maximum === null ? ms : Math.max(stats.Maximum, ms)
}

function add(counters: MetricCounters, outcome: RequestOutcome, http: boolean): void {
  counters.Count++
  const is4xx = outcome.status >= 400 && outcome.status < 500
  const is5xx = outcome.status >= 500
  if (is4xx) counters['4XXError']++
  if (is5xx) counters['5XXError']++
  if (http) {
    if (is4xx) counters['4xx'] = (counters['4xx'] ?? 0) + 1
    if (is5xx) counters['5xx'] = (counters['5xx'] ?? 0) + 1
    counters.DataProcessed = (counters.DataProcessed ?? 0) + (outcome.dataProcessed ?? 0)
  }
  if (outcome.cache === 'hit') counters.CacheHitCount++
  if (outcome.cache === 'miss') counters.CacheMissCount++
  addLatency(counters.Latency, outcome.latency)
  if (outcome.integrationLatency !== undefined)
    addLatency(counters.IntegrationLatency, outcome.integrationLatency)
}

/** One method's counters in a stage. */
type MethodEntry = { method: string; resource: string; counters: MetricCounters }

/** Counts requests for one stage. */
export class MetricsRecorder {
  readonly #apiName: string
  readonly #stage: string
  readonly #http: boolean
  readonly #ws: boolean
  readonly #stageCounters: MetricCounters
  /** By resource path, then method (no string building per request). */
  readonly #methods = new Map<string, Map<string, MethodEntry>>()
  readonly #listener: ((metrics: RequestMetrics) => void) | undefined

  constructor(
    apiName: string,
    stage: string,
    listener?: (metrics: RequestMetrics) => void,
    kind: MetricsKind = 'REST',
  ) {
    // CloudWatch drops non-ASCII characters from ApiName (spec/traffic.md §5).
    this.#apiName = apiName.replace(/[^\x20-\x7e]/g, '')
    this.#stage = stage
    this.#listener = listener
    this.#http = kind === 'HTTP'
    this.#ws = kind === 'WEBSOCKET'
    this.#stageCounters = emptyCounters(this.#http, this.#ws)
  }

  /** Records one finished request. */
  record(outcome: RequestOutcome): void {
    const http = this.#http
    add(this.#stageCounters, outcome, http)
    const ws = this.#ws ? webSocketCounts(outcome) : undefined
    if (ws)
      for (const name of WEBSOCKET_COUNTERS)
        this.#stageCounters[name] = (this.#stageCounters[name] ?? 0) + ws[name]
    if (outcome.method !== undefined && outcome.resource !== undefined) {
      let byMethod = this.#methods.get(outcome.resource)
      if (!byMethod)
        this.#methods.set(outcome.resource, (byMethod = new Map<string, MethodEntry>()))
      let entry = byMethod.get(outcome.method)
      if (!entry) {
        entry = {
          method: outcome.method,
          resource: outcome.resource,
          counters: emptyCounters(http),
        }
        byMethod.set(outcome.method, entry)
      }
      add(entry.counters, outcome, http)
    }
    if (this.#listener) {
      const is4xx = outcome.status >= 400 && outcome.status < 500 ? 1 : 0
      const is5xx = outcome.status >= 500 ? 1 : 0
      const metrics: RequestMetrics = {
        dimensions: {
          ApiName: this.#apiName,
          Stage: this.#stage,
          ...(outcome.method !== undefined ? { Method: outcome.method } : {}),
          ...(outcome.resource !== undefined ? { Resource: outcome.resource } : {}),
        },
        Count: 1,
        '4XXError': is4xx,
        '5XXError': is5xx,
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
        ...(http ? { '4xx': is4xx, '5xx': is5xx, DataProcessed: outcome.dataProcessed ?? 0 } : {}),
        ...ws,
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
