/**
 * The public face of `observability/`: what other folders may import from it.
 *
 * @module
 */
export { ACCESS_LOG_FORMATS, compileAccessLogFormat, responseBodyLength } from './access-log.js'
export {
  MetricsRecorder,
  type LatencyStats,
  type MetricCounters,
  type MetricsKind,
  type MetricsSnapshot,
  type RequestMetrics,
  type RequestOutcome,
} from './metrics.js'
export { observeRequest } from './observe.js'
export {
  integrationTarget,
  summarizeHttpApiRequest,
  summarizeRestRequest,
  type AuthorizerVerdict,
  type RequestSummary,
} from './request-summary.js'
export {
  EXECUTION_LOG_LINES,
  ExecutionLog,
  formatLogMap,
  formatLogTime,
  LOG_VALUE_LIMIT,
  type ExecutionLogEntry,
  type ExecutionLogKey,
  type ExecutionLogLine,
  type LogMap,
} from './execution-log.js'
