/**
 * `portico serve`: the config file and flags become gateways, served with a request log,
 * startup warnings, and (with `--watch`) reloads that keep throttle, quota and cache state.
 */
import { readFileSync, watch, type FSWatcher } from 'node:fs'
import { createServer } from 'node:http'
import { basename, dirname, resolve } from 'node:path'
import { createGateway, type Gateway, type GatewayOptions } from '../gateway.js'
import type { ApiDefinition } from '../definition/index.js'
import type { LambdaHandlers } from '../integrations/index.js'
import type { Logger } from '../core/index.js'
import { isTemplate } from '../template/index.js'
import { createMemoryStore, type TrafficStore } from '../traffic/index.js'
import { ResponseCache } from '../cache/index.js'
import type { CacheStore } from '../cache/index.js'
import { isPorticoError } from '../errors.js'
import { parsePort, UsageError, type ServeFlags } from './args.js'
import { checkFile, gatewayOptionsOf, loadConfig, type LoadedConfig } from './config.js'
import { loadHandlerModule, loadLambdaOverrides, reportHandlerErrors } from './handlers.js'
import { createCliLogger, createRequestLog } from './request-log.js'
import { listen, type RunningServer } from './serve.js'
import { nextPort, printBanner } from './banner.js'
import {
  readParameterOverrides,
  templateGateways,
  templateWebSocketGateways,
} from './serve-template.js'
import { startupWarnings, type StartupCheck } from './warnings.js'
import { isLoopbackHost, prepareConsole, type ConsoleServer } from './console-server.js'
import { buildTerraform, isDirectory, terraformFiles } from './serve-terraform.js'
import { errorMessage } from '../core/index.js'

/** What `portico serve` runs. */
export interface RunningServe {
  readonly servers: readonly RunningServer[]
  close(): Promise<void>
}

interface Built {
  readonly gateways: Gateway[]
  readonly checks: StartupCheck[]
  /** API keys a template defines (their values are derived when the template sets none). */
  readonly templateKeys: ReadonlyArray<{ id: string; name?: string; value: string }>
  /** Files to watch: definition, config, handler modules. */
  readonly files: string[]
  /** Each gateway's API keys, usage plans and plan keys (the console's usage per key). */
  readonly access: ReadonlyArray<
    Omit<StartupCheck, 'definition' | 'stageName' | 'variables' | 'lambdas'>
  >
  /** A template's WebSocket APIs (served with `portico/ws`; not reloaded by `--watch`). */
  readonly webSockets?: ReturnType<typeof templateWebSocketGateways>
}

/**
 * Starts `portico serve`: loads the config, builds the gateways, listens, prints the banner,
 * routes and warnings, and watches files with `--watch`.
 *
 * @param file - the definition (OpenAPI document or template)
 * @param flags - the command-line flags (they win over the config file)
 * @returns the servers
 * @throws UsageError or ConfigError naming the file and key
 */
export async function startServe(file: string, flags: ServeFlags): Promise<RunningServe> {
  if (!isDirectory(file)) checkFile(file, 'definition')
  else if (terraformFiles(file).length === 0)
    throw new UsageError(
      `${file}: is a directory with no .tf files; expected the definition file or a Terraform root module`,
    )
  let loaded = await loadConfig(flags.config)
  const config = loaded?.config ?? {}
  const format = flags.logFormat ?? config.logFormat ?? 'text'
  const logger = createCliLogger(format)
  const requestLog = createRequestLog(format)
  const port = flags.port ?? config.port ?? parsePort(process.env['PORT'] ?? '3000', 'PORT')
  const host = flags.host ?? config.host ?? '127.0.0.1'
  const servers: RunningServer[] = []
  // The web console sees every request, with its execution log (recordExecutionLog).
  const web = flags.console
    ? prepareConsole(
        () =>
          servers.map((s, i) => ({
            gateway: s.gateway,
            invokeUrl: s.invokeUrl,
            ...built.access[i],
          })),
        host,
      )
    : undefined
  const onRequestComplete: NonNullable<GatewayOptions['onRequestComplete']> = web
    ? (summary) => {
        requestLog(summary)
        web.console.onRequestComplete(summary)
      }
    : requestLog
  // State that outlives a reload: throttle buckets and quotas, and the stage cache.
  let store: TrafficStore | undefined
  if (config.redis) {
    const { createRedisStore } = await import('../adapters/redis/index.js')
    store = createRedisStore(config.redis, {
      onError: (error) => logger.warn(`Redis ${config.redis}: ${errorMessage(error)}`),
    })
  } else if (flags.watch) store = createMemoryStore()
  const cacheStore: CacheStore | undefined = flags.watch
    ? new ResponseCache(0.5 * 1024 ** 3)
    : undefined
  const shared = { logger, onRequestComplete, store, cacheStore, recordExecutionLog: !!web }

  let built = await build(file, flags, loaded, shared, false)
  try {
    let next = port
    for (const gateway of built.gateways) {
      const server = await listen(gateway, next, host)
      servers.push(server)
      const address = server.server.address()
      if (next !== 0 && typeof address === 'object' && address) next = address.port + 1
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()))
    throw error
  }
  for (const server of servers) printBanner(server)
  const closers: Array<() => Promise<void>> = []
  if (built.webSockets && built.webSockets.length > 0) {
    // `ws` is an optional peer dependency: loaded only when a template has a WebSocket API.
    const { attachWebSocket, connectionsHandler } = await import('../adapters/ws/index.js')
    let next = servers.length > 0 ? nextPort(servers, port) : port
    for (const { logicalId, gateway } of built.webSockets) {
      const server = createServer(connectionsHandler(gateway))
      const detach = attachWebSocket(server, gateway)
      await new Promise<void>((ok, fail) => {
        server.once('error', fail)
        server.listen(next, host, () => ok())
      }).catch((error: unknown) => {
        throw new UsageError(`cannot listen on ${host}:${next}: ${errorMessage(error)}`, 1)
      })
      const address = server.address()
      const actual = typeof address === 'object' && address ? address.port : next
      if (next !== 0) next = actual + 1
      closers.push(async () => {
        detach()
        await new Promise<void>((ok) => server.close(() => ok()))
      })
      process.stdout.write(
        `portico: serving ${logicalId} (WEBSOCKET) at ws://localhost:${actual}/${gateway.stageName}\n` +
          `         @connections at http://localhost:${actual}/${gateway.stageName}/@connections/{id}\n\n`,
      )
    }
  }
  let consoleServer: ConsoleServer | undefined
  if (web) {
    const consolePort = flags.consolePort ?? (port === 0 ? 0 : Math.min(port + 100, 65535))
    try {
      consoleServer = await web.listen(consolePort, host, flags.consolePort === undefined)
    } catch (error) {
      await Promise.all([...servers.map((s) => s.close()), ...closers.map((close) => close())])
      throw error
    }
    process.stdout.write(
      `portico: console at ${consoleServer.url} (routes, live request log, Test, metrics)\n\n`,
    )
    if (!isLoopbackHost(host))
      logger.warn(
        `the console is reachable from other machines (--host ${host}), and its Test runs requests past authorizers and API keys; --no-console turns it off`,
      )
  }
  for (const key of built.templateKeys)
    process.stdout.write(
      `portico: API key ${key.name ?? key.id} from the template: x-api-key: ${key.value}\n`,
    )
  printWarnings(built.checks, logger)

  let watchers: FSWatcher[] = []
  if (flags.watch) {
    let timer: NodeJS.Timeout | undefined
    const reload = async (): Promise<void> => {
      try {
        loaded = await loadConfig(flags.config)
        const next = await build(file, flags, loaded, shared, true)
        if (next.gateways.length !== servers.length) {
          logger.warn('the number of APIs changed: restart portico serve to serve them')
          return
        }
        next.gateways.forEach((gateway, i) => servers[i]?.replace(gateway))
        built = next
        process.stdout.write(`portico: reloaded ${basename(file)}\n`)
        printWarnings(next.checks, logger)
        rewatch()
      } catch (error) {
        logger.error(`reload failed, still serving the previous version: ${messageOf(error)}`)
      }
    }
    const rewatch = (): void => {
      for (const w of watchers) w.close()
      const wanted = new Set(built.files.map((f) => resolve(f)))
      if (loaded) wanted.add(resolve(loaded.file))
      const dirs = new Set([...wanted].map((f) => dirname(f)))
      watchers = [...dirs].map((dir) =>
        watch(dir, (_event, name) => {
          if (name === null || !wanted.has(resolve(dir, name))) return
          clearTimeout(timer)
          timer = setTimeout(() => void reload(), 100)
        }),
      )
    }
    rewatch()
    process.stdout.write(`portico: watching ${built.files.length} file(s) for changes\n`)
  }

  return {
    servers,
    close: async () => {
      for (const w of watchers) w.close()
      await Promise.all([
        ...servers.map((s) => s.close()),
        ...closers.map((close) => close()),
        consoleServer?.close(),
      ])
    },
  }
}

function messageOf(error: unknown): string {
  return error instanceof UsageError || isPorticoError(error) ? error.message : errorMessage(error)
}

function printWarnings(checks: readonly StartupCheck[], logger: Logger): void {
  for (const check of checks) for (const warning of startupWarnings(check)) logger.warn(warning)
}

async function loadLambdas(
  flags: ServeFlags,
  loaded: LoadedConfig | undefined,
  fresh: boolean,
  files: string[],
): Promise<LambdaHandlers> {
  const config = loaded?.config
  const lambdas: LambdaHandlers = {}
  if (loaded && config?.handlers) {
    Object.assign(lambdas, await loadHandlerModule(config.handlers, { base: loaded.dir, fresh }))
    files.push(resolve(loaded.dir, config.handlers))
  }
  if (loaded && config?.lambdas) {
    Object.assign(
      lambdas,
      await loadLambdaOverrides(config.lambdas, {
        base: loaded.dir,
        configFile: loaded.file,
        fresh,
      }),
    )
    for (const spec of Object.values(config.lambdas))
      files.push(resolve(loaded.dir, spec.replace(/#[^#]*$/, '')))
  }
  if (flags.handlers) {
    Object.assign(lambdas, await loadHandlerModule(flags.handlers, { fresh }))
    files.push(resolve(flags.handlers))
  }
  return lambdas
}

async function build(
  file: string,
  flags: ServeFlags,
  loaded: LoadedConfig | undefined,
  shared: {
    logger: Logger
    onRequestComplete: GatewayOptions['onRequestComplete']
    store: TrafficStore | undefined
    cacheStore: CacheStore | undefined
    recordExecutionLog: boolean
  },
  fresh: boolean,
): Promise<Built> {
  const config = loaded?.config ?? {}
  const files = [file]
  const handlers = await loadLambdas(flags, loaded, fresh, files)
  const wrap = (list: LambdaHandlers): LambdaHandlers =>
    reportHandlerErrors(list, (name, error) =>
      shared.logger.error(`Lambda function ${name} failed`, { error }),
    )
  const base: Omit<GatewayOptions, 'api'> = {
    ...(loaded ? gatewayOptionsOf(loaded) : {}),
    logger: shared.logger,
  }
  if (shared.onRequestComplete) base.onRequestComplete = shared.onRequestComplete
  if (shared.recordExecutionLog) base.recordExecutionLog = true
  if (flags.services) base.services = { ...base.services, ...flags.services }
  if (shared.store) base.store = shared.store
  if (shared.cacheStore) base.cacheStore = shared.cacheStore
  if (isDirectory(file))
    return buildTerraform(file, flags, config, {
      handlers,
      wrap,
      logger: shared.logger,
      base,
      fresh,
      files,
    })
  if (flags.tfVars || flags.varFiles || flags.functionCode || flags.strict)
    throw new UsageError(
      `--tf-var, --var-file, --function-code and --strict are for a Terraform directory; ${file} is a file`,
    )
  const text = readFileSync(file, 'utf8')
  const access = {
    apiKeys: config.apiKeys ?? [],
    usagePlans: config.usagePlans ?? [],
    usagePlanKeys: config.usagePlanKeys ?? [],
  }
  if (isTemplate(text)) {
    const parameters: Record<string, string> = {}
    for (const [key, value] of Object.entries(config.parameters ?? {}))
      parameters[key] = String(value)
    Object.assign(parameters, readParameterOverrides(flags.parameterOverrides))
    const logicalId = flags.api ?? config.logicalId
    const templateOptions = {
      templateFile: file,
      parameters,
      ...(logicalId !== undefined ? { logicalId } : {}),
      ...(flags.stage !== undefined ? { stageName: flags.stage } : {}),
      ...(Object.keys(flags.variables).length > 0 ? { variables: flags.variables } : {}),
      lambdas: handlers,
      wrapHandlers: wrap,
      logger: shared.logger,
      gatewayOptions: base,
    }
    const list = templateGateways(templateOptions)
    const webSockets = fresh ? [] : templateWebSocketGateways(templateOptions)
    const seen = new Set<string>()
    return {
      templateKeys: list
        .flatMap(({ api }) => api.apiKeys)
        .filter((key) => !seen.has(key.id) && seen.add(key.id)),
      gateways: list.map((entry) => entry.gateway),
      access: list.map(({ api }) => ({
        apiKeys: [...api.apiKeys, ...access.apiKeys],
        usagePlans: [...api.usagePlans, ...access.usagePlans],
        usagePlanKeys: [...api.usagePlanKeys, ...access.usagePlanKeys],
      })),
      webSockets,
      checks: list.map(({ api, gateway }) => ({
        definition: gateway.definition,
        stageName: gateway.stage.name,
        variables: gateway.stage.variables,
        lambdas: undefined,
        apiKeys: [...api.apiKeys, ...access.apiKeys],
        usagePlans: [...api.usagePlans, ...access.usagePlans],
        usagePlanKeys: [...api.usagePlanKeys, ...access.usagePlanKeys],
      })),
      files,
    }
  }
  if (flags.parameterOverrides.length > 0 || flags.api !== undefined)
    throw new UsageError(
      `--parameter-overrides and --api are for templates; ${file} is an OpenAPI document`,
    )
  const gateway = createGateway({
    ...base,
    api: text,
    ...(flags.templateVars ? { templateVars: flags.templateVars } : {}),
    stage: {
      ...config.stage,
      name: flags.stage ?? config.stage?.name ?? 'dev',
      variables: { ...config.stage?.variables, ...flags.variables },
    },
    lambdas: wrap(handlers),
  })
  for (const [i, stage] of (config.stages ?? []).entries()) {
    if (gateway.definition.kind === 'HTTP')
      throw new UsageError(
        `${loaded?.file}: stages[${i}]: an HTTP API serves one stage (use stage)`,
        1,
      )
    gateway.createStage(stage)
  }
  return {
    templateKeys: [],
    gateways: [gateway],
    access: [access],
    checks: gateway.stageNames().map((name, i) => ({
      definition: gateway.definition as ApiDefinition,
      stageName: name,
      variables: i === 0 ? gateway.stage.variables : (config.stages?.[i - 1]?.variables ?? {}),
      lambdas: handlers,
      ...access,
    })),
    files,
  }
}
