// importTerraform end to end (issue 17 items 1, 4, 5): real .tf fixtures are parsed, evaluated
// and translated; handlers on disk are found through archive_file (source_dir, and source_file
// in a local module) and answer real requests; a variable without a value disables only the
// route it shapes, -var enables it, strict makes it an error.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  createGateway,
  createWebSocketGateway,
  importTerraform,
  openTestClient,
  silentLogger,
  type TerraformApi,
} from '../../src/index.js'

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/terraform/${name}/`, import.meta.url))
const REST = fixture('rest-archive')
const HTTP_WS = fixture('http-ws')
const only = (apis: readonly TerraformApi[], address: string): TerraformApi => {
  const api = apis.find((candidate) => candidate.address === address)
  if (!api) throw new Error(`no ${address}`)
  return api
}

describe('a REST API with its Lambda code from archive_file', () => {
  const imported = importTerraform(REST, { env: {} })
  const api = only(imported.apis, 'aws_api_gateway_rest_api.api')
  const gateway = createGateway({ api, logger: silentLogger })

  it('reads the API, its stage, settings, plan and key, and the function', () => {
    expect([api.kind, api.name, api.stageName, api.pos?.line]).toEqual([
      'REST',
      'people-dev',
      'dev',
      63,
    ])
    expect(api.stages[0]).toMatchObject({
      variables: { color: 'teal' },
      methodSettings: { '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 50 } },
    })
    expect(api.usagePlans).toMatchObject([
      { name: 'people-dev-basic', quota: { limit: 1000, period: 'DAY' } },
    ])
    expect(api.apiKeys).toMatchObject([{ name: 'client', enabled: true }])
    expect(imported.functions).toMatchObject([
      {
        address: 'aws_lambda_function.people',
        functionName: 'people-dev',
        codeUri: `${REST}src`,
        environment: { GREETING: 'hello', REGION: 'eu-west-1' },
        timeout: 5,
      },
    ])
  })

  it('disables only the route whose URI needs a variable, naming it', () => {
    expect(gateway.routes()).toEqual([
      { method: 'GET', path: '/people', integration: 'MOCK' },
      { method: 'GET', path: '/people/{name}', integration: 'AWS_PROXY' },
    ])
    expect(imported.diagnostics).toMatchObject([
      {
        code: 'unset-variable',
        severity: 'error',
        address: 'aws_api_gateway_integration.legacy',
        attribute: 'uri',
        chain: ['var.legacy_arn'],
        routes: ['POST /'],
        hint: "pass -var 'legacy_arn=value'",
      },
    ])
  })

  it('runs the handler on disk with the environment and stage variables', async () => {
    const res = await gateway.invoke({ method: 'GET', path: '/people/ada' })
    expect([res.statusCode, JSON.parse(res.body)]).toEqual([
      200,
      { name: 'ada', stage: 'dev', greeting: 'hello', color: 'teal', fn: 'people-dev' },
    ])
  })

  it('checks the API key of the usage plan', async () => {
    expect((await gateway.invoke({ method: 'GET', path: '/people' })).statusCode).toBe(403)
    const res = await gateway.invoke({
      method: 'GET',
      path: '/people',
      headers: { 'x-api-key': 'client-key-0123456789abcdefghij' },
    })
    expect([res.statusCode, JSON.parse(res.body)]).toEqual([
      200,
      [{ name: 'ada' }, { name: 'grace' }],
    ])
  })

  it('serves the route once the variable is given, and another stage name', () => {
    const full = importTerraform(REST, {
      env: {},
      vars: { legacy_arn: 'arn:aws:lambda:eu-west-1:123456789012:function:legacy', stage: 'test' },
    })
    expect(full.diagnostics).toEqual([])
    const api = only(full.apis, 'aws_api_gateway_rest_api.api')
    expect(api.stageName).toBe('test')
    expect(createGateway({ api, logger: silentLogger }).routes()).toContainEqual({
      method: 'POST',
      path: '/',
      integration: 'AWS_PROXY',
    })
  })

  it('with strict: true, the unknown variable is a ConfigError', () => {
    expect(() => importTerraform(REST, { env: {}, strict: true })).toThrow(ConfigError)
    expect(() => importTerraform(REST, { env: {}, strict: true })).toThrow(/legacy_arn/)
  })

  it('takes TF_VAR_* and functionCode', () => {
    const other = importTerraform(REST, {
      env: { TF_VAR_legacy_arn: 'legacy' },
      functionCode: { 'people-dev': '/elsewhere' },
    })
    expect(other.diagnostics).toEqual([])
    expect(other.functions[0]?.codeUri).toBe('/elsewhere')
  })
})

describe('HTTP and WebSocket APIs with routes from for_each and a function from a local module', () => {
  const imported = importTerraform(HTTP_WS, { env: {} })

  it('lists both APIs, without diagnostics', () => {
    expect(imported.apis.map((a) => [a.address, a.kind, a.stageName])).toEqual([
      ['aws_apigatewayv2_api.http', 'HTTP', '$default'],
      ['aws_apigatewayv2_api.ws', 'WEBSOCKET', 'prod'],
    ])
    expect(imported.diagnostics).toEqual([])
    expect(imported.functions.map((f) => [f.address, f.codeUri])).toEqual([
      ['module.echo.aws_lambda_function.this', `${HTTP_WS}app`],
    ])
  })

  it('serves the HTTP routes with the handler on disk; the JWT route needs a token', async () => {
    const gateway = createGateway({
      api: only(imported.apis, 'aws_apigatewayv2_api.http'),
      logger: silentLogger,
    })
    expect(
      gateway
        .routes()
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual(['GET /hello', 'GET /me', 'POST /hello'])
    const res = await gateway.invoke({ method: 'POST', path: '/hello' })
    expect([res.statusCode, JSON.parse(res.body)]).toEqual([
      200,
      { route: 'POST /hello', stage: '$default' },
    ])
    expect((await gateway.invoke({ method: 'GET', path: '/me' })).statusCode).toBe(401)
  })

  it('serves the WebSocket API, two-way on the route with a route response', async () => {
    const gateway = createWebSocketGateway({
      api: only(imported.apis, 'aws_apigatewayv2_api.ws'),
      logger: silentLogger,
    })
    const client = await openTestClient(gateway)
    await client.send({ action: 'echo' })
    expect(JSON.parse(await client.receive())).toEqual({ route: 'echo', stage: 'prod' })
  })
})

describe('importTerraform errors', () => {
  it('a directory without .tf files is a ConfigError', () => {
    expect(() => importTerraform(fixture('rest-archive/src'))).toThrow(ConfigError)
  })
})

describe('a function from a registry module that terraform init has not fetched', () => {
  // Silent-route regression: the `registry-module` diagnostic named no route, so a route whose
  // function comes from such a module answered 500 with nothing saying why.
  it('the registry-module diagnostic names the routes its outputs reach', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-tf-registry-'))
    writeFileSync(
      join(dir, 'main.tf'),
      `module "fn" {
  source = "terraform-aws-modules/lambda/aws"
}
resource "aws_apigatewayv2_api" "api" {
  name          = "http"
  protocol_type = "HTTP"
}
resource "aws_apigatewayv2_integration" "fn" {
  api_id                 = aws_apigatewayv2_api.api.id
  integration_type       = "AWS_PROXY"
  integration_uri        = module.fn.lambda_function_invoke_arn
  payload_format_version = "2.0"
}
resource "aws_apigatewayv2_route" "get" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "GET /items"
  target    = "integrations/\${aws_apigatewayv2_integration.fn.id}"
}
`,
    )
    const imported = importTerraform(dir, { env: {} })
    const registry = imported.diagnostics.find((d) => d.code === 'registry-module')
    expect(registry).toMatchObject({ address: 'module.fn', routes: ['GET /items'] })
  })
})
