/**
 * Mapping templates for integration requests and responses, and their selection by media type
 * and passthrough behaviour. Templates are VTL, compiled once when the gateway is created.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html
 */
import type { GatewayFailure } from '../core/index.js'
import { errorMessage } from '../core/index.js'
import type { PassthroughBehavior } from '../definition/index.js'
import { ConfigError, isPorticoError } from '../errors.js'
import { compileTemplate } from '../mapping/index.js'
import { InvalidJsonBodyError, TemplateInput } from '../mapping/index.js'
import { emptyOverrides, runTemplate } from '../mapping/index.js'
import { printValue, printsEmpty } from '../mapping/index.js'
import type { RequestState } from '../pipeline/index.js'
import { configurationFailure } from './integration.js'

/** The `$context` of a template that never mentions it: nothing to read, nothing overridden. */
const NO_CONTEXT: Record<string, unknown> = Object.freeze({})

type Overrides = ReturnType<typeof emptyOverrides>

/**
 * The override maps of each request. They live across both phases: what the request template
 * writes (request or response overrides, extra keys too) the response template reads, and
 * response overrides set in the request template apply to the method response (AWS-recorded,
 * LocalStack `test_integration_mock_with_request_overrides_in_response_template`,
 * `…response_override_in_request_template`).
 */
const overridesByRequest = new WeakMap<RequestState, Overrides>()

/**
 * The `$context` a template of this request runs with: a fresh copy of the request's context
 * values, sharing the request's override maps.
 */
function templateContextFor(state: RequestState): Record<string, unknown> {
  const context = state.templateContext()
  let overrides = overridesByRequest.get(state)
  if (!overrides) {
    overrides = emptyOverrides()
    overridesByRequest.set(state, overrides)
  }
  context['requestOverride'] = overrides.requestOverride
  context['responseOverride'] = overrides.responseOverride
  const identity = context['identity']
  if (identity && typeof identity === 'object') printsEmpty(identity)
  return context
}

/**
 * The response overrides the request's templates have set so far, if any template used
 * `$context`.
 *
 * @param state - the request
 * @returns `$context.responseOverride`, or undefined
 */
export function responseOverrideOf(state: RequestState): Record<string, unknown> | undefined {
  return overridesByRequest.get(state)?.responseOverride
}

/** A rendered template and the `$context` it ran with (holding any overrides it set). */
export interface RenderedTemplate {
  readonly body: string
  readonly context: Record<string, unknown>
}

/** A compiled mapping template: renders a payload for a request. */
export type MappingTemplate = (
  state: RequestState,
  payload: string,
) => RenderedTemplate | GatewayFailure

/**
 * Compiles one mapping template.
 *
 * @param text - the template
 * @param where - its place in the definition
 * @param side - `request` (an invalid JSON payload is the client's 400) or `response` (500)
 * @returns its renderer
 * @throws ConfigError when the template does not parse
 */
export function compileMappingTemplate(
  text: string,
  where: string,
  side: 'request' | 'response',
): MappingTemplate {
  let template: ReturnType<typeof compileTemplate>
  try {
    template = compileTemplate(text)
  } catch (error) {
    throw new ConfigError(where, `invalid mapping template: ${(error as Error).message}`, {
      cause: error,
    })
  }
  const usesContext = template.usesContext
  return (state, payload) => {
    const context = usesContext ? templateContextFor(state) : NO_CONTEXT
    try {
      const body = runTemplate(template, {
        input: new TemplateInput(payload, () => state.templateParams()),
        context,
        stageVariables: state.stage.variables,
      })
      return { body, context }
    } catch (error) {
      if (error instanceof InvalidJsonBodyError && side === 'request')
        return {
          responseType: 'BAD_REQUEST_BODY',
          message: error.message,
          logMessage: error.message,
        }
      const reason = isPorticoError(error) ? error.message : errorMessage(error)
      return configurationFailure(`Unable to transform ${side}: ${reason}`, error)
    }
  }
}

/** What a request template set in `$context.requestOverride`, as text. */
export interface RequestOverrides {
  readonly header: ReadonlyArray<readonly [string, string]>
  readonly querystring: ReadonlyArray<readonly [string, string]>
  readonly path: Readonly<Record<string, string>>
}

function overrideEntries(map: unknown): Array<[string, string]> {
  if (!map || typeof map !== 'object') return []
  const out: Array<[string, string]> = []
  for (const [name, value] of Object.entries(map as Record<string, unknown>))
    if (value !== null && value !== undefined) out.push([name, printValue(value)])
  return out
}

/**
 * Reads the overrides a request template set; they win over the integration's own mappings.
 *
 * @param context - the `$context` the template ran with
 * @returns the overrides
 */
export function readRequestOverrides(context: Record<string, unknown>): RequestOverrides {
  const override = context['requestOverride'] as Record<string, unknown> | undefined
  return {
    header: overrideEntries(override?.['header']),
    querystring: overrideEntries(override?.['querystring']),
    path: Object.fromEntries(overrideEntries(override?.['path'])),
  }
}

/** The request template chosen for a request. */
export type RequestTemplateChoice =
  | { readonly kind: 'template'; readonly contentType: string; readonly render: MappingTemplate }
  | { readonly kind: 'passthrough' }

/**
 * Compiles the request templates of an integration into a chooser that applies
 * `passthroughBehavior` (unmatched content → passthrough or 415).
 *
 * @param templates - media type → template
 * @param behavior - the passthrough behaviour
 * @param where - the integration's place in the definition
 * @returns the chooser
 */
export function compileRequestTemplates(
  templates: Readonly<Record<string, string>>,
  behavior: PassthroughBehavior,
  where: string,
): (state: RequestState) => RequestTemplateChoice | GatewayFailure {
  const compiled = new Map(
    Object.entries(templates).map(([type, text]) => [
      type.toLowerCase(),
      compileMappingTemplate(text, `${where}.requestTemplates.${type}`, 'request'),
    ]),
  )
  const unsupported: GatewayFailure = { responseType: 'UNSUPPORTED_MEDIA_TYPE' }
  const passthrough: RequestTemplateChoice = { kind: 'passthrough' }
  return (state) => {
    const contentType = state.contentType ?? 'application/json'
    const render = compiled.get(contentType)
    if (render) return { kind: 'template', contentType, render }
    if (behavior === 'NEVER') return unsupported
    if (behavior === 'WHEN_NO_TEMPLATES' && compiled.size > 0) return unsupported
    return passthrough
  }
}

/**
 * Picks a response template by the first Accept type, then `application/json`, then the first
 * one defined.
 *
 * @param templates - media type → compiled template, in definition order
 * @param acceptType - first Accept media type
 * @returns the media type and template, or undefined for passthrough
 */
export function selectResponseTemplate<T>(
  templates: ReadonlyMap<string, T>,
  acceptType: string | undefined,
): [string, T] | undefined {
  if (templates.size === 0) return undefined
  if (acceptType !== undefined) {
    const exact = templates.get(acceptType)
    if (exact !== undefined) return [acceptType, exact]
  }
  const json = templates.get('application/json')
  if (json !== undefined) return ['application/json', json]
  return templates.entries().next().value
}
