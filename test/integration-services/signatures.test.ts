/**
 * The wire requests Portico sends to AWS services, recorded by a local HTTP server and checked
 * against each service's protocol (for SQS, SNS, Step Functions and EventBridge, which have no
 * protocol server on npm) and against the AWS SDK's SigV4 signer; and the answers API Gateway
 * gives when a service cannot be reached, is too slow, or has no credentials.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, createGateway, type Logger } from '../../src/index.js'
import { startRecorder, verifyWithSdk, type Recorder } from './recorder.js'

const CREDS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
}
const ok = { '200': { description: 'ok' } }

function restMethod(integration: Record<string, unknown>) {
  return {
    responses: ok,
    'x-amazon-apigateway-integration': {
      type: 'aws',
      httpMethod: 'POST',
      credentials: 'arn:aws:iam::123456789012:role/ApiRole',
      responses: { default: { statusCode: '200' } },
      ...integration,
    },
  }
}

function restApi(integration: Record<string, unknown>) {
  return {
    swagger: '2.0',
    info: { title: 'wire', version: '1' },
    paths: { '/call': { post: restMethod(integration) } },
  }
}

function httpApi(subtype: string, requestParameters: Record<string, string>) {
  return {
    openapi: '3.0.1',
    info: { title: 'wire-http', version: '1' },
    paths: {
      '/call': {
        post: {
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            integrationSubtype: subtype,
            payloadFormatVersion: '1.0',
            credentials: 'arn:aws:iam::123456789012:role/HttpApiRole',
            requestParameters,
          },
        },
      },
    },
  }
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const write = (message: string) => void lines.push(message)
  return { lines, debug: write, info: write, warn: write, error: write }
}

let recorder: Recorder
beforeAll(async () => {
  recorder = await startRecorder()
})
afterAll(() => recorder.close())
beforeEach(() => {
  recorder.requests.length = 0
  recorder.reply = { status: 200, body: '{}' }
})

const call = (api: Record<string, unknown>, body = '{"item":"tea"}', extra: object = {}) =>
  createGateway({
    api,
    logger: recordingLogger(),
    region: 'eu-west-1',
    services: { '*': { endpoint: recorder.endpoint, credentials: CREDS } },
    ...extra,
  }).invoke({
    method: 'POST',
    path: '/call',
    headers: { 'content-type': 'application/json' },
    body,
  })

/** Wire requests, one row per protocol (sources: the services' API references). */
const wireCases: Array<{
  name: string
  api: Record<string, unknown>
  source: string
  expect: {
    service: string
    region: string
    url: string
    headers: Record<string, string>
    body: string
  }
}> = [
  {
    name: 'REST SQS path style SendMessage: query protocol, form body',
    source:
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html',
    api: restApi({
      uri: 'arn:aws:apigateway:eu-west-1:sqs:path/123456789012/orders',
      requestParameters: {
        'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'",
      },
      requestTemplates: {
        'application/json': 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)',
      },
    }),
    expect: {
      service: 'sqs',
      region: 'eu-west-1',
      url: '/123456789012/orders',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=SendMessage&MessageBody=%7B%22item%22%3A%22tea%22%7D',
    },
  },
  {
    name: 'REST SNS action Publish: query protocol, Action and Version in the query',
    source: 'https://docs.aws.amazon.com/sns/latest/api/API_Publish.html',
    api: restApi({
      uri: 'arn:aws:apigateway:eu-west-1:sns:action/Publish',
      requestParameters: {
        'integration.request.querystring.TopicArn': "'arn:aws:sns:eu-west-1:123456789012:t'",
        'integration.request.querystring.Message': 'method.request.body',
      },
    }),
    expect: {
      service: 'sns',
      region: 'eu-west-1',
      url: '/?Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A123456789012%3At&Message=%7B%22item%22%3A%22tea%22%7D',
      headers: {},
      body: '{"item":"tea"}',
    },
  },
  {
    name: 'REST Step Functions action StartExecution: AWS JSON 1.0',
    source:
      'https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html',
    api: restApi({
      uri: 'arn:aws:apigateway:us-west-2:states:action/StartExecution',
      requestTemplates: {
        'application/json':
          '{"input": "$util.escapeJavaScript($input.json(\'$\'))", "stateMachineArn": "arn:aws:states:us-west-2:123456789012:stateMachine:M"}',
      },
    }),
    expect: {
      service: 'states',
      region: 'us-west-2',
      url: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AWSStepFunctions.StartExecution',
      },
      body: '{"input": "{\\"item\\":\\"tea\\"}", "stateMachineArn": "arn:aws:states:us-west-2:123456789012:stateMachine:M"}',
    },
  },
  {
    name: 'REST EventBridge action PutEvents: AWS JSON 1.1',
    source: 'https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html',
    api: restApi({
      uri: 'arn:aws:apigateway:eu-west-1:events:action/PutEvents',
      requestTemplates: {
        'application/json':
          '{"Entries": [{"Source": "shop", "DetailType": "order", "Detail": "$util.escapeJavaScript($input.body)"}]}',
      },
    }),
    expect: {
      service: 'events',
      region: 'eu-west-1',
      url: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSEvents.PutEvents',
      },
      body: '{"Entries": [{"Source": "shop", "DetailType": "order", "Detail": "{\\"item\\":\\"tea\\"}"}]}',
    },
  },
  {
    name: 'REST SQS action SendMessage with a mapped amz-json Content-Type: SQS JSON protocol',
    source:
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-faqs.html',
    api: restApi({
      uri: 'arn:aws:apigateway:eu-west-1:sqs:action/SendMessage',
      requestParameters: {
        'integration.request.header.Content-Type': "'application/x-amz-json-1.0'",
      },
      requestTemplates: {
        'application/json':
          '{"QueueUrl": "https://sqs.eu-west-1.amazonaws.com/123456789012/q", "MessageBody": "$util.escapeJavaScript($input.body)"}',
      },
    }),
    expect: {
      service: 'sqs',
      region: 'eu-west-1',
      url: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.SendMessage',
      },
      body: '{"QueueUrl": "https://sqs.eu-west-1.amazonaws.com/123456789012/q", "MessageBody": "{\\"item\\":\\"tea\\"}"}',
    },
  },
  {
    name: 'HTTP API SQS-SendMessage: SQS JSON protocol',
    source:
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html',
    api: httpApi('SQS-SendMessage', {
      QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q',
      MessageBody: '$request.body',
    }),
    expect: {
      service: 'sqs',
      region: 'eu-west-1',
      url: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.SendMessage',
      },
      body: '{"QueueUrl":"https://sqs.eu-west-1.amazonaws.com/123456789012/q","MessageBody":"{\\"item\\":\\"tea\\"}"}',
    },
  },
  {
    name: 'HTTP API StepFunctions-StartExecution with a Region parameter',
    source:
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html',
    api: httpApi('StepFunctions-StartExecution', {
      StateMachineArn: 'arn:aws:states:us-west-2:123456789012:stateMachine:M',
      Input: '$request.body',
      Region: 'us-west-2',
    }),
    expect: {
      service: 'states',
      region: 'us-west-2',
      url: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AWSStepFunctions.StartExecution',
      },
      body: '{"stateMachineArn":"arn:aws:states:us-west-2:123456789012:stateMachine:M","input":"{\\"item\\":\\"tea\\"}"}',
    },
  },
  {
    name: 'HTTP API EventBridge-PutEvents',
    source:
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html',
    api: httpApi('EventBridge-PutEvents', {
      Detail: '$request.body',
      DetailType: 'order',
      Source: 'shop',
    }),
    expect: {
      service: 'events',
      region: 'eu-west-1',
      url: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSEvents.PutEvents',
      },
      body: '{"Entries":[{"Detail":"{\\"item\\":\\"tea\\"}","DetailType":"order","Source":"shop"}]}',
    },
  },
]

describe('wire requests in each service protocol, signed as the AWS SDK signs', () => {
  it.each(wireCases)('$name', async ({ api, expect: want }) => {
    const res = await call(api)
    expect(res.statusCode).toBe(200)
    expect(recorder.requests).toHaveLength(1)
    const sent = recorder.requests[0]!
    expect(sent.method).toBe('POST')
    expect(sent.url).toBe(want.url)
    for (const [name, value] of Object.entries(want.headers)) expect(sent.headers[name]).toBe(value)
    expect(sent.body.toString('utf8')).toBe(want.body)
    const verdict = await verifyWithSdk(sent, CREDS)
    expect(verdict).toMatchObject({ valid: true, service: want.service, region: want.region })
    expect(verdict.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-date']))
  })

  it('a tampered body does not verify (the check can fail)', async () => {
    await call(wireCases[2]!.api)
    const sent = recorder.requests[0]!
    const verdict = await verifyWithSdk({ ...sent, body: Buffer.from('{}') }, CREDS)
    expect(verdict.valid).toBe(false)
  })

  it('credentials from the environment, with a session token', async () => {
    const env = {
      AWS_ACCESS_KEY_ID: 'ASIAENV',
      AWS_SECRET_ACCESS_KEY: 'env-secret',
      AWS_SESSION_TOKEN: 'token-1',
    }
    const res = await createGateway({
      api: wireCases[2]!.api,
      logger: recordingLogger(),
      env,
      services: { states: { endpoint: recorder.endpoint } },
    }).invoke({
      method: 'POST',
      path: '/call',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(res.statusCode).toBe(200)
    const sent = recorder.requests[0]!
    expect(sent.headers['x-amz-security-token']).toBe('token-1')
    expect(
      await verifyWithSdk(sent, {
        accessKeyId: 'ASIAENV',
        secretAccessKey: 'env-secret',
        sessionToken: 'token-1',
      }),
    ).toMatchObject({ valid: true })
  })

  it('a stand-in wins over the default endpoint', async () => {
    const res = await call(wireCases[2]!.api, '{}', {
      services: {
        '*': { endpoint: recorder.endpoint, credentials: CREDS },
        states: () => ({ body: '{"executionArn":"stand-in"}' }),
      },
    })
    expect(res.body).toBe('{"executionArn":"stand-in"}')
    expect(recorder.requests).toHaveLength(0)
  })

  it("without an endpoint: AWS's endpoint for the service and region", async () => {
    const urls: string[] = []
    await call(wireCases[3]!.api, '{}', {
      services: { events: { credentials: CREDS } },
      fetch: async (url: string) => {
        urls.push(url)
        return new Response('{}', { status: 200 })
      },
    })
    expect(urls).toEqual(['https://events.eu-west-1.amazonaws.com/'])
  })
})

describe('failures as API Gateway answers them', () => {
  const restTimeout = restApi({
    uri: 'arn:aws:apigateway:eu-west-1:states:action/StartExecution',
    timeoutInMillis: 100,
  })

  it('REST: a service slower than timeoutInMillis is 504 Endpoint request timed out', async () => {
    recorder.reply = { status: 200, body: '{}', delayMs: 1000 }
    const res = await call(restTimeout)
    expect(res.statusCode).toBe(504)
    expect(JSON.parse(res.body)).toEqual({ message: 'Endpoint request timed out' })
  })

  it('HTTP API: a slow service is 503 Service Unavailable', async () => {
    recorder.reply = { status: 200, body: '{}', delayMs: 1000 }
    const api = httpApi('EventBridge-PutEvents', { Detail: '{}', DetailType: 't', Source: 's' })
    const paths = api.paths['/call'].post['x-amazon-apigateway-integration'] as Record<
      string,
      unknown
    >
    paths['timeoutInMillis'] = 100
    const res = await call(api)
    expect(res.statusCode).toBe(503)
    expect(JSON.parse(res.body)).toEqual({ message: 'Service Unavailable' })
  })

  it('an unreachable endpoint: REST 500 Internal server error, logged as a configuration error', async () => {
    const logger = recordingLogger()
    const closed = await startRecorder()
    await closed.close()
    const res = await createGateway({
      api: restTimeout,
      logger,
      services: { states: { endpoint: closed.endpoint, credentials: CREDS } },
    }).invoke({
      method: 'POST',
      path: '/call',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(res.statusCode).toBe(500)
    expect(JSON.parse(res.body)).toEqual({ message: 'Internal server error' })
    expect(logger.lines.join('\n')).toMatch(
      /Execution failed due to configuration error: .*ECONNREFUSED/,
    )
  })

  it('no credentials anywhere: 500, and the log says which are missing', async () => {
    const logger = recordingLogger()
    const res = await createGateway({
      api: restTimeout,
      logger,
      env: {},
      services: { states: { endpoint: recorder.endpoint } },
    }).invoke({
      method: 'POST',
      path: '/call',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(res.statusCode).toBe(500)
    expect(recorder.requests).toHaveLength(0)
    expect(logger.lines.join('\n')).toMatch(
      /Execution failed due to configuration error: no credentials for AWS service states/,
    )
  })

  it('a resolver that throws: 500 with its message in the log; HTTP API 500', async () => {
    const logger = recordingLogger()
    const services = {
      '*': {
        endpoint: recorder.endpoint,
        credentials: () => {
          throw new Error('AssumeRole denied')
        },
      },
    }
    const rest = await createGateway({ api: restTimeout, logger, services }).invoke({
      method: 'POST',
      path: '/call',
      body: '{}',
    })
    expect(rest.statusCode).toBe(500)
    expect(logger.lines.join('\n')).toContain('AssumeRole denied')
    const http = await createGateway({
      api: httpApi('EventBridge-PutEvents', { Detail: '{}', DetailType: 't', Source: 's' }),
      logger,
      services,
    }).invoke({ method: 'POST', path: '/call', body: '{}' })
    expect(http.statusCode).toBe(500)
    expect(JSON.parse(http.body)).toEqual({ message: 'Internal Server Error' })
  })

  it.each([
    [{ dynamodb: { endpoint: 'ftp://x' } }, 'services.dynamodb.endpoint'],
    [{ dynamodb: { endpoint: 'not a url' } }, 'services.dynamodb.endpoint'],
    [{ sqs: { credentials: { accessKeyId: 'a' } } }, 'services.sqs.credentials'],
    [{ '*': () => ({}) }, 'services.*'],
  ])('a bad services entry is a ConfigError naming it (%j)', (services, place) => {
    let error: unknown
    try {
      createGateway({ api: restTimeout, services: services as never })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).path).toBe(place)
  })
})

describe('client input cannot steer or crash a service call', () => {
  it('region-injection: a client-given HTTP API Region naming another host is refused (500, nothing sent)', async () => {
    const urls: string[] = []
    const gateway = createGateway({
      api: httpApi('EventBridge-PutEvents', {
        Detail: '{}',
        DetailType: 't',
        Source: 's',
        Region: '$request.header.x-region',
      }),
      logger: recordingLogger(),
      services: { events: { credentials: CREDS } },
      fetch: async (url: string) => {
        urls.push(url)
        return new Response('{}')
      },
    })
    for (const region of ['evil.example/', 'a@evil.example', 'x.evil.example#']) {
      const res = await gateway.invoke({
        method: 'POST',
        path: '/call',
        headers: { 'x-region': region },
        body: '{}',
      })
      expect(res.statusCode).toBe(500)
    }
    expect(urls).toEqual([])
  })

  it('unsendable-header: a template override with a line break answers 500, not a crash', async () => {
    const api = restApi({
      uri: 'arn:aws:apigateway:eu-west-1:states:action/StartExecution',
      requestTemplates: {
        'application/json':
          "#set($context.requestOverride.header.X-Note = $input.path('$.note')){}",
      },
    })
    const res = await call(api, JSON.stringify({ note: 'a\r\nInjected: yes' }))
    expect(res.statusCode).toBe(500)
    expect(recorder.requests).toHaveLength(0)
  })

  it('resolver-hang: credentials that never come answer at the integration timeout (504)', async () => {
    const res = await createGateway({
      api: restApi({
        uri: 'arn:aws:apigateway:eu-west-1:states:action/StartExecution',
        timeoutInMillis: 100,
      }),
      logger: recordingLogger(),
      services: {
        states: { endpoint: recorder.endpoint, credentials: () => new Promise(() => {}) },
      },
    }).invoke({ method: 'POST', path: '/call', body: '{}' })
    expect(res.statusCode).toBe(504)
    expect(recorder.requests).toHaveLength(0)
  })

  it('malformed-percent: an S3 key with a broken escape does not crash the signer', async () => {
    const api = {
      swagger: '2.0',
      info: { title: 's3', version: '1' },
      paths: {
        '/{item}': {
          get: {
            parameters: [{ name: 'item', in: 'path', required: true, type: 'string' }],
            responses: ok,
            'x-amazon-apigateway-integration': {
              type: 'aws',
              httpMethod: 'GET',
              uri: 'arn:aws:apigateway:us-east-1:s3:path/bucket/{object}',
              requestParameters: { 'integration.request.path.object': 'method.request.path.item' },
              responses: { default: { statusCode: '200' } },
            },
          },
        },
      },
    }
    const res = await createGateway({
      api,
      logger: recordingLogger(),
      services: { s3: { endpoint: recorder.endpoint, credentials: CREDS } },
    }).invoke({ method: 'GET', path: '/a%E0%A4%A' })
    expect(res.statusCode).toBe(500)
    expect(recorder.requests).toHaveLength(0)
  })
})
