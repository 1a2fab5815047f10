/**
 * The default world: real clock, `Math.random`, global `fetch`, console logger.
 */
import type { Deps, Logger } from './types.js'

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
    setTimer:
      overrides.setTimer ??
      ((ms, fn) => {
        const timer = setTimeout(fn, ms)
        return () => clearTimeout(timer)
      }),
    fetch: overrides.fetch ?? ((input, init) => fetch(input, init)),
    logger: overrides.logger ?? createConsoleLogger(),
  }
}
