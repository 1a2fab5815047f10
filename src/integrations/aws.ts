/**
 * AWS (non-proxy) integrations: Lambda custom integrations against in-process handlers, and
 * other AWS services through handlers the host supplies (`options.services`).
 *
 * A Lambda custom integration sends the rendered request template as the function's event. A
 * success answers with the function's JSON and the default integration response; a failure
 * answers with Lambda's `{"errorMessage","errorType","stackTrace"}` and is selected by matching
 * `errorMessage` against each `selectionPattern`.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-custom-integrations.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html
 */
import { parseClientJson } from '../core/index.js'
import { errorMessage } from '../core/index.js'
import type { IntegrationDefinition, MethodDefinition } from '../definition/index.js'
import { ConfigError, isGatewayResponseError } from '../errors.js'
import type { RequestState } from '../pipeline/index.js'
import { substituteStageVariables } from '../stages/index.js'
import { lambdaInvocationUrl, type LambdaIntegrationSetup } from './aws-proxy.js'
import { configurationFailure, type Integration } from './integration.js'
import { compileIntegrationResponses } from './integration-response.js'
import { compileLambdaUri, invokeHandler, resolveHandler } from './lambda-invoke.js'
import { compileRequestTemplates, readRequestOverrides } from './mapping-template.js'
import { setOwn } from '../core/index.js'
import type { ParameterSource } from '../mapping/index.js'
import {
  AWS_UNMAPPABLE_HEADERS,
  compileRequestMappings,
  encodeBackendPathValue,
  unmappableHeaderFailure,
} from './backend-request.js'
import { convertRequestPayload } from './content-handling.js'
import { Buffer } from 'node:buffer'
import { isGatewayFailure, type GatewayFailure } from '../core/index.js'
import { essenceOf, isBinaryMediaType } from '../core/index.js'
import { findAwsService, splitServicePart, type AwsServices } from './aws-endpoint.js'
import { serviceCall } from './aws-service-request.js'

export type {
  AwsServiceHandler,
  AwsServiceHandlers,
  AwsServiceRequest,
  AwsServiceResponse,
} from './aws-service-types.js'
import type { AwsServiceResponse } from './aws-service-types.js'

const SERVICE_URI = /^arn:aws[\w-]*:apigateway:([^:]*):([^:]+):(action|path)\/(.*)$/

/** What compiling an AWS integration needs. */
export interface AwsIntegrationSetup extends LambdaIntegrationSetup {
  /** Stand-ins and endpoints by service name (`options.services`). */
  readonly services: AwsServices
}

/**
 * Compiles an AWS integration.
 *
 * @param integration - its definition
 * @param method - the method (for method responses)
 * @param where - place in the definition
 * @param setup - handlers and account
 * @returns the integration
 * @throws ConfigError when the URI is not an AWS service URI
 */
export function compileAwsIntegration(
  integration: IntegrationDefinition,
  method: MethodDefinition,
  where: string,
  setup: AwsIntegrationSetup,
): Integration {
  const uri = integration.uri
  if (uri === undefined) throw new ConfigError(`${where}.uri`, 'is required')
  const chooseTemplate = compileRequestTemplates(
    integration.requestTemplates,
    integration.passthroughBehavior,
    where,
  )
  const respond = compileIntegrationResponses(integration.responses, method, where)
  const mappings = compileRequestMappings(integration, where, AWS_UNMAPPABLE_HEADERS)
  const unmappable = unmappableHeaderFailure(mappings)

  /** The payload for the backend: the rendered template, or the body passed through. */
  const renderRequest = (state: RequestState): RenderedRequest | GatewayFailure => {
    if (unmappable) return unmappable
    const choice = chooseTemplate(state)
    if ('responseType' in choice) return choice
    const headers: Record<string, string> = {}
    for (const [name, source] of mappings.header) {
      const value = source(state.sources)
      if (value !== undefined) headers[name.toLowerCase()] = value
    }
    const querystring: Record<string, string> = {}
    for (const [name, source] of mappings.querystring) {
      const value = source(state.sources)
      if (value !== undefined) setOwn(querystring, name, value)
    }
    if (choice.kind === 'passthrough') {
      const converted = convertRequestPayload(
        state.bodyBytes(),
        state.isBinaryRequest,
        integration.contentHandling,
      )
      if (isGatewayFailure(converted)) return converted
      const bytes =
        converted === undefined
          ? Buffer.alloc(0)
          : typeof converted === 'string'
            ? Buffer.from(converted, 'utf8')
            : converted
      const contentType = state.headers.get('content-type')
      return {
        body: bytes.toString('utf8'),
        bytes,
        headers,
        querystring,
        pathOverrides: {},
        ...(contentType !== undefined ? { contentType } : {}),
      }
    }
    const rendered = choice.render(state, state.bodyText() ?? '')
    if ('responseType' in rendered) return rendered
    const overrides = readRequestOverrides(rendered.context)
    for (const [name, value] of overrides.header) headers[name.toLowerCase()] = value
    for (const [name, value] of overrides.querystring) setOwn(querystring, name, value)
    return {
      body: rendered.body,
      bytes: Buffer.from(rendered.body, 'utf8'),
      headers,
      querystring,
      pathOverrides: overrides.path,
      contentType: choice.contentType,
    }
  }

  if (/:lambda:path\/[^/]+\/functions\//.test(uri)) {
    const resolveTarget = compileLambdaUri(uri, `${where}.uri`, setup.accountId, setup.region)
    const timeout = integration.timeoutInMillis
    return async (state) => {
      const target = resolveTarget(state.stage.variables)
      if (!target) return configurationFailure(`Invalid function ARN in ${uri}`)
      const handler = resolveHandler(setup.lambdas, target)
      if (!handler)
        return configurationFailure(
          `no handler for Lambda function ${target.functionName} (add it to options.lambdas)`,
        )
      const request = renderRequest(state)
      if ('responseType' in request) return request
      const trace = state.trace
      if (trace)
        traceEndpointRequest(trace, lambdaInvocationUrl(setup.region, target.functionArn), request)
      let event: unknown
      try {
        event = request.body.trim() === '' ? {} : parseClientJson(request.body)
      } catch (error) {
        // Lambda's Invoke refuses a payload that is not JSON (400 InvalidRequestContentException)
        // and API Gateway relays its message; the function is not called.
        const message = `Could not parse request body into json: ${(error as Error).message}`
        return {
          responseType: 'DEFAULT_4XX',
          statusCode: 400,
          message,
          errorType: 'BadRequestException',
          logMessage: `Lambda invocation failed: ${message}: ${request.body.slice(0, 200)}`,
        }
      }
      const invocation = invokeHandler(handler, target, event, state.requestId, timeout, state.deps)
      if (request.headers['x-amz-invocation-type']?.replace(/'/g, '') === 'Event') {
        // Asynchronous invocation: Lambda accepts the event and API Gateway does not wait.
        void invocation.then((outcome) => {
          if (outcome.kind === 'error')
            state.deps.logger.warn(`asynchronous Lambda invocation failed`, {
              requestId: state.requestId,
              error: outcome.error,
            })
        })
        return respond(state, { selectionValue: '', body: '' })
      }
      const outcome = await invocation
      if (outcome.kind !== 'timeout') state.trace?.add('received', 200, sinceIntegration(state))
      if (outcome.kind === 'timeout')
        return {
          responseType: 'INTEGRATION_TIMEOUT',
          logMessage: `Execution failed due to a timeout after ${timeout} ms`,
        }
      if (outcome.kind === 'error') {
        if (isGatewayResponseError(outcome.error))
          return {
            responseType: outcome.error.responseType,
            logMessage: outcome.error.message,
            cause: outcome.error,
          }
        const error = lambdaError(outcome.error)
        return respond(state, { selectionValue: error.errorMessage, body: JSON.stringify(error) })
      }
      const body = outcome.value === undefined ? 'null' : JSON.stringify(outcome.value)
      return respond(state, { selectionValue: '', body })
    }
  }

  const service = SERVICE_URI.exec(uri)
  if (!service)
    throw new ConfigError(
      `${where}.uri`,
      `not an AWS service URI: ${JSON.stringify(uri)} (expected arn:aws:apigateway:{region}:{service}:action/{Action} or :path/{path})`,
    )
  const [, uriRegion, servicePart, kind, rest] = service as unknown as [
    string,
    string,
    string,
    'action' | 'path',
    string,
  ]
  const { service: serviceName, subdomain } = splitServicePart(servicePart)
  const httpMethod = integration.httpMethod ?? 'POST'
  return async (state) => {
    const target = findAwsService(setup.services, servicePart, serviceName)
    if (!target)
      return configurationFailure(
        `no handler or endpoint for AWS service ${serviceName} (add it to options.services)`,
      )
    const request = renderRequest(state)
    if ('responseType' in request) return request
    const resolved = substituteStageVariables(rest, state.stage.variables)
    const [rawPath, query = ''] = resolved.split('?', 2) as [string, string?]
    const pathPart = fillPathPlaceholders(rawPath, state, mappings.path, request.pathOverrides)
    if (typeof pathPart !== 'string') return pathPart
    const region = uriRegion || setup.region
    if (target.kind === 'endpoint') {
      const reply = await serviceCall(target.endpoint, state.deps, {
        service: serviceName,
        subdomain,
        region,
        roleArn: integration.credentials,
        kind,
        pathPart,
        uriQuery: query,
        httpMethod,
        request,
        timeoutMs: integration.timeoutInMillis,
        apiId: state.api.apiId,
      })
      if ('responseType' in reply) return reply
      const binary = isBinaryMediaType(
        essenceOf(reply.headers.get('content-type') ?? undefined),
        state.api.binaryMediaTypes,
      )
      return respond(state, {
        selectionValue: String(reply.status),
        headers: reply.headers,
        body: reply.bytes.toString(binary ? 'base64' : 'utf8'),
        binary,
      })
    }
    const handler = target.handler
    const querystring = { ...formParams(query), ...request.querystring }
    const params = { ...querystring, ...formParams(formBody(request)) }
    const action = kind === 'action' ? pathPart : params['Action']
    const trace = state.trace
    if (trace) {
      const host = `https://${serviceName}.${uriRegion || setup.region}.amazonaws.com/`
      traceEndpointRequest(
        trace,
        kind === 'path' ? host + pathPart : `${host}?Action=${action ?? ''}`,
        request,
      )
    }
    let reply: AwsServiceResponse
    try {
      reply = await handler({
        service: servicePart,
        action,
        path: kind === 'path' ? pathPart : undefined,
        httpMethod,
        headers: request.headers,
        body: request.body,
        bodyBytes: request.bytes,
        querystring,
        params,
        region,
      })
    } catch (error) {
      if (isGatewayResponseError(error))
        return { responseType: error.responseType, logMessage: error.message, cause: error }
      return configurationFailure(
        `AWS service ${serviceName} failed: ${errorMessage(error)}`,
        error,
      )
    }
    const replyHeaders = new Headers(reply.headers)
    state.trace?.add('received', reply.statusCode ?? 200, sinceIntegration(state))
    return respond(state, {
      selectionValue: String(reply.statusCode ?? 200),
      headers: replyHeaders,
      body: reply.body ?? '',
    })
  }
}

/** The integration request, before it goes to the service. */
export interface RenderedRequest {
  /** The chosen template's content type, or the client's `Content-Type` when passed through. */
  readonly contentType?: string
  readonly body: string
  readonly bytes: Buffer
  readonly headers: Record<string, string>
  readonly querystring: Record<string, string>
  readonly pathOverrides: Readonly<Record<string, string>>
}

/**
 * Fills `{name}` placeholders of a service path from `integration.request.path.name` (a
 * template's `$context.requestOverride.path.name` wins), as API Gateway builds the service URL.
 * A placeholder with no value stays as written.
 */
function fillPathPlaceholders(
  path: string,
  state: RequestState,
  mapped: ReadonlyMap<string, ParameterSource>,
  overrides: Readonly<Record<string, string>>,
): string | GatewayFailure {
  if (!path.includes('{')) return path
  let refused: string | undefined
  const filled = path.replace(/\{([A-Za-z0-9_.\-$]+)\+?\}/g, (whole, name: string) => {
    const source = mapped.get(name)
    const value = Object.hasOwn(overrides, name)
      ? overrides[name]
      : source
        ? source(state.sources)
        : undefined
    if (value === undefined) return whole
    const safe = encodeBackendPathValue(value)
    if (safe === undefined) refused ??= name
    return safe ?? whole
  })
  if (refused !== undefined)
    return configurationFailure(
      `Invalid endpoint address: path parameter ${refused} holds a dot segment`,
    )
  return filled
}

function formBody(request: { body: string; headers: Record<string, string> }): string {
  const type = request.headers['content-type'] ?? ''
  return type.replace(/'/g, '').startsWith('application/x-www-form-urlencoded') ? request.body : ''
}

function formParams(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  if (text === '') return out
  for (const [name, value] of new URLSearchParams(text)) setOwn(out, name, value)
  return out
}

/** The error document Lambda returns for a failed invocation. */
function lambdaError(error: unknown): {
  errorMessage: string
  errorType: string
  stackTrace: string[]
} {
  if (error instanceof Error) {
    return {
      errorMessage: error.message,
      errorType: error.name,
      stackTrace: (error.stack ?? '')
        .split('\n')
        .slice(1)
        .map((line) => line.trim()),
    }
  }
  return { errorMessage: String(error), errorType: typeof error, stackTrace: [] }
}

/** The endpoint request lines of the execution log (only called when it is being gathered). */
function traceEndpointRequest(
  trace: NonNullable<RequestState['trace']>,
  uri: string,
  request: RenderedRequest,
): void {
  trace.add('endpointRequestUri', uri)
  trace.add('endpointRequestHeaders', request.headers)
  trace.add('endpointRequestBody', request.body)
  trace.add('sending', uri)
}

/** Milliseconds since the integration was called. */
function sinceIntegration(state: RequestState): number {
  return state.deps.now() - (state.integrationStartedAt ?? state.requestTimeEpoch)
}
