/**
 * Computed attributes as tokens, flowing through strings, jsonencode, templates, module inputs
 * and outputs; local modules with count / for_each; registry modules from modules.json or
 * reported.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { ComputedToken, TokenString, UnknownValue } from '../../../src/terraform/values.js'
import { byAddress, cleanup, load } from './helpers.js'

afterAll(cleanup)

const lambdaModule = {
  'modules/fn/main.tf': `
variable "name" {}
resource "aws_lambda_function" "fn" {
  function_name = var.name
  handler       = "index.handler"
}
output "invoke_arn" { value = aws_lambda_function.fn.invoke_arn }
output "name" { value = aws_lambda_function.fn.function_name }
`,
}

describe('tokens', () => {
  it('an unset attribute is a token; a configured one is its value', () => {
    const { instances } = load({
      'main.tf': `
resource "aws_api_gateway_rest_api" "api" { name = "api" }
resource "aws_api_gateway_resource" "users" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "users"
  name_copy   = aws_api_gateway_rest_api.api.name
}
resource "aws_apigatewayv2_route" "r" {
  target = "integrations/\${aws_api_gateway_resource.users.id}"
}
`,
    })
    const users = byAddress(instances, 'aws_api_gateway_resource.users')
    expect(users.values['rest_api_id']).toEqual(
      new ComputedToken('aws_api_gateway_rest_api.api', 'aws_api_gateway_rest_api', 'id'),
    )
    expect(users.values['parent_id']).toMatchObject({ attribute: 'root_resource_id' })
    expect(users.values['name_copy']).toBe('api')
    const target = byAddress(instances, 'aws_apigatewayv2_route.r').values['target']
    expect(target).toBeInstanceOf(TokenString)
    expect((target as TokenString).parts).toEqual([
      'integrations/',
      new ComputedToken('aws_api_gateway_resource.users', 'aws_api_gateway_resource', 'id'),
    ])
  })

  it('tokens pass through module outputs and variables with their chain', () => {
    const { instances, diagnostics } = load({
      ...lambdaModule,
      'modules/api/main.tf': `
variable "fn_arn" {}
resource "aws_api_gateway_integration" "i" {
  uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/\${var.fn_arn}/invocations"
}
`,
      'main.tf': `
module "fn" {
  source = "./modules/fn"
  name   = "users"
}
module "api" {
  source = "./modules/api"
  fn_arn = module.fn.invoke_arn
}
`,
    })
    expect(diagnostics).toEqual([])
    const fn = byAddress(instances, 'module.fn.aws_lambda_function.fn')
    expect(fn).toMatchObject({ modulePath: ['fn'], values: { function_name: 'users' } })
    expect(fn.moduleDir.endsWith('modules/fn')).toBe(true)
    const uri = byAddress(instances, 'module.api.aws_api_gateway_integration.i').values['uri']
    expect(uri).toBeInstanceOf(TokenString)
    const token = (uri as TokenString).parts[1] as ComputedToken
    expect(token).toMatchObject({
      address: 'module.fn.aws_lambda_function.fn',
      attribute: 'invoke_arn',
      chain: ['module.api.var.fn_arn', 'module.fn.output.invoke_arn'],
    })
  })

  it('jsonencode and templatefile keep tokens inside the text', () => {
    const { instances, diagnostics } = load({
      'uri.tpl': 'uri: ${arn}',
      'main.tf': `
resource "aws_lambda_function" "fn" { function_name = "f" }
resource "test_thing" "t" {
  body = jsonencode({ uri = aws_lambda_function.fn.invoke_arn, n = 1 })
  tpl  = templatefile("\${path.module}/uri.tpl", { arn = aws_lambda_function.fn.arn })
  fmt  = format("%s/x", aws_lambda_function.fn.arn)
  up   = upper(aws_lambda_function.fn.arn)
  trim = trimsuffix("\${aws_lambda_function.fn.arn}/x/", "/")
}
`,
    })
    const t = byAddress(instances, 'test_thing.t')
    const tok = (attr: string): ComputedToken =>
      new ComputedToken('aws_lambda_function.fn', 'aws_lambda_function', attr)
    expect((t.values['body'] as TokenString).parts).toEqual([
      '{"n":1,"uri":"',
      tok('invoke_arn'),
      '"}',
    ])
    expect((t.values['tpl'] as TokenString).parts).toEqual(['uri: ', tok('arn')])
    expect((t.values['fmt'] as TokenString).parts).toEqual([tok('arn'), '/x'])
    expect(t.values['up']).toBeInstanceOf(UnknownValue)
    expect(diagnostics.map((d) => d.code)).toEqual(['computed-value'])
  })

  it('a whole-resource reference is an object of configured values and tokens', () => {
    const { instances } = load({
      'main.tf': `
resource "aws_lambda_function" "fn" {
  function_name = "f"
  environment {
    variables = { A = "1" }
  }
}
resource "test_thing" "t" {
  obj_name = aws_lambda_function.fn.function_name
  env      = aws_lambda_function.fn.environment[0].variables.A
  whole    = aws_lambda_function.fn
}
`,
    })
    const t = byAddress(instances, 'test_thing.t')
    expect(t.values['env']).toBe('1')
    const whole = t.values['whole'] as Record<string, unknown>
    expect(whole['function_name']).toBe('f')
    expect(whole['arn']).toBeInstanceOf(ComputedToken)
  })
})

describe('modules', () => {
  it('count and for_each on module calls', () => {
    const { instances } = load({
      ...lambdaModule,
      'main.tf': `
module "counted" {
  source = "./modules/fn"
  count  = 2
  name   = "c\${count.index}"
}
module "each" {
  source   = "./modules/fn"
  for_each = toset(["a", "b"])
  name     = each.key
}
resource "test_thing" "t" {
  first = module.counted[1].name
  names = [for k, m in module.each : m.name]
}
`,
    })
    expect(instances.map((i) => i.address).sort()).toEqual([
      'module.counted[0].aws_lambda_function.fn',
      'module.counted[1].aws_lambda_function.fn',
      'module.each["a"].aws_lambda_function.fn',
      'module.each["b"].aws_lambda_function.fn',
      'test_thing.t',
    ])
    expect(byAddress(instances, 'module.each["b"].aws_lambda_function.fn').modulePath).toEqual([
      'each["b"]',
    ])
    expect(byAddress(instances, 'test_thing.t').values).toEqual({ first: 'c1', names: ['a', 'b'] })
  })

  it('nested modules: addresses, paths, directories and token chains through two outputs', () => {
    const { instances, diagnostics } = load({
      'modules/outer/main.tf': `
variable "prefix" {}
module "inner" {
  source = "../inner"
  name   = "\${var.prefix}-inner"
}
output "arn" { value = module.inner.arn }
`,
      'modules/inner/main.tf': `
variable "name" {}
resource "aws_lambda_function" "fn" { function_name = var.name }
output "arn" { value = aws_lambda_function.fn.arn }
`,
      'main.tf': `
module "outer" {
  source = "./modules/outer"
  prefix = "app"
}
resource "test_thing" "t" { arn = module.outer.arn }
`,
    })
    expect(diagnostics).toEqual([])
    const fn = byAddress(instances, 'module.outer.module.inner.aws_lambda_function.fn')
    expect(fn.modulePath).toEqual(['outer', 'inner'])
    expect(fn.moduleDir.endsWith('modules/inner')).toBe(true)
    expect(fn.values['function_name']).toBe('app-inner')
    expect(byAddress(instances, 'test_thing.t').values['arn']).toMatchObject({
      address: 'module.outer.module.inner.aws_lambda_function.fn',
      chain: ['module.outer.output.arn', 'module.outer.module.inner.output.arn'],
    })
  })

  it('a registry module without modules.json is reported and its outputs are tokens; with it, it is read', () => {
    const files = {
      'main.tf': `
module "remote" {
  source  = "terraform-aws-modules/lambda/aws"
  name    = "x"
}
resource "test_thing" "t" {
  arn = module.remote.invoke_arn
  uri = "functions/\${module.remote.invoke_arn}/invocations"
}
`,
    }
    const missing = load(files)
    const t = byAddress(missing.instances, 'test_thing.t').values
    const standIn = new ComputedToken('module.remote', 'module', 'invoke_arn')
    expect(t['arn']).toEqual(standIn)
    expect((t['uri'] as TokenString).parts).toEqual(['functions/', standIn, '/invocations'])
    expect(missing.diagnostics).toHaveLength(1)
    expect(missing.diagnostics[0]).toMatchObject({
      code: 'registry-module',
      address: 'module.remote',
      hint: 'run terraform init, or vendor the module',
    })
    const fetched = load({
      ...files,
      '.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          { Key: 'remote', Source: 'registry.terraform.io/x', Dir: '.terraform/modules/remote' },
        ],
      }),
      '.terraform/modules/remote/main.tf': lambdaModule['modules/fn/main.tf'],
    })
    expect(fetched.diagnostics).toEqual([])
    expect(byAddress(fetched.instances, 'test_thing.t').values['arn']).toMatchObject({
      address: 'module.remote.aws_lambda_function.fn',
      attribute: 'invoke_arn',
    })
  })
})

describe('unknown values inside structures', () => {
  it('jsonencode / join of a structure holding an unknown value give that unknown, reported once', () => {
    const { instances, diagnostics } = load({
      'main.tf': `
variable "unset" {}
resource "test_thing" "t" {
  merged = merge({ a = 1 }, { b = var.unset })
  hash   = sha1(join(",", [jsonencode({ x = var.unset })]))
}
`,
    })
    const t = byAddress(instances, 'test_thing.t').values
    expect((t['merged'] as Record<string, unknown>)['a']).toBe(1)
    expect((t['merged'] as Record<string, unknown>)['b']).toBeInstanceOf(UnknownValue)
    expect(t['hash']).toBeInstanceOf(UnknownValue)
    expect(diagnostics.map((d) => d.code)).toEqual(['unset-variable'])
  })

  it('templatefile ignores unknown vars the template does not use', () => {
    const { instances } = load({
      'api.tpl': 'title: ${title}',
      'main.tf': `
variable "unset" {}
resource "test_thing" "t" {
  used   = templatefile("api.tpl", { title = "t", other = var.unset })
  unused = templatefile("api.tpl", { title = var.unset })
}
`,
    })
    const t = byAddress(instances, 'test_thing.t').values
    expect(t['used']).toBe('title: t')
    expect(t['unused']).toBeInstanceOf(UnknownValue)
  })

  it('optional() object attributes get their defaults, nested defaults included', () => {
    const { instances, diagnostics } = load({
      'main.tf': `
variable "routes" {
  type = map(object({
    route_response = optional(object({
      create = optional(bool, false)
    }), {})
  }))
  default = { "$connect" = {} }
}
resource "test_thing" "t" {
  for_each = { for k, v in var.routes : k => v if coalesce(v.route_response.create, false) }
}
resource "test_thing" "u" {
  v = var.routes
}
`,
    })
    expect(diagnostics).toEqual([])
    expect(byAddress(instances, 'test_thing.u').values['v']).toEqual({
      $connect: { route_response: { create: false } },
    })
  })
})
