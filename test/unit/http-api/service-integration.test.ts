// HTTP API AWS service integrations (integrationSubtype): parameters evaluated per request,
// handed to options.services with the service's own input, the service's answer passed through.
// Source for the subtypes and their parameters: AWS "Integration subtype reference",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
// and "Working with AWS service integrations for HTTP APIs",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html
import { describe, expect, it } from 'vitest'
import { ConfigError, createGateway, silentLogger } from '../../../src/index.js'
import type { AwsServiceRequest } from '../../../src/index.js'

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders'

function api(subtype: string, requestParameters: Record<string, string>, extra = {}) {
  return {
    openapi: '3.0.1',
    info: { title: 'svc', version: '1' },
    'x-amazon-apigateway-importexport-version': '1.0',
    paths: {
      '/items/{id}': {
        post: {
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            integrationSubtype: subtype,
            credentials: 'arn:aws:iam::123456789012:role/api',
            connectionType: 'INTERNET',
            payloadFormatVersion: '1.0',
            requestParameters,
            ...extra,
          },
        },
      },
    },
  }
}

function serve(
  subtype: string,
  requestParameters: Record<string, string>,
  reply: { statusCode?: number; body?: string; headers?: Record<string, string> } = {
    body: '{"ok":true}',
  },
) {
  const calls: AwsServiceRequest[] = []
  const record = (request: AwsServiceRequest) => {
    calls.push(request)
    return reply
  }
  const gateway = createGateway({
    api: api(subtype, requestParameters),
    services: { sqs: record, events: record, states: record, kinesis: record, appconfig: record },
    stage: { name: '$default', variables: { queue: QUEUE } },
    logger: silentLogger,
  })
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    gateway.invoke({
      method: 'POST',
      path: '/items/42?mode=fast',
      headers: { 'content-type': 'application/json', 'x-trace': 'abc', ...headers },
      body: JSON.stringify(body),
    })
  return { calls, post }
}

const BODY = { queue: QUEUE, message: { n: 1 }, text: 'hi', list: ['a', 'b'] }

describe('each subtype: the service call it makes', () => {
  // [subtype, requestParameters, service, action, x-amz-target, JSON input the service gets]
  const cases: Array<
    [string, Record<string, string>, string, string, string | undefined, unknown]
  > = [
    [
      'SQS-SendMessage',
      { QueueUrl: '$request.body.queue', MessageBody: '$request.body', DelaySeconds: '5' },
      'sqs',
      'SendMessage',
      'AmazonSQS.SendMessage',
      { QueueUrl: QUEUE, MessageBody: JSON.stringify(BODY), DelaySeconds: 5 },
    ],
    [
      'SQS-ReceiveMessage',
      { QueueUrl: '${stageVariables.queue}', MaxNumberOfMessages: '$request.querystring.n' },
      'sqs',
      'ReceiveMessage',
      'AmazonSQS.ReceiveMessage',
      { QueueUrl: QUEUE },
    ],
    [
      'SQS-DeleteMessage',
      { QueueUrl: '$stageVariables.queue', ReceiptHandle: '$request.path.id' },
      'sqs',
      'DeleteMessage',
      'AmazonSQS.DeleteMessage',
      { QueueUrl: QUEUE, ReceiptHandle: '42' },
    ],
    [
      'SQS-PurgeQueue',
      { QueueUrl: QUEUE },
      'sqs',
      'PurgeQueue',
      'AmazonSQS.PurgeQueue',
      { QueueUrl: QUEUE },
    ],
    [
      'EventBridge-PutEvents',
      {
        Detail: '$request.body.message',
        DetailType: 'Order',
        Source: 'shop.${request.querystring.mode}',
        Resources: '$request.body.list',
      },
      'events',
      'PutEvents',
      'AWSEvents.PutEvents',
      {
        Entries: [
          { Detail: '{"n":1}', DetailType: 'Order', Source: 'shop.fast', Resources: ['a', 'b'] },
        ],
      },
    ],
    [
      'Kinesis-PutRecord',
      { StreamName: 'clicks', Data: '$request.body.text', PartitionKey: '$request.header.x-trace' },
      'kinesis',
      'PutRecord',
      'Kinesis_20131202.PutRecord',
      { StreamName: 'clicks', Data: 'hi', PartitionKey: 'abc' },
    ],
    [
      'StepFunctions-StartExecution',
      {
        StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
        Input: '$request.body',
      },
      'states',
      'StartExecution',
      'AWSStepFunctions.StartExecution',
      {
        stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
        input: JSON.stringify(BODY),
      },
    ],
    [
      'StepFunctions-StartSyncExecution',
      {
        StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
        Name: '$context.requestId',
      },
      'states',
      'StartSyncExecution',
      'AWSStepFunctions.StartSyncExecution',
      undefined, // name is the request id, checked below
    ],
    [
      'StepFunctions-StopExecution',
      { ExecutionArn: '$request.body.text', Cause: 'user' },
      'states',
      'StopExecution',
      'AWSStepFunctions.StopExecution',
      { executionArn: 'hi', cause: 'user' },
    ],
  ]
  it.each(cases)('%s', async (subtype, parameters, service, action, target, input) => {
    const { calls, post } = serve(subtype, parameters)
    const res = await post(BODY)
    expect(res.statusCode).toBe(200)
    expect(calls).toHaveLength(1)
    const call = calls[0] as AwsServiceRequest
    expect(call).toMatchObject({ service, action, httpMethod: 'POST', integrationSubtype: subtype })
    expect(call.headers['x-amz-target']).toBe(target)
    const sent = JSON.parse(call.body)
    if (input !== undefined) expect(sent).toEqual(input)
    else expect(sent.name).toMatch(/\S/)
  })

  it('AppConfig-GetConfiguration: a GET on the AppConfig REST path', async () => {
    const { calls, post } = serve('AppConfig-GetConfiguration', {
      Application: 'app',
      Environment: '$request.querystring.mode',
      Configuration: 'conf 1',
      ClientId: '$request.path.id',
    })
    await post({})
    expect(calls[0]).toMatchObject({
      service: 'appconfig',
      action: 'GetConfiguration',
      httpMethod: 'GET',
      path: 'applications/app/environments/fast/configurations/conf%201?client_id=42',
      params: { Application: 'app', Environment: 'fast', Configuration: 'conf 1', ClientId: '42' },
    })
  })
})

describe('the answer', () => {
  it("passes the service's status, headers and body through", async () => {
    const { post } = serve(
      'SQS-SendMessage',
      { QueueUrl: QUEUE, MessageBody: '$request.body' },
      {
        statusCode: 400,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'r1' },
        body: '{"__type":"com.amazonaws.sqs#InvalidParameterValue","message":"bad"}',
      },
    )
    const res = await post({ a: 1 })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.0')
    expect(JSON.parse(res.body)).toEqual({
      __type: 'com.amazonaws.sqs#InvalidParameterValue',
      message: 'bad',
    })
  })

  it('leaves out a parameter whose value is empty (the service then answers for it)', async () => {
    const { calls, post } = serve('SQS-SendMessage', {
      QueueUrl: QUEUE,
      MessageBody: '$request.body.missing',
    })
    await post({ other: 1 })
    expect(calls[0]?.params).toEqual({ QueueUrl: QUEUE })
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ QueueUrl: QUEUE })
  })

  it('a body that is not JSON gives empty $request.body.x values, not a crash', async () => {
    const calls: AwsServiceRequest[] = []
    const gateway = createGateway({
      api: api('SQS-SendMessage', { QueueUrl: QUEUE, MessageBody: '$request.body.text' }),
      services: { sqs: (r) => (calls.push(r), { body: '{}' }) },
      logger: silentLogger,
    })
    const res = await gateway.invoke({ method: 'POST', path: '/items/1', body: '{not json' })
    expect(res.statusCode).toBe(200)
    expect(calls[0]?.params).toEqual({ QueueUrl: QUEUE })
  })

  it.each([
    ['no handler for the service', {}, 500],
    [
      'the handler throws',
      {
        sqs: () => {
          throw new Error('boom')
        },
      },
      500,
    ],
  ])('%s: 500 Internal Server Error', async (_what, services, status) => {
    const gateway = createGateway({
      api: api('SQS-PurgeQueue', { QueueUrl: QUEUE }),
      services,
      logger: silentLogger,
    })
    const res = await gateway.invoke({ method: 'POST', path: '/items/1' })
    expect(res.statusCode).toBe(status)
    expect(JSON.parse(res.body)).toEqual({ message: 'Internal Server Error' })
  })

  it('a service slower than timeoutInMillis: 503 Service Unavailable', async () => {
    const gateway = createGateway({
      api: api('SQS-PurgeQueue', { QueueUrl: QUEUE }, { timeoutInMillis: 50 }),
      services: { sqs: () => new Promise(() => {}) },
      logger: silentLogger,
    })
    const res = await gateway.invoke({ method: 'POST', path: '/items/1' })
    expect(res.statusCode).toBe(503)
  })
})

describe('definition errors (AWS refuses to create the integration)', () => {
  it.each([
    ['a missing required parameter', 'SQS-SendMessage', { QueueUrl: QUEUE }, 'MessageBody'],
    [
      'a parameter the subtype does not take',
      'SQS-PurgeQueue',
      { QueueUrl: QUEUE, Foo: 'x' },
      'Foo',
    ],
    ['an unknown subtype', 'SNS-Publish', { TopicArn: 'x' }, 'integrationSubtype'],
  ])('%s is a ConfigError naming it', (_what, subtype, parameters, named) => {
    const make = () =>
      createGateway({ api: api(subtype, parameters), services: {}, logger: silentLogger })
    expect(make).toThrow(ConfigError)
    expect(make).toThrow(named)
  })
})

describe('from CloudFormation (AWS::ApiGatewayV2::Integration IntegrationSubtype)', () => {
  const template = `Resources:
  Api: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: orders, ProtocolType: HTTP } }
  Stage: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: !Ref Api, StageName: $default, AutoDeploy: true } }
  Send:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationSubtype: SQS-SendMessage
      PayloadFormatVersion: "1.0"
      CredentialsArn: arn:aws:iam::123456789012:role/api
      RequestParameters:
        QueueUrl: ${QUEUE}
        MessageBody: $request.body.message
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Api, RouteKey: POST /orders, Target: !Sub "integrations/\${Send}" }
`
  it('sends the mapped message', async () => {
    const calls: AwsServiceRequest[] = []
    const gateway = createGateway({
      api: template,
      services: { sqs: (r) => (calls.push(r), { body: '{"MessageId":"m1"}' }) },
      logger: silentLogger,
    })
    const res = await gateway.invoke({
      method: 'POST',
      path: '/orders',
      body: JSON.stringify({ message: 'hello' }),
    })
    expect(res.statusCode).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ MessageId: 'm1' })
    expect(calls[0]?.params).toEqual({ QueueUrl: QUEUE, MessageBody: 'hello' })
  })

  it('template-mapping gap: CredentialsArn is the role the call is signed for', async () => {
    const roles: (string | undefined)[] = []
    const gateway = createGateway({
      api: template,
      services: {
        sqs: {
          endpoint: 'http://127.0.0.1:9',
          credentials: (request) => {
            roles.push(request.roleArn)
            return undefined
          },
        },
      },
      logger: silentLogger,
    })
    await gateway.invoke({ method: 'POST', path: '/orders', body: '{"message":"hi"}' })
    expect(roles).toEqual(['arn:aws:iam::123456789012:role/api'])
  })
})

describe('$context variables in parameters', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
  it('reads the Lambda authorizer context, route key, method and user agent', async () => {
    const doc = api('EventBridge-PutEvents', {
      Detail: '{"user":"${context.authorizer.user}","route":"${context.routeKey}"}',
      DetailType: '$context.httpMethod',
      Source: '$context.identity.userAgent',
    }) as Record<string, unknown> & {
      paths: Record<string, { post: Record<string, unknown> }>
    }
    doc['components'] = {
      securitySchemes: {
        auth: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authorizer': {
            type: 'request',
            authorizerUri:
              'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Auth/invocations',
            authorizerPayloadFormatVersion: '2.0',
            enableSimpleResponses: true,
            identitySource: '$request.header.Authorization',
          },
        },
      },
    }
    ;(doc.paths['/items/{id}'] as { post: Record<string, unknown> }).post['security'] = [
      { auth: [] },
    ]
    const calls: AwsServiceRequest[] = []
    const gateway = createGateway({
      api: doc,
      lambdas: { Auth: async () => ({ isAuthorized: true, context: { user: 'ana' } }) },
      services: { events: (r) => (calls.push(r), { body: '{}' }) },
      logger: silentLogger,
    })
    const res = await gateway.invoke({
      method: 'POST',
      path: '/items/1',
      headers: { authorization: 'x', 'user-agent': 'tests/1' },
    })
    expect(res.statusCode).toBe(200)
    expect(calls[0]?.params).toEqual({
      Detail: '{"user":"ana","route":"POST /items/{id}"}',
      DetailType: 'POST',
      Source: 'tests/1',
    })
  })
})
