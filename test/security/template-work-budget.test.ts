// A render gets a fixed number of steps (directives, references, method calls, loop iterations,
// elements visited): nested loops, recursion and JSONPath deep scans over a client's body end with
// AWS's answer for a failed template instead of blocking the event loop.
import { describe, expect, it } from 'vitest'
import { renderMappingTemplate, TemplateRuntimeError } from '../../src/index.js'
import { INTERNAL_ERROR, post, templateGateway } from './template-gateway.js'

const items = (n: number) => JSON.stringify({ items: Array.from({ length: n }, (_, i) => i) })
const threeLoops =
  "#set($n = 0)#foreach($a in $input.path('$.items'))#foreach($b in $input.path('$.items'))" +
  "#foreach($c in $input.path('$.items'))#set($n = $n + 1)#end#end#end$n"

describe('template work budget', () => {
  it('stops three nested loops over a 1,000-item body (10^9 iterations)', () => {
    const body = items(1000)
    expect(body.length).toBeLessThan(5000)
    expect(() => renderMappingTemplate(threeLoops, { body })).toThrow(TemplateRuntimeError)
    expect(() => renderMappingTemplate(threeLoops, { body })).toThrow(/budget of \d+ steps/)
  })

  it('still renders the same loops over a small body', () => {
    expect(renderMappingTemplate(threeLoops, { body: items(20) })).toBe('8000')
  })

  it('answers a client 500 Internal server error, for request and response templates', async () => {
    expect(await post(templateGateway(threeLoops), items(1000))).toEqual(INTERNAL_ERROR)
    const ranges =
      '#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])#end#end#end'
    expect(await post(templateGateway('', ranges), '{}')).toEqual(INTERNAL_ERROR)
    // The gateway keeps serving afterwards.
    expect(await post(templateGateway(threeLoops), items(3))).toEqual([200, '{}'])
  })

  it('counts method calls that visit every element', () => {
    // 1000 × 1000 iterations is within AWS's per-loop quota; each contains() visits 1,000 items.
    const template =
      "#set($l = $input.path('$.items'))#foreach($a in $l)#foreach($b in $l)" +
      '#if($l.contains(-1))x#end#end#end'
    expect(() => renderMappingTemplate(template, { body: items(1000) })).toThrow(/budget/)
  })

  it('limits macro recursion like Velocity (velocimacro.max.depth 20)', () => {
    const fork =
      '#macro(fork $d)#if($d > 0)#set($e = $d - 1)#fork($e)#set($e = $d - 1)#fork($e)#end#end'
    expect(renderMappingTemplate(`${fork}#fork(5)done`)).toBe('done')
    expect(() => renderMappingTemplate(`${fork}#fork(40)`)).toThrow(/nested deeper than 20/)
    const call = '#set($e = $d - 1)#f($e)'
    const wide = `#macro(f $d)#if($d > 0)${call}${call}${call}${call}#end#end`
    expect(() => renderMappingTemplate(`${wide}#f(19)`)).toThrow(/budget/)
  })

  it('bounds JSONPath deep scans of a deeply nested body', () => {
    // 1000 levels is the deepest body a template reads (deeper is refused before parsing).
    const depth = 1000
    const body = '['.repeat(depth) + ']'.repeat(depth)
    expect(() => renderMappingTemplate("$input.path('$..*..*..*').size()", { body })).toThrow(
      TemplateRuntimeError,
    )
    expect(() =>
      renderMappingTemplate("$input.path('$..*..*').size()", { body: `[${body}]` }),
    ).toThrow(/JSON nesting exceeds 1000 levels/)
    expect(renderMappingTemplate("$input.path('$..*').size()", { body: '{"a":{"b":[1,2]}}' })).toBe(
      '4',
    )
  })
})
