/**
 * Evaluated Terraform instances → a CloudFormation template in memory, which the template
 * importer (`src/template/`) turns into Portico APIs with AWS's semantics. A resource whose
 * route-shaping values are unknown is left out, with every resource that depends on it; the
 * diagnostics name the routes that are disabled (or, for a function's code, that answer with a
 * Lambda error until the function is mapped).
 */
import type { ResourceInstance, TerraformDiagnostic } from '../values.js'
import { TemplateBuilder, type TemplateEntry } from './builder.js'
import { translateFunctions, type FunctionCode } from './lambda.js'
import type { LogicalIds } from './logical-ids.js'
import { translatePlans } from './plans.js'
import { translateRest } from './rest.js'
import { TRANSLATED_TYPES, unsupportedReason } from './types.js'
import { translateV2 } from './v2.js'

/** Options of {@link translateInstances}. */
export interface TranslateOptions {
  /** Code directories by function name or address. */
  readonly functionCode?: FunctionCode
  /** Where relative `functionCode` directories start. @default process.cwd() */
  readonly cwd?: string
}

/** The generated template and the way back to Terraform. */
export interface Translation {
  readonly template: {
    readonly AWSTemplateFormatVersion: '2010-09-09'
    readonly Resources: Record<string, unknown>
  }
  readonly ids: LogicalIds
  /** The translation's diagnostics, and the unknown values it met (with routes filled in). */
  readonly diagnostics: readonly TerraformDiagnostic[]
  /** The evaluator's diagnostics the translation met, so they are not listed twice. */
  readonly met: ReadonlySet<TerraformDiagnostic>
  /** Addresses of the instances read (translated or warned about). */
  readonly consumed: ReadonlySet<string>
  /** Logical ids left out. */
  readonly removed: ReadonlySet<string>
  /**
   * The diagnostic with `routes` set to the served routes that depend on its address (an
   * evaluator diagnostic such as `registry-module` names the routes its module's outputs reach).
   */
  readonly withRoutes: (diagnostic: TerraformDiagnostic) => TerraformDiagnostic
}

/**
 * Translates evaluated instances into a CloudFormation template.
 *
 * @param instances - what `loadTerraform().instances(isApiType)` returned
 * @param options - function code directories
 * @returns the template, the logical ids, and the diagnostics
 */
export function translateInstances(
  instances: readonly ResourceInstance[],
  options: TranslateOptions = {},
): Translation {
  const builder = new TemplateBuilder(instances)
  const consumed = new Set<string>()
  const managed = instances.filter((i) => i.mode === 'managed' || i.type === 'archive_file')
  for (const instance of managed) {
    consumed.add(instance.address)
    const reason = unsupportedReason(instance.type)
    if (reason !== undefined)
      builder.diagnostics.push({
        code: 'unsupported-resource',
        severity: 'warning',
        message: `${instance.address} (${instance.type}) is ignored: ${reason}`,
        address: instance.address,
        pos: instance.pos,
      })
  }
  // Every logical id first: a route may refer to an integration translated after it.
  for (const instance of managed)
    if (TRANSLATED_TYPES.has(instance.type)) builder.ids.idOf(instance.address, instance.pos)
  translateRest(builder, managed)
  translateV2(builder, managed)
  translatePlans(builder, managed)
  translateFunctions(builder, managed, options.functionCode, options.cwd)

  const removed = removals(builder)
  const routeNames = new Map<string, string>()
  for (const entry of builder.entries.values()) {
    const name = routeName(builder, entry)
    if (name !== undefined) routeNames.set(entry.logicalId, name)
  }
  const diagnostics: TerraformDiagnostic[] = []
  const met = new Set<TerraformDiagnostic>()
  const seen = new Set<string>()
  const push = (diagnostic: TerraformDiagnostic, original?: TerraformDiagnostic): void => {
    if (original) met.add(original)
    const key = JSON.stringify([
      diagnostic.code,
      diagnostic.message,
      diagnostic.address,
      diagnostic.attribute,
    ])
    if (seen.has(key)) return
    seen.add(key)
    diagnostics.push(diagnostic)
  }
  for (const entry of builder.entries.values())
    for (const found of entry.blocking) {
      const routes = [...removed]
        .filter(([id, causes]) => causes.has(entry.logicalId) && routeNames.has(id))
        .map(([id]) => routeNames.get(id) as string)
      push(
        {
          ...found.diagnostic,
          severity: 'error',
          routes,
          message: `${found.diagnostic.message}${routes.length > 0 ? ` (disabled: ${routes.join(', ')})` : ` (${entry.instances[0]?.address ?? ''} is left out)`}`,
        },
        found.original,
      )
    }
  const served = servedRoutes(builder, removed, routeNames)
  const withRoutes = (diagnostic: TerraformDiagnostic): TerraformDiagnostic => {
    const address = diagnostic.address
    const routes = address === undefined ? [] : (served.get(address) ?? [])
    return routes.length > 0 ? { ...diagnostic, routes } : diagnostic
  }
  for (const found of builder.omitted) push(withRoutes(found.diagnostic), found.original)
  for (const diagnostic of builder.diagnostics) push(withRoutes(diagnostic))

  const resources = Object.fromEntries(
    Object.entries(builder.resources()).filter(([id]) => !removed.has(id)),
  )
  return {
    template: { AWSTemplateFormatVersion: '2010-09-09', Resources: resources },
    ids: builder.ids,
    diagnostics,
    met,
    consumed,
    removed: new Set(removed.keys()),
    withRoutes,
  }
}

/** Entries left out, each with the entries whose unknown values caused it. */
function removals(builder: TemplateBuilder): Map<string, Set<string>> {
  const removed = new Map<string, Set<string>>()
  for (const entry of builder.entries.values())
    if (entry.blocking.length > 0) removed.set(entry.logicalId, new Set([entry.logicalId]))
  for (let changed = true; changed; ) {
    changed = false
    for (const entry of builder.entries.values())
      for (const address of entry.refs) {
        const target = builder.ids.get(address)
        const causes = target === undefined ? undefined : removed.get(target)
        if (!causes || target === entry.logicalId) continue
        const mine = removed.get(entry.logicalId) ?? new Set<string>()
        const before = mine.size
        for (const cause of causes) mine.add(cause)
        if (!removed.has(entry.logicalId) || mine.size > before) changed = true
        removed.set(entry.logicalId, mine)
      }
  }
  return removed
}

/** `GET /users/{id}` for a REST method, the route key for an HTTP or WebSocket route. */
function routeName(builder: TemplateBuilder, entry: TemplateEntry): string | undefined {
  const props = entry.properties
  if (entry.type === 'AWS::ApiGatewayV2::Route')
    return typeof props['RouteKey'] === 'string' ? props['RouteKey'] : entry.instances[0]?.address
  if (entry.type !== 'AWS::ApiGateway::Method') return undefined
  const method = typeof props['HttpMethod'] === 'string' ? props['HttpMethod'] : '?'
  const path: string[] = []
  let at: unknown = props['ResourceId']
  for (let depth = 0; depth < 64; depth++) {
    const ref = (at as { Ref?: unknown } | undefined)?.Ref
    const resource = typeof ref === 'string' ? builder.entries.get(ref) : undefined
    if (!resource) {
      const root = Array.isArray((at as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'])
      if (!root) path.unshift('?')
      break
    }
    const part = resource.properties['PathPart']
    path.unshift(typeof part === 'string' ? part : '?')
    at = resource.properties['ParentId']
  }
  return `${method} /${path.join('/')}`
}

/** For each address, the served routes that depend on it (directly or through others). */
function servedRoutes(
  builder: TemplateBuilder,
  removed: ReadonlyMap<string, unknown>,
  routeNames: ReadonlyMap<string, string>,
): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [logicalId, name] of routeNames) {
    if (removed.has(logicalId)) continue
    const seen = new Set<string>()
    const queue = [logicalId]
    while (queue.length > 0) {
      const entry = builder.entries.get(queue.pop() as string)
      if (!entry) continue
      for (const instance of entry.instances) seen.add(instance.address)
      for (const address of entry.refs) {
        if (seen.has(address)) continue
        seen.add(address)
        const next = builder.ids.get(address)
        if (next !== undefined) queue.push(next)
      }
    }
    for (const address of seen) {
      const list = out.get(address) ?? []
      list.push(name)
      out.set(address, list)
    }
  }
  return out
}
