/**
 * What the console remembers: the last requests (a ring buffer, with their execution logs),
 * AWS's metrics per time bucket (a ring of buckets, latency samples bounded per bucket), and the
 * pages listening over server-sent events. Every structure has a fixed bound.
 */
import type { ServerResponse } from 'node:http'
import type { RequestSummary } from '../observability/index.js'

/** The stage name `TestInvokeMethod` runs on. */
const TEST_INVOKE_STAGE = 'test-invoke-stage'

/** A request as the console lists it (without its execution log). */
export interface ConsoleRequest {
  /** Increasing number, for the page to order and de-duplicate entries. */
  readonly seq: number
  /** Epoch milliseconds when it finished. */
  readonly time: number
  readonly apiId: string | null
  readonly requestId: string
  readonly stage: string
  readonly method: string
  readonly path: string
  readonly resource: string | null
  readonly status: number
  readonly latency: number
  readonly integrationLatency: number | null
  readonly integration: string | null
  readonly target: string | null
  readonly authorizer: string | null
  readonly cache: string | null
  readonly errorType: string | null
  /** Whether an execution log was kept (REST APIs with `recordExecutionLog`). */
  readonly hasLog: boolean
}

/** Percentiles of a bucket's samples, in milliseconds; null without samples. */
export interface Percentiles {
  readonly p50: number | null
  readonly p90: number | null
  readonly p99: number | null
}

/** One time bucket of AWS's metric names. */
export interface MetricsPoint {
  /** Bucket start, epoch seconds (uPlot's x values). */
  readonly t: number
  readonly Count: number
  readonly '4XXError': number
  readonly '5XXError': number
  readonly CacheHitCount: number
  readonly CacheMissCount: number
  readonly Latency: Percentiles
  readonly IntegrationLatency: Percentiles
}

interface Bucket {
  start: number
  apiId: string | null
  count: number
  e4: number
  e5: number
  hit: number
  miss: number
  latency: number[]
  integration: number[]
  seen: number
  seenIntegration: number
}

/** Bounds of a {@link Recorder}. */
export interface RecorderLimits {
  readonly maxRequests: number
  readonly maxClients: number
  /** Bucket width, milliseconds. */
  readonly bucketMs: number
  /** Buckets kept per API. */
  readonly maxBuckets: number
  /** Latency samples kept per bucket (a uniform sample beyond it). */
  readonly maxSamples: number
}

/** Requests, logs, metrics and listeners, bounded by {@link RecorderLimits}. */
export class Recorder {
  readonly #limits: RecorderLimits
  readonly #now: () => number
  readonly #requests: ConsoleRequest[] = []
  readonly #logs = new Map<string, string>()
  readonly #buckets: Bucket[] = []
  readonly #clients = new Set<ServerResponse>()
  readonly #random: () => number
  #seq = 0

  constructor(limits: RecorderLimits, now: () => number, random: () => number = Math.random) {
    this.#limits = limits
    this.#now = now
    this.#random = random
  }

  /** Takes a finished request (the gateway's `onRequestComplete`). */
  add(summary: RequestSummary): void {
    const time = this.#now()
    const entry: ConsoleRequest = {
      seq: ++this.#seq,
      time,
      apiId: summary.apiId ?? null,
      requestId: summary.requestId,
      stage: summary.stage,
      method: summary.method,
      path: summary.path,
      resource: summary.resource ?? null,
      status: summary.status,
      latency: summary.latency,
      integrationLatency: summary.integrationLatency ?? null,
      integration: summary.integration?.type ?? null,
      target: summary.integration?.target ?? null,
      authorizer: summary.authorizer ?? null,
      cache: summary.cache ?? null,
      errorType: summary.errorType ?? null,
      hasLog: summary.executionLog !== undefined,
    }
    this.#requests.push(entry)
    if (summary.executionLog !== undefined) this.#logs.set(entry.requestId, summary.executionLog)
    while (this.#requests.length > this.#limits.maxRequests) {
      const old = this.#requests.shift()
      if (old) this.#logs.delete(old.requestId)
    }
    // AWS counts no metrics for test invokes (they run on `test-invoke-stage`).
    if (entry.stage !== TEST_INVOKE_STAGE) this.#count(entry, time)
    this.#broadcast('request', entry)
  }

  /** The requests kept, oldest first. */
  requests(): readonly ConsoleRequest[] {
    return this.#requests
  }

  /** A kept request and its execution log, or undefined once it left the buffer. */
  request(requestId: string): { request: ConsoleRequest; log: string | null } | undefined {
    const request = this.#requests.find((r) => r.requestId === requestId)
    return request && { request, log: this.#logs.get(requestId) ?? null }
  }

  /**
   * An API's metrics per bucket, from its first kept bucket to now, empty buckets included.
   *
   * @param apiId - the API
   * @returns the points, oldest first
   */
  metrics(apiId: string | null): MetricsPoint[] {
    const { bucketMs, maxBuckets } = this.#limits
    const mine = this.#buckets.filter((b) => b.apiId === apiId)
    const now = Math.floor(this.#now() / bucketMs) * bucketMs
    const first = Math.max(mine[0]?.start ?? now, now - (maxBuckets - 1) * bucketMs)
    const byStart = new Map(mine.map((b) => [b.start, b]))
    const points: MetricsPoint[] = []
    for (let start = first; start <= now; start += bucketMs) {
      const b = byStart.get(start)
      points.push({
        t: start / 1000,
        Count: b?.count ?? 0,
        '4XXError': b?.e4 ?? 0,
        '5XXError': b?.e5 ?? 0,
        CacheHitCount: b?.hit ?? 0,
        CacheMissCount: b?.miss ?? 0,
        Latency: percentiles(b?.latency ?? []),
        IntegrationLatency: percentiles(b?.integration ?? []),
      })
    }
    return points
  }

  /**
   * Streams new requests to a page as server-sent events (`event: request`).
   *
   * @param res - the response to keep open
   * @returns false when {@link RecorderLimits.maxClients} pages already listen
   */
  listen(res: ServerResponse): boolean {
    if (this.#clients.size >= this.#limits.maxClients) return false
    this.#clients.add(res)
    res.on('close', () => this.#clients.delete(res))
    return true
  }

  /** Pages listening now. */
  get listeners(): number {
    return this.#clients.size
  }

  /** Sends a comment to every page so proxies and browsers keep the stream open. */
  heartbeat(): void {
    for (const res of this.#clients) res.write(': keep-alive\n\n')
  }

  /** Ends every stream. */
  close(): void {
    for (const res of this.#clients) res.end()
    this.#clients.clear()
  }

  #broadcast(event: string, data: unknown): void {
    if (this.#clients.size === 0) return
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
    for (const res of this.#clients) {
      // A page that does not read its stream is dropped rather than buffered without bound.
      if (res.writableLength > 1024 * 1024) {
        res.destroy()
        this.#clients.delete(res)
      } else res.write(text)
    }
  }

  #count(entry: ConsoleRequest, time: number): void {
    const { bucketMs, maxBuckets, maxSamples } = this.#limits
    const start = Math.floor(time / bucketMs) * bucketMs
    let bucket = this.#buckets.findLast((b) => b.apiId === entry.apiId && b.start === start)
    if (!bucket) {
      bucket = {
        start,
        apiId: entry.apiId,
        count: 0,
        e4: 0,
        e5: 0,
        hit: 0,
        miss: 0,
        latency: [],
        integration: [],
        seen: 0,
        seenIntegration: 0,
      }
      this.#buckets.push(bucket)
      const oldest = start - (maxBuckets - 1) * bucketMs
      while ((this.#buckets[0]?.start ?? start) < oldest) this.#buckets.shift()
      // Many APIs: still a fixed number of buckets in all.
      while (this.#buckets.length > maxBuckets * 8) this.#buckets.shift()
    }
    bucket.count++
    if (entry.status >= 400 && entry.status < 500) bucket.e4++
    if (entry.status >= 500) bucket.e5++
    if (entry.cache === 'hit') bucket.hit++
    if (entry.cache === 'miss') bucket.miss++
    bucket.seen = sample(bucket.latency, entry.latency, bucket.seen, maxSamples, this.#random)
    if (entry.integrationLatency !== null)
      bucket.seenIntegration = sample(
        bucket.integration,
        entry.integrationLatency,
        bucket.seenIntegration,
        maxSamples,
        this.#random,
      )
  }
}

/** Reservoir sampling: a uniform sample of at most `max` values; returns the new seen count. */
function sample(
  into: number[],
  value: number,
  seen: number,
  max: number,
  random: () => number,
): number {
  if (into.length < max) into.push(value)
  else {
    const slot = Math.floor(random() * (seen + 1))
    if (slot < max) into[slot] = value
  }
  return seen + 1
}

/**
 * Nearest-rank percentiles, as CloudWatch's `p50`/`p90`/`p99` statistics.
 *
 * @param values - milliseconds
 * @returns the percentiles, null when empty
 */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { p50: null, p90: null, p99: null }
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99) }
}
