import { describe, expect, it } from 'vitest'
import { RequestHeaders, ResponseHeaders } from '../../../src/core/headers.js'

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

describe('ResponseHeaders', () => {
  it('sets in place, appends, defaults and removes without regard to case', () => {
    const headers = new ResponseHeaders()
    headers.set('Content-Type', 'text/plain')
    headers.append('Set-Cookie', 'a=1')
    headers.append('set-cookie', 'b=2')
    headers.set('content-type', 'application/json')
    headers.setDefault('Content-Type', 'ignored')
    headers.setDefault('X-Extra', 'yes')
    expect(headers.toMaps()).toEqual({
      headers: { 'content-type': 'application/json', 'Set-Cookie': 'b=2', 'X-Extra': 'yes' },
      multiValueHeaders: {
        'content-type': ['application/json'],
        'Set-Cookie': ['a=1', 'b=2'],
        'X-Extra': ['yes'],
      },
    })
    headers.removeWhere((name) => name.toLowerCase().startsWith('set-'))
    expect(headers.has('SET-COOKIE')).toBe(false)
    expect(headers.get('x-extra')).toBe('yes')
  })

  it('keeps a header named __proto__ as data in both views', () => {
    const headers = new ResponseHeaders()
    headers.set('__proto__', 'x')
    const maps = headers.toMaps()
    expect(JSON.stringify(maps)).toBe(
      '{"headers":{"__proto__":"x"},"multiValueHeaders":{"__proto__":["x"]}}',
    )
    expect(Object.getPrototypeOf(maps.headers)).toBe(Object.prototype)
  })

  it('stays correct past the scan limit, including removals', () => {
    const headers = new ResponseHeaders()
    for (let i = 0; i < 60; i++) headers.append(`X-${i}`, String(i))
    headers.removeWhere((name) => Number(name.slice(2)) % 2 === 0)
    expect(headers.get('x-59')).toBe('59')
    expect(headers.has('x-58')).toBe(false)
    headers.set('X-1', 'one')
    expect(Object.keys(headers.toMaps().headers).slice(0, 2)).toEqual(['X-1', 'X-3'])
    expect(headers.get('x-1')).toBe('one')
  })
})
