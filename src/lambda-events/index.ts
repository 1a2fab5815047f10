/**
 * Every event Portico gives a Lambda function, and the context and handler types: one place
 * for the shapes AWS documents, each builder checked against `@types/aws-lambda` at compile
 * time (type-only, nothing of it in the emitted declarations).
 *
 * | event | built by | AWS type it satisfies |
 * |---|---|---|
 * | REST proxy (payload 1.0) | {@link buildLambdaProxyEvent} | `APIGatewayProxyEvent` |
 * | HTTP API payload 2.0 / 1.0 | {@link buildHttpApiEventV2} / {@link buildHttpApiEventV1} | `APIGatewayProxyEventV2` / `APIGatewayProxyEvent` |
 * | WebSocket CONNECT / MESSAGE / DISCONNECT | `buildWebSocket…Event` | `APIGatewayProxyWebsocketEventV2` |
 * | REST TOKEN / REQUEST authorizer | {@link buildTokenAuthorizerEvent} / {@link buildRequestAuthorizerEvent} | `APIGatewayTokenAuthorizerEvent` / `APIGatewayRequestAuthorizerEvent` |
 * | HTTP API authorizer 2.0 / 1.0 | {@link buildHttpApiAuthorizerEventV2} / {@link buildHttpApiAuthorizerEventV1} | `APIGatewayRequestAuthorizerEventV2` / `APIGatewayRequestAuthorizerEvent` |
 * | Lambda context | {@link createLambdaContext} | `Context` |
 *
 * @module
 */
export {
  createLambdaContext,
  type ContextTarget,
  type LambdaCallback,
  type LambdaClientContext,
  type LambdaCognitoIdentity,
  type LambdaContext,
  type LambdaHandler,
  type LambdaHandlers,
} from './context.js'
export {
  buildLambdaProxyEvent,
  buildRequestAuthorizerEvent,
  buildTokenAuthorizerEvent,
  type LambdaEventIdentity,
  type LambdaProxyEvent,
  type RequestAuthorizerEvent,
  type RestRequestContext,
  type TokenAuthorizerEvent,
} from './rest.js'
export {
  buildHttpApiAuthorizerEventV1,
  buildHttpApiAuthorizerEventV2,
  type HttpApiAuthorizerEventV1,
  type HttpApiAuthorizerEventV2,
} from './http-api-authorizer.js'
export {
  buildHttpApiEventV1,
  buildHttpApiEventV2,
  stagePath,
  type HttpApiAuthorizerContext,
  type HttpApiProxyEventV1,
  type HttpApiProxyEventV2,
  type HttpApiRequestContextV1,
  type HttpApiRequestContextV2,
  type HttpEventSource,
} from './http-api.js'
export {
  buildWebSocketAuthorizerEvent,
  buildWebSocketConnectEvent,
  buildWebSocketDisconnectEvent,
  buildWebSocketMessageEvent,
  buildWebSocketRequestContext,
  type WebSocketApiPlace,
  type WebSocketAuthorizerEvent,
  type WebSocketConnectEvent,
  type WebSocketDisconnectEvent,
  type WebSocketEvent,
  type WebSocketEventSource,
  type WebSocketMessageEvent,
  type WebSocketRequestContext,
} from './websocket.js'
