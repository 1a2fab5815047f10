/**
 * `@types/aws-lambda`'s API Gateway event types, corrected where they are stricter than what
 * API Gateway sends, for the `satisfies` checks of the builders. Type-only and `@internal`:
 * nothing of `aws-lambda` reaches the emitted declarations.
 *
 * @internal
 * @module
 */
import type {
  APIGatewayEventIdentity,
  APIGatewayEventRequestContextWithAuthorizer,
  APIGatewayEventWebsocketRequestContextV2,
  APIGatewayProxyEvent,
  APIGatewayRequestAuthorizerEvent,
} from 'aws-lambda'

/** @internal `identity`: `apiKey`/`apiKeyId` only with API keys, `clientCert` only with mutual TLS. */
export type AwsIdentity = Omit<APIGatewayEventIdentity, 'apiKey' | 'apiKeyId' | 'clientCert'> &
  Partial<Pick<APIGatewayEventIdentity, 'apiKey' | 'apiKeyId' | 'clientCert'>>

/** @internal `requestContext`: no `authorizer` key without an authorizer. */
export type AwsRestContext = Omit<
  APIGatewayEventRequestContextWithAuthorizer<undefined>,
  'identity' | 'authorizer'
> & {
  identity: AwsIdentity
  authorizer?: APIGatewayProxyEvent['requestContext']['authorizer']
}

/** @internal The proxy event: `headers`/`multiValueHeaders` are null when the request has none. */
export type AwsRestProxyEvent = Omit<
  APIGatewayProxyEvent,
  'headers' | 'multiValueHeaders' | 'requestContext'
> & {
  headers: APIGatewayProxyEvent['headers'] | null
  multiValueHeaders: APIGatewayProxyEvent['multiValueHeaders'] | null
  requestContext: AwsRestContext
}

/** @internal The REQUEST authorizer event with the corrected context. */
export type AwsRequestAuthorizerEvent = Omit<APIGatewayRequestAuthorizerEvent, 'requestContext'> & {
  requestContext: AwsRestContext
}

/** @internal HTTP API payload 1.0: REST's event plus `version`, `resourceId` null. */
export type AwsHttpApiEventV1 = Omit<AwsRestProxyEvent, 'requestContext'> & {
  version: '1.0'
  requestContext: Omit<AwsRestContext, 'resourceId'> & { resourceId: null }
}

/** @internal HTTP API authorizer 1.0: REST's REQUEST event plus the 1.0 fields. */
export type AwsHttpApiAuthorizerEventV1 = Omit<
  APIGatewayRequestAuthorizerEvent,
  'requestContext'
> & {
  version: '1.0'
  identitySource: string
  authorizationToken: string
  requestContext: AwsHttpApiEventV1['requestContext']
}

/**
 * @internal WebSocket `requestContext`: `identity` is sent (the type lacks it), `messageId`
 * only on MESSAGE events.
 */
export type AwsWebSocketContext = Omit<APIGatewayEventWebsocketRequestContextV2, 'messageId'> & {
  identity: { sourceIp: string; userAgent: string | null }
}
