/**
 * The HTTP API (v2) runner: route-key matching (full match, then greedy, then `$default`, else
 * 404 `Not Found`), CORS preflights answered by the gateway, Lambda proxy payloads 2.0 and 1.0
 * with the 2.0 response inference, HTTP_PROXY, and HTTP API error bodies. It never rejects.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import { Buffer } from 'node:buffer'
import { RequestHeaders, ResponseHeaders } from '../core/headers.js'
import { createExtendedRequestId } from '../core/ids.js'
import { parseClientJson } from '../core/json-nesting.js'
import { essenceOf, isTextMediaType } from '../core/media-type.js'
import { getOwn } from '../core/own-property.js'
import { parseQueryString, type QueryParameters } from '../core/query.js'
import type { Deps, GatewayRequest, GatewayResponse } from '../core/types.js'
import { ConfigError } from '../errors.js'
import {
  invokeHandler,
  parseFunctionReference,
  resolveHandler,
} from '../integrations/lambda-invoke.js'
import type { LambdaHandlers } from '../integrations/lambda-invoke.js'
import {
  callBackend,
  encodeBackendPathValue,
  forwardableHeaders,
} from '../integrations/backend-request.js'
import {
  parseFinalStatus,
  translateLambdaProxyReply,
} from '../integrations/lambda-proxy-response.js'
import {
  buildHttpApiAuthorizerEventV1,
  buildHttpApiAuthorizerEventV2,
  buildHttpApiEventV1,
  buildHttpApiEventV2,
  stagePath,
  type HttpApiAuthorizerContext,
} from '../lambda-events/index.js'
import type { StageRuntime } from '../pipeline/stage-runtime.js'
import { formatClfTime } from '../pipeline/request-state.js'
import { renderAccessLogLine, responseBodyLength } from '../observability/access-log.js'
import { MAX_BODY_BYTES, MAX_HEADER_BYTES } from '../pipeline/handle-request.js'
import type { BucketDemand } from '../traffic/store.js'
import { substituteStageVariables } from '../pipeline/stage-runtime.js'
import { parsePathTemplate } from '../routing/path-template.js'
import { ResourceTree } from '../routing/resource-tree.js'
import { arnPath, normalizeRequestPath, withoutFragment } from '../routing/request-path.js'
import { applyCors, compileCors, preflightHeaders, type CompiledCors } from './cors.js'
import type { HttpApiDefinition, HttpRouteDefinition } from './definition.js'
import { compileJwtAuthorizer, type JwtVerdict } from './jwt-authorizer.js'
import { compileHttpLambdaAuthorizer } from './lambda-authorizer.js'
import { verifySigV4, type CredentialsResolver } from '../auth/sigv4.js'
import {
  compileHttpParameterMapping,
  compileHttpResponseMapping,
  type MappingInput,
  type ResponseMapping,
} from './parameter-mapping.js'
import { compileJsonPath } from '../mapping/vtl/json-path.js'
import { JwksStore, type JwksSource } from '../auth/cognito-authorizer.js'

/** An answer before the gateway's own headers. */
interface Answer {
  statusCode: number
  headers: ResponseHeaders
  body: string
  isBase64Encoded: boolean
}

type RouteHandler = (request: HttpRequest) => Promise<Answer>

interface CompiledRoute {
  readonly definition: HttpRouteDefinition
  readonly handle: RouteHandler
  /** Response mappings by integration status code. */
  readonly responseMappings: ReadonlyMap<string, ResponseMapping>
  /** The route's authorizer check, when it has one: the verdict and what goes in `requestContext.authorizer`. */
  readonly authorize: ((request: HttpRequest) => Promise<RouteVerdict>) | undefined
}

/** The compiled HTTP API. */
export interface CompiledHttpApi {
  readonly definition: HttpApiDefinition
  readonly apiId: string
  readonly accountId: string
  readonly region: string
  readonly tree: ResourceTree<Map<string, CompiledRoute>>
  readonly defaultRoute: CompiledRoute | undefined
  readonly cors: CompiledCors | undefined
}

/** An authorizer's verdict for a route. */
type RouteVerdict =
  | { readonly ok: true; readonly authorizer: HttpApiAuthorizerContext }
  | {
      readonly ok: false
      readonly status: number
      readonly wwwAuthenticate?: string
      readonly message?: string | null
    }

/** One request in flight. */
export interface HttpRequest {
  readonly api: CompiledHttpApi
  readonly stage: StageRuntime
  readonly deps: Deps
  readonly method: string
  /** The path as sent, without the query string (payload 2.0 `rawPath`). */
  readonly rawPath: string
  /** The normalised path (routing/request-path.ts): routing, `routeArn`, backend URLs. */
  readonly path: string
  readonly rawQuery: string
  readonly headers: RequestHeaders
  readonly body: Buffer | null
  readonly sourceIp: string
  readonly requestId: string
  readonly timeEpoch: number
  route: CompiledRoute | undefined
  pathParameters: Record<string, string> | undefined
  /** `requestContext.authorizer` once an authorizer allowed the request. */
  authorizer: HttpApiAuthorizerContext | undefined
  /** The parsed query string, once something read it (see {@link queryOf}). */
  parsedQuery: QueryParameters | undefined
  /** Milliseconds the integration took (`$context.integrationLatency`), once it ran. */
  integrationLatency?: number
  /** `$context.integrationStatus`: Lambda's invoke status, or the backend's status. */
  integrationStatus?: number
  /** `$context.integrationErrorMessage`, when the integration failed. */
  integrationError?: string
}

/** The request's query string, parsed once. */
function queryOf(request: HttpRequest): QueryParameters {
  return (request.parsedQuery ??= parseQueryString(request.rawQuery))
}

function message(statusCode: number, text: string): Answer {
  const headers = new ResponseHeaders()
  headers.set('Content-Type', 'application/json')
  return { statusCode, headers, body: JSON.stringify({ message: text }), isBase64Encoded: false }
}

const internalError = (): Answer => message(500, 'Internal Server Error')

/**
 * A payload 2.0 reply: with `statusCode`, its fields (each of `cookies` a `Set-Cookie`);
 * without, valid JSON becomes a 200 `application/json` answer with the value as the body.
 *
 * @param value - what the function returned
 * @returns the answer, or undefined for output API Gateway cannot use (a 500)
 */
export function translateReplyV2(value: unknown): Answer | undefined {
  const headers = new ResponseHeaders()
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value)
  if (!isObject || !('statusCode' in (value as object))) {
    if (value === undefined) return undefined
    headers.set('Content-Type', 'application/json')
    const body = typeof value === 'string' ? value : JSON.stringify(value)
    return { statusCode: 200, headers, body, isBase64Encoded: false }
  }
  const reply = value as Record<string, unknown>
  const status = parseFinalStatus(reply['statusCode'])
  if (status === undefined) return undefined
  const rawHeaders = reply['headers']
  if (rawHeaders !== undefined && rawHeaders !== null) {
    if (typeof rawHeaders !== 'object' || Array.isArray(rawHeaders)) return undefined
    for (const [name, item] of Object.entries(rawHeaders as Record<string, unknown>))
      if (item !== null && item !== undefined) headers.set(name, String(item))
  }
  const cookies = reply['cookies']
  if (Array.isArray(cookies))
    for (const cookie of cookies) headers.append('Set-Cookie', String(cookie))
  const rawBody = reply['body']
  const body =
    rawBody === undefined || rawBody === null
      ? ''
      : typeof rawBody === 'string'
        ? rawBody
        : JSON.stringify(rawBody)
  const isBase64Encoded = reply['isBase64Encoded'] === true
  if (!headers.has('content-type')) headers.set('Content-Type', 'application/json')
  return { statusCode: status, headers, body, isBase64Encoded }
}

function compileLambdaRoute(
  route: HttpRouteDefinition,
  where: string,
  lambdas: LambdaHandlers,
  accountId: string,
  region: string,
): RouteHandler {
  const integration = route.integration
  // HTTP APIs accept the function ARN itself or the apigateway invocation URI.
  const invocation = /functions\/(.+)\/invocations$/.exec(integration.uri)
  const reference = invocation ? (invocation[1] as string) : integration.uri
  return async (request) => {
    const target = parseFunctionReference(
      substituteStageVariables(reference, request.stage.variables),
      accountId,
      region,
    )
    const handler = target && resolveHandler(lambdas, target)
    if (!target || !handler) {
      request.integrationError = `no handler for Lambda function ${reference}`
      request.deps.logger.error(
        `no handler for Lambda function ${reference} (add it to options.lambdas)`,
        { where },
      )
      return internalError()
    }
    const event =
      integration.payloadFormatVersion === '2.0'
        ? buildHttpApiEventV2(request, queryOf(request), route.routeKey)
        : buildHttpApiEventV1(request, queryOf(request), route.path ?? '$default')
    const outcome = await invokeHandler(
      handler,
      target,
      event,
      request.requestId,
      integration.timeoutInMillis,
      request.deps,
    )
    if (outcome.kind === 'timeout') {
      request.integrationError = 'Integration timeout'
      return message(503, 'Service Unavailable')
    }
    // Lambda answered the invoke (a function error is still a 200 from Lambda's Invoke API).
    request.integrationStatus = 200
    if (outcome.kind === 'error') {
      const failure = (outcome.error as Error)?.message ?? String(outcome.error)
      request.integrationError = failure
      request.deps.logger.warn(`Lambda function failed: ${failure}`)
      return internalError()
    }
    if (integration.payloadFormatVersion === '2.0')
      return translateReplyV2(outcome.value) ?? internalError()
    const result = translateLambdaProxyReply(outcome.value, undefined, ['*/*'])
    if ('responseType' in result) return internalError()
    return {
      statusCode: result.statusCode,
      headers: result.headers,
      body: result.body,
      isBase64Encoded: result.isBase64Encoded,
    }
  }
}

const HOP_BY_HOP = new Set([
  'connection',
  'content-length',
  'host',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'expect',
])

function compileHttpProxyRoute(route: HttpRouteDefinition, where: string): RouteHandler {
  const integration = route.integration
  const mapping = compileHttpParameterMapping(integration.requestParameters, where)
  return async (request) => {
    let uri = substituteStageVariables(integration.uri, request.stage.variables)
    // Values are encoded so that URL parsing cannot re-route them (a dot segment is refused).
    let unsafe = false
    uri = uri.replace(/\{([A-Za-z0-9_.-]+)\+?\}/g, (whole, name: string) => {
      const value = request.pathParameters?.[name]
      const safe = value === undefined ? whole : encodeBackendPathValue(value)
      if (safe === undefined) unsafe = true
      return safe ?? whole
    })
    if (route.routeKey === '$default')
      uri = uri.replace(/\/$/, '') + (encodeBackendPathValue(request.path) ?? '/')
    if (unsafe) return internalError()
    let url: URL
    try {
      url = new URL(uri)
      if (request.rawQuery !== '')
        url.search = url.search ? `${url.search}&${request.rawQuery}` : request.rawQuery
    } catch {
      return internalError()
    }
    const input = mappingInput(request)
    const headers = forwardableHeaders(request.headers, HOP_BY_HOP)
    for (const operation of mapping) {
      const value = operation.action === 'remove' ? '' : operation.value(input)
      if (operation.target === 'path') {
        const path = encodeBackendPathValue(value)
        if (path === undefined) return internalError()
        url.pathname = path.startsWith('/') ? path : `/${path}`
      } else if (operation.target === 'header') {
        if (operation.action === 'remove') headers.delete(operation.name)
        else if (operation.action === 'append') headers.append(operation.name, value)
        else headers.set(operation.name, value)
      } else if (operation.action === 'remove') url.searchParams.delete(operation.name)
      else if (operation.action === 'append') url.searchParams.append(operation.name, value)
      else url.searchParams.set(operation.name, value)
    }
    const method = integration.httpMethod === 'ANY' ? request.method : integration.httpMethod
    const reply = await callBackend(
      request.deps,
      url,
      { method, headers, body: request.body ?? undefined },
      integration.timeoutInMillis,
    )
    // HTTP APIs answer a timeout with 503 Service Unavailable (as for Lambda; see
    // docs/aws-parity.md) and any other failure with 500.
    if ('responseType' in reply) {
      request.integrationError = reply.logMessage ?? 'Integration failure'
      return reply.responseType === 'INTEGRATION_TIMEOUT'
        ? message(503, 'Service Unavailable')
        : internalError()
    }
    request.integrationStatus = reply.status
    const out = new ResponseHeaders()
    reply.headers.forEach((value, name) => {
      if (name !== 'set-cookie' && !HOP_BY_HOP.has(name) && name !== 'content-encoding')
        out.set(name, value)
    })
    for (const cookie of reply.headers.getSetCookie()) out.append('set-cookie', cookie)
    const text = isTextMediaType(essenceOf(reply.headers.get('content-type') ?? undefined))
    return {
      statusCode: reply.status,
      headers: out,
      body: reply.bytes.toString(text ? 'utf8' : 'base64'),
      isBase64Encoded: !text,
    }
  }
}

function mappingInput(request: HttpRequest): MappingInput {
  const query = queryOf(request)
  return {
    header: (name) => request.headers.getAll(name)?.join(','),
    querystring: (name) => (query.multi ? getOwn(query.multi, name)?.join(',') : undefined),
    path: () => request.path,
    pathParameter: (name) => request.pathParameters?.[name],
    context: (name) =>
      name === 'requestId'
        ? request.requestId
        : name === 'stage'
          ? request.stage.name
          : name === 'apiId'
            ? request.api.apiId
            : name === 'identity.sourceIp'
              ? request.sourceIp
              : undefined,
    stageVariable: (name) => request.stage.variables[name],
  }
}

/**
 * Compiles an HTTP API once.
 *
 * @param definition - the API
 * @param options - handlers and identity
 * @returns the compiled API
 * @throws ConfigError for bad paths or duplicate routes
 */
export function compileHttpApi(
  definition: HttpApiDefinition,
  options: {
    lambdas: LambdaHandlers
    apiId: string
    accountId: string
    region: string
    jwks?: JwksSource
    credentials?: CredentialsResolver
  },
): CompiledHttpApi {
  const jwks = new JwksStore(options.jwks)
  const checks = new Map(
    Object.entries(definition.authorizers).map(([name, authorizer]) => [
      name,
      compileJwtAuthorizer(authorizer, jwks),
    ]),
  )
  const lambdaChecks = new Map(
    Object.entries(definition.lambdaAuthorizers).map(([name, authorizer]) => [
      name,
      compileHttpLambdaAuthorizer(authorizer, options.lambdas, options),
    ]),
  )
  const resolveCredentials: CredentialsResolver = options.credentials ?? (() => undefined)
  const authorizeFor = (route: HttpRouteDefinition): CompiledRoute['authorize'] => {
    if (route.iam) {
      return async (request) => {
        const caller = await verifySigV4(
          {
            method: request.method,
            signedPath: stagePath(request),
            rawQuery: request.rawQuery,
            headers: request.headers,
            query: queryOf(request),
            bodyBytes: () => request.body,
            region: options.region,
            deps: request.deps,
          },
          resolveCredentials,
        )
        if ('responseType' in caller)
          return { ok: false, status: 403, message: caller.message ?? 'Forbidden' }
        return {
          ok: true,
          authorizer: {
            iam: {
              accessKey: caller.accessKey,
              accountId: caller.accountId ?? null,
              userArn: caller.arn ?? null,
            },
          },
        }
      }
    }
    if (!route.authorization) return undefined
    const name = route.authorization.authorizer
    const lambda = lambdaChecks.get(name)
    if (lambda) {
      return async (request) => {
        const verdict = await lambda({
          identity: (source) => identityValue(request, source),
          event: (version, identitySource, routeArn) =>
            version === '2.0'
              ? buildHttpApiAuthorizerEventV2(
                  request,
                  queryOf(request),
                  route.routeKey,
                  routeArn,
                  identitySource,
                )
              : buildHttpApiAuthorizerEventV1(
                  request,
                  queryOf(request),
                  route.path ?? '$default',
                  routeArn,
                  identitySource,
                ),
          routeArn: `arn:aws:execute-api:${options.region}:${options.accountId}:${options.apiId}/${request.stage.name}/${request.method}${arnPath(request.path)}`,
          requestId: request.requestId,
          deps: request.deps,
        })
        return verdict.ok
          ? { ok: true, authorizer: { lambda: verdict.context } }
          : { ok: false, status: verdict.status }
      }
    }
    const check = checks.get(name)
    const definitionOf = definition.authorizers[name]
    if (!check || !definitionOf) return undefined
    const scopes = route.authorization.scopes
    return async (request) => {
      const verdict: JwtVerdict = await check(
        request.headers.get(definitionOf.header),
        scopes,
        request.deps,
      )
      if (!verdict.ok)
        return { ok: false, status: verdict.status, wwwAuthenticate: verdict.wwwAuthenticate }
      const claims: Record<string, string> = {}
      for (const key of Object.keys(verdict.claims)) {
        const value = verdict.claims[key]
        Object.defineProperty(claims, key, {
          value: typeof value === 'string' ? value : JSON.stringify(value),
          enumerable: true,
        })
      }
      return { ok: true, authorizer: { jwt: { claims, scopes: verdict.scopes } } }
    }
  }
  const tree = new ResourceTree<Map<string, CompiledRoute>>()
  const byPath = new Map<string, Map<string, CompiledRoute>>()
  let defaultRoute: CompiledRoute | undefined
  for (const route of definition.routes) {
    const where = route.path === undefined ? 'paths./$default' : `paths.${route.path}`
    const handle =
      route.integration.type === 'AWS_PROXY'
        ? compileLambdaRoute(route, where, options.lambdas, options.accountId, options.region)
        : compileHttpProxyRoute(route, `${where}.x-amazon-apigateway-integration`)
    const responseMappings = new Map(
      Object.entries(route.integration.responseParameters).map(([status, mapping]) => [
        status,
        compileHttpResponseMapping(
          mapping,
          `${where}.x-amazon-apigateway-integration.responseParameters.${status}`,
        ),
      ]),
    )
    const compiled: CompiledRoute = {
      definition: route,
      handle,
      authorize: authorizeFor(route),
      responseMappings,
    }
    if (route.path === undefined) {
      if (defaultRoute) throw new ConfigError(where, 'the $default route is defined twice')
      defaultRoute = compiled
      continue
    }
    let methods = byPath.get(route.path)
    if (!methods) {
      methods = new Map()
      byPath.set(route.path, methods)
      tree.add(parsePathTemplate(route.path, where), methods, where)
    }
    if (methods.has(route.method as string))
      throw new ConfigError(where, `route ${route.routeKey} is defined twice`)
    methods.set(route.method as string, compiled)
  }
  return {
    definition,
    apiId: options.apiId,
    accountId: options.accountId,
    region: options.region,
    tree,
    defaultRoute,
    cors: definition.cors ? compileCors(definition.cors) : undefined,
  }
}

/** Route throttling: `routeSettings[routeKey]`, else `defaultRouteSettings`, and the account. */
async function throttled(route: CompiledRoute, request: HttpRequest): Promise<boolean> {
  const stage = request.stage
  const settings = stage.routeSetting(route.definition.routeKey)
  const demands: BucketDemand[] = []
  const rate = settings.throttlingRateLimit
  const burst = settings.throttlingBurstLimit
  if (rate !== undefined && burst !== undefined && rate >= 0 && burst >= 0)
    demands.push({
      key: `stage:${stage.name}:route:${route.definition.routeKey}`,
      limit: { rateLimit: rate, burstLimit: burst },
    })
  demands.push({ key: 'account', limit: stage.traffic.account })
  return (await stage.traffic.store.takeAll(demands, request.timeEpoch)) !== -1
}

/** Throttling, the route's authorizer, then its integration. */
async function runRoute(route: CompiledRoute, request: HttpRequest): Promise<Answer> {
  if (await throttled(route, request)) return message(429, 'Too Many Requests')
  if (route.authorize) {
    const verdict = await route.authorize(request)
    if (!verdict.ok) {
      const text =
        verdict.status === 401
          ? 'Unauthorized'
          : verdict.status === 403
            ? 'Forbidden'
            : 'Internal Server Error'
      const answer = message(verdict.status, text)
      if (verdict.wwwAuthenticate) answer.headers.set('www-authenticate', verdict.wwwAuthenticate)
      return answer
    }
    request.authorizer = verdict.authorizer
  }
  const startedAt = request.deps.now()
  let answer: Answer
  try {
    answer = await route.handle(request)
  } finally {
    request.integrationLatency = request.deps.now() - startedAt
  }
  const mapping = route.responseMappings.get(String(answer.statusCode))
  return mapping ? mapResponse(mapping, answer, request) : answer
}

/** Applies a response mapping: header operations, then `overwrite:statuscode`. */
function mapResponse(mapping: ResponseMapping, answer: Answer, request: HttpRequest): Answer {
  let parsed: unknown
  const input: MappingInput = {
    ...mappingInput(request),
    responseHeader: (name) => answer.headers.get(name),
    responseBody: (path) => {
      try {
        // A backend may relay client JSON: nested deeper than 1000 levels is not read.
        parsed ??= parseClientJson(answer.body)
        const value = compileJsonPath(path).evaluate(parsed)
        return value === null || value === undefined
          ? undefined
          : typeof value === 'string'
            ? value
            : JSON.stringify(value)
      } catch {
        return undefined
      }
    },
  }
  for (const operation of mapping.headers) {
    const lower = operation.name.toLowerCase()
    if (operation.action === 'remove') answer.headers.removeWhere((n) => n.toLowerCase() === lower)
    else if (operation.action === 'append')
      answer.headers.append(operation.name, operation.value(input))
    else answer.headers.set(operation.name, operation.value(input))
  }
  if (mapping.status) {
    const status = parseFinalStatus(mapping.status(input))
    if (status !== undefined) answer.statusCode = status
  }
  return answer
}

/** The value of an identity source (`$request.header.X`, `$context.X`, …). */
function identityValue(request: HttpRequest, source: string): string | undefined {
  const [, root, kind, name] =
    /^\$(request|context|stageVariables)\.?([A-Za-z0-9_-]*)\.?(.*)$/.exec(source) ?? []
  if (root === 'request' && kind === 'header') return request.headers.getAll(name ?? '')?.join(',')
  if (root === 'request' && kind === 'querystring') {
    const multi = queryOf(request).multi
    return multi ? getOwn(multi, name ?? '')?.join(',') : undefined
  }
  if (root === 'stageVariables') return request.stage.variables[kind ?? '']
  if (root === 'context')
    return kind === 'routeKey'
      ? request.route?.definition.routeKey
      : kind === 'stage'
        ? request.stage.name
        : undefined
  return undefined
}

/**
 * Runs one request through an HTTP API.
 *
 * @param api - the compiled API
 * @param stage - the stage
 * @param input - the request
 * @param deps - the injected world
 * @returns the response; never rejects
 */
export async function handleHttpApiRequest(
  api: CompiledHttpApi,
  stage: StageRuntime,
  input: GatewayRequest,
  deps: Deps,
): Promise<GatewayResponse> {
  const requestId = createExtendedRequestId(deps.random)
  let answer: Answer
  let origin: string | undefined
  let observed: HttpRequest | undefined
  try {
    const path = withoutFragment(
      typeof input.path === 'string' && input.path.startsWith('/')
        ? input.path
        : `/${input.path ?? ''}`,
    )
    const q = path.indexOf('?')
    const rawPath = q === -1 ? path : path.slice(0, q)
    const headers = new RequestHeaders(input.rawHeaders ?? input.headers)
    origin = headers.get('origin')
    const body =
      input.body === undefined || input.body === null
        ? null
        : typeof input.body === 'string'
          ? Buffer.from(input.body, input.isBase64Encoded ? 'base64' : 'utf8')
          : Buffer.from(input.body)
    const request: HttpRequest = {
      api,
      stage,
      deps,
      method: typeof input.method === 'string' ? input.method.toUpperCase() : '',
      rawPath,
      path: normalizeRequestPath(rawPath),
      rawQuery: q === -1 ? '' : path.slice(q + 1),
      headers,
      body,
      sourceIp: input.sourceIp ?? '127.0.0.1',
      requestId,
      timeEpoch: deps.now(),
      route: undefined,
      pathParameters: undefined,
      authorizer: undefined,
      parsedQuery: undefined,
    }
    observed = request
    if ((body?.length ?? 0) > MAX_BODY_BYTES || headers.size > MAX_HEADER_BYTES) {
      // API Gateway's payload (10 MB) and header (10240 bytes) limits.
      answer = message(413, 'Request Entity Too Large')
    } else if (
      api.cors &&
      request.method === 'OPTIONS' &&
      origin !== undefined &&
      headers.get('access-control-request-method') !== undefined
    ) {
      // A preflight: answered by the gateway, whatever the routes.
      const preflight = new ResponseHeaders()
      preflightHeaders(preflight, api.cors, origin)
      answer = { statusCode: 204, headers: preflight, body: '', isBase64Encoded: false }
    } else {
      const match = api.tree.match(
        request.path,
        (methods) => methods.has(request.method) || methods.has('ANY'),
      )
      if (match) {
        const route = match.value.get(request.method) ?? (match.value.get('ANY') as CompiledRoute)
        request.route = route
        if (match.params.length > 0) {
          const params: Record<string, string> = {}
          for (let i = 0; i < match.params.length; i += 2)
            params[match.params[i] as string] = match.params[i + 1] as string
          request.pathParameters = params
        }
        answer = await runRoute(route, request)
      } else if (api.defaultRoute) {
        request.route = api.defaultRoute
        answer = await runRoute(api.defaultRoute, request)
      } else answer = message(404, 'Not Found')
      if (api.cors) applyCors(answer.headers, api.cors, origin)
    }
  } catch (error) {
    deps.logger.error(`internal error: ${(error as Error)?.message ?? String(error)}`)
    answer = internalError()
  }
  answer.headers.set('Apigw-Requestid', requestId)
  const maps = answer.headers.toMaps()
  const response: GatewayResponse = {
    statusCode: answer.statusCode,
    headers: maps.headers,
    multiValueHeaders: maps.multiValueHeaders,
    body: answer.body,
    isBase64Encoded: answer.isBase64Encoded,
  }
  if (observed) observe(observed, response)
  return response
}

/**
 * Metrics (HTTP API names: Count, 4xx, 5xx, Latency, IntegrationLatency, DataProcessed) and the
 * access-log line of a finished request; never fails the request. The line is only built when
 * the stage has a format and the host a sink.
 */
function observe(request: HttpRequest, response: GatewayResponse): void {
  try {
    const latency = request.deps.now() - request.timeEpoch
    const responseLength = responseBodyLength(response.body, response.isBase64Encoded)
    const route = request.route?.definition
    request.stage.metrics.record({
      method: route ? (route.method ?? 'ANY') : undefined,
      resource: route ? (route.path ?? '$default') : undefined,
      status: response.statusCode,
      latency,
      integrationLatency: request.integrationLatency,
      cache: undefined,
      dataProcessed: (request.body?.length ?? 0) + responseLength,
    })
    const format = request.stage.accessLog
    const sink = request.stage.accessLogSink
    if (format && sink) {
      const logOnly: Record<string, unknown> = {
        status: response.statusCode,
        responseLength,
        responseLatency: latency,
        integrationLatency: request.integrationLatency,
        integrationStatus: request.integrationStatus,
        integrationErrorMessage: request.integrationError,
        integration: {
          latency: request.integrationLatency,
          status: request.integrationStatus,
          integrationStatus: request.integrationStatus,
          error: request.integrationError,
        },
      }
      sink(
        renderAccessLogLine(format, logOnly, (root, path) => httpContextValue(request, root, path)),
      )
    }
  } catch (error) {
    request.deps.logger.warn(`metrics or access log failed: ${(error as Error)?.message}`)
  }
}

/** `$context.*` and `$stageVariables.*` as HTTP APIs define them for access logs. */
function httpContextValue(
  request: HttpRequest,
  root: 'context' | 'stageVariables',
  path: readonly string[],
): unknown {
  if (root === 'stageVariables') return getOwn(request.stage.variables, path[0] as string)
  const host = request.headers.get('host')
  switch (path.join('.')) {
    case 'requestId':
    case 'extendedRequestId':
      return request.requestId
    case 'httpMethod':
      return request.method
    case 'path':
      return stagePath(request)
    case 'routeKey':
      return request.route?.definition.routeKey
    case 'protocol':
      return 'HTTP/1.1'
    case 'stage':
      return request.stage.name
    case 'apiId':
      return request.api.apiId
    case 'accountId':
      return request.api.accountId
    case 'awsEndpointRequestId':
      return undefined
    case 'domainName':
      return host ?? `${request.api.apiId}.execute-api.${request.api.region}.amazonaws.com`
    case 'domainPrefix':
      return (host ?? request.api.apiId).split('.')[0]
    case 'identity.sourceIp':
      return request.sourceIp
    case 'identity.userAgent':
      return request.headers.get('user-agent')
    case 'requestTime':
      return formatClfTime(request.timeEpoch)
    case 'requestTimeEpoch':
      return request.timeEpoch
  }
  if (path[0] === 'authorizer') {
    // `$context.authorizer.claims.x` (JWT), `$context.authorizer.x` (Lambda context).
    const authorizer = request.authorizer
    if (!authorizer) return undefined
    if (path[1] === 'claims' && authorizer.jwt) return getOwn(authorizer.jwt.claims, path[2] ?? '')
    if (authorizer.lambda && path.length === 2)
      return getOwn(authorizer.lambda as Record<string, unknown>, path[1] as string)
  }
  return undefined
}
