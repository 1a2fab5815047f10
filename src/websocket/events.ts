/**
 * Events on a WebSocket connection: `$connect`'s reply, a message (the size limit, route
 * selection, the route's integration, and the route response of a two-way route or the error
 * message AWS sends), and `$disconnect`.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html
 */
import type { RequestHeaders } from '../core/index.js'
import { createExtendedRequestId } from '../core/index.js'
import { exceedsRequestLimits } from '../core/index.js'
import type { QueryParameters } from '../core/index.js'
import type { CancelTimer, Deps } from '../core/index.js'
import {
  invokeHandler,
  parseFunctionReference,
  resolveHandler,
  type InvokeOutcome,
  type LambdaHandlers,
} from '../integrations/index.js'
import { parseFinalStatus } from '../integrations/index.js'
import {
  buildWebSocketDisconnectEvent,
  buildWebSocketMessageEvent,
  buildWebSocketRequestContext,
  type WebSocketEvent,
} from '../lambda-events/index.js'
import type { StageRuntime } from '../stages/index.js'
import { integrationOutcome, observeWebSocketEvent, type WebSocketEventOutcome } from './observe.js'
import { WebSocketRequest } from './request.js'
import { ConnectionError, type ConnectionTransport, type WebSocketRoute } from './types.js'

/** An open connection. */
export interface Connection {
  readonly id: string
  readonly authorizer: Record<string, unknown> | undefined
  readonly transport: ConnectionTransport
  readonly connectedAt: number
  lastActiveAt: number
  readonly sourceIp: string
  readonly userAgent: string | null
  /** The handshake's `Host` (the API's domain name without one), for the `$disconnect` event. */
  readonly host: string
  /** The handshake's headers and query, for `$context` in access logs. */
  readonly headers: RequestHeaders
  readonly query: QueryParameters
  readonly rawQuery: string
  cancelIdle: CancelTimer
  readonly cancelMax: CancelTimer
}

/** What handling a message needs from its gateway. */
export interface MessageRuntime {
  readonly routes: Readonly<Record<string, WebSocketRoute>>
  readonly deps: Deps
  readonly stage: StageRuntime
  readonly place: Parameters<typeof buildWebSocketRequestContext>[0]
  /** Largest message, in bytes. */
  readonly maxBytes: number
  /** The route key of a message. */
  readonly selectRoute: (text: string) => string
  /** Calls a route's integration; undefined when the route does not exist. */
  readonly invoke: (routeKey: string, event: WebSocketEvent) => Promise<InvokeOutcome | undefined>
  readonly close: (connection: Connection, code: number, reason: string) => void
  readonly sendTo: (connection: Connection, data: string) => void
  readonly isLive: (connectionId: string) => boolean
}

/**
 * Handles one message from a client.
 *
 * @param runtime - the gateway's routes, stage and connection operations
 * @param connection - the sender
 * @param text - the message
 */
export async function receiveMessage(
  runtime: MessageRuntime,
  connection: Connection,
  text: string,
): Promise<void> {
  const { routes, deps, stage, place, maxBytes, selectRoute, invoke, close, sendTo } = runtime
  const connectionId = connection.id
  const now = deps.now()
  const requestId = createExtendedRequestId(deps.random)
  const messageId = createExtendedRequestId(deps.random)
  const contextFor = (routeKey: string) => ({
    ...buildWebSocketRequestContext(place, connection, routeKey, 'MESSAGE', requestId, now),
    messageId,
  })
  let requestContext = contextFor('$default')
  let request = new WebSocketRequest(connection, stage, deps, requestContext, text)
  // The size limit before anything reads the message.
  if (exceedsRequestLimits(request, { maxBodyBytes: maxBytes })) {
    observeWebSocketEvent(stage, request, { status: 413, error: 'ClientError' })
    close(connection, 1009, 'Message too big')
    return
  }
  const routeKey = selectRoute(text)
  if (routeKey !== '$default') {
    requestContext = contextFor(routeKey)
    request = new WebSocketRequest(connection, stage, deps, requestContext, text)
  }
  const refuse = (message: string, outcome: WebSocketEventOutcome): void => {
    const body = JSON.stringify({ message, connectionId, requestId: requestContext.requestId })
    observeWebSocketEvent(stage, request, { ...outcome, body })
    sendTo(connection, body)
  }
  if (!routes[routeKey]) {
    refuse('Forbidden', { status: 403, error: 'ClientError' })
    return
  }
  const startedAt = deps.now()
  const outcome = await invoke(routeKey, buildWebSocketMessageEvent(requestContext, text))
  if (!outcome || outcome.kind !== 'result') {
    refuse('Internal server error', {
      ...(outcome ? integrationOutcome(deps, outcome, startedAt) : {}),
      status: 500,
      error: 'ExecutionError',
    })
    return
  }
  let reply: string | undefined
  if (
    routes[routeKey].routeResponseSelectionExpression === '$default' &&
    runtime.isLive(connectionId)
  ) {
    const value = outcome.value as { body?: unknown } | string | undefined
    const body = typeof value === 'string' ? value : value?.body
    if (body !== undefined && body !== null)
      reply = typeof body === 'string' ? body : JSON.stringify(body)
  }
  observeWebSocketEvent(stage, request, {
    ...integrationOutcome(deps, outcome, startedAt),
    ...(reply !== undefined ? { body: reply } : {}),
  })
  if (reply !== undefined) sendTo(connection, reply)
}

/**
 * Calls routes' Lambda functions (29 s timeout).
 *
 * @param routes - the API's routes
 * @param lambdas - the handlers
 * @param accountId - for function names without an account
 * @param region - for function names without a region
 * @param deps - the injected world
 * @returns the invoker; it resolves undefined for a route the API does not have
 */
export function routeInvoker(
  routes: Readonly<Record<string, WebSocketRoute>>,
  lambdas: LambdaHandlers,
  accountId: string,
  region: string,
  deps: Deps,
): MessageRuntime['invoke'] {
  return async (routeKey, event) => {
    const route = routes[routeKey]
    if (!route) return undefined
    const target = parseFunctionReference(route.lambda, accountId, region)
    const handler = target && resolveHandler(lambdas, target)
    if (!target || !handler) {
      deps.logger.error(`no handler for WebSocket route ${routeKey} (${route.lambda})`)
      return { kind: 'error' as const, error: new Error('no handler') }
    }
    return invokeHandler(handler, target, event, event.requestContext.requestId, 29_000, deps)
  }
}

/**
 * Why `$connect`'s integration refuses the connection, if it does: a failed call (500, 504 on
 * a timeout), a reply without a final status (500), or an error status (a 3xx is 403).
 *
 * @param outcome - the `$connect` integration's outcome
 * @returns the refusal and the metric it counts under, or undefined to accept
 */
export function connectRefusal(
  outcome: InvokeOutcome,
): { error: ConnectionError; counter: 'IntegrationError' | 'ExecutionError' } | undefined {
  if (outcome.kind !== 'result')
    return {
      error: new ConnectionError(
        outcome.kind === 'timeout' ? 504 : 500,
        'InternalServerErrorException',
        'Internal server error',
      ),
      counter: 'ExecutionError',
    }
  const given = (outcome.value as { statusCode?: unknown } | undefined)?.statusCode ?? 200
  const status = parseFinalStatus(given)
  // Not a final status (0, 1xx, 600, 1000, NaN, '200abc'): a malformed reply, refused as an
  // integration error is. A 3xx is not an error status: 403.
  if (status === undefined)
    return {
      error: new ConnectionError(500, 'InternalServerErrorException', 'Internal server error'),
      counter: 'IntegrationError',
    }
  if (status >= 300)
    return {
      error: new ConnectionError(status >= 400 ? status : 403, 'Forbidden', 'Forbidden'),
      counter: 'IntegrationError',
    }
  return undefined
}

/**
 * Runs `$disconnect` for a closed connection and records it.
 *
 * @param runtime - the gateway's routes and stage
 * @param connection - the connection
 * @param code - the close code
 * @param reason - the close reason
 */
export async function runDisconnect(
  runtime: MessageRuntime,
  connection: Connection,
  code: number,
  reason: string,
): Promise<void> {
  const { deps, stage } = runtime
  const now = deps.now()
  const requestContext = buildWebSocketRequestContext(
    runtime.place,
    connection,
    '$disconnect',
    'DISCONNECT',
    createExtendedRequestId(deps.random),
    now,
  )
  const startedAt = deps.now()
  const outcome = await runtime.invoke(
    '$disconnect',
    buildWebSocketDisconnectEvent(connection.host, {
      ...requestContext,
      disconnectStatusCode: code,
      disconnectReason: reason,
    }),
  )
  observeWebSocketEvent(
    stage,
    new WebSocketRequest(connection, stage, deps, requestContext),
    outcome ? integrationOutcome(deps, outcome, startedAt) : { status: 200 },
  )
}
