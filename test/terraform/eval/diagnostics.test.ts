/**
 * Laziness, diagnostics and limits: unrelated code is never evaluated, what cannot be known is
 * reported with code, address, attribute, place and hint, and a strange configuration neither
 * crashes nor hangs.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { isConfigError } from '../../../src/errors.js'
import { loadTerraform } from '../../../src/terraform/eval/index.js'
import { UnknownValue } from '../../../src/terraform/values.js'
import { byAddress, cleanup, load, tfDir } from './helpers.js'

afterAll(cleanup)

describe('laziness', () => {
  it('an unsupported function in an unrelated resource produces no diagnostic', () => {
    const dir = tfDir({
      'main.tf': `
resource "google_thing" "other" { v = someday_function(1) }
data "aws_vpc" "x" {}
resource "aws_lambda_function" "fn" { function_name = "f" }
`,
    })
    const config = loadTerraform(dir, { env: {} })
    const fns = config.instances((type) => type === 'aws_lambda_function')
    expect(fns.map((f) => f.address)).toEqual(['aws_lambda_function.fn'])
    expect(config.diagnostics).toEqual([])
    config.instances(() => true)
    expect(config.diagnostics.map((d) => d.code).sort()).toEqual(['unsupported-function'])
  })
})

describe('data sources', () => {
  it('answers aws_region, aws_caller_identity, aws_partition, archive_file, template_file', () => {
    const { instances, diagnostics } = load(
      {
        'main.tf': `
provider "aws" { region = "eu-west-1" }
data "aws_region" "current" {}
data "aws_caller_identity" "me" {}
data "aws_partition" "p" {}
data "archive_file" "zip" {
  type        = "zip"
  source_dir  = "\${path.module}/src"
  output_path = "\${path.module}/build/fn.zip"
}
data "template_file" "t" {
  template = "hello $\${name}"
  vars     = { name = "world" }
}
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["execute-api:Invoke"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
data "aws_vpc" "vpc" {}
resource "test_thing" "t" {
  arn    = "arn:\${data.aws_partition.p.partition}:execute-api:\${data.aws_region.current.name}:\${data.aws_caller_identity.me.account_id}:x"
  hash   = data.archive_file.zip.output_base64sha256
  path   = data.archive_file.zip.output_path
  text   = data.template_file.t.rendered
  policy = data.aws_iam_policy_document.p.json
  vpc    = data.aws_vpc.vpc.id
}
`,
      },
      { accountId: '111122223333' },
    )
    const t = byAddress(instances, 'test_thing.t').values
    expect(t['arn']).toBe('arn:aws:execute-api:eu-west-1:111122223333:x')
    expect(t['hash']).toMatchObject({
      address: 'data.archive_file.zip',
      attribute: 'output_base64sha256',
    })
    expect(String(t['path'])).toMatch(/\/build\/fn\.zip$/)
    expect(t['text']).toBe('hello world')
    expect(JSON.parse(t['policy'] as string)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*', Principal: '*' }],
    })
    expect(t['vpc']).toBeInstanceOf(UnknownValue)
    const vpcDiag = diagnostics.find((d) => d.code === 'unknown-data-source')
    expect(vpcDiag).toMatchObject({ address: 'data.aws_vpc.vpc', attribute: 'id' })
    expect(vpcDiag?.hint).toMatch(/aws_vpc/)
  })
})

describe('diagnostics', () => {
  it('carry code, address, attribute, file:line and hint', () => {
    const { diagnostics, dir } = load({
      'main.tf': `resource "test_thing" "t" {
  a = 1
  b = nosuchfn("x")
}
`,
    })
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'unsupported-function',
        severity: 'warning',
        address: 'test_thing.t',
        attribute: 'b',
        pos: expect.objectContaining({ file: `${dir}/main.tf`, line: 3 }),
        hint: expect.stringContaining('nosuchfn'),
      }),
    ])
  })

  it('a reference cycle is a diagnostic, not a crash', () => {
    const { instances, diagnostics } = load({
      'main.tf': `
locals {
  a = local.b
  b = local.a
}
resource "test_thing" "t" { v = local.a }
`,
    })
    expect(byAddress(instances, 'test_thing.t').values['v']).toBeInstanceOf(UnknownValue)
    expect(diagnostics.map((d) => d.code)).toContain('cycle')
  })

  it('a module that calls itself stops at the nesting limit', () => {
    const { diagnostics } = load({
      'main.tf': `
module "self" { source = "./" }
resource "test_thing" "t" {}
`,
    })
    expect(diagnostics.map((d) => d.code)).toContain('limit')
  })

  it('huge ranges and counts are refused, not allocated', () => {
    const { instances, diagnostics } = load({
      'main.tf': `
resource "test_thing" "big" { count = 100000000 }
resource "test_thing" "t" { v = length(range(100000000)) }
`,
    })
    expect(instances.map((i) => i.address)).toEqual(['test_thing.t'])
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['invalid-argument', 'limit'])
  })
})

describe('evaluation budget', () => {
  it('a configuration needing billions of steps stops with a limit diagnostic naming the resource', () => {
    const { diagnostics } = load({
      'main.tf': `
resource "test_thing" "t" {
  v = [for a in range(1000) : [for b in range(1000) : [for c in range(1000) : 1]]]
}
`,
    })
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'limit', severity: 'error', address: 'test_thing.t' }),
    ])
  })
})

describe('configuration errors', () => {
  it('no .tf files', () => {
    const dir = tfDir({ 'README.md': 'x' })
    expect(() => loadTerraform(dir)).toThrow(/no \.tf files/)
  })

  it('a duplicate resource address names both places', () => {
    const dir = tfDir({
      'a.tf': 'resource "aws_lambda_function" "fn" {}\n',
      'b.tf': '\n\nresource "aws_lambda_function" "fn" {}\n',
    })
    let error: unknown
    try {
      loadTerraform(dir)
    } catch (e) {
      error = e
    }
    expect(isConfigError(error)).toBe(true)
    expect(String(error)).toMatch(
      /b\.tf:3: duplicate aws_lambda_function\.fn \(first declared at .*a\.tf:1\)/,
    )
  })

  it('override files merge attribute by attribute', () => {
    const { instances } = load({
      'main.tf': 'resource "test_thing" "t" {\n  a = 1\n  b = 2\n}\n',
      'main_override.tf': 'resource "test_thing" "t" {\n  b = 3\n}\n',
    })
    expect(byAddress(instances, 'test_thing.t').values).toEqual({ a: 1, b: 3 })
  })
})

describe('files', () => {
  it('a file not built yet is a missing-file warning on that attribute only; try() falls back', () => {
    const { instances, diagnostics } = load({
      'main.tf': `
resource "aws_lambda_function" "fn" {
  function_name    = "f"
  source_code_hash = filebase64sha256("build/fn.zip")
  description      = try(file("nope.txt"), "none")
}
`,
    })
    const fn = byAddress(instances, 'aws_lambda_function.fn').values
    expect(fn['function_name']).toBe('f')
    expect(fn['source_code_hash']).toBeInstanceOf(UnknownValue)
    expect(fn['description']).toBe('none')
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'missing-file',
        severity: 'warning',
        attribute: 'source_code_hash',
      }),
    ])
  })
})

describe('templates', () => {
  it('an error inside a template file names the template and its line', () => {
    const { diagnostics, dir } = load({
      'api.tpl': 'line one\nuri: ${nosuch}\n',
      'main.tf': 'resource "test_thing" "t" {\n  v = templatefile("api.tpl", {})\n}\n',
    })
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'invalid-reference',
        pos: expect.objectContaining({ file: `${dir}/api.tpl`, line: 2 }),
      }),
    ])
  })
})
