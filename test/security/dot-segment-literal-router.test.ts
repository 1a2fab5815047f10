// Routing resolves dot segments (`/admin/../public/x` is `/public/x`, docs/security.md), but many
// web frameworks behind a Lambda (Express, Fastify, Koa routers) match the path they are given
// literally: `/admin/../public/x` matches their `/admin/*`. The function must therefore never get
// a path whose literal prefix names a route whose checks the request did not pass.
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'
import { lambdaUri } from '../fixtures/mini-api.js'

/** Routes like Express: by the path as given, no decoding, no dot segments resolved. */
function literalRoute(path: string): string {
  return '/' + path.split('/').filter(Boolean).join('/')
}
const isAdmin = (path: string): boolean => /^\/admin(\/|$)/.test(literalRoute(path))

const ATTACKS = [
  '/admin/../public/x',
  '/admin/%2e%2e/public/x',
  '/admin/.%2E/public/x',
  '/admin/./../public/x',
  '/admin//..//public/x',
  '/admin/x/../../public/x',
  '/admin%2F..%2Fpublic/x',
  '/admin%2F%2e%2e%2Fpublic/x',
]

function restGateway() {
  return createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'literal', version: '1' },
      securityDefinitions: {
        tok: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': {
            type: 'token',
            authorizerUri: lambdaUri('Auth'),
            authorizerResultTtlInSeconds: 0,
          },
        },
      },
      paths: {
        '/admin/{proxy+}': {
          'x-amazon-apigateway-any-method': {
            security: [{ tok: [] }],
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: lambdaUri('App'),
            },
          },
        },
        '/{proxy+}': {
          'x-amazon-apigateway-any-method': {
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: lambdaUri('App'),
            },
          },
        },
      },
    },
    lambdas: {
      Auth: () => {
        throw new Error('Unauthorized')
      },
      App: (event: { path: string }) => ({
        statusCode: 200,
        body: JSON.stringify({ admin: isAdmin(event.path), path: event.path }),
      }),
    },
    logger: silentLogger,
  })
}

function httpGateway() {
  const lambda = (name: string) => ({
    'x-amazon-apigateway-integration': {
      type: 'aws_proxy',
      httpMethod: 'POST',
      payloadFormatVersion: '2.0',
      uri: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    },
  })
  return createGateway({
    protocolType: 'HTTP',
    api: {
      openapi: '3.0.1',
      info: { title: 'literal-http', version: '1' },
      components: {
        securitySchemes: {
          auth: {
            type: 'apiKey',
            name: 'Authorization',
            in: 'header',
            'x-amazon-apigateway-authorizer': {
              type: 'request',
              identitySource: '$request.header.Authorization',
              authorizerUri: `arn:aws:lambda:us-east-1:123456789012:function:Auth`,
              authorizerPayloadFormatVersion: '2.0',
              enableSimpleResponses: true,
            },
          },
        },
      },
      paths: {
        '/admin/{proxy+}': { get: { security: [{ auth: [] }], ...lambda('App') } },
        '/{proxy+}': { get: lambda('App') },
      },
    },
    lambdas: {
      Auth: () => ({ isAuthorized: false }),
      App: (event: { rawPath: string }) => ({
        statusCode: 200,
        body: JSON.stringify({ admin: isAdmin(event.rawPath), path: event.rawPath }),
      }),
    },
    logger: silentLogger,
  })
}

describe('dot segments and a literal router behind the Lambda', () => {
  const rest = restGateway()
  const http = httpGateway()

  it('routes as defined: /admin/* needs the authorizer, the rest is public', async () => {
    expect((await rest.invoke({ method: 'GET', path: '/admin/x' })).statusCode).toBe(401)
    expect((await rest.invoke({ method: 'GET', path: '/public/x' })).statusCode).toBe(200)
    expect((await http.invoke({ method: 'GET', path: '/admin/x' })).statusCode).toBe(401)
    expect((await http.invoke({ method: 'GET', path: '/public/x' })).statusCode).toBe(200)
  })

  it.each(ATTACKS)('auth-bypass: REST GET %s', async (path) => {
    const res = await rest.invoke({ method: 'GET', path })
    if (res.statusCode === 200) expect(JSON.parse(res.body)).toMatchObject({ admin: false })
    else expect([401, 403, 404]).toContain(res.statusCode)
  })

  it.each(ATTACKS)('auth-bypass: HTTP API GET %s', async (path) => {
    const res = await http.invoke({ method: 'GET', path })
    if (res.statusCode === 200) expect(JSON.parse(res.body)).toMatchObject({ admin: false })
    else expect([401, 403, 404]).toContain(res.statusCode)
  })
})
