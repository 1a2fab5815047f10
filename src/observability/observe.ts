/**
 * The observe step every runner ends with: the request's metrics (the recorder knows its API
 * kind's metric names) and its access-log line (the runner's `$context` lookup, with the
 * values known only once the response exists). It never fails the request.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
import type { Logger } from '../core/index.js'
import { errorMessage } from '../core/index.js'
import type { VariableLookup } from '../mapping/index.js'
import { renderAccessLogLine, responseBodyLength, type AccessLogFormat } from './access-log.js'
import type { MetricsRecorder, RequestOutcome } from './metrics.js'

/** Where a stage's metrics and access-log lines go. */
export interface ObservedStage {
  readonly metrics: MetricsRecorder
  readonly accessLog: AccessLogFormat | undefined
  readonly accessLogSink: ((line: string) => void) | undefined
}

/** A finished request, as metrics and the log-only `$context` values see it. */
export interface FinishedRequest extends RequestOutcome {
  /** `$context.integrationStatus`, when an integration answered. */
  readonly integrationStatus: number | undefined
  /** `$context.integrationErrorMessage`, when the integration failed (HTTP APIs). */
  readonly integrationError?: string | undefined
}

/** The response's body, for `$context.responseLength`. */
export interface ObservedResponse {
  readonly body: string
  readonly isBase64Encoded: boolean
}

/**
 * Records a finished request's metrics, then writes its access-log line when the stage has a
 * format and the host a sink.
 *
 * @param stage - the stage's recorder, format and sink
 * @param finished - the request's outcome
 * @param response - the response sent
 * @param context - where the request's `$context` / `$stageVariables` lookup is read (only
 *   when a line is written)
 * @param logger - where a failure to record is reported
 */
export function observeRequest(
  stage: ObservedStage,
  finished: FinishedRequest,
  response: ObservedResponse,
  context: { readonly lookup: VariableLookup },
  logger: Logger,
): void {
  try {
    stage.metrics.record(finished)
    const format = stage.accessLog
    const sink = stage.accessLogSink
    if (format && sink) {
      const integrationLatency = finished.integrationLatency
      const integrationStatus = finished.integrationStatus
      const logOnly: Record<string, unknown> = {
        status: finished.status,
        responseLength: responseBodyLength(response.body, response.isBase64Encoded),
        responseLatency: finished.latency,
        integrationLatency,
        integrationStatus,
        integrationErrorMessage: finished.integrationError,
        integration: {
          latency: integrationLatency,
          status: integrationStatus,
          integrationStatus,
          error: finished.integrationError,
        },
      }
      sink(renderAccessLogLine(format, logOnly, context.lookup))
    }
  } catch (error) {
    logger.warn(`metrics or access log failed: ${errorMessage(error)}`)
  }
}
