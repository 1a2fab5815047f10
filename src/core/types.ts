/**
 * The plain-data model every stage and adapter speaks: requests, responses and failures.
 */
import type { GatewayResponseType } from './gateway-response-types.js'

/** Header values as a host gives them: one string, or several for a repeated header. */
export type HeaderInput = Record<string, string | readonly string[] | undefined>

/**
 * A request as the gateway receives it, after the adapter removed the stage prefix.
 *
 * `path` is the resource path after the stage, with its query string (`/pets?type=dog`).
 */
export interface GatewayRequest {
  /** HTTP method, any case. */
  method: string
  /** Path after the stage, with its query string, still percent-encoded. */
  path: string
  /** Request headers; a repeated header is an array. Names keep the client's casing. */
  headers?: HeaderInput
  /**
   * Headers as Node's `req.rawHeaders` flat list (`[name, value, ...]`), read instead of
   * `headers` when given; adapters pass it to save a copy.
   */
  rawHeaders?: readonly string[]
  /** Body as text (UTF-8) or bytes. */
  body?: string | Uint8Array | null
  /** Set when `body` is a base64 string standing for bytes. */
  isBase64Encoded?: boolean
  /** Client address; `$context.identity.sourceIp`. */
  sourceIp?: string
  /**
   * The port the client connected to: the Lambda proxy event's `X-Forwarded-Port`. Adapters set
   * the socket's local port. @default 443 (an execute-api endpoint's)
   */
  port?: number
  /**
   * The scheme the client used: the Lambda proxy event's `X-Forwarded-Proto`. Adapters set
   * `https` on a TLS socket. @default 'https' (an execute-api endpoint's)
   */
  scheme?: 'http' | 'https'
}

/** A response as AWS API Gateway would send it. */
export interface GatewayResponse {
  statusCode: number
  /** Last value of each header. */
  headers: Record<string, string>
  /** Every value of each header, in order (the adapter writes these). */
  multiValueHeaders: Record<string, string[]>
  /** Text body, or base64 of the bytes when `isBase64Encoded`. */
  body: string
  isBase64Encoded: boolean
}

/**
 * A failed check, as a value: the runner renders it through the gateway responses table.
 * `statusCode`/`errorType` override the type's defaults for errors AWS sends with a fixed
 * status (a malformed Lambda proxy reply is a 502 rendered through DEFAULT_5XX).
 */
export interface GatewayFailure {
  readonly responseType: GatewayResponseType
  /** `$context.error.message`; the type's default message when absent. */
  readonly message?: string | null
  readonly statusCode?: number
  readonly errorType?: string
  /** `$context.error.validationErrorString`, for request validation failures. */
  readonly validationErrorString?: string
  /** Why, for the log; never sent to the client. */
  readonly logMessage?: string
  readonly cause?: unknown
}

/**
 * Whether a stage result is a failure.
 *
 * @param value - a stage result
 * @returns true for a {@link GatewayFailure}
 */
export function isGatewayFailure(value: unknown): value is GatewayFailure {
  return typeof value === 'object' && value !== null && 'responseType' in value
}

/** The log Portico writes to: execution-log lines, with the request id. */
export interface Logger {
  /** Detail (AWS's data-trace lines). `fields` carries the request id and values. */
  debug(message: string, fields?: Record<string, unknown>): void
  /** Progress of a request or of the gateway (AWS's INFO level). */
  info(message: string, fields?: Record<string, unknown>): void
  /** Something accepted but likely wrong: an import warning, a fail-open store. */
  warn(message: string, fields?: Record<string, unknown>): void
  /** A failure: an integration error, a handler that threw (AWS's ERROR level). */
  error(message: string, fields?: Record<string, unknown>): void
}

/** Cancels a timer set with a clock's `setTimer`. */
export type CancelTimer = () => void

/** The minimal `fetch` Portico calls: the global one, undici's, or a test double. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>

/**
 * The only door to the outside world. Stages get everything effectful from here, so time,
 * randomness and I/O are injectable (see `portico/testing`).
 */
export interface Deps {
  /** Epoch milliseconds. */
  now(): number
  /** A number in [0, 1). */
  random: () => number
  /** Calls `fn` after `ms` milliseconds of this clock's time. */
  setTimer(ms: number, fn: () => void): CancelTimer
  fetch: FetchFunction
  logger: Logger
  /**
   * Environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN sign AWS
   * service calls). Undefined reads as empty.
   */
  env?: Readonly<Record<string, string | undefined>>
  /** `GatewayOptions.onRequestComplete`: called with each finished request's summary. */
  onRequestComplete?: (summary: RequestSummary) => void
  /** `GatewayOptions.recordExecutionLog`: every REST request gathers its execution log. */
  recordExecutionLog?: boolean
}

/** What {@link RequestSummary.authorizer} says about the request's authorization. */
export type AuthorizerVerdict = 'allow' | 'deny'

/** A finished request, as given to `GatewayOptions.onRequestComplete`. */
export interface RequestSummary {
  /** `$context.requestId`. */
  readonly requestId: string
  /** `$context.apiId`: which API answered (a host may serve several). */
  readonly apiId?: string
  readonly stage: string
  readonly method: string
  /** The path after the stage, as sent (no query string). */
  readonly path: string
  /** The matched resource path (REST) or route key (HTTP API); undefined when nothing matched. */
  readonly resource: string | undefined
  readonly status: number
  /** Milliseconds from the request to the response (`$context.responseLatency`). */
  readonly latency: number
  /** Milliseconds the integration took, when it ran. */
  readonly integrationLatency: number | undefined
  /**
   * The matched method's integration: its type (`AWS_PROXY`, `HTTP`, `MOCK`…) and target (a
   * Lambda function's name, a URL or AWS service URI as written, before stage variables).
   */
  readonly integration: { readonly type: string; readonly target: string | undefined } | undefined
  /**
   * For a method with authorization (Lambda, Cognito, JWT or IAM): `deny` when the gateway
   * answered with an authorization failure, `allow` when the request got past it; undefined for
   * methods without authorization or requests stopped before it.
   */
  readonly authorizer: AuthorizerVerdict | undefined
  /** REST stage cache: `hit`, or `miss` when the backend served it; undefined without a stage cache. */
  readonly cache: 'hit' | 'miss' | undefined
  /** The gateway response type when the gateway answered itself (`MISSING_AUTHENTICATION_TOKEN`…). */
  readonly errorType: string | undefined
  /**
   * The request's execution log, as `TestInvokeMethod` returns it in `log`, when
   * `GatewayOptions.recordExecutionLog` is set (REST APIs; HTTP APIs have no execution log).
   */
  readonly executionLog?: string
}
