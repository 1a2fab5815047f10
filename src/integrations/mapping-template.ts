/**
 * Mapping templates for integration requests and responses, and their selection by media type
 * and passthrough behaviour.
 *
 * Templates that are plain text with `$context`/`$stageVariables` references render here; a
 * template with other VTL (`#set`, `$input`, `$util`…) needs the VTL engine, which is not in
 * Portico yet: such a template answers 500 with the reason in the log, rather than rendering
 * wrongly.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html
 */
import type { GatewayFailure } from '../core/types.js'
import type { PassthroughBehavior } from '../definition/model.js'
import { compileSimpleTemplate, needsVtl } from '../mapping/simple-template.js'
import type { RequestState } from '../pipeline/request-state.js'
import { configurationFailure } from './integration.js'

/** A compiled mapping template. */
export type MappingTemplate = (state: RequestState) => string | GatewayFailure

/**
 * Compiles one mapping template.
 *
 * @param text - the template
 * @returns its renderer
 */
export function compileMappingTemplate(text: string): MappingTemplate {
  if (needsVtl(text)) {
    return () =>
      configurationFailure(
        'this mapping template uses VTL directives or $input/$util, which need the VTL engine (not yet in Portico)',
      )
  }
  const template = compileSimpleTemplate(text)
  return (state) => template(state.lookup)
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
 * @returns the chooser
 */
export function compileRequestTemplates(
  templates: Readonly<Record<string, string>>,
  behavior: PassthroughBehavior,
): (state: RequestState) => RequestTemplateChoice | GatewayFailure {
  const compiled = new Map(
    Object.entries(templates).map(([type, text]) => [
      type.toLowerCase(),
      compileMappingTemplate(text),
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
