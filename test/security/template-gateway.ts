// A MOCK method whose request and response templates are the template under test, so a test can
// see the answer a client gets when a template fails at runtime.
import { createGateway, silentLogger, type Gateway } from '../../src/index.js'
import { openApi } from '../fixtures/mini-api.js'

export function templateGateway(
  requestTemplate: string,
  responseTemplate = '$input.body',
): Gateway {
  return createGateway({
    api: openApi({
      '/t': {
        post: {
          responses: { '200': { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: {
              'application/json': `{"statusCode": 200, "out": "${requestTemplate}"}`,
            },
            responses: {
              default: {
                statusCode: '200',
                responseTemplates: { 'application/json': responseTemplate },
              },
            },
          },
        },
      },
    }),
    stage: { name: 'prod' },
    logger: silentLogger,
  })
}

export async function post(gateway: Gateway, body: string): Promise<[number, string]> {
  const res = await gateway.invoke({
    method: 'POST',
    path: '/t',
    headers: { 'Content-Type': 'application/json' },
    body,
  })
  return [res.statusCode, res.body]
}

export const INTERNAL_ERROR: [number, string] = [500, '{"message":"Internal server error"}']
