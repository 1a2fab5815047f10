import { describe, expect, it } from 'vitest'
import { createExtendedRequestId, createRequestId, createTraceId } from '../../../src/core/ids.js'
import { seededRandom } from '../../../src/testing/index.js'

describe('request ids', () => {
  it('are version 4 UUIDs with every variant digit in use, repeatable from a seed', () => {
    const variants = new Set<string>()
    const ids = new Set<string>()
    const random = seededRandom(1)
    for (let i = 0; i < 2000; i++) {
      const id = createRequestId(random)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      variants.add(id[19] as string)
      ids.add(id)
    }
    expect([...variants].sort()).toEqual(['8', '9', 'a', 'b'])
    expect(ids.size).toBe(2000)
    expect(createRequestId(seededRandom(5))).toBe(createRequestId(seededRandom(5)))
  })

  it('extended ids are 15 base64 characters and =', () => {
    expect(createExtendedRequestId(seededRandom(2))).toMatch(/^[A-Za-z0-9+/]{15}=$/)
  })

  it('trace ids carry the epoch second in hex and 24 random digits', () => {
    const at = Date.UTC(2026, 10, 21, 6, 19, 0)
    const second = (at / 1000).toString(16)
    expect(createTraceId(at, seededRandom(3), ';Sampled=0')).toMatch(
      new RegExp(`^Root=1-${second}-[0-9a-f]{24};Sampled=0$`),
    )
    expect(createTraceId(at + 1000, seededRandom(3))).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/)
  })
})
