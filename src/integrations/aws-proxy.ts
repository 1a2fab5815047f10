/**
 * AWS_PROXY: the Lambda proxy integration, against in-process handlers.
 */
import { createTraceId, errorMessage, textOf } from '../core/index.js'
import { firstAcceptType } from '../core/index.js'
import type { IntegrationDefinition } from '../definition/index.js'
import { ConfigError, isGatewayResponseError } from '../errors.js'
import type { GatewayFailure } from '../core/index.js'
import type { RequestState } from '../pipeline/index.js'
import {
  badGatewayFailure,
  configurationFailure,
  type Integration,
  type IntegrationResult,
} from './integration.js'
import {
  compileLambdaUri,
  invokeHandler,
  type InvokeOutcome,
  resolveHandler,
  type LambdaHandlers,
} from './lambda-invoke.js'
import { buildLambdaProxyEvent } from '../lambda-events/index.js'
import { translateLambdaProxyReply } from './lambda-proxy-response.js'
import {
  AWS_UNMAPPABLE_HEADERS,
  compileRequestMappings,
  unmappableHeaderFailure,
} from './backend-request.js'

/** What compiling a Lambda integration needs from the API. */
export interface LambdaIntegrationSetup {
  readonly lambdas: LambdaHandlers
  readonly accountId: string
  readonly region: string
}

/**
 * Compiles an AWS_PROXY integration.
 *
 * @param integration - its definition
 * @param where - its place in the definition
 * @param setup - handlers and account
 * @returns the integration
 * @throws ConfigError when the URI is not a Lambda function
 */
export function compileAwsProxyIntegration(
  integration: IntegrationDefinition,
  where: string,
  setup: LambdaIntegrationSetup,
): Integration {
  if (integration.uri === undefined) throw new ConfigError(`${where}.uri`, 'is required')
  const resolveTarget = compileLambdaUri(
    integration.uri,
    `${where}.uri`,
    setup.accountId,
    setup.region,
  )
  const timeout = integration.timeoutInMillis
  // Proxy integrations ignore requestParameters, except that a mapping onto a header AWS
  // refuses still fails every call (AWS-recorded, TestApiGatewayHeaderRemapping[AWS_PROXY]).
  const unmappable = unmappableHeaderFailure(
    compileRequestMappings(integration, where, AWS_UNMAPPABLE_HEADERS),
  )
  // Lambda is invoked with POST; any other integration httpMethod fails every call with a 500
  // (AWS-recorded, test_lambda_aws_proxy_integration_non_post_method).
  const method = integration.httpMethod?.toUpperCase()
  const wrongMethod =
    method !== undefined && method !== 'POST'
      ? configurationFailure(
          `Lambda proxy integrations must use httpMethod POST, not ${integration.httpMethod}`,
        )
      : undefined
  const fixedFailure = unmappable ?? wrongMethod
  return (state) => {
    if (fixedFailure) return Promise.resolve(fixedFailure)
    const target = resolveTarget(state.stage.variables)
    if (!target)
      return Promise.resolve(configurationFailure(`Invalid function ARN in ${integration.uri}`))
    const handler = resolveHandler(setup.lambdas, target)
    if (!handler) {
      return Promise.resolve(
        configurationFailure(
          `no handler for Lambda function ${target.functionName}${target.qualifier ? `:${target.qualifier}` : ''} (add it to options.lambdas)`,
        ),
      )
    }
    const event = buildLambdaProxyEvent(state)
    const trace = state.trace
    if (trace) {
      const uri = lambdaInvocationUrl(setup.region, target.functionArn)
      trace.add('endpointRequestUri', uri)
      trace.add('endpointRequestHeaders', lambdaRequestHeaders(state))
      trace.add('endpointRequestBody', JSON.stringify(event))
      trace.add('sending', uri)
    }
    return invokeHandler(handler, target, event, state.requestId, timeout, state.deps, (outcome) =>
      proxyResult(state, outcome, timeout),
    )
  }
}

/** The method response from how the function call ended. */
function proxyResult(
  state: RequestState,
  outcome: InvokeOutcome,
  timeout: number,
): IntegrationResult | GatewayFailure {
  if (outcome.kind === 'timeout')
    return {
      responseType: 'INTEGRATION_TIMEOUT',
      logMessage: `Execution failed due to a timeout after ${timeout} ms`,
    }
  const trace = state.trace
  if (trace) traceLambdaReply(trace, state, outcome)
  if (outcome.kind === 'error') {
    // Portico extension: a handler may answer with a gateway response type (documented).
    if (isGatewayResponseError(outcome.error)) {
      return {
        responseType: outcome.error.responseType,
        logMessage: outcome.error.message,
        cause: outcome.error,
      }
    }
    const error = outcome.error as { message?: unknown; name?: unknown } | undefined
    return badGatewayFailure(
      `Lambda execution failed with status 200 due to customer function error: ${String(error?.message ?? outcome.error)}`,
      outcome.error,
    )
  }
  const result = translateLambdaProxyReply(
    outcome.value,
    () => firstAcceptType(state.headers.get('accept')),
    state.api.binaryMediaTypes,
  )
  if ('headers' in result)
    result.headers.setDefault(
      'X-Amzn-Trace-Id',
      createTraceId(state.requestTimeEpoch, state.deps.random, ';Sampled=0'),
      'x-amzn-trace-id',
    )
  return result
}

/** Lambda's Invoke URL for a function, as the execution log names it. */
export function lambdaInvocationUrl(region: string, functionArn: string): string {
  return `https://lambda.${region}.amazonaws.com/2015-03-31/functions/${functionArn}/invocations`
}

/** The headers API Gateway sends Lambda (the signature ones left out), for the log. */
function lambdaRequestHeaders(state: RequestState): Record<string, string> {
  return {
    'x-amzn-lambda-integration-tag': state.requestId,
    'x-amzn-apigateway-api-id': state.api.apiId,
    Accept: 'application/json',
    'User-Agent': `AmazonAPIGateway_${state.api.apiId}`,
    'X-Amz-Source-Arn': state.methodArn,
  }
}

/** The endpoint response lines of a Lambda call (Lambda answers 200 even for a function error). */
function traceLambdaReply(
  trace: NonNullable<RequestState['trace']>,
  state: RequestState,
  outcome: Exclude<InvokeOutcome, { kind: 'timeout' }>,
): void {
  const started = state.integrationStartedAt ?? state.requestTimeEpoch
  trace.add('received', 200, state.deps.now() - started)
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'x-amzn-RequestId': state.requestId,
    'X-Amz-Executed-Version': '$LATEST',
  }
  if (outcome.kind === 'error') {
    if (isGatewayResponseError(outcome.error)) return
    headers['X-Amz-Function-Error'] = 'Unhandled'
    trace.add('endpointResponseHeaders', headers)
    const error = outcome.error as { name?: unknown } | undefined
    const message = errorMessage(outcome.error)
    const errorType = typeof error?.name === 'string' ? error.name : 'Error'
    trace.add('endpointResponseBody', JSON.stringify({ errorType, errorMessage: message }))
    trace.add('lambdaError', message, state.requestId)
    return
  }
  trace.add('endpointResponseHeaders', headers)
  let body: string
  try {
    // JSON.stringify answers undefined for undefined and functions, whatever its type says.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- see above
    body = JSON.stringify(outcome.value) ?? 'null'
  } catch {
    body = textOf(outcome.value)
  }
  trace.add('endpointResponseBody', body)
}
