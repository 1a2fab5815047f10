// Regressions found by the Terraform review (issue 17): each test is named after the kind of
// bug it pins. Fixtures are written to a temporary directory, as a user's infra/ would be.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  createGateway,
  importTerraform,
  silentLogger,
  type Logger,
} from '../../../src/index.js'

/** A directory holding these files (path → content). */
function infra(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tf-review-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  return dir
}

const MOCK_API = `
resource "aws_api_gateway_rest_api" "api" { name = "api" }
resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}
resource "aws_api_gateway_integration" "get" {
  rest_api_id       = aws_api_gateway_rest_api.api.id
  resource_id       = aws_api_gateway_rest_api.api.root_resource_id
  http_method       = aws_api_gateway_method.get.http_method
  type              = "MOCK"
  request_templates = { "application/json" = "{\\"statusCode\\": 200}" }
}
resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  depends_on  = [aws_api_gateway_integration.get]
}
`

describe('silent misleading error: an unknown stage_name', () => {
  const dir = infra({
    'main.tf': `${MOCK_API}
variable "env" { type = string }
resource "aws_api_gateway_stage" "s" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.d.id
  stage_name    = var.env
}
`,
  })

  it('is an unset-variable diagnostic on the stage, not a "StageName is required" ConfigError', () => {
    const imported = importTerraform(dir, { env: {} })
    expect(imported.apis.map((api) => api.address)).toEqual(['aws_api_gateway_rest_api.api'])
    expect(imported.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'unset-variable',
        severity: 'error',
        address: 'aws_api_gateway_stage.s',
        attribute: 'stage_name',
      }),
    )
  })

  it('is a ConfigError naming the variable with strict, and serves the stage once given', () => {
    expect(() => importTerraform(dir, { env: {}, strict: true })).toThrow(ConfigError)
    expect(() => importTerraform(dir, { env: {}, strict: true })).toThrow(/var\.env/)
    const [api] = importTerraform(dir, { env: {}, vars: { env: 'qa' } }).apis
    expect(api?.stageName).toBe('qa')
  })
})

describe('generated logical id in a message: a function whose code cannot run', () => {
  const dir = infra({
    'main.tf': `
resource "aws_lambda_function" "prebuilt" {
  function_name = "prebuilt"
  handler       = "app.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/r"
  filename      = "\${path.module}/dist/lambda.zip"
}
resource "aws_apigatewayv2_api" "h" {
  name          = "h"
  protocol_type = "HTTP"
  target        = aws_lambda_function.prebuilt.arn
}
`,
  })

  it('names the Terraform address in the load warning and error, never LambdaFunction…', async () => {
    const messages: string[] = []
    const logger: Logger = {
      debug() {},
      info() {},
      warn: (message) => messages.push(message),
      error: (message) => messages.push(message),
    }
    const [api] = importTerraform(dir, { env: {} }).apis
    if (!api) throw new Error('no API')
    const gateway = createGateway({ api, logger })
    const res = await gateway.invoke({ method: 'GET', path: '/x' })
    expect(res.statusCode).toBe(500)
    expect(messages.filter((m) => m.includes('aws_lambda_function.prebuilt')).length).toBe(2)
    expect(messages.join('\n')).not.toMatch(/LambdaFunction/)
  })
})

describe('silent stand-in: a resource that refers to its own attributes', () => {
  it('is a self-reference error that disables its route, as Terraform refuses it', () => {
    const dir = infra({
      'main.tf': MOCK_API.replace(
        'request_templates = { "application/json" = "{\\"statusCode\\": 200}" }',
        'request_templates = { "application/json" = aws_api_gateway_integration.get.uri }',
      ),
    })
    const { diagnostics } = importTerraform(dir, { env: {} })
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'self-reference',
        severity: 'error',
        address: 'aws_api_gateway_integration.get',
        routes: ['GET /'],
      }),
    )
  })

  it('another instance of the same resource is a self-reference too', () => {
    const dir = infra({
      'main.tf': `${MOCK_API}
resource "aws_api_gateway_resource" "r" {
  count       = 2
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = count.index == 0 ? aws_api_gateway_rest_api.api.root_resource_id : aws_api_gateway_resource.r[0].id
  path_part   = "p\${count.index}"
}
`,
    })
    const { diagnostics } = importTerraform(dir, { env: {} })
    expect(diagnostics.map((d) => [d.code, d.address])).toContainEqual([
      'self-reference',
      'aws_api_gateway_resource.r[1]',
    ])
  })
})

describe('silently ignored input: a value for a variable the root module does not declare', () => {
  const dir = infra({
    'main.tf': `${MOCK_API}
variable "stage" { default = "dev" }
resource "aws_api_gateway_stage" "s" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.d.id
  stage_name    = var.stage
}
`,
    'terraform.tfvars': 'stgae = "typo"\n',
  })

  it('a misspelt -var is an undeclared-variable error (Terraform refuses it), a var file one a warning', () => {
    const { diagnostics } = importTerraform(dir, {
      env: { TF_VAR_other: 'x' },
      vars: { stag: 'qa' },
    })
    expect(diagnostics.map((d) => [d.code, d.severity, d.message.match(/"(\w+)"/)?.[1]])).toEqual([
      ['undeclared-variable', 'warning', 'stgae'],
      ['undeclared-variable', 'error', 'stag'],
    ])
    expect(() => importTerraform(dir, { env: {}, vars: { stag: 'qa' }, strict: true })).toThrow(
      /undeclared-variable.*"stag"/,
    )
  })
})

describe('leaked internal object: a variable value that does not convert to its type', () => {
  const dir = infra({
    'main.tf': `
variable "enabled" { type = bool }
variable "names" { type = list(string) }
resource "aws_apigatewayv2_api" "h" {
  count         = var.enabled ? 1 : 0
  name          = join("-", var.names)
  protocol_type = "HTTP"
}
`,
  })

  it('is an invalid-variable diagnostic naming the variable and the type, not an object value', () => {
    const { diagnostics } = importTerraform(dir, {
      env: {},
      vars: { enabled: 'maybe', names: ['a'] },
    })
    expect(diagnostics[0]).toMatchObject({
      code: 'invalid-variable',
      severity: 'error',
      message: 'var.enabled: a string value cannot be used as a bool',
    })
    const listed = importTerraform(dir, { env: {}, vars: { enabled: true, names: '"x"' } })
    expect(listed.diagnostics[0]).toMatchObject({ code: 'invalid-variable' })
    expect(listed.diagnostics[0]?.message).toMatch(/^var\.names: a list is required/)
  })
})

describe('crash (RangeError: Invalid string length): a template that grows without bound', () => {
  const templated = (locals: string): string =>
    `${MOCK_API.replace(
      'request_templates = { "application/json" = "{\\"statusCode\\": 200}" }',
      'request_templates = { "application/json" = local.big }',
    )}
locals {
  s0 = "${'x'.repeat(100)}"
${locals}
}
`

  it('a %{for} directive nested three deep is a limit diagnostic that disables the route', () => {
    const dir = infra({
      'main.tf': templated(`
  s1  = "%{ for i in range(1000) }\${local.s0}%{ endfor }"
  s2  = "%{ for i in range(1000) }\${local.s1}%{ endfor }"
  big = "%{ for i in range(1000) }\${local.s2}%{ endfor }"`),
    })
    const { diagnostics } = importTerraform(dir, { env: {} })
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ code: 'limit', severity: 'error', routes: ['GET /'] }),
    )
  })

  it('interpolations that double a string thirty times are a limit diagnostic', () => {
    const doubling = Array.from(
      { length: 30 },
      (_, i) => `  s${String(i + 1)} = "\${local.s${String(i)}}\${local.s${String(i)}}"`,
    ).join('\n')
    const dir = infra({ 'main.tf': templated(`${doubling}\n  big = local.s30`) })
    const { diagnostics } = importTerraform(dir, { env: {} })
    expect(diagnostics.map((d) => d.code)).toContain('limit')
  })
})

describe('silent default: an aws_api_gateway_method without its required authorization', () => {
  it('is a missing-argument warning naming the route; the method is served as NONE', async () => {
    const dir = infra({ 'main.tf': MOCK_API.replace('  authorization = "NONE"\n', '') })
    const { apis, diagnostics } = importTerraform(dir, { env: {} })
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'missing-argument',
        severity: 'warning',
        address: 'aws_api_gateway_method.get',
        attribute: 'authorization',
        routes: ['GET /'],
      }),
    ])
    const [api] = apis
    if (!api) throw new Error('no API')
    const gateway = createGateway({ api, logger: silentLogger })
    // Served (not 403 Missing Authentication Token): a MOCK without integration responses is
    // AWS's configuration error, 500.
    expect((await gateway.invoke({ method: 'GET', path: '/' })).statusCode).toBe(500)
  })
})

describe('silently skipped file: a .tf symlink that points nowhere', () => {
  // Terraform fails with "Failed to read file"; skipping it served an API without the resources
  // the file defines, with nothing saying why.
  it('is a ConfigError naming the file', () => {
    const dir = infra({ 'main.tf': MOCK_API })
    symlinkSync(join(dir, 'gone.tf.orig'), join(dir, 'routes.tf'))
    const load = () => importTerraform(dir, { env: {} })
    expect(load).toThrow(ConfigError)
    expect(load).toThrow(/routes\.tf.*cannot read this file/)
  })

  it('a directory named like a .tf file is passed over, as Terraform does', () => {
    const dir = infra({ 'main.tf': MOCK_API, 'old.tf/README': 'x' })
    expect(importTerraform(dir, { env: {} }).apis).toHaveLength(1)
  })
})

describe('unclear error: resources whose parent_id links make a loop', () => {
  // It said "resource … is not in API", which reads as a wrong rest_api_id.
  it('is a ConfigError saying the parent chain loops, naming the method and the API', () => {
    const dir = infra({
      'main.tf': `resource "aws_api_gateway_rest_api" "api" { name = "api" }
resource "aws_api_gateway_resource" "a" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_resource.b.id
  path_part   = "a"
}
resource "aws_api_gateway_resource" "b" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_resource.a.id
  path_part   = "b"
}
resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.a.id
  http_method   = "GET"
  authorization = "NONE"
}
resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.a.id
  http_method = "GET"
  type        = "MOCK"
}
`,
    })
    const load = () => importTerraform(dir, { env: {} })
    expect(load).toThrow(ConfigError)
    expect(load).toThrow(
      /aws_api_gateway_method\.get .*never reaches the root resource of API aws_api_gateway_rest_api\.api.*parent chain/,
    )
  })
})
