/**
 * The cache step of a REST method: after validation, before the integration. The key is the
 * method, the cache namespace (the resource by default) and the values of `cacheKeyParameters`
 * only — so `/pets/1` and `/pets/2` share an entry unless the path parameter is a key
 * parameter, exactly as on AWS. GET requests are cached by default, whether they reach a GET or
 * an `ANY` method; integration responses of every status are stored, gateway failures are not
 * (docs/aws-parity.md "Response cache"). `Cache-Control: max-age=0` refreshes the entry when the
 * caller may invalidate it.
 */
import { ResponseHeaders } from '../core/index.js'
import type { RequestView } from '../core/index.js'
import { isGatewayFailure, type GatewayFailure } from '../core/index.js'
import type { IntegrationDefinition } from '../definition/index.js'
import { ConfigError } from '../errors.js'
import type { IntegrationResult } from '../integrations/index.js'
import {
  compileParameterSource,
  type ParameterSource,
  type ParameterSources,
} from '../mapping/index.js'
import type { MethodSetting, ResolvedMethodSetting } from '../traffic/index.js'
import type { CacheStore } from './cache-store.js'
import type { CachedResponse } from './response-cache.js'

/**
 * A method's compiled cache key, from the request's parameter sources and its HTTP method (an
 * `ANY` method keeps one set of entries per request method).
 */
export type CacheKeyOf = (sources: ParameterSources, requestMethod: string) => string

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
  if (sources.length === 0) return any ? (_, method) => `${method} ${namespace}` : () => prefix
  return (request, method) => {
    let key = any ? `${method} ${namespace}` : prefix
    for (const source of sources) key += `\u0000${source(request) ?? ''}`
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
 * @param request - the request
 * @returns true for `Cache-Control: max-age=0`
 */
export function wantsInvalidation(request: RequestView): boolean {
  const header = request.headers.get('cache-control')
  return header !== undefined && /(?:^|,)\s*max-age\s*=\s*0\s*(?:,|$)/i.test(header)
}

/**
 * How long a request's response is cached: 0 when {@link cachingEnabledFor} says the stage cache
 * does not serve it, else the method's `cacheTtlInSeconds` (300 by default).
 *
 * @param requestMethod - the request's method
 * @param httpMethod - the method that serves it (`GET`, `ANY`, …)
 * @param resolved - its merged method setting
 * @returns the TTL in seconds, 0 when the request is not cached
 */
export function cacheTtlSeconds(
  requestMethod: string,
  httpMethod: string,
  resolved: ResolvedMethodSetting,
): number {
  if (!cachingEnabledFor(requestMethod, httpMethod, resolved)) return 0
  return resolved.setting.cacheTtlInSeconds ?? 300
}

type Outcome = IntegrationResult | GatewayFailure

/** What the cache step needs besides the request. */
export interface CacheStepInput {
  readonly cache: CacheStore
  /** The full key (stage prefix and the method's {@link CacheKeyOf}). */
  readonly key: string
  /** The request's time, epoch ms. */
  readonly now: number
  readonly setting: MethodSetting
  readonly ttlSeconds: number
  /** Whether the caller may invalidate (an IAM caller holds `execute-api:InvalidateCache`). */
  readonly callerIsIam: boolean
  /** Runs the integration on a miss. */
  readonly integrate: () => Promise<Outcome>
  /** Notes whether the cache answered. */
  readonly noteStatus: (status: 'hit' | 'miss') => void
}

/**
 * The cache step: answers from the cache, or runs the integration and stores its answer
 * ({@link storesOutcome}).
 * `Cache-Control: max-age=0` refreshes the entry when the caller may invalidate it; otherwise
 * `unauthorizedCacheControlHeaderStrategy` decides (403, ignore, or ignore with a header).
 *
 * @param request - the request
 * @param input - the cache, key, settings and integration
 * @returns the answer
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 */
export function throughCache(
  request: RequestView,
  input: CacheStepInput,
): Outcome | Promise<Outcome> {
  const { cache, key, now, setting } = input
  let warn = false
  let refresh = false
  if (wantsInvalidation(request)) {
    // Only IAM callers can hold execute-api:InvalidateCache; without the requirement, anyone may.
    const authorized = setting.requireAuthorizationForCacheControl === false || input.callerIsIam
    if (authorized) refresh = true
    else {
      const strategy =
        setting.unauthorizedCacheControlHeaderStrategy ?? 'SUCCEED_WITH_RESPONSE_HEADER'
      if (strategy === 'FAIL_WITH_403') return CACHE_INVALIDATION_DENIED
      warn = strategy === 'SUCCEED_WITH_RESPONSE_HEADER'
    }
  }
  const mark = (result: IntegrationResult): IntegrationResult => {
    if (warn) result.headers.set(IGNORED_CACHE_CONTROL_HEADER, 'unauthorized')
    return result
  }
  const miss = (): Promise<Outcome> => {
    input.noteStatus('miss')
    return input.integrate().then(async (outcome) => {
      if (!storesOutcome(outcome)) return outcome
      // A shared store is written before answering, so the next caller anywhere finds it; a
      // failed write is a miss next time.
      const stored = cache.set(key, toCached(outcome), input.ttlSeconds * 1000, now)
      if (stored instanceof Promise) await stored.catch(() => undefined)
      return mark(outcome)
    })
  }
  if (refresh) return miss()
  const found = (hit: CachedResponse | undefined) => {
    if (!hit) return miss()
    input.noteStatus('hit')
    return mark(fromCached(hit))
  }
  const hit = cache.get(key, now)
  return hit instanceof Promise ? hit.then(found, () => miss()) : found(hit)
}
