/**
 * `portico serve template.yaml`: every API of a CloudFormation / SAM template (or the one named
 * with `--api`), each on its own port from `--port` up, with the Lambda handlers found from each
 * function's `CodeUri` and `Handler`, like `sam local start-api`.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname, resolve } from 'node:path'
import { toNodeHandler } from '../adapters/node-http/index.js'
import { createGateway, type GatewayOptions } from '../gateway.js'
import type { LambdaHandlers } from '../integrations/index.js'
import { importTemplate } from '../template/index.js'
import { createConsoleLogger } from '../core/index.js'
import type { Logger } from '../core/index.js'
import type { RunningServer } from './serve.js'

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
  /** AWS service stand-ins and endpoints (`--service-endpoint`), as `options.services`. */
  services?: GatewayOptions['services']
}

/**
 * Starts one HTTP server per API of a template.
 *
 * @param options - the template file, API, parameters, port
 * @returns the running servers, in template order
 * @throws ConfigError for a bad template or an unknown `--api`
 */
export async function serveTemplate(options: ServeTemplateOptions): Promise<RunningServer[]> {
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
  if (chosen.length === 0)
    // Let createGateway explain (unknown id, or no API), with the ids it found.
    createGateway({
      api: text,
      ...shared,
      ...(options.logicalId ? { logicalId: options.logicalId } : {}),
    })
  const running: RunningServer[] = []
  let port = options.port ?? 3000
  for (const api of chosen) {
    const gatewayOptions: GatewayOptions = { api, lambdas: options.lambdas ?? {} }
    if (options.stageName !== undefined || options.variables !== undefined)
      gatewayOptions.stage = {
        ...(options.stageName !== undefined ? { name: options.stageName } : {}),
        ...(options.variables !== undefined ? { variables: options.variables } : {}),
      }
    gatewayOptions.logger = logger
    if (options.services) gatewayOptions.services = options.services
    const gateway = createGateway(gatewayOptions)
    const server = createServer(toNodeHandler(gateway))
    server.keepAliveTimeout = 5000
    await new Promise<void>((ok, fail) => {
      server.once('error', fail)
      server.listen(port, options.host ?? '127.0.0.1', () => ok())
    })
    const address = server.address()
    const actual = typeof address === 'object' && address ? address.port : port
    const stage = gateway.stage.name === '$default' ? '' : `/${gateway.stage.name}`
    running.push({
      server,
      gateway,
      invokeUrl: `http://localhost:${actual}${stage}`,
      close: () => new Promise<void>((ok) => server.close(() => ok())),
    })
    if (port !== 0) port = actual + 1
  }
  return running
}

/**
 * Reads `--parameter-overrides` values: `Key=Value` or sam's `ParameterKey=Key,ParameterValue=Value`.
 *
 * @param entries - the values
 * @returns parameter values by name
 * @throws Error for an entry of neither form
 */
export function readParameterOverrides(entries: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of entries) {
    const long = /^ParameterKey=([^,]+),ParameterValue=(.*)$/.exec(entry)
    const eq = entry.indexOf('=')
    if (long) out[long[1] as string] = long[2] as string
    else if (eq > 0) out[entry.slice(0, eq)] = entry.slice(eq + 1)
    else throw new Error(`--parameter-overrides expects Key=Value, got ${entry}`)
  }
  return out
}
