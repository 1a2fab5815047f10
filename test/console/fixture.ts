// A served API with the console mounted in the same server: MOCK routes with VTL, a Lambda
// proxy route, a cached route, an API-key route in a usage plan with a quota.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGateway, silentLogger, type Gateway } from '../../src/index.js'
import { toNodeHandler } from '../../src/node.js'
import { createConsole, type ConsoleOptions, type PorticoConsole } from '../../src/console/index.js'

const mock = (responseTemplate: string, status = 200) => ({
  responses: { [String(status)]: { description: 'ok' } },
  'x-amazon-apigateway-integration': {
    type: 'mock',
    requestTemplates: { 'application/json': `{"statusCode": ${status}}` },
    responses: {
      default: {
        statusCode: String(status),
        responseTemplates: { 'application/json': responseTemplate },
      },
    },
  },
})

/** The test API (REST). */
export const API = {
  openapi: '3.0.1',
  info: { title: 'ConsolePets', version: '1' },
  components: { securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
  paths: {
    '/pets': {
      get: mock('{"pets": [], "type": "$input.params(\'type\')", "stage": "$context.stage"}'),
    },
    '/pets/{id}': {
      get: {
        responses: { 200: { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:GetPet/invocations',
        },
      },
    },
    '/cached': { get: mock('{"cached": true}') },
    '/broken': { get: mock('{"broken": true}', 500) },
    '/report': {
      get: { ...mock('{"report": "$stageVariables.owner"}'), security: [{ api_key: [] }] },
    },
  },
}

export const KEY_VALUE = 'console-test-key-0123456789'

/** Access settings of the test API. */
export const ACCESS = {
  apiKeys: [{ id: 'k1', name: 'ana', value: KEY_VALUE, enabled: true }],
  usagePlans: [
    {
      id: 'gold',
      name: 'Gold',
      apiStages: [{ stage: 'dev' }],
      quota: { limit: 100, period: 'DAY' as const },
    },
  ],
  usagePlanKeys: [{ usagePlanId: 'gold', keyId: 'k1', keyType: 'API_KEY' as const }],
}

/** A running server with the console at /_portico/ and the API at /dev/... */
export interface Served {
  readonly url: string
  readonly gateway: Gateway
  readonly console: PorticoConsole
  readonly server: Server
  close(): Promise<void>
}

/**
 * Serves the test API and the console on one port.
 *
 * @param options - more console options
 */
export async function serveWithConsole(
  options: Omit<ConsoleOptions, 'gateways'> = {},
): Promise<Served> {
  const gateways: Gateway[] = []
  let invokeUrl = ''
  const web = createConsole({
    ...options,
    gateways: () => gateways.map((gateway) => ({ gateway, invokeUrl, ...ACCESS })),
  })
  const gateway = createGateway({
    api: API,
    stage: {
      name: 'dev',
      variables: { owner: 'ana' },
      cacheClusterEnabled: true,
      methodSettings: { 'cached/GET': { cachingEnabled: true, cacheTtlInSeconds: 300 } },
    },
    lambdas: {
      GetPet: async (event: { pathParameters: { id: string } }) => {
        await new Promise((ok) => setTimeout(ok, 2))
        return { statusCode: 200, body: JSON.stringify({ id: event.pathParameters.id }) }
      },
    },
    ...ACCESS,
    logger: silentLogger,
    recordExecutionLog: true,
    onRequestComplete: web.onRequestComplete,
  })
  gateways.push(gateway)
  const api = toNodeHandler(gateway, { stagePrefix: true })
  const server = createServer((req, res) => {
    if (!web.handle(req, res)) void api(req, res)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`
  invokeUrl = `${url}/dev`
  return {
    url,
    gateway,
    console: web,
    server,
    close: () =>
      new Promise<void>((ok) => {
        web.close()
        server.close(() => ok())
        server.closeAllConnections()
      }),
  }
}
