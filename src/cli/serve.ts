/**
 * Serving a definition file over HTTP, for `portico serve` and `npm start`.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { toNodeHandler } from '../adapters/node-http/index.js'
import { createGateway, type Gateway, type GatewayOptions } from '../gateway.js'
import type { LambdaHandlers } from '../integrations/index.js'
import { UsageError } from './args.js'
import { loadHandlerModule } from './handlers.js'

/** Options of {@link serve}. */
export interface ServeOptions {
  /** Path of the OpenAPI file (YAML or JSON). */
  apiFile: string
  /** Path of a module whose named exports (ESM or CommonJS) are Lambda handlers by function name. */
  handlersFile?: string
  stageName?: string
  variables?: Record<string, string>
  /** Values for the `${name}` placeholders of a Terraform `templatefile()` document. */
  templateVars?: Record<string, string>
  port?: number
  host?: string
  logger?: GatewayOptions['logger']
  /** More gateway options (API keys, usage plans, JWKS, store, onRequestComplete…). */
  gatewayOptions?: Omit<GatewayOptions, 'api'>
}

/** A running server. */
export interface RunningServer {
  readonly server: Server
  /** The gateway serving now (replaced by {@link RunningServer.replace}). */
  readonly gateway: Gateway
  /** `http://localhost:{port}/{stage}` (no stage segment for `$default`). */
  readonly invokeUrl: string
  /** Serves another gateway from the next request on (`--watch`). */
  replace(gateway: Gateway): void
  close(): Promise<void>
}

/**
 * Loads Lambda handlers from a module: named exports, and a default export object's functions.
 *
 * @param file - module path
 * @returns handlers by name
 * @throws UsageError naming the file when it is missing or cannot be loaded
 */
export async function loadHandlers(file: string): Promise<LambdaHandlers> {
  return loadHandlerModule(file)
}

/**
 * The URL a stage is served at: `http://localhost:{port}/{stage}`, or without a stage segment for
 * `$default` (HTTP APIs serve it at the root).
 *
 * @param port - the port
 * @param stageName - the stage
 * @returns the URL, without a trailing slash
 */
export function invokeUrlOf(port: number, stageName: string): string {
  return `http://localhost:${port}${stageName === '$default' ? '' : `/${stageName}`}`
}

/**
 * Listens on a port with a gateway behind it.
 *
 * @param gateway - the gateway
 * @param port - the port (0 picks a free one)
 * @param host - the address
 * @returns the running server
 * @throws UsageError (exit 1) when the port is in use or not allowed
 */
export async function listen(gateway: Gateway, port: number, host: string): Promise<RunningServer> {
  let current = gateway
  let handler = toNodeHandler(gateway)
  const server = createServer((req, res) => handler(req, res))
  server.keepAliveTimeout = 5000
  await new Promise<void>((ok, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`
      if (error.code === 'EADDRINUSE')
        fail(
          new UsageError(
            `port ${port} is in use on ${host} (choose another with --port, or --port 0 for any free port)`,
            1,
          ),
        )
      else if (error.code === 'EACCES')
        fail(
          new UsageError(
            `no permission to listen on ${where} (ports below 1024 need privileges; try --port 3000)`,
            1,
          ),
        )
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        fail(
          new UsageError(
            `cannot listen on ${where}: ${host} is not an address of this machine (--host)`,
            1,
          ),
        )
      else fail(new UsageError(`cannot listen on ${where}: ${error.message}`, 1))
    })
    server.listen(port, host, () => ok())
  })
  const address = server.address()
  const actual = typeof address === 'object' && address ? address.port : port
  return {
    server,
    get gateway() {
      return current
    },
    get invokeUrl() {
      return invokeUrlOf(actual, current.stage.name)
    },
    replace(next) {
      current = next
      handler = toNodeHandler(next)
    },
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok())
        server.closeIdleConnections()
      }),
  }
}

/**
 * Starts an HTTP server for a definition file.
 *
 * @param options - file, handlers, stage, port
 * @returns the running server
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const extra = options.gatewayOptions ?? {}
  const gatewayOptions: GatewayOptions = {
    ...extra,
    api: readFileSync(options.apiFile, 'utf8'),
    stage: {
      ...extra.stage,
      name: options.stageName ?? extra.stage?.name ?? 'dev',
      variables: { ...extra.stage?.variables, ...options.variables },
    },
    lambdas: {
      ...extra.lambdas,
      ...(options.handlersFile ? await loadHandlers(options.handlersFile) : {}),
    },
  }
  if (options.logger) gatewayOptions.logger = options.logger
  if (options.templateVars) gatewayOptions.templateVars = options.templateVars
  return listen(createGateway(gatewayOptions), options.port ?? 3000, options.host ?? '127.0.0.1')
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
    .map((r) => [
      r.method,
      r.path === '$default' ? `${invokeUrl}/* ($default)` : `${invokeUrl}${r.path}`,
      r.integration ?? '-',
    ])
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
