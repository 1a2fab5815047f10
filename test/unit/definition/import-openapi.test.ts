import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { ConfigError, exportOpenApi, importOpenApi, isPorticoError } from '../../../src/index.js'
import { openapi3, swagger2 } from '../../fixtures/petstore-twins.js'

const petstoreYaml = readFileSync(
  new URL('../../../examples/petstore/api.yaml', import.meta.url),
  'utf8',
)

function configErrorOf(doc: unknown): ConfigError {
  try {
    importOpenApi(doc)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    expect(isPorticoError(error)).toBe(true)
    return error as ConfigError
  }
  throw new Error('expected a ConfigError')
}

describe('importOpenApi', () => {
  it('imports the PetStore example as AWS does (resources, methods, parameters, models)', () => {
    const api = importOpenApi(petstoreYaml)
    expect(api.name).toBe('PetStore')
    expect(api.resources.map((r) => [r.path, Object.keys(r.methods).sort()])).toEqual([
      ['/', ['GET']],
      ['/pets', ['GET', 'OPTIONS', 'POST']],
      ['/pets/{petId}', ['GET', 'OPTIONS']],
      ['/pets/{petId}/health', ['GET']],
    ])
    const pets = api.resources[1]!
    expect(pets.methods.GET?.requestParameters).toEqual({
      'method.request.querystring.page': false,
      'method.request.querystring.type': false,
    })
    expect(pets.methods.GET?.methodResponses['200']?.responseModels).toEqual({
      'application/json': 'Pets',
    })
    expect(pets.methods.GET?.methodResponses['200']?.responseParameters).toEqual({
      'method.response.header.Access-Control-Allow-Origin': false,
    })
    expect(pets.methods.POST?.operationName).toBe('CreatePet')
    expect(pets.methods.POST?.requestModels).toEqual({ 'application/json': 'NewPet' })
    const pet = api.resources[2]!
    expect(pet.methods.GET?.operationName).toBe('GetPet')
    expect(pet.methods.GET?.requestParameters).toEqual({ 'method.request.path.petId': true })
    expect(pet.methods.GET?.integration).toMatchObject({
      type: 'HTTP',
      passthroughBehavior: 'WHEN_NO_MATCH',
      timeoutInMillis: 29000,
      cacheKeyParameters: [],
    })
    expect(Object.keys(api.models).sort()).toEqual([
      'Empty',
      'NewPet',
      'NewPetResponse',
      'Pet',
      'PetType',
      'Pets',
    ])
  })

  it('gives the same definition for the Swagger 2 and OpenAPI 3 versions of an API', () => {
    const fromSwagger = importOpenApi(swagger2)
    const fromOas3 = importOpenApi(JSON.stringify(openapi3))
    expect(fromOas3).toEqual(fromSwagger)
    const list = fromSwagger.resources.find((r) => r.path === '/pets')!.methods.GET!
    expect(list.apiKeyRequired).toBe(true)
    expect(list.requestParameters).toEqual({
      'method.request.querystring.type': false,
      'method.request.querystring.page': true,
    })
    expect(list.integration?.responses.map((r) => r.selectionPattern)).toEqual([
      undefined,
      '4\\d{2}',
    ])
    expect(fromSwagger.binaryMediaTypes).toEqual(['image/png'])
    expect(fromSwagger.requestValidator).toBe('all')
  })

  it.each([
    ['swagger', swagger2],
    ['oas30', openapi3],
  ] as const)('round-trips through exportOpenApi (%s)', (format, doc) => {
    const api = importOpenApi(doc)
    const exported = exportOpenApi(api, { format })
    expect(importOpenApi(exported)).toEqual(api)
    expect(importOpenApi(stringify(exported))).toEqual(api)
  })

  it('round-trips the PetStore example in both formats', () => {
    const api = importOpenApi(petstoreYaml)
    expect(importOpenApi(exportOpenApi(api))).toEqual(api)
    expect(importOpenApi(exportOpenApi(api, { format: 'swagger' }))).toEqual(api)
  })

  const base = (paths: unknown, extra: Record<string, unknown> = {}) => ({
    openapi: '3.0.1',
    info: { title: 't' },
    paths,
    ...extra,
  })
  const op = (integration: unknown) => ({
    '/pets/{id}': { get: { 'x-amazon-apigateway-integration': integration } },
  })

  it.each([
    ['not YAML', 'a: [', '', /not valid YAML/],
    ['not JSON', '{"openapi": ', '', /not valid JSON/],
    ['a number', 42, '', /must be an OpenAPI object/],
    ['no version', { info: {} }, 'openapi', /is required/],
    ['OpenAPI 2.5', { openapi: '2.5' }, 'openapi', /unsupported version/],
    ['Swagger 1.2', { swagger: '1.2' }, 'swagger', /unsupported version/],
    ['paths not an object', base([]), 'paths', /must be an object/],
    [
      'integration type missing',
      base(op({ uri: 'http://x' })),
      'paths./pets/{id}.get.x-amazon-apigateway-integration.type',
      /is required/,
    ],
    [
      'integration type unknown',
      base(op({ type: 'lambda' })),
      'paths./pets/{id}.get.x-amazon-apigateway-integration.type',
      /must be one of/,
    ],
    [
      'integration type not a string',
      base(op({ type: 7 })),
      'paths./pets/{id}.get.x-amazon-apigateway-integration.type',
      /must be a string/,
    ],
    [
      'uri missing',
      base(op({ type: 'http', httpMethod: 'GET' })),
      'paths./pets/{id}.get.x-amazon-apigateway-integration.uri',
      /is required/,
    ],
    [
      'uri from CloudFormation',
      base(op({ type: 'aws_proxy', httpMethod: 'POST', uri: { 'Fn::Sub': 'arn' } })),
      'paths./pets/{id}.get.x-amazon-apigateway-integration.uri',
      /intrinsic functions/,
    ],
    [
      'timeout out of range',
      base(op({ type: 'mock', timeoutInMillis: 30001 })),
      'paths./pets/{id}.get.x-amazon-apigateway-integration.timeoutInMillis',
      /between 50 and 29000/,
    ],
    [
      'bad passthrough',
      base(op({ type: 'mock', passthroughBehavior: 'sometimes' })),
      'paths./pets/{id}.get.x-amazon-apigateway-integration.passthroughBehavior',
      /must be one of/,
    ],
    [
      'response without status',
      base(op({ type: 'mock', responses: { default: {} } })),
      'paths./pets/{id}.get.x-amazon-apigateway-integration.responses.default.statusCode',
      /is required/,
    ],
    [
      'bad selection regex',
      base(op({ type: 'mock', responses: { '(': { statusCode: 200 } } })),
      'paths./pets/{id}.get.x-amazon-apigateway-integration.responses.(',
      /not a valid regular expression/,
    ],
    [
      'bad request parameter target',
      base(op({ type: 'mock', requestParameters: { 'integration.body': "'x'" } })),
      'paths./pets/{id}.get.x-amazon-apigateway-integration.requestParameters.integration.body',
      /integration\.request/,
    ],
    [
      'operation not an object',
      base({ '/a': { get: 'yes' } }),
      'paths./a.get',
      /must be an object/,
    ],
    ['bad path part', base({ '/a{b}': { get: {} } }), 'paths./a{b}', /invalid resource path part/],
    ['greedy not last', base({ '/{p+}/x': { get: {} } }), 'paths./{p+}/x', /must be the last part/],
    [
      'undeclared path parameter',
      base({ '/a': { get: { parameters: [{ name: 'id', in: 'path' }] } } }),
      'paths./a.get.parameters.0',
      /not in the resource path/,
    ],
    [
      'parameter without name',
      base({ '/a': { get: { parameters: [{ in: 'query' }] } } }),
      'paths./a.get.parameters.0.name',
      /is required/,
    ],
    [
      'unknown security scheme',
      base({ '/a': { get: { security: [{ nope: [] }] } } }),
      'paths./a.get.security.0.nope',
      /not defined/,
    ],
    [
      'remote $ref',
      base({ '/a': { $ref: 'http://x/y.json' } }),
      'paths./a.$ref',
      /only local references/,
    ],
    [
      'dangling $ref',
      base({ '/a': { get: { parameters: [{ $ref: '#/components/parameters/nope' }] } } }),
      'paths./a.get.parameters.0.$ref',
      /does not resolve/,
    ],
    [
      'unknown gateway response type',
      base({}, { 'x-amazon-apigateway-gateway-responses': { NOPE: {} } }),
      'x-amazon-apigateway-gateway-responses.NOPE',
      /unknown gateway response type/,
    ],
    [
      'gateway response bad status',
      base({}, { 'x-amazon-apigateway-gateway-responses': { DEFAULT_4XX: { statusCode: 'abc' } } }),
      'x-amazon-apigateway-gateway-responses.DEFAULT_4XX.statusCode',
      /status code/,
    ],
    [
      'binary media types not a list',
      base({}, { 'x-amazon-apigateway-binary-media-types': 'image/png' }),
      'x-amazon-apigateway-binary-media-types',
      /must be an array/,
    ],
    [
      'api key source unknown',
      base({}, { 'x-amazon-apigateway-api-key-source': 'COOKIE' }),
      'x-amazon-apigateway-api-key-source',
      /must be one of/,
    ],
    [
      'validator undefined',
      base({}, { 'x-amazon-apigateway-request-validator': 'strict' }),
      'x-amazon-apigateway-request-validator',
      /not defined/,
    ],
    [
      'authorizer type unknown',
      base(
        {},
        {
          components: {
            securitySchemes: {
              a: {
                type: 'apiKey',
                name: 'Authorization',
                in: 'header',
                'x-amazon-apigateway-authorizer': { type: 'jwt' },
              },
            },
          },
        },
      ),
      'components.securitySchemes.a.x-amazon-apigateway-authorizer.type',
      /must be one of/,
    ],
  ])('%s → ConfigError at its place', (_, doc, path, message) => {
    const error = configErrorOf(doc)
    expect(error.path).toBe(path)
    expect(error.code).toBe('ERR_PORTICO_CONFIG')
    expect(error.message).toMatch(message)
  })

  it('keeps authorizers, security and validators for the later modules', () => {
    const api = importOpenApi({
      openapi: '3.0.1',
      info: { title: 'auth' },
      components: {
        securitySchemes: {
          tokenAuth: {
            type: 'apiKey',
            name: 'Authorization',
            in: 'header',
            'x-amazon-apigateway-authtype': 'custom',
            'x-amazon-apigateway-authorizer': {
              type: 'token',
              authorizerUri:
                'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:Auth/invocations',
              authorizerResultTtlInSeconds: 60,
              identityValidationExpression: '^x-[a-z]+',
            },
          },
          sigv4: {
            type: 'apiKey',
            name: 'Authorization',
            in: 'header',
            'x-amazon-apigateway-authtype': 'awsSigv4',
          },
        },
      },
      security: [{ tokenAuth: [] }],
      paths: {
        '/a': { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } },
        '/b': {
          get: { security: [{ sigv4: [] }], 'x-amazon-apigateway-integration': { type: 'mock' } },
        },
      },
    })
    expect(api.authorizers['tokenAuth']).toMatchObject({
      type: 'token',
      identitySource: 'method.request.header.Authorization',
      authorizerResultTtlInSeconds: 60,
      authType: 'custom',
    })
    expect(api.resources.find((r) => r.path === '/a')!.methods.GET).toMatchObject({
      authorizationType: 'CUSTOM',
      authorizerId: 'tokenAuth',
    })
    expect(api.resources.find((r) => r.path === '/b')!.methods.GET).toMatchObject({
      authorizationType: 'AWS_IAM',
    })
    expect(importOpenApi(exportOpenApi(api))).toEqual(api)
  })
})
