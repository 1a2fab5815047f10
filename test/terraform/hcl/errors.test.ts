import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.js'
import { parseHcl } from '../../../src/terraform/hcl/index.js'
import { errorOf } from './show.js'

// Syntax errors: source, and the message after `main.tf:` (line:column: what is wrong). Each
// is an error in HashiCorp's parser too (checked against @cdktn/hcl2json, which wraps it),
// except `1e400`: HCL numbers have arbitrary precision, ours are JavaScript numbers.
const cases: readonly (readonly [string, string])[] = [
  ['a = 1 b = 2', '1:7: expected a newline after the attribute or block, found "b"'],
  ['a = 1\na = 2', '2:1: duplicate attribute "a" (first set at line 1)'],
  ['x = "abc', '1:5: unterminated string (a quoted string ends on its line)'],
  ['x = "abc\n"', '1:5: unterminated string (a quoted string ends on its line)'],
  ['x = <<EOF\nabc', '1:5: unterminated heredoc: no closing EOF line'],
  ['x = <<EOF abc\nEOF\n', '1:10: invalid heredoc: a newline must follow <<EOF'],
  ['x = <<\nEOF\n', '1:5: invalid heredoc: expected a marker'],
  ['a "x${y}" {}\n', '1:3: a block label cannot hold ${ } or %{ }'],
  ['x = {a = 1 b = 2}', '1:12: expected a comma or newline after an object item, found "b"'],
  ['x = f(a..., b)', '1:11: expected ")" to close the arguments of f, found ","'],
  ['x = [1, 2', '1:10: expected "]" to close the tuple, found end of file'],
  ['x = (1\n', '2:1: expected ")" to close the parenthesis, found end of file'],
  ['resource "a" "b" {\n  x = 1\n', '1:18: this block has no closing "}"'],
  ['x = "\\q"', '1:6: invalid escape sequence \\q'],
  ['x = "\\u12"', '1:6: invalid \\u escape: 4 hex digits expected'],
  ['x = "\\UFFFFFFFF"', '1:6: invalid \\U escape: 8 hex digits expected'],
  ['x = "%{if a}x"', '1:6: this %{if} has no %{endif}'],
  ['x = "%{endif}"', '1:6: unexpected %{endif}'],
  ['x = "%{if a}%{else}%{else}%{endif}"', '1:20: unexpected %{else}'],
  ['x = "%{for x in y}%{endif}"', '1:19: unexpected %{endif}'],
  [
    'x = "%{ bogus }"',
    '1:9: expected a template directive (if, else, endif, for, endfor), found "bogus"',
  ],
  ['x = "${a"', '1:9: expected "}" to close "${", found string'],
  ['x = "${a ~"', '1:11: expected "}" to close "${", found string'],
  // regression (newline inside an object key, found by differential fuzzing against hclsyntax)
  ['x = {-\n  a = 1\n}', '1:7: expected an expression, found newline'],
  ['x = {a\n= 1}', '1:7: expected "=" or ":" after an object key, found newline'],
  ['x = a.0.1', '1:7: chained legacy indexes (.0.1) are not allowed, write [0][1], found "0.1"'],
  ['x = a.', '1:7: expected an attribute name after ".", found end of file'],
  ['x = 1 +\n', '1:8: expected an expression, found newline'],
  ['x = @', '1:5: invalid character "@"'],
  ['/* never closed', '1:1: unterminated /* comment'],
  ['x = a ? b\n', '1:10: expected ":" in a conditional expression, found newline'],
  ['x = [for x xs : x]', '1:12: expected "in", found "xs"'],
  ['x = {for k, v in m : v}', '1:23: expected "=>" after the key of a for expression, found "}"'],
  ['x = [for k, v in m : k => v]', '1:24: expected "]" to close the for expression, found "=>"'],
  ['a { b {} }', '1:5: a one-line block holds at most one attribute, expected "name =", found "b"'],
  [
    'a { b = 1\n}',
    '1:10: expected "}" to close the one-line block (one attribute at most), found newline',
  ],
  ['a {\n  b = 1 }\n', '2:9: expected a newline after the attribute or block, found "}"'],
  ['= 1', '1:1: expected an attribute or block, found "="'],
  ['}', '1:1: expected an attribute or block, found "}"'],
  ['x = 1e400', '1:5: number out of range, found "1e400"'],
  [
    'x = provider::aws',
    '1:18: expected "(" after the function name provider::aws, found end of file',
  ],
  ['a "b" = 1', '1:7: expected a label or "{" in the a block, found "="'],
  ['x = {a}', '1:7: expected "=" or ":" after an object key, found "}"'],
  ['x = { a = 1 , , }', '1:15: expected an expression, found ","'],
  ['a {\n', '1:3: this block has no closing "}"'],
  ['x = f(1 2)', '1:9: expected ")" to close the arguments of f, found "2"'],
  ['x = a[*', '1:8: expected "]" after "[*", found end of file'],
  ['x = a[1', '1:8: expected "]" to close the index, found end of file'],
  ['x = a.*.[0]', '1:9: expected an attribute name after ".", found "["'],
  ['x = "%{ for in y }%{endfor}"', '1:16: expected "in", found "y"'],
  ['x = [for x in y : x if]', '1:23: expected an expression, found "]"'],
]

describe('parseHcl syntax errors', () => {
  it.each(cases)('%j', (source, expected) => {
    expect(errorOf(() => parseHcl(source, 'main.tf'))).toBe(`main.tf:${expected}`)
  })

  it('throws ConfigError', () => {
    expect(() => parseHcl('x = ', 'main.tf')).toThrow(ConfigError)
  })
})

// Deep nesting is refused with a ConfigError, not a stack overflow; long flat input is fine.
const N = 100_000
const deep: readonly (readonly [string, string])[] = [
  ['tuples', `x = ${'['.repeat(N)}`],
  ['objects', `x = ${'{a = '.repeat(N)}`],
  ['parentheses', `x = ${'('.repeat(N)}`],
  ['unary operators', `x = ${'!'.repeat(N)}a`],
  ['conditionals', `x = ${'a ? b : '.repeat(N)}c`],
  ['interpolations', `x = ${'"${'.repeat(N)}`],
  ['template directives', `x = "${'%{if a}'.repeat(N)}"`],
  ['blocks', 'a {\n'.repeat(N)],
]

describe('parseHcl nesting limit', () => {
  it.each(deep)('%s', (_name, source) => {
    expect(errorOf(() => parseHcl(source, 'deep.tf'))).toMatch(
      /^deep\.tf:\d+:\d+: (directives )?nest(ing|ed) deeper than 200 levels$/,
    )
  })

  it('parses long flat expressions and files', () => {
    const sum = parseHcl(`x = ${'1 + '.repeat(N)}1`, 'long.tf')
    expect(sum.attributes[0]?.expr.kind).toBe('binary')
    const many = parseHcl('a = [1]\n'.replace('a', 'b') + 'r "x" { y = 1 }\n'.repeat(N), 'many.tf')
    expect(many.blocks).toHaveLength(N)
  })
})
