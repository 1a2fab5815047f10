import { describe, expect, it } from 'vitest'
import { RequestHeaders } from '../../../src/core/headers.js'

/** A request's headers as Node's rawHeaders: `count` distinct names, then repeats in other casings. */
function rawHeaders(count: number): string[] {
  const raw: string[] = []
  for (let i = 0; i < count; i++) raw.push(`X-Header-${i}`, `v${i}`)
  for (let i = 0; i < count; i += 3) raw.push(`x-HEADER-${i}`, `again${i}`)
  return raw
}

describe('RequestHeaders', () => {
  // Few names are scanned, many go through an index: both must answer the same.
  for (const count of [3, 24, 25, 200]) {
    it(`merges casings and keeps order with ${count} distinct names`, () => {
      const headers = new RequestHeaders(rawHeaders(count))
      expect(headers.get('x-header-0')).toBe('again0')
      expect(headers.getAll('X-HEADER-0')).toEqual(['v0', 'again0'])
      expect(headers.get(`X-Header-${count - 1}`)).toBe(
        (count - 1) % 3 === 0 ? `again${count - 1}` : `v${count - 1}`,
      )
      expect(headers.get('x-header-missing')).toBeUndefined()
      const single = headers.toSingle()
      expect(Object.keys(single)).toEqual(Array.from({ length: count }, (_, i) => `X-Header-${i}`))
      expect(headers.toMulti()['X-Header-0']).toEqual(['v0', 'again0'])
      expect([...headers.entries()].length).toBe(count)
    })
  }

  it('gives each view fresh objects', () => {
    const headers = new RequestHeaders(['Accept', 'a', 'accept', 'b'])
    const multi = headers.toMulti()
    ;(multi['Accept'] as string[]).push('mutated')
    expect(headers.getAll('accept')).toEqual(['a', 'b'])
    expect(headers.toSingle()).toEqual({ Accept: 'b' })
  })

  it('counts the bytes of names and values for the 10 KB limit', () => {
    expect(new RequestHeaders(['Host', 'abc', 'X-A', '12']).size).toBe(4 + 3 + 3 + 2)
    expect(new RequestHeaders({ Host: 'abc', 'X-N': ['1', '22'] }).size).toBe(4 + 3 + 3 + 1 + 3 + 2)
  })
})
