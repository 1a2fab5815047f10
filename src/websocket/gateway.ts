/**
 * WebSocket APIs: routes (`$connect`, `$disconnect`, `$default`, custom keys) chosen by the
 * `routeSelectionExpression`, Lambda integrations with the WebSocket event shape, two-way
 * routes, `$connect` rejection, the `@connections` operations, idle timeout and maximum
 * connection duration on the injected clock, and the message size limit. Transport-free: the
 * `portico/ws` adapter puts it on real sockets; tests can drive it in-process.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api.html
 */
import { Buffer } from 'node:buffer'
import { depsFromOptions } from '../core/index.js'
import { planTemplateWebSocket } from '../template/index.js'
import { RequestHeaders } from '../core/index.js'
import { createExtendedRequestId, stableId } from '../core/index.js'
import { REQUEST_LIMITS } from '../core/index.js'
import { parseQueryString } from '../core/index.js'
import type { Deps } from '../core/index.js'
import { ConfigError } from '../errors.js'
import { parseFunctionReference } from '../integrations/index.js'
import {
  buildWebSocketConnectEvent,
  buildWebSocketRequestContext,
  type WebSocketConnectEvent,
} from '../lambda-events/index.js'
import { compileWebSocketAuthorizer } from './authorizer.js'
import { createStageRuntime } from '../stages/index.js'
import {
  connectRefusal,
  receiveMessage,
  routeInvoker,
  runDisconnect,
  type Connection,
  type MessageRuntime,
} from './events.js'
import { integrationOutcome, observeWebSocketEvent, type WebSocketEventOutcome } from './observe.js'
import { compileRouteSelection } from './route-selection.js'
import { WebSocketRequest } from './request.js'
import {
  ConnectionError,
  type ConnectionInfo,
  type WebSocketGateway,
  type WebSocketGatewayOptions,
  type WebSocketDefinitionOptions,
} from './types.js'

export { ConnectionError } from './types.js'
import { isConnectionError } from './types.js'
export type {
  ConnectionInfo,
  ConnectionRelay,
  ConnectionTransport,
  ConnectRequest,
  WebSocketApiDefinition,
  WebSocketGateway,
  WebSocketGatewayOptions,
  WebSocketRoute,
} from './types.js'

/** The injected world of each gateway `createWebSocketGateway` made (clock for SigV4, logger). */
const worlds = new WeakMap<WebSocketGateway, Deps>()

/**
 * The injected world (`now`, `logger`, …) a gateway was created with, for the `@connections`
 * API and `portico/ws`; undefined for a gateway made elsewhere.
 *
 * @internal
 */
export function depsOf(gateway: WebSocketGateway): Deps | undefined {
  return worlds.get(gateway)
}

const GONE = (id: string) =>
  new ConnectionError(410, 'GoneException', `No connection with id ${id}`)

/**
 * Creates a WebSocket API gateway.
 *
 * @example
 * ```ts
 * const ws = createWebSocketGateway({
 *   api: { routes: { $connect: { lambda: 'Connect' }, join: { lambda: 'Join' }, $default: { lambda: 'Echo' } } },
 *   lambdas: { Connect, Join, Echo },
 * })
 * ```
 *
 * @param input - the routes, handlers, stage and injected world
 * @returns the gateway
 * @throws ConfigError for a bad route selection expression or an unknown function
 */
export function createWebSocketGateway(input: WebSocketGatewayOptions): WebSocketGateway {
  const options =
    planTemplateWebSocket(input, depsFromOptions(input)) ?? (input as WebSocketDefinitionOptions)
  const deps = depsFromOptions(options)
  // Metrics, access logs and variables, as every API kind's stage has them.
  const stage = createStageRuntime(
    options.stage,
    {},
    {
      apiName: options.api.name ?? 'websocket',
      kind: 'WEBSOCKET',
      ...(options.onMetrics ? { onMetrics: options.onMetrics } : {}),
      ...(options.accessLog ? { accessLog: options.accessLog } : {}),
    },
  )
  const stageName = stage.name
  const apiId = options.apiId ?? stableId(options.api.name ?? 'websocket', 10)
  const accountId = options.accountId ?? '123456789012'
  const region = options.region ?? 'us-east-1'
  const idleMs = options.idleTimeoutMs ?? 10 * 60 * 1000
  const maxMs = options.maxConnectionMs ?? 2 * 60 * 60 * 1000
  const maxBytes = byteLimit(
    options.maxMessageBytes,
    REQUEST_LIMITS.WEBSOCKET.maxBodyBytes,
    'maxMessageBytes',
  )
  const maxFrameBytes = byteLimit(options.maxFrameBytes, 32 * 1024, 'maxFrameBytes')
  const selectRoute = compileRouteSelection(
    options.api.routeSelectionExpression ?? '$request.body.action',
    options.api.routes,
  )
  for (const [key, route] of Object.entries(options.api.routes)) {
    if (typeof route.lambda !== 'string' || route.lambda === '')
      throw new ConfigError(
        `routes.${key}.lambda`,
        'is required: Portico serves WebSocket routes with a Lambda (AWS_PROXY) integration only; MOCK, HTTP and AWS integrations are not served',
      )
    if (!parseFunctionReference(route.lambda, accountId, region))
      throw new ConfigError(
        `routes.${key}.lambda`,
        `not a function name or ARN: ${JSON.stringify(route.lambda)}`,
      )
  }
  const live = new Map<string, Connection>()

  const place = {
    apiId,
    stage: stageName,
    domainName: `${apiId}.execute-api.${region}.amazonaws.com`,
  }

  /** The `$connect` authorizer: resolves with its context, or rejects with the refusal. */
  const authorizeConnect = options.api.authorizer
    ? compileWebSocketAuthorizer(options.api.authorizer, {
        lambdas: options.lambdas ?? {},
        accountId,
        region,
        place,
        stageVariables: options.stage?.variables ?? {},
        deps,
      })
    : undefined

  const invoke = routeInvoker(options.api.routes, options.lambdas ?? {}, accountId, region, deps)
  const relay = options.relay
  const infoOf = (connection: Connection): ConnectionInfo => ({
    connectedAt: new Date(connection.connectedAt).toISOString(),
    identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
    lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
  })
  const checkSize = (text: string): void => {
    if (Buffer.byteLength(text) > maxBytes)
      throw new ConnectionError(413, 'PayloadTooLargeException', 'Message too long')
  }
  relay?.subscribe((connectionId, operation) => {
    const connection = live.get(connectionId)
    if (!connection) return
    if (operation.post !== undefined) sendTo(connection, operation.post)
    if (operation.delete) close(connection, 1000, 'Closed by the @connections API')
  })

  const close = (connection: Connection, code: number, reason: string): void => {
    if (!live.delete(connection.id)) return
    void relay?.unregister(connection.id).catch(() => undefined)
    connection.cancelIdle()
    connection.cancelMax()
    try {
      connection.transport.close(code, reason)
    } catch {
      // already closed
    }
    runDisconnect(runtime, connection, code, reason).catch((error: unknown) =>
      deps.logger.error(`WebSocket $disconnect failed: ${String(error)}`),
    )
  }

  /**
   * Traffic on the connection, in either direction: the idle timer starts again. AWS counts
   * messages the server sends (`@connections`, route responses) as well as the client's (a
   * recorded wscat session, hotsock keep-alive docs; subscriptionless#3).
   */
  const touch = (connection: Connection): void => {
    connection.lastActiveAt = deps.now()
    connection.cancelIdle()
    connection.cancelIdle = deps.setTimer(idleMs, () => close(connection, 1001, 'Going away'))
  }

  const sendTo = (connection: Connection, data: string): void => {
    try {
      connection.transport.send(data)
    } catch {
      close(connection, 1006, 'Send failed')
      return
    }
    if (live.has(connection.id)) touch(connection)
  }

  const runtime: MessageRuntime = {
    routes: options.api.routes,
    deps,
    stage,
    place,
    maxBytes,
    selectRoute,
    invoke,
    close,
    sendTo,
    isLive: (id) => live.has(id),
  }

  const gateway: WebSocketGateway = {
    stageName,
    apiId,
    maxMessageBytes: maxBytes,
    maxFrameBytes,
    async connect(request, transport) {
      const now = deps.now()
      // Like AWS's ids (16 characters of base64), without the characters URLs would escape.
      const id = createExtendedRequestId(deps.random).replace(/[+/]/g, 'A')
      const headers = new RequestHeaders(request.rawHeaders ?? request.headers)
      const rawQuery = request.query ?? ''
      const query = parseQueryString(rawQuery)
      const upgrade = { headers, query, rawQuery, sourceIp: request.sourceIp ?? '127.0.0.1' }
      const userAgent = headers.get('user-agent') ?? null
      let observed: WebSocketRequest | undefined
      let result: WebSocketEventOutcome = { status: 200 }
      const base = {
        id,
        connectedAt: now,
        sourceIp: upgrade.sourceIp,
        userAgent,
        authorizer: undefined as Record<string, unknown> | undefined,
      }
      const view = () =>
        new WebSocketRequest(
          upgrade,
          stage,
          deps,
          buildWebSocketRequestContext(
            place,
            base,
            '$connect',
            'CONNECT',
            createExtendedRequestId(deps.random),
            now,
          ),
        )
      try {
        if (authorizeConnect)
          base.authorizer = await authorizeConnect({
            id,
            connectedAt: now,
            sourceIp: upgrade.sourceIp,
            userAgent,
            headers,
            query,
          })
        observed = view()
        const requestContext = observed.requestContext as WebSocketConnectEvent['requestContext']
        const startedAt = deps.now()
        const outcome = await invoke(
          '$connect',
          buildWebSocketConnectEvent(headers, query, requestContext),
        )
        if (outcome) {
          result = integrationOutcome(deps, outcome, startedAt)
          const refusal = connectRefusal(outcome)
          if (refusal) {
            result = { ...result, error: refusal.counter }
            throw refusal.error
          }
        }
      } catch (error) {
        // Refused by the authorizer (before the integration) or by the integration.
        const status = isConnectionError(error) ? error.statusCode : 500
        observeWebSocketEvent(stage, observed ?? view(), {
          ...result,
          status,
          error: result.error ?? (observed || status >= 500 ? 'ExecutionError' : 'ClientError'),
        })
        throw error
      }
      observeWebSocketEvent(stage, observed, result)
      const connection: Connection = {
        ...base,
        transport,
        lastActiveAt: now,
        host: headers.get('host') ?? place.domainName,
        headers,
        query,
        rawQuery,
        cancelIdle: () => {},
        cancelMax: deps.setTimer(maxMs, () => close(connection, 1001, 'Going away')),
      }
      live.set(connection.id, connection)
      touch(connection)
      if (relay) await relay.register(connection.id, infoOf(connection)).catch(() => undefined)
      return connection.id
    },

    async receive(connectionId, data) {
      const connection = live.get(connectionId)
      if (!connection) return
      touch(connection)
      if (typeof data !== 'string') {
        // A binary frame: WebSocket APIs take text only; AWS closes with 1003 and routes nothing
        // (spec/websocket.md §9, AWS "binary media types for WebSocket APIs").
        close(connection, 1003, 'Binary frames are not supported')
        return
      }
      await receiveMessage(runtime, connection, data)
    },

    async disconnected(connectionId, code = 1000, reason = '') {
      const connection = live.get(connectionId)
      if (!connection) return
      live.delete(connectionId)
      void relay?.unregister(connectionId).catch(() => undefined)
      connection.cancelIdle()
      connection.cancelMax()
      await runDisconnect(runtime, connection, code, reason)
    },

    postToConnection(connectionId, data) {
      const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8')
      checkSize(text)
      const connection = live.get(connectionId)
      if (connection) {
        sendTo(connection, text)
        return
      }
      if (!relay) throw GONE(connectionId)
      return relay.lookup(connectionId).then((info) => {
        if (!info) throw GONE(connectionId)
        return relay.publish(connectionId, { post: text })
      })
    },

    getConnection(connectionId) {
      const connection = live.get(connectionId)
      if (connection) return infoOf(connection)
      if (!relay) throw GONE(connectionId)
      return relay.lookup(connectionId).then((info) => {
        if (!info) throw GONE(connectionId)
        return info
      })
    },

    deleteConnection(connectionId) {
      const connection = live.get(connectionId)
      if (connection) {
        close(connection, 1000, 'Closed by the @connections API')
        return
      }
      if (!relay) throw GONE(connectionId)
      return relay.lookup(connectionId).then((info) => {
        if (!info) throw GONE(connectionId)
        return relay.publish(connectionId, { delete: true })
      })
    },

    connections: () => [...live.keys()],
    metrics: () => stage.metrics.snapshot(),
  }
  worlds.set(gateway, deps)
  return gateway
}

export { openTestClient, type TestClient } from './test-client.js'

/** A size limit option: a positive whole number of bytes (NaN would switch a check off). */
function byteLimit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < 1)
    throw new ConfigError(name, `must be a positive whole number of bytes, got ${String(value)}`)
  return value
}
