// Benchmark scenarios as data: each builds a gateway and the request it serves.
import { createGateway, silentLogger } from '../dist/index.js'

const lambdaUri = (name) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`

export const BODY = JSON.stringify({ id: 1, type: 'dog', price: 249.99 })

/** 50 resources like a mid-sized API, plus the two measured routes. */
export function benchApi() {
  const paths = {}
  for (let i = 0; i < 24; i++) {
    paths[`/svc${i}/items`] = { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } }
    paths[`/svc${i}/items/{id}`] = { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } }
  }
  paths['/mock'] = {
    get: {
      responses: { 200: { description: 'ok' } },
      'x-amazon-apigateway-integration': {
        type: 'mock',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
        responses: {
          default: { statusCode: '200', responseTemplates: { 'application/json': BODY } },
        },
      },
    },
  }
  paths['/vtl/{id}'] = {
    post: {
      responses: { 200: { description: 'ok' } },
      'x-amazon-apigateway-integration': {
        type: 'mock',
        requestTemplates: {
          'application/json':
            '#set($n = $input.path(\'$.items\').size())#if($n > 0){"statusCode": 200}#{else}{"statusCode": 400}#end',
        },
        responses: {
          default: {
            statusCode: '200',
            responseTemplates: {
              'application/json':
                '{"id": "$input.params(\'id\')", "stage": "$context.stage", "agent": "$util.escapeJavaScript($input.params(\'User-Agent\'))"}',
            },
          },
        },
      },
    },
  }
  paths['/pets/{id}'] = {
    get: {
      'x-amazon-apigateway-integration': {
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: lambdaUri('GetPet'),
      },
    },
  }
  return { openapi: '3.0.1', info: { title: 'bench', version: '1' }, paths }
}

export function benchGateway() {
  return createGateway({
    api: benchApi(),
    stage: { name: 'prod' },
    lambdas: {
      GetPet: async () => ({
        statusCode: 200,
        headers: { 'Content-Type': 'application/json' },
        body: BODY,
      }),
    },
    logger: silentLogger,
    // The benchmark measures the pipeline, not AWS's 10,000 rps account limit.
    accountThrottle: { rateLimit: 1e9, burstLimit: 1e9 },
  })
}

const headers = { Host: 'localhost', 'User-Agent': 'bench', Accept: '*/*' }

export const VTL_BODY = JSON.stringify({ items: [{ id: 1 }, { id: 2 }] })

export const scenarios = [
  {
    name: 'invoke MOCK + VTL templates',
    request: { method: 'POST', path: '/vtl/7', headers, body: VTL_BODY },
    expect: '{"id": "7", "stage": "prod", "agent": "bench"}',
  },
  { name: 'invoke MOCK route', request: { method: 'GET', path: '/mock', headers }, expect: BODY },
  {
    name: 'invoke Lambda proxy route',
    request: { method: 'GET', path: '/pets/7?x=1', headers },
    expect: BODY,
  },
]
