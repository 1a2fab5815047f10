/**
 * The token bucket every API Gateway rate limit is: capacity `burstLimit`, refilled continuously
 * at `rateLimit` tokens per second, starting full. Tokens are counted in millionths, in
 * integers, and refills round down, so a bucket never admits more than
 * `burst + rate × elapsed` — exactly, whatever the sequence of request times.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */

/** A rate limit: steady `rateLimit` requests per second, `burstLimit` at once. */
export interface RateLimit {
  readonly rateLimit: number
  readonly burstLimit: number
}

/** A bucket's state: micro-tokens held and when they were counted. */
export interface Bucket {
  readonly micro: number
  readonly at: number
}

const MICRO = 1_000_000

/**
 * A full bucket.
 *
 * @param limit - the limit
 * @param now - epoch milliseconds
 * @returns the bucket
 */
export function fullBucket(limit: RateLimit, now: number): Bucket {
  return { micro: Math.floor(limit.burstLimit) * MICRO, at: now }
}

/**
 * Takes `cost` tokens if the bucket holds them.
 *
 * @example
 * ```ts
 * const limit = { rateLimit: 1, burstLimit: 2 }
 * let bucket = fullBucket(limit, 0)
 * ;({ bucket } = take(bucket, limit, 0)) // allowed
 * ;({ bucket } = take(bucket, limit, 0)) // allowed
 * take(bucket, limit, 0).allowed // false: empty until 1 s later
 * ```
 *
 * @param bucket - the current state
 * @param limit - rate and burst
 * @param now - epoch milliseconds (a time before `bucket.at` refills nothing)
 * @param cost - tokens to take
 * @returns whether the request is admitted, and the next state
 */
export function take(
  bucket: Bucket,
  limit: RateLimit,
  now: number,
  cost = 1,
): { allowed: boolean; bucket: Bucket } {
  const capacity = Math.floor(limit.burstLimit) * MICRO
  const elapsed = now > bucket.at ? now - bucket.at : 0
  // rateLimit tokens/s × elapsed ms × 1000 = micro-tokens; rounded down, never over.
  const refill = Math.floor(limit.rateLimit * elapsed * 1000)
  const micro = Math.min(capacity, bucket.micro + refill)
  const at = now > bucket.at ? now : bucket.at
  const need = cost * MICRO
  if (micro >= need) return { allowed: true, bucket: { micro: micro - need, at } }
  return { allowed: false, bucket: { micro, at } }
}
