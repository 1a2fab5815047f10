// Hostile input against the access checks: no bypass, no crash, no pollution.
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type LambdaProxyEvent } from '../../../src/index.js'
import { apiKeyScheme, lambdaUri, tokenAuthorizerScheme } from '../../fixtures/mini-api.js'

const KEY = 'k-gold-0123456789abcdef'
const events: LambdaProxyEvent[] = []
const gateway = createGateway({
  api: {
    swagger: '2.0',
    info: { title: 'hostile', version: '1' },
    securityDefinitions: {
      api_key: apiKeyScheme,
      tok: tokenAuthorizerScheme({ identityValidationExpression: '^Bearer [a-z]+$' }),
    },
    paths: {
      '/pets/{id}': {
        get: {
          security: [{ tok: [] }],
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: lambdaUri('Fn'),
          },
        },
      },
      '/admin': {
        get: {
          security: [{ api_key: [] }],
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: lambdaUri('Fn'),
          },
        },
      },
    },
  },
  apiKeys: [{ id: 'k1', value: KEY }],
  usagePlans: [{ id: 'p1', apiStages: [{ stage: 'dev' }] }],
  usagePlanKeys: [{ usagePlanId: 'p1', keyId: 'k1' }],
  lambdas: {
    Auth: async () => ({
      principalId: 'u',
      policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      context: JSON.parse('{"__proto__": "x", "constructor": "y", "ok": 1}'),
    }),
    Fn: async (event: LambdaProxyEvent) => (events.push(event), { statusCode: 200, body: 'in' }),
  },
  logger: silentLogger,
})

describe('hostile input', () => {
  it.each([
    '/pets/../admin',
    '/pets/%2E%2E/admin',
    '//admin',
    '/admin/',
    '/ADMIN',
    '/admin%00',
    '/admin;x=1',
  ])('%s does not reach /admin without a key', async (path) => {
    const res = await gateway.invoke({ method: 'GET', path })
    expect(res.statusCode).toBe(403)
  })

  it('an encoded slash stays inside one path parameter', async () => {
    const res = await gateway.invoke({
      method: 'GET',
      path: '/pets/a%2Fb',
      headers: { Authorization: 'Bearer ok' },
    })
    expect(res.statusCode).toBe(200)
    expect(events.at(-1)?.pathParameters).toEqual({ id: 'a%2Fb' })
  })

  it.each([
    ['two spaces', 'Bearer  ok'],
    ['a tab', 'Bearer\tok'],
    ['a trailing newline', 'Bearer ok\n'],
    ['only the scheme', 'Bearer '],
  ])('an Authorization header with %s fails the validation expression: 401', async (_, token) => {
    const res = await gateway.invoke({
      method: 'GET',
      path: '/pets/1',
      headers: { Authorization: token },
    })
    expect(res.statusCode).toBe(401)
  })

  it('an oversized token is a 413, not a crash', async () => {
    const res = await gateway.invoke({
      method: 'GET',
      path: '/pets/1',
      headers: { Authorization: `Bearer ${'a'.repeat(20_000)}` },
    })
    expect(res.statusCode).toBe(413)
  })

  it('prototype keys in an authorizer context are data and pollute nothing', async () => {
    const res = await gateway.invoke({
      method: 'GET',
      path: '/pets/1',
      headers: { Authorization: 'Bearer ok' },
    })
    expect(res.statusCode).toBe(200)
    const authorizer = events.at(-1)?.requestContext['authorizer'] as Record<string, unknown>
    expect(Object.getOwnPropertyDescriptor(authorizer, '__proto__')?.value).toBe('x')
    expect(Object.getOwnPropertyDescriptor(authorizer, 'constructor')?.value).toBe('y')
    expect(authorizer['ok']).toBe('1')
    expect(({} as Record<string, unknown>)['ok']).toBeUndefined()
  })

  it('an API key sent twice is read by its last value (documented), never crashing', async () => {
    const last = await gateway.invoke({
      method: 'GET',
      path: '/admin',
      headers: { 'x-api-key': ['wrong-value-123456789012', KEY] },
    })
    const first = await gateway.invoke({
      method: 'GET',
      path: '/admin',
      headers: { 'x-api-key': [KEY, 'wrong-value-123456789012'] },
    })
    expect([last.statusCode, first.statusCode]).toEqual([200, 403])
  })
})
