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
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

/** Cancels a timer set with {@link Deps.setTimer}. */
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
}
