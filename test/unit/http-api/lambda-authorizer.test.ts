// HTTP API Lambda authorizers: payload 2.0, simple responses, IAM policies, caching.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { FakeClock } from '../../../src/testing/index.js'

type AuthEvent = {
  version: string
  type: string
  routeArn?: string
  methodArn?: string
  identitySource: string[] | string
  authorizationToken?: string
  routeKey?: string
}

function setup(extra: Record<string, unknown>) {
  const clock = new FakeClock(Date.UTC(2026, 10, 21))
  const calls: AuthEvent[] = []
  const events: Array<Record<string, any>> = [] // eslint-disable-line @typescript-eslint/no-explicit-any
  const gateway = createGateway({
    api: {
      openapi: '3.0.1',
      info: { title: 'lambda-auth', version: '1' },
      components: {
        securitySchemes: {
          auth: {
            type: 'apiKey',
            name: 'Authorization',
            in: 'header',
            'x-amazon-apigateway-authorizer': {
              type: 'request',
              identitySource: '$request.header.Authorization',
              authorizerUri:
                'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Auth/invocations',
              authorizerPayloadFormatVersion: '2.0',
              ...extra,
            },
          },
        },
      },
      paths: {
        '/pets/{id}': {
          get: {
            security: [{ auth: [] }],
            'x-amazon-apigateway-integration': {
              payloadFormatVersion: '2.0',
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
            },
          },
        },
      },
      'x-amazon-apigateway-importexport-version': '1.0',
    },
    apiId: 'hapi01',
    clock,
    lambdas: {
      Auth: async (event: AuthEvent) => {
        calls.push(event)
        const token = Array.isArray(event.identitySource)
          ? event.identitySource[0]
          : event.authorizationToken?.split(',')[0]
        if (token === 'boom') throw new Error('down')
        if (extra['enableSimpleResponses'])
          return { isAuthorized: token === 'good', context: { user: 'ana', level: 3 } }
        return {
          principalId: 'ana',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Action: 'execute-api:Invoke',
                Effect: token === 'good' ? 'Allow' : 'Deny',
                Resource: event.routeArn ?? event.methodArn,
              },
            ],
          },
          context: { user: 'ana' },
        }
      },
      Fn: async (event: Record<string, unknown>) => (
        events.push(event),
        { statusCode: 200, body: 'in' }
      ),
    },
    logger: silentLogger,
  })
  const get = (auth?: string, query = '') =>
    gateway.invoke({
      method: 'GET',
      path: `/pets/1${query}`,
      headers: auth === undefined ? {} : { Authorization: auth },
    })
  return { get, calls, events, clock }
}

describe('HTTP API Lambda authorizer', () => {
  it('sends the 2.0 authorizer event and honours simple responses, with context in requestContext', async () => {
    const { get, calls, events } = setup({ enableSimpleResponses: true })
    expect((await get('good')).statusCode).toBe(200)
    expect(calls[0]).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: 'arn:aws:execute-api:us-east-1:123456789012:hapi01/$default/GET/pets/1',
      identitySource: ['good'],
      routeKey: 'GET /pets/{id}',
      rawPath: '/pets/1',
      pathParameters: { id: '1' },
    })
    // The authorizer gets the request, not its body (AWS's 2.0 authorizer event).
    expect(calls[0]).not.toHaveProperty('body')
    expect(calls[0]).not.toHaveProperty('isBase64Encoded')
    expect(events[0]?.['requestContext']['authorizer']).toEqual({
      lambda: { user: 'ana', level: 3 },
    })
    const denied = await get('bad')
    expect([denied.statusCode, denied.body]).toEqual([403, '{"message":"Forbidden"}'])
  })

  it('evaluates IAM policies, 401 without the identity source (no call), 500 when it fails', async () => {
    const { get, calls } = setup({})
    expect((await get('good')).statusCode).toBe(200)
    expect((await get('bad')).statusCode).toBe(403)
    const missing = await get()
    expect([missing.statusCode, missing.body]).toEqual([401, '{"message":"Unauthorized"}'])
    expect(calls).toHaveLength(2)
    const failed = await get('boom')
    expect([failed.statusCode, failed.body]).toEqual([500, '{"message":"Internal Server Error"}'])
  })

  it('caches by identity for authorizerResultTtlInSeconds on the injected clock', async () => {
    const { get, calls, clock } = setup({
      enableSimpleResponses: true,
      authorizerResultTtlInSeconds: 60,
    })
    await get('good')
    await get('good')
    expect(calls).toHaveLength(1)
    await clock.advance(60_000)
    await get('good')
    expect(calls).toHaveLength(2)
  })

  it('sends the REST-like 1.0 event with authorizerPayloadFormatVersion 1.0, and evaluates its policy', async () => {
    const { get, calls } = setup({
      authorizerPayloadFormatVersion: '1.0',
      identitySource: '$request.header.Authorization,$request.querystring.tenant',
    })
    expect((await get('good', '?tenant=t1')).statusCode).toBe(200)
    const event = calls[0] as unknown as Record<string, unknown>
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
    // (payload format 1.0): sources comma-joined in identitySource and authorizationToken.
    expect(event).toMatchObject({
      version: '1.0',
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:us-east-1:123456789012:hapi01/$default/GET/pets/1',
      identitySource: 'good,t1',
      authorizationToken: 'good,t1',
      resource: '/pets/{id}',
      path: '/pets/1',
      httpMethod: 'GET',
      headers: { Authorization: 'good' },
      multiValueHeaders: { Authorization: ['good'] },
      queryStringParameters: { tenant: 't1' },
      multiValueQueryStringParameters: { tenant: ['t1'] },
      pathParameters: { id: '1' },
      stageVariables: null,
      requestContext: {
        accountId: '123456789012',
        apiId: 'hapi01',
        httpMethod: 'GET',
        path: '/pets/1',
        resourceId: null,
        resourcePath: '/pets/{id}',
        stage: '$default',
        identity: { sourceIp: '127.0.0.1', accessKey: null, userArn: null },
      },
    })
    for (const key of ['routeArn', 'routeKey', 'rawPath', 'cookies', 'body'])
      expect(event).not.toHaveProperty(key)
    expect((await get('bad', '?tenant=t1')).statusCode).toBe(403)
    expect((await get('good')).statusCode).toBe(401) // a missing source: no call
    expect(calls).toHaveLength(2)
  })
})
