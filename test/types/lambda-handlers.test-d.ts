// Compile-time checks (run by `npm run typecheck`, i.e. tsc -p test/tsconfig.json): handlers
// typed with @types/aws-lambda plug into Portico without casts, Portico's handler and context
// types are @types/aws-lambda's in both directions, and Portico's events fit the AWS types
// except where those types are stricter than what API Gateway sends (each marked below).
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyHandler,
  APIGatewayProxyHandlerV2,
  APIGatewayProxyWebsocketEventV2,
  APIGatewayProxyWebsocketHandlerV2,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewayRequestAuthorizerHandler,
  APIGatewayTokenAuthorizerEvent,
  APIGatewayTokenAuthorizerHandler,
  Callback,
  Context,
  Handler,
} from 'aws-lambda'
import { expectTypeOf } from 'vitest'
import {
  createGateway,
  createWebSocketGateway,
  type HttpApiAuthorizerEventV2,
  type HttpApiProxyEventV1,
  type HttpApiProxyEventV2,
  type LambdaCallback,
  type LambdaContext,
  type LambdaHandler,
  type LambdaProxyEvent,
  type RequestAuthorizerEvent,
  type TokenAuthorizerEvent,
  type WebSocketConnectEvent,
  type WebSocketMessageEvent,
} from '../../src/index.js'

declare const restHandler: APIGatewayProxyHandler
declare const httpHandler: APIGatewayProxyHandlerV2
declare const wsHandler: APIGatewayProxyWebsocketHandlerV2
declare const tokenAuthorizer: APIGatewayTokenAuthorizerHandler
declare const requestAuthorizer: APIGatewayRequestAuthorizerHandler
declare const anyHandler: Handler<{ custom: number }, string>
declare const api: string

// 1. The six handler types (and a generic Handler<…>) go into `lambdas` without casts.
createGateway({
  api,
  lambdas: {
    Rest: restHandler,
    Http: httpHandler,
    Ws: wsHandler,
    Token: tokenAuthorizer,
    Request: requestAuthorizer,
    Custom: anyHandler,
  },
})
createWebSocketGateway({
  api: { routes: { $default: { lambda: 'Ws' } } },
  lambdas: { Ws: wsHandler, Connect: requestAuthorizer, Rest: restHandler, Http: httpHandler },
})
// Inline handlers annotated with AWS's types (event, context, callback) are accepted too.
createGateway({
  api,
  lambdas: {
    Fn: async (event: APIGatewayProxyEvent, context: Context) => ({
      statusCode: 200,
      body: `${event.path} ${context.functionName}`,
    }),
    Cb: (_event: APIGatewayProxyEvent, _context: Context, callback: Callback) =>
      callback(null, { statusCode: 200, body: '' }),
  },
})
// …but not a handler that wants a context field Lambda does not have.
createGateway({
  api,
  // @ts-expect-error -- Portico's context has no `tenant`
  lambdas: { Fn: async (_event: unknown, context: { tenant: string }) => context.tenant },
})

// 2. Portico's context, callback and handler types are @types/aws-lambda's, both ways.
expectTypeOf<LambdaContext>().toExtend<Context>()
expectTypeOf<Context>().toExtend<LambdaContext>()
expectTypeOf<LambdaCallback>().toExtend<Callback>()
expectTypeOf<Callback>().toExtend<LambdaCallback>()
expectTypeOf<LambdaHandler>().toExtend<Handler>()
expectTypeOf<Handler>().toExtend<LambdaHandler>()
expectTypeOf<APIGatewayProxyHandler>().toExtend<
  LambdaHandler<APIGatewayProxyEvent, Awaited<ReturnType<APIGatewayProxyHandler>>>
>()
expectTypeOf<LambdaContext['memoryLimitInMB']>().toEqualTypeOf<string>()
// The callback takes what Lambda's does: an Error, a string or null; not any value.
declare const callback: LambdaCallback
// @ts-expect-error -- a number is not an error
callback(42)

// 3. An inline handler's event is typed once the handler type names it.
const typed: LambdaHandler<HttpApiProxyEventV2> = async (event, context) => {
  expectTypeOf(event.requestContext.http.method).toEqualTypeOf<string>()
  expectTypeOf(event.cookies).toEqualTypeOf<string[] | undefined>()
  expectTypeOf(context.getRemainingTimeInMillis()).toEqualTypeOf<number>()
  return { statusCode: 200, body: event.rawPath }
}
createGateway({ api, lambdas: { Typed: typed } })

// 4. Portico's events seen through @types/aws-lambda's event types.
expectTypeOf<HttpApiProxyEventV2>().toExtend<APIGatewayProxyEventV2>()
expectTypeOf<WebSocketMessageEvent>().toExtend<APIGatewayProxyWebsocketEventV2>()
expectTypeOf<TokenAuthorizerEvent>().toEqualTypeOf<APIGatewayTokenAuthorizerEvent>()
// Where @types/aws-lambda is stricter than API Gateway:
// - REST/HTTP 1.0 `headers` are null for a request without headers (typed never null), and
//   `identity.apiKey`/`apiKeyId`/`clientCert` only appear with API keys / mutual TLS;
// @ts-expect-error -- headers: null
expectTypeOf<LambdaProxyEvent>().toExtend<APIGatewayProxyEvent>()
// @ts-expect-error -- the same, and resourceId is null on HTTP APIs
expectTypeOf<HttpApiProxyEventV1>().toExtend<APIGatewayProxyEvent>()
expectTypeOf<RequestAuthorizerEvent>().toHaveProperty('methodArn').toEqualTypeOf<string>()
// @ts-expect-error -- identity.apiKey etc. (see above)
expectTypeOf<RequestAuthorizerEvent>().toExtend<APIGatewayRequestAuthorizerEvent>()
// - the 2.0 authorizer event has `cookies` only when the request sent some (typed required);
// @ts-expect-error -- cookies is optional
expectTypeOf<HttpApiAuthorizerEventV2>().toExtend<APIGatewayRequestAuthorizerEventV2>()
expectTypeOf<Omit<HttpApiAuthorizerEventV2, 'cookies'>>().toExtend<
  Omit<APIGatewayRequestAuthorizerEventV2, 'cookies'>
>()
// - CONNECT/DISCONNECT have no messageId (typed required), and headers (not typed).
// @ts-expect-error -- messageId
expectTypeOf<WebSocketConnectEvent>().toExtend<APIGatewayProxyWebsocketEventV2>()
