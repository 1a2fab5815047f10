/**
 * A REST request's execution log: the method request's lines once routing and checks passed,
 * and CloudWatch execution logging (stage `methodSettings` `loggingLevel`, `dataTraceEnabled`)
 * through the logger.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
import type { ExecutionLog } from '../observability/index.js'
import type { CompiledMethod } from './compiled-api.js'
import type { RequestState } from './request-state.js'

/** The method request's lines of the execution log, once routing and checks passed. */
export function traceMethodRequest(
  trace: ExecutionLog,
  state: RequestState,
  method: CompiledMethod,
): void {
  trace.add('httpMethod', state.method, method.resourcePath)
  trace.add('methodRequestPath', state.route?.pathParameters ?? {})
  trace.add('methodRequestQuery', state.query.single ?? {})
  trace.add('methodRequestHeaders', state.headers.toSingle())
  trace.add('methodRequestBody', state.bodyText() ?? '')
}

/** Whether the trace is CloudWatch execution logging's (not a test-invoke's). */
export function logsExecution(state: RequestState): boolean {
  return state.stage.executionLogging === true
}

/**
 * Writes a request's execution log through the logger as CloudWatch execution logging would:
 * the method's `loggingLevel` (INFO: every line, ERROR: failures only) and `dataTraceEnabled`
 * (headers and bodies) decide which lines.
 */
export function emitExecutionLog(state: RequestState, trace: ExecutionLog): void {
  const key = state.route?.method.settingKey ?? '*/*'
  const setting = state.stage.methodSetting(key).setting
  const level = setting.loggingLevel
  if (level !== 'INFO' && level !== 'ERROR') return
  const logger = state.deps.logger
  for (const text of trace.cloudWatchLines(
    state.requestId,
    level,
    setting.dataTraceEnabled === true,
  ))
    logger.info(text, { requestId: state.requestId, executionLog: true })
}
