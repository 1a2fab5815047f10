/**
 * The SAM transform (`Transform: AWS::Serverless-2016-10-31`): the template is rewritten into
 * the CloudFormation resources the SAM translator generates for its APIs (implicit APIs added,
 * Globals merged, events turned into routes), so that SAM and plain CloudFormation templates are
 * read by the same code. Functions stay `AWS::Serverless::Function` (with their Globals).
 *
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification.html
 */
import { ConfigError } from '../errors.js'
import { createResolver, type IntrinsicOptions, type TemplateResource } from './intrinsics.js'
import { isObject, type Doc } from './openapi-edit.js'
import type { TemplateDocument } from './parse.js'
import { applyGlobals } from './sam-globals.js'
import { addImplicitApis } from './sam-events.js'
import { translateWebSocketApi } from './sam-websocket.js'
import { translateHttpApi } from './sam-http.js'
import { translateRestApi } from './sam-rest.js'

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31'

/**
 * Whether the template uses the SAM transform.
 *
 * @param doc - the template
 * @returns true when `Transform` is or lists `AWS::Serverless-2016-10-31`
 */
export function isSamTemplate(doc: TemplateDocument): boolean {
  const transform = doc['Transform']
  return Array.isArray(transform) ? transform.includes(SAM_TRANSFORM) : transform === SAM_TRANSFORM
}

/**
 * Applies the SAM transform.
 *
 * @param doc - the parsed template
 * @param options - parameters and account, for values the translation needs resolved
 * @param baseDir - the template's directory (`DefinitionUri`)
 * @param warn - receives what is ignored
 * @returns a CloudFormation template
 * @throws ConfigError naming the SAM property at fault
 */
export function translateSam(
  doc: TemplateDocument,
  options: IntrinsicOptions,
  baseDir: string,
  warn: (message: string) => void,
): TemplateDocument {
  const expanded = applyGlobals(addImplicitApis(doc))
  const resolver = createResolver(expanded, options)
  const ctx = { resolver, baseDir, warn }
  const out: Record<string, unknown> = {}
  for (const [logicalId, resource] of Object.entries(expanded['Resources'] as Doc)) {
    const created = resolver.resources.get(logicalId)
    let generated: Record<string, TemplateResource>
    if (created?.Type === 'AWS::Serverless::Api')
      generated = translateRestApi(logicalId, created, ctx)
    else if (created?.Type === 'AWS::Serverless::HttpApi')
      generated = translateHttpApi(logicalId, created, ctx)
    else if (created?.Type === 'AWS::Serverless::WebSocketApi')
      generated = translateWebSocketApi(logicalId, created, ctx)
    else {
      out[logicalId] = resource
      continue
    }
    for (const [id, generatedResource] of Object.entries(generated)) {
      const existing = out[id]
      if (existing === undefined) out[id] = generatedResource
      else if (generatedResource.Type === 'AWS::ApiGateway::UsagePlan' && isObject(existing))
        mergeSharedPlan(existing as unknown as TemplateResource, generatedResource)
      else if (!id.startsWith('Serverless'))
        throw new ConfigError(
          `Resources.${id}`,
          'SAM would generate a resource with this logical id, which the template already has',
        )
    }
  }
  const { Transform: _, ...rest } = expanded
  return { ...rest, Resources: out }
}

/** `CreateUsagePlan: SHARED`: one plan covering every API that asks for it. */
function mergeSharedPlan(existing: TemplateResource, added: TemplateResource): void {
  const stages = existing.Properties?.['ApiStages']
  const more = added.Properties?.['ApiStages']
  if (Array.isArray(stages) && Array.isArray(more)) stages.push(...(more as unknown[]))
}
