/**
 * The Lambda authorizer events of HTTP APIs, for both `authorizerPayloadFormatVersion`s.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda'
import type { QueryParameters } from '../core/index.js'
import type { AwsHttpApiAuthorizerEventV1 } from './aws-shapes.js'
import {
  headersV2,
  joinedQuery,
  requestContextV1,
  requestContextV2,
  stagePath,
  type HttpApiRequestContextV1,
  type HttpApiRequestContextV2,
  type HttpEventSource,
} from './http-api.js'

/** The Lambda authorizer event, `authorizerPayloadFormatVersion: '2.0'`. */
export interface HttpApiAuthorizerEventV2 {
  version: '2.0'
  type: 'REQUEST'
  routeArn: string
  /** The identity sources' values, in order. */
  identitySource: string[]
  routeKey: string
  rawPath: string
  rawQueryString: string
  cookies?: string[]
  headers: Record<string, string>
  queryStringParameters?: Record<string, string>
  requestContext: HttpApiRequestContextV2
  pathParameters?: Record<string, string>
  stageVariables?: Record<string, string>
}

/**
 * The Lambda authorizer event, `authorizerPayloadFormatVersion: '1.0'`: REST's REQUEST event
 * with `version`, the identity sources comma-joined in `identitySource` and
 * `authorizationToken`, and the route ARN as `methodArn`.
 */
export interface HttpApiAuthorizerEventV1 {
  version: '1.0'
  type: 'REQUEST'
  methodArn: string
  identitySource: string
  authorizationToken: string
  resource: string
  path: string
  httpMethod: string
  headers: Record<string, string> | null
  multiValueHeaders: Record<string, string[]> | null
  queryStringParameters: Record<string, string> | null
  multiValueQueryStringParameters: Record<string, string[]> | null
  pathParameters: Record<string, string> | null
  stageVariables: Record<string, string> | null
  requestContext: HttpApiRequestContextV1
}

/**
 * The Lambda authorizer event, format 2.0.
 *
 * @param request - the request
 * @param query - its parsed query string
 * @param routeKey - the route key
 * @param routeArn - `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`
 * @param identitySource - the identity sources' values
 * @returns the event
 */
export function buildHttpApiAuthorizerEventV2(
  request: HttpEventSource,
  query: QueryParameters,
  routeKey: string,
  routeArn: string,
  identitySource: string[],
): HttpApiAuthorizerEventV2 {
  const { headers, cookies } = headersV2(request)
  const event: HttpApiAuthorizerEventV2 = {
    version: '2.0' as const,
    type: 'REQUEST' as const,
    routeArn,
    identitySource,
    routeKey,
    rawPath: stagePath(request),
    rawQueryString: request.rawQuery,
    headers,
    requestContext: requestContextV2(request, routeKey),
  } satisfies Omit<APIGatewayRequestAuthorizerEventV2, 'cookies'> // cookies only when sent
  if (cookies.length > 0) event.cookies = cookies
  const joined = joinedQuery(query)
  if (joined) event.queryStringParameters = joined
  if (request.pathParameters) event.pathParameters = { ...request.pathParameters }
  if (request.stage.hasVariables) event.stageVariables = { ...request.stage.variables }
  return event
}

/**
 * The Lambda authorizer event, format 1.0.
 *
 * @param request - the request
 * @param query - its parsed query string
 * @param resource - the route's path, or `$default`
 * @param routeArn - the route ARN (`methodArn`)
 * @param identitySource - the identity sources' values, comma-joined in the event
 * @returns the event
 */
export function buildHttpApiAuthorizerEventV1(
  request: HttpEventSource,
  query: QueryParameters,
  resource: string,
  routeArn: string,
  identitySource: readonly string[],
): HttpApiAuthorizerEventV1 {
  const joined = identitySource.join(',')
  return {
    version: '1.0' as const,
    type: 'REQUEST' as const,
    methodArn: routeArn,
    identitySource: joined,
    authorizationToken: joined,
    resource,
    path: stagePath(request),
    httpMethod: request.method,
    headers: request.headers.isEmpty ? null : request.headers.toSingle(),
    multiValueHeaders: request.headers.isEmpty ? null : request.headers.toMulti(),
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: request.pathParameters ? { ...request.pathParameters } : null,
    stageVariables: request.stage.hasVariables ? { ...request.stage.variables } : null,
    requestContext: requestContextV1(request, resource),
  } satisfies AwsHttpApiAuthorizerEventV1
}
