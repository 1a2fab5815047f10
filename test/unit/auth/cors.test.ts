// CORS on REST APIs the way the console and CDK generate it: an OPTIONS method with a MOCK
// integration and static header mappings, and gateway responses carrying CORS headers.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { lambdaUri } from '../../fixtures/mini-api.js'

const corsHeaders = {
  'method.response.header.Access-Control-Allow-Headers':
    "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'",
  'method.response.header.Access-Control-Allow-Methods': "'GET,POST,OPTIONS'",
  'method.response.header.Access-Control-Allow-Origin': "'https://app.example.com'",
}

const gateway = createGateway({
  api: {
    swagger: '2.0',
    info: { title: 'cors', version: '1' },
    securityDefinitions: {
      tok: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': { type: 'token', authorizerUri: lambdaUri('Auth') },
      },
    },
    'x-amazon-apigateway-gateway-responses': {
      DEFAULT_4XX: {
        responseParameters: {
          'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'",
        },
      },
    },
    paths: {
      '/pets': {
        get: {
          security: [{ tok: [] }],
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: { default: { statusCode: '200' } },
          },
        },
        options: {
          consumes: ['application/json'],
          responses: {
            200: {
              description: '200 response',
              headers: {
                'Access-Control-Allow-Origin': { type: 'string' },
                'Access-Control-Allow-Methods': { type: 'string' },
                'Access-Control-Allow-Headers': { type: 'string' },
              },
            },
          },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            passthroughBehavior: 'when_no_match',
            responses: { default: { statusCode: '200', responseParameters: corsHeaders } },
          },
        },
      },
    },
  },
  lambdas: { Auth: async () => ({ principalId: 'u', policyDocument: { Statement: [] } }) },
  logger: silentLogger,
})

describe('CORS (REST)', () => {
  it('answers a preflight from the OPTIONS MOCK method without authorization', async () => {
    const res = await gateway.invoke({
      method: 'OPTIONS',
      path: '/pets',
      headers: {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'https://app.example.com',
      'Access-Control-Allow-Methods': 'GET,POST,OPTIONS',
      'Access-Control-Allow-Headers':
        'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token',
    })
  })

  it('puts CORS headers on gateway responses (a 401 the browser can read)', async () => {
    const res = await gateway.invoke({
      method: 'GET',
      path: '/pets',
      headers: { Origin: 'https://app.example.com' },
    })
    expect(res.statusCode).toBe(401)
    expect(res.headers['Access-Control-Allow-Origin']).toBe('https://app.example.com')
  })

  it('a method without OPTIONS has no preflight: 403 Missing Authentication Token', async () => {
    const res = await gateway.invoke({ method: 'OPTIONS', path: '/other' })
    expect(res.statusCode).toBe(403)
    expect(res.headers['Access-Control-Allow-Origin']).toBe('https://app.example.com')
  })
})
