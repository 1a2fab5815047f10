/**
 * The REST request runner: the only place that awaits. Each step returns a value (a route, a
 * failure, a result); every failure is rendered through the gateway responses, and nothing a
 * request or a handler does can make it reject.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-develop.html
 */
import { ResponseHeaders } from '../core/index.js'
import { errorMessage } from '../core/index.js'
import { createRequestId } from '../core/index.js'
import { firstAcceptType } from '../core/index.js'
import { MAX_BODY_BYTES, payloadTooLarge } from '../core/index.js'
import {
  isGatewayFailure,
  type Deps,
  type GatewayFailure,
  type GatewayRequest,
  type GatewayResponse,
} from '../core/index.js'
import { REST_METHODS, type RestMethod } from '../definition/index.js'
import { isGatewayResponseError } from '../errors.js'
import { failureMessage, renderGatewayResponse } from '../gateway-responses/index.js'
import type { Authorizer } from '../auth/index.js'
import { presentedApiKey } from '../auth/index.js'
import { resourcePolicyFailure } from '../auth/index.js'
import { unknownRouteAuthorizationFailure } from '../auth/index.js'
import { cacheTtlSeconds, throughCache } from '../cache/index.js'
import { exceedsRequestLimits, REQUEST_LIMITS } from '../core/index.js'
import { applyTraffic } from '../traffic/index.js'
import type { IntegrationResult } from '../integrations/index.js'
import { ExecutionLog, observeRequest } from '../observability/index.js'
import type { CompiledApi, CompiledMethod, CompiledResource } from './compiled-api.js'
import { RequestState } from './request-state.js'
import { emitExecutionLog, logsExecution, traceMethodRequest } from './execution-trace.js'
import { summarizeRestRequest } from '../observability/index.js'
import type { StageRuntime } from '../stages/index.js'

const MISSING_TOKEN: GatewayFailure = { responseType: 'MISSING_AUTHENTICATION_TOKEN' }
const TOO_LARGE: GatewayFailure = { responseType: 'REQUEST_TOO_LARGE' }

const ACCEPTS = new Map<string, (resource: CompiledResource) => boolean>(
  REST_METHODS.filter((m) => m !== 'ANY').map((m) => [
    m,
    (resource) => resource.methods[m] !== undefined || resource.methods.ANY !== undefined,
  ]),
)

/** No route: 403 Missing Authentication Token, or SigV4's parse error for an Authorization header. */
function noRoute(state: RequestState): GatewayFailure {
  const authorization = state.headers.get('authorization')
  if (authorization === undefined || authorization.trim() === '') return MISSING_TOKEN
  const hasDate = state.headers.has('x-amz-date') || state.headers.has('date')
  return unknownRouteAuthorizationFailure(authorization, hasDate) ?? MISSING_TOKEN
}

function route(state: RequestState): CompiledMethod | GatewayFailure {
  const accepts = ACCEPTS.get(state.method)
  if (!accepts) return noRoute(state)
  const match = state.api.tree.match(state.path, accepts)
  if (!match) return noRoute(state)
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

/** A body over 10 MB: AWS's front end answers in plain text, before routing (core/payload-limit). */
function bodyTooLarge(): IntegrationResult {
  const { statusCode, headers, body } = payloadTooLarge()
  const out = new ResponseHeaders()
  out.set('Content-Type', headers['Content-Type'])
  return { statusCode, headers: out, body, isBase64Encoded: false }
}

/** Metrics and the access-log line of a finished request; never fails the request. */
function observe(state: RequestState, response: GatewayResponse, finishedAt: number): void {
  const method = state.route?.method
  observeRequest(
    state.stage,
    {
      method: method?.httpMethod,
      resource: method?.resourcePath,
      status: response.statusCode,
      latency: finishedAt - state.requestTimeEpoch,
      integrationLatency: state.integrationLatency,
      integrationStatus: state.integrationStatus,
      cache: state.cacheStatus,
    },
    response,
    state,
    state.deps.logger,
  )
  // Host's request log (GatewayOptions.onRequestComplete); nothing is built when unset.
  const onRequestComplete = state.deps.onRequestComplete
  if (onRequestComplete)
    try {
      onRequestComplete(summarizeRestRequest(state, response, finishedAt - state.requestTimeEpoch))
    } catch (error) {
      state.deps.logger.warn(`onRequestComplete failed: ${errorMessage(error)}`)
    }
}

function failureFromError(error: unknown): GatewayFailure {
  // Also one thrown by user code that imports another copy of the package (a branded guard).
  if (isGatewayResponseError(error)) {
    return {
      responseType: error.responseType,
      logMessage: error.message,
      cause: error,
    }
  }
  return {
    responseType: 'API_CONFIGURATION_ERROR',
    logMessage: `Execution failed: ${errorMessage(error)}`,
    cause: error,
  }
}

function finishFailure(state: RequestState, failure: GatewayFailure): GatewayResponse {
  if (failure.logMessage !== undefined && !state.trace?.has('lambdaError'))
    state.trace?.add('failure', failure.logMessage)
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
  testInvoke: boolean,
): IntegrationResult | GatewayFailure | Promise<IntegrationResult | GatewayFailure> {
  if (state.bodySize() > MAX_BODY_BYTES) return bodyTooLarge()
  const method = route(state)
  if (isGatewayFailure(method)) return method
  if (exceedsRequestLimits(state, REQUEST_LIMITS.REST)) return TOO_LARGE
  // TestInvokeMethod skips the resource policy, authorizer, API key and throttling checks.
  if (testInvoke) return validateThenIntegrate(state, method)
  const policy = state.api.resourcePolicy
  if (policy) {
    // Before authorization: an explicit Deny stops the request here.
    const verdict = policy(state.methodArn, state)
    if (verdict === 'EXPLICIT_DENY') return resourcePolicyFailure(state.methodArn, true)
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
    return resourcePolicyFailure(state.methodArn, false)
  if (method.definition.apiKeyRequired) {
    // After the authorizer, which may supply the key (apiKeySource AUTHORIZER).
    const value = presentedApiKey(
      state,
      state.api.definition.apiKeySource,
      state.authorizer?.usageIdentifierKey,
    )
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
  const trace = state.trace
  if (trace) traceMethodRequest(trace, state, method)
  if (method.validate) {
    const invalid = method.validate(state, state.route?.pathParameters ?? null)
    if (invalid) return invalid
  }
  const cache = state.stage.cache
  if (cache) {
    const resolved = state.stage.methodSetting(method.settingKey)
    const ttlSeconds = cacheTtlSeconds(state.method, method.httpMethod, resolved)
    if (ttlSeconds > 0)
      return throughCache(state, {
        cache,
        key: state.stage.cacheKeyPrefix + method.cacheKey(state.sources, state.method),
        now: state.requestTimeEpoch,
        setting: resolved.setting,
        ttlSeconds,
        callerIsIam: state.authorizer?.iam !== undefined,
        integrate: () => runIntegration(state, method),
        noteStatus: (status) => (state.cacheStatus = status),
      })
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

/** How a request is run besides the usual: for `TestInvokeMethod`. */
export interface RunOptions {
  /** Gathers the execution log here. */
  readonly trace?: ExecutionLog
  /** Skips the resource policy, authorizer, API key and throttling checks, as test-invoke does. */
  readonly testInvoke?: boolean
}

/**
 * Runs one request through the API.
 *
 * @param api - the compiled API
 * @param stage - the stage serving it
 * @param request - the request
 * @param deps - the injected world
 * @param options - test-invoke: a log to fill, checks to skip
 * @returns the response; never rejects
 */
export function handleRequest(
  api: CompiledApi,
  stage: StageRuntime,
  request: GatewayRequest,
  deps: Deps,
  options?: RunOptions,
): Promise<GatewayResponse> {
  let state: RequestState
  try {
    state = new RequestState(api, stage, request, deps)
  } catch (error) {
    return Promise.resolve(lastResort(undefined, deps, error))
  }
  if (options?.trace) state.trace = options.trace
  else if (stage.executionLogging === true || deps.recordExecutionLog === true)
    state.trace = new ExecutionLog(() => deps.now())
  state.trace?.add('start', state.requestId)
  let outcome: IntegrationResult | GatewayFailure | Promise<IntegrationResult | GatewayFailure>
  try {
    outcome = run(state, options?.testInvoke === true)
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
    const trace = state.trace
    if (trace && !isGatewayFailure(outcome)) {
      trace.add('methodResponseBody', outcome.body)
      trace.add('methodResponseHeaders', outcome.headers.toMaps().headers)
      trace.add('success')
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
    if (trace) {
      trace.add('completed', response.statusCode)
      if (logsExecution(state)) emitExecutionLog(state, trace)
    }
    observe(state, response, finishedAt)
    return response
  } catch (error) {
    return lastResort(state, state.deps, error)
  }
}

/** The answer when rendering itself failed (e.g. a broken custom gateway response). */
function lastResort(state: RequestState | undefined, deps: Deps, error: unknown): GatewayResponse {
  deps.logger.error(`internal error: ${errorMessage(error)}`, { error })
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
