import { describe, expect, it } from 'vitest'
import {
  jsonNestingExceeds,
  JSON_NESTING_MESSAGE,
  MAX_JSON_DEPTH,
  parseClientJson,
} from '../../../src/core/json-nesting.js'

const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
const padded = (text: string) => text + ' '.repeat(3000) // long enough to be scanned

describe('jsonNestingExceeds', () => {
  it.each<[string, string, boolean]>([
    ['1000 levels', arrays(1000), false],
    ['1001 levels', arrays(1001), true],
    ['objects and arrays mixed', '{"a":['.repeat(501) + ']}'.repeat(501), true],
    ['siblings do not add up', `[${Array(50).fill(arrays(999)).join(',')}]`, false],
    ['brackets in a string', padded(JSON.stringify(['['.repeat(5000)])), false],
    ['an escaped quote keeps the string open', padded(`["\\"${'['.repeat(2000)}"]`), false],
    ['an escaped backslash before the quote closes it', padded(`["\\\\"${'['.repeat(1001)}`), true],
    ['unterminated string', '"' + '['.repeat(5000), false],
    ['invalid JSON, deep before the error', arrays(1001) + 'x', true],
  ])('%s', (_, text, expected) => {
    expect(jsonNestingExceeds(text)).toBe(expected)
  })

  it('does not scan a text too short to nest past the limit', () => {
    expect(jsonNestingExceeds('['.repeat(MAX_JSON_DEPTH * 2))).toBe(false)
    expect(jsonNestingExceeds('['.repeat(MAX_JSON_DEPTH * 2 + 1))).toBe(true)
  })

  it('takes a limit', () => {
    expect(jsonNestingExceeds(arrays(3), 2)).toBe(true)
    expect(jsonNestingExceeds(arrays(2), 2)).toBe(false)
  })
})

describe('parseClientJson', () => {
  it('parses JSON up to the limit', () => {
    expect(parseClientJson('{"a":[1]}')).toEqual({ a: [1] })
    expect(parseClientJson(arrays(1000))).toBeInstanceOf(Array)
  })

  it('throws a SyntaxError past it, as for invalid JSON', () => {
    expect(() => parseClientJson(arrays(1001))).toThrow(new SyntaxError(JSON_NESTING_MESSAGE))
    expect(() => parseClientJson('{')).toThrow(SyntaxError)
  })
})
