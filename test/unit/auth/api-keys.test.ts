// API keys and usage plans: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { apiKeyScheme, tokenAuthorizerScheme } from '../../fixtures/mini-api.js'

const KEY = 'k-gold-0123456789abcdef'
const DISABLED = 'k-off-0123456789abcdefg'
const OTHER_STAGE = 'k-beta-0123456789abcdef'
const NO_PLAN = 'k-none-0123456789abcdef'

function gateway(apiKeySource?: 'AUTHORIZER') {
  return createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'keys', version: '1' },
      ...(apiKeySource ? { 'x-amazon-apigateway-api-key-source': apiKeySource } : {}),
      'x-amazon-apigateway-request-validators': { body: { validateRequestBody: true } },
      securityDefinitions: {
        api_key: apiKeyScheme,
        tok: tokenAuthorizerScheme(),
      },
      paths: {
        '/pets': {
          post: {
            security: [{ api_key: [] }],
            'x-amazon-apigateway-request-validator': 'body',
            parameters: [{ name: 'body', in: 'body', schema: { $ref: '#/definitions/Pet' } }],
            responses: { 200: { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              responses: {
                default: {
                  statusCode: '200',
                  responseTemplates: {
                    'application/json':
                      '{"key": "$context.identity.apiKey", "id": "$context.identity.apiKeyId"}',
                  },
                },
              },
            },
          },
        },
        '/secure': {
          get: {
            security: [{ api_key: [], tok: [] }],
            responses: { 200: { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              responses: { default: { statusCode: '200' } },
            },
          },
        },
      },
      definitions: { Pet: { type: 'object', required: ['name'] } },
    },
    apiId: 'api123',
    stage: { name: 'prod' },
    apiKeys: [
      { id: 'k1', name: 'gold', value: KEY, enabled: true },
      { id: 'k2', name: 'off', value: DISABLED, enabled: false },
      { id: 'k3', name: 'beta', value: OTHER_STAGE, enabled: true },
      { id: 'k4', name: 'none', value: NO_PLAN, enabled: true },
    ],
    usagePlans: [
      { id: 'p1', name: 'Gold', apiStages: [{ apiId: 'api123', stage: 'prod' }] },
      { id: 'p2', name: 'Beta', apiStages: [{ apiId: 'api123', stage: 'beta' }] },
    ],
    usagePlanKeys: [
      { usagePlanId: 'p1', keyId: 'k1', keyType: 'API_KEY' },
      { usagePlanId: 'p1', keyId: 'k2', keyType: 'API_KEY' },
      { usagePlanId: 'p2', keyId: 'k3', keyType: 'API_KEY' },
    ],
    lambdas: {
      Auth: async (event: { authorizationToken: string }) => {
        if (event.authorizationToken === 'deny')
          return {
            principalId: 'u',
            policyDocument: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] },
          }
        return {
          principalId: 'u',
          usageIdentifierKey: event.authorizationToken === 'gold' ? KEY : undefined,
          policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        }
      },
    },
    logger: silentLogger,
  })
}

const FORBIDDEN = [403, '{"message":"Forbidden"}']

describe('API keys (source HEADER)', () => {
  const gw = gateway()
  const post = (headers: Record<string, string | string[]>, body = '{"name": "Rex"}') =>
    gw.invoke({ method: 'POST', path: '/pets', headers, body })

  it('admits an enabled key in a plan for this stage, visible in $context.identity', async () => {
    const res = await post({ 'x-api-key': KEY })
    expect(res.statusCode).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ key: KEY, id: 'k1' })
  })

  it.each([
    ['no key', {}],
    ['an unknown key', { 'x-api-key': 'k-nope-0123456789abcdef' }],
    ['a disabled key', { 'x-api-key': DISABLED }],
    ['a key whose plan covers another stage', { 'x-api-key': OTHER_STAGE }],
    ['a key in no plan', { 'x-api-key': NO_PLAN }],
    ['a key with different case', { 'x-api-key': KEY.toUpperCase() }],
  ])('refuses %s with 403 Forbidden', async (_, headers) => {
    const res = await post(headers)
    expect([res.statusCode, res.body]).toEqual(FORBIDDEN)
    expect(res.headers['x-amzn-ErrorType']).toBe('ForbiddenException')
  })

  it('reads the header name in any case', async () => {
    expect((await post({ 'X-API-Key': KEY })).statusCode).toBe(200)
  })
})

describe('order of checks', () => {
  const gw = gateway()

  it('no route and no key: the route wins (403 Missing Authentication Token)', async () => {
    const res = await gw.invoke({ method: 'GET', path: '/nowhere' })
    expect(res.body).toBe('{"message":"Missing Authentication Token"}')
  })

  it('bad key and bad body: the key wins', async () => {
    const res = await gw.invoke({
      method: 'POST',
      path: '/pets',
      headers: { 'x-api-key': 'wrong-key-0123456789abc' },
      body: '{}',
    })
    expect([res.statusCode, res.body]).toEqual(FORBIDDEN)
  })

  it('good key and bad body: 400 Invalid request body', async () => {
    const res = await gw.invoke({
      method: 'POST',
      path: '/pets',
      headers: { 'x-api-key': KEY },
      body: '{}',
    })
    expect(res.statusCode).toBe(400)
  })

  it('authorizer denial and no key: the authorizer wins', async () => {
    const noToken = await gw.invoke({ method: 'GET', path: '/secure' })
    expect(noToken.statusCode).toBe(401)
    const denied = await gw.invoke({
      method: 'GET',
      path: '/secure',
      headers: { Authorization: 'deny' },
    })
    expect(denied.statusCode).toBe(403)
    expect(denied.body).toMatch(/explicit deny/)
    const allowedNoKey = await gw.invoke({
      method: 'GET',
      path: '/secure',
      headers: { Authorization: 'ok' },
    })
    expect([allowedNoKey.statusCode, allowedNoKey.body]).toEqual(FORBIDDEN)
  })
})

describe('API keys (source AUTHORIZER)', () => {
  it('takes the key from the authorizer usageIdentifierKey, not the header', async () => {
    const gw = gateway('AUTHORIZER')
    const gold = await gw.invoke({
      method: 'GET',
      path: '/secure',
      headers: { Authorization: 'gold' },
    })
    expect(gold.statusCode).toBe(200)
    const headerOnly = await gw.invoke({
      method: 'GET',
      path: '/secure',
      headers: { Authorization: 'plain', 'x-api-key': KEY },
    })
    expect([headerOnly.statusCode, headerOnly.body]).toEqual(FORBIDDEN)
  })
})

describe('definition errors', () => {
  it('rejects a plan key naming an unknown key, and short key values', () => {
    expect(() =>
      createGateway({
        api: { openapi: '3.0.1', info: { title: 'x', version: '1' }, paths: {} },
        usagePlans: [{ id: 'p1' }],
        usagePlanKeys: [{ usagePlanId: 'p1', keyId: 'missing' }],
      }),
    ).toThrow(/usagePlanKeys\[0\]\.keyId: unknown API key missing/)
    expect(() =>
      createGateway({
        api: { openapi: '3.0.1', info: { title: 'x', version: '1' }, paths: {} },
        apiKeys: [{ id: 'k', value: 'short' }],
      }),
    ).toThrow(/apiKeys\[0\]\.value/)
  })
})
