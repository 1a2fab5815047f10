/**
 * Error classes shared by every Portico module.
 *
 * @module
 */
import type { GatewayResponseType } from './core/index.js'

const BRAND = 'portico.error'

/**
 * Every `code` a {@link PorticoError} carries:
 *
 * - `ERR_PORTICO`: a Portico error with no more specific code
 * - `ERR_PORTICO_CONFIG`: {@link ConfigError}, a bad definition or option
 * - `ERR_PORTICO_GATEWAY_RESPONSE`: {@link GatewayResponseError}
 * - `ERR_PORTICO_TEMPLATE_SYNTAX`: a mapping template that does not compile
 * - `ERR_PORTICO_TEMPLATE`: a mapping template that fails while rendering
 * - `ERR_PORTICO_REGEX`: a Java regular expression Portico cannot run
 * - `ERR_PORTICO_JSON_PATH`: a JSONPath that cannot be read (caught and reported as a template error)
 * - `ERR_PORTICO_CONNECTION`: an `@connections` operation refused (`ConnectionError`)
 */
export type PorticoErrorCode =
  | 'ERR_PORTICO'
  | 'ERR_PORTICO_CONFIG'
  | 'ERR_PORTICO_GATEWAY_RESPONSE'
  | 'ERR_PORTICO_TEMPLATE_SYNTAX'
  | 'ERR_PORTICO_TEMPLATE'
  | 'ERR_PORTICO_REGEX'
  | 'ERR_PORTICO_JSON_PATH'
  | 'ERR_PORTICO_CONNECTION'

/**
 * Marks `error` as an instance of the class named `name`, for {@link hasErrorBrand} in any copy
 * of the package (`Symbol.for` is shared by every copy in a process).
 *
 * @param error - the error under construction
 * @param name - its class name, e.g. `ConfigError`
 * @internal
 */
export function brandError(error: Error, name: string): void {
  Object.defineProperty(error, Symbol.for(`${BRAND}.${name}`), { value: true })
}

/**
 * Whether `value` was made by the class named `name` (or a subclass), in any copy of the package.
 *
 * @param value - anything caught
 * @param name - a class name given to {@link brandError}
 * @returns true when branded
 * @internal
 */
export function hasErrorBrand(value: unknown, name: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[Symbol.for(`${BRAND}.${name}`)] === true
  )
}

/**
 * Base class of every error Portico throws.
 *
 * @example
 * ```ts
 * try { createGateway({ api }) } catch (e) { if (isPorticoError(e)) console.error(e.code) }
 * ```
 */
export class PorticoError extends Error {
  /** A stable code, `ERR_PORTICO_*` (see {@link PorticoErrorCode}). */
  readonly code: PorticoErrorCode
  constructor(
    message: string,
    code: PorticoErrorCode = 'ERR_PORTICO',
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.code = code
    this.name = new.target.name
    Object.defineProperty(this, Symbol.for(BRAND), { value: true })
  }
}

/**
 * An invalid API definition or gateway option. `path` points at the offending place in the
 * document, e.g. `paths./pets/{id}.get.x-amazon-apigateway-integration.type`.
 */
export class ConfigError extends PorticoError {
  /** Dotted path to the place in the definition that is wrong. */
  readonly path: string

  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(path ? `${path}: ${message}` : message, 'ERR_PORTICO_CONFIG', options)
    this.path = path
    brandError(this, 'ConfigError')
  }
}

/**
 * A gateway response (AWS's `GatewayResponse` types): thrown by user callbacks such as
 * authorizers or integrations to make the gateway answer with that response type.
 *
 * @example
 * ```ts
 * throw new GatewayResponseError('UNAUTHORIZED')
 * ```
 */
export class GatewayResponseError extends PorticoError {
  /** The AWS gateway response type, e.g. `THROTTLED`. */
  readonly responseType: GatewayResponseType

  constructor(responseType: GatewayResponseType, message?: string, options?: { cause?: unknown }) {
    super(message ?? responseType, 'ERR_PORTICO_GATEWAY_RESPONSE', options)
    this.responseType = responseType
    brandError(this, 'GatewayResponseError')
  }
}

/**
 * Whether `value` is a Portico error, also across two copies of the package.
 *
 * @param value - anything caught
 * @returns true for any {@link PorticoError}
 */
export function isPorticoError(value: unknown): value is PorticoError {
  return (
    value instanceof PorticoError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[Symbol.for(BRAND)] === true)
  )
}

/**
 * Whether `value` is a {@link ConfigError}, also one made by another copy of the package.
 *
 * @param value - anything caught
 * @returns true for a `ConfigError` (it has `path`)
 */
export function isConfigError(value: unknown): value is ConfigError {
  return value instanceof ConfigError || hasErrorBrand(value, 'ConfigError')
}

/**
 * Whether `value` is a {@link GatewayResponseError}, also one thrown by an authorizer, handler or
 * AWS service handler that imports its own copy of the package: the gateway answers it with its
 * `responseType`.
 *
 * @param value - anything caught
 * @returns true for a `GatewayResponseError` (it has `responseType`)
 */
export function isGatewayResponseError(value: unknown): value is GatewayResponseError {
  return value instanceof GatewayResponseError || hasErrorBrand(value, 'GatewayResponseError')
}
