import { describe, expect, it } from 'vitest'
import { parseHcl, type HclBody } from '../../../src/terraform/hcl/index.js'
import { show } from './show.js'

/** A body as plain data: attributes as shown expressions, blocks with labels and bodies. */
function outline(body: HclBody): unknown {
  return {
    ...Object.fromEntries(body.attributes.map((a) => [a.name, show(a.expr)])),
    ...(body.blocks.length > 0
      ? { blocks: body.blocks.map((b) => [b.type, ...b.labels, outline(b.body)]) }
      : {}),
  }
}

const SPEC = 'hashicorp/hcl hclsyntax/spec.md'

const cases: readonly (readonly [string, string, unknown])[] = [
  ['empty file', '', {}],
  ['only comments', '# a\n// b\n/* c\n d */\n', {}],
  ['attributes', 'a = 1\nb = "x"\n', { a: '1', b: '"x"' }],
  ['no newline at the end', 'a = 1', { a: '1' }],
  [
    'comment after an attribute',
    'a = 1 # one\nb = 2 // two\nc = 3 /* three */\n',
    {
      a: '1',
      b: '2',
      c: '3',
    },
  ],
  ['multi-line comment between items', 'a = 1\n/*\n b = 2\n*/\nc = 3\n', { a: '1', c: '3' }],
  [
    'block with quoted labels',
    'resource "aws_api_gateway_rest_api" "api" {\n  name = "x"\n}\n',
    { blocks: [['resource', 'aws_api_gateway_rest_api', 'api', { name: '"x"' }]] },
  ],
  [
    'block with bare labels',
    'resource aws_lambda_function fn {\n  handler = "index.handler"\n}\n',
    { blocks: [['resource', 'aws_lambda_function', 'fn', { handler: '"index.handler"' }]] },
  ],
  ['label with an escape', 'a "x\\ty" {\n}\n', { blocks: [['a', 'x\ty', {}]] }],
  ['block without labels', 'locals {\n  a = 1\n}\n', { blocks: [['locals', { a: '1' }]] }],
  ['empty one-line block', 'variable "x" {}\n', { blocks: [['variable', 'x', {}]] }],
  ['one-line block', 'a { b = 1 }\n', { blocks: [['a', { b: '1' }]] }],
  [
    'one-line block with a call',
    'a "l" { b = f(1, 2) }\n',
    { blocks: [['a', 'l', { b: 'f(1, 2)' }]] },
  ],
  [
    'blank lines and comments in a body',
    'a {\n\n  # c\n\n  b = 1\n\n}\n',
    {
      blocks: [['a', { b: '1' }]],
    },
  ],
  [
    'nested and dynamic blocks',
    [
      'resource "aws_api_gateway_method_settings" "s" {',
      '  settings {',
      '    metrics_enabled = true',
      '  }',
      '  dynamic "x" {',
      '    for_each = var.xs',
      '    content {',
      '      y = x.value',
      '    }',
      '  }',
      '}',
    ].join('\n'),
    {
      blocks: [
        [
          'resource',
          'aws_api_gateway_method_settings',
          's',
          {
            blocks: [
              ['settings', { metrics_enabled: 'true' }],
              ['dynamic', 'x', { for_each: 'var.xs', blocks: [['content', { y: 'x.value' }]] }],
            ],
          },
        ],
      ],
    },
  ],
  ['CRLF line ends', 'a = 1\r\nb {\r\n  c = 2\r\n}\r\n', { a: '1', blocks: [['b', { c: '2' }]] }],
  ['tabs', 'a\t=\t1\n', { a: '1' }],
  ['attribute named like a keyword', 'for = 1\nif = 2\n', { for: '1', if: '2' }],
  ['byte order mark', '\uFEFFa = 1\n', { a: '1' }],
  [
    'object values across lines',
    'tags = {\n  Name = "x"\n  Env  = var.env\n}\n',
    { tags: '{"Name" = "x", "Env" = var.env}' },
  ],
  ['heredoc followed by an attribute', 'p = <<EOF\n{}\nEOF\nq = 1\n', { p: '"{}\\n"', q: '1' }],
]

describe('parseHcl bodies', () => {
  it.each(cases)(`%s (${SPEC} Structural Elements)`, (_name, source, expected) => {
    expect(outline(parseHcl(source, 'main.tf'))).toEqual(expected)
  })

  it('keeps blocks of one type in source order', () => {
    const body = parseHcl('r "a" "1" {}\nr "a" "2" {}\nr "b" "3" {}\n', 'main.tf')
    expect(body.blocks.map((b) => b.labels.join('.'))).toEqual(['a.1', 'a.2', 'b.3'])
  })

  it('gives every attribute, block and body its position', () => {
    const body = parseHcl('\n# x\nresource "a" "b" {\n  n = 1\n  inner {\n  }\n}\n', 'dir/main.tf')
    expect(body.pos).toEqual({ file: 'dir/main.tf', line: 1, column: 1 })
    const block = body.blocks[0]
    expect(block?.pos).toEqual({ file: 'dir/main.tf', line: 3, column: 1 })
    expect(block?.body.attributes[0]?.pos).toEqual({ file: 'dir/main.tf', line: 4, column: 3 })
    expect(block?.body.attributes[0]?.expr.pos).toEqual({ file: 'dir/main.tf', line: 4, column: 7 })
    expect(block?.body.blocks[0]?.pos).toMatchObject({ line: 5, column: 3 })
  })
})
