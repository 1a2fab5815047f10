import { describe, expect, it } from 'vitest'
import { isPorticoError, renderMappingTemplate } from '../../src/index.js'

/** Renders `template` with `$input.path('$.s')` = s and query parameters p and r. */
function render(template: string, s: string, p: string, r = ''): string {
  return renderMappingTemplate(template, {
    body: JSON.stringify({ s }),
    params: { querystring: { p, r } },
  })
}
const matches = (s: string, p: string): string =>
  render("$input.path('$.s').matches($input.params('p'))", s, p)

// [pattern, input, String.matches result]. Source: java.util.regex.Pattern (Java 8+), each row
// checked with OpenJDK 17's `input.matches(pattern)`.
const MATCHES: ReadonlyArray<readonly [string, string, boolean]> = [
  ['\\++', '+++', true], // escaped + then +: one or more literal +, not possessive
  ['a\\++', 'a+++', true],
  ['a++', 'aaa', true], // possessive quantifiers
  ['a*+b', 'aab', true],
  ['a?+b', 'ab', true],
  ['a{2}+', 'aa', true],
  ['a{1,3}+b', 'aaab', true],
  ['(?s)a.b', 'a\nb', true], // inline DOTALL
  ['a.b', 'a\nb', false],
  ['a.b', 'a\rb', false], // Java's . excludes every line terminator
  ['a.b', 'a\u2028b', false],
  ['(?d)a.b', 'a\rb', true], // UNIX_LINES: only \n is a terminator
  ['a(?s:.)b', 'a\nb', true], // scoped flags
  ['(?s)a(?-s:.)b', 'a\nb', false],
  ['(?i)abc', 'ABC', true],
  ['(?i)ab(?-i)c', 'ABC', false],
  ['(?m)^b$', 'b', true],
  ['(?x) a b # comment\n c', 'abc', true], // comments mode
  ['\\Qa.b\\E', 'a.b', true], // quoting
  ['\\Qa.b\\E', 'axb', false],
  ['\\Qab\\E*', 'abbb', true], // a quantifier after \E applies to the last character
  ['[a-c[x-z]]+', 'abyz', true], // nested union class
  ['[]a]+', ']a]', true],
  ['[\\p{Upper}\\d]+', 'A1B2', true],
  ['\\p{Lower}+', 'abc', true],
  ['\\P{Lower}+', 'ABC', true],
  ['\\p{L}+', 'été', true],
  ['\\p{IsLatin}+', 'abc', true],
  ['\\s', '\u000b', true], // Java's \s includes VT
  ['\\S', '\u000b', false],
  ['\\h', '\u00a0', true],
  ['\\R', '\r\n', true],
  ['\\u0041\\x42\\x{43}\\0104', 'ABCD', true],
  ['\\t\\e\\cA', '\t\u001b\u0001', true],
  ['\\Aab\\z', 'ab', true],
  ['ab\\Z', 'ab', true],
  ['(?<year>\\d{4})-\\d\\d', '2024-05', true],
  ['a|b|', '', true],
  ['[\\Q]\\E]', ']', true],
  ['\\@\\#\\-', '@#-', true], // escaped punctuation is literal
]

// Valid Java that needs backtracking (or a Java-only feature): rejected, never run on a
// backtracking engine. A template using one fails to render with a catchable error.
const UNSUPPORTED: readonly string[] = [
  '(a)\\1', // backreference
  '(?<n>a)\\k<n>',
  '(?=a)a', // lookahead
  '(?!b)a',
  '(?<=a)b', // lookbehind
  '(?<!a)b',
  '(?>a)', // atomic group
  '[a-z&&[^x]]', // class intersection
  '[a[^b]]', // negated class nested in a class
  '\\G',
  '\\p{InGreek}', // Unicode blocks (RE2 has scripts and categories only)
  'a{1001}', // RE2's repetition limit is 1000
]

// Invalid in Java too (PatternSyntaxException from OpenJDK 17).
const INVALID: readonly string[] = ['{"a"}', 'x{,2}', '(', 'a)', '[a', '\\', '\\y']

// [text, pattern, replacement, Java's replaceAll result]; OpenJDK 17.
const REPLACE_ALL: ReadonlyArray<readonly [string, string, string, string]> = [
  ['joe@example.com', '(\\w+)@(\\w+)', '$2:$1', 'example:joe.com'],
  ['joe', '(?<n>o)', '${n}\\$1', 'jo$1e'],
  ['abc', '(b)', '$12', 'a' + 'b2' + 'c'], // $12 with one group is group 1, then "2"
  ['aaa', 'a*+', '-', '--'],
  ['abc', 'x*', '-', '-a-b-c-'],
  ["it\\'s", "\\\\'", "'", "it's"],
  ['a+b++c', '\\++', '+', 'a+b+c'],
  ['a\r\nb', '\\R', ' ', 'a b'],
]

// [text, pattern, Java's split result]; OpenJDK 17.
const SPLIT: ReadonlyArray<readonly [string, string, string]> = [
  ['a, b,c', ',\\s*', '[a, b, c]'],
  ['a,b,,', ',', '[a, b]'],
  [',a', ',', '[, a]'],
  ['axbc', 'x*', '[a, , b, c]'],
  ['abc', '', '[a, b, c]'],
  ['', ',', '[]'],
  [',,', ',', '[]'],
  ['a1b22c', '\\d+', '[a, b, c]'],
]

describe('java regex syntax', () => {
  it.each(MATCHES)('%j matches %j: %s', (pattern, input, expected) => {
    expect(matches(input, pattern)).toBe(String(expected))
  })

  it.each([...UNSUPPORTED, ...INVALID])('rejects %j with a catchable error', (pattern) => {
    expect(() => matches('a', pattern)).toThrow()
    try {
      matches('a', pattern)
    } catch (error) {
      expect(isPorticoError(error)).toBe(true)
    }
  })

  it.each(REPLACE_ALL)('%j.replaceAll(%j, %j)', (text, pattern, replacement, expected) => {
    expect(
      render(
        "$input.path('$.s').replaceAll($input.params('p'), $input.params('r'))",
        text,
        pattern,
        replacement,
      ),
    ).toBe(expected)
  })

  it('replaceFirst replaces the first match with Java replacement syntax', () => {
    expect(
      render(
        "$input.path('$.s').replaceFirst($input.params('p'), $input.params('r'))",
        'a1b2',
        '(\\d)',
        '<$1>',
      ),
    ).toBe('a<1>b2')
  })

  it('a replacement naming a missing group fails to render (Java: No group 3)', () => {
    expect(() =>
      render(
        "$input.path('$.s').replaceAll($input.params('p'), $input.params('r'))",
        'ab',
        '(a)(b)',
        '$3',
      ),
    ).toThrow()
  })

  it.each(SPLIT)('%j.split(%j)', (text, pattern, expected) => {
    // '' splits to [""] in Java; the list prints as [] then
    expect(render("$input.path('$.s').split($input.params('p'))", text, pattern)).toBe(
      text === '' ? '[]' : expected,
    )
  })
})
