/**
 * The default world: real clock, `Math.random`, global `fetch`, console logger.
 */
import { createSharedTimer } from './shared-timer.js'
import type { Deps, Logger } from './types.js'

/** One host timer for all of the process's integration timeouts. */
let sharedSetTimer: Deps['setTimer'] | undefined

function defaultSetTimer(): Deps['setTimer'] {
  return (sharedSetTimer ??= createSharedTimer<ReturnType<typeof setTimeout>>({
    now: Date.now,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle),
    ref: (handle) => handle.ref(),
    unref: (handle) => handle.unref(),
    onIdle: (fn) => process.on('beforeExit', fn),
  }))
}

/** A logger that writes nothing. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
}

/**
 * A logger that writes warnings and errors to the console.
 *
 * @returns a {@link Logger}
 */
export function createConsoleLogger(): Logger {
  const write =
    (level: 'warn' | 'error') =>
    (message: string, fields?: Record<string, unknown>): void => {
      console[level](`[portico] ${message}`, fields ?? '')
    }
  return { debug() {}, info() {}, warn: write('warn'), error: write('error') }
}

/**
 * Builds {@link Deps}, taking any part from `overrides`.
 *
 * @param overrides - parts to replace
 * @returns complete deps
 */
export function createDefaultDeps(overrides: Partial<Deps> = {}): Deps {
  return {
    now: overrides.now ?? Date.now,
    random: overrides.random ?? Math.random,
    setTimer: overrides.setTimer ?? defaultSetTimer(),
    fetch: overrides.fetch ?? ((input, init) => fetch(input, init)),
    logger: overrides.logger ?? createConsoleLogger(),
    ...(overrides.onRequestComplete ? { onRequestComplete: overrides.onRequestComplete } : {}),
    ...(overrides.recordExecutionLog ? { recordExecutionLog: true } : {}),
    env:
      overrides.env ??
      (globalThis as { process?: { env?: Record<string, string> } }).process?.env ??
      {},
  }
}

/** The injected-world options every gateway factory takes. */
export interface WorldOptions {
  now?: () => number
  random?: () => number
  clock?: { now(): number; setTimer(ms: number, fn: () => void): () => void }
  fetch?: Deps['fetch']
  logger?: Logger
  onRequestComplete?: Deps['onRequestComplete']
  /** Every REST request gathers its execution log for `onRequestComplete`. */
  recordExecutionLog?: boolean
  /** Environment variables (AWS credentials for service calls). @default process.env */
  env?: Readonly<Record<string, string | undefined>>
}

/**
 * Builds {@link Deps} from a factory's options: a `clock` drives both time and timers.
 *
 * @param options - clock, now, random, fetch, logger
 * @returns complete deps
 */
export function depsFromOptions(options: WorldOptions): Deps {
  const overrides: Partial<Deps> = { logger: options.logger ?? createConsoleLogger() }
  if (options.clock) {
    const clock = options.clock
    overrides.now = () => clock.now()
    overrides.setTimer = (ms, fn) => clock.setTimer(ms, fn)
  } else if (options.now) overrides.now = options.now
  if (options.random) overrides.random = options.random
  if (options.fetch) overrides.fetch = options.fetch
  if (options.onRequestComplete) overrides.onRequestComplete = options.onRequestComplete
  if (options.recordExecutionLog === true) overrides.recordExecutionLog = true
  if (options.env) overrides.env = options.env
  return createDefaultDeps(overrides)
}
