// GatewayOptions.onRequestComplete: one summary per request, for REST and HTTP APIs.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type RequestSummary } from '../../../src/index.js'
import { CONFIG_SCHEMA } from '../../../src/cli/config-schema.js'
import { integrationTarget } from '../../../src/observability/request-summary.js'
import { mockMethod, openApi, proxyMethod, tokenAuthorizerScheme } from '../../fixtures/mini-api.js'

const policy = (effect: string) => ({
  principalId: 'me',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: '*' }],
  },
})

function gatewayWithLog(): {
  invoke: ReturnType<typeof createGateway>['invoke']
  log: RequestSummary[]
} {
  const log: RequestSummary[] = []
  const gateway = createGateway({
    api: openApi(
      {
        '/open': { get: proxyMethod('Fn') },
        '/secure': { get: { ...proxyMethod('Fn'), security: [{ auth: [] }] } },
        '/cached': { get: mockMethod() },
      },
      { components: { securitySchemes: { auth: tokenAuthorizerScheme() } } },
    ),
    stage: {
      name: 'prod',
      cacheClusterEnabled: true,
      methodSettings: { 'cached/GET': { cachingEnabled: true, cacheTtlInSeconds: 300 } },
    },
    lambdas: {
      Fn: async () => ({ statusCode: 200, body: 'ok' }),
      Auth: async (event: { authorizationToken?: string }) =>
        event.authorizationToken === 'allow' ? policy('Allow') : policy('Deny'),
    },
    logger: silentLogger,
    onRequestComplete: (summary) => log.push(summary),
  })
  return { invoke: gateway.invoke, log }
}

describe('onRequestComplete (REST)', () => {
  // On a stage with a cache, requests the backend served count as misses (AWS's CacheMissCount).
  it('summarises route, integration target, authorizer verdict, cache and gateway errors', async () => {
    const { invoke, log } = gatewayWithLog()
    await invoke({ method: 'GET', path: '/open?x=1' })
    await invoke({ method: 'GET', path: '/secure', headers: { Authorization: 'allow' } })
    await invoke({ method: 'GET', path: '/secure', headers: { Authorization: 'deny' } })
    await invoke({ method: 'GET', path: '/cached' })
    await invoke({ method: 'GET', path: '/cached' })
    await invoke({ method: 'GET', path: '/nowhere' })
    const rows = log.map((s) => [
      s.method,
      s.path,
      s.resource,
      s.status,
      s.integration?.type,
      s.integration?.target,
      s.authorizer,
      s.cache,
      s.errorType,
    ])
    expect(rows).toEqual([
      ['GET', '/open', '/open', 200, 'AWS_PROXY', 'Fn', undefined, 'miss', undefined],
      ['GET', '/secure', '/secure', 200, 'AWS_PROXY', 'Fn', 'allow', 'miss', undefined],
      ['GET', '/secure', '/secure', 403, 'AWS_PROXY', 'Fn', 'deny', undefined, 'ACCESS_DENIED'],
      ['GET', '/cached', '/cached', 200, 'MOCK', undefined, undefined, 'miss', undefined],
      ['GET', '/cached', '/cached', 200, 'MOCK', undefined, undefined, 'hit', undefined],
      [
        'GET',
        '/nowhere',
        undefined,
        403,
        undefined,
        undefined,
        undefined,
        undefined,
        'MISSING_AUTHENTICATION_TOKEN',
      ],
    ])
    for (const s of log) {
      expect(s.stage).toBe('prod')
      expect(s.requestId).toMatch(/^[0-9a-f-]{36}$/)
      expect(s.latency).toBeGreaterThanOrEqual(0)
    }
  })

  it('a throwing observer does not fail the request', async () => {
    const gateway = createGateway({
      api: openApi({ '/x': { get: mockMethod() } }),
      logger: silentLogger,
      onRequestComplete: () => {
        throw new Error('observer broke')
      },
    })
    expect((await gateway.invoke({ method: 'GET', path: '/x' })).statusCode).toBe(200)
  })
})

describe('onRequestComplete (HTTP API)', () => {
  it('summarises the route key and Lambda target', async () => {
    const log: RequestSummary[] = []
    const gateway = createGateway({
      api: openApi(
        {
          '/hello': {
            get: {
              ...proxyMethod('Fn'),
              'x-amazon-apigateway-integration': {
                ...(proxyMethod('Fn')['x-amazon-apigateway-integration'] as object),
                payloadFormatVersion: '2.0',
              },
            },
          },
        },
        { 'x-amazon-apigateway-importexport-version': '1.0' },
      ),
      lambdas: { Fn: async () => ({ statusCode: 201, body: 'hi' }) },
      logger: silentLogger,
      onRequestComplete: (summary) => log.push(summary),
    })
    await gateway.invoke({ method: 'GET', path: '/hello' })
    expect(log).toMatchObject([
      {
        method: 'GET',
        path: '/hello',
        resource: 'GET /hello',
        status: 201,
        integration: { type: 'AWS_PROXY', target: 'Fn' },
      },
    ])
  })
})

describe('integrationTarget', () => {
  it.each([
    [
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:GetPet/invocations',
      'GetPet',
    ],
    [
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:GetPet:live/invocations',
      'GetPet',
    ],
    ['http://${stageVariables.backend}/pets', 'http://${stageVariables.backend}/pets'],
  ])('%s -> %s', (uri, target) => expect(integrationTarget(uri)).toBe(target))
})

describe('docs/portico.config.schema.json', () => {
  it('is the schema the CLI checks with', () => {
    const published = JSON.parse(
      readFileSync(new URL('../../../docs/portico.config.schema.json', import.meta.url), 'utf8'),
    )
    expect(published).toEqual(CONFIG_SCHEMA)
  })
})
