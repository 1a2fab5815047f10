/**
 * What a WebSocket event leaves behind: AWS's WebSocket metrics (ConnectCount, MessageCount,
 * ClientError, IntegrationError, ExecutionError, IntegrationLatency) and the access-log line,
 * through the observe step REST and HTTP APIs use.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-logging.html
 */
import type { Deps } from '../core/index.js'
import type { InvokeOutcome } from '../integrations/index.js'
import type { RequestOutcome } from '../observability/index.js'
import { observeRequest } from '../observability/index.js'
import type { StageRuntime } from '../stages/index.js'
import type { WebSocketRequest } from './request.js'

/** How one event ended. */
export interface WebSocketEventOutcome {
  /** The status the gateway answered (`$context.status`): 200, or the refusal's status. */
  readonly status: number
  /** Which error counter the event adds to, if any. */
  readonly error?: NonNullable<RequestOutcome['webSocket']>['error'] | undefined
  /** Milliseconds the integration took, when it ran. */
  readonly integrationLatency?: number | undefined
  /** The integration's status, when it answered. */
  readonly integrationStatus?: number | undefined
  /** What the gateway sent back (a route response or an error message), for `responseLength`. */
  readonly body?: string
}

/**
 * Records a WebSocket event's metrics and access-log line; never fails the event.
 *
 * @param stage - the stage
 * @param request - the event
 * @param outcome - how it ended
 */
export function observeWebSocketEvent(
  stage: StageRuntime,
  request: WebSocketRequest,
  outcome: WebSocketEventOutcome,
): void {
  const context = request.requestContext
  observeRequest(
    stage,
    {
      method: undefined,
      resource: undefined,
      status: outcome.status,
      latency: request.deps.now() - context.requestTimeEpoch,
      integrationLatency: outcome.integrationLatency,
      integrationStatus: outcome.integrationStatus,
      cache: undefined,
      webSocket: { eventType: context.eventType, error: outcome.error },
    },
    { body: outcome.body ?? '', isBase64Encoded: false },
    request,
    request.deps.logger,
  )
}

/**
 * How an integration call ended: 200 with its latency, or an ExecutionError (500, 504 on a
 * timeout).
 *
 * @param deps - the clock
 * @param outcome - the invocation's outcome
 * @param startedAt - when it started, epoch ms
 * @returns the event's outcome so far
 */
export function integrationOutcome(
  deps: Deps,
  outcome: InvokeOutcome,
  startedAt: number,
): WebSocketEventOutcome {
  const integrationLatency = deps.now() - startedAt
  if (outcome.kind === 'result') return { status: 200, integrationLatency, integrationStatus: 200 }
  return {
    status: outcome.kind === 'timeout' ? 504 : 500,
    error: 'ExecutionError',
    integrationLatency,
  }
}
