/**
 * `portico serve template.yaml`: every API of a CloudFormation / SAM template (or the one named
 * with `--api`), each on its own port from `--port` up, with the Lambda handlers found from each
 * function's `CodeUri` and `Handler`, like `sam local start-api`.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { createGateway, type Gateway, type GatewayOptions } from '../gateway.js'
import type { LambdaHandlers } from '../integrations/index.js'
import { importTemplate, type TemplateApi } from '../template/index.js'
import { createWebSocketGateway, type WebSocketGateway } from '../websocket/index.js'
import { createConsoleLogger, depsFromOptions } from '../core/index.js'
import { createTemplateHandlers } from '../template/index.js'
import type { Logger } from '../core/index.js'
import { listen, type RunningServer } from './serve.js'
import { UsageError } from './args.js'

/** Options of {@link serveTemplate}. */
export interface ServeTemplateOptions {
  /** Path of the template (YAML or JSON). */
  templateFile: string
  /** Serve only this API (logical id). */
  logicalId?: string
  /** `--parameter-overrides Key=Value …` */
  parameters?: Record<string, string>
  /** Overrides the template's stage name. */
  stageName?: string
  /** Stage variables added to the template's. */
  variables?: Record<string, string>
  /** Stand-ins by function name or logical id (`--handlers`). */
  lambdas?: LambdaHandlers
  /** The first API's port; the next APIs take the following ports. @default 3000 */
  port?: number
  host?: string
  logger?: GatewayOptions['logger']
  /** More gateway options (API keys and plans added to the template's, JWKS, store…). */
  gatewayOptions?: Omit<GatewayOptions, 'api'>
  /**
   * Wraps each API's handlers (the template's code and the stand-ins), e.g. to log a handler's
   * error with its stack.
   */
  wrapHandlers?: (handlers: LambdaHandlers) => LambdaHandlers
}

/** A template API and its gateway. */
export interface TemplateGateway {
  readonly api: TemplateApi
  readonly gateway: Gateway
}

/**
 * Creates a gateway per REST and HTTP API of a template (or the one chosen).
 *
 * @param options - the template file, API, parameters, extra gateway options
 * @returns the gateways, in template order
 * @throws ConfigError for a bad template or an unknown `--api`
 */
export function templateGateways(options: ServeTemplateOptions): TemplateGateway[] {
  const text = readFileSync(options.templateFile, 'utf8')
  const baseDir = dirname(resolve(options.templateFile))
  const shared = {
    baseDir,
    ...(options.parameters ? { parameters: options.parameters } : {}),
  }
  const { apis, warnings } = importTemplate(text, shared)
  // Each API's gateway loads the same functions: say each warning once.
  const said = new Set<string>()
  const base = options.logger ?? createConsoleLogger()
  const logger: Logger = {
    ...base,
    warn: (message, fields) => {
      if (!said.has(message)) base.warn(message, fields)
      said.add(message)
    },
  }
  for (const warning of warnings) logger.warn(warning)
  const chosen = apis.filter(
    (api) =>
      api.kind !== 'WEBSOCKET' &&
      (options.logicalId === undefined || api.logicalId === options.logicalId),
  )
  const webSockets = apis.filter(
    (api) =>
      api.kind === 'WEBSOCKET' &&
      (options.logicalId === undefined || api.logicalId === options.logicalId),
  )
  if (chosen.length === 0 && webSockets.length === 0)
    // Let createGateway explain (unknown id, or no API), with the ids it found.
    createGateway({
      api: text,
      ...shared,
      ...(options.logicalId ? { logicalId: options.logicalId } : {}),
    })
  const extra = options.gatewayOptions ?? {}
  return chosen.map((api) => {
    let lambdas: LambdaHandlers = { ...extra.lambdas, ...options.lambdas }
    if (options.wrapHandlers)
      // The template's handlers, wrapped; createGateway takes them as stand-ins by function name.
      lambdas = options.wrapHandlers(
        createTemplateHandlers(
          api.functions,
          api.baseDir,
          lambdas,
          depsFromOptions({ logger }),
          (m) => logger.warn(m),
        ),
      )
    const gatewayOptions: GatewayOptions = { ...extra, api, lambdas }
    if (options.stageName !== undefined || options.variables !== undefined || extra.stage)
      gatewayOptions.stage = {
        ...extra.stage,
        ...(options.stageName !== undefined ? { name: options.stageName } : {}),
        variables: { ...extra.stage?.variables, ...options.variables },
      }
    gatewayOptions.logger = logger
    return { api, gateway: createGateway(gatewayOptions) }
  })
}

/**
 * The WebSocket APIs of a template (`AWS::ApiGatewayV2::Api` with `ProtocolType: WEBSOCKET`,
 * `AWS::Serverless::WebSocketApi`), each as a gateway with the template's functions; `--api`
 * picks one. `portico serve` puts each on a port with `portico/ws`.
 *
 * @param options - the template file, API, parameters, handlers
 * @returns the logical ids and gateways, in template order
 * @throws ConfigError for a bad template
 */
export function templateWebSocketGateways(
  options: ServeTemplateOptions,
): Array<{ readonly logicalId: string; readonly gateway: WebSocketGateway }> {
  const text = readFileSync(options.templateFile, 'utf8')
  const baseDir = dirname(resolve(options.templateFile))
  const parameters = options.parameters ? { parameters: options.parameters } : {}
  const { apis } = importTemplate(text, { baseDir, ...parameters })
  return apis
    .filter(
      (api) =>
        api.kind === 'WEBSOCKET' &&
        (options.logicalId === undefined || api.logicalId === options.logicalId),
    )
    .map((api) => {
      const lambdas: LambdaHandlers = { ...options.gatewayOptions?.lambdas, ...options.lambdas }
      return {
        logicalId: api.logicalId,
        gateway: createWebSocketGateway({
          api: text,
          logicalId: api.logicalId,
          baseDir,
          ...parameters,
          lambdas: options.wrapHandlers ? options.wrapHandlers(lambdas) : lambdas,
          ...(options.logger ? { logger: options.logger } : {}),
        }),
      }
    })
}

/**
 * Starts one HTTP server per API of a template.
 *
 * @param options - the template file, API, parameters, port
 * @returns the running servers, in template order
 * @throws ConfigError for a bad template or an unknown `--api`
 * @throws UsageError when a port is in use
 */
export async function serveTemplate(options: ServeTemplateOptions): Promise<RunningServer[]> {
  const running: RunningServer[] = []
  let port = options.port ?? 3000
  try {
    for (const { gateway } of templateGateways(options)) {
      const server = await listen(gateway, port, options.host ?? '127.0.0.1')
      running.push(server)
      const address = server.server.address()
      if (port !== 0 && typeof address === 'object' && address) port = address.port + 1
    }
  } catch (error) {
    await Promise.all(running.map((s) => s.close()))
    throw error
  }
  return running
}

/**
 * Reads `--parameter-overrides` values: `Key=Value` or sam's `ParameterKey=Key,ParameterValue=Value`.
 *
 * @param entries - the values
 * @returns parameter values by name
 * @throws UsageError for an entry of neither form
 */
export function readParameterOverrides(entries: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of entries) {
    const long = /^ParameterKey=([^,]+),ParameterValue=(.*)$/.exec(entry)
    const eq = entry.indexOf('=')
    if (long) out[long[1] as string] = long[2] as string
    else if (eq > 0) out[entry.slice(0, eq)] = entry.slice(eq + 1)
    else
      throw new UsageError(`--parameter-overrides expects Key=Value, got ${JSON.stringify(entry)}`)
  }
  return out
}
