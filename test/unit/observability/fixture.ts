// Shared by the execution-log tests: an API with a VTL route, a Lambda proxy route behind a
// TOKEN authorizer and an API key, and a Lambda that throws.
import { createGateway, silentLogger, type Logger, type MethodSetting } from '../../../src/index.js'
import { FakeClock } from '../../../src/testing/index.js'
import { lambdaUri } from '../../fixtures/mini-api.js'

export const START = Date.UTC(2026, 10, 30, 16, 4, 53)

export const vtlApi = {
  openapi: '3.0.1',
  info: { title: 'pets', version: '1' },
  paths: {
    '/pets/{id}': {
      post: {
        responses: { 200: { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: {
            'application/json':
              '{"statusCode": 200, "id": "$input.params(\'id\')", "name": $input.json(\'$.name\')}',
          },
          responses: {
            default: {
              statusCode: '200',
              responseTemplates: {
                'application/json':
                  '{"pet": "$input.params(\'id\')", "stage": "$context.stage", "v": "$stageVariables.v"}',
              },
            },
          },
        },
      },
    },
    '/fn': {
      get: {
        security: [{ tok: [] }],
        'x-amazon-apigateway-api-key-required': true,
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: lambdaUri('Fn'),
        },
      },
    },
    '/broken': {
      get: {
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: lambdaUri('Broken'),
        },
      },
    },
  },
  components: {
    securitySchemes: {
      tok: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': {
          type: 'token',
          authorizerUri: lambdaUri('Auth'),
          identitySource: 'method.request.header.Authorization',
          authorizerResultTtlInSeconds: 0,
        },
      },
    },
  },
}

export function gateway(
  options: { logger?: Logger; methodSettings?: Record<string, MethodSetting> } = {},
) {
  const clock = new FakeClock(START)
  return createGateway({
    api: vtlApi,
    clock,
    logger: options.logger ?? silentLogger,
    stage: {
      name: 'prod',
      variables: { v: 'one' },
      ...(options.methodSettings ? { methodSettings: options.methodSettings } : {}),
    },
    lambdas: {
      Fn: async () => ({ statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'hi' }),
      Broken: async () => {
        throw new Error('kaput')
      },
      Auth: async (event: { authorizationToken?: string; methodArn?: string }) => ({
        principalId: 'user-7',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Action: 'execute-api:Invoke',
              Effect: event.authorizationToken === 'allow' ? 'Allow' : 'Deny',
              Resource: event.methodArn,
            },
          ],
        },
        context: { tier: 'gold' },
      }),
    },
  })
}

export const lines = (log: string) => log.trimEnd().split('\n')
export const texts = (log: string) =>
  lines(log)
    .slice(1)
    .map((l) => l.slice(' : '.length + 28))
