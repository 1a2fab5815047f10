// aws_api_gateway_* instances → a CloudFormation template → a served REST API (issue 17 item 4):
// the resource tree from parent_id/path_part, methods with their integration and responses,
// authorizer, model, validator, gateway response, stage with variables and method settings,
// usage plan and key, and a Lambda function whose code is found through archive_file.
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { importInstances } from '../../../src/terraform/import-instances.js'
import { inst, str, tok } from './build.js'
import { API, code, REST_INSTANCES } from './rest-fixture.js'

describe('REST API from aws_api_gateway_* resources', () => {
  const imported = importInstances(REST_INSTANCES, { rootDir: '/infra', diagnostics: [] })
  const [restApi] = imported.apis

  it('lists the API under its address, with its stage, plan and key', () => {
    expect(imported.apis.map((a) => [a.address, a.kind, a.name, a.stageName])).toEqual([
      [API, 'REST', 'users-api', 'v1'],
    ])
    expect(restApi?.stages[0]).toMatchObject({
      name: 'v1',
      variables: { color: 'blue' },
      methodSettings: {
        '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 50, metricsEnabled: true },
        'users/{id}/GET': { throttlingRateLimit: 1, throttlingBurstLimit: 1 },
      },
    })
    expect(restApi?.usagePlans).toMatchObject([
      {
        name: 'basic',
        quota: { limit: 1000, period: 'DAY' },
        throttle: { burstLimit: 5, rateLimit: 10 },
      },
    ])
    expect(restApi?.apiKeys).toMatchObject([
      { name: 'alice', value: 'alice-key-0123456789abcdef', enabled: true },
    ])
    expect(imported.functions).toMatchObject([
      {
        address: 'aws_lambda_function.fn',
        functionName: 'users-fn',
        codeUri: code,
        environment: { TABLE: 'users' },
        timeout: 10,
        memorySize: 256,
      },
    ])
    expect(imported.diagnostics).toEqual([])
  })

  const gateway = createGateway({
    api: restApi as NonNullable<typeof restApi>,
    logger: silentLogger,
  })

  it('serves the resource tree', () => {
    expect(gateway.routes()).toEqual([
      { method: 'POST', path: '/users', integration: 'MOCK' },
      { method: 'GET', path: '/users/{id}', integration: 'AWS_PROXY' },
    ])
  })

  it('runs the handler found through archive_file, with stage variables', async () => {
    const res = await gateway.invoke({ method: 'GET', path: '/users/7' })
    expect([res.statusCode, JSON.parse(res.body)]).toEqual([
      200,
      { path: '/users/7', id: '7', stage: 'v1', color: 'blue', fn: 'users-fn' },
    ])
  })

  it('checks the API key, the request validator and the model', async () => {
    const headers = { 'content-type': 'application/json' }
    expect(
      (await gateway.invoke({ method: 'POST', path: '/users', headers, body: '{"name":"a"}' }))
        .statusCode,
    ).toBe(403)
    const keyed = { ...headers, 'x-api-key': 'alice-key-0123456789abcdef' }
    const bad = await gateway.invoke({ method: 'POST', path: '/users', headers: keyed, body: '{}' })
    expect([bad.statusCode, JSON.parse(bad.body)]).toEqual([
      400,
      { message: 'Invalid request body' },
    ])
    const ok = await gateway.invoke({
      method: 'POST',
      path: '/users',
      headers: keyed,
      body: '{"name":"a"}',
    })
    expect([ok.statusCode, ok.body]).toEqual([201, '{"created": true}'])
  })

  it('answers with the gateway responses', async () => {
    const res = await gateway.invoke({ method: 'GET', path: '/nowhere' })
    expect([res.statusCode, res.body]).toEqual([404, '{"message":"no such route"}'])
  })

  it('keeps the generated template, its logical ids derived from the addresses', () => {
    const resources = imported.template['Resources'] as Record<string, { Type: string }>
    expect(resources['ApiGatewayMethodGetUser']).toMatchObject({
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        Integration: {
          Type: 'AWS_PROXY',
          Uri: {
            'Fn::Sub':
              'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${LambdaFunctionFn.Arn}/invocations',
          },
        },
      },
    })
    expect(resources['IamRoleExec']).toEqual({ Type: 'AWS::IAM::Role', Properties: {} })
  })
})

describe('a string with computed parts', () => {
  it('becomes Fn::Join: an OpenAPI body with an interpolated invoke_arn', async () => {
    const body = str(
      '{"openapi":"3.0.1","info":{"title":"t","version":"1"},"paths":{"/hi":{"get":{"x-amazon-apigateway-integration":{"type":"aws_proxy","httpMethod":"POST","uri":"',
      tok('aws_lambda_function.fn', 'invoke_arn'),
      '"}}}}}',
    )
    const imported = importInstances(
      [
        REST_INSTANCES[0],
        REST_INSTANCES[1],
        inst('aws_api_gateway_rest_api.body', { name: 'from-body', body }),
        inst('aws_api_gateway_deployment.d', {
          rest_api_id: tok('aws_api_gateway_rest_api.body', 'id'),
          stage_name: 'prod',
          variables: { color: 'green' },
        }),
      ].filter((i) => i !== undefined),
      { rootDir: '/infra', diagnostics: [] },
    )
    const gateway = createGateway({ api: imported.apis[0] as never, logger: silentLogger })
    const res = await gateway.invoke({ method: 'GET', path: '/hi' })
    expect([res.statusCode, JSON.parse(res.body)]).toMatchObject([
      200,
      { path: '/hi', stage: 'prod', color: 'green', fn: 'users-fn' },
    ])
  })
})
