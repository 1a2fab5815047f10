/**
 * A template function's `Environment.Variables` in `process.env`.
 *
 * Lambda gives each function a process of its own; Portico runs every function in the host
 * process, where `process.env` is one object. Portico sets a function's variables into
 * `process.env` when the function is first loaded (before its module runs, so module-level
 * reads see them) and leaves them set. When two functions set the same variable to different
 * values, `createGateway` warns, and each function sees the value of the last one loaded.
 * Setting and restoring around each invocation was rejected: with concurrent invocations an
 * `await` in one handler would let it see another's values, which is worse than a stable,
 * documented rule. Give conflicting functions stand-ins, or separate gateways per function.
 */
import type { Logger } from '../core/index.js'
import type { TemplateFunction } from './functions.js'

/**
 * Sets a function's variables into `process.env`.
 *
 * @param fn - the function being loaded
 * @param all - every function of the template (for the debug log)
 * @param logger - receives a debug line per variable that changes
 */
export function applyEnvironment(
  fn: TemplateFunction,
  all: readonly TemplateFunction[],
  logger: Logger,
): void {
  // eslint-disable-next-line no-restricted-globals -- Lambda code reads its configuration from process.env
  const env = process.env
  for (const [name, value] of Object.entries(fn.environment)) {
    if (env[name] !== undefined && env[name] !== value)
      logger.debug(`${fn.logicalId} sets ${name}`, {
        previous: env[name],
        functions: all.filter((other) => name in other.environment).map((o) => o.logicalId),
      })
    env[name] = value
  }
}
