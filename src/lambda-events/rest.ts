/**
 * The events of REST APIs: the Lambda proxy event (payload format 1.0) and the TOKEN and
 * REQUEST authorizer events, field for field as API Gateway sends them.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
 */
import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda'
import type { AwsRequestAuthorizerEvent, AwsRestProxyEvent } from './aws-shapes.js'
import { RequestHeaders } from '../core/index.js'
import type { RequestState } from '../pipeline/index.js'

/**
 * `requestContext.identity`. Null fields are what API Gateway sends for an anonymous caller;
 * `apiKey`/`apiKeyId` appear when the method checked an API key, the IAM fields with SigV4.
 */
export interface LambdaEventIdentity {
  accessKey: string | null
  accountId: string | null
  apiKey?: string
  apiKeyId?: string
  caller: string | null
  cognitoAuthenticationProvider: string | null
  cognitoAuthenticationType: string | null
  cognitoIdentityId: string | null
  cognitoIdentityPoolId: string | null
  principalOrgId: string | null
  sourceIp: string
  user: string | null
  userAgent: string | null
  userArn: string | null
}

/**
 * `requestContext` of a REST proxy or REQUEST authorizer event (the same values as `$context`).
 * `authorizer` holds `principalId`, the authorizer's context values as strings and
 * `integrationLatency` (Lambda authorizer), or `claims` (Cognito).
 */
export interface RestRequestContext {
  resourceId: string
  resourcePath: string
  httpMethod: string
  extendedRequestId: string
  requestTime: string
  /** With the stage: `/prod/pets/1`. */
  path: string
  accountId: string
  protocol: string
  stage: string
  domainPrefix: string
  requestTimeEpoch: number
  requestId: string
  identity: LambdaEventIdentity
  domainName: string
  deploymentId: string
  apiId: string
  isCanaryRequest?: boolean
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as @types/aws-lambda types it
  authorizer?: { [name: string]: any }
}

/**
 * The REST Lambda proxy event (payload format 1.0). Maps with no entries are `null`;
 * `headers` keep the client's name casing, one value each (the last), `multiValueHeaders` all.
 *
 * @example
 * ```ts
 * const handler: LambdaHandler<LambdaProxyEvent> = async (event) => ({
 *   statusCode: 200,
 *   body: `${event.httpMethod} ${event.resource} ${event.pathParameters?.['id']}`,
 * })
 * ```
 */
export interface LambdaProxyEvent {
  resource: string
  /** Without the stage: `/pets/1`. */
  path: string
  httpMethod: string
  headers: Record<string, string> | null
  multiValueHeaders: Record<string, string[]> | null
  queryStringParameters: Record<string, string> | null
  multiValueQueryStringParameters: Record<string, string[]> | null
  pathParameters: Record<string, string> | null
  stageVariables: Record<string, string> | null
  requestContext: RestRequestContext
  body: string | null
  isBase64Encoded: boolean
}

/** A TOKEN authorizer's event: `{ type: 'TOKEN', authorizationToken, methodArn }`. */
export interface TokenAuthorizerEvent {
  type: 'TOKEN'
  authorizationToken: string
  methodArn: string
}

/** A REST REQUEST authorizer's event: the proxy event's request parts, maps `{}` when empty. */
export interface RequestAuthorizerEvent {
  type: 'REQUEST'
  methodArn: string
  resource: string
  path: string
  httpMethod: string
  headers: Record<string, string>
  multiValueHeaders: Record<string, string[]>
  queryStringParameters: Record<string, string>
  multiValueQueryStringParameters: Record<string, string[]>
  pathParameters: Record<string, string>
  stageVariables: Record<string, string>
  requestContext: RestRequestContext
}

/**
 * Builds the proxy event for a request. Path values stay percent-encoded; query values are
 * decoded; empty maps are `null`; a binary payload (per binaryMediaTypes) is base64 with
 * `isBase64Encoded: true`. On the hot path: one fresh object, no spreads of the event.
 *
 * @param state - the request
 * @returns the event
 */
export function buildLambdaProxyEvent(state: RequestState): LambdaProxyEvent {
  const query = state.queryForEvent()
  const headers = proxyEventHeaders(state)
  const body = state.bodyText()
  const requestContext = state.contextForEvent() as unknown as RestRequestContext
  const event = {
    resource: state.resourcePath,
    path: state.eventPath,
    httpMethod: state.method,
    headers: headers.isEmpty ? null : headers.toSingle(),
    multiValueHeaders: headers.isEmpty ? null : headers.toMulti(),
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: state.route?.pathParameters ? { ...state.route.pathParameters } : null,
    stageVariables: state.stage.hasVariables ? { ...state.stage.variables } : null,
    requestContext,
    body: body ?? null,
    isBase64Encoded: body !== undefined && state.isBinaryRequest,
  }
  return event satisfies AwsRestProxyEvent
}

/**
 * The method request's headers plus those API Gateway adds to a Lambda proxy event (AWS-recorded,
 * spec/pipeline.md §3): `Host` (the client's, or the API's execute-api domain), `X-Amzn-Trace-Id`
 * (the client's, or a new one), `X-Forwarded-For` (the client's list plus the source IP),
 * `X-Forwarded-Port` and `X-Forwarded-Proto` (the connection's; 443 and https when the host
 * gives none). No `X-Amzn-Apigateway-Api-Id`.
 */
function proxyEventHeaders(state: RequestState): RequestHeaders {
  const method = state.methodHeaders
  const flat: string[] = []
  for (const { name, values } of method.entries()) {
    const lower = name.toLowerCase()
    if (
      lower === 'x-forwarded-for' ||
      lower === 'x-forwarded-port' ||
      lower === 'x-forwarded-proto'
    )
      continue
    for (const value of values) flat.push(name, value)
  }
  const request = state.request
  if (!method.has('host')) flat.push('Host', state.domainName)
  if (!method.has('x-amzn-trace-id')) flat.push('X-Amzn-Trace-Id', state.traceId)
  const forwarded = method.get('x-forwarded-for')
  flat.push('X-Forwarded-For', forwarded ? `${forwarded}, ${state.sourceIp}` : state.sourceIp)
  flat.push('X-Forwarded-Port', String(request.port ?? 443))
  flat.push('X-Forwarded-Proto', request.scheme ?? 'https')
  return new RequestHeaders(flat)
}

/**
 * A TOKEN authorizer's event.
 *
 * @param token - the identity source header's value
 * @param methodArn - `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`
 * @returns the event
 */
export function buildTokenAuthorizerEvent(token: string, methodArn: string): TokenAuthorizerEvent {
  return {
    type: 'TOKEN',
    authorizationToken: token,
    methodArn,
  } satisfies APIGatewayTokenAuthorizerEvent
}

/**
 * A REQUEST authorizer's event: the proxy event's request parts, with `{}` for empty maps (the
 * real event; the console's test tool sends nulls).
 *
 * @param state - the request
 * @param methodArn - the method ARN
 * @returns the event
 */
export function buildRequestAuthorizerEvent(
  state: RequestState,
  methodArn: string,
): RequestAuthorizerEvent {
  const proxy = buildLambdaProxyEvent(state)
  const event = {
    type: 'REQUEST' as const,
    methodArn,
    resource: proxy.resource,
    path: proxy.path,
    httpMethod: proxy.httpMethod,
    headers: proxy.headers ?? {},
    multiValueHeaders: proxy.multiValueHeaders ?? {},
    queryStringParameters: proxy.queryStringParameters ?? {},
    multiValueQueryStringParameters: proxy.multiValueQueryStringParameters ?? {},
    pathParameters: proxy.pathParameters ?? {},
    stageVariables: proxy.stageVariables ?? {},
    requestContext: proxy.requestContext,
  }
  return event satisfies AwsRequestAuthorizerEvent
}
