/**
 * The Redis store's Lua scripts (token buckets and quota counters, atomic per request) and how
 * they run on a client: ioredis custom commands (EVALSHA, falling back to EVAL when Redis does
 * not know the script) when the client has `defineCommand`, else EVAL.
 *
 * @module
 */
import type { RedisLike } from './index.js'

// KEYS: bucket keys. ARGV: now, then rate and burst per key. Micro-token integers, as in
// traffic/token-bucket.ts: refills round down, so no bucket admits more than burst + rate × t.
// As the memory store: when all have a token, every bucket is written; when one is empty, only
// it (with its refill) is, and the others are left as they were (a refill written at every call
// would round down more often than the memory store's, so the two would drift).
const TAKE_ALL = `
local now = tonumber(ARGV[1])
local n = #KEYS
local micro = {}
local at = {}
for i = 1, n do
  local rate = tonumber(ARGV[2 * i])
  local cap = math.floor(tonumber(ARGV[2 * i + 1])) * 1000000
  local state = redis.call('HMGET', KEYS[i], 'm', 't')
  local m = tonumber(state[1])
  local t = tonumber(state[2])
  if m == nil then m = cap; t = now end
  local refill = 0
  if now > t then
    refill = math.floor(rate * (now - t) * 1000)
    t = now
  end
  -- Capped even with no time passed: a lowered burst applies at once.
  m = math.min(cap, m + refill)
  micro[i] = m
  at[i] = t
end
local failed = -1
for i = 1, n do
  if micro[i] < 1000000 then failed = i - 1; break end
end
for i = 1, n do
  if failed == -1 or failed == i - 1 then
    local m = micro[i]
    if failed == -1 then m = m - 1000000 end
    redis.call('HSET', KEYS[i], 'm', m, 't', at[i])
    local rate = tonumber(ARGV[2 * i])
    local ttl = 60000
    if rate > 0 then ttl = math.min(86400000, math.ceil(tonumber(ARGV[2 * i + 1]) / rate * 1000) + 60000) end
    redis.call('PEXPIRE', KEYS[i], ttl)
  end
end
return failed
`

// KEYS: counter, per-day usage. ARGV: period start, limit, day, counter ttl (ms).
const COUNT_QUOTA = `
local start = ARGV[1]
local limit = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'p', 'u')
local used = tonumber(state[2]) or 0
local fresh = state[1] ~= start
if fresh then used = 0 end
if used >= limit then
  -- As the memory store, a new period starts the counter even when the request is refused.
  if fresh then
    redis.call('HSET', KEYS[1], 'p', start, 'u', 0)
    redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
  end
  return 0
end
redis.call('HSET', KEYS[1], 'p', start, 'u', used + 1)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
return 1
`

/** How long an idle quota counter is kept (40 days, past the longest period), in ms. */
export const QUOTA_TTL_MS: number = 40 * 86_400_000

/** A Lua script run with its key count first, then keys and arguments. */
export type RunScript = (
  numKeys: number,
  ...keysAndArgs: Array<string | number>
) => Promise<unknown>

/** The store's scripts on a client: custom commands (EVALSHA) when it has `defineCommand`, else EVAL. */
export interface Scripts {
  readonly takeAll: RunScript
  readonly countQuota: RunScript
}

// Names carry a version, so a client shared with another Portico version runs its own scripts.
const SCRIPT_NAMES = { takeAll: 'porticoTakeAllV2', countQuota: 'porticoCountQuotaV2' } as const

export function scriptsOn(client: RedisLike): Scripts {
  const sources = { takeAll: TAKE_ALL, countQuota: COUNT_QUOTA }
  const run = (which: keyof Scripts): RunScript => {
    if (typeof client.defineCommand === 'function') {
      const name = SCRIPT_NAMES[which]
      client.defineCommand(name, { lua: sources[which] })
      const command = (client as unknown as Record<string, RunScript>)[name] as RunScript
      return (numKeys, ...rest) => command.call(client, numKeys, ...rest)
    }
    return (numKeys, ...rest) => client.eval(sources[which], numKeys, ...rest)
  }
  return { takeAll: run('takeAll'), countQuota: run('countQuota') }
}
