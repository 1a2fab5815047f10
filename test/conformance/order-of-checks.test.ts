// The order of checks (spec/pipeline.md §1, AWS execution-log order): when a request is wrong
// in two ways, the earlier step answers. Each row names the two faults and the winner.
// Throttling and quotas (steps 7–8) join this table with the traffic module.
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type GatewayRequest } from '../../src/index.js'
import { apiKeyScheme, tokenAuthorizerScheme } from '../fixtures/mini-api.js'

const KEY = 'k-gold-0123456789abcdef'
const mock = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: { default: { statusCode: '200' } },
}

const gateway = createGateway({
  api: {
    swagger: '2.0',
    info: { title: 'order', version: '1' },
    'x-amazon-apigateway-request-validators': {
      all: { validateRequestBody: true, validateRequestParameters: true },
    },
    'x-amazon-apigateway-policy': {
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
        },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
          Condition: { IpAddress: { 'aws:SourceIp': '6.6.6.0/24' } },
        },
      ],
    },
    securityDefinitions: {
      api_key: apiKeyScheme,
      tok: tokenAuthorizerScheme(),
    },
    paths: {
      '/pets': {
        post: {
          security: [{ api_key: [], tok: [] }],
          'x-amazon-apigateway-request-validator': 'all',
          parameters: [
            { name: 'q', in: 'query', required: true, type: 'string' },
            { name: 'body', in: 'body', schema: { $ref: '#/definitions/Pet' } },
          ],
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': mock,
        },
      },
    },
    definitions: { Pet: { type: 'object', required: ['name'] } },
  },
  apiKeys: [{ id: 'k1', value: KEY }],
  usagePlans: [{ id: 'p1', apiStages: [{ stage: 'dev' }] }],
  usagePlanKeys: [{ usagePlanId: 'p1', keyId: 'k1' }],
  lambdas: {
    Auth: async (event: { authorizationToken: string }) => ({
      principalId: 'u',
      policyDocument: {
        Statement: [
          {
            Effect: event.authorizationToken === 'deny' ? 'Deny' : 'Allow',
            Action: '*',
            Resource: '*',
          },
        ],
      },
    }),
  },
  logger: silentLogger,
})

const good: GatewayRequest = {
  method: 'POST',
  path: '/pets?q=1',
  headers: { Authorization: 'ok', 'x-api-key': KEY },
  body: '{"name": "Rex"}',
  sourceIp: '1.2.3.4',
}
const faults: Record<string, (r: GatewayRequest) => GatewayRequest> = {
  // AWS's HTTP front end answers an oversized body before routing (core/payload-limit.ts).
  'body over 10 MB': (r) => ({ ...r, body: 'x'.repeat(10 * 1024 * 1024 + 1) }),
  'no route': (r) => ({ ...r, path: '/nowhere' }),
  'resource policy deny': (r) => ({ ...r, sourceIp: '6.6.6.6' }),
  'no token': (r) => ({ ...r, headers: { 'x-api-key': KEY } }),
  'authorizer deny': (r) => ({ ...r, headers: { Authorization: 'deny', 'x-api-key': KEY } }),
  'bad key': (r) => ({
    ...r,
    headers: { Authorization: 'ok', 'x-api-key': 'k-bad-0123456789abcdefg' },
  }),
  'missing parameter': (r) => ({ ...r, path: '/pets' }),
  'bad body': (r) => ({ ...r, body: '{}' }),
}
const answers: Record<string, [number, string | RegExp]> = {
  'body over 10 MB': [413, 'HTTP content length exceeded 10485760 bytes.'],
  // With an Authorization header, SigV4's parse error (IncompleteSignatureException; issue 14).
  'no route': [403, /Missing Authentication Token|Authorization header requires 'Credential'/],
  'resource policy deny': [403, 'with an explicit deny'],
  'no token': [401, 'Unauthorized'],
  'authorizer deny': [403, 'with an explicit deny'],
  'bad key': [403, 'Forbidden'],
  'missing parameter': [400, 'Missing required request parameters: [q]'],
  'bad body': [400, 'Invalid request body'],
}
const order = Object.keys(faults)

describe('order of checks', () => {
  it('a good request passes', async () => {
    expect((await gateway.invoke(good)).statusCode).toBe(200)
  })

  const rows: Array<[string, string]> = []
  for (let i = 0; i < order.length; i++)
    for (let j = i + 1; j < order.length; j++) rows.push([order[i] as string, order[j] as string])

  it.each(rows)('%s + %s: the first wins', async (first, second) => {
    // Apply the later fault first so the earlier one's change is the one left standing.
    const request = (faults[first] as (r: GatewayRequest) => GatewayRequest)(
      (faults[second] as (r: GatewayRequest) => GatewayRequest)(good),
    )
    const res = await gateway.invoke(request)
    const [status, text] = answers[first] as [number, string | RegExp]
    expect(res.statusCode).toBe(status)
    if (typeof text === 'string') expect(res.body).toContain(text)
    else expect(res.body).toMatch(text)
  })
})
