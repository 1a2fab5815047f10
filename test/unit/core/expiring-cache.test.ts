import { describe, expect, it } from 'vitest'
import { ExpiringCache } from '../../../src/core/expiring-cache.js'
import { VerifiedTokens } from '../../../src/auth/verified-tokens.js'

describe('ExpiringCache', () => {
  it('answers until the expiry time, then forgets', () => {
    const cache = new ExpiringCache<string>(10)
    cache.set('k', 'v', 1_000)
    expect(cache.get('k', 999)).toBe('v')
    expect(cache.get('k', 1_000)).toBeUndefined()
    expect(cache.get('k', 0)).toBeUndefined() // dropped when found expired
  })

  it('drops the least recently used entry when full, not one being replaced', () => {
    const cache = new ExpiringCache<number>(2)
    cache.set('a', 1, 100)
    cache.set('b', 2, 100)
    cache.set('b', 3, 100) // a replacement does not evict
    expect(cache.get('a', 0)).toBe(1) // 'a' is now the most recently used
    cache.set('c', 4, 100)
    expect(cache.get('b', 0)).toBeUndefined()
    expect([cache.get('a', 0), cache.get('c', 0)]).toEqual([1, 4])
  })

  it('holds at most its limit of entries', () => {
    const cache = new ExpiringCache<number>(3)
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, i, 1_000)
    const live = Array.from({ length: 100 }, (_, i) => cache.get(`k${i}`, 0)).filter(
      (v) => v !== undefined,
    )
    expect(live).toEqual([97, 98, 99])
  })
})

describe('VerifiedTokens', () => {
  it('trusts a token until its exp, at most a minute, and only for the same key set', () => {
    const tokens = new VerifiedTokens<string>()
    tokens.set('t1', 'claims', 10_000, 0, 1)
    expect(tokens.get('t1', 9_999, 1)).toBe('claims')
    expect(tokens.get('t1', 10_000, 1)).toBeUndefined()
    tokens.set('t2', 'claims', undefined, 0, 1)
    expect(tokens.get('t2', 59_999, 1)).toBe('claims')
    expect(tokens.get('t2', 60_000, 1)).toBeUndefined()
    tokens.set('t3', 'claims', 600_000, 0, 1)
    expect(tokens.get('t3', 1, 2)).toBeUndefined() // keys rotated since
  })
})
