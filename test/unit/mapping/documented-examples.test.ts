// The examples in the README and TSDoc, run as written.
import { describe, expect, it } from 'vitest'
import { renderMappingTemplate } from '../../../src/index.js'
import { compileTemplate } from '../../../src/mapping/vtl/compile.js'

describe('documented examples', () => {
  it('README: a #foreach over $input.path', () => {
    expect(
      renderMappingTemplate(
        '#set($pets = $input.path(\'$.pets\'))[#foreach($p in $pets)"$p.name"#if($foreach.hasNext),#end#end]',
        { body: '{"pets": [{"name": "Rex"}, {"name": "Tom"}]}' },
      ),
    ).toBe('["Rex","Tom"]')
  })

  it('renderMappingTemplate TSDoc', () => {
    expect(
      renderMappingTemplate('{"name": "$input.path(\'$.name\')", "id": "$input.params(\'id\')"}', {
        body: '{"name": "Rex"}',
        params: { path: { id: '7' } },
      }),
    ).toBe('{"name": "Rex", "id": "7"}')
  })

  it('compileTemplate TSDoc', () => {
    const render = compileTemplate('#set($n = 5 / 2)$n')
    expect(render({ input: null, util: null, context: null, stageVariables: null })).toBe('2')
  })
})
