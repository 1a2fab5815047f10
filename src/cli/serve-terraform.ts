/**
 * `portico serve ./infra`: every API of a Terraform root module (or the one named with `--api`
 * by its address), REST and HTTP APIs through `createGateway`, WebSocket APIs through
 * `createWebSocketGateway`, with the Lambda code found through `archive_file` or
 * `--function-code`. Diagnostics are printed as warnings (`--strict` makes errors fatal).
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createGateway, type Gateway, type GatewayOptions } from '../gateway.js'
import type { LambdaHandlers } from '../integrations/index.js'
import { createTemplateHandlers } from '../template/index.js'
import {
  formatDiagnostic,
  importTerraform,
  type TerraformApi,
  type TerraformOptions,
} from '../terraform/index.js'
import { createWebSocketGateway, type WebSocketGateway } from '../websocket/index.js'
import { depsFromOptions, type Logger } from '../core/index.js'
import { UsageError, type ServeFlags } from './args.js'
import type { LoadedConfig } from './config.js'
import type { StartupCheck } from './warnings.js'

/** Options of {@link terraformGateways}. */
export interface ServeTerraformOptions {
  /** The root module's directory. */
  directory: string
  /** Serve only this API (its resource address). */
  address?: string
  /** Variables, var files, function code, strict. */
  terraform: TerraformOptions
  /** Overrides each API's stage name. */
  stageName?: string
  /** Stage variables added to each stage's. */
  variables?: Record<string, string>
  /** Stand-ins by function name (`--handlers`, the config file). */
  lambdas?: LambdaHandlers
  logger: Logger
  /** More gateway options (keys, plans, store, request log…). */
  gatewayOptions?: Omit<GatewayOptions, 'api'>
  /** Wraps each API's handlers, e.g. to log a handler's error with its stack. */
  wrapHandlers?: (handlers: LambdaHandlers) => LambdaHandlers
}

/** The gateways of a Terraform root module. */
export interface TerraformGateways {
  readonly http: Array<{ readonly api: TerraformApi; readonly gateway: Gateway }>
  readonly webSockets: Array<{ readonly logicalId: string; readonly gateway: WebSocketGateway }>
}

/**
 * The `.tf` and `.tfvars` files of a directory (what `--watch` watches).
 *
 * @param directory - the root module
 * @returns their paths
 */
export function terraformFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => /\.(tf|tfvars|tf\.json)$/.test(name))
    .map((name) => join(directory, name))
}

/**
 * Imports a Terraform root module and creates a gateway per API.
 *
 * @param options - the directory, Terraform options, gateway options
 * @returns the REST/HTTP gateways and the WebSocket gateways
 * @throws ConfigError for a bad configuration (or an error diagnostic with `strict`)
 * @throws UsageError when no API is found, or `--api` names none
 */
export function terraformGateways(options: ServeTerraformOptions): TerraformGateways {
  const { logger } = options
  const imported = importTerraform(options.directory, options.terraform)
  for (const diagnostic of imported.diagnostics) logger.warn(formatDiagnostic(diagnostic))
  for (const warning of imported.warnings) logger.warn(warning)
  const apis = imported.apis.filter(
    (api) => options.address === undefined || api.address === options.address,
  )
  if (apis.length === 0)
    throw new UsageError(
      options.address === undefined
        ? `${options.directory}: no aws_api_gateway_rest_api or aws_apigatewayv2_api Portico can serve`
        : `${options.directory}: no API ${options.address}; its APIs: ${imported.apis.map((a) => a.address).join(', ') || 'none'}`,
      1,
    )
  const extra = options.gatewayOptions ?? {}
  const wrap = options.wrapHandlers ?? ((handlers: LambdaHandlers) => handlers)
  const handlersOf = (api: TerraformApi): LambdaHandlers =>
    wrap(
      createTemplateHandlers(
        api.functions,
        api.baseDir,
        { ...extra.lambdas, ...options.lambdas },
        depsFromOptions({ logger }),
        (message) => logger.warn(message),
      ),
    )
  const http = apis
    .filter((api) => api.kind !== 'WEBSOCKET')
    .map((api) => {
      const gatewayOptions: GatewayOptions = { ...extra, api, lambdas: handlersOf(api), logger }
      if (options.stageName !== undefined || options.variables !== undefined || extra.stage)
        gatewayOptions.stage = {
          ...extra.stage,
          ...(options.stageName !== undefined ? { name: options.stageName } : {}),
          variables: { ...extra.stage?.variables, ...options.variables },
        }
      return { api, gateway: createGateway(gatewayOptions) }
    })
  const webSockets = apis
    .filter((api) => api.kind === 'WEBSOCKET')
    .map((api) => ({
      logicalId: api.address,
      gateway: createWebSocketGateway({ api, lambdas: handlersOf(api), logger }),
    }))
  return { http, webSockets }
}

/** Whether `path` is a directory (false when it does not exist). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** What `portico serve` runs for a Terraform directory (the shape of run.ts's build). */
export interface TerraformBuild {
  readonly gateways: Gateway[]
  readonly checks: StartupCheck[]
  readonly templateKeys: ReadonlyArray<{ id: string; name?: string; value: string }>
  readonly files: string[]
  readonly webSockets: TerraformGateways['webSockets']
  /** Each gateway's API keys, usage plans and plan keys (the console's usage per key). */
  readonly access: ReadonlyArray<Pick<StartupCheck, 'apiKeys' | 'usagePlans' | 'usagePlanKeys'>>
}

/**
 * `portico serve ./infra`: the gateways, startup checks, API keys and watched files of a
 * Terraform root module.
 *
 * @param directory - the root module
 * @param flags - the command-line flags
 * @param config - the config file's contents
 * @param context - handlers, logger, base gateway options, and the files watched so far
 * @returns what `portico serve` runs
 * @throws UsageError for `--parameter-overrides`, or when no API is found
 */
export function buildTerraform(
  directory: string,
  flags: ServeFlags,
  config: LoadedConfig['config'],
  context: {
    handlers: LambdaHandlers
    wrap: (list: LambdaHandlers) => LambdaHandlers
    logger: Logger
    base: Omit<GatewayOptions, 'api'>
    fresh: boolean
    /** The directory, then the handler modules. */
    files: string[]
  },
): TerraformBuild {
  const { handlers, wrap, logger, base, fresh, files } = context
  if (flags.parameterOverrides.length > 0)
    throw new UsageError('--parameter-overrides is for templates; use --tf-var for Terraform')
  const { http, webSockets } = terraformGateways({
    directory,
    ...(flags.api !== undefined ? { address: flags.api } : {}),
    terraform: {
      ...(flags.tfVars ? { vars: flags.tfVars } : {}),
      ...(flags.varFiles ? { varFiles: flags.varFiles } : {}),
      ...(flags.functionCode ? { functionCode: flags.functionCode } : {}),
      ...(flags.strict ? { strict: true } : {}),
    },
    ...(flags.stage !== undefined ? { stageName: flags.stage } : {}),
    ...(Object.keys(flags.variables).length > 0 ? { variables: flags.variables } : {}),
    lambdas: handlers,
    wrapHandlers: wrap,
    logger,
    gatewayOptions: base,
  })
  const seen = new Set<string>()
  const access = http.map(({ api }) => ({
    apiKeys: [...api.apiKeys, ...(config.apiKeys ?? [])],
    usagePlans: [...api.usagePlans, ...(config.usagePlans ?? [])],
    usagePlanKeys: [...api.usagePlanKeys, ...(config.usagePlanKeys ?? [])],
  }))
  return {
    access,
    templateKeys: http
      .flatMap(({ api }) => api.apiKeys)
      .filter((key) => !seen.has(key.id) && seen.add(key.id)),
    gateways: http.map((entry) => entry.gateway),
    webSockets: fresh ? [] : webSockets,
    checks: http.map(({ gateway }, i) => ({
      definition: gateway.definition,
      stageName: gateway.stage.name,
      variables: gateway.stage.variables,
      lambdas: undefined,
      ...(access[i] as (typeof access)[number]),
    })),
    files: [...files.slice(1), ...terraformFiles(directory)],
  }
}
