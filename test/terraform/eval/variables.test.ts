/**
 * Root variables: defaults, tfvars files, TF_VAR_*, var files and -var values in Terraform's
 * precedence (developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence),
 * type conversion, and a variable with no value.
 */
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { UnknownValue } from '../../../src/terraform/values.js'
import { byAddress, cleanup, load, tfDir } from './helpers.js'
import { loadTerraform } from '../../../src/terraform/eval/index.js'

afterAll(cleanup)

const main = `
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "f" { default = "default" }
resource "test_thing" "t" {
  a = var.a
  b = var.b
  c = var.c
  d = var.d
  e = var.e
  f = var.f
}
`

describe('variable precedence', () => {
  it('env < terraform.tfvars < tfvars.json < *.auto.tfvars (lexical) < var files < vars', () => {
    const dir = tfDir({
      'main.tf': main,
      'terraform.tfvars': 'b = "tfvars"\nc = "tfvars"\nd = "tfvars"\ne = "tfvars"\nf = "tfvars"\n',
      'terraform.tfvars.json': '{"c": "tfvars.json", "d": "tfvars.json"}',
      'a.auto.tfvars': 'd = "a.auto"\ne = "a.auto"\n',
      'b.auto.tfvars.json': '{"e": "b.auto"}',
      'extra.tfvars': 'f = "file"\n',
    })
    const config = loadTerraform(dir, {
      env: { TF_VAR_a: 'env', TF_VAR_b: 'env', TF_VAR_f: 'env' },
      varFiles: [path.join(dir, 'extra.tfvars')],
    })
    const t = byAddress(
      config.instances(() => true),
      'test_thing.t',
    )
    expect(t.values).toEqual({
      a: 'env',
      b: 'tfvars',
      c: 'tfvars.json',
      d: 'a.auto',
      e: 'b.auto',
      f: 'file',
    })
    const withVars = loadTerraform(dir, {
      env: {},
      varFiles: [path.join(dir, 'extra.tfvars')],
      vars: { f: 'var', a: 'var' },
    })
    const t2 = byAddress(
      withVars.instances(() => true),
      'test_thing.t',
    )
    expect(t2.values['f']).toBe('var')
    expect(t2.values['a']).toBe('var')
  })

  it('converts to the declared type; complex -var strings are HCL', () => {
    const { instances, diagnostics } = load(
      {
        'main.tf': `
variable "n" { type = number }
variable "l" { type = list(string) }
variable "o" {
  type = object({ name = string, size = optional(number, 3) })
}
variable "s" { type = string }
resource "test_thing" "t" {
  n = var.n + 1
  l = var.l
  o = var.o
  s = var.s
}
`,
      },
      { env: { TF_VAR_n: '41', TF_VAR_l: '["x", "y"]' }, vars: { o: '{ name = "n" }', s: 5 } },
    )
    expect(byAddress(instances, 'test_thing.t').values).toEqual({
      n: 42,
      l: ['x', 'y'],
      o: { name: 'n', size: 3 },
      s: '5',
    })
    expect(diagnostics).toEqual([])
  })

  it('a variable with no value is unknown with an unset-variable diagnostic, not a failed load', () => {
    const { instances, diagnostics } = load({
      'main.tf': `
variable "stage" {}
resource "test_thing" "t" {
  name  = "api-\${var.stage}"
  fixed = "ok"
}
`,
    })
    const t = byAddress(instances, 'test_thing.t')
    expect(t.values['fixed']).toBe('ok')
    expect(t.values['name']).toBeInstanceOf(UnknownValue)
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({
      code: 'unset-variable',
      severity: 'error',
      address: 'var.stage',
      hint: "pass -var 'stage=value'",
      pos: { line: 2 },
    })
  })

  it('a missing var file is a ConfigError', () => {
    const dir = tfDir({ 'main.tf': main })
    expect(() => loadTerraform(dir, { env: {}, varFiles: ['/nonexistent/x.tfvars'] })).toThrow(
      /var file not found/,
    )
  })

  it('a null module input of a nullable = false variable takes the default', () => {
    const { instances } = load({
      'm/main.tf': `
variable "stage" {
  default  = "dev"
  nullable = false
}
variable "other" { default = "x" }
resource "test_thing" "t" {
  stage = var.stage
  other = var.other
}
`,
      'main.tf': `
module "m" {
  source = "./m"
  stage  = null
  other  = null
}
`,
    })
    expect(byAddress(instances, 'module.m.test_thing.t').values).toEqual({
      stage: 'dev',
      other: null,
    })
  })

  it('a provider region from an unset variable falls back to us-east-1 with a warning', () => {
    const { instances, diagnostics } = load({
      'main.tf': `
variable "region" {}
provider "aws" { region = var.region }
data "aws_region" "r" {}
resource "test_thing" "t" { r = data.aws_region.r.name }
resource "test_thing" "u" { r = var.region }
`,
    })
    expect(byAddress(instances, 'test_thing.t').values['r']).toBe('us-east-1')
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['unknown-region', 'warning'],
      ['unset-variable', 'error'],
    ])
  })
})
