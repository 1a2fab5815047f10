// Every string and collection a template builds is bounded, not only its output: growth by string
// methods, concatenation, printing of lists that hold themselves, and collections grown in loops
// fail with a catchable TemplateRuntimeError before V8 would abort the process.
import { describe, expect, it } from 'vitest'
import { renderMappingTemplate, TemplateRuntimeError } from '../../src/index.js'
import { INTERNAL_ERROR, post, templateGateway } from './template-gateway.js'

const fails = (template: string, body?: string) =>
  expect(() => renderMappingTemplate(template, body === undefined ? {} : { body })).toThrow(
    TemplateRuntimeError,
  )

describe('template size budget', () => {
  it('refuses a string doubled by replace() in a loop', async () => {
    const template =
      '#set($s = "ab")#foreach($i in [1..60])#set($s = $s.replace("b", $s))#end$s.length()'
    expect(() => renderMappingTemplate(template)).toThrow(/larger than 10485760 characters/)
    expect(await post(templateGateway(template), '{}')).toEqual(INTERNAL_ERROR)
  })

  it('keeps replace() exact within the budget, as Java does', () => {
    expect(renderMappingTemplate('$input.body.replace("a", "$")', { body: 'banana' })).toBe(
      'b$n$n$',
    )
    expect(renderMappingTemplate('#set($s = "ab")$s.replace("", "-")')).toBe('-a-b-')
    expect(renderMappingTemplate('#set($s = "aaaa")$s.replace("aa", "b")')).toBe('bb')
  })

  it('refuses strings grown by replaceAll, concat, + and interpolation', () => {
    const doubling = (step: string) =>
      `#set($s = "ab")#foreach($i in [1..40])#set($s = ${step})#end$s.length()`
    fails(doubling('$s.replaceAll("(.+)", "$1$1")'))
    fails(doubling('$s.replaceAll("", "xyz")'))
    fails(doubling('$s.concat($s)'))
    fails(doubling('$s + $s'))
    fails(doubling('"$s$s"'))
    expect(renderMappingTemplate('#set($s = "a.b.a")$s.replaceAll("(a)", "<$1>")')).toBe(
      '<a>.b.<a>',
    )
    expect(renderMappingTemplate('#set($s = "abc")$s.replaceFirst("(.*)", "$1$1")')).toBe('abcabc')
  })

  it('refuses a regex replacement that would grow a client string past the limit', () => {
    const body = 'a'.repeat(1_000_000)
    fails('$input.body.replaceAll("", "0123456789ABCDEF")', body)
    expect(renderMappingTemplate('$input.body.replaceAll("a", "b").length()', { body })).toBe(
      '1000000',
    )
  })

  it('refuses lists grown by add() in three nested loops', async () => {
    const template =
      '#set($l = [])#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])' +
      '#set($d = $l.add($c))#end#end#end$l.size()'
    fails(template)
    expect(await post(templateGateway(template), '{}')).toEqual(INTERNAL_ERROR)
  })

  it('bounds printing of lists and maps that hold themselves or share parts', () => {
    fails('#set($l = [1])#set($d = $l.add($l))$l')
    fails('#set($m = {})#set($d = $m.put("self", $m))$m.toString()')
    // 40 doublings of sharing: 2^40 leaves if printed naively.
    fails('#set($l = ["x"])#foreach($i in [1..40])#set($l = [$l, $l])#end$l')
    fails('#set($l = ["x"])#foreach($i in [1..40])#set($l = [$l, $l])#end#if($l == "[x]")#end')
    expect(renderMappingTemplate('#set($l = [1, "a", {"k": [2]}])$l')).toBe('[1, a, {k=[2]}]')
  })

  it('bounds $input.json of a body the template made share or hold itself', () => {
    const body = '{"a": [1, 2]}'
    fails(
      '#set($r = $input.path(\'$\'))#foreach($i in [1..40])#set($d = $r.put("a", [$r.a, $r.a]))#end' +
        "$input.json('$')",
      body,
    )
    fails("#set($r = $input.path('$'))#set($d = $r.put('me', $r))$input.json('$')", body)
    expect(
      renderMappingTemplate(
        "#set($r = $input.path('$'))#set($d = $r.put('b', 3))$input.json('$')",
        {
          body,
        },
      ),
    ).toBe('{"a":[1,2],"b":3}')
  })
})
