/**
 * Evaluated instances → what `importTerraform` returns: the generated template goes through the
 * template importer; its warnings and errors are put back in Terraform terms.
 */
import { ConfigError } from '../errors.js'
import { importTemplate, type ImportedTemplate } from '../template/index.js'
import type {
  ImportedTerraform,
  TerraformApi,
  TerraformFunction,
  TerraformOptions,
} from './model.js'
import {
  holdsStandInOf,
  shownFile,
  toTerraformTerms,
  translateInstances,
} from './translate/index.js'
import type { ResourceInstance, TerraformDiagnostic } from './values.js'

/** Where the instances came from. */
export interface InstanceSource {
  /** The root module's directory. */
  readonly rootDir: string
  /** The evaluator's diagnostics. */
  readonly diagnostics: readonly TerraformDiagnostic[]
}

/**
 * One diagnostic as a line: `file:line: address: message (hint)`.
 *
 * @param diagnostic - the diagnostic
 * @returns the text
 */
export function formatDiagnostic(diagnostic: TerraformDiagnostic): string {
  const place = diagnostic.pos ? `${shownFile(diagnostic.pos.file)}:${diagnostic.pos.line}: ` : ''
  const chain =
    diagnostic.chain && diagnostic.chain.length > 0 ? ` via ${diagnostic.chain.join(' → ')}` : ''
  const hint = diagnostic.hint ? `; ${diagnostic.hint}` : ''
  return `${place}[${diagnostic.code}] ${diagnostic.message}${chain}${hint}`
}

/**
 * Imports evaluated instances.
 *
 * @param instances - the API, Lambda and archive instances
 * @param source - root directory and evaluator diagnostics
 * @param options - function code, strict mode, region and account
 * @returns the APIs, functions, plans, keys, diagnostics and warnings
 * @throws ConfigError naming the Terraform address (and `file:line`) of a bad definition, or the
 *   first error diagnostic with `strict`
 */
export function importInstances(
  instances: readonly ResourceInstance[],
  source: InstanceSource,
  options: TerraformOptions = {},
): ImportedTerraform {
  const translation = translateInstances(instances, {
    ...(options.functionCode ? { functionCode: options.functionCode } : {}),
  })
  const { ids } = translation
  const ignored = new Set(translation.consumed)
  const diagnostics = [
    ...source.diagnostics
      .filter(
        (d) => !translation.met.has(d) && !(d.address !== undefined && ignored.has(d.address)),
      )
      .map(translation.withRoutes),
    ...translation.diagnostics,
  ]
  if (options.strict) {
    const first = diagnostics.find((d) => d.severity === 'error')
    if (first)
      throw new ConfigError(
        first.address ?? '',
        `${formatDiagnostic(first)} (strict: every error diagnostic is a ConfigError)`,
      )
  }
  let imported: ImportedTemplate
  try {
    imported = importTemplate(translation.template, {
      baseDir: source.rootDir,
      ...(options.region !== undefined ? { region: options.region } : {}),
      ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
      ...(options.failOnWarnings !== undefined ? { failOnWarnings: options.failOnWarnings } : {}),
    })
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    const message = error.path ? error.message.slice(error.path.length + 2) : error.message
    throw new ConfigError(toTerraformTerms(error.path, ids), toTerraformTerms(message, ids), {
      cause: error,
    })
  }
  const addressOf = (logicalId: string): string => ids.origin(logicalId)?.address ?? logicalId
  const functions = imported.functions.map(
    (fn): TerraformFunction => ({ ...fn, address: addressOf(fn.logicalId) }),
  )
  const apis = imported.apis.map((api): TerraformApi => {
    const origin = ids.origin(api.logicalId)
    return {
      ...api,
      functions,
      address: origin?.address ?? api.logicalId,
      ...(origin?.pos ? { pos: origin.pos } : {}),
    }
  })
  const named = routesThroughStandIns(apis)
  return {
    apis,
    functions,
    usagePlans: imported.usagePlans,
    apiKeys: imported.apiKeys,
    usagePlanKeys: imported.usagePlanKeys,
    diagnostics: diagnostics.map(named),
    warnings: imported.warnings.map((warning) => toTerraformTerms(warning, ids)),
    template: translation.template,
  }
}

/**
 * Names the routes of OpenAPI bodies whose integration URI holds a stand-in for a value of the
 * diagnostic's address (`module.fn.lambda_function_invoke_arn` from a module not fetched): a
 * body's routes are not resources of their own, so the translation cannot trace them.
 */
function routesThroughStandIns(
  apis: readonly TerraformApi[],
): (diagnostic: TerraformDiagnostic) => TerraformDiagnostic {
  const uses: { readonly uri: string; readonly route: string }[] = []
  for (const api of apis) {
    const definition = api.definition as {
      resources?: readonly {
        path: string
        methods: Readonly<Record<string, { integration?: { uri?: unknown } }>>
      }[]
      routes?: readonly { routeKey: string; integration?: { uri?: unknown } }[]
    }
    for (const resource of definition.resources ?? [])
      for (const [method, spec] of Object.entries(resource.methods)) {
        const uri = spec.integration?.uri
        if (typeof uri === 'string') uses.push({ uri, route: `${method} ${resource.path}` })
      }
    if (api.kind === 'HTTP')
      for (const route of definition.routes ?? []) {
        const uri = route.integration?.uri
        if (typeof uri === 'string') uses.push({ uri, route: route.routeKey })
      }
  }
  return (diagnostic) => {
    const address = diagnostic.address
    if (address === undefined) return diagnostic
    const found = uses.filter(({ uri }) => holdsStandInOf(uri, address)).map(({ route }) => route)
    if (found.length === 0) return diagnostic
    const routes = [...new Set([...(diagnostic.routes ?? []), ...found])]
    return { ...diagnostic, routes }
  }
}
