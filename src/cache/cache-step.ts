/**
 * The cache step of a REST method: after validation, before the integration. The key is the
 * method, the cache namespace (the resource by default) and the values of `cacheKeyParameters`
 * only — so `/pets/1` and `/pets/2` share an entry unless the path parameter is a key
 * parameter, exactly as on AWS. GET requests are cached by default, whether they reach a GET or
 * an `ANY` method; integration responses of every status are stored, gateway failures are not
 * (docs/aws-parity.md "Response cache"). `Cache-Control: max-age=0` refreshes the entry when the
 * caller may invalidate it.
 */
import { ResponseHeaders } from '../core/headers.js'
import { isGatewayFailure, type GatewayFailure } from '../core/types.js'
import type { IntegrationDefinition } from '../definition/model.js'
import { ConfigError } from '../errors.js'
import type { IntegrationResult } from '../integrations/integration.js'
import { compileParameterSource, type ParameterSource } from '../mapping/parameter-source.js'
import type { RequestState } from '../pipeline/request-state.js'
import type { ResolvedMethodSetting } from '../traffic/method-settings.js'
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
  // An `ANY` method answers several request methods: each keeps its own entries.
  const any = httpMethod === 'ANY'
  const prefix = `${httpMethod} ${namespace}`
  if (sources.length === 0) return any ? (state) => `${state.method} ${namespace}` : () => prefix
  return (state) => {
    let key = any ? `${state.method} ${namespace}` : prefix
    for (const source of sources) key += `\u0000${source(state.sources) ?? ''}`
    return key
  }
}

/**
 * Whether the stage cache serves a request. With the stage cache on, GET requests are cached by
 * default (AWS: "only GET methods have caching enabled by default"), also when they reach an
 * `ANY` method, as users of `ANY` proxy resources report (aws-amplify/amplify-cli#1399 and
 * #7783, dougmoscrop/serverless-http#301); a `cachingEnabled: false` setting turns it off.
 * Other request methods are cached only when their own method setting says `cachingEnabled`.
 *
 * @param requestMethod - the request's method (`GET`)
 * @param httpMethod - the method that serves it (`GET`, `ANY`, …)
 * @param resolved - the method's settings, and whether a specific entry matched
 * @returns whether to look up and fill the cache
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 */
export function cachingEnabledFor(
  requestMethod: string,
  httpMethod: string,
  resolved: ResolvedMethodSetting,
): boolean {
  const { setting, specificKey } = resolved
  if (requestMethod === 'GET' && (httpMethod === 'GET' || httpMethod === 'ANY'))
    return setting.cachingEnabled !== false
  return specificKey !== undefined && setting.cachingEnabled === true
}

/**
 * Whether an outcome is stored in the cache: every integration response, whatever its status
 * (AWS caches the endpoint's response; users report cached 4xx/5xx answers, StackOverflow
 * 45883323 and DianaIonita/serverless-api-gateway-caching#125), but no gateway failure
 * (an authorizer's 401, a throttle's 429, a malformed Lambda reply's 502, a timeout's 504).
 *
 * @param outcome - the integration's result or the request's failure
 * @returns true when the outcome is an integration response to store
 */
export function storesOutcome(
  outcome: IntegrationResult | GatewayFailure,
): outcome is IntegrationResult {
  return !isGatewayFailure(outcome)
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
