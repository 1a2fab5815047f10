/**
 * The shapes of WebSocket APIs: definitions, options, the gateway, transports, relays, and the
 * `@connections` error.
 *
 * @module
 */
import type { Buffer } from 'node:buffer'
import { PorticoError, brandError, hasErrorBrand } from '../errors.js'
import type { LambdaHandlers } from '../integrations/index.js'
import type { TemplateApi, TemplateGatewayOptions } from '../template/index.js'
import type { CancelTimer, HeaderInput, Logger } from '../core/index.js'
import type { MetricsSnapshot, RequestMetrics } from '../observability/index.js'

/** A route: the Lambda function it invokes, and whether its reply goes back to the client. */
export interface WebSocketRoute {
  /** Function name or ARN in `options.lambdas`. */
  lambda: string
  /** Two-way route: the function's `body` is sent back (AWS's `routeResponseSelectionExpression: $default`). */
  routeResponseSelectionExpression?: '$default'
}

/** A WebSocket API definition. */
export interface WebSocketApiDefinition {
  name?: string
  /** e.g. `$request.body.action` or `$request.body.message.type`. @default `$request.body.action` */
  routeSelectionExpression?: string
  /** Routes by key: `$connect`, `$disconnect`, `$default`, or a custom key. */
  routes: Record<string, WebSocketRoute>
  /**
   * A Lambda REQUEST authorizer on `$connect`: identity sources `route.request.header.X`,
   * `route.request.querystring.X`, `stageVariables.X` or `context.X` (another form is a
   * `ConfigError`; a missing value refuses the handshake with 401 without a call); the returned
   * policy must allow the `$connect` ARN (Deny: 403; a failure or malformed output: 500); its
   * context (string, number or boolean values) reaches every event of the connection in
   * `requestContext.authorizer`. Results are not cached (as AWS).
   */
  authorizer?: { lambda: string; identitySource: string[] }
}

/** Options of `createWebSocketGateway`. */
export interface WebSocketGatewayOptions extends TemplateGatewayOptions {
  /**
   * The API: a definition, or a CloudFormation / SAM template (object, JSON or YAML text) with
   * an `AWS::ApiGatewayV2::Api` of `ProtocolType: WEBSOCKET`, or such an API from
   * `importTemplate` (its functions become the handlers; see docs/templates.md).
   */
  api: WebSocketApiDefinition | TemplateApi | Record<string, unknown> | string
  lambdas?: LambdaHandlers
  /**
   * The stage: name, variables, and `accessLogSettings.format` (WebSocket `$context`
   * variables; lines go to `accessLog`).
   */
  stage?: {
    name?: string
    variables?: Record<string, string>
    accessLogSettings?: { format?: string; destinationArn?: string }
  }
  /** Receives one access-log line per event when the stage has `accessLogSettings.format`. */
  accessLog?: (line: string) => void
  /** Receives each event's metrics (WebSocket names: ConnectCount, MessageCount, …). */
  onMetrics?: (metrics: RequestMetrics) => void
  apiId?: string
  accountId?: string
  region?: string
  /** Epoch milliseconds. @default Date.now */
  now?: () => number
  /** A number in [0, 1), for ids. @default Math.random */
  random?: () => number
  clock?: {
    /** The time in epoch milliseconds. */
    now(): number
    /** Calls `fn` once after `ms` milliseconds; returns its cancel function. */
    setTimer(ms: number, fn: () => void): CancelTimer
  }
  logger?: Logger
  /** Close a connection idle this long. @default 10 minutes (AWS) */
  idleTimeoutMs?: number
  /** Close a connection this long after it opened. @default 2 hours (AWS) */
  maxConnectionMs?: number
  /** Largest message accepted. @default 128 KB (AWS) */
  maxMessageBytes?: number
  /**
   * Largest single frame accepted; a longer message must come in several frames.
   * @default 32 KB (AWS)
   */
  maxFrameBytes?: number
  /** Shares connections with other gateway processes (e.g. `createRedisRelay`). */
  relay?: ConnectionRelay
}

/** The options once `api` is a definition. */
export type WebSocketDefinitionOptions = WebSocketGatewayOptions & { api: WebSocketApiDefinition }

/** What a transport gives the gateway for each connection. */
export interface ConnectionTransport {
  /** Sends a text frame to the client. */
  send(data: string): void
  /** Closes the socket (code and reason as in WebSocket close frames). */
  close(code: number, reason: string): void
}

/** The handshake of a new connection. */
export interface ConnectRequest {
  headers?: HeaderInput
  /**
   * Headers as Node's `req.rawHeaders` flat list (`[name, value, ...]`), read instead of
   * `headers` when given; adapters pass it to save a copy.
   */
  rawHeaders?: readonly string[]
  /** Query string without `?`, e.g. `token=abc`. */
  query?: string
  sourceIp?: string
}

/** A connection as `GET @connections/{id}` reports it. */
export interface ConnectionInfo {
  connectedAt: string
  identity: { sourceIp: string; userAgent: string | null }
  lastActiveAt: string
}

/**
 * Shares connections between gateway processes: each registers the connections it holds, and
 * `@connections` calls for a connection held elsewhere are relayed to its holder (the Redis
 * relay of `portico/redis` uses pub/sub).
 */
export interface ConnectionRelay {
  /** Records a connection this process holds. */
  register(connectionId: string, info: ConnectionInfo): Promise<void>
  /** Forgets a connection. */
  unregister(connectionId: string): Promise<void>
  /** A connection's info wherever it is held, or undefined. */
  lookup(connectionId: string): Promise<ConnectionInfo | undefined>
  /** Sends an operation to the process holding a connection. */
  publish(connectionId: string, operation: { post?: string; delete?: true }): Promise<void>
  /** Receives operations for connections (each process filters its own). */
  subscribe(
    handler: (connectionId: string, operation: { post?: string; delete?: true }) => void,
  ): void
}

/**
 * Why `@connections` refused (code `ERR_PORTICO_CONNECTION`): `statusCode` and `errorType` are
 * the HTTP status and `x-amzn-ErrorType` the `@connections` API answers, e.g. 410 `GoneException`.
 * A {@link ConnectionRelay} may throw it to refuse an operation.
 */
export class ConnectionError extends PorticoError {
  override name = 'ConnectionError'
  readonly statusCode: number
  readonly errorType: string
  constructor(statusCode: number, errorType: string, message: string) {
    super(message, 'ERR_PORTICO_CONNECTION')
    this.statusCode = statusCode
    this.errorType = errorType
    brandError(this, 'ConnectionError')
  }
}

/**
 * Whether `value` is a {@link ConnectionError}, also one thrown from another copy of the package
 * (e.g. by a {@link ConnectionRelay} that imports its own `portico`).
 *
 * @param value - anything caught
 * @returns true for a `ConnectionError` (it has `statusCode` and `errorType`)
 */
export function isConnectionError(value: unknown): value is ConnectionError {
  return value instanceof ConnectionError || hasErrorBrand(value, 'ConnectionError')
}

/** A WebSocket API gateway. */
export interface WebSocketGateway {
  readonly stageName: string
  readonly apiId: string
  /**
   * The largest message accepted, in bytes (`options.maxMessageBytes`, 128 KB by default);
   * `portico/ws` gives it to the socket layer as the frame limit (close 1009 past it).
   */
  readonly maxMessageBytes?: number
  /**
   * The largest frame accepted, in bytes (`options.maxFrameBytes`, 32 KB by default, AWS's
   * quota); `portico/ws` closes a connection that sends a longer frame with 1009.
   */
  readonly maxFrameBytes?: number
  /**
   * Opens a connection: runs `$connect`. Resolves with the connection id, or rejects with a
   * {@link ConnectionError} carrying the status the handshake answers: the function's status
   * when it is 400–599, 403 for another final status that is not 2xx, 500 when the reply's
   * `statusCode` is no final status (e.g. 600) or the function failed, 504 when it timed out.
   */
  connect(request: ConnectRequest, transport: ConnectionTransport): Promise<string>
  /**
   * A message from the client: a string for a text frame. A `Buffer` is a binary frame, which
   * WebSocket APIs do not route: the connection is closed with 1003 and no integration runs.
   * Messages and sends both restart the idle timer.
   */
  receive(connectionId: string, data: string | Buffer): Promise<void>
  /** The client went away: runs `$disconnect`. */
  disconnected(connectionId: string, code?: number, reason?: string): Promise<void>
  /**
   * `POST @connections/{id}`: sends data to a client (410 GoneException when it has gone). With
   * a relay, a connection held by another process is reached through it (then it is a promise).
   */
  postToConnection(connectionId: string, data: string | Uint8Array): void | Promise<void>
  /** `GET @connections/{id}`. */
  getConnection(connectionId: string): ConnectionInfo | Promise<ConnectionInfo>
  /** `DELETE @connections/{id}`: closes the connection. */
  deleteConnection(connectionId: string): void | Promise<void>
  /** Ids of the open connections. */
  connections(): string[]
  /** The stage's metrics so far (ConnectCount, MessageCount, ClientError, …). */
  metrics?(): MetricsSnapshot
}
