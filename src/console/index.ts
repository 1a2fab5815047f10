/**
 * `portico/console`: the live web console for a running gateway (APIs and routes, the live
 * request log with execution logs, a Test form, AWS's metrics over time, usage per API key).
 * `portico serve` serves it on its own port; library users mount {@link createConsole}'s
 * handler in their server. See docs/guides/debugging.md.
 *
 * @module
 */
export { createConsole, type ConsoleOptions, type PorticoConsole } from './console.js'
export type { ConsoleApi, ConsoleApiView, ConsoleRoute } from './describe.js'
export type { ConsoleRequest, MetricsPoint, Percentiles } from './recorder.js'
export type { KeyUsage } from './usage.js'
