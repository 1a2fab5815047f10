/**
 * WebSocket APIs: routes (`$connect`, `$disconnect`, `$default`, custom keys) chosen by the
 * `routeSelectionExpression`, Lambda integrations with the WebSocket event shape, two-way
 * routes, `$connect` rejection, the `@connections` operations, idle timeout and maximum
 * connection duration on the injected clock, and the message size limit. Transport-free: the
 * `portico/ws` adapter puts it on real sockets; tests can drive it in-process.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api.html
 */
import { getOwn } from '../core/own-property.js'
import { parseClientJson } from '../core/json-nesting.js'
import { Buffer } from 'node:buffer'
import { depsFromOptions } from '../core/deps.js'
import { planTemplateWebSocket } from '../template/template-gateway.js'
import { RequestHeaders } from '../core/headers.js'
import { createExtendedRequestId, stableId } from '../core/ids.js'
import { parseQueryString } from '../core/query.js'
import type { CancelTimer, Deps } from '../core/types.js'
import { ConfigError } from '../errors.js'
import {
  invokeHandler,
  parseFunctionReference,
  resolveHandler,
} from '../integrations/lambda-invoke.js'
import { parseFinalStatus } from '../integrations/lambda-proxy-response.js'
import {
  buildWebSocketAuthorizerEvent,
  buildWebSocketConnectEvent,
  buildWebSocketDisconnectEvent,
  buildWebSocketMessageEvent,
  buildWebSocketRequestContext,
  type WebSocketEvent,
} from '../lambda-events/index.js'
import { evaluatePolicy } from '../auth/policy.js'
import {
  ConnectionError,
  type ConnectionInfo,
  type ConnectionTransport,
  type ConnectRequest,
  type WebSocketApiDefinition,
  type WebSocketGateway,
  type WebSocketGatewayOptions,
  type WebSocketDefinitionOptions,
} from './types.js'

export { ConnectionError } from './types.js'
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

interface Connection {
  readonly id: string
  readonly authorizer: Record<string, unknown> | undefined
  readonly transport: ConnectionTransport
  readonly connectedAt: number
  lastActiveAt: number
  readonly sourceIp: string
  readonly userAgent: string | null
  readonly headers: RequestHeaders
  cancelIdle: CancelTimer
  readonly cancelMax: CancelTimer
}

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
 * @param options - the routes, handlers, stage and injected world
 * @returns the gateway
 * @throws ConfigError for a bad route selection expression or an unknown function
 */
export function createWebSocketGateway(input: WebSocketGatewayOptions): WebSocketGateway {
  const options =
    planTemplateWebSocket(input, depsFromOptions(input)) ?? (input as WebSocketDefinitionOptions)
  const deps = depsFromOptions(options)
  const stageName = options.stage?.name ?? 'dev'
  const apiId = options.apiId ?? stableId(options.api.name ?? 'websocket', 10)
  const accountId = options.accountId ?? '123456789012'
  const region = options.region ?? 'us-east-1'
  const idleMs = options.idleTimeoutMs ?? 10 * 60 * 1000
  const maxMs = options.maxConnectionMs ?? 2 * 60 * 60 * 1000
  const maxBytes = options.maxMessageBytes ?? 128 * 1024
  const expression = options.api.routeSelectionExpression ?? '$request.body.action'
  const selection = /^\$request\.body\.([A-Za-z0-9_$-]+(?:\.[A-Za-z0-9_$-]+)*)$/.exec(expression)
  if (!selection)
    throw new ConfigError(
      'routeSelectionExpression',
      `unsupported expression ${JSON.stringify(expression)} ($request.body.<path>)`,
    )
  const selectionPath = (selection[1] as string).split('.')
  for (const [key, route] of Object.entries(options.api.routes)) {
    if (!parseFunctionReference(route.lambda, accountId, region))
      throw new ConfigError(`routes.${key}.lambda`, `not a function name or ARN: ${route.lambda}`)
  }
  const live = new Map<string, Connection>()

  const place = {
    apiId,
    stage: stageName,
    domainName: `${apiId}.execute-api.${region}.amazonaws.com`,
  }

  /** Runs the `$connect` authorizer; resolves with its context, or throws the refusal. */
  const authorizeConnect = async (
    authorizer: NonNullable<WebSocketApiDefinition['authorizer']>,
    id: string,
    headers: RequestHeaders,
    query: ReturnType<typeof parseQueryString>,
    now: number,
    request: ConnectRequest,
  ): Promise<Record<string, unknown>> => {
    const identity: string[] = []
    for (const source of authorizer.identitySource) {
      const match = /^route\.request\.(header|querystring)\.(.+)$/.exec(source)
      const value = match
        ? match[1] === 'header'
          ? headers.get(match[2] as string)
          : query.single
            ? getOwn(query.single, match[2] as string)
            : undefined
        : undefined
      if (value === undefined || value === '')
        throw new ConnectionError(401, 'Unauthorized', 'Unauthorized')
      identity.push(value)
    }
    const target = parseFunctionReference(authorizer.lambda, accountId, region)
    const handler = target && resolveHandler(options.lambdas ?? {}, target)
    if (!target || !handler)
      throw new ConnectionError(500, 'InternalServerErrorException', 'Internal server error')
    const methodArn = `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stageName}/$connect`
    const base = {
      id,
      connectedAt: now,
      sourceIp: request.sourceIp ?? '127.0.0.1',
      userAgent: headers.get('user-agent') ?? null,
      authorizer: undefined,
    }
    const outcome = await invokeHandler(
      handler,
      target,
      buildWebSocketAuthorizerEvent(
        methodArn,
        headers,
        query,
        buildWebSocketRequestContext(
          place,
          base,
          '$connect',
          'CONNECT',
          createExtendedRequestId(deps.random),
          now,
        ),
      ),
      id,
      10_000,
      deps,
    )
    if (
      outcome.kind === 'error' &&
      (outcome.error === 'Unauthorized' || (outcome.error as Error)?.message === 'Unauthorized')
    )
      throw new ConnectionError(401, 'Unauthorized', 'Unauthorized')
    if (outcome.kind !== 'result' || outcome.value === null || typeof outcome.value !== 'object')
      throw new ConnectionError(500, 'InternalServerErrorException', 'Internal server error')
    const output = outcome.value as Record<string, unknown>
    if (evaluatePolicy(output['policyDocument'], methodArn) !== 'ALLOW')
      throw new ConnectionError(403, 'Forbidden', 'Forbidden')
    const values: Record<string, unknown> = { principalId: output['principalId'] ?? '' }
    const extra = output['context']
    if (extra && typeof extra === 'object')
      for (const [key, value] of Object.entries(extra as Record<string, unknown>))
        Object.defineProperty(values, key, { value: String(value), enumerable: true })
    return values
  }

  const invoke = async (routeKey: string, event: WebSocketEvent) => {
    const route = options.api.routes[routeKey]
    if (!route) return undefined
    const target = parseFunctionReference(route.lambda, accountId, region)
    const handler = target && resolveHandler(options.lambdas ?? {}, target)
    if (!target || !handler) {
      deps.logger.error(`no handler for WebSocket route ${routeKey} (${route.lambda})`)
      return { kind: 'error' as const, error: new Error('no handler') }
    }
    return invokeHandler(handler, target, event, event.requestContext.requestId, 29_000, deps)
  }

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
    runDisconnect(connection, code, reason).catch((error: unknown) =>
      deps.logger.error(`WebSocket $disconnect failed: ${String(error)}`),
    )
  }

  const runDisconnect = async (connection: Connection, code: number, reason: string) => {
    const now = deps.now()
    const requestContext = buildWebSocketRequestContext(
      place,
      connection,
      '$disconnect',
      'DISCONNECT',
      createExtendedRequestId(deps.random),
      now,
    )
    await invoke(
      '$disconnect',
      buildWebSocketDisconnectEvent(connection.headers, {
        ...requestContext,
        disconnectStatusCode: code,
        disconnectReason: reason,
      }),
    )
  }

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
    }
  }

  const gateway: WebSocketGateway = {
    stageName,
    apiId,
    maxMessageBytes: maxBytes,
    async connect(request, transport) {
      const now = deps.now()
      // Like AWS's ids (16 characters of base64), without the characters URLs would escape.
      const id = createExtendedRequestId(deps.random).replace(/[+/]/g, 'A')
      const headers = new RequestHeaders(request.rawHeaders ?? request.headers)
      const query = parseQueryString(request.query ?? '')
      const base = {
        id,
        connectedAt: now,
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers.get('user-agent') ?? null,
        authorizer: options.api.authorizer
          ? await authorizeConnect(options.api.authorizer, id, headers, query, now, request)
          : undefined,
      }
      const outcome = await invoke(
        '$connect',
        buildWebSocketConnectEvent(
          headers,
          query,
          buildWebSocketRequestContext(
            place,
            base,
            '$connect',
            'CONNECT',
            createExtendedRequestId(deps.random),
            now,
          ),
        ),
      )
      if (outcome) {
        if (outcome.kind !== 'result')
          throw new ConnectionError(
            outcome.kind === 'timeout' ? 504 : 500,
            'InternalServerErrorException',
            'Internal server error',
          )
        const given = (outcome.value as { statusCode?: unknown } | undefined)?.statusCode ?? 200
        const status = parseFinalStatus(given)
        // Not a final status (0, 1xx, 600, 1000, NaN, '200abc'): a malformed reply, refused as
        // an integration error is. A 3xx is not an error status: 403.
        if (status === undefined)
          throw new ConnectionError(500, 'InternalServerErrorException', 'Internal server error')
        if (status >= 300)
          throw new ConnectionError(status >= 400 ? status : 403, 'Forbidden', 'Forbidden')
      }
      const connection: Connection = {
        ...base,
        transport,
        lastActiveAt: now,
        headers,
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
      const text = typeof data === 'string' ? data : data.toString('utf8')
      if (Buffer.byteLength(text) > maxBytes) {
        close(connection, 1009, 'Message too big')
        return
      }
      let routeKey = '$default'
      try {
        let value: unknown = parseClientJson(text)
        for (const key of selectionPath)
          value =
            value !== null && typeof value === 'object'
              ? (value as Record<string, unknown>)[key]
              : undefined
        if (typeof value === 'string' && Object.hasOwn(options.api.routes, value)) routeKey = value
      } catch {
        // not JSON: $default
      }
      const now = deps.now()
      const requestContext = {
        ...buildWebSocketRequestContext(
          place,
          connection,
          routeKey,
          'MESSAGE',
          createExtendedRequestId(deps.random),
          now,
        ),
        messageId: createExtendedRequestId(deps.random),
      }
      if (!options.api.routes[routeKey]) {
        sendTo(
          connection,
          JSON.stringify({
            message: 'Forbidden',
            connectionId,
            requestId: requestContext.requestId,
          }),
        )
        return
      }
      const outcome = await invoke(routeKey, buildWebSocketMessageEvent(requestContext, text))
      if (!outcome || outcome.kind !== 'result') {
        sendTo(
          connection,
          JSON.stringify({
            message: 'Internal server error',
            connectionId,
            requestId: requestContext.requestId,
          }),
        )
        return
      }
      if (
        options.api.routes[routeKey]?.routeResponseSelectionExpression === '$default' &&
        live.has(connectionId)
      ) {
        const value = outcome.value as { body?: unknown } | string | undefined
        const body = typeof value === 'string' ? value : value?.body
        if (body !== undefined && body !== null)
          sendTo(connection, typeof body === 'string' ? body : JSON.stringify(body))
      }
    },

    async disconnected(connectionId, code = 1000, reason = '') {
      const connection = live.get(connectionId)
      if (!connection) return
      live.delete(connectionId)
      void relay?.unregister(connectionId).catch(() => undefined)
      connection.cancelIdle()
      connection.cancelMax()
      await runDisconnect(connection, code, reason)
    },

    postToConnection(connectionId, data) {
      const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8')
      checkSize(text)
      const connection = live.get(connectionId)
      if (connection) return sendTo(connection, text)
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
      if (connection) return close(connection, 1000, 'Closed by the @connections API')
      if (!relay) throw GONE(connectionId)
      return relay.lookup(connectionId).then((info) => {
        if (!info) throw GONE(connectionId)
        return relay.publish(connectionId, { delete: true })
      })
    },

    connections: () => [...live.keys()],
  }
  worlds.set(gateway, deps)
  return gateway
}

export { openTestClient, type TestClient } from './test-client.js'
