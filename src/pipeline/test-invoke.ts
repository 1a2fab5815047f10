/**
 * AWS's `TestInvokeMethod` and `TestInvokeAuthorizer` for REST APIs: a request run with its
 * execution log, as the console's Test button shows it. HTTP APIs have no test-invoke in AWS.
 *
 * As AWS's does, a test invocation skips the resource policy, the authorizer, the API key and
 * throttling; it runs on a stage named `test-invoke-stage` whose variables are the stage's
 * overridden by `stageVariables`, without the stage cache, metrics or logs.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeMethod.html
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeAuthorizer.html
 */
import type { Deps, GatewayFailure, GatewayRequest } from '../core/index.js'
import { isGatewayFailure } from '../core/index.js'
import { renderGatewayResponse } from '../gateway-responses/index.js'
import { ExecutionLog, MetricsRecorder } from '../observability/index.js'
import type { StageRuntime } from '../stages/index.js'
import type { CompiledApi } from './compiled-api.js'
import { handleRequest } from './handle-request.js'
import { RequestState } from './request-state.js'
import { errorMessage } from '../core/index.js'

/** The request of `Gateway.testInvoke`, as AWS's `TestInvokeMethod` takes it. */
export interface TestInvokeMethodRequest {
  /** The HTTP method (AWS's `httpMethod`). */
  method: string
  /** Path after the stage with its query string, e.g. `/pets/7?x=1`. @default `/` */
  pathWithQueryString?: string
  headers?: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
  body?: string
  /** Override the stage's variables for this call. */
  stageVariables?: Record<string, string>
  /** Accepted for AWS's shape; Portico has no client certificates, so it is not used. */
  clientCertificateId?: string
}

/** AWS's `TestInvokeMethod` response. */
export interface TestInvokeMethodResponse {
  status: number
  body: string
  headers: Record<string, string>
  multiValueHeaders: Record<string, string[]>
  /** The execution log: `Execution log for request {id}`, then `{time} : {line}` lines. */
  log: string
  /** Milliseconds the call took. */
  latency: number
}

/** The request of `Gateway.testInvokeAuthorizer`, as AWS's `TestInvokeAuthorizer` takes it. */
export interface TestInvokeAuthorizerRequest {
  /** The authorizer's name (its security scheme in the OpenAPI document). */
  authorizerId: string
  headers?: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
  pathWithQueryString?: string
  body?: string
  stageVariables?: Record<string, string>
}

/** AWS's `TestInvokeAuthorizer` response. */
export interface TestInvokeAuthorizerResponse {
  /** What the client would have got: 0 when the authorizer allowed, else 401, 403 or 500. */
  clientStatus: number
  log: string
  /** Milliseconds. */
  latency: number
  principalId?: string
  /** A Lambda authorizer's policy document, as JSON text. */
  policy?: string
  /** A Lambda authorizer's `context`, each value as a one-element list. */
  authorization?: Record<string, string[]>
  /** A Cognito authorizer's token claims. */
  claims?: Record<string, string>
}

const GATEWAY_HEADERS = new Set(['x-amzn-requestid', 'x-amz-apigw-id'])

/** The stage a test invocation runs on (AWS names it `test-invoke-stage`). */
function testStage(
  stage: StageRuntime,
  overrides: Record<string, string> | undefined,
): StageRuntime {
  const variables = Object.freeze({ ...stage.variables, ...overrides })
  return {
    ...stage,
    name: 'test-invoke-stage',
    variables,
    hasVariables: Object.keys(variables).length > 0,
    cache: undefined,
    accessLog: undefined,
    executionLogging: false,
    metrics: new MetricsRecorder('test-invoke', 'test-invoke-stage'),
  }
}

function requestOf(input: {
  method: string
  pathWithQueryString?: string
  headers?: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
  body?: string
}): GatewayRequest {
  const headers: Record<string, string | string[]> = { ...input.multiValueHeaders }
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name] = value
  const request: GatewayRequest = {
    method: input.method,
    path: input.pathWithQueryString ?? '/',
    headers,
    sourceIp: 'test-invoke-source-ip',
  }
  if (input.body !== undefined) request.body = input.body
  return request
}

/**
 * Runs `TestInvokeMethod` against a compiled API and stage.
 *
 * @param api - the compiled API
 * @param stage - the stage whose variables apply
 * @param input - the simulated request
 * @param deps - the injected world
 * @returns AWS's response shape; never rejects
 */
export async function testInvokeMethod(
  api: CompiledApi,
  stage: StageRuntime,
  input: TestInvokeMethodRequest,
  deps: Deps,
): Promise<TestInvokeMethodResponse> {
  const started = deps.now()
  const trace = new ExecutionLog(() => deps.now())
  const response = await handleRequest(
    api,
    testStage(stage, input.stageVariables),
    requestOf(input),
    deps,
    { trace, testInvoke: true },
  )
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(response.headers))
    if (!GATEWAY_HEADERS.has(name.toLowerCase())) headers[name] = value
  const multiValueHeaders: Record<string, string[]> = {}
  for (const [name, values] of Object.entries(response.multiValueHeaders))
    if (!GATEWAY_HEADERS.has(name.toLowerCase())) multiValueHeaders[name] = values
  const requestId = response.headers['x-amzn-RequestId'] ?? ''
  return {
    status: response.statusCode,
    body: response.body,
    headers,
    multiValueHeaders,
    log: trace.toTestInvokeLog(requestId),
    latency: deps.now() - started,
  }
}

/**
 * Runs `TestInvokeAuthorizer`: one Lambda (TOKEN or REQUEST) or Cognito authorizer, on the
 * request given, without its result cache being consulted for other requests' answers.
 *
 * @param api - the compiled API
 * @param stage - the stage whose variables apply
 * @param input - the authorizer's name and the simulated request
 * @param deps - the injected world
 * @returns AWS's response shape
 * @throws ConfigError-like `Error` when the API has no such authorizer
 */
export async function testInvokeAuthorizer(
  api: CompiledApi,
  stage: StageRuntime,
  input: TestInvokeAuthorizerRequest,
  deps: Deps,
): Promise<TestInvokeAuthorizerResponse> {
  const authorize = api.authorizer?.(input.authorizerId)
  if (!authorize) throw new Error(`Invalid authorizer identifier specified: ${input.authorizerId}`)
  const started = deps.now()
  const state = new RequestState(
    api,
    testStage(stage, input.stageVariables),
    requestOf({ ...input, method: 'GET' }),
    deps,
  )
  const trace = new ExecutionLog(() => deps.now())
  state.trace = trace
  trace.add('authorizerStart', input.authorizerId, state.requestId)
  let result: Awaited<ReturnType<typeof authorize>>
  try {
    result = await authorize(state)
  } catch (error) {
    result = {
      responseType: 'AUTHORIZER_CONFIGURATION_ERROR',
      logMessage: `Execution failed due to configuration error: ${errorMessage(error)}`,
    }
  }
  if (isGatewayFailure(result)) return failed(api, state, trace, result, started)
  trace.add('authorizerSuccess')
  const out: TestInvokeAuthorizerResponse = {
    clientStatus: 0,
    log: trace.toTestInvokeLog(state.requestId),
    latency: deps.now() - started,
    principalId: result.principalId,
  }
  if (result.claims) out.claims = { ...result.claims }
  else {
    if (result.policy !== undefined) out.policy = JSON.stringify(result.policy)
    const authorization: Record<string, string[]> = {}
    for (const [key, value] of Object.entries(result.context)) authorization[key] = [String(value)]
    out.authorization = authorization
  }
  return out
}

function failed(
  api: CompiledApi,
  state: RequestState,
  trace: ExecutionLog,
  failure: GatewayFailure,
  started: number,
): TestInvokeAuthorizerResponse {
  if (failure.logMessage !== undefined) trace.add('failure', failure.logMessage)
  const rendered = renderGatewayResponse(failure, api.gatewayResponses, {
    accept: undefined,
    lookup: state.lookup,
    sources: state.sources,
  })
  return {
    clientStatus: rendered.statusCode,
    log: trace.toTestInvokeLog(state.requestId),
    latency: state.deps.now() - started,
  }
}
