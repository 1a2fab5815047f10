/**
 * count, for_each, dynamic blocks, splats, for expressions, conditionals and operators with
 * Terraform's semantics.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { ComputedToken } from '../../../src/terraform/values.js'
import { byAddress, cleanup, evalMany, load } from './helpers.js'

afterAll(cleanup)

describe('count and for_each', () => {
  it('expands resources and resolves x[0], x["k"] and x[*]', () => {
    const { instances, diagnostics } = load({
      'main.tf': `
locals {
  routes = { users = "GET", orders = "POST" }
}
resource "aws_api_gateway_resource" "r" {
  for_each  = local.routes
  path_part = each.key
  method    = each.value
}
resource "aws_lambda_function" "fn" {
  count         = 2
  function_name = "fn-\${count.index}"
}
resource "test_thing" "t" {
  one    = aws_api_gateway_resource.r["users"].path_part
  id     = aws_api_gateway_resource.r["orders"].id
  names  = aws_lambda_function.fn[*].function_name
  arns   = aws_lambda_function.fn[*].arn
  second = aws_lambda_function.fn[1].function_name
  keys   = keys(aws_api_gateway_resource.r)
}
`,
    })
    expect(diagnostics).toEqual([])
    expect(instances.map((i) => [i.address, i.key])).toEqual([
      ['aws_api_gateway_resource.r["orders"]', 'orders'],
      ['aws_api_gateway_resource.r["users"]', 'users'],
      ['aws_lambda_function.fn[0]', 0],
      ['aws_lambda_function.fn[1]', 1],
      ['test_thing.t', undefined],
    ])
    const t = byAddress(instances, 'test_thing.t').values
    expect(t['one']).toBe('users')
    expect(t['id']).toEqual(
      new ComputedToken('aws_api_gateway_resource.r["orders"]', 'aws_api_gateway_resource', 'id'),
    )
    expect(t['names']).toEqual(['fn-0', 'fn-1'])
    expect((t['arns'] as ComputedToken[]).map((x) => x.address)).toEqual([
      'aws_lambda_function.fn[0]',
      'aws_lambda_function.fn[1]',
    ])
    expect(t['second']).toBe('fn-1')
    expect(t['keys']).toEqual(['orders', 'users'])
  })

  it('count over an unknown value omits the resource with an unknown-count diagnostic', () => {
    const { instances, diagnostics } = load({
      'main.tf': `
resource "aws_lambda_function" "fn" { function_name = "x" }
resource "test_thing" "t" {
  count = length(aws_lambda_function.fn.arn)
}
`,
    })
    expect(instances.map((i) => i.address)).toEqual(['aws_lambda_function.fn'])
    expect(diagnostics.map((d) => [d.code, d.address])).toContainEqual([
      'unknown-count',
      'test_thing.t',
    ])
  })
})

describe('dynamic blocks', () => {
  it('expands dynamic blocks with iterator, nested blocks as arrays', () => {
    const { instances } = load({
      'main.tf': `
variable "origins" { default = ["a", "b"] }
resource "test_thing" "t" {
  static { n = 0 }
  dynamic "cors" {
    for_each = var.origins
    iterator = o
    content {
      origin = o.value
      index  = o.key
      dynamic "inner" {
        for_each = [1]
        content { v = o.value }
      }
    }
  }
}
`,
    })
    expect(byAddress(instances, 'test_thing.t').values).toEqual({
      static: [{ n: 0 }],
      cors: [
        { origin: 'a', index: 0, inner: [{ v: 'a' }] },
        { origin: 'b', index: 1, inner: [{ v: 'b' }] },
      ],
    })
  })
})

describe('expressions', () => {
  const rows: [string, unknown][] = [
    ['1 + "2"', 3],
    ['"1" == 1', false],
    ['5 % 3', 2],
    ['10 / 4', 2.5],
    ['"b" != "a" && !false', true],
    ['3 > 2 ? "yes" : "no"', 'yes'],
    ['[for s in ["a", "b"] : upper(s)]', ['A', 'B']],
    ['{for k, v in {a = 1, b = 2} : v => k}', { '1': 'a', '2': 'b' }],
    ['[for i, v in ["x", "y", "z"] : i if v != "y"]', [0, 2]],
    ['{for s in ["a", "ab", "b"] : substr(s, 0, 1) => s...}', { a: ['a', 'ab'], b: ['b'] }],
    ['[{a = 1}, {a = 2}][*].a', [1, 2]],
    ['"%{if true}yes%{else}no%{endif}"', 'yes'],
    ['"%{for x in [1, 2]}<${x}>%{endfor}"', '<1><2>'],
    ['"${1 + 1}"', 2],
    ['"v${1 + 1}"', 'v2'],
    ['terraform.workspace', 'default'],
    ['null == null', true],
    ['"v${0.1 + 0.2}"', 'v0.3'],
    ['"v${7 / 2}"', 'v3.5'],
  ]
  const { values, diagnostics } = evalMany(rows.map((r) => r[0]))
  it.each(rows.map((r, i) => [r[0], r[1], i] as const))('%s', (_e, expected, i) => {
    expect(values[i]).toEqual(expected)
  })
  it('produces no diagnostic', () => {
    expect(diagnostics).toEqual([])
  })
})
