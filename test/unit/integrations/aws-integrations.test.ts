import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type AwsServiceRequest } from '../../../src/index.js'
import { lambdaUri, openApi } from '../../fixtures/mini-api.js'

const responses = {
  200: { description: 'ok' },
  400: { description: 'bad' },
  404: { description: 'missing' },
}

function lambdaCustom(fn: string, extra: Record<string, unknown> = {}) {
  return {
    responses,
    'x-amazon-apigateway-integration': {
      type: 'aws',
      httpMethod: 'POST',
      uri: lambdaUri(fn),
      requestTemplates: {
        'application/json': '{"id": "$input.params(\'id\')", "name": $input.json(\'$.name\')}',
      },
      responses: {
        default: {
          statusCode: '200',
          responseTemplates: { 'application/json': '{"pet": $input.json(\'$\')}' },
        },
        '.*Not found.*': {
          statusCode: '404',
          responseTemplates: {
            'application/json': '{"error": "$input.path(\'$.errorMessage\')"}',
          },
        },
        'Bad: .*': { statusCode: '400' },
      },
      ...extra,
    },
  }
}

describe('AWS integration: Lambda custom', () => {
  const events: unknown[] = []
  const gateway = createGateway({
    api: openApi({
      '/pets/{id}': { post: lambdaCustom('PetFn') },
      '/async': {
        post: lambdaCustom('PetFn', {
          requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': "'Event'" },
        }),
      },
      '/nohandler': { post: lambdaCustom('Missing') },
    }),
    lambdas: {
      PetFn: async (event: { id: string; name: string }) => {
        events.push(event)
        if (event.id === 'none') throw new Error(`Not found: ${event.id}`)
        if (event.id === 'bad') throw new Error('Bad: no name')
        if (event.id === 'other') throw new TypeError('something else')
        return { id: Number(event.id), name: event.name }
      },
    },
    logger: silentLogger,
  })
  const call = (path: string, body = '{"name": "Rex"}') =>
    gateway.invoke({ method: 'POST', path, body, headers: { 'Content-Type': 'application/json' } })

  it('sends the rendered template as the event and maps the result', async () => {
    const res = await call('/pets/7')
    expect(events.at(-1)).toEqual({ id: '7', name: 'Rex' })
    expect(res.statusCode).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ pet: { id: 7, name: 'Rex' } })
  })

  it('selects an error response by matching errorMessage against the whole pattern', async () => {
    const notFound = await call('/pets/none')
    expect([notFound.statusCode, notFound.body]).toEqual([404, '{"error": "Not found: none"}'])
    const bad = await call('/pets/bad')
    expect(bad.statusCode).toBe(400)
    // No template for 400: Lambda's error document passes through.
    expect(JSON.parse(bad.body)).toMatchObject({ errorMessage: 'Bad: no name', errorType: 'Error' })
  })

  it('answers an unmatched error with the default response, status 200, as AWS does', async () => {
    const res = await call('/pets/other')
    expect(res.statusCode).toBe(200)
    expect(JSON.parse(res.body).pet).toMatchObject({
      errorMessage: 'something else',
      errorType: 'TypeError',
    })
  })

  it('does not wait for an asynchronous (Event) invocation', async () => {
    const res = await call('/async')
    expect(res.statusCode).toBe(200)
  })

  it('is a 500 when the function has no handler', async () => {
    const res = await call('/nohandler')
    expect([res.statusCode, res.body]).toEqual([500, '{"message":"Internal server error"}'])
  })

  it('is a 400 when the template reads a body that is not JSON but starts like it', async () => {
    const res = await call('/pets/7', '{"name": ')
    expect(res.statusCode).toBe(400)
    expect(JSON.parse(res.body).message).toMatch(
      /^Could not process payloadnet\.minidev\.json\.parser\.ParseException/,
    )
  })
})

describe('AWS integration: services through options.services (SQS SendMessage)', () => {
  const sent: AwsServiceRequest[] = []
  const gateway = createGateway({
    api: openApi({
      '/orders': {
        post: {
          responses,
          'x-amazon-apigateway-integration': {
            type: 'aws',
            httpMethod: 'POST',
            uri: 'arn:aws:apigateway:eu-west-1:sqs:path/123456789012/${stageVariables.queue}',
            requestParameters: {
              'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'",
            },
            requestTemplates: {
              'application/json': 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)',
            },
            responses: {
              default: {
                statusCode: '200',
                responseTemplates: {
                  'application/json':
                    '{"messageId": "$input.path(\'$.SendMessageResponse.SendMessageResult.MessageId\')"}',
                },
              },
              '4\\d{2}': { statusCode: '400' },
            },
          },
        },
      },
    }),
    stage: { name: 'prod', variables: { queue: 'orders' } },
    services: {
      sqs: async (request) => {
        sent.push(request)
        if (request.params['MessageBody'] === '{}') return { statusCode: 400, body: '{}' }
        return {
          body: JSON.stringify({
            SendMessageResponse: { SendMessageResult: { MessageId: 'm-1' } },
          }),
        }
      },
    },
    logger: silentLogger,
  })

  it('hands the service the rendered request and maps its answer', async () => {
    const res = await gateway.invoke({
      method: 'POST',
      path: '/orders',
      body: '{"item": "tea & cake"}',
      headers: { 'Content-Type': 'application/json' },
    })
    expect([res.statusCode, res.body]).toEqual([200, '{"messageId": "m-1"}'])
    const request = sent.at(-1) as AwsServiceRequest
    expect(request).toMatchObject({
      service: 'sqs',
      path: '123456789012/orders',
      action: 'SendMessage',
      httpMethod: 'POST',
      region: 'eu-west-1',
      params: { Action: 'SendMessage', MessageBody: '{"item": "tea & cake"}' },
    })
    expect(request.body).toBe(
      'Action=SendMessage&MessageBody=%7B%22item%22%3A+%22tea+%26+cake%22%7D',
    )
  })

  it('selects the integration response by the service status code', async () => {
    const res = await gateway.invoke({ method: 'POST', path: '/orders', body: '{}' })
    expect(res.statusCode).toBe(400)
  })

  it('is a ConfigError at creation for a URI that is not an AWS service', () => {
    expect(() =>
      createGateway({
        api: openApi({
          '/x': {
            get: {
              responses,
              'x-amazon-apigateway-integration': {
                type: 'aws',
                httpMethod: 'POST',
                uri: 'https://example.com',
              },
            },
          },
        }),
      }),
    ).toThrow(/paths\.\/x\.get\.x-amazon-apigateway-integration\.uri: not an AWS service URI/)
  })
})
