/**
 * Rendering mapping templates: the one entry point the pipeline and
 * {@link renderMappingTemplate} share, with compiled templates cached by their text.
 */
import { LRUCache } from 'lru-cache'
import { ConfigError } from '../../errors.js'
import { compileTemplate, type CompiledTemplate } from './compile.js'
import { TemplateInput, type TemplateParams } from './input.js'
import { templateUtil } from './util.js'
import { printsEmpty } from './values.js'

/** What a template sees besides its text. */
export interface MappingTemplateInput {
  /** The payload (`$input.body`); empty or absent renders as `{}`. */
  body?: string
  /** The method request's parameters (`$input.params()`). */
  params?: TemplateParams
  /** `$stageVariables`. */
  stageVariables?: Readonly<Record<string, string>>
  /** `$context`; the template may set `requestOverride`/`responseOverride` in it. */
  context?: Record<string, unknown>
}

/** The variables of one render. */
export interface TemplateVariables {
  readonly input: TemplateInput
  readonly context: Record<string, unknown>
  readonly stageVariables: Readonly<Record<string, string>>
}

/**
 * Runs a compiled template with its variables.
 *
 * @param template - the compiled template
 * @param variables - `$input`, `$context`, `$stageVariables`
 * @returns the output text
 */
export function runTemplate(template: CompiledTemplate, variables: TemplateVariables): string {
  return template({
    input: variables.input,
    util: templateUtil,
    context: variables.context,
    stageVariables: variables.stageVariables,
  })
}

/**
 * `$context.requestOverride` and `$context.responseOverride`, empty, for a template to fill. As
 * on AWS, `requestOverride` starts with exactly `path`, `header`, `querystring` and
 * `responseOverride` with only `header` (no `status`); all of them print as empty text.
 *
 * @returns the two override maps
 */
export function emptyOverrides(): {
  requestOverride: Record<string, Record<string, unknown>>
  responseOverride: Record<string, unknown>
} {
  return {
    requestOverride: printsEmpty({
      path: printsEmpty({}),
      header: printsEmpty({}),
      querystring: printsEmpty({}),
    }),
    responseOverride: printsEmpty({ header: printsEmpty({}) }),
  }
}

const CACHE_LIMIT = 256
const compiledByText = new LRUCache<string, CompiledTemplate>({ max: CACHE_LIMIT })

/**
 * Compiles a template once and keeps it, by its text, in a bounded cache.
 *
 * @param text - the template
 * @returns the compiled template
 * @throws TemplateSyntaxError when it does not parse
 */
export function cachedTemplate(text: string): CompiledTemplate {
  let template = compiledByText.get(text)
  if (template) return template
  template = compileTemplate(text)
  compiledByText.set(text, template)
  return template
}

/**
 * Renders an API Gateway mapping template with the same engine the gateway uses: AWS's Java
 * semantics for `$input`, `$util`, `$context` and `$stageVariables`. Compiled templates are
 * cached by their text, so repeated calls cost a render, not a parse.
 *
 * @example
 * ```ts
 * import { renderMappingTemplate } from 'portico'
 *
 * renderMappingTemplate('{"name": "$input.path(\'$.name\')", "id": "$input.params(\'id\')"}', {
 *   body: '{"name": "Rex"}',
 *   params: { path: { id: '7' } },
 * }) // '{"name": "Rex", "id": "7"}'
 * ```
 *
 * @param template - the template text
 * @param input - payload, parameters, stage variables and context
 * @returns the rendered text
 * @throws ConfigError when the template does not parse; TemplateRuntimeError when rendering
 *   fails (a bad regex, `parseJson` of invalid JSON); GatewayResponseError `BAD_REQUEST_BODY`
 *   when the template reads a body that starts like JSON but is not
 */
export function renderMappingTemplate(template: string, input: MappingTemplateInput = {}): string {
  let compiled: CompiledTemplate
  try {
    compiled = cachedTemplate(template)
  } catch (error) {
    throw new ConfigError('template', (error as Error).message, { cause: error })
  }
  const params = input.params ?? {}
  const context = { ...emptyOverrides(), ...input.context }
  return runTemplate(compiled, {
    input: new TemplateInput(input.body ?? '', () => params),
    context,
    stageVariables: input.stageVariables ?? {},
  })
}
