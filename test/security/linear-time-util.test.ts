// $util functions are linear in their input: a 10 MB client body is escaped in one pass, with
// commons-lang's escapeJavaScript output unchanged.
import { describe, expect, it } from 'vitest'
import { renderMappingTemplate, TemplateRuntimeError } from '../../src/index.js'

const escape = (body: string) =>
  renderMappingTemplate('$util.escapeJavaScript($input.body)', { body })

describe('linear-time $util functions', () => {
  it('escapes like commons-lang escapeJavaScript', () => {
    expect(escape(`a'b"c/d\\e`)).toBe(`a\\'b\\"c\\/d\\\\e`)
    expect(escape('\b\f\n\r\t\u0001\u001f\u007f')).toBe('\\b\\f\\n\\r\\t\\u0001\\u001F\u007f')
    expect(escape('é€😀')).toBe('\\u00E9\\u20AC\\uD83D\\uDE00')
    expect(escape('plain text')).toBe('plain text')
  })

  it('escapes a 10 MB body in one pass', async () => {
    // 64 characters of which two are escaped: 9.6 M characters in, 9.9 M out.
    const line = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"\n'
    const body = line.repeat(150_000)
    const template = '$util.escapeJavaScript($input.body).length()'
    const expected = String((body.length / 64) * 66)
    expect(renderMappingTemplate(template, { body })).toBe(expected)
  })

  it('refuses an escaped text larger than the string limit instead of building it', () => {
    const body = 'é'.repeat(10 * 1024 * 1024)
    expect(() => escape(body)).toThrow(TemplateRuntimeError)
  })

  it('encodes and decodes large bodies', () => {
    const body = 'a b&é'.repeat(200_000)
    expect(
      renderMappingTemplate('$util.urlDecode($util.urlEncode($input.body)).equals($input.body)', {
        body,
      }),
    ).toBe('true')
    expect(
      renderMappingTemplate(
        '$util.base64Decode($util.base64Encode($input.body)).equals($input.body)',
        { body },
      ),
    ).toBe('true')
  })
})
