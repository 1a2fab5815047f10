/**
 * CORS for HTTP APIs: preflights answered by the gateway, and the configured headers on every
 * response (backend CORS headers are dropped).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 */
import type { ResponseHeaders } from '../core/index.js'
import type { CorsConfiguration } from './definition.js'

/** The configured headers, precomputed. */
export interface CompiledCors {
  /** The Allow-Origin value for a request Origin, or undefined when it is not allowed. */
  allowOrigin(origin: string | undefined): string | undefined
  readonly allowCredentials: boolean
  readonly exposeHeaders: string | undefined
  readonly allowMethods: string | undefined
  readonly allowHeaders: string | undefined
  readonly maxAge: string | undefined
}

/**
 * Compiles a CORS configuration.
 *
 * @param cors - the configuration
 * @returns the compiled headers
 */
export function compileCors(cors: CorsConfiguration): CompiledCors {
  const origins = (cors.allowOrigins ?? []).map((o) => o.toLowerCase())
  const any = origins.includes('*')
  const join = (list: string[] | undefined): string | undefined =>
    list && list.length > 0 ? list.join(',') : undefined
  return {
    allowOrigin(origin) {
      if (origin === undefined) return undefined
      if (any) return cors.allowCredentials ? origin : '*'
      return origins.includes(origin.toLowerCase()) ? origin : undefined
    },
    allowCredentials: cors.allowCredentials === true,
    exposeHeaders: join(cors.exposeHeaders),
    allowMethods: join(cors.allowMethods),
    allowHeaders: join(cors.allowHeaders),
    maxAge: cors.maxAge === undefined ? undefined : String(cors.maxAge),
  }
}

/**
 * Replaces any CORS headers of a response with the configured ones for this Origin.
 *
 * @param headers - the response headers
 * @param cors - the configuration
 * @param origin - the request's Origin
 */
export function applyCors(
  headers: ResponseHeaders,
  cors: CompiledCors,
  origin: string | undefined,
): void {
  headers.removeWhere((name) => name.toLowerCase().startsWith('access-control-'))
  const allowed = cors.allowOrigin(origin)
  if (allowed === undefined) return
  headers.set('Access-Control-Allow-Origin', allowed)
  if (cors.allowCredentials) headers.set('Access-Control-Allow-Credentials', 'true')
  if (cors.exposeHeaders) headers.set('Access-Control-Expose-Headers', cors.exposeHeaders)
}

/**
 * The headers of a preflight answer.
 *
 * @param headers - where to put them
 * @param cors - the configuration
 * @param origin - the request's Origin
 */
export function preflightHeaders(
  headers: ResponseHeaders,
  cors: CompiledCors,
  origin: string | undefined,
): void {
  const allowed = cors.allowOrigin(origin)
  if (allowed === undefined) return
  headers.set('Access-Control-Allow-Origin', allowed)
  if (cors.allowCredentials) headers.set('Access-Control-Allow-Credentials', 'true')
  if (cors.allowMethods) headers.set('Access-Control-Allow-Methods', cors.allowMethods)
  if (cors.allowHeaders) headers.set('Access-Control-Allow-Headers', cors.allowHeaders)
  if (cors.maxAge) headers.set('Access-Control-Max-Age', cors.maxAge)
}
