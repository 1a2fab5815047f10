// Issue 14, "The integration request": AWS's answers for integration requests it cannot send.
// Each row names its source.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { toNodeHandler } from '../../../src/node.js'
import { lambdaUri, openApi } from '../../fixtures/mini-api.js'

const HEADER_REMAPPING =
  'AWS-recorded: localstack tests/aws/services/apigateway/test_apigateway_integrations.snapshot.json, TestApiGatewayHeaderRemapping::test_apigateway_header_remapping_aws'
const INTERNAL_ERROR = '{"message":"Internal server error"}'

const responses = { 200: { description: 'ok' }, 404: { description: 'missing' } }

function lambdaIntegration(
  type: 'aws' | 'aws_proxy',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    responses,
    'x-amazon-apigateway-integration': {
      type,
      httpMethod: 'POST',
      uri: lambdaUri('Fn'),
      ...(type === 'aws' ? { responses: { default: { statusCode: '200' } } } : {}),
      ...extra,
    },
  }
}

function gatewayWith(paths: Record<string, unknown>) {
  const calls: unknown[] = []
  const gateway = createGateway({
    api: openApi(paths),
    lambdas: {
      Fn: async (event: unknown) => {
        calls.push(event)
        return { statusCode: 200, body: 'called' }
      },
    },
    logger: silentLogger,
  })
  return { gateway, calls }
}

describe('forbidden integration.request.header mappings (AWS and AWS_PROXY)', () => {
  const headers = [
    'Authorization',
    'Connection',
    'Content-Length',
    'Expect',
    'Proxy-Authenticate',
    'TE',
    'Transfer-Encoding',
  ]
  const rows = (['aws', 'aws_proxy'] as const).flatMap((type) =>
    headers.map((header) => ({
      type,
      header,
      source: `${HEADER_REMAPPING}[${type.toUpperCase()}]`,
    })),
  )

  it.each(rows)(
    '$type mapping onto $header is accepted at load and every call is a 500 ($source)',
    async ({ type, header }) => {
      const { gateway, calls } = gatewayWith({
        '/m': {
          get: lambdaIntegration(type, {
            requestParameters: { [`integration.request.header.${header}`]: "'x'" },
          }),
        },
      })
      for (let i = 0; i < 2; i++) {
        const res = await gateway.invoke({ method: 'GET', path: '/m' })
        expect(res.statusCode).toBe(500)
        expect(res.body).toBe(INTERNAL_ERROR)
        expect(res.headers['x-amzn-ErrorType']).toBe('InternalServerErrorException')
      }
      expect(calls).toHaveLength(0)
    },
  )

  it.each(['aws', 'aws_proxy'] as const)(
    '%s: the same 500 through portico/node over a real socket',
    async (type) => {
      const { gateway, calls } = gatewayWith({
        '/m': {
          get: lambdaIntegration(type, {
            requestParameters: { 'integration.request.header.Authorization': "'x'" },
          }),
        },
      })
      const server = createServer(toNodeHandler(gateway, { stagePrefix: false }))
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
      try {
        const { port } = server.address() as AddressInfo
        const res = await fetch(`http://127.0.0.1:${port}/m`)
        expect(res.status).toBe(500)
        expect(await res.text()).toBe(INTERNAL_ERROR)
        expect(res.headers.get('x-amzn-errortype')).toBe('InternalServerErrorException')
        expect(calls).toHaveLength(0)
      } finally {
        await new Promise((ok) => server.close(ok))
      }
    },
  )

  it('allowed mappings (Host, User-Agent, Warn) still reach an AWS integration (same source, "full")', async () => {
    const { gateway, calls } = gatewayWith({
      '/m': {
        get: lambdaIntegration('aws', {
          requestParameters: {
            'integration.request.header.Host': "'h'",
            'integration.request.header.User-Agent': "'Override-Agent'",
            'integration.request.header.Warn': "'110 x'",
          },
        }),
      },
    })
    const res = await gateway.invoke({ method: 'GET', path: '/m' })
    expect(res.statusCode).toBe(200)
    expect(calls).toHaveLength(1)
  })
})

describe('AWS_PROXY Lambda with a non-POST integration httpMethod', () => {
  it.each(['GET', 'PUT', 'ANY'])(
    'httpMethod %s: every call is a 500 Internal server error, not 504 (AWS-recorded: localstack test_apigateway_lambda.snapshot.json, test_lambda_aws_proxy_integration_non_post_method)',
    async (httpMethod) => {
      const { gateway, calls } = gatewayWith({
        '/m': { get: lambdaIntegration('aws_proxy', { httpMethod }) },
      })
      const res = await gateway.invoke({ method: 'GET', path: '/m' })
      expect(res.statusCode).toBe(500)
      expect(res.body).toBe(INTERNAL_ERROR)
      expect(res.headers['x-amzn-ErrorType']).toBe('InternalServerErrorException')
      expect(calls).toHaveLength(0)
    },
  )
})

describe('lenient MOCK request templates', () => {
  const source =
    'AWS-validated: localstack test_apigateway_integrations.py::test_integration_mock_with_path_param'
  const rows = [
    { template: '{statusCode: 200}', status: 200, source },
    { template: '{ statusCode: 404 }', status: 404, source },
    { template: "{'statusCode': 200, 'other': 'x'}", status: 200, source },
    { template: '{"statusCode": 200}', status: 200, source },
    { template: 'statusCode: 200', status: 500, source: 'Portico: not an object at all' },
  ]
  it.each(rows)('$template selects $status ($source)', async ({ template, status }) => {
    const gateway = createGateway({
      api: openApi({
        '/m/{id}': {
          options: {
            responses,
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': template },
              // no response templates: the body is empty
              responses: { default: { statusCode: '200' }, '404': { statusCode: '404' } },
            },
          },
        },
      }),
      logger: silentLogger,
    })
    const res = await gateway.invoke({ method: 'OPTIONS', path: '/m/1' })
    expect(res.statusCode).toBe(status)
    if (status !== 500) expect(res.body).toBe('')
  })
})

describe('Lambda custom (AWS) integration with a non-JSON payload', () => {
  const source =
    'user reports: serverless/serverless#2270, nateyolles/slack-pokerbot#1 (400 with this message); Lambda Invoke answers 400 InvalidRequestContentException'
  const rows = [
    { body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded', source },
    { body: 'token=abc', contentType: 'application/json', source },
  ]
  it.each(rows)(
    'passthrough of $contentType "$body": 400, the Lambda is not called ($source)',
    async ({ body, contentType }) => {
      const { gateway, calls } = gatewayWith({ '/m': { post: lambdaIntegration('aws') } })
      const res = await gateway.invoke({
        method: 'POST',
        path: '/m',
        headers: { 'Content-Type': contentType },
        body,
      })
      expect(res.statusCode).toBe(400)
      const parsed = JSON.parse(res.body) as { message: string }
      expect(parsed.message).toMatch(/^Could not parse request body into json: \S/)
      expect(calls).toHaveLength(0)
    },
  )
})
