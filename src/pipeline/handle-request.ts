/**
 * The REST request runner: the only place that awaits. Each step returns a value (a route, a
 * failure, a result); every failure is rendered through the gateway responses, and nothing a
 * request or a handler does can make it reject.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-develop.html
 */
import { ResponseHeaders } from '../core/headers.js'
import { createRequestId } from '../core/ids.js'
import { firstAcceptType } from '../core/media-type.js'
import {
  isGatewayFailure,
  type Deps,
  type GatewayFailure,
  type GatewayRequest,
  type GatewayResponse,
} from '../core/types.js'
import { REST_METHODS, type RestMethod } from '../definition/model.js'
import { GatewayResponseError, isPorticoError } from '../errors.js'
import { failureMessage, renderGatewayResponse } from '../gateway-responses/render.js'
import type { Authorizer } from '../auth/lambda-authorizer.js'
import { resourcePolicyDenial } from '../auth/resource-policy.js'
import {
  CACHE_INVALIDATION_DENIED,
  fromCached,
  IGNORED_CACHE_CONTROL_HEADER,
  toCached,
  wantsInvalidation,
} from '../cache/cache-step.js'
import type { CacheStore } from '../cache/cache-store.js'
import type { CachedResponse } from '../cache/response-cache.js'
import type { MethodSetting } from '../traffic/method-settings.js'
import { applyTraffic } from '../traffic/throttle.js'
import type { IntegrationResult } from '../integrations/integration.js'
import { renderAccessLogLine, responseBodyLength } from '../observability/access-log.js'
import type { CompiledApi, CompiledMethod, CompiledResource } from './compiled-api.js'
import { RequestState } from './request-state.js'
import { summarizeRestRequest } from '../observability/request-summary.js'
import type { StageRuntime } from './stage-runtime.js'

/** Largest request body API Gateway accepts (10 MB). */
export const MAX_BODY_BYTES: number = 10 * 1024 * 1024
/** Largest combined size of header names and values (10240 bytes). */
export const MAX_HEADER_BYTES = 10240

const MISSING_TOKEN: GatewayFailure = { responseType: 'MISSING_AUTHENTICATION_TOKEN' }
const TOO_LARGE: GatewayFailure = { responseType: 'REQUEST_TOO_LARGE' }

const ACCEPTS = new Map<string, (resource: CompiledResource) => boolean>(
  REST_METHODS.filter((m) => m !== 'ANY').map((m) => [
    m,
    (resource) => resource.methods[m] !== undefined || resource.methods.ANY !== undefined,
  ]),
)

function route(state: RequestState): CompiledMethod | GatewayFailure {
  const accepts = ACCEPTS.get(state.method)
  if (!accepts) return MISSING_TOKEN
  const match = state.api.tree.match(state.path, accepts)
  if (!match) return MISSING_TOKEN
  const resource = match.value
  const method = (resource.methods[state.method as RestMethod] ??
    resource.methods.ANY) as CompiledMethod
  let pathParameters: Record<string, string> | null = null
  const params = match.params
  if (params.length) {
    pathParameters = {}
    for (let i = 0; i < params.length; i += 2)
      pathParameters[params[i] as string] = params[i + 1] as string
  }
  state.route = { method, pathParameters }
  return method
}

function checkLimits(state: RequestState): GatewayFailure | undefined {
  if (state.headers.size > MAX_HEADER_BYTES) return TOO_LARGE
  if (state.bodySize() > MAX_BODY_BYTES) return TOO_LARGE
  return undefined
}

function policyDenial(state: RequestState, explicit: boolean): GatewayFailure {
  return {
    responseType: 'ACCESS_DENIED',
    message: resourcePolicyDenial(state.methodArn, explicit),
  }
}

/** Metrics and the access-log line of a finished request; never fails the request. */
function observe(state: RequestState, response: GatewayResponse, finishedAt: number): void {
  try {
    const latency = finishedAt - state.requestTimeEpoch
    const method = state.route?.method
    state.stage.metrics.record({
      method: method?.httpMethod,
      resource: method?.resourcePath,
      status: response.statusCode,
      latency,
      integrationLatency: state.integrationLatency,
      cache: state.cacheStatus,
    })
    // Host's request log (GatewayOptions.onRequestComplete); nothing is built when unset.
    if (state.deps.onRequestComplete)
      state.deps.onRequestComplete(summarizeRestRequest(state, response, latency))
    const format = state.stage.accessLog
    const sink = state.stage.accessLogSink
    if (format && sink) {
      const logOnly: Record<string, unknown> = {
        status: response.statusCode,
        responseLength: responseBodyLength(response.body, response.isBase64Encoded),
        responseLatency: latency,
        integrationLatency: state.integrationLatency,
        integrationStatus: state.integrationStatus,
        integration: {
          latency: state.integrationLatency,
          status: state.integrationStatus,
          integrationStatus: state.integrationStatus,
        },
        xrayTraceId: undefined,
      }
      sink(renderAccessLogLine(format, logOnly, state.lookup))
    }
  } catch (error) {
    state.deps.logger.warn(`metrics or access log failed: ${(error as Error)?.message}`)
  }
}

function failureFromError(error: unknown): GatewayFailure {
  if (error instanceof GatewayResponseError || (isPorticoError(error) && 'responseType' in error)) {
    return {
      responseType: (error as GatewayResponseError).responseType,
      logMessage: error.message,
      cause: error,
    }
  }
  return {
    responseType: 'API_CONFIGURATION_ERROR',
    logMessage: `Execution failed: ${(error as Error)?.message ?? String(error)}`,
    cause: error,
  }
}

function finishFailure(state: RequestState, failure: GatewayFailure): GatewayResponse {
  const message = failureMessage(failure)
  state.error = {
    message,
    messageString: JSON.stringify(message),
    responseType: failure.responseType,
  }
  if (failure.validationErrorString !== undefined)
    state.error.validationErrorString = failure.validationErrorString
  const rendered = renderGatewayResponse(failure, state.api.gatewayResponses, {
    accept: firstAcceptType(state.headers.get('accept')),
    lookup: state.lookup,
    sources: state.sources,
  })
  if (failure.logMessage !== undefined) {
    const level = rendered.statusCode >= 500 ? 'error' : 'warn'
    state.deps.logger[level](failure.logMessage, {
      requestId: state.requestId,
      responseType: failure.responseType,
      method: state.method,
      path: state.rawPath,
    })
  }
  return toResponse(state, rendered.statusCode, rendered.headers, rendered.body, false)
}

function toResponse(
  state: RequestState,
  statusCode: number,
  headers: ResponseHeaders,
  body: string,
  isBase64Encoded: boolean,
): GatewayResponse {
  headers.set('x-amzn-RequestId', state.requestId, 'x-amzn-requestid')
  headers.set('x-amz-apigw-id', state.extendedRequestId, 'x-amz-apigw-id')
  const maps = headers.toMaps()
  return {
    statusCode,
    headers: maps.headers,
    multiValueHeaders: maps.multiValueHeaders,
    body,
    isBase64Encoded,
  }
}

function run(
  state: RequestState,
): IntegrationResult | GatewayFailure | Promise<IntegrationResult | GatewayFailure> {
  const method = route(state)
  if (isGatewayFailure(method)) return method
  const tooLarge = checkLimits(state)
  if (tooLarge) return tooLarge
  const policy = state.api.resourcePolicy
  if (policy) {
    // Before authorization: an explicit Deny stops the request here.
    const verdict = policy(state.methodArn, state)
    if (verdict === 'EXPLICIT_DENY') return policyDenial(state, true)
    state.resourcePolicyVerdict = verdict
  }
  if (method.authorize) return authorizeThenRun(state, method, method.authorize)
  return afterAuthorization(state, method)
}

async function authorizeThenRun(
  state: RequestState,
  method: CompiledMethod,
  authorize: Authorizer,
): Promise<IntegrationResult | GatewayFailure> {
  const result = await authorize(state)
  if (isGatewayFailure(result)) return result
  state.allow(result)
  return afterAuthorization(state, method)
}

function afterAuthorization(
  state: RequestState,
  method: CompiledMethod,
): IntegrationResult | GatewayFailure | Promise<IntegrationResult | GatewayFailure> {
  // A policy that allows nothing here admits only callers an authorizer allowed.
  if (state.resourcePolicyVerdict === 'IMPLICIT_DENY' && !state.authorizer)
    return policyDenial(state, false)
  if (method.definition.apiKeyRequired) {
    // After the authorizer, which may supply the key (apiKeySource AUTHORIZER).
    const value =
      state.api.definition.apiKeySource === 'AUTHORIZER'
        ? state.authorizer?.usageIdentifierKey
        : state.headers.get('x-api-key')
    const admitted = state.api.checkApiKey(value, state.stage.name)
    if (isGatewayFailure(admitted)) return admitted
    state.admitKey(admitted)
  }
  const traffic = applyTraffic(state.stage.traffic.store, state.stage.traffic.account, {
    now: state.requestTimeEpoch,
    stage: state.stage.name,
    methodKey: method.settingKey,
    planMethodKey: method.planMethodKey,
    setting: state.stage.methodSetting(method.settingKey),
    apiKey: state.apiKey,
  })
  if (traffic instanceof Promise)
    return traffic.then((failure) => failure ?? validateThenIntegrate(state, method))
  if (traffic) return traffic
  return validateThenIntegrate(state, method)
}

function validateThenIntegrate(
  state: RequestState,
  method: CompiledMethod,
): IntegrationResult | GatewayFailure | Promise<IntegrationResult | GatewayFailure> {
  if (method.validate) {
    const invalid = method.validate(state)
    if (invalid) return invalid
  }
  const cache = state.stage.cache
  if (cache) {
    const { setting, specificKey } = state.stage.methodSetting(method.settingKey)
    // GET is cached by default; other methods only with their own setting.
    const enabled =
      method.httpMethod === 'GET'
        ? setting.cachingEnabled !== false
        : specificKey !== undefined && setting.cachingEnabled === true
    const ttl = setting.cacheTtlInSeconds ?? 300
    if (enabled && ttl > 0) return throughCache(state, method, cache, setting, ttl)
  }
  return runIntegration(state, method)
}

/**
 * Calls the integration, noting when it started: IntegrationLatency runs from here to the end
 * of the request (what follows the integration is synchronous and takes no measurable time).
 */
function runIntegration(
  state: RequestState,
  method: CompiledMethod,
): Promise<IntegrationResult | GatewayFailure> {
  state.integrationStartedAt = state.deps.now()
  return method.integration(state)
}

function throughCache(
  state: RequestState,
  method: CompiledMethod,
  cache: CacheStore,
  setting: MethodSetting,
  ttlSeconds: number,
): IntegrationResult | GatewayFailure | Promise<IntegrationResult | GatewayFailure> {
  const key = state.stage.cacheKeyPrefix + method.cacheKey(state)
  const now = state.requestTimeEpoch
  let warn = false
  let refresh = false
  if (wantsInvalidation(state)) {
    // Only IAM callers can hold execute-api:InvalidateCache; without the requirement, anyone may.
    const authorized =
      setting.requireAuthorizationForCacheControl === false || state.authorizer?.iam !== undefined
    if (authorized) refresh = true
    else {
      const strategy =
        setting.unauthorizedCacheControlHeaderStrategy ?? 'SUCCEED_WITH_RESPONSE_HEADER'
      if (strategy === 'FAIL_WITH_403') return CACHE_INVALIDATION_DENIED
      warn = strategy === 'SUCCEED_WITH_RESPONSE_HEADER'
    }
  }
  const mark = (result: IntegrationResult): IntegrationResult => {
    if (warn) result.headers.set(IGNORED_CACHE_CONTROL_HEADER, 'unauthorized')
    return result
  }
  const miss = (): Promise<IntegrationResult | GatewayFailure> => {
    state.cacheStatus = 'miss'
    return runIntegration(state, method).then(async (outcome) => {
      if (isGatewayFailure(outcome)) return outcome
      if (outcome.statusCode >= 200 && outcome.statusCode < 300) {
        // A shared store is written before answering, so the next caller anywhere finds it; a
        // failed write is a miss next time.
        const stored = cache.set(key, toCached(outcome), ttlSeconds * 1000, now)
        if (stored instanceof Promise) await stored.catch(() => undefined)
      }
      return mark(outcome)
    })
  }
  if (refresh) return miss()
  const found = (hit: CachedResponse | undefined) => {
    if (!hit) return miss()
    state.cacheStatus = 'hit'
    return mark(fromCached(hit))
  }
  const hit = cache.get(key, now)
  return hit instanceof Promise ? hit.then(found, () => miss()) : found(hit)
}

/**
 * Runs one request through the API.
 *
 * @param api - the compiled API
 * @param stage - the stage serving it
 * @param request - the request
 * @param deps - the injected world
 * @returns the response; never rejects
 */
export function handleRequest(
  api: CompiledApi,
  stage: StageRuntime,
  request: GatewayRequest,
  deps: Deps,
): Promise<GatewayResponse> {
  let state: RequestState
  try {
    state = new RequestState(api, stage, request, deps)
  } catch (error) {
    return Promise.resolve(lastResort(undefined, deps, error))
  }
  let outcome: IntegrationResult | GatewayFailure | Promise<IntegrationResult | GatewayFailure>
  try {
    outcome = run(state)
  } catch (error) {
    outcome = failureFromError(error)
  }
  // Steps that answer at once (a MOCK route, a 403) finish without waiting on a promise chain.
  if (!(outcome instanceof Promise)) return Promise.resolve(finish(state, outcome))
  return outcome.then(
    (settled) => finish(state, settled),
    (error: unknown) => finish(state, failureFromError(error)),
  )
}

/** The response for an outcome, with metrics and the access log recorded. */
function finish(state: RequestState, outcome: IntegrationResult | GatewayFailure): GatewayResponse {
  try {
    const finishedAt = state.deps.now()
    if (state.integrationStartedAt !== undefined) {
      state.integrationLatency = finishedAt - state.integrationStartedAt
      if (!isGatewayFailure(outcome)) state.integrationStatus = outcome.statusCode
    }
    const response = isGatewayFailure(outcome)
      ? finishFailure(state, outcome)
      : toResponse(
          state,
          outcome.statusCode,
          outcome.headers,
          outcome.body,
          outcome.isBase64Encoded,
        )
    observe(state, response, finishedAt)
    return response
  } catch (error) {
    return lastResort(state, state.deps, error)
  }
}

/** The answer when rendering itself failed (e.g. a broken custom gateway response). */
function lastResort(state: RequestState | undefined, deps: Deps, error: unknown): GatewayResponse {
  deps.logger.error(`internal error: ${(error as Error)?.message ?? String(error)}`, { error })
  const headers = new ResponseHeaders()
  headers.set('Content-Type', 'application/json')
  headers.set('x-amzn-ErrorType', 'InternalServerErrorException')
  headers.set('x-amzn-RequestId', state?.requestId ?? createRequestId(deps.random))
  const maps = headers.toMaps()
  return {
    statusCode: 500,
    headers: maps.headers,
    multiValueHeaders: maps.multiValueHeaders,
    body: '{"message":"Internal server error"}',
    isBase64Encoded: false,
  }
}
