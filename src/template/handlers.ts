/**
 * Lambda handlers loaded from a template's functions, as `sam local` runs them but in this
 * process: the module named by `Handler` (`src/app.handler` → `src/app.js|.mjs|.cjs`, export
 * `handler`) under `CodeUri` (or `.aws-sam/build/{LogicalId}` after `sam build`), or the
 * template's `InlineCode` / `Code.ZipFile` (CommonJS `index.js`). Modules load with `import()` at
 * a function's first invocation. Each invocation gets the function's name, ARN and memory in its
 * context and ends after the function's `Timeout` with Lambda's "Task timed out" error.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
 * @remarks Environment variables: see {@link applyEnvironment}.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { compileFunction } from 'node:vm'
import type { Deps } from '../core/index.js'
import type { LambdaContext, LambdaHandler, LambdaHandlers } from '../integrations/index.js'
import { applyEnvironment } from './function-env.js'
import type { TemplateFunction } from './functions.js'

const EXTENSIONS = ['.js', '.mjs', '.cjs']

/** Where a function's code is, or why it cannot run. */
type CodeSource =
  | { readonly kind: 'file'; readonly file: string; readonly exportPath: string[] }
  | { readonly kind: 'inline'; readonly source: string; readonly exportPath: string[] }
  | { readonly kind: 'missing'; readonly reason: string }

/**
 * Finds a function's code the way Lambda's Node.js runtime does.
 *
 * @param fn - the function
 * @param baseDir - the template's directory
 * @returns the module file (or inline source) and the export path, or why there is none
 */
export function locateCode(fn: TemplateFunction, baseDir: string): CodeSource {
  if (fn.runtime !== undefined && !fn.runtime.startsWith('nodejs'))
    return { kind: 'missing', reason: `runtime ${fn.runtime} is not Node.js` }
  if (fn.runtime === undefined && fn.inlineCode === undefined && fn.codeUri === undefined)
    return { kind: 'missing', reason: 'it has no Runtime (container image?)' }
  if (fn.handler === undefined) return { kind: 'missing', reason: 'it has no Handler' }
  const slash = fn.handler.lastIndexOf('/')
  const base = fn.handler.slice(slash + 1)
  const dot = base.indexOf('.')
  if (dot < 1) return { kind: 'missing', reason: `Handler ${fn.handler} is not file.export` }
  const modulePath = fn.handler.slice(0, slash + 1) + base.slice(0, dot)
  const exportPath = base.slice(dot + 1).split('.')
  if (fn.inlineCode !== undefined) return { kind: 'inline', source: fn.inlineCode, exportPath }
  const dirs = [fn.codeUri, join(baseDir, '.aws-sam', 'build', fn.logicalId)]
  for (const dir of dirs) {
    if (dir === undefined) continue
    for (const extension of EXTENSIONS) {
      const file = join(dir, modulePath + extension)
      if (existsSync(file)) return { kind: 'file', file, exportPath }
    }
  }
  return {
    kind: 'missing',
    reason: `no ${modulePath}.js, .mjs or .cjs in ${fn.codeUri ?? baseDir} (TypeScript handlers: run sam build or tsc first)`,
  }
}

function exported(module: unknown, path: readonly string[], where: string): LambdaHandler {
  let value: unknown = module
  const candidates = [module, (module as { default?: unknown } | undefined)?.default]
  for (const root of candidates) {
    value = root
    for (const key of path)
      value =
        value !== null && typeof value === 'object'
          ? (value as Record<string, unknown>)[key]
          : undefined
    if (typeof value === 'function') return value as LambdaHandler
  }
  throw new Error(`${where} does not export a function ${path.join('.')}`)
}

async function load(source: CodeSource, baseDir: string): Promise<LambdaHandler> {
  if (source.kind === 'missing') throw new Error(source.reason)
  if (source.kind === 'file')
    return exported(await import(pathToFileURL(source.file).href), source.exportPath, source.file)
  const file = join(baseDir, 'index.js')
  const module = { exports: {} as unknown }
  const run = compileFunction(
    source.source,
    ['exports', 'require', 'module', '__filename', '__dirname'],
    {
      filename: file,
    },
  ) as (...args: unknown[]) => unknown
  run(module.exports, createRequire(file), module, file, dirname(file))
  return exported(module.exports, source.exportPath, 'the inline code')
}

/** The world the handlers need: timers for `Timeout`, the clock, the logger. */
export type HandlerDeps = Pick<Deps, 'now' | 'setTimer' | 'logger'>

/**
 * Builds handlers for a template's functions, keyed by function name. A stand-in in
 * `overrides` (by logical id or function name) replaces the template's code for that function.
 *
 * @param functions - the template's functions
 * @param baseDir - the template's directory
 * @param overrides - `options.lambdas`
 * @param deps - timers, clock, logger
 * @param warn - receives one warning per function that cannot run
 * @returns handlers for `options.lambdas`
 */
export function createTemplateHandlers(
  functions: readonly TemplateFunction[],
  baseDir: string,
  overrides: LambdaHandlers,
  deps: HandlerDeps,
  warn: (message: string) => void,
): LambdaHandlers {
  const handlers: Record<string, LambdaHandler> = {}
  const runnable: TemplateFunction[] = []
  for (const fn of functions) {
    const override = overrides[fn.functionName] ?? overrides[fn.logicalId]
    if (override) {
      handlers[fn.functionName] = override
      continue
    }
    const source = locateCode(fn, baseDir)
    if (source.kind === 'missing')
      warn(
        `function ${nameOf(fn)} cannot run in Portico: ${source.reason}; invoking it fails as a Lambda error (give a stand-in in options.lambdas)`,
      )
    else runnable.push(fn)
    let loading: Promise<LambdaHandler> | undefined
    const start = (): Promise<LambdaHandler> =>
      (loading ??= Promise.resolve().then(() => {
        applyEnvironment(fn, functions, deps.logger)
        return load(source, baseDir)
      }))
    handlers[fn.functionName] = (event, context) =>
      start().then(
        (handler) => runWithTimeout(fn, handler, event, context, deps),
        (error: unknown) => {
          deps.logger.error(`function ${nameOf(fn)} could not be loaded`, {
            error: (error as Error).message,
          })
          throw error
        },
      )
  }
  applyEnvironmentConflicts(runnable, warn)
  return { ...overrides, ...handlers }
}

/**
 * How messages name a function: its Terraform address when it came from `importTerraform`
 * (which adds `address`), else its logical id.
 */
function nameOf(fn: TemplateFunction): string {
  const address = (fn as { readonly address?: unknown }).address
  return typeof address === 'string' ? address : fn.logicalId
}

function runWithTimeout(
  fn: TemplateFunction,
  handler: LambdaHandler,
  event: unknown,
  context: LambdaContext,
  deps: HandlerDeps,
): Promise<unknown> {
  const deadline = deps.now() + fn.timeout * 1000
  const own: LambdaContext = {
    ...context,
    memoryLimitInMB: String(fn.memorySize),
    getRemainingTimeInMillis: () =>
      Math.min(context.getRemainingTimeInMillis(), Math.max(0, deadline - deps.now())),
  }
  return new Promise((resolve, reject) => {
    let done = false
    const finish = (error: unknown, value?: unknown): void => {
      if (done) return
      done = true
      cancel()
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the handler's own error, as it gave it
      if (error !== undefined && error !== null) reject(error)
      else resolve(value)
    }
    const cancel = deps.setTimer(fn.timeout * 1000, () =>
      finish(
        new Error(`${context.awsRequestId} Task timed out after ${fn.timeout.toFixed(2)} seconds`),
      ),
    )
    try {
      const returned: unknown = handler(event, own, (error, value) => finish(error, value))
      if (
        returned !== null &&
        typeof returned === 'object' &&
        typeof (returned as Promise<unknown>).then === 'function'
      )
        (returned as Promise<unknown>).then(
          (value) => finish(undefined, value),
          (error: unknown) => finish(error ?? new Error('rejected')),
        )
      else if (handler.length < 3) finish(undefined, returned)
    } catch (error) {
      finish(error ?? new Error('thrown'))
    }
  })
}

/** Warns once per variable that two runnable functions set to different values. */
function applyEnvironmentConflicts(
  functions: readonly TemplateFunction[],
  warn: (message: string) => void,
): void {
  const seen = new Map<string, { value: string; logicalId: string }>()
  const reported = new Set<string>()
  for (const fn of functions)
    for (const [name, value] of Object.entries(fn.environment)) {
      const first = seen.get(name)
      if (!first) seen.set(name, { value, logicalId: nameOf(fn) })
      else if (first.value !== value && !reported.has(name)) {
        reported.add(name)
        warn(
          `functions ${first.logicalId} and ${nameOf(fn)} set ${name} differently; they share this process's environment, so each sees the value of the last one loaded`,
        )
      }
    }
}
