/**
 * The cache step of a REST method: after validation, before the integration. The key is the
 * method, the cache namespace (the resource by default) and the values of `cacheKeyParameters`
 * only — so `/pets/1` and `/pets/2` share an entry unless the path parameter is a key
 * parameter, exactly as on AWS. Only 2xx responses are stored. `Cache-Control: max-age=0`
 * refreshes the entry when the caller may invalidate it.
 */
import { ResponseHeaders } from '../core/headers.js'
import type { GatewayFailure } from '../core/types.js'
import type { IntegrationDefinition } from '../definition/model.js'
import { ConfigError } from '../errors.js'
import type { IntegrationResult } from '../integrations/integration.js'
import { compileParameterSource, type ParameterSource } from '../mapping/parameter-source.js'
import type { RequestState } from '../pipeline/request-state.js'
import type { CachedResponse } from './response-cache.js'

/** A method's compiled cache key. */
export type CacheKeyOf = (state: RequestState) => string

/**
 * Compiles the cache key of a method.
 *
 * @param httpMethod - the method
 * @param namespace - the cache namespace (the resource id by default)
 * @param integration - its integration (cacheKeyParameters, requestParameters)
 * @param where - the integration's place in the definition
 * @returns the key function
 * @throws ConfigError for a key parameter that is not a request parameter
 */
export function compileCacheKey(
  httpMethod: string,
  namespace: string,
  integration: IntegrationDefinition | undefined,
  where: string,
): CacheKeyOf {
  const parameters = integration?.cacheKeyParameters ?? []
  const sources: ParameterSource[] = parameters.map((parameter, i) => {
    let expression = parameter
    // `integration.request.x.y` stands for the method parameter mapped onto it.
    if (parameter.startsWith('integration.request.')) {
      const mapped = integration?.requestParameters[parameter]
      if (mapped === undefined)
        throw new ConfigError(
          `${where}.cacheKeyParameters[${i}]`,
          `${parameter} is not mapped in requestParameters`,
        )
      expression = mapped
    }
    if (!expression.startsWith('method.request.') && !expression.startsWith("'"))
      throw new ConfigError(
        `${where}.cacheKeyParameters[${i}]`,
        `not a request parameter: ${parameter}`,
      )
    return compileParameterSource(
      expression,
      `${where}.cacheKeyParameters[${i}]`,
      'integration request',
    )
  })
  const prefix = `${httpMethod} ${namespace}`
  if (sources.length === 0) return () => prefix
  return (state) => {
    let key = prefix
    for (const source of sources) key += `\u0000${source(state.sources) ?? ''}`
    return key
  }
}

/**
 * A response as the cache keeps it.
 *
 * @param result - the integration's result
 * @returns the entry
 */
export function toCached(result: IntegrationResult): CachedResponse {
  const headers: Array<[string, string]> = []
  const maps = result.headers.toMaps()
  for (const name of Object.keys(maps.multiValueHeaders))
    for (const value of maps.multiValueHeaders[name] as string[]) headers.push([name, value])
  return {
    statusCode: result.statusCode,
    headers,
    body: result.body,
    isBase64Encoded: result.isBase64Encoded,
  }
}

/**
 * A cached response as a fresh result.
 *
 * @param cached - the entry
 * @returns the result
 */
export function fromCached(cached: CachedResponse): IntegrationResult {
  const headers = new ResponseHeaders()
  for (const [name, value] of cached.headers) headers.append(name, value)
  return {
    statusCode: cached.statusCode,
    headers,
    body: cached.body,
    isBase64Encoded: cached.isBase64Encoded,
  }
}

/** What a `Cache-Control: max-age=0` from an unauthorized caller gets. */
export const CACHE_INVALIDATION_DENIED: GatewayFailure = { responseType: 'ACCESS_DENIED' }

/** The warning header AWS adds when it ignores an unauthorized `Cache-Control: max-age=0`. */
export const IGNORED_CACHE_CONTROL_HEADER = 'x-amzn-cache-control-ignored'

/**
 * Whether the request asks for the cache to be bypassed and refreshed.
 *
 * @param state - the request
 * @returns true for `Cache-Control: max-age=0`
 */
export function wantsInvalidation(state: RequestState): boolean {
  const header = state.headers.get('cache-control')
  return header !== undefined && /(?:^|,)\s*max-age\s*=\s*0\s*(?:,|$)/i.test(header)
}
