import { describe, expect, it } from 'vitest'
import { expr, show } from './show.js'

const SPEC = 'hashicorp/hcl hclsyntax/spec.md'

// Quoted templates: source after `x = `, expected tree (see show.ts), source of the rule.
const quoted: readonly (readonly [string, string, string])[] = [
  ['"a\\nb"', '"a\\nb"', `${SPEC} Template Literals (escapes)`],
  ['"\\t\\r\\"\\\\"', '"\\t\\r\\"\\\\"', `${SPEC} Template Literals (escapes)`],
  ['"\\u00e9"', '"é"', `${SPEC} Template Literals (\\u escape)`],
  ['"\\U0001F600"', '"😀"', `${SPEC} Template Literals (\\U escape)`],
  ['"$${x}"', '"${x}"', `${SPEC} Template Literals ($\${ escape)`],
  ['"%%{x}"', '"%{x}"', `${SPEC} Template Literals (%%{ escape)`],
  ['"$x %x $ % $$ %%"', '"$x %x $ % $$ %%"', `${SPEC} Template Literals (lone $ and %)`],
  ['"años"', '"años"', `${SPEC} Template Literals (NFC normalisation, specsuite)`],
  ['"${var.x}"', 'var.x', `${SPEC} Template Expressions (a lone interpolation is unwrapped)`],
  ['"${var.list.0}"', 'var.list[0]', 'legacy 0.11 interpolation with legacy index'],
  ['"${~ var.x ~}"', 'var.x', `${SPEC} Template Interpolations (strip markers)`],
  ['"a-${var.x}"', 'tpl("a-", ${var.x})', `${SPEC} Template Interpolations`],
  ['"${a}${b}"', 'tpl(${a}, ${b})', `${SPEC} Template Interpolations`],
  ['"a ${ b } c"', 'tpl("a ", ${b}, " c")', `${SPEC} Template Interpolations`],
  ['"a ${~ b ~} c"', 'tpl("a", ${b}, "c")', `${SPEC} Template Interpolations (strip markers)`],
  ['"x${f("}")}y"', 'tpl("x", ${f("}")}, "y")', `${SPEC} nested quoted string`],
  ['"${"${"a"}"}"', '"a"', `${SPEC} nested templates`],
  ['"${a ? "b" : "c"}"', '(a ? "b" : "c")', `${SPEC} conditional in a template`],
  ['"${\n  a\n}"', 'a', `${SPEC} newlines ignored inside \${ }`],
  ['"${{ a = 1 }}"', '{"a" = 1}', `${SPEC} an object inside \${ }`],
  ['"%{if a}x%{endif}"', 'tpl(%if(a){"x"}else{})', `${SPEC} Template If Directive`],
  [
    '"%{ if a }x%{ else }y%{ endif }"',
    'tpl(%if(a){"x"}else{"y"})',
    `${SPEC} Template If Directive`,
  ],
  [
    '"%{if a}%{if b}x%{else}y%{endif}%{endif}"',
    'tpl(%if(a){%if(b){"x"}else{"y"}}else{})',
    `${SPEC} Template If Directive (nested)`,
  ],
  [
    '"%{for x in xs}${x},%{endfor}"',
    'tpl(%for(x in xs){${x}, ","})',
    `${SPEC} Template For Directive`,
  ],
  [
    '"%{ for k, v in m ~} ${k}=${v} %{~ endfor }"',
    'tpl(%for(k, v in m){${k}, "=", ${v}})',
    `${SPEC} Template For Directive (strip markers)`,
  ],
  ['"a %{~ if b ~} c %{~ endif ~} d"', 'tpl("a", %if(b){"c"}else{}, "d")', `${SPEC} strip markers`],
]

describe('parseHcl quoted templates', () => {
  it.each(quoted)('%s', (source, expected) => {
    expect(show(expr(source))).toBe(expected)
  })

  it('places the template and its parts', () => {
    const e = expr('"a ${b.c}"')
    expect(e.pos).toMatchObject({ line: 1, column: 5 })
    if (e.kind !== 'template') throw new Error(e.kind)
    const part = e.parts[1]
    if (part?.kind !== 'interpolation') throw new Error('interpolation')
    expect(part.expr.pos).toMatchObject({ line: 1, column: 11 }) // the `.` of .c
  })
})

// Heredocs: the whole attribute value (after `x = `, up to the end of the file).
const heredocs: readonly (readonly [string, string, string])[] = [
  ['<<EOF\nhello\nEOF\n', '"hello\\n"', `${SPEC} Template Expressions (heredoc)`],
  ['<<EOF\n  a\n    b\nEOF', '"  a\\n    b\\n"', `${SPEC} heredoc keeps indentation`],
  ['<<EOT\nEOT\n', '""', `${SPEC} empty heredoc`],
  ['<<EOF\nx\n  EOF\n', '"x\\n"', `${SPEC} the closing marker may be indented`],
  [
    '<<EOF\nx\nEOF   \n',
    '"x\\n"',
    'closing marker with trailing spaces (aws-samples/serverless-patterns)',
  ],
  ['<<EOF\nEOFX\nEOF\n', '"EOFX\\n"', `${SPEC} a longer word is not the marker`],
  ['<<EOF\r\nx\r\nEOF\r\n', '"x\\r\\n"', 'CRLF line ends'],
  ['<<EOF\na\\nb "q"\nEOF\n', '"a\\\\nb \\"q\\"\\n"', `${SPEC} no backslash escapes in heredocs`],
  ['<<EOF\n$${a} %%{b}\nEOF\n', '"${a} %{b}\\n"', `${SPEC} $\${ and %%{ escapes in heredocs`],
  ['<<EOF\n${a}\nEOF\n', 'tpl(${a}, "\\n")', `${SPEC} heredoc interpolation`],
  ['<<-EOF\n    a\n      b\n    EOF\n', '"a\\n  b\\n"', `${SPEC} flush heredoc`],
  ['<<-EOF\n\ta\n\t\tb\n\tEOF\n', '"a\\n\\tb\\n"', `${SPEC} flush heredoc (tabs)`],
  ['<<-EOF\n    a\n\n      b\n  EOF\n', '"a\\n\\n  b\\n"', `${SPEC} flush ignores blank lines`],
  ['<<-EOF\n    a\n  \n    b\nEOF\n', '"a\\n  \\nb\\n"', `${SPEC} flush keeps blank-line spaces`],
  [
    '<<-EOF\n    a ${b}\n      c\n    EOF\n',
    'tpl("a ", ${b}, "\\n  c\\n")',
    `${SPEC} flush heredoc with interpolation`,
  ],
  [
    '<<-EOF\n  ${a}\n    b\n  EOF\n',
    'tpl(${a}, "\\n  b\\n")',
    `${SPEC} flush heredoc with interpolation at a line start`,
  ],
  [
    '<<EOF\n%{ for x in xs ~}\n- ${x}\n%{ endfor ~}\nEOF\n',
    'tpl(%for(x in xs){"- ", ${x}, "\\n"})',
    `${SPEC} heredoc for directive with strip markers`,
  ],
  [
    '<<EOF\n%{if a}\nyes\n%{else}\nno\n%{endif}\nEOF\n',
    'tpl(%if(a){"\\nyes\\n"}else{"\\nno\\n"}, "\\n")',
    `${SPEC} heredoc if directive`,
  ],
  ['<<EOF\n${\n  a\n}\nEOF\n', 'tpl(${a}, "\\n")', `${SPEC} interpolation spanning lines`],
]

describe('parseHcl heredocs', () => {
  it.each(heredocs)('%j', (source, expected) => {
    expect(show(expr(source))).toBe(expected)
  })

  it('lets the attribute after a heredoc be read', () => {
    const e = expr('<<EOF\nx\nEOF\ny = 2')
    expect(show(e)).toBe('"x\\n"')
  })
})
