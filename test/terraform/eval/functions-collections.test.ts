/**
 * Collection, type conversion and numeric functions against the results Terraform's
 * documentation gives (each row names its page).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { cleanup, evalMany, fnDoc } from './helpers.js'

afterAll(cleanup)

const rows: [fn: string, expr: string, expected: unknown][] = [
  ['merge', 'merge({a = "b", c = "d"}, {e = "f", c = "z"})', { a: 'b', c: 'z', e: 'f' }],
  ['merge', 'merge({a = "b"}, null, {e = "f"})', { a: 'b', e: 'f' }],
  ['concat', 'concat(["a", ""], ["b", "c"])', ['a', '', 'b', 'c']],
  ['length', 'length([])', 0],
  ['length', 'length(["a", "b"])', 2],
  ['length', 'length({"a" = "b"})', 1],
  ['lookup', 'lookup({a = "ay", b = "bee"}, "a", "what?")', 'ay'],
  ['lookup', 'lookup({a = "ay", b = "bee"}, "c", "what?")', 'what?'],
  ['coalesce', 'coalesce("a", "b")', 'a'],
  ['coalesce', 'coalesce("", "b")', 'b'],
  ['coalesce', 'coalesce(1, 2)', 1],
  ['coalesce', 'coalesce(null, "x")', 'x'],
  ['coalescelist', 'coalescelist(["a", "b"], ["c", "d"])', ['a', 'b']],
  ['coalescelist', 'coalescelist([], ["c", "d"])', ['c', 'd']],
  ['toset', 'toset(["c", "b", "b"])', ['b', 'c']],
  ['toset', 'toset(["a", 1, true])', ['1', 'a', 'true']],
  ['tolist', 'tolist(["a", "b", "c"])', ['a', 'b', 'c']],
  ['tomap', 'tomap({"a" = 1, "b" = 2})', { a: 1, b: 2 }],
  ['tostring', 'tostring("hello")', 'hello'],
  ['tostring', 'tostring(1)', '1'],
  ['tostring', 'tostring(true)', 'true'],
  ['tostring', 'tostring(null)', null],
  ['tonumber', 'tonumber("1")', 1],
  ['tonumber', 'tonumber(null)', null],
  ['tobool', 'tobool("true")', true],
  ['keys', 'keys({a = 1, c = 2, d = 3})', ['a', 'c', 'd']],
  ['values', 'values({a = 3, c = 2, d = 1})', [3, 2, 1]],
  ['element', 'element(["a", "b", "c"], 1)', 'b'],
  ['element', 'element(["a", "b", "c"], 3)', 'a'],
  ['contains', 'contains(["a", "b", "c"], "a")', true],
  ['contains', 'contains(["a", "b", "c"], "d")', false],
  ['distinct', 'distinct(["a", "b", "a", "c", "d", "b"])', ['a', 'b', 'c', 'd']],
  ['flatten', 'flatten([["a", "b"], [], ["c"]])', ['a', 'b', 'c']],
  ['flatten', 'flatten([[["a", "b"], []], ["c"]])', ['a', 'b', 'c']],
  ['compact', 'compact(["a", "", "b", null, "c"])', ['a', 'b', 'c']],
  ['zipmap', 'zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
  ['range', 'range(3)', [0, 1, 2]],
  ['range', 'range(1, 4)', [1, 2, 3]],
  ['range', 'range(1, 8, 2)', [1, 3, 5, 7]],
  ['range', 'range(1, 4, 0.5)', [1, 1.5, 2, 2.5, 3, 3.5]],
  ['range', 'range(4, 1)', [4, 3, 2]],
  ['range', 'range(10, 5, -2)', [10, 8, 6]],
  ['slice', 'slice(["a", "b", "c", "d"], 1, 3)', ['b', 'c']],
  ['one', 'one([])', null],
  ['one', 'one(["hello"])', 'hello'],
  ['reverse', 'reverse([1, 2, 3])', [3, 2, 1]],
  ['sort', 'sort(["e", "d", "a", "x"])', ['a', 'd', 'e', 'x']],
  ['index', 'index(["a", "b", "c"], "b")', 1],
  ['alltrue', 'alltrue(["true", true])', true],
  ['alltrue', 'alltrue([true, false])', false],
  ['alltrue', 'alltrue([])', true],
  ['anytrue', 'anytrue(["true"])', true],
  ['anytrue', 'anytrue([])', false],
  ['sum', 'sum([10, 13, 6, 4.5])', 33.5],
  ['chunklist', 'chunklist(["a", "b", "c", "d", "e"], 2)', [['a', 'b'], ['c', 'd'], ['e']]],
  ['setsubtract', 'setsubtract(["a", "b", "c"], ["a", "c"])', ['b']],
  ['setintersection', 'setintersection(["a", "b"], ["b", "c"], ["b", "d"])', ['b']],
  ['abs', 'abs(23)', 23],
  ['abs', 'abs(-12.4)', 12.4],
  ['min', 'min(12, 54, 3)', 3],
  ['min', 'min([12, 54, 3]...)', 3],
  ['max', 'max(12, 54, 3)', 54],
  ['ceil', 'ceil(5.1)', 6],
  ['floor', 'floor(4.9)', 4],
  ['pow', 'pow(3, 2)', 9],
  ['signum', 'signum(-13)', -1],
  ['parseint', 'parseint("100", 10)', 100],
  ['parseint', 'parseint("FF", 16)', 255],
  ['parseint', 'parseint("-10", 16)', -16],
  ['parseint', 'parseint("zz", 36)', 1295],
  ['try', 'try({a = 1}.b, "fallback")', 'fallback'],
  ['try', 'try(tonumber("x"), 5)', 5],
  ['try', 'try("first", "second")', 'first'],
  ['can', 'can({a = 1}.b)', false],
]

describe('collection, type and numeric functions', () => {
  const { values, diagnostics } = evalMany(rows.map((r) => r[1]))
  it.each(rows.map((r, i) => [fnDoc(r[0]), r[1], r[2], i] as const))(
    '%s: %s',
    (_doc, _expr, expected, i) => {
      expect(values[i]).toEqual(expected)
    },
  )
  it('produces no diagnostic (try and can hide the errors they catch)', () => {
    expect(diagnostics).toEqual([])
  })
})
