// Regression tests for the defects the three Lambda authorizer copies had before they became one
// core (auth/lambda-authorizer-core/), each named after its kind. Facts: spec/security.md §3, §7;
// spec/websocket.md §6;
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  ConnectionError,
  createGateway,
  createWebSocketGateway,
  silentLogger,
} from '../../../src/index.js'
import { lambdaUri } from '../../fixtures/mini-api.js'

type Json = Record<string, unknown>

const ALLOW_ALL = {
  Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }],
}

function restRequestAuthorizer(handler: (event: Json) => unknown) {
  return createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'defects', version: '1' },
      securityDefinitions: {
        req: {
          type: 'apiKey',
          name: 'Unused',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': {
            type: 'request',
            authorizerUri: lambdaUri('Auth'),
            identitySource: 'method.request.querystring.a, method.request.querystring.b',
            authorizerResultTtlInSeconds: 300,
          },
        },
      },
      paths: {
        '/r': {
          get: {
            security: [{ req: [] }],
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              responses: { default: { statusCode: '200' } },
            },
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    },
    lambdas: { Auth: async (event: Json) => handler(event) },
    logger: silentLogger,
  })
}

function httpApi(extension: Json, handler: (event: Json) => unknown) {
  return createGateway({
    api: {
      openapi: '3.0.1',
      info: { title: 'defects', version: '1' },
      components: {
        securitySchemes: {
          auth: {
            type: 'apiKey',
            name: 'Authorization',
            in: 'header',
            'x-amazon-apigateway-authorizer': {
              type: 'request',
              identitySource: '$request.header.Authorization',
              authorizerUri: lambdaUri('Auth'),
              authorizerPayloadFormatVersion: '2.0',
              ...extension,
            },
          },
        },
      },
      paths: {
        '/pets': {
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
    lambdas: {
      Auth: async (event: Json) => handler(event),
      Fn: async () => ({ statusCode: 200, body: 'in' }),
    },
    logger: silentLogger,
  })
}

function webSocket(
  identitySource: string[],
  handler: (event: Json) => unknown,
  stage: { name: string; variables?: Record<string, string> } = { name: 'prod' },
) {
  const gateway = createWebSocketGateway({
    api: {
      routes: { $connect: { lambda: 'Connect' } },
      authorizer: { lambda: 'Auth', identitySource },
    },
    stage,
    lambdas: {
      Auth: async (event: Json) => handler(event),
      Connect: async () => ({ statusCode: 200 }),
    },
    logger: silentLogger,
  })
  const status = (request: {
    headers?: Record<string, string>
    query?: string
    sourceIp?: string
  }) =>
    gateway.connect(request, { send: () => {}, close: () => {} }).then(
      () => 200,
      (error: unknown) => (error instanceof ConnectionError ? error.statusCode : 0),
    )
  return { gateway, status }
}

describe('cache-key-collision: identity values are keyed unambiguously', () => {
  it('REST: ?a=x%00y&b=z and ?a=x&b=y%00z are two identities, not one cached Allow', async () => {
    const calls: Json[] = []
    const gateway = restRequestAuthorizer((event) => {
      calls.push(event)
      const q = event['queryStringParameters'] as Record<string, string>
      return {
        principalId: 'u',
        policyDocument: q['a'] === 'x\u0000y' ? ALLOW_ALL : { Statement: [] },
      }
    })
    expect((await gateway.invoke({ method: 'GET', path: '/r?a=x%00y&b=z' })).statusCode).toBe(200)
    const other = await gateway.invoke({ method: 'GET', path: '/r?a=x&b=y%00z' })
    expect(other.statusCode).toBe(403)
    expect(calls).toHaveLength(2)
  })
})

describe('ws-identity-source-forms: stageVariables.X and context.X are identity sources', () => {
  it('reads a stage variable and a context variable instead of refusing every handshake', async () => {
    const seen: Json[] = []
    const { status } = webSocket(
      ['stageVariables.tenant', 'context.identity.sourceIp'],
      (event) => (seen.push(event), { principalId: 'u', policyDocument: ALLOW_ALL }),
      { name: 'prod', variables: { tenant: 't1' } },
    )
    expect(await status({ sourceIp: '203.0.113.9' })).toBe(200)
    expect(seen).toHaveLength(1)
    // ws-authorizer-event-stage-variables: the event carries the stage's variables (was {}).
    expect(seen[0]?.['stageVariables']).toEqual({ tenant: 't1' })
  })

  it('still refuses with 401 without a call when the stage variable is missing', async () => {
    const seen: Json[] = []
    const { status } = webSocket(['stageVariables.tenant'], (event) => (seen.push(event), {}))
    expect(await status({})).toBe(401)
    expect(seen).toHaveLength(0)
  })
})

describe('ws-invalid-identity-source: a source of no known form is a ConfigError, not a 401 for all', () => {
  it.each([
    ['route.request.headers.Auth'],
    ['method.request.header.Auth'],
    ['$request.header.Auth'],
  ])('%s', (source) => {
    expect(() => webSocket([source], () => ({}))).toThrow(ConfigError)
    expect(() => webSocket([source], () => ({}))).toThrow(/authorizer\.identitySource/)
  })
})

describe('ws-malformed-output: output without a valid policy is a 500, as REST, not a Deny', () => {
  it.each([
    ['no policyDocument', { principalId: 'u' }],
    ['a context object value', { principalId: 'u', policyDocument: ALLOW_ALL, context: { a: {} } }],
    ['a principalId object', { principalId: { id: 1 }, policyDocument: ALLOW_ALL }],
    ['no object', 'allow'],
  ])('%s', async (_, output) => {
    const { status } = webSocket(['route.request.querystring.token'], () => output)
    expect(await status({ query: 'token=t' })).toBe(500)
  })
})

describe('http-identity-source-context: $context.X identity sources read the context', () => {
  it('$context.identity.sourceIp and $context.httpMethod are read (were always 401)', async () => {
    const seen: Json[] = []
    const gateway = httpApi(
      {
        identitySource: ['$context.identity.sourceIp', '$context.httpMethod'],
        enableSimpleResponses: true,
      },
      (event) => (seen.push(event), { isAuthorized: true }),
    )
    const res = await gateway.invoke({ method: 'GET', path: '/pets', sourceIp: '203.0.113.9' })
    expect(res.statusCode).toBe(200)
    expect(seen[0]?.['identitySource']).toEqual(['203.0.113.9', 'GET'])
  })
})

describe('http-malformed-output: answered 500 like REST (was admitted or denied)', () => {
  it.each([
    ['a context that is no object', { isAuthorized: true, context: 'text' }, true],
    ['a context that is an array', { isAuthorized: true, context: ['a'] }, true],
    ['isAuthorized that is no boolean', { isAuthorized: 'true' }, true],
    ['a policyDocument without statements', { principalId: 'u', policyDocument: {} }, false],
  ])('%s', async (_, output, simple) => {
    const gateway = httpApi({ enableSimpleResponses: simple || undefined }, () => output)
    const res = await gateway.invoke({
      method: 'GET',
      path: '/pets',
      headers: { Authorization: 't' },
    })
    expect([res.statusCode, res.body]).toEqual([500, '{"message":"Internal Server Error"}'])
  })
})

describe('http-malformed-output-cached: only valid outputs are cached', () => {
  it('asks again after a malformed output within the TTL', async () => {
    let calls = 0
    const gateway = httpApi(
      { enableSimpleResponses: true, authorizerResultTtlInSeconds: 300 },
      () => (++calls === 1 ? { isAuthorized: 'yes' } : { isAuthorized: true }),
    )
    const send = () =>
      gateway.invoke({ method: 'GET', path: '/pets', headers: { Authorization: 't' } })
    expect((await send()).statusCode).toBe(500)
    expect((await send()).statusCode).toBe(200)
    expect((await send()).statusCode).toBe(200)
    expect(calls).toBe(2)
  })
})

describe('http-ttl-out-of-range: a TTL outside 0..3600 is a ConfigError (was clamped)', () => {
  it.each([7200, -1, 'soon'])('%s', (ttl) => {
    expect(() => httpApi({ authorizerResultTtlInSeconds: ttl }, () => ({}))).toThrow(
      /authorizerResultTtlInSeconds/,
    )
  })
})
