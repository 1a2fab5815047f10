/**
 * The shipped example (examples/terraform, issue 17 "Done means"): real handler code on disk,
 * found through `data "archive_file"` (`source_dir`), runs behind the REST and HTTP APIs read
 * from the .tf files; variables come, later winning, from defaults, TF_VAR_*, terraform.tfvars
 * and options (Terraform's order: https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence).
 */
import { describe, expect, it } from 'vitest'
import { createGateway, type GatewayOptions } from '../../src/index.js'

const EXAMPLE_DIR = new URL('../../examples/terraform/', import.meta.url).pathname

interface ImportedApi {
  readonly address: string
  readonly kind: 'REST' | 'HTTP' | 'WEBSOCKET'
  readonly stageName: string
  readonly stages: readonly { readonly name?: string; readonly methodSettings?: unknown }[]
}
interface Imported {
  readonly apis: readonly ImportedApi[]
  readonly functions: readonly {
    readonly functionName: string
    readonly handler?: string
    readonly codeUri?: string
  }[]
}
type ImportTerraform = (
  directory: string,
  options?: { vars?: Record<string, unknown>; env?: Record<string, string | undefined> },
) => Imported | Promise<Imported>

// importTerraform is built on branch h/tfmap; until it is merged this suite is skipped.
const { importTerraform } = (await import('../../src/index.js')) as unknown as {
  importTerraform?: ImportTerraform
}

async function gatewayFor(address: string, options: Parameters<ImportTerraform>[1] = { env: {} }) {
  if (importTerraform === undefined) throw new Error('importTerraform is not exported')
  const imported = await importTerraform(EXAMPLE_DIR, options)
  const api = imported.apis.find((a) => a.address === address)
  if (api === undefined)
    throw new Error(`no ${address} in ${imported.apis.map((a) => a.address).join(', ')}`)
  return { imported, api, gateway: createGateway({ api } as unknown as GatewayOptions) }
}

describe.skipIf(importTerraform === undefined)('examples/terraform', () => {
  it('finds both functions with their code in src/ through archive_file', async () => {
    const { imported } = await gatewayFor('aws_api_gateway_rest_api.pets')
    const functions = imported.functions
      .map((fn) => ({ name: fn.functionName, handler: fn.handler, codeUri: fn.codeUri }))
      .sort((a, b) => a.name.localeCompare(b.name))
    expect(functions).toEqual([
      { name: 'portico-example-hello', handler: 'hello.handler', codeUri: `${EXAMPLE_DIR}src` },
      { name: 'portico-example-pets', handler: 'pets.handler', codeUri: `${EXAMPLE_DIR}src` },
    ])
  })

  it('serves the REST API at the tfvars stage with the handler on disk', async () => {
    const { api, gateway } = await gatewayFor('aws_api_gateway_rest_api.pets')
    expect([api.kind, api.stageName]).toEqual(['REST', 'local'])
    // aws_api_gateway_method_settings.all (method_path "*/*")
    expect(api.stages[0]?.methodSettings).toMatchObject({
      '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 50 },
    })

    const list = await gateway.invoke({ method: 'GET', path: '/pets' })
    expect([list.statusCode, JSON.parse(list.body)]).toEqual([
      200,
      { greeting: 'Hi', pets: [{ id: '1', name: 'Rex' }] },
    ])
    const created = await gateway.invoke({ method: 'POST', path: '/pets', body: '{"name":"Tom"}' })
    expect(created.statusCode).toBe(201)
    const { id } = JSON.parse(created.body) as { id: string }
    const got = await gateway.invoke({ method: 'GET', path: `/pets/${id}` })
    expect([got.statusCode, JSON.parse(got.body)]).toEqual([200, { id, name: 'Tom' }])
    expect((await gateway.invoke({ method: 'GET', path: '/pets/404' })).statusCode).toBe(404)
    // Not a route of the API: API Gateway's own answer, not the function's.
    const missing = await gateway.invoke({ method: 'DELETE', path: '/pets/1' })
    expect(missing.statusCode).toBe(403)
  })

  it('serves the HTTP API route with payload 2.0', async () => {
    const { api, gateway } = await gatewayFor('aws_apigatewayv2_api.hello')
    expect([api.kind, api.stageName]).toEqual(['HTTP', '$default'])
    const res = await gateway.invoke({ method: 'GET', path: '/hello?name=Ada' })
    expect([res.statusCode, res.body]).toEqual([200, 'Hi, Ada!'])
  })

  it('takes terraform.tfvars over TF_VAR_*, TF_VAR_* over defaults, and options.vars over all', async () => {
    const fromEnv = await gatewayFor('aws_apigatewayv2_api.hello', {
      env: { TF_VAR_greeting: 'Hey', TF_VAR_name: 'env' },
    })
    // greeting: terraform.tfvars ("Hi") wins over TF_VAR_greeting; name: TF_VAR_name wins over the default.
    expect((await fromEnv.gateway.invoke({ method: 'GET', path: '/hello' })).body).toBe(
      'Hi, world!',
    )
    expect(fromEnv.imported.functions.map((fn) => fn.functionName).sort()).toEqual([
      'env-hello',
      'env-pets',
    ])
    const fromVars = await gatewayFor('aws_apigatewayv2_api.hello', {
      env: { TF_VAR_greeting: 'Hey' },
      vars: { greeting: 'Yo' },
    })
    expect((await fromVars.gateway.invoke({ method: 'GET', path: '/hello' })).body).toBe(
      'Yo, world!',
    )
  })
})
