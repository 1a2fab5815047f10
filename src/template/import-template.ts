/**
 * `importTemplate`: the APIs, functions, stages, usage plans and API keys of a CloudFormation or
 * SAM template, each API ready for `createGateway({ api })`.
 */
import { resolve } from 'node:path'
import { ConfigError } from '../errors.js'
import type { StageOptions } from '../stages/index.js'
import { createResolver } from './intrinsics.js'
import { expandIncludes } from './include.js'
import { readFunctions } from './functions.js'
import type { ImportedTemplate, TemplateApi, TemplateOptions } from './model.js'
import { parseTemplate, type TemplateDocument } from './parse.js'
import { readRestApis, type ApiFound } from './resources-rest.js'
import { readV2Apis } from './resources-v2.js'
import { isSamTemplate, translateSam } from './sam.js'
import { readPlansAndKeys } from './stages.js'
import { warnUnsupportedResources } from './unsupported.js'

/** The stage served when the template deploys an API to none. */
const DEFAULT_STAGE: Readonly<Record<ApiFound['kind'], string>> = {
  REST: 'dev',
  HTTP: '$default',
  WEBSOCKET: 'production',
}

/** An import, with the APIs Portico could not build and why (for createGateway's errors). */
export interface TemplateImport extends ImportedTemplate {
  readonly skipped: ReadonlyMap<string, string>
}

/**
 * Reads a CloudFormation or SAM template (object, JSON or YAML text with short-form tags):
 * applies the SAM transform, resolves parameters, conditions and intrinsic functions, and lists
 * what it defines.
 *
 * @param template - the template
 * @param options - `parameters`, `importValues`, `nestedStackOutputs`, `region`, `accountId`, `stackName`, `baseDir`
 * @returns `{ apis, functions, usagePlans, apiKeys, usagePlanKeys, warnings }`
 * @throws ConfigError naming the logical id and property path of the first problem
 * @example
 * ```ts
 * import { importTemplate, createGateway } from 'portico'
 * const { apis } = importTemplate(readFileSync('template.yaml', 'utf8'), { baseDir: '.' })
 * apis.map((a) => [a.logicalId, a.kind, a.stageName]) // [['ServerlessRestApi', 'REST', 'Prod']]
 * const gateway = createGateway({ api: apis[0] })
 * ```
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification.html
 */
export function importTemplate(template: unknown, options: TemplateOptions = {}): ImportedTemplate {
  const { skipped: _, ...imported } = readTemplate(template, options)
  return imported
}

/**
 * {@link importTemplate}, also returning the APIs that were skipped.
 *
 * @internal
 */
export function readTemplate(template: unknown, options: TemplateOptions = {}): TemplateImport {
  const warnings: string[] = []
  const warn = (message: string): void => {
    warnings.push(message)
  }
  const baseDir = resolve(options.baseDir ?? '.')
  let doc = expandIncludes(parseTemplate(template, warn), baseDir, '', warn) as TemplateDocument
  if (isSamTemplate(doc)) doc = translateSam(doc, options, baseDir, warn)
  else requireSamTransform(doc)
  if (!isSamTemplate(doc) && doc['Transform'] !== undefined)
    warn(
      `Transform ${JSON.stringify(doc['Transform'])} is ignored: Portico applies only AWS::Serverless-2016-10-31`,
    )
  const resolver = createResolver(doc, options)
  warnUnsupportedResources(resolver, warn)
  const skipped = new Map<string, string>()
  const skip = (logicalId: string, reason: string): void => {
    skipped.set(logicalId, reason)
    warn(`API ${logicalId} is left out: ${reason}`)
  }
  const found = [
    ...readRestApis(resolver, skip, warn, options.failOnWarnings),
    ...readV2Apis(resolver, skip, warn, options.failOnWarnings),
  ]
  const functions = readFunctions(resolver, baseDir, warn)
  const { usagePlans, apiKeys, usagePlanKeys } = readPlansAndKeys(resolver)
  const apis = found.map((api): TemplateApi => {
    let stages: StageOptions[] = api.stages
    if (stages.length === 0) {
      stages = [{ name: DEFAULT_STAGE[api.kind] }]
      warn(
        `API ${api.logicalId} has no stage in the template: Portico serves it as stage ${DEFAULT_STAGE[api.kind]}`,
      )
    }
    const plans = usagePlans.filter((plan) => plan.apiStages?.some((s) => s.apiId === api.apiId))
    const planIds = new Set(plans.map((plan) => plan.id))
    const planKeys = usagePlanKeys.filter((entry) => planIds.has(entry.usagePlanId))
    const keyIds = new Set(planKeys.map((entry) => entry.keyId))
    return {
      ...api,
      kind: api.kind,
      stageName: stages[0]?.name as string,
      stages,
      definition: api.definition as TemplateApi['definition'],
      functions,
      usagePlans: plans,
      apiKeys: apiKeys.filter((key) => keyIds.has(key.id)),
      usagePlanKeys: planKeys,
      baseDir,
      region: resolver.region,
      accountId: resolver.accountId,
    }
  })
  return { apis, functions, usagePlans, apiKeys, usagePlanKeys, warnings, skipped }
}

/**
 * A template with `AWS::Serverless::*` resources and no SAM transform: CloudFormation refuses it
 * (`Template format error: Unrecognized resource types: [AWS::Serverless::Function]`).
 *
 * @param doc - a template whose `Transform` is not `AWS::Serverless-2016-10-31`
 * @throws ConfigError naming the first `AWS::Serverless::*` resource
 */
function requireSamTransform(doc: TemplateDocument): void {
  const resources = doc['Resources'] as Record<string, unknown>
  for (const [logicalId, resource] of Object.entries(resources)) {
    const type =
      typeof resource === 'object' && resource !== null
        ? (resource as { Type?: unknown }).Type
        : undefined
    if (typeof type === 'string' && type.startsWith('AWS::Serverless::'))
      throw new ConfigError(
        `Resources.${logicalId}.Type`,
        `${type} needs the SAM transform: add "Transform: AWS::Serverless-2016-10-31" (CloudFormation refuses AWS::Serverless::* types without it)`,
      )
  }
}

/**
 * Picks the API to serve.
 *
 * @param imported - the import
 * @param logicalId - the API asked for, if any
 * @returns the API
 * @throws ConfigError listing the APIs found when none or several match
 */
export function pickApi(imported: TemplateImport, logicalId: string | undefined): TemplateApi {
  const ids = imported.apis.map((api) => `${api.logicalId} (${api.kind})`).join(', ')
  if (logicalId !== undefined) {
    const api = imported.apis.find((candidate) => candidate.logicalId === logicalId)
    if (api) return api
    const reason = imported.skipped.get(logicalId)
    throw new ConfigError(
      'logicalId',
      reason ?? `the template has no API ${logicalId}; its APIs: ${ids || 'none'}`,
    )
  }
  if (imported.apis.length === 1) return imported.apis[0] as TemplateApi
  if (imported.apis.length === 0) {
    const left = [...imported.skipped].map(([id, reason]) => `${id}: ${reason}`).join('; ')
    throw new ConfigError(
      '',
      `the template defines no API Portico can serve${left ? ` (${left})` : ''}`,
    )
  }
  throw new ConfigError(
    'logicalId',
    `the template has several APIs; name one with logicalId: ${ids}`,
  )
}
