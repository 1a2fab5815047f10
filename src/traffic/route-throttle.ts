/**
 * The traffic step of HTTP and WebSocket APIs: the route's bucket (`routeSettings[routeKey]`,
 * else `defaultRouteSettings`), then the account's. These APIs have no usage plans, API keys or
 * quotas; REST's step (method settings, usage plans) is throttle.ts.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */
import type { BucketDemand, TrafficStore } from './store.js'
import type { RateLimit } from './token-bucket.js'

/** A route's throttling settings (AWS's `RouteSettings`). */
export interface RouteThrottleSetting {
  readonly throttlingRateLimit?: number
  readonly throttlingBurstLimit?: number
}

/**
 * Takes a token from the route's bucket and the account's.
 *
 * @param store - buckets
 * @param account - the account's limit
 * @param stage - the stage name
 * @param routeKey - the route key (`GET /pets`, `$default`, a WebSocket route key)
 * @param setting - the route's merged settings
 * @param now - the request's time, epoch ms
 * @returns true when the request is throttled (429)
 */
export function isRouteThrottled(
  store: TrafficStore,
  account: RateLimit,
  stage: string,
  routeKey: string,
  setting: RouteThrottleSetting,
  now: number,
): boolean | Promise<boolean> {
  const demands: BucketDemand[] = []
  const rate = setting.throttlingRateLimit
  const burst = setting.throttlingBurstLimit
  if (rate !== undefined && burst !== undefined && rate >= 0 && burst >= 0)
    demands.push({
      key: `stage:${stage}:route:${routeKey}`,
      limit: { rateLimit: rate, burstLimit: burst },
    })
  demands.push({ key: 'account', limit: account })
  const taken = store.takeAll(demands, now)
  return typeof taken === 'number' ? taken !== -1 : taken.then((i) => i !== -1)
}
