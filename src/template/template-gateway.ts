/**
 * A template given to `createGateway`: the chosen API's definition, stage, handlers, plans and
 * keys become ordinary gateway options.
 */
import { ConfigError } from '../errors.js'
import type { Deps } from '../core/index.js'
import type { GatewayOptions } from '../gateway.js'
import type { StageOptions } from '../stages/index.js'
import { createTemplateHandlers } from './handlers.js'
import { pickApi, readTemplate } from './import-template.js'
import type { TemplateApi, TemplateGatewayOptions, TemplateOptions } from './model.js'
import type {
  WebSocketApiDefinition,
  WebSocketDefinitionOptions,
  WebSocketGatewayOptions,
} from '../websocket/index.js'
import { isTemplate } from './parse.js'

/** Whether `api` is an entry of `importTemplate().apis`. */
export function isTemplateApi(api: unknown): api is TemplateApi {
  return (
    typeof api === 'object' &&
    api !== null &&
    typeof (api as TemplateApi).logicalId === 'string' &&
    Array.isArray((api as TemplateApi).stages) &&
    typeof (api as TemplateApi).definition === 'object'
  )
}

/** The template-reading options a gateway's options carry (parameters, imports, place). */
function templateOptionsOf(
  options: TemplateGatewayOptions & {
    region?: string | undefined
    accountId?: string | undefined
    failOnWarnings?: boolean | undefined
  },
): TemplateOptions {
  return {
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.importValues ? { importValues: options.importValues } : {}),
    ...(options.nestedStackOutputs ? { nestedStackOutputs: options.nestedStackOutputs } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.accountId ? { accountId: options.accountId } : {}),
    ...(options.stackName ? { stackName: options.stackName } : {}),
    ...(options.baseDir ? { baseDir: options.baseDir } : {}),
    ...(options.failOnWarnings !== undefined ? { failOnWarnings: options.failOnWarnings } : {}),
  }
}

/** Gateway options for a template's API, and the stages to add after the first. */
export interface TemplateGatewayPlan {
  readonly options: GatewayOptions
  readonly moreStages: readonly StageOptions[]
}

/**
 * Turns `options.api` into plain gateway options when it is a template or a template's API.
 *
 * @param options - the gateway options
 * @param deps - timers and logger for the handlers
 * @returns the plan, or undefined when `options.api` is not a template
 * @throws ConfigError for a bad template, an unknown or missing `logicalId`, or a WebSocket API
 */
export function planTemplateGateway(
  options: GatewayOptions,
  deps: Deps,
): TemplateGatewayPlan | undefined {
  let api: TemplateApi
  if (isTemplateApi(options.api)) api = options.api
  else if (isTemplate(options.api)) {
    const imported = readTemplate(options.api, templateOptionsOf(options))
    for (const warning of imported.warnings) deps.logger.warn(warning)
    api = pickApi(imported, options.logicalId)
  } else return undefined
  if (api.kind === 'WEBSOCKET')
    throw new ConfigError(
      'logicalId',
      `${api.logicalId} is a WebSocket API: serve it with createWebSocketGateway({ api: template, logicalId: '${api.logicalId}' })`,
    )
  const warn = (message: string): void => deps.logger.warn(message)
  const [first, ...moreStages] = api.stages
  const stage: StageOptions = {
    ...first,
    ...options.stage,
    variables: { ...first?.variables, ...options.stage?.variables },
  }
  if (api.kind === 'HTTP' && moreStages.length > 0)
    warn(
      `API ${api.logicalId}: stages ${moreStages.map((s) => s.name).join(', ')} are not served (HTTP APIs serve one stage in Portico)`,
    )
  const {
    logicalId: _,
    parameters: __,
    importValues: ___,
    nestedStackOutputs: ______,
    ...rest
  } = options
  return {
    options: {
      ...rest,
      api: api.definition as GatewayOptions['api'],
      stage,
      lambdas: createTemplateHandlers(
        api.functions,
        api.baseDir,
        options.lambdas ?? {},
        deps,
        warn,
      ),
      apiKeys: [...api.apiKeys, ...(options.apiKeys ?? [])],
      usagePlans: [...api.usagePlans, ...(options.usagePlans ?? [])],
      usagePlanKeys: [...api.usagePlanKeys, ...(options.usagePlanKeys ?? [])],
      apiId: options.apiId ?? api.apiId,
      region: options.region ?? api.region,
      accountId: options.accountId ?? api.accountId,
    },
    moreStages: api.kind === 'REST' ? moreStages : [],
  }
}

/** What `createWebSocketGateway` takes when its `api` may be a template. */

/**
 * Turns a template (or a template's WebSocket API) given to `createWebSocketGateway` into plain
 * options: the API's definition, its first stage, handlers for the template's functions.
 *
 * @param options - the WebSocket gateway options
 * @param deps - timers and logger for the handlers
 * @returns the options, or undefined when `options.api` is not a template
 * @throws ConfigError for a bad template, or when the API chosen is not a WebSocket API
 */
export function planTemplateWebSocket(
  options: WebSocketGatewayOptions,
  deps: Deps,
): WebSocketDefinitionOptions | undefined {
  let api: TemplateApi
  if (isTemplateApi(options.api)) api = options.api
  else if (isTemplate(options.api)) {
    const imported = readTemplate(options.api, templateOptionsOf(options))
    for (const warning of imported.warnings) deps.logger.warn(warning)
    // Without a logicalId, the template's only WebSocket API.
    api = pickApi(
      options.logicalId === undefined
        ? { ...imported, apis: imported.apis.filter((a) => a.kind === 'WEBSOCKET') }
        : imported,
      options.logicalId,
    )
  } else return undefined
  if (api.kind !== 'WEBSOCKET')
    throw new ConfigError(
      'logicalId',
      `${api.logicalId} is a ${api.kind} API: serve it with createGateway`,
    )
  const warn = (message: string): void => deps.logger.warn(message)
  const first = api.stages[0]
  const {
    logicalId: _,
    parameters: __,
    importValues: ___,
    stackName: ____,
    baseDir: _____,
    nestedStackOutputs: ______,
    ...rest
  } = options
  return {
    ...rest,
    api: api.definition as WebSocketApiDefinition,
    stage: {
      ...(first ? { name: first.name } : {}),
      ...options.stage,
      variables: { ...first?.variables, ...options.stage?.variables },
    },
    lambdas: createTemplateHandlers(api.functions, api.baseDir, options.lambdas ?? {}, deps, warn),
    apiId: options.apiId ?? api.apiId,
    region: options.region ?? api.region,
    accountId: options.accountId ?? api.accountId,
  }
}
