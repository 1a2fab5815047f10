/**
 * The events of WebSocket APIs: CONNECT, MESSAGE and DISCONNECT Lambda proxy events and the
 * `$connect` REQUEST authorizer event (shapes recorded from AWS, spec/websocket.md §5–6).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mapping-template-reference.html
 */
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda'
import type { AwsWebSocketContext } from './aws-shapes.js'
import type { RequestHeaders } from '../core/index.js'
import type { QueryParameters } from '../core/index.js'
import { formatClfTime } from '../core/index.js'

/** `requestContext` of WebSocket events. */
export interface WebSocketRequestContext {
  routeKey: string
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT'
  extendedRequestId: string
  requestTime: string
  messageDirection: 'IN'
  stage: string
  connectedAt: number
  requestTimeEpoch: number
  identity: { sourceIp: string; userAgent: string | null }
  /** Equals `extendedRequestId`. */
  requestId: string
  domainName: string
  connectionId: string
  apiId: string
  /** The `$connect` authorizer's `principalId` and context values (as strings). */
  authorizer?: Record<string, unknown>
  /** MESSAGE only. */
  messageId?: string
  /** DISCONNECT only: the WebSocket close code. */
  disconnectStatusCode?: number
  /** DISCONNECT only. */
  disconnectReason?: string
}

/** The `$connect` event: the upgrade request's headers and query string, no body. */
export interface WebSocketConnectEvent {
  headers: Record<string, string>
  multiValueHeaders: Record<string, string[]>
  queryStringParameters?: Record<string, string>
  multiValueQueryStringParameters?: Record<string, string[]>
  requestContext: WebSocketRequestContext & { eventType: 'CONNECT' }
  isBase64Encoded: false
}

/**
 * A message event: the frame's text, no headers.
 *
 * @example
 * ```ts
 * const onJoin: LambdaHandler<WebSocketMessageEvent> = async (event) => ({
 *   statusCode: 200,
 *   body: `joined ${event.requestContext.connectionId}`,
 * })
 * ```
 */
export interface WebSocketMessageEvent {
  requestContext: WebSocketRequestContext & { eventType: 'MESSAGE'; messageId: string }
  body: string
  isBase64Encoded: boolean
}

/**
 * The `$disconnect` event: a fixed set of headers (not the handshake's), the close code and
 * reason. Recorded by CloudWatch in aws/aws-lambda-go
 * `events/testdata/apigw-websocket-request-disconnect.json`.
 */
export interface WebSocketDisconnectEvent {
  /** `Host`, `x-api-key` (empty), `X-Forwarded-For` (empty), `x-restapi` (empty). */
  headers: Record<string, string>
  multiValueHeaders: Record<string, string[]>
  requestContext: WebSocketRequestContext & {
    eventType: 'DISCONNECT'
    disconnectStatusCode: number
    disconnectReason: string
  }
  isBase64Encoded: false
}

/** Any WebSocket proxy event (narrow on `requestContext.eventType`). */
export type WebSocketEvent =
  | WebSocketConnectEvent
  | WebSocketMessageEvent
  | WebSocketDisconnectEvent

/** The `$connect` REQUEST authorizer's event (no path: `methodArn` ends in `/$connect`). */
export interface WebSocketAuthorizerEvent {
  type: 'REQUEST'
  methodArn: string
  headers: Record<string, string>
  multiValueHeaders: Record<string, string[]>
  queryStringParameters: Record<string, string>
  multiValueQueryStringParameters: Record<string, string[]>
  stageVariables: Record<string, string>
  requestContext: WebSocketRequestContext & { eventType: 'CONNECT' }
}

/** The connection an event is about. */
export interface WebSocketEventSource {
  readonly id: string
  readonly connectedAt: number
  readonly sourceIp: string
  readonly userAgent: string | null
  readonly authorizer: Record<string, unknown> | undefined
}

/** Where the API is. */
export interface WebSocketApiPlace {
  readonly apiId: string
  readonly stage: string
  /** `{apiId}.execute-api.{region}.amazonaws.com`. */
  readonly domainName: string
}

/**
 * `requestContext` for one event.
 *
 * @param place - the API and stage
 * @param connection - the connection
 * @param routeKey - the route
 * @param eventType - the event type
 * @param requestId - the request's id (also `extendedRequestId`)
 * @param now - the request time (epoch ms)
 * @returns the context
 */
export function buildWebSocketRequestContext<T extends WebSocketRequestContext['eventType']>(
  place: WebSocketApiPlace,
  connection: WebSocketEventSource,
  routeKey: string,
  eventType: T,
  requestId: string,
  now: number,
): WebSocketRequestContext & { eventType: T } {
  const context = {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: formatClfTime(now),
    messageDirection: 'IN' as const,
    stage: place.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: now,
    identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
    requestId,
    domainName: place.domainName,
    connectionId: connection.id,
    apiId: place.apiId,
  } satisfies AwsWebSocketContext as WebSocketRequestContext & {
    eventType: T
  }
  if (connection.authorizer) context.authorizer = connection.authorizer
  return context
}

/**
 * The `$connect` event.
 *
 * @param headers - the upgrade request's headers
 * @param query - its query string
 * @param requestContext - from {@link buildWebSocketRequestContext}
 * @returns the event
 */
export function buildWebSocketConnectEvent(
  headers: RequestHeaders,
  query: QueryParameters,
  requestContext: WebSocketConnectEvent['requestContext'],
): WebSocketConnectEvent {
  // Two literals rather than optional fields added later: the query maps keep their place.
  return query.single && query.multi
    ? {
        headers: headers.toSingle(),
        multiValueHeaders: headers.toMulti(),
        queryStringParameters: query.single,
        multiValueQueryStringParameters: query.multi,
        requestContext,
        isBase64Encoded: false,
      }
    : {
        headers: headers.toSingle(),
        multiValueHeaders: headers.toMulti(),
        requestContext,
        isBase64Encoded: false,
      }
}

/**
 * A message event.
 *
 * @param requestContext - from {@link buildWebSocketRequestContext}, with `messageId`
 * @param body - the frame's text
 * @returns the event
 */
export function buildWebSocketMessageEvent(
  requestContext: WebSocketMessageEvent['requestContext'],
  body: string,
): WebSocketMessageEvent {
  return { requestContext, body, isBase64Encoded: false } satisfies APIGatewayProxyWebsocketEventV2
}

/**
 * The `$disconnect` event. Its headers are always the same four, whatever the handshake sent:
 * `Host`, and `x-api-key`, `X-Forwarded-For` and `x-restapi` as empty strings, with
 * `multiValueHeaders` to match (CloudWatch capture in aws/aws-lambda-go
 * `events/testdata/apigw-websocket-request-disconnect.json`, issue #548).
 *
 * @param host - the `Host` value: the host the client connected to
 * @param requestContext - with `disconnectStatusCode` and `disconnectReason`
 * @returns the event
 */
export function buildWebSocketDisconnectEvent(
  host: string,
  requestContext: WebSocketDisconnectEvent['requestContext'],
): WebSocketDisconnectEvent {
  return {
    headers: { Host: host, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' },
    multiValueHeaders: {
      Host: [host],
      'x-api-key': [''],
      'X-Forwarded-For': [''],
      'x-restapi': [''],
    },
    requestContext,
    isBase64Encoded: false,
  }
}

/**
 * The `$connect` authorizer's event.
 *
 * @param methodArn - `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect`
 * @param headers - the upgrade request's headers
 * @param query - its query string
 * @param requestContext - the CONNECT context (without `authorizer`)
 * @returns the event
 */
export function buildWebSocketAuthorizerEvent(
  methodArn: string,
  headers: RequestHeaders,
  query: QueryParameters,
  requestContext: WebSocketAuthorizerEvent['requestContext'],
): WebSocketAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn,
    headers: headers.toSingle(),
    multiValueHeaders: headers.toMulti(),
    queryStringParameters: query.single ?? {},
    multiValueQueryStringParameters: query.multi ?? {},
    stageVariables: {},
    requestContext,
  }
}
