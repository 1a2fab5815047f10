// Resource policies: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html
// and the combination table of https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { tokenAuthorizerScheme } from '../../fixtures/mini-api.js'

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:api123/prod'
const mock = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: { default: { statusCode: '200' } },
}

function gateway(policy: unknown) {
  const authCalls: string[] = []
  const gw = createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'policy', version: '1' },
      'x-amazon-apigateway-policy': policy,
      securityDefinitions: {
        tok: tokenAuthorizerScheme(),
      },
      paths: {
        '/open': {
          get: {
            responses: { 200: { description: 'ok' } },
            'x-amazon-apigateway-integration': mock,
          },
        },
        '/guarded': {
          get: {
            security: [{ tok: [] }],
            responses: { 200: { description: 'ok' } },
            'x-amazon-apigateway-integration': mock,
          },
          delete: {
            security: [{ tok: [] }],
            responses: { 200: { description: 'ok' } },
            'x-amazon-apigateway-integration': mock,
          },
        },
      },
    },
    apiId: 'api123',
    stage: { name: 'prod' },
    lambdas: {
      Auth: async (event: { authorizationToken: string }) => {
        authCalls.push(event.authorizationToken)
        return {
          principalId: 'u',
          policyDocument: {
            Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }],
          },
        }
      },
    },
    logger: silentLogger,
  })
  return { gw, authCalls }
}

const allowFrom = (cidrs: string[]) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*',
      Condition: { IpAddress: { 'aws:SourceIp': cidrs } },
    },
  ],
})

describe('resource policy', () => {
  it('an IP allow list admits callers inside and refuses others (implicit deny)', async () => {
    const { gw } = gateway(allowFrom(['10.0.0.0/8', '2001:db8::/32']))
    const inside = await gw.invoke({ method: 'GET', path: '/open', sourceIp: '10.1.2.3' })
    const inside6 = await gw.invoke({ method: 'GET', path: '/open', sourceIp: '2001:db8::7' })
    const outside = await gw.invoke({ method: 'GET', path: '/open', sourceIp: '1.2.3.4' })
    expect([inside.statusCode, inside6.statusCode]).toEqual([200, 200])
    expect([outside.statusCode, outside.body]).toEqual([
      403,
      `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN}/GET/open"}`,
    ])
  })

  it('an explicit Deny wins over an authorizer Allow, and the authorizer is not called', async () => {
    const { gw, authCalls } = gateway({
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
          Resource: 'execute-api:/*/DELETE/*',
        },
      ],
    })
    const res = await gw.invoke({
      method: 'DELETE',
      path: '/guarded',
      headers: { Authorization: 't' },
    })
    expect(res.statusCode).toBe(403)
    expect(res.body).toMatch(/with an explicit deny"}$/)
    expect(authCalls).toHaveLength(0)
    const get = await gw.invoke({
      method: 'GET',
      path: '/guarded',
      headers: { Authorization: 't' },
    })
    expect(get.statusCode).toBe(200)
  })

  it('a Deny on NotIpAddress refuses callers outside the range', async () => {
    const { gw } = gateway({
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
          Condition: { NotIpAddress: { 'aws:SourceIp': '192.168.0.0/16' } },
        },
      ],
    })
    expect(
      (await gw.invoke({ method: 'GET', path: '/open', sourceIp: '192.168.4.4' })).statusCode,
    ).toBe(200)
    expect(
      (await gw.invoke({ method: 'GET', path: '/open', sourceIp: '8.8.8.8' })).statusCode,
    ).toBe(403)
  })

  it('silent policy: an authorizer Allow admits, no authorizer is an implicit deny', async () => {
    const { gw } = gateway(allowFrom(['10.0.0.0/8']))
    const authorized = await gw.invoke({
      method: 'GET',
      path: '/guarded',
      headers: { Authorization: 't' },
      sourceIp: '1.2.3.4',
    })
    expect(authorized.statusCode).toBe(200)
    const open = await gw.invoke({ method: 'GET', path: '/open', sourceIp: '1.2.3.4' })
    expect(open.statusCode).toBe(403)
  })

  it('statements for named IAM principals do not admit anonymous callers', async () => {
    const { gw } = gateway({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::111122223333:root'] },
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
        },
      ],
    })
    expect((await gw.invoke({ method: 'GET', path: '/open' })).statusCode).toBe(403)
  })

  it('names an unsupported condition operator', () => {
    expect(() =>
      gateway({
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 'execute-api:Invoke',
            Resource: '*',
            Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
          },
        ],
      }),
    ).toThrow(
      /x-amazon-apigateway-policy\.Statement\[0\]\.Condition\.DateGreaterThan: condition operator/,
    )
  })
})
