/**
 * Renders a failure through the API's gateway responses: status, headers, body.
 */
import { ResponseHeaders } from '../core/index.js'
import type { GatewayFailure } from '../core/index.js'
import type { ParameterSources } from '../mapping/index.js'
import type { VariableLookup } from '../mapping/index.js'
import type { CompiledGatewayResponses } from './compile.js'
import { RESPONSE_TYPE_DEFAULTS } from '../core/index.js'

/** What rendering needs from the request. */
export interface GatewayResponseInput {
  /** First media type of the request's Accept header. */
  readonly accept: string | undefined
  /** `$context` and `$stageVariables`, with `error.*` already set. */
  readonly lookup: VariableLookup
  /** Sources for `responseParameters`. */
  readonly sources: ParameterSources
}

/** A rendered gateway response, before the runner adds the request-wide headers. */
export interface RenderedGatewayResponse {
  readonly statusCode: number
  readonly headers: ResponseHeaders
  readonly body: string
}

/**
 * The message of a failure: its own, or the type's default.
 *
 * @param failure - the failure
 * @returns `$context.error.message`
 */
export function failureMessage(failure: GatewayFailure): string | null {
  return failure.message !== undefined
    ? failure.message
    : RESPONSE_TYPE_DEFAULTS[failure.responseType].message
}

/**
 * Renders a failure.
 *
 * @param failure - what went wrong
 * @param responses - the API's compiled gateway responses
 * @param input - request data for templates and headers
 * @returns status, headers and body
 */
export function renderGatewayResponse(
  failure: GatewayFailure,
  responses: CompiledGatewayResponses,
  input: GatewayResponseInput,
): RenderedGatewayResponse {
  const defaults = RESPONSE_TYPE_DEFAULTS[failure.responseType]
  const response = responses[failure.responseType]
  const statusCode =
    failure.statusCode ??
    response.statusCode ??
    defaults.statusCode ??
    (failure.responseType === 'DEFAULT_4XX' ? 400 : 500)
  const headers = new ResponseHeaders()
  let mediaType = 'application/json'
  let body: string
  if (response.isDefault && failure.responseType === 'ACCESS_DENIED') {
    // AWS's auth layer answers denials with a capital-M "Message" (see gateway-responses.md §2).
    body = JSON.stringify({ Message: failureMessage(failure) })
  } else {
    const templates = response.templates
    let template = input.accept === undefined ? undefined : templates.get(input.accept)
    if (template) mediaType = input.accept as string
    else {
      template = templates.get('application/json')
      if (!template) {
        const first = templates.entries().next().value
        if (first) {
          mediaType = first[0]
          template = first[1]
        }
      }
    }
    body = template ? template(input.lookup) : ''
  }
  headers.set('Content-Type', mediaType)
  for (const [name, source] of response.headers) {
    const value = source(input.sources)
    if (value !== undefined) headers.set(name, value)
  }
  const errorType = failure.errorType ?? defaults.errorType
  if (errorType !== undefined) headers.set('x-amzn-ErrorType', errorType)
  return { statusCode, headers, body }
}
