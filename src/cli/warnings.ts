/**
 * What `portico serve` warns about at startup: stage variables the definition uses but the stage
 * does not set, Lambda routes without a handler, and `apiKeyRequired` methods no key can open.
 */
import type { ApiDefinition } from '../definition/index.js'
import type { HttpApiDefinition } from '../http-api/index.js'
import type { ApiKey, UsagePlan, UsagePlanKey } from '../auth/index.js'
import {
  parseFunctionReference,
  resolveHandler,
  type LambdaHandlers,
} from '../integrations/index.js'
import { substituteStageVariables } from '../stages/index.js'

/** What the warnings look at. */
export interface StartupCheck {
  readonly definition: ApiDefinition | HttpApiDefinition
  readonly stageName: string
  readonly variables: Readonly<Record<string, string>>
  /** The handlers given; undefined when a template supplies them (not checked). */
  readonly lambdas: LambdaHandlers | undefined
  readonly apiKeys: readonly ApiKey[]
  readonly usagePlans: readonly UsagePlan[]
  readonly usagePlanKeys: readonly UsagePlanKey[]
}

const INVOCATION =
  /^arn:aws[\w-]*:apigateway:[^:]*:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/
const STAGE_VARIABLE = /\$\{?stageVariables\.([A-Za-z0-9_]+)/g

interface Route {
  readonly key: string
  readonly type: string
  readonly uri: string | undefined
  readonly apiKeyRequired: boolean
  readonly text: string
}

function routesOf(definition: ApiDefinition | HttpApiDefinition): Route[] {
  if (definition.kind === 'HTTP')
    return definition.routes.map((route) => ({
      key: route.routeKey,
      type: route.integration.type,
      uri: route.integration.uri,
      apiKeyRequired: false,
      text: JSON.stringify(route.integration),
    }))
  return definition.resources.flatMap((resource) =>
    Object.values(resource.methods).map((method) => ({
      key: `${method.httpMethod} ${resource.path}`,
      type: method.integration?.type ?? 'none',
      uri: method.integration?.uri,
      apiKeyRequired: method.apiKeyRequired,
      text: JSON.stringify(method.integration ?? {}),
    })),
  )
}

/**
 * The startup warnings of a served API, one line each.
 *
 * @param check - the definition, stage and access configuration
 * @returns the warnings (empty when all is well)
 */
export function startupWarnings(check: StartupCheck): string[] {
  const warnings: string[] = []
  const routes = routesOf(check.definition)
  const unset = new Map<string, string[]>()
  for (const route of routes)
    for (const match of route.text.matchAll(STAGE_VARIABLE)) {
      const name = match[1] as string
      if (Object.hasOwn(check.variables, name)) continue
      const users = unset.get(name) ?? []
      if (!users.includes(route.key)) users.push(route.key)
      unset.set(name, users)
    }
  for (const [name, users] of unset)
    warnings.push(
      `stage variable ${name} is used by ${users.join(', ')} but stage ${check.stageName} does not set it (--var ${name}=... or stage.variables in the config file)`,
    )
  if (check.lambdas) {
    for (const route of routes) {
      if (route.uri === undefined || !/^AWS/.test(route.type)) continue
      const uri = substituteStageVariables(route.uri, check.variables)
      const reference = INVOCATION.exec(uri)?.[1] ?? (route.type === 'AWS_PROXY' ? uri : undefined)
      if (reference === undefined) continue
      const target = parseFunctionReference(reference, '123456789012', 'us-east-1')
      if (target && !resolveHandler(check.lambdas, target))
        warnings.push(
          `${route.key}: no handler for Lambda function ${target.functionName} (export ${target.functionName} from the --handlers module, or add it to lambdas in the config file); it answers 500`,
        )
    }
  }
  const keyed = routes.filter((route) => route.apiKeyRequired).map((route) => route.key)
  if (keyed.length > 0) {
    const plans = new Set(
      check.usagePlans
        .filter((plan) => plan.apiStages?.some((s) => s.stage === check.stageName))
        .map((plan) => plan.id),
    )
    const usable = check.apiKeys.filter(
      (key) =>
        key.enabled !== false &&
        check.usagePlanKeys.some((pk) => pk.keyId === key.id && plans.has(pk.usagePlanId)),
    )
    if (usable.length === 0)
      warnings.push(
        `${keyed.join(', ')} require${keyed.length === 1 ? 's' : ''} an API key, but no enabled key is in a usage plan for stage ${check.stageName}: ${keyed.length === 1 ? 'it answers' : 'they answer'} 403 (add apiKeys, usagePlans and usagePlanKeys to the config file)`,
      )
  }
  return warnings
}
