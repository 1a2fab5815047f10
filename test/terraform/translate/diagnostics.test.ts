// Diagnostics, never silence (issue 17 item 5): a value Portico cannot know disables only the
// routes it shapes; the diagnostic names the address, attribute, place, chain, hint and routes.
// `strict: true` makes it a ConfigError; template errors name the Terraform address.
import { describe, expect, it } from 'vitest'
import { ConfigError, createGateway, silentLogger } from '../../../src/index.js'
import { importInstances } from '../../../src/terraform/import-instances.js'
import { REST_INSTANCES } from './rest-fixture.js'
import { inst, tok, unknown } from './build.js'

const API = 'aws_api_gateway_rest_api.api'
const api = { rest_api_id: tok(API, 'id') }
const source = { rootDir: '/infra', diagnostics: [] }

/** The REST fixture with one value replaced by an unknown one. */
function withUnknown(address: string, attribute: string): typeof REST_INSTANCES {
  return REST_INSTANCES.map((instance) =>
    instance?.address === address
      ? { ...instance, values: { ...instance.values, [attribute]: unknown('fn_arn', 4) } }
      : instance,
  )
}

describe('an unknown value', () => {
  it('in an integration uri disables that method only', async () => {
    const imported = importInstances(
      withUnknown('aws_api_gateway_integration.get_user', 'uri'),
      source,
    )
    expect(imported.diagnostics).toMatchObject([
      {
        code: 'unset-variable',
        severity: 'error',
        address: 'aws_api_gateway_integration.get_user',
        attribute: 'uri',
        pos: { file: 'variables.tf', line: 4 },
        chain: ['var.fn_arn'],
        routes: ['GET /users/{id}'],
        hint: "pass -var 'fn_arn=...'",
      },
    ])
    const gateway = createGateway({ api: imported.apis[0] as never, logger: silentLogger })
    expect(gateway.routes()).toEqual([{ method: 'POST', path: '/users', integration: 'MOCK' }])
  })

  it('in a path_part disables every method under that resource', () => {
    const imported = importInstances(
      withUnknown('aws_api_gateway_resource.user', 'path_part'),
      source,
    )
    expect(imported.diagnostics.map((d) => [d.address, d.routes])).toEqual([
      ['aws_api_gateway_resource.user', ['GET /users/?']],
    ])
    const gateway = createGateway({ api: imported.apis[0] as never, logger: silentLogger })
    expect(gateway.routes().map((r) => r.path)).toEqual(['/users'])
  })

  it('in a stage variable map leaves the variables out, and no route', () => {
    const imported = importInstances(withUnknown('aws_api_gateway_stage.v1', 'variables'), source)
    expect(imported.diagnostics).toMatchObject([
      { address: 'aws_api_gateway_stage.v1', attribute: 'variables', severity: 'error' },
    ])
    expect(imported.diagnostics[0]?.routes).toBeUndefined()
    expect(imported.apis[0]?.stages[0]?.variables).toBeUndefined()
  })

  it('with strict: true is a ConfigError naming the address and the fix', () => {
    expect(() =>
      importInstances(withUnknown('aws_api_gateway_integration.get_user', 'uri'), source, {
        strict: true,
      }),
    ).toThrow(
      expect.objectContaining({
        name: 'ConfigError',
        message: expect.stringMatching(
          /^aws_api_gateway_integration\.get_user: variables\.tf:4: \[unset-variable\].*pass -var 'fn_arn=\.\.\.'.*strict/,
        ) as string,
      }),
    )
  })
})

describe('a REST API with a body and methods', () => {
  it('serves the body, with a warning naming the methods left out', () => {
    const imported = importInstances(
      [
        inst('aws_api_gateway_rest_api.both', {
          name: 'both',
          body: JSON.stringify({
            swagger: '2.0',
            info: { title: 'both', version: '1' },
            paths: { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } } },
          }),
        }),
        inst('aws_api_gateway_method.extra', {
          rest_api_id: tok('aws_api_gateway_rest_api.both', 'id'),
          resource_id: tok('aws_api_gateway_rest_api.both', 'root_resource_id'),
          http_method: 'GET',
          authorization: 'NONE',
        }),
      ],
      source,
    )
    expect(imported.diagnostics.map((d) => [d.code, d.address])).toEqual([
      ['body-and-methods', 'aws_api_gateway_rest_api.both'],
    ])
    const gateway = createGateway({ api: imported.apis[0] as never, logger: silentLogger })
    expect(gateway.routes().map((r) => r.path)).toEqual(['/a'])
  })
})

describe('Terraform terms in messages', () => {
  it('a template error names the address and file:line, not the logical id', () => {
    const broken = [
      inst(API, { name: 'x' }),
      inst('aws_api_gateway_method.lost', {
        ...api,
        resource_id: 'not-a-resource',
        http_method: 'GET',
        authorization: 'NONE',
      }),
    ]
    let error: unknown
    try {
      importInstances(broken, source)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).message).toMatch(
      /^aws_api_gateway_method\.lost \(main\.tf:\d+\) ResourceId: /,
    )
  })

  it('an unsupported API Gateway resource is a warning; a part without its method too', () => {
    const imported = importInstances(
      [
        inst(API, { name: 'x' }),
        inst('aws_api_gateway_domain_name.d', { domain_name: 'api.example.com' }),
        inst('aws_api_gateway_integration.orphan', {
          ...api,
          resource_id: tok(API, 'root_resource_id'),
          http_method: 'GET',
          type: 'MOCK',
        }),
      ],
      source,
    )
    expect(imported.diagnostics.map((d) => [d.code, d.severity, d.address])).toEqual([
      ['unsupported-resource', 'warning', 'aws_api_gateway_domain_name.d'],
      ['method-not-found', 'warning', 'aws_api_gateway_integration.orphan'],
    ])
    expect(imported.warnings).toEqual([
      `API ${API} (main.tf:${imported.apis[0]?.pos?.line}) has no stage in the template: Portico serves it as stage dev`,
    ])
  })
})
