/**
 * Issue 13 item 9: REST API or HTTP API, decided by the document's content, the same way for
 * text and objects; an explicit `protocolType` wins; contradicting markers are a ConfigError.
 */
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import {
  ConfigError,
  createGateway,
  detectApiKind,
  isHttpApiDocument,
  type HttpApiDefinition,
} from '../../../src/index.js'

const SAM = 'https://github.com/aws/serverless-application-model/blob/develop/tests/translator'
const HTTP_DOC =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html'
const REST_EXT =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html'
const lambda =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Fn/invocations'

const doc = (paths: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  openapi: '3.0.1',
  info: { title: 't', version: '1.0' },
  paths,
  ...extra,
})
const get = (integration: unknown, more: Record<string, unknown> = {}): unknown => ({
  '/a': { get: { 'x-amazon-apigateway-integration': integration, ...more } },
})
const proxy = { type: 'aws_proxy', httpMethod: 'POST', uri: lambda }
const scheme = (authorizer: Record<string, unknown>): Record<string, unknown> => ({
  components: {
    securitySchemes: {
      A: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authorizer': authorizer,
      },
    },
  },
})

// [case, source, document, kind]
const CASES: Array<[string, string, Record<string, unknown>, 'REST' | 'HTTP']> = [
  ['no marker: a REST API, as import-rest-api makes it', REST_EXT, doc(get(proxy)), 'REST'],
  [
    'integration payloadFormatVersion',
    `${SAM}/output/http_api_multiple_authorizers.json`,
    doc(get({ ...proxy, payloadFormatVersion: '2.0' })),
    'HTTP',
  ],
  [
    'a $default path as SAM writes it',
    `${SAM}/output/http_api_multiple_authorizers.json`,
    doc({ $default: { 'x-amazon-apigateway-any-method': { isDefaultRoute: true } } }),
    'HTTP',
  ],
  ['a /$default path as AWS exports it', HTTP_DOC, doc({ '/$default': {} }), 'HTTP'],
  [
    'x-amazon-apigateway-cors',
    `${SAM}/output/http_api_with_cors.json`,
    doc({}, { 'x-amazon-apigateway-cors': { allowOrigins: ['*'] } }),
    'HTTP',
  ],
  [
    'integrationSubtype',
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html',
    doc(get({ type: 'aws_proxy', integrationSubtype: 'SQS-SendMessage' })),
    'HTTP',
  ],
  ['a jwt authorizer', HTTP_DOC, doc({}, scheme({ type: 'jwt' })), 'HTTP'],
  [
    'authorizerPayloadFormatVersion',
    `${SAM}/output/http_api_multiple_authorizers.json`,
    doc({}, scheme({ type: 'request', authorizerPayloadFormatVersion: 1.0 })),
    'HTTP',
  ],
  [
    'x-amazon-apigateway-importexport-version',
    HTTP_DOC,
    doc({}, { 'x-amazon-apigateway-importexport-version': '1.0' }),
    'HTTP',
  ],
  [
    'components.x-amazon-apigateway-integrations',
    HTTP_DOC,
    doc({}, { components: { 'x-amazon-apigateway-integrations': {} } }),
    'HTTP',
  ],
  [
    'an aws integration',
    REST_EXT,
    doc(get({ type: 'aws', httpMethod: 'POST', uri: lambda })),
    'REST',
  ],
  [
    'an http integration',
    REST_EXT,
    doc(get({ type: 'HTTP', httpMethod: 'GET', uri: 'https://x' })),
    'REST',
  ],
  ['a mock integration', REST_EXT, doc(get({ type: 'mock' })), 'REST'],
  ['requestTemplates', REST_EXT, doc(get({ ...proxy, requestTemplates: {} })), 'REST'],
  [
    'request validators',
    REST_EXT,
    doc({}, { 'x-amazon-apigateway-request-validators': {} }),
    'REST',
  ],
  ['gateway responses', REST_EXT, doc({}, { 'x-amazon-apigateway-gateway-responses': {} }), 'REST'],
  ['api-key-source', REST_EXT, doc({}, { 'x-amazon-apigateway-api-key-source': 'HEADER' }), 'REST'],
  ['a token authorizer', REST_EXT, doc({}, scheme({ type: 'token' })), 'REST'],
  [
    // Regression (corpus): REST API import ignores payloadFormatVersion even with failOnWarnings.
    'payloadFormatVersion beside a cognito_user_pools authorizer: REST API import ignores it',
    'https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_import.py',
    doc(
      get({ type: 'HTTP_PROXY', httpMethod: 'GET', uri: 'https://x', payloadFormatVersion: 1.0 }),
      scheme({ type: 'cognito_user_pools', providerARNs: ['arn:x'] }),
    ),
    'REST',
  ],
]

describe('detectApiKind (issue 13 item 9)', () => {
  it.each(CASES)('%s → the kind (%s)', (_, _source, document, kind) => {
    expect(detectApiKind(document)).toBe(kind)
    // The same for text: JSON and YAML.
    expect(detectApiKind(JSON.stringify(document))).toBe(kind)
    expect(detectApiKind(stringify(document))).toBe(kind)
    expect(isHttpApiDocument(stringify(document))).toBe(kind === 'HTTP')
  })

  it('markers that contradict each other are a ConfigError naming both', () => {
    const document = doc(get({ type: 'mock', integrationSubtype: 'SQS-SendMessage' }))
    expect(() => detectApiKind(document)).toThrow(ConfigError)
    expect(() => detectApiKind(document)).toThrow(
      'paths./a.get.x-amazon-apigateway-integration.integrationSubtype: marks an HTTP API, but paths./a.get.x-amazon-apigateway-integration.type marks a REST API',
    )
    expect(isHttpApiDocument(document)).toBe(false)
    expect(() => createGateway({ api: document })).toThrow(/marks an HTTP API, but/)
  })

  it('an explicit protocolType wins over the content', () => {
    const contradicting = doc(get({ ...proxy, payloadFormatVersion: '2.0', requestTemplates: {} }))
    expect(createGateway({ api: contradicting, protocolType: 'REST' }).definition.kind).toBe('REST')
    const plain = doc(get({ ...proxy, payloadFormatVersion: '2.0' }))
    expect(createGateway({ api: plain, protocolType: 'HTTP' }).definition.kind).toBe('HTTP')
    expect(() =>
      createGateway({
        api: createGateway({ api: plain }).definition as HttpApiDefinition as never,
        protocolType: 'REST',
      }),
    ).toThrow(/protocolType: is REST, but the API given is a HTTP API definition/)
  })
})

describe('a SAM-generated HTTP API document is served as an HTTP API (issue 13 item 9 evidence)', () => {
  // The shape of SAM's output for AWS::Serverless::HttpApi (http_api_multiple_authorizers.json),
  // intrinsics resolved.
  const samHttpApi = {
    openapi: '3.0.1',
    info: { title: 'sam-app', version: '1.0' },
    paths: {
      '/hello': {
        get: {
          responses: {},
          'x-amazon-apigateway-integration': {
            httpMethod: 'POST',
            payloadFormatVersion: '2.0',
            type: 'aws_proxy',
            uri: lambda,
          },
        },
      },
    },
  }

  it.each([
    ['object', samHttpApi],
    ['JSON text', JSON.stringify(samHttpApi)],
    ['YAML text', stringify(samHttpApi)],
  ])('as %s: payload 2.0 event, and an unknown route answers 404', async (_, api) => {
    const events: Array<Record<string, unknown>> = []
    const gateway = createGateway({
      api,
      lambdas: {
        Fn: async (event: Record<string, unknown>) => {
          events.push(event)
          return { statusCode: 200, body: 'hi' }
        },
      },
    })
    expect(gateway.definition.kind).toBe('HTTP')
    const ok = await gateway.invoke({ method: 'GET', path: '/hello' })
    expect(ok.statusCode).toBe(200)
    expect(events[0]?.['version']).toBe('2.0')
    expect(events[0]?.['routeKey']).toBe('GET /hello')
    const missing = await gateway.invoke({ method: 'GET', path: '/nope' })
    expect(missing.statusCode).toBe(404)
    expect(JSON.parse(missing.body)).toEqual({ message: 'Not Found' })
  })
})

describe('in a template the resource type decides (issue 13 item 9)', () => {
  const body = (integration: Record<string, unknown>): Record<string, unknown> => ({
    openapi: '3.0.1',
    info: { title: 'b', version: '1.0' },
    paths: { '/hello': { get: { 'x-amazon-apigateway-integration': integration } } },
  })
  const template = (
    type: string,
    integration: Record<string, unknown>,
  ): Record<string, unknown> => ({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: { Api: { Type: type, Properties: { Body: body(integration) } } },
  })

  it('AWS::ApiGatewayV2::Api is an HTTP API even without an HTTP marker in its body', () => {
    const gateway = createGateway({
      api: template('AWS::ApiGatewayV2::Api', {
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: lambda,
      }),
    })
    expect(gateway.definition.kind).toBe('HTTP')
  })

  it('AWS::ApiGateway::RestApi is a REST API even with an HTTP marker in its body', () => {
    const gateway = createGateway({
      api: template('AWS::ApiGateway::RestApi', {
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: lambda,
        payloadFormatVersion: '2.0',
      }),
    })
    expect(gateway.definition.kind).toBe('REST')
  })
})
