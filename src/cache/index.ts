/**
 * The public face of `cache/`: what other folders may import from it.
 *
 * @module
 */
export { cacheTtlSeconds, compileCacheKey, throughCache, type CacheKeyOf } from './cache-step.js'
export { type CacheStore } from './cache-store.js'
export { ResponseCache, type CachedResponse } from './response-cache.js'
