// Lambda authorizers (TOKEN and REQUEST): https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type LambdaProxyEvent } from '../../../src/index.js'
import { evaluatePolicy } from '../../../src/auth/policy.js'
import { FakeClock } from '../../../src/testing/index.js'
import { lambdaUri } from '../../fixtures/mini-api.js'

const ARN_PREFIX = 'arn:aws:execute-api:us-east-1:123456789012:api123/prod'

function policy(effect: 'Allow' | 'Deny', resource: string | string[]) {
  return {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  }
}

interface AuthEvent {
  type: string
  authorizationToken?: string
  methodArn: string
  headers?: Record<string, string>
  queryStringParameters?: Record<string, string>
  stageVariables?: Record<string, string>
}

function setup(ttl: number | undefined = 300) {
  const calls: AuthEvent[] = []
  const events: LambdaProxyEvent[] = []
  const clock = new FakeClock(Date.UTC(2026, 10, 21))
  const proxy = (fn: string, scheme: string) => ({
    security: [{ [scheme]: [] }],
    'x-amazon-apigateway-integration': {
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: lambdaUri(fn),
    },
  })
  const gateway = createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'auth', version: '1' },
      securityDefinitions: {
        tok: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': {
            type: 'token',
            authorizerUri: lambdaUri('TokenAuth'),
            identityValidationExpression: '^Bearer [a-z0-9-]+$',
            ...(ttl === undefined ? {} : { authorizerResultTtlInSeconds: ttl }),
          },
        },
        req: {
          type: 'apiKey',
          name: 'Unused',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': {
            type: 'request',
            authorizerUri: lambdaUri('RequestAuth'),
            identitySource: 'method.request.header.X-User, method.request.querystring.tenant',
            authorizerResultTtlInSeconds: 0,
          },
        },
      },
      paths: {
        '/pets/{id}': { get: proxy('Pets', 'tok'), delete: proxy('Pets', 'tok') },
        '/req/{id}': { get: proxy('Pets', 'req') },
      },
    },
    apiId: 'api123',
    stage: { name: 'prod', variables: { color: 'green' } },
    clock,
    lambdas: {
      TokenAuth: async (event: AuthEvent) => {
        calls.push(event)
        const token = (event.authorizationToken ?? '').slice('Bearer '.length)
        if (token === 'deny') return { principalId: 'u', policyDocument: policy('Deny', '*') }
        if (token === 'unauthorized') throw new Error('Unauthorized')
        if (token === 'boom') throw new Error('database down')
        if (token === 'malformed') return { principalId: 'u' }
        if (token === 'nothing')
          return {
            principalId: 'u',
            policyDocument: policy('Allow', 'arn:aws:execute-api:*:*:other/*'),
          }
        if (token === 'only-1')
          return { principalId: 'u', policyDocument: policy('Allow', `${ARN_PREFIX}/GET/pets/1`) }
        return {
          principalId: `user-${token}`,
          policyDocument: policy('Allow', `${ARN_PREFIX}/GET/pets/*`),
          context: { tier: 'gold', level: 3, admin: false },
        }
      },
      RequestAuth: async (event: AuthEvent) => {
        calls.push(event)
        return {
          principalId: event.headers?.['X-User'] ?? '',
          policyDocument: policy('Allow', `${ARN_PREFIX}/*`),
        }
      },
      Pets: async (event: LambdaProxyEvent) => {
        events.push(event)
        return { statusCode: 200, body: 'ok' }
      },
    },
    logger: silentLogger,
  })
  const get = (path: string, token?: string, method = 'GET') =>
    gateway.invoke({
      method,
      path,
      headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
    })
  return { gateway, calls, events, clock, get }
}

describe('TOKEN authorizer', () => {
  it('allows, and passes principalId and context to the integration', async () => {
    const { get, calls, events } = setup()
    const res = await get('/pets/7', 'abc')
    expect([res.statusCode, res.body]).toEqual([200, 'ok'])
    expect(calls[0]).toEqual({
      type: 'TOKEN',
      authorizationToken: 'Bearer abc',
      methodArn: `${ARN_PREFIX}/GET/pets/7`,
    })
    expect(events[0]?.requestContext['authorizer']).toEqual({
      principalId: 'user-abc',
      tier: 'gold',
      level: '3',
      admin: 'false',
      integrationLatency: 0,
    })
  })

  it.each([
    ['no token', undefined],
    ['a token failing identityValidationExpression', 'UPPER'],
  ])('answers 401 without calling the function for %s', async (_, token) => {
    const { get, calls } = setup()
    const res = await get('/pets/1', token)
    expect([res.statusCode, res.body]).toEqual([401, '{"message":"Unauthorized"}'])
    expect(res.headers['x-amzn-ErrorType']).toBe('UnauthorizedException')
    expect(calls).toHaveLength(0)
  })

  it.each([
    [
      'an explicit Deny',
      'deny',
      403,
      '{"Message":"User is not authorized to access this resource with an explicit deny"}',
    ],
    [
      'no matching Allow',
      'nothing',
      403,
      '{"Message":"User is not authorized to access this resource"}',
    ],
    ['the error "Unauthorized"', 'unauthorized', 401, '{"message":"Unauthorized"}'],
    ['any other error', 'boom', 500, '{"message":null}'],
    ['output without a policy', 'malformed', 500, '{"message":null}'],
  ])('answers %s with %i', async (_, token, status, body) => {
    const { get } = setup()
    const res = await get('/pets/1', token)
    expect([res.statusCode, res.body]).toEqual([status, body])
  })
})

describe('authorizer result cache', () => {
  it('calls the function once per token within the TTL, again after it', async () => {
    const { get, calls, clock } = setup(60)
    await get('/pets/1', 'abc')
    await get('/pets/2', 'abc')
    expect(calls).toHaveLength(1)
    await get('/pets/1', 'xyz')
    expect(calls).toHaveLength(2)
    await clock.advance(60_000)
    await get('/pets/1', 'abc')
    expect(calls).toHaveLength(3)
  })

  it('with TTL 0 calls the function every time', async () => {
    const { get, calls } = setup(0)
    await get('/pets/1', 'abc')
    await get('/pets/1', 'abc')
    expect(calls).toHaveLength(2)
  })

  it('reuses the cached policy: /pets/* admits /pets/2, a policy naming /pets/1 denies /pets/2', async () => {
    const { get, calls } = setup()
    expect((await get('/pets/1', 'abc')).statusCode).toBe(200)
    expect((await get('/pets/2', 'abc')).statusCode).toBe(200)
    expect((await get('/pets/2', 'abc', 'DELETE')).statusCode).toBe(403)
    expect((await get('/pets/1', 'only-1')).statusCode).toBe(200)
    const second = await get('/pets/2', 'only-1')
    expect([second.statusCode, second.body]).toEqual([
      403,
      '{"Message":"User is not authorized to access this resource"}',
    ])
    expect(calls.filter((c) => c.authorizationToken === 'Bearer only-1')).toHaveLength(1)
  })
})

describe('REQUEST authorizer', () => {
  it('sends the request and answers 401 without a call when an identity source is missing', async () => {
    const { gateway, calls } = setup()
    const missing = await gateway.invoke({ method: 'GET', path: '/req/1?tenant=t1' })
    expect(missing.statusCode).toBe(401)
    expect(calls).toHaveLength(0)
    const res = await gateway.invoke({
      method: 'GET',
      path: '/req/5?tenant=t1',
      headers: { 'X-User': 'ana' },
    })
    expect(res.statusCode).toBe(200)
    expect(calls[0]).toMatchObject({
      type: 'REQUEST',
      methodArn: `${ARN_PREFIX}/GET/req/5`,
      headers: { 'X-User': 'ana' },
      queryStringParameters: { tenant: 't1' },
      stageVariables: { color: 'green' },
    })
  })
})

describe('policy evaluation', () => {
  const arn = `${ARN_PREFIX}/GET/pets/1`
  it.each([
    [policy('Allow', 'arn:aws:execute-api:*:*:*'), 'ALLOW'],
    [policy('Allow', `${ARN_PREFIX}/*/pets/?`), 'ALLOW'],
    [policy('Allow', `${ARN_PREFIX}/GET/PETS/1`), 'IMPLICIT_DENY'],
    [
      {
        Statement: [
          ...policy('Allow', '*').Statement,
          ...policy('Deny', `${ARN_PREFIX}/GET/*`).Statement,
        ],
      },
      'EXPLICIT_DENY',
    ],
    [{ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }, 'IMPLICIT_DENY'],
    [{ Statement: { Effect: 'Allow', Action: ['execute-api:*'], Resource: [arn] } }, 'ALLOW'],
  ])('%j → %s', (document, verdict) => {
    expect(evaluatePolicy(document, arn)).toBe(verdict)
  })
})
