// String and map operations whose cost grows with client data are charged by that cost: `trim`,
// `strip` and `hashCode` by the characters they walk, comparisons of long strings by the
// characters compared, map methods that list keys per key, printing a map by its printed length
// and `$util.parseJson` per character parsed. A template that repeats them over a large body
// fails with a TemplateRuntimeError (AWS's 500) instead of blocking the event loop for seconds.
// The CPU-time checks are hang guards only; the assertions are about answers. They count this
// process's CPU time, not wall time, so a loaded machine (other processes) does not fail them.
import { describe, expect, it } from 'vitest'
import { renderMappingTemplate, TemplateRuntimeError } from '../../src/index.js'

const GUARD_MS = 3000

/** Renders `template` over `body`, failing the test if it takes longer than the hang guard. */
function render(template: string, body: unknown): string {
  const started = process.cpuUsage()
  try {
    return renderMappingTemplate(template, {
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  } finally {
    const used = process.cpuUsage(started)
    const elapsed = (used.user + used.system) / 1000
    expect(elapsed, `blocked for ${Math.round(elapsed)} ms of CPU`).toBeLessThan(GUARD_MS)
  }
}
const refused = (template: string, body: unknown): void => {
  expect(() => render(template, body)).toThrow(TemplateRuntimeError)
}
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i)
const bigMap = (keys: number): Record<string, number> =>
  Object.fromEntries(range(keys).map((i) => [`k${i}`, i]))

describe('template undercharged operations', () => {
  describe('trim and strip charge the characters they walk', () => {
    const template = `#set($name = $input.path('$.name'))[#foreach($t in $input.path('$.tags'))"$name.METHOD()-$t"#end]`
    it.each(['trim', 'strip'])('%s of a long blank run, repeated, is refused', (method) => {
      refused(template.replace('METHOD', method), {
        name: `${' '.repeat(500_000)}x`,
        tags: range(1000),
      })
    })
    it('a normal trim and strip answer', () => {
      expect(
        render(`$input.path('$.s').trim()|$input.path('$.s').strip()|`, { s: ' \t Rex \n' }),
      ).toBe('Rex|Rex|')
      expect(render(`$input.path('$.s').trim()`, { s: `${'y'.repeat(200_000)}` })).toHaveLength(
        200_000,
      )
    })
  })

  describe('comparisons of long strings charge the characters compared', () => {
    const a = 'a'.repeat(200_000)
    const body = { a: `${a}x`, b: `${a}y`, tags: range(400) }
    const loop = (test: string): string =>
      `#set($a = $input.path('$.a'))#set($b = $input.path('$.b'))#set($n = 0)#foreach($i in $input.path('$.tags'))#foreach($j in $input.path('$.tags'))#if(${test})#set($n = $n + 1)#end#end#end$n`
    it.each(['$a == $b', '$a != $b', '$a < $b', '$a > $b', '$a.equals($b)'])(
      '%s in nested loops is refused',
      (test) => {
        refused(loop(test), body)
      },
    )
    it('list contains and indexOf, map containsValue in a loop are refused', () => {
      const list = `#set($l = [$input.path('$.b'), $input.path('$.b')])`
      refused(`${list}${loop('$l.contains($a)')}`, body)
      refused(`${list}${loop('$l.indexOf($a) > 0')}`, body)
      refused(`#set($m = {"k": $input.path('$.b')})${loop('$m.containsValue($a)')}`, body)
    })
    it('normal comparisons answer', () => {
      const small = { a: 'abc', b: 'abd', l: ['x', 'abc'] }
      expect(
        render(
          `#set($a = $input.path('$.a'))#set($b = $input.path('$.b'))#if($a == $b)eq#end#if($a != $b)ne#end#if($a < $b)lt#end#if($a > $b)gt#end$input.path('$.l').contains($a) $input.path('$.l').indexOf($a)`,
          small,
        ),
      ).toBe('nelttrue 1')
      expect(render(`#if($input.path('$.a') == $input.path('$.b'))eq#end`, { a, b: a })).toBe('eq')
    })
  })

  describe('hashCode charges the characters it walks', () => {
    it('hashCode of a large body, repeated, is refused', () => {
      refused(
        `#set($s = $input.body)#foreach($i in [1..1000])$s.hashCode()#end`,
        'h'.repeat(2_000_000),
      )
    })
    it('a normal hashCode answers as Java', () => {
      expect(render(`$input.path('$.s').hashCode()`, { s: 'hello' })).toBe('99162322')
    })
  })

  describe('map methods charge every key they list', () => {
    const body = { m: bigMap(60_000), tags: range(1000) }
    it.each(['size', 'isEmpty', 'keySet', 'values', 'entrySet'])(
      '$m.%s() of a large client map in a loop is refused',
      (method) => {
        refused(
          `#set($m = $input.path('$.m'))#foreach($i in $input.path('$.tags'))#set($x = $m.${method}())#end`,
          body,
        )
      },
    )
    it('comparing a large map to a string that could be its print, in a loop, is refused', () => {
      refused(
        `#foreach($i in $input.path('$.tags'))#if($input.path('$.m') == "{strict}")x#end#end`,
        body,
      )
    })
    it('comparing a large map to a plain string answers false without printing it', () => {
      const out = render(
        `#foreach($i in $input.path('$.tags'))#if($input.path('$.mode') == "strict")x#end#end.`,
        { mode: bigMap(60_000), tags: range(1000) },
      )
      expect(out).toBe('.')
    })
    it('normal map methods and map comparisons answer', () => {
      expect(
        render(
          `#set($m = $input.path('$.m'))$m.size() $m.isEmpty() $m.keySet() $m.values() $m.containsValue(2) #if($m == "{a=1, b=2}")eq#end#if($input.path('$.l') == '["x"]')leq#end`,
          { m: { a: 1, b: 2 }, l: ['x'] },
        ),
      ).toBe('2 false [a, b] [1, 2] true eqleq')
      expect(render(`#set($m = {})$m.isEmpty() #set($x = $m.put("k", 1))$m.size()`, {})).toBe(
        'true 1',
      )
    })
  })

  describe('parseJson charges the characters it parses', () => {
    it('parseJson of a large dense text, repeated, is refused', () => {
      const dense = JSON.stringify(range(100_000).map((i) => [i % 10, 1]))
      refused(
        `#set($s = $input.path('$.s'))#foreach($i in [1..1000])#set($v = $util.parseJson($s))#end$v.size()`,
        { s: dense },
      )
    })
    it('a normal parseJson answers', () => {
      expect(
        render(`#set($v = $util.parseJson($input.path('$.s')))$v.a[1] $v.size()`, {
          s: '{"a": [1, 2], "b": null}',
        }),
      ).toBe('2 2')
    })
  })
})
