/**
 * String, format and regex functions against the results Terraform's documentation gives
 * (each row names its page).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { cleanup, evalMany, fnDoc } from './helpers.js'

afterAll(cleanup)

const rows: [fn: string, expr: string, expected: unknown][] = [
  ['format', '"Hello, ${"Ander"}!"', 'Hello, Ander!'],
  ['format', 'format("Hello, %s!", "Ander")', 'Hello, Ander!'],
  ['format', 'format("There are %d lights", 4)', 'There are 4 lights'],
  ['format', 'format("%v", true)', 'true'],
  ['format', 'format("%#v", "hello")', '"hello"'],
  ['format', 'format("%.2f", 3.14159)', '3.14'],
  ['format', 'format("%5d|%-5d|%05d", 42, 42, 42)', '   42|42   |00042'],
  ['format', 'format("%x %X %o %b", 255, 255, 8, 5)', 'ff FF 10 101'],
  ['format', 'format("%q", "hi")', '"hi"'],
  ['format', 'format("%t", true)', 'true'],
  ['format', 'format("%e", 1234.5678)', '1.234568e+03'],
  ['format', 'format("%[2]s %[1]s", "a", "b")', 'b a'],
  ['format', 'format("100%%")', '100%'],
  [
    'formatlist',
    'formatlist("Hello, %s!", ["Valentina", "Ander"])',
    ['Hello, Valentina!', 'Hello, Ander!'],
  ],
  [
    'formatlist',
    'formatlist("%s, %s!", "Salutations", ["Valentina", "Ander"])',
    ['Salutations, Valentina!', 'Salutations, Ander!'],
  ],
  ['join', 'join("-", ["foo", "bar", "baz"])', 'foo-bar-baz'],
  ['join', 'join(", ", ["foo"])', 'foo'],
  ['split', 'split(",", "foo,bar,baz")', ['foo', 'bar', 'baz']],
  ['split', 'split(",", "foo")', ['foo']],
  ['split', 'split(",", "")', ['']],
  ['replace', 'replace("1 + 2 + 3", "+", "-")', '1 - 2 - 3'],
  ['replace', 'replace("hello world", "/w.*d/", "everybody")', 'hello everybody'],
  ['replace', 'replace("hello world", "/(h)(e)/", "$2$1")', 'ehllo world'],
  ['replace', 'replace("abc", "/x*/", "-")', '-a-b-c-'],
  ['lower', 'lower("HELLO")', 'hello'],
  ['upper', 'upper("hello")', 'HELLO'],
  ['title', 'title("hello world")', 'Hello World'],
  ['trimspace', 'trimspace("  hello\\n\\n")', 'hello'],
  ['trim', 'trim("?!hello?!", "!?")', 'hello'],
  ['trimprefix', 'trimprefix("helloworld", "hello")', 'world'],
  ['trimprefix', 'trimprefix("helloworld", "cat")', 'helloworld'],
  ['trimsuffix', 'trimsuffix("helloworld", "world")', 'hello'],
  ['substr', 'substr("hello world", 1, 4)', 'ello'],
  ['substr', 'substr("🤔🤷", 0, 1)', '🤔'],
  ['substr', 'substr("hello world", -5, -1)', 'world'],
  ['substr', 'substr("hello world", 6, 10)', 'world'],
  ['startswith', 'startswith("hello world", "hello")', true],
  ['startswith', 'startswith("hello world", "world")', false],
  ['endswith', 'endswith("hello world", "world")', true],
  ['strrev', 'strrev("hello")', 'olleh'],
  ['chomp', 'chomp("hello\\r\\n")', 'hello'],
  ['chomp', 'chomp("hello\\n\\n")', 'hello'],
  ['indent', 'indent(2, "[\\n  foo,\\n  bar,\\n]\\n")', '[\n    foo,\n    bar,\n  ]\n  '],
  ['length', 'length("hello")', 5],
  ['length', 'length("👾🕹️")', 2],
  ['regex', 'regex("[a-z]+", "53453453.345345aaabbbccc23454")', 'aaabbbccc'],
  [
    'regex',
    'regex("(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)", "2019-02-01")',
    ['2019', '02', '01'],
  ],
  [
    'regex',
    'regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")',
    { authority: 'terraform.io', scheme: 'https' },
  ],
  ['regexall', 'regexall("[a-z]+", "1234abcd5678efgh9")', ['abcd', 'efgh']],
  ['regexall', 'length(regexall("[a-z]+", "1234abcd5678efgh9"))', 2],
  ['regexall', 'length(regexall("[a-z]+", "123456789")) > 0', false],
  ['can', 'can(regex("^ami-", "ami-123"))', true],
  ['can', 'can(regex("^ami-", "img-123"))', false],
]

describe('string functions', () => {
  const { values, diagnostics } = evalMany(rows.map((r) => r[1]))
  it.each(rows.map((r, i) => [fnDoc(r[0]), r[1], r[2], i] as const))(
    '%s: %s',
    (_doc, _expr, expected, i) => {
      expect(values[i]).toEqual(expected)
    },
  )
  it('produces no diagnostic', () => {
    expect(diagnostics).toEqual([])
  })
})
