/**
 * Lambda handlers for `portico serve`: a handlers module (named exports by function name, ESM or
 * CommonJS), per-function overrides from the config file, and a wrapper that logs a handler's
 * error with its stack.
 */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { LambdaHandler, LambdaHandlers } from '../integrations/index.js'
import { UsageError } from './args.js'
import { checkFile } from './config.js'

let generation = 0

/**
 * Imports a module, naming the file (and line, for a syntax error) when it cannot be loaded.
 *
 * @param file - the module path, as the user gave it
 * @param base - directory `file` is relative to
 * @param fresh - import a new copy (`--watch`): a cache-busting query on the URL
 * @returns the module namespace
 * @throws UsageError (exit 1) naming the file
 */
export async function importModule(
  file: string,
  base: string,
  fresh: boolean,
): Promise<Record<string, unknown>> {
  const path = resolve(base, file)
  checkFile(path, 'handlers module', file)
  const url = pathToFileURL(path).href + (fresh ? `?v=${++generation}` : '')
  try {
    return (await import(url)) as Record<string, unknown>
  } catch (error) {
    if (error instanceof SyntaxError) {
      // V8 does not say where an ES module's syntax error is: ask node --check.
      const check = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' })
      const where = /^(.+:\d+)$/m.exec(check.stderr)?.[1]
      throw new UsageError(
        `${file}: syntax error${where ? ` at ${where}` : ' (in a module it imports)'}: ${error.message}`,
        1,
      )
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    throw new UsageError(`${file}: cannot load: ${message}`, 1)
  }
}

/**
 * Loads Lambda handlers from a module: its named exports that are functions, plus the function
 * properties of a default export object (`module.exports = { GetPet }` in CommonJS).
 *
 * @param file - module path
 * @param options - directory it is relative to, and whether to import a fresh copy
 * @returns handlers by function name
 * @throws UsageError naming the file when it is missing or cannot be loaded
 */
export async function loadHandlerModule(
  file: string,
  options: { base?: string; fresh?: boolean } = {},
): Promise<LambdaHandlers> {
  const module = await importModule(file, options.base ?? process.cwd(), options.fresh ?? false)
  const out: Record<string, LambdaHandler> = {}
  const fallback = module['default']
  if (typeof fallback === 'object' && fallback !== null)
    for (const [name, value] of Object.entries(fallback))
      if (typeof value === 'function') out[name] = value as LambdaHandler
  for (const [name, value] of Object.entries(module))
    if (name !== 'default' && typeof value === 'function') out[name] = value as LambdaHandler
  return out
}

/**
 * Loads `lambdas` overrides of the config file: `{ GetPet: './get-pet.js#handler' }`.
 *
 * @param overrides - function name to `module[#export]` (export defaults to `handler`)
 * @param options - directory paths are relative to, the config file (for messages), freshness
 * @returns handlers by function name
 * @throws UsageError naming the config key when the module lacks the export
 */
export async function loadLambdaOverrides(
  overrides: Readonly<Record<string, string>>,
  options: { base: string; configFile: string; fresh?: boolean },
): Promise<LambdaHandlers> {
  const out: Record<string, LambdaHandler> = {}
  for (const [name, spec] of Object.entries(overrides)) {
    const hash = spec.lastIndexOf('#')
    const file = hash > 0 ? spec.slice(0, hash) : spec
    const exported = hash > 0 ? spec.slice(hash + 1) : 'handler'
    const module = await importModule(file, options.base, options.fresh ?? false)
    const fallback: unknown = module['default']
    const value =
      module[exported] ??
      (typeof fallback === 'object' && fallback !== null
        ? (fallback as Record<string, unknown>)[exported]
        : undefined)
    if (typeof value !== 'function')
      throw new UsageError(
        `${options.configFile}: lambdas.${name}: ${file} has no function export ${JSON.stringify(exported)}`,
        1,
      )
    out[name] = value as LambdaHandler
  }
  return out
}

/**
 * Wraps handlers so an error one throws (or passes to its callback) is reported with its stack,
 * then goes on to the gateway unchanged. The wrapper keeps the handler's arity, so async and
 * callback styles run as before.
 *
 * @param handlers - by function name
 * @param report - called with the function name and the error
 * @returns wrapped handlers
 */
export function reportHandlerErrors(
  handlers: LambdaHandlers,
  report: (functionName: string, error: unknown) => void,
): LambdaHandlers {
  const out: Record<string, LambdaHandler> = {}
  for (const [name, handler] of Object.entries(handlers)) {
    const fn = handler as (...args: unknown[]) => unknown
    const wrapped = function (this: unknown, event: unknown, context: unknown, callback?: unknown) {
      const cb =
        typeof callback === 'function'
          ? (error: unknown, result: unknown) => {
              if (error) report(name, error)
              ;(callback as (e: unknown, r: unknown) => void)(error, result)
            }
          : callback
      let returned: unknown
      try {
        returned = fn.call(this, event, context, cb)
      } catch (error) {
        report(name, error)
        throw error
      }
      if (returned instanceof Promise)
        return returned.catch((error: unknown) => {
          report(name, error)
          throw error
        })
      return returned
    }
    Object.defineProperty(wrapped, 'length', { value: fn.length })
    out[name] = wrapped
  }
  return out
}
