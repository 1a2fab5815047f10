/**
 * Integration responses of non-proxy integrations (MOCK, HTTP, AWS): selection by pattern,
 * header mapping, response templates, and the method-response check.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html
 */
import { ResponseHeaders } from '../core/index.js'
import { ConfigError } from '../errors.js'
import { firstAcceptType, isBinaryMediaType } from '../core/index.js'
import type { GatewayFailure } from '../core/index.js'
import type {
  ContentHandling,
  IntegrationResponseDefinition,
  MethodDefinition,
} from '../definition/index.js'
import { convertResponsePayload } from './content-handling.js'
import {
  compileParameterSource,
  type ParameterSource,
  type ParameterSources,
} from '../mapping/index.js'
import { javaMatches, javaRegex, withRegexBudget, type JavaPattern } from '../mapping/index.js'
import { printValue } from '../mapping/index.js'
import type { RequestState } from '../pipeline/index.js'
import { configurationFailure, type IntegrationResult } from './integration.js'
import {
  compileMappingTemplate,
  responseOverrideOf,
  selectResponseTemplate,
  type MappingTemplate,
} from './mapping-template.js'

interface CompiledIntegrationResponse {
  readonly pattern: JavaPattern | undefined
  readonly statusCode: string
  readonly headers: ReadonlyArray<readonly [string, ParameterSource]>
  readonly templates: ReadonlyMap<string, MappingTemplate>
  readonly contentHandling: ContentHandling | undefined
}

/** What the backend answered, as the integration response reads it. */
export interface BackendReply {
  /** The selection value: status code as text, or a Lambda error message. */
  readonly selectionValue: string
  readonly headers?: { get(name: string): string | null }
  /** Body text (base64 for binary). */
  readonly body: string
  /** Whether `body` is base64 of a binary payload (its Content-Type is a binary media type). */
  readonly binary?: boolean
}

/** A compiled set of integration responses. */
export type IntegrationResponder = (
  state: RequestState,
  reply: BackendReply,
) => IntegrationResult | GatewayFailure

/**
 * Compiles an integration's responses. Patterns are matched against the whole selection value,
 * as Java's `matches()` does.
 *
 * @param responses - the integration's responses, in order
 * @param method - the method, for its method responses
 * @param where - place in the definition
 * @returns the responder
 */
export function compileIntegrationResponses(
  responses: readonly IntegrationResponseDefinition[],
  method: MethodDefinition,
  where: string,
): IntegrationResponder {
  const compiled: CompiledIntegrationResponse[] = responses.map((response) => {
    const key = response.selectionPattern ?? 'default'
    return {
      pattern:
        response.selectionPattern === undefined || response.selectionPattern === ''
          ? undefined
          : selectionPattern(response.selectionPattern, `${where}.responses.${key}`),
      statusCode: response.statusCode,
      headers: Object.entries(response.responseParameters).map(([target, expression]) => {
        const header = /^method\.response\.header\.(.+)$/.exec(target)
        const at = `${where}.responses.${key}.responseParameters.${target}`
        if (!header) throw new ConfigError(at, 'only method.response.header.<name> can be mapped')
        return [
          header[1] as string,
          compileParameterSource(expression, at, 'integration response'),
        ] as const
      }),
      contentHandling: response.contentHandling,
      templates: new Map(
        Object.entries(response.responseTemplates).map(([type, text]) => [
          type.toLowerCase(),
          compileMappingTemplate(
            text,
            `${where}.responses.${key}.responseTemplates.${type}`,
            'response',
          ),
        ]),
      ),
    }
  })
  const patterned = compiled.filter((r) => r.pattern)
  const fallback = compiled.find((r) => !r.pattern)

  return (state, reply) => {
    const trace = state.trace
    if (trace) {
      if (reply.headers) trace.add('endpointResponseHeaders', headerRecord(reply.headers))
      trace.add('endpointResponseBody', reply.body)
    }
    // The patterns of one selection share one step budget (java-regex.ts).
    const selected =
      withRegexBudget(() =>
        patterned.find((r) => javaMatches(r.pattern as JavaPattern, reply.selectionValue)),
      ) ?? fallback
    if (!selected)
      return configurationFailure(
        'No match for output mapping and no default output mapping was specified',
      )
    if (!method.methodResponses[selected.statusCode]) {
      return configurationFailure(
        `Output mapping refers to an invalid method response: ${selected.statusCode}`,
      )
    }
    const headers = new ResponseHeaders()
    if (selected.headers.length > 0) {
      const sources: ParameterSources = {
        ...state.sources,
        integrationHeader: (name) => reply.headers?.get(name) ?? undefined,
        integrationMultiHeader: (name) => {
          const value = reply.headers?.get(name)
          return value === null || value === undefined ? undefined : value.split(/,\s*/)
        },
        integrationBody: () => reply.body,
      }
      for (const [name, source] of selected.headers) {
        const value = source(sources)
        if (value !== undefined) headers.set(name, value)
      }
    }
    let body = reply.body
    let statusCode = Number(selected.statusCode)
    const acceptType = firstAcceptType(state.headers.get('accept'))
    const template = selectResponseTemplate(selected.templates, acceptType)
    if (template) {
      const rendered = template[1](state, reply.body)
      if ('responseType' in rendered) return rendered
      body = rendered.body
      headers.setDefault('Content-Type', template[0])
    }
    // Overrides set by the request template or the response template, after the mappings.
    const responseOverride = responseOverrideOf(state)
    if (responseOverride) statusCode = applyResponseOverride(responseOverride, headers, statusCode)
    const converted = convertResponsePayload(
      body,
      reply.binary === true && !template,
      isBinaryMediaType(acceptType, state.api.binaryMediaTypes),
      selected.contentHandling,
    )
    if ('responseType' in converted) return converted
    headers.setDefault('Content-Type', 'application/json')
    return { statusCode, headers, body: converted.body, isBase64Encoded: converted.isBase64Encoded }
  }
}

/**
 * Compiles a `selectionPattern`: a Java regex matched against the whole selection value on the
 * linear-time engine (see mapping/vtl/java-regex.ts).
 *
 * @throws ConfigError naming the response when the pattern is invalid or needs backtracking
 */
function selectionPattern(pattern: string, where: string): JavaPattern {
  try {
    return javaRegex(pattern)
  } catch (error) {
    throw new ConfigError(`${where}.selectionPattern`, (error as Error).message, { cause: error })
  }
}

/**
 * Applies `$context.responseOverride` after the template rendered: headers replace mapped ones,
 * and an integer status from 200 to 599 replaces the selected one (anything else is ignored).
 */
function applyResponseOverride(
  override: Record<string, unknown>,
  headers: ResponseHeaders,
  statusCode: number,
): number {
  const overrideHeaders = override['header']
  if (overrideHeaders && typeof overrideHeaders === 'object') {
    for (const [name, value] of Object.entries(overrideHeaders as Record<string, unknown>)) {
      if (value !== null && value !== undefined) headers.set(name, printValue(value))
    }
  }
  const status = override['status']
  const number = typeof status === 'string' ? Number(status) : status
  if (typeof number === 'number' && Number.isInteger(number) && number >= 200 && number <= 599)
    return number
  return statusCode
}

/** Backend headers as a record for the execution log (a `Headers` lists its entries). */
function headerRecord(headers: NonNullable<BackendReply['headers']>): Record<string, string> {
  const out: Record<string, string> = {}
  const list = headers as { forEach?: (each: (value: string, name: string) => void) => void }
  if (typeof list.forEach === 'function') list.forEach((value, name) => (out[name] = value))
  return out
}
