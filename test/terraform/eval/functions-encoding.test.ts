/**
 * Encoding, hash, JSON/YAML and filesystem functions against the results Terraform's
 * documentation gives (each row names its page).
 */
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanup, evalMany, fnDoc } from './helpers.js'

afterAll(cleanup)

const rows: [fn: string, expr: string, expected: unknown][] = [
  ['sha1', 'sha1("hello world")', '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed'],
  [
    'sha256',
    'sha256("hello world")',
    'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
  ],
  ['md5', 'md5("hello world")', '5eb63bbbe01eeed093cb22bb8f5acdc3'],
  ['base64encode', 'base64encode("Hello World")', 'SGVsbG8gV29ybGQ='],
  ['base64decode', 'base64decode("SGVsbG8gV29ybGQ=")', 'Hello World'],
  ['base64sha256', 'base64sha256("hello world")', 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek='],
  ['urlencode', 'urlencode("Hello World!")', 'Hello+World%21'],
  ['urlencode', 'urlencode("☃")', '%E2%98%83'],
  ['jsonencode', 'jsonencode({"hello" = "world"})', '{"hello":"world"}'],
  [
    'jsonencode',
    'jsonencode({b = [1, true, null], a = "<x>"})',
    '{"a":"\\u003cx\\u003e","b":[1,true,null]}',
  ],
  ['jsondecode', 'jsondecode("{\\"hello\\": \\"world\\"}")', { hello: 'world' }],
  ['jsondecode', 'jsondecode("true")', true],
  ['yamldecode', 'yamldecode("hello: world")', { hello: 'world' }],
  ['yamldecode', 'yamldecode("- a\\n- 1\\n- true")', ['a', 1, true]],
  ['yamlencode', 'yamlencode({"a" = "b", "c" = "d"})', '"a": "b"\n"c": "d"\n'],
  [
    'yamlencode',
    'yamlencode({"foo" = [1, {"a" = "b", "c" = "d"}, 3], "bar" = "baz"})',
    '"bar": "baz"\n"foo":\n- 1\n- "a": "b"\n  "c": "d"\n- 3\n',
  ],
  ['file', 'file("${path.module}/hello.txt")', 'Hello World'],
  ['fileexists', 'fileexists("${path.module}/hello.txt")', true],
  ['fileexists', 'fileexists("nope.txt")', false],
  ['filebase64', 'filebase64("hello.txt")', 'SGVsbG8gV29ybGQ='],
  ['filemd5', 'filemd5("hello.txt")', 'b10a8db164e0754105b7a99be72e3fe5'],
  [
    'filesha256',
    'filesha256("hello.txt")',
    'a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e',
  ],
  [
    'filebase64sha256',
    'filebase64sha256("hello.txt")',
    'pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4=',
  ],
  [
    'templatefile',
    'templatefile("greet.tpl", { name = "Ander", items = ["a", "b"] })',
    'Hello, Ander!\n- a\n- b\n',
  ],
  ['fileset', 'fileset(path.module, "*.txt")', ['hello.txt']],
  ['fileset', 'fileset(path.module, "**/*.{tpl,js}")', ['greet.tpl', 'src/a/index.js']],
  ['templatestring', 'templatestring("Hi $${n}", { n = "x" })', 'Hi x'],
  ['sensitive', 'sensitive("x")', 'x'],
  ['nonsensitive', 'nonsensitive(sensitive("x"))', 'x'],
  [
    'transpose',
    'transpose({"a" = ["1", "2"], "b" = ["2", "3"]})',
    { '1': ['a'], '2': ['a', 'b'], '3': ['b'] },
  ],
  [
    'matchkeys',
    'matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])',
    ['i-abc', 'i-def'],
  ],
  [
    'setproduct',
    'setproduct(["development", "staging"], ["app1", "app2"])',
    [
      ['development', 'app1'],
      ['development', 'app2'],
      ['staging', 'app1'],
      ['staging', 'app2'],
    ],
  ],
  ['basename', 'basename("foo/bar/baz.txt")', 'baz.txt'],
  ['dirname', 'dirname("foo/bar/baz.txt")', 'foo/bar'],
]

describe('encoding, hash and file functions', () => {
  const { values, diagnostics } = evalMany(
    rows.map((r) => r[1]),
    {
      'hello.txt': 'Hello World',
      'src/a/index.js': 'exports.handler = 1',
      'greet.tpl': 'Hello, ${name}!\n%{ for i in items ~}\n- ${i}\n%{ endfor ~}\n',
    },
  )
  it.each(rows.map((r, i) => [fnDoc(r[0]), r[1], r[2], i] as const))(
    '%s: %s',
    (_doc, _expr, expected, i) => {
      expect(values[i]).toEqual(expected)
    },
  )
  it('produces no diagnostic', () => {
    expect(diagnostics).toEqual([])
  })
  it('abspath resolves against the root module', () => {
    const {
      values: [v],
    } = evalMany(['abspath("x/y.txt")'])
    expect(typeof v === 'string' && path.isAbsolute(v) && v.endsWith('/x/y.txt')).toBe(true)
  })
})
