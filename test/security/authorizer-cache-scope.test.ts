// A Lambda authorizer's cached result answers later requests with the same identity. AWS keeps
// that cache per stage (FlushStageAuthorizersCache flushes "all authorizer cache entries on a
// stage": https://docs.aws.amazon.com/apigateway/latest/api/API_FlushStageAuthorizersCache.html),
// so an Allow one stage's authorizer gave must never answer another stage's request.
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'
import { lambdaUri } from '../fixtures/mini-api.js'

const allowAll = (principalId: string) => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }],
  },
})

function setup() {
  const calls: string[] = []
  const gateway = createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'stages', version: '1' },
      securityDefinitions: {
        tok: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': {
            type: 'token',
            // Each stage names its own authorizer function through a stage variable.
            authorizerUri: lambdaUri('${stageVariables.authorizer}'),
            authorizerResultTtlInSeconds: 300,
          },
        },
      },
      paths: {
        '/admin': {
          get: {
            security: [{ tok: [] }],
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: lambdaUri('Admin'),
            },
          },
        },
      },
    },
    stage: { name: 'dev', variables: { authorizer: 'LaxAuth' } },
    lambdas: {
      // dev lets any token in; prod only the real one.
      LaxAuth: () => {
        calls.push('lax')
        return allowAll('dev-user')
      },
      StrictAuth: (event: { authorizationToken: string }) => {
        calls.push('strict')
        if (event.authorizationToken !== 'prod-secret') throw new Error('Unauthorized')
        return allowAll('prod-user')
      },
      Admin: (event: { requestContext: { authorizer: { principalId: string } } }) => ({
        statusCode: 200,
        body: event.requestContext.authorizer.principalId,
      }),
    },
    logger: silentLogger,
  })
  gateway.createStage({ name: 'prod', variables: { authorizer: 'StrictAuth' } })
  const get = (stage: string, token: string) =>
    gateway.invoke({ method: 'GET', path: '/admin', headers: { Authorization: token } }, { stage })
  return { get, calls }
}

describe('Lambda authorizer cache scope', () => {
  it("auth-bypass: an Allow cached on one stage does not answer another stage's request", async () => {
    const { get, calls } = setup()
    const dev = await get('dev', 'anything')
    expect([dev.statusCode, dev.body]).toEqual([200, 'dev-user'])
    const prod = await get('prod', 'anything')
    expect(prod.statusCode).toBe(401)
    expect(calls).toEqual(['lax', 'strict'])
  })

  it('keeps caching within a stage (the second request does not call the function)', async () => {
    const { get, calls } = setup()
    expect((await get('prod', 'prod-secret')).body).toBe('prod-user')
    expect((await get('prod', 'prod-secret')).body).toBe('prod-user')
    expect((await get('dev', 'prod-secret')).body).toBe('dev-user')
    expect((await get('dev', 'prod-secret')).body).toBe('dev-user')
    expect(calls).toEqual(['strict', 'lax'])
  })
})
