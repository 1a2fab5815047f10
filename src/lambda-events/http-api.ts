/**
 * The events of HTTP APIs: Lambda proxy payload formats 2.0 and 1.0 (the authorizer events are
 * in http-api-authorizer.ts).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import type { Buffer } from 'node:buffer'
import type { APIGatewayEventRequestContextV2, APIGatewayProxyEventV2 } from 'aws-lambda'
import type { AwsHttpApiEventV1 } from './aws-shapes.js'
import type { RequestHeaders } from '../core/index.js'
import { essenceOf, isTextMediaType } from '../core/index.js'
import { getOwn, setOwn } from '../core/index.js'
import type { QueryParameters } from '../core/index.js'
import { formatClfTime } from '../core/index.js'
import type { LambdaEventIdentity } from './rest.js'
import { decodedPath } from '../routing/index.js'

/** What the HTTP API events are built from (the HTTP API runner's request). */
export interface HttpEventSource {
  readonly api: { readonly apiId: string; readonly accountId: string; readonly region: string }
  readonly stage: {
    readonly name: string
    readonly hasVariables: boolean
    readonly variables: Readonly<Record<string, string>>
  }
  readonly method: string
  /** The path as sent, without the stage and query string. */
  readonly rawPath: string
  readonly rawQuery: string
  readonly headers: RequestHeaders
  readonly body: Buffer | null
  readonly sourceIp: string
  readonly requestId: string
  readonly timeEpoch: number
  readonly pathParameters: Record<string, string> | undefined
  /** `requestContext.authorizer` once an authorizer allowed the request. */
  readonly authorizer: HttpApiAuthorizerContext | undefined
}

/** `requestContext.authorizer` of payload 2.0: one of `lambda`, `jwt` or `iam`. */
export interface HttpApiAuthorizerContext {
  /** A Lambda authorizer's `context` (and `principalId` for IAM-policy answers). */
  lambda?: Record<string, unknown>
  /** A JWT authorizer: the token's claims (as strings) and scopes. */
  jwt?: { claims: Record<string, string>; scopes: string[] | null }
  /** An IAM (SigV4) caller. */
  iam?: { accessKey: string; accountId: string | null; userArn: string | null }
}

/** `requestContext` of payload 2.0. */
export interface HttpApiRequestContextV2 {
  accountId: string
  apiId: string
  domainName: string
  domainPrefix: string
  http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string }
  requestId: string
  routeKey: string
  stage: string
  /** Common log format: `21/Nov/2026:00:00:00 +0000`. */
  time: string
  timeEpoch: number
  authorizer?: HttpApiAuthorizerContext
}

/**
 * The HTTP API Lambda event, payload format 2.0: lower-case header names with repeated values
 * comma-joined, cookies apart, no multi-value maps, absent parts omitted.
 *
 * @example
 * ```ts
 * const handler: LambdaHandler<HttpApiProxyEventV2> = async (event) => ({
 *   statusCode: 200,
 *   body: `${event.routeKey}: ${event.requestContext.http.sourceIp}`,
 * })
 * ```
 */
export interface HttpApiProxyEventV2 {
  version: '2.0'
  routeKey: string
  rawPath: string
  rawQueryString: string
  cookies?: string[]
  headers: Record<string, string>
  queryStringParameters?: Record<string, string>
  requestContext: HttpApiRequestContextV2
  pathParameters?: Record<string, string>
  stageVariables?: Record<string, string>
  body?: string
  isBase64Encoded: boolean
}

/** `requestContext` of the HTTP API payload 1.0 event. */
export interface HttpApiRequestContextV1 {
  accountId: string
  apiId: string
  domainName: string
  domainPrefix: string
  extendedRequestId: string
  httpMethod: string
  identity: LambdaEventIdentity
  path: string
  protocol: string
  requestId: string
  requestTime: string
  requestTimeEpoch: number
  resourceId: null
  resourcePath: string
  stage: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as @types/aws-lambda types it
  authorizer?: { [name: string]: any }
}

/** The HTTP API Lambda event, payload format 1.0: REST's shape plus `version: '1.0'`. */
export interface HttpApiProxyEventV1 {
  version: '1.0'
  resource: string
  path: string
  httpMethod: string
  headers: Record<string, string> | null
  multiValueHeaders: Record<string, string[]> | null
  queryStringParameters: Record<string, string> | null
  multiValueQueryStringParameters: Record<string, string[]> | null
  requestContext: HttpApiRequestContextV1
  pathParameters: Record<string, string> | null
  stageVariables: Record<string, string> | null
  body: string | null
  isBase64Encoded: boolean
}

/**
 * The stage-qualified path, as the events report it (no prefix on `$default`).
 *
 * @param request - the request
 * @returns `/{stage}{rawPath}`, or `rawPath` on `$default`
 */
export function stagePath(request: HttpEventSource): string {
  return request.stage.name === '$default'
    ? request.rawPath
    : `/${request.stage.name}${request.rawPath}`
}

/**
 * Payload 2.0's `rawPath` and `requestContext.http.path`: {@link stagePath} percent-decoded
 * (`/a%2Fb` arrives as `/a/b`; fastify/aws-lambda-fastify#169, honojs/hono#2156).
 */
function decodedStagePath(request: HttpEventSource): string {
  return decodedPath(stagePath(request))
}

function domainName(request: HttpEventSource): string {
  return (
    request.headers.get('host') ??
    `${request.api.apiId}.execute-api.${request.api.region}.amazonaws.com`
  )
}

/**
 * Whether HTTP APIs pass a body as UTF-8 text: text media types except
 * `application/x-www-form-urlencoded`, which arrives base64-encoded (middyjs/middy#603; REST
 * APIs pass it raw).
 */
function isTextBody(request: HttpEventSource): boolean {
  const type = essenceOf(request.headers.get('content-type'))
  return type !== 'application/x-www-form-urlencoded' && isTextMediaType(type)
}

/** The body as text: UTF-8 for text media types, else base64. */
function bodyText(request: HttpEventSource): string | undefined {
  if (!request.body || request.body.length === 0) return undefined
  return isTextBody(request) ? request.body.toString('utf8') : request.body.toString('base64')
}

/** @internal Headers (lower-case, comma-joined, without Cookie) and cookies, as payload 2.0 has them. */
export function headersV2(request: HttpEventSource): {
  headers: Record<string, string>
  cookies: string[]
} {
  const headers: Record<string, string> = {}
  const cookies: string[] = []
  for (const { name, values } of request.headers.entries()) {
    const lower = name.toLowerCase()
    if (lower === 'cookie') {
      for (const value of values)
        for (const c of value.split(';')) if (c.trim()) cookies.push(c.trim())
      continue
    }
    const earlier = getOwn(headers, lower)
    setOwn(
      headers,
      lower,
      earlier === undefined ? values.join(',') : `${earlier},${values.join(',')}`,
    )
  }
  return { headers, cookies }
}

/** @internal `queryStringParameters` of payload 2.0: repeated values comma-joined. */
export function joinedQuery(query: QueryParameters): Record<string, string> | undefined {
  if (!query.multi) return undefined
  const joined: Record<string, string> = {}
  for (const name of Object.keys(query.multi))
    setOwn(joined, name, (query.multi[name] as string[]).join(','))
  return joined
}

/** @internal `requestContext` of payload 2.0 (and its authorizer event). */
export function requestContextV2(
  request: HttpEventSource,
  routeKey: string,
): HttpApiRequestContextV2 {
  const host = request.headers.get('host')
  const path = decodedStagePath(request)
  const context = {
    accountId: request.api.accountId,
    apiId: request.api.apiId,
    domainName: domainName(request),
    domainPrefix: (host ?? request.api.apiId).split('.')[0] as string,
    http: {
      method: request.method,
      path,
      protocol: 'HTTP/1.1',
      sourceIp: request.sourceIp,
      userAgent: request.headers.get('user-agent') ?? '',
    },
    requestId: request.requestId,
    routeKey,
    stage: request.stage.name,
    time: formatClfTime(request.timeEpoch),
    timeEpoch: request.timeEpoch,
  } satisfies APIGatewayEventRequestContextV2 as HttpApiRequestContextV2
  if (request.authorizer) context.authorizer = request.authorizer
  return context
}

/**
 * The Lambda event, payload format 2.0.
 *
 * @param request - the request
 * @param query - its parsed query string
 * @param routeKey - the matched route key (`GET /pets/{id}`, `$default`)
 * @returns the event
 */
export function buildHttpApiEventV2(
  request: HttpEventSource,
  query: QueryParameters,
  routeKey: string,
): HttpApiProxyEventV2 {
  const { headers, cookies } = headersV2(request)
  const event: HttpApiProxyEventV2 = {
    version: '2.0' as const,
    routeKey,
    rawPath: decodedStagePath(request),
    rawQueryString: request.rawQuery,
    headers,
    requestContext: requestContextV2(request, routeKey),
    isBase64Encoded: false,
  } satisfies APIGatewayProxyEventV2
  if (cookies.length > 0) event.cookies = cookies
  const joined = joinedQuery(query)
  if (joined) event.queryStringParameters = joined
  if (request.pathParameters) event.pathParameters = { ...request.pathParameters }
  if (request.stage.hasVariables) event.stageVariables = { ...request.stage.variables }
  const body = bodyText(request)
  if (body !== undefined) {
    event.body = body
    event.isBase64Encoded = !isTextBody(request)
  }
  return event
}

function identityV1(request: HttpEventSource): LambdaEventIdentity {
  return {
    accessKey: null,
    accountId: null,
    caller: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: request.sourceIp,
    user: null,
    userAgent: request.headers.get('user-agent') ?? null,
    userArn: null,
  }
}

/** @internal `requestContext` of payload 1.0 (and its authorizer event). */
export function requestContextV1(
  request: HttpEventSource,
  resourcePath: string,
): HttpApiRequestContextV1 {
  const host = request.headers.get('host')
  return {
    accountId: request.api.accountId,
    apiId: request.api.apiId,
    domainName: domainName(request),
    domainPrefix: (host ?? request.api.apiId).split('.')[0] as string,
    extendedRequestId: request.requestId,
    httpMethod: request.method,
    identity: identityV1(request),
    path: stagePath(request),
    protocol: 'HTTP/1.1',
    requestId: request.requestId,
    requestTime: formatClfTime(request.timeEpoch),
    requestTimeEpoch: request.timeEpoch,
    resourceId: null,
    resourcePath,
    stage: request.stage.name,
  }
}

/**
 * The Lambda event, payload format 1.0, as HTTP APIs send it (REST's shape plus `version`).
 *
 * @param request - the request
 * @param query - its parsed query string
 * @param resource - the route's path (`/pets/{id}`), or `$default`
 * @returns the event
 */
export function buildHttpApiEventV1(
  request: HttpEventSource,
  query: QueryParameters,
  resource: string,
): HttpApiProxyEventV1 {
  const body = bodyText(request)
  const requestContext = requestContextV1(request, resource)
  if (request.authorizer) requestContext.authorizer = request.authorizer
  return {
    version: '1.0' as const,
    resource,
    path: stagePath(request),
    httpMethod: request.method,
    headers: request.headers.isEmpty ? null : request.headers.toSingle(),
    multiValueHeaders: request.headers.isEmpty ? null : request.headers.toMulti(),
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    requestContext,
    pathParameters: request.pathParameters ? { ...request.pathParameters } : null,
    stageVariables: request.stage.hasVariables ? { ...request.stage.variables } : null,
    body: body ?? null,
    isBase64Encoded: body !== undefined && !isTextBody(request),
  } satisfies AwsHttpApiEventV1
}
