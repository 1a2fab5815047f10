// A template reads its inputs and nothing else: no JavaScript prototypes, constructors, globals
// or Java reflection, and it cannot change objects outside its own render.
import { afterEach, describe, expect, it } from 'vitest'
import { renderMappingTemplate } from '../../../src/index.js'

const render = (template: string, body = '{"a": {"b": 1}}') =>
  renderMappingTemplate(template, { body, params: { header: { h: 'v' } } })

describe('template sandbox', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(([] as unknown as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it.each([
    '$input.body.constructor',
    '$input.body.constructor.constructor',
    "$input.body.constructor.constructor('return process')",
    '$input.body.getClass().getClassLoader()',
    "$input.path('$').constructor",
    "$input.path('$').hasOwnProperty",
    "$input.path('$').toString.call",
    "$input.path('$.a').__proto__",
    '$util.constructor',
    '$util.getClass().forName("java.lang.Runtime")',
    '$input.getClass()',
    '$context.constructor.prototype',
    '$stageVariables.__proto__',
    '$input.params().__proto__',
    '$foo.bar',
    '$process.env',
    '$globalThis',
    '$require',
  ])('%s reaches nothing', (expression) => {
    expect(render(`[${expression}]`)).toBe('[]')
  })

  it('cannot pollute Object.prototype through #set or put', () => {
    render("#set($m = {})#set($m.__proto__.polluted = 1)#set($x = $m.put('__proto__', 1))")
    render("#set($m = $input.path('$'))#set($m.__proto__.polluted = 1)", '{"__proto__": {}}')
    render('#set($l = [])#set($l.__proto__.polluted = 1)')
  })

  it('keeps a JSON key named __proto__ as data, not a prototype', () => {
    expect(render("$input.path('$').get('__proto__').x", '{"__proto__": {"x": 7}}')).toBe('7')
  })

  it("cannot change the caller's inputs", () => {
    const context = { stage: 'prod' }
    const params = { path: { id: '1' } }
    renderMappingTemplate(
      "#set($context.stage = 'x')#set($input.params().path.id = '2')$context.stage",
      { context, params },
    )
    expect(context.stage).toBe('prod')
    expect(params.path.id).toBe('1')
  })

  it('bounds work: ranges, loops and output size', () => {
    expect(() => render('#foreach($i in [1..100000000])#end')).toThrow(/range is too large/)
    expect(() =>
      render('#set($s = "xxxxxxxxxxxxxxxx")#foreach($i in [1..40])#set($s = "$s$s")#end$s'),
    ).toThrow(/larger than/)
  })
})
