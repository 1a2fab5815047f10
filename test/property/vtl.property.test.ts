// Property tests of the VTL helpers and of the gateway's robustness to any request body.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createGateway, renderMappingTemplate, silentLogger } from '../../src/index.js'
import { escapeJavaScript, urlDecode, urlEncode } from '../../src/mapping/vtl/util.js'
import { openApi } from '../fixtures/mini-api.js'

// Well-formed Unicode text (lone surrogates cannot round-trip through UTF-8, in Java either).
const text = fc.string({ unit: 'grapheme', maxLength: 200 })
const render = (template: string, s: string) =>
  renderMappingTemplate(template, { body: JSON.stringify({ s }) })

describe('$util round trips', () => {
  it('urlDecode(urlEncode(s)) is s, and the encoding is form encoding', () => {
    fc.assert(
      fc.property(text, (s) => {
        const encoded = urlEncode(s)
        expect(encoded).toMatch(/^[A-Za-z0-9.*_+%-]*$/)
        expect(urlDecode(encoded)).toBe(s)
        expect(render("$util.urlDecode($util.urlEncode($input.path('$.s')))", s)).toBe(s)
      }),
    )
  })

  it('base64Decode(base64Encode(s)) is s', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(render("$util.base64Decode($util.base64Encode($input.path('$.s')))", s)).toBe(s)
      }),
    )
  })

  it("escapeJavaScript output inside a JSON string parses back to the input (after the documented \\' fix)", () => {
    fc.assert(
      fc.property(text, (s) => {
        const escaped = escapeJavaScript(s)
        expect(JSON.parse(`"${escaped.replaceAll("\\'", "'")}"`)).toBe(s)
        expect(render("$util.escapeJavaScript($input.path('$.s'))", s)).toBe(escaped)
      }),
    )
  })
})

describe('any request body', () => {
  const template = [
    "#set($root = $input.path('$'))",
    '{"body": "$util.escapeJavaScript($input.body)", "json": $input.json(\'$\'),',
    ' "a": "$input.path(\'$.a\')", "size": "$root.size()", "id": "$input.params(\'id\')"',
    '#foreach($v in $root)#if($foreach.index < 3),"v$foreach.index": "$util.urlEncode($v)"#end#end}',
  ].join('\n')
  const gateway = createGateway({
    api: openApi({
      '/t/{id}': {
        post: {
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: {
              'application/json': `${template}\n#set($x = 1){"statusCode": 200}`,
            },
            responses: {
              default: { statusCode: '200', responseTemplates: { 'application/json': template } },
            },
          },
        },
      },
    }),
    logger: silentLogger,
  })
  const body = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.json({ maxDepth: 3 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.constantFrom('{', '[', '{"a":', '[1,', 'null{', '{}', '[]', '"x"', '  {  '),
  )

  it('gets an AWS answer (200, 400 or 500), never a rejection or a crash', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.string({ maxLength: 20 }), async (payload, id) => {
        const res = await gateway.invoke({
          method: 'POST',
          // '.' and '..' are dot segments, resolved before routing (docs/aws-parity.md, Routing).
          path: `/t/${encodeURIComponent(id === '' || id === '.' || id === '..' ? 'x' : id)}`,
          body: payload,
        })
        expect([200, 400, 500]).toContain(res.statusCode)
        if (res.statusCode === 400)
          expect(JSON.parse(res.body).message).toMatch(/^Could not process payload/)
      }),
      { numRuns: 300 },
    )
  })
})
