/**
 * HTTP (custom) integrations: only mapped parameters reach the backend; the integration
 * response maps the answer back.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
 */
import type { IntegrationDefinition, MethodDefinition } from '../definition/index.js'
import {
  callBackend,
  compileBackendUrl,
  compileRequestMappings,
  unmappableHeaderFailure,
} from './backend-request.js'
import { addGatewayBackendHeaders, applyMappedHeaders } from './http-proxy.js'
import type { Integration } from './integration.js'
import { convertRequestPayload } from './content-handling.js'
import { essenceOf, isBinaryMediaType } from '../core/index.js'
import { isGatewayFailure } from '../core/index.js'
import { compileIntegrationResponses } from './integration-response.js'
import {
  compileRequestTemplates,
  readRequestOverrides,
  type RequestOverrides,
} from './mapping-template.js'

/**
 * Compiles an HTTP integration.
 *
 * @param integration - its definition
 * @param method - the method (for method responses)
 * @param where - place in the definition
 * @returns the integration
 */
export function compileHttpIntegration(
  integration: IntegrationDefinition,
  method: MethodDefinition,
  where: string,
): Integration {
  const url = compileBackendUrl(integration.uri ?? '', `${where}.uri`)
  const mappings = compileRequestMappings(integration, where)
  const chooseTemplate = compileRequestTemplates(
    integration.requestTemplates,
    integration.passthroughBehavior,
    where,
  )
  const respond = compileIntegrationResponses(integration.responses, method, where)
  const fixedMethod = integration.httpMethod === 'ANY' ? undefined : integration.httpMethod
  const unmappable = unmappableHeaderFailure(mappings)
  return async (state) => {
    if (unmappable) return unmappable
    const choice = chooseTemplate(state)
    if ('responseType' in choice) return choice
    const headers = new Headers()
    let body: string | Buffer | undefined
    let overrides: RequestOverrides | undefined
    if (choice.kind === 'template') {
      const rendered = choice.render(state, state.bodyText() ?? '')
      if ('responseType' in rendered) return rendered
      body = rendered.body
      headers.set('Content-Type', choice.contentType)
      overrides = readRequestOverrides(rendered.context)
    } else {
      const converted = convertRequestPayload(
        state.bodyBytes(),
        state.isBinaryRequest,
        integration.contentHandling,
      )
      if (isGatewayFailure(converted)) return converted
      body = converted
      const contentType = state.headers.get('content-type')
      if (contentType !== undefined) headers.set('Content-Type', contentType)
    }
    const target = url(state, mappings, overrides?.path)
    if ('responseType' in target) return target
    if (overrides)
      for (const [name, value] of overrides.querystring) target.searchParams.set(name, value)
    applyMappedHeaders(state, mappings, headers)
    if (overrides) for (const [name, value] of overrides.header) headers.set(name, value)
    if (!headers.has('accept')) headers.set('Accept', 'application/json')
    addGatewayBackendHeaders(state, headers)
    const trace = state.trace
    if (trace) {
      trace.add('endpointRequestUri', target.href)
      trace.add('endpointRequestHeaders', Object.fromEntries(headers))
      trace.add(
        'endpointRequestBody',
        typeof body === 'string' ? body : (body?.toString('utf8') ?? ''),
      )
      trace.add('sending', target.href)
    }
    const reply = await callBackend(
      state.deps,
      target,
      { method: fixedMethod ?? state.method, headers, body },
      integration.timeoutInMillis,
    )
    if ('responseType' in reply) return reply
    state.trace?.add(
      'received',
      reply.status,
      state.deps.now() - (state.integrationStartedAt ?? state.requestTimeEpoch),
    )
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
}
