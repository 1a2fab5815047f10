/**
 * The HTTP API (v2) runner: route-key matching (full match, then greedy, then `$default`, else
 * 404 `Not Found`), CORS preflights answered by the gateway, Lambda proxy payloads 2.0 and 1.0
 * with the 2.0 response inference, HTTP_PROXY, and HTTP API error bodies. It never rejects.
 * The request shapes live in request.ts, the integrations in routes.ts, metrics and access logs
 * in observe.ts.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import { Buffer } from 'node:buffer'
import { RequestHeaders, ResponseHeaders } from '../core/index.js'
import { errorMessage } from '../core/index.js'
import { createExtendedRequestId } from '../core/index.js'
import { parseClientJson } from '../core/index.js'
import { payloadTooLarge } from '../core/index.js'
import type { Deps, GatewayRequest, GatewayResponse } from '../core/index.js'
import { ConfigError } from '../errors.js'
import type { LambdaHandlers } from '../integrations/index.js'
import { parseFinalStatus } from '../integrations/index.js'
import { stagePath } from '../lambda-events/index.js'
import type { StageRuntime } from '../stages/index.js'
import { exceedsRequestLimits, MAX_BODY_BYTES, REQUEST_LIMITS } from '../core/index.js'
import { isRouteThrottled } from '../traffic/index.js'
import { parsePathTemplate } from '../routing/index.js'
import { ResourceTree } from '../routing/index.js'
import {
  HttpApiRequest,
  internalError,
  message,
  queryOf,
  type Answer,
  type CompiledHttpApi,
  type CompiledRoute,
  type HttpRequest,
} from './request.js'
import { compileHttpProxyRoute, compileLambdaRoute, mappingInput } from './routes.js'
import { compileServiceRoute } from './service-integration.js'
import type { AwsServices } from '../integrations/index.js'
import { observe } from './observe.js'
import { routesElsewhereDecoded } from './decoded-route.js'
import { applyCors, compileCors, preflightHeaders } from './cors.js'
import type { HttpApiDefinition, HttpRouteDefinition } from './definition.js'
import { compileJwtAuthorizer, type JwtVerdict } from './jwt-authorizer.js'
import { compileHttpLambdaAuthorizer } from './lambda-authorizer.js'
import { verifySigV4, type CredentialsResolver } from '../auth/index.js'
import {
  compileHttpResponseMapping,
  type MappingInput,
  type ResponseMapping,
} from './parameter-mapping.js'
import { compileJsonPath } from '../mapping/index.js'
import { JwksStore, type JwksSource } from '../auth/index.js'

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
    services?: AwsServices
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
    if (lambda) return lambda
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
    const handle = route.integration.integrationSubtype
      ? compileServiceRoute(route, where, options.services ?? {}, options.region)
      : route.integration.type === 'AWS_PROXY'
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
function throttled(route: CompiledRoute, request: HttpRequest): boolean | Promise<boolean> {
  const stage = request.stage
  const routeKey = route.definition.routeKey
  return isRouteThrottled(
    stage.traffic.store,
    stage.traffic.account,
    stage.name,
    routeKey,
    stage.routeSetting(routeKey),
    request.timeEpoch,
  )
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
  let observed: HttpApiRequest | undefined
  try {
    const headers = new RequestHeaders(input.rawHeaders ?? input.headers)
    origin = headers.get('origin')
    const body =
      input.body === undefined || input.body === null
        ? null
        : typeof input.body === 'string'
          ? Buffer.from(input.body, input.isBase64Encoded ? 'base64' : 'utf8')
          : Buffer.from(input.body)
    const request = new HttpApiRequest(api, stage, deps, input, headers, body, requestId)
    observed = request
    if (request.bodySize() > MAX_BODY_BYTES) {
      // API Gateway's payload limit (10 MB), answered in plain text (core/payload-limit).
      const { statusCode, headers: plain, body: text } = payloadTooLarge()
      const out = new ResponseHeaders()
      out.set('Content-Type', plain['Content-Type'])
      answer = { statusCode, headers: out, body: text, isBase64Encoded: false }
    } else if (exceedsRequestLimits(request, REQUEST_LIMITS.HTTP)) {
      // The header limit (10240 bytes).
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
      const accepts = (methods: ReadonlyMap<string, CompiledRoute>): boolean =>
        methods.has(request.method) || methods.has('ANY')
      const match = api.tree.match(request.path, accepts)
      if (routesElsewhereDecoded(api, request, match?.value, accepts)) {
        // The Lambda reads the decoded path (`/a%2Fb` as `/a/b`): a spelling that another route
        // would serve once decoded is refused, so no route's checks can be passed by encoding.
        answer = message(404, 'Not Found')
      } else if (match) {
        const route: CompiledRoute =
          match.value.get(request.method) ?? (match.value.get('ANY') as CompiledRoute)
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
    deps.logger.error(`internal error: ${errorMessage(error)}`)
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
