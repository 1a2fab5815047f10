/**
 * Serving a definition file over HTTP, for `portico serve` and `npm start`.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { toNodeHandler } from '../adapters/node-http/index.js'
import { createGateway, type Gateway, type GatewayOptions } from '../gateway.js'
import type { LambdaHandler, LambdaHandlers } from '../integrations/index.js'

/** Options of {@link serve}. */
export interface ServeOptions {
  /** Path of the OpenAPI file (YAML or JSON). */
  apiFile: string
  /** Path of an ES module whose exports (or default export) are Lambda handlers by function name. */
  handlersFile?: string
  stageName?: string
  variables?: Record<string, string>
  /** Values for the `${name}` placeholders of a Terraform `templatefile()` document. */
  templateVars?: Record<string, string>
  port?: number
  host?: string
  logger?: GatewayOptions['logger']
  /** AWS service stand-ins and endpoints (`--service-endpoint`), as `options.services`. */
  services?: GatewayOptions['services']
}

/** A running server. */
export interface RunningServer {
  readonly server: Server
  readonly gateway: Gateway
  /** `http://localhost:{port}/{stage}` */
  readonly invokeUrl: string
  close(): Promise<void>
}

/**
 * Loads Lambda handlers from a module: named exports, or a default export object.
 *
 * @param file - module path
 * @returns handlers by name
 */
export async function loadHandlers(file: string): Promise<LambdaHandlers> {
  const module = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>
  const source =
    typeof module['default'] === 'object' && module['default'] !== null
      ? (module['default'] as Record<string, unknown>)
      : module
  const out: Record<string, LambdaHandler> = {}
  for (const [name, value] of Object.entries(source))
    if (typeof value === 'function') out[name] = value as LambdaHandler
  return out
}

/**
 * Starts an HTTP server for a definition file.
 *
 * @param options - file, handlers, stage, port
 * @returns the running server
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const gatewayOptions: GatewayOptions = {
    api: readFileSync(options.apiFile, 'utf8'),
    stage: { name: options.stageName ?? 'dev', variables: options.variables ?? {} },
    lambdas: options.handlersFile ? await loadHandlers(options.handlersFile) : {},
  }
  if (options.logger) gatewayOptions.logger = options.logger
  if (options.templateVars) gatewayOptions.templateVars = options.templateVars
  if (options.services) gatewayOptions.services = options.services
  const gateway = createGateway(gatewayOptions)
  const server = createServer(toNodeHandler(gateway))
  server.keepAliveTimeout = 5000
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => ok())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  return {
    server,
    gateway,
    invokeUrl: `http://localhost:${port}/${gateway.stage.name}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}

/**
 * The routes of a gateway as a text table.
 *
 * @param gateway - the gateway
 * @param invokeUrl - prefix for the URLs
 * @returns the table
 */
export function formatRoutes(gateway: Gateway, invokeUrl: string): string {
  const rows = gateway
    .routes()
    .map((r) => [r.method, `${invokeUrl}${r.path === '/' ? '/' : r.path}`, r.integration ?? '-'])
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => (row[i] as string).length), 6))
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] as number))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
