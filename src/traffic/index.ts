/**
 * The public face of `traffic/`: what other folders may import from it.
 *
 * @module
 */
export {
  compileMethodSettings,
  methodSettingKey,
  type MethodSetting,
  type ResolvedMethodSetting,
} from './method-settings.js'
export { isRouteThrottled } from './route-throttle.js'
export {
  createMemoryStore,
  type BucketDemand,
  type QuotaDemand,
  type TrafficStore,
} from './store.js'
export { DEFAULT_ACCOUNT_THROTTLE, applyTraffic } from './throttle.js'
export { fullBucket, take, type Bucket, type RateLimit } from './token-bucket.js'
export { readUsage, type UsageQuery, type UsageReport } from './usage.js'
