/**
 * The contract of an integration: given the request, produce the integration's result or a
 * failure. Integrations are compiled once per method.
 */
import type { ResponseHeaders } from '../core/index.js'
import type { GatewayFailure } from '../core/index.js'
import type { RequestState } from '../pipeline/index.js'

/** What the client gets from a successful integration, before the gateway's own headers. */
export interface IntegrationResult {
  readonly statusCode: number
  readonly headers: ResponseHeaders
  /** Text, or base64 when `isBase64Encoded`. */
  readonly body: string
  readonly isBase64Encoded: boolean
}

/** A compiled integration. */
export type Integration = (state: RequestState) => Promise<IntegrationResult | GatewayFailure>

/**
 * A 500 `Internal server error` for a configuration problem AWS reports only in its execution
 * log ("Execution failed due to configuration error: …").
 *
 * @param logMessage - what the log says
 * @param cause - the underlying error
 * @returns the failure
 */
export function configurationFailure(logMessage: string, cause?: unknown): GatewayFailure {
  return {
    responseType: 'API_CONFIGURATION_ERROR',
    logMessage: `Execution failed due to configuration error: ${logMessage}`,
    cause,
  }
}

/**
 * The 502 AWS answers for a Lambda proxy error or malformed reply.
 *
 * @param logMessage - what the log says
 * @param cause - the underlying error
 * @returns the failure, rendered through DEFAULT_5XX with status 502
 */
export function badGatewayFailure(logMessage: string, cause?: unknown): GatewayFailure {
  return {
    responseType: 'DEFAULT_5XX',
    statusCode: 502,
    message: 'Internal server error',
    errorType: 'InternalServerErrorException',
    logMessage,
    cause,
  }
}
