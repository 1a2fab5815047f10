/**
 * What a request step reads about a request, whichever runner serves it. REST's `RequestState`
 * (pipeline/), the HTTP API request (http-api/request.ts) and a WebSocket request
 * (websocket/request.ts) each provide it, so a step written against the view (limits, resource
 * policy, API keys, traffic, validation, cache keys, metrics and access logs) lives once in
 * its concept folder and serves every API kind that runs it on AWS.
 */
import type { QueryParameters } from './query.js'
import type { Deps } from './types.js'

/**
 * The kinds of API Gateway API. Where AWS behaves differently per kind, the difference is a
 * table keyed by kind (see core/limits.ts), not a copied step.
 */
export type ApiKind = 'REST' | 'HTTP' | 'WEBSOCKET'

/** Request headers: case-insensitive lookup by name. */
export interface HeaderView {
  /** The last value sent under `name` (any case), or undefined. */
  get(name: string): string | undefined
  /** Every value sent under `name` (any case), in order, or undefined. */
  getAll(name: string): string[] | undefined
  /** Combined bytes of header names and values, for the header size limit. */
  readonly size: number
}

/** The stage serving a request. */
export interface StageView {
  readonly name: string
  readonly variables: Readonly<Record<string, string>>
}

/** One request, as steps read it. */
export interface RequestView {
  /** HTTP method in upper case (`GET` for a WebSocket `$connect`). */
  readonly method: string
  /** The path after the stage as sent, without the query string. */
  readonly rawPath: string
  /** The normalised path (routing/request-path.ts): routing, ARNs, backend URLs. */
  readonly path: string
  /** The query string as sent, without `?`. */
  readonly rawQuery: string
  readonly headers: HeaderView
  /** The query string's parameters (single and multi-value), parsed on first use. */
  readonly query: QueryParameters
  /** Body size in bytes, without copying it. */
  bodySize(): number
  /** The body as bytes, or null when there is none. */
  bodyBytes(): Uint8Array | null
  /** The body as text (a runner may give base64 for a binary payload), or undefined when empty. */
  bodyText(): string | undefined
  /** `$context.identity.sourceIp`. */
  readonly sourceIp: string
  readonly stage: StageView
  /** When the request arrived, epoch milliseconds on the injected clock. */
  readonly requestTimeEpoch: number
  /** `$context.requestId`. */
  readonly requestId: string
  /** The injected world (clock, random, logger, fetch). */
  readonly deps: Deps
}
