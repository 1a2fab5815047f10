/**
 * A WebSocket event (`$connect`, a message, `$disconnect`) as the shared steps read it: the
 * connection's upgrade request (headers, query, source IP), the message as the body, and the
 * WebSocket `$context` for access logs.
 */
import { Buffer } from 'node:buffer'
import type { RequestHeaders } from '../core/index.js'
import { getOwn } from '../core/index.js'
import type { QueryParameters } from '../core/index.js'
import type { RequestView, StageView } from '../core/index.js'
import type { Deps } from '../core/index.js'
import type { WebSocketRequestContext } from '../lambda-events/index.js'
import type { VariableLookup } from '../mapping/index.js'

/** One WebSocket event in flight. */
export class WebSocketRequest implements RequestView {
  /** `GET` for `$connect` (the upgrade request); empty for messages and `$disconnect`. */
  readonly method: string
  readonly rawPath = '/'
  readonly path = '/'
  readonly rawQuery: string
  readonly headers: RequestHeaders
  readonly query: QueryParameters
  readonly sourceIp: string
  readonly stage: StageView
  readonly deps: Deps
  /** The event's `requestContext`, which is also its `$context`. */
  readonly requestContext: WebSocketRequestContext
  readonly #body: string | undefined
  #lookup: VariableLookup | undefined

  constructor(
    connection: {
      readonly headers: RequestHeaders
      readonly query: QueryParameters
      readonly rawQuery: string
      readonly sourceIp: string
    },
    stage: StageView,
    deps: Deps,
    requestContext: WebSocketRequestContext,
    body?: string,
  ) {
    this.method = requestContext.eventType === 'CONNECT' ? 'GET' : ''
    this.headers = connection.headers
    this.query = connection.query
    this.rawQuery = connection.rawQuery
    this.sourceIp = connection.sourceIp
    this.stage = stage
    this.deps = deps
    this.requestContext = requestContext
    this.#body = body
  }

  get requestTimeEpoch(): number {
    return this.requestContext.requestTimeEpoch
  }

  get requestId(): string {
    return this.requestContext.requestId
  }

  bodySize(): number {
    return this.#body === undefined ? 0 : Buffer.byteLength(this.#body)
  }

  bodyBytes(): Buffer | null {
    return this.#body === undefined || this.#body === '' ? null : Buffer.from(this.#body)
  }

  bodyText(): string | undefined {
    return this.#body === '' ? undefined : this.#body
  }

  /** `$context.*` (the request context) and `$stageVariables.*`, for access logs. */
  get lookup(): VariableLookup {
    return (this.#lookup ??= (root, path) => {
      if (root === 'stageVariables') return getOwn(this.stage.variables, path[0] as string)
      let value: unknown = this.requestContext
      for (const key of path) {
        if (value === null || typeof value !== 'object') return undefined
        value = getOwn(value as Record<string, unknown>, key)
      }
      return value
    })
  }
}
