/**
 * Error classes shared by every Portico module.
 *
 * @module
 */
import type { GatewayResponseType } from './core/index.js'

const BRAND = 'portico.error'

/**
 * Base class of every error Portico throws.
 *
 * @example
 * ```ts
 * try { createGateway({ api }) } catch (e) { if (isPorticoError(e)) console.error(e.code) }
 * ```
 */
export class PorticoError extends Error {
  /** A stable code, `ERR_PORTICO_*`. */
  readonly code: string
  constructor(message: string, code = 'ERR_PORTICO', options?: { cause?: unknown }) {
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
