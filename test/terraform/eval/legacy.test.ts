/**
 * Terraform 0.11 configurations (3 of the 12 studied repositories): quoted types, `"${…}"`
 * wrapping, `.*.` splats, list() and map(); and resources referring to each other as a whole.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { UnknownValue } from '../../../src/terraform/values.js'
import { byAddress, cleanup, load } from './helpers.js'

afterAll(cleanup)

describe('Terraform 0.11 syntax', () => {
  it('evaluates quoted types, wrapped interpolations, legacy splats, list() and map()', () => {
    const { instances, diagnostics } = load({
      'main.tf': `
variable "names" {
  type    = "list"
  default = ["a", "b"]
}
resource "aws_lambda_function" "fn" {
  count         = "\${length(var.names)}"
  function_name = "\${element(var.names, count.index)}"
}
resource "test_thing" "t" {
  arns  = "\${aws_lambda_function.fn.*.arn}"
  first = "\${aws_lambda_function.fn.0.function_name}"
  m     = "\${map("k", "v")}"
  l     = "\${list("x")}"
}
`,
    })
    expect(diagnostics).toEqual([])
    const t = byAddress(instances, 'test_thing.t').values
    expect(t['arns']).toHaveLength(2)
    expect(t['first']).toBe('a')
    expect(t['m']).toEqual({ k: 'v' })
    expect(t['l']).toEqual(['x'])
    expect(byAddress(instances, 'aws_lambda_function.fn[1]').values['function_name']).toBe('b')
  })
})

describe('whole-resource references', () => {
  it('resources containing each other end in an unknown value, not a crash', () => {
    const { instances } = load({
      'main.tf': `
resource "test_thing" "a" {
  other = test_thing.b
  x     = 1
}
resource "test_thing" "b" {
  other = test_thing.a
  y     = 2
}
`,
    })
    const a = byAddress(instances, 'test_thing.a').values
    const b = (a['other'] ?? {}) as Record<string, unknown>
    expect(b['y']).toBe(2)
    const back = b['other'] as Record<string, unknown>
    expect(back['x']).toBe(1)
    expect(back['other']).toBeInstanceOf(UnknownValue)
  })
})
