/**
 * Issue 13 item 8: every OpenAPI document AWS accepts loads. Each row is a document AWS deployed
 * (or SAM generates), with its source; where AWS's import only warns (`failonwarnings=false`),
 * Portico logs a warning and loads.
 */
import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  createGateway,
  importHttpApi,
  importOpenApi,
  type ApiDefinition,
  type HttpApiDefinition,
} from '../../../src/index.js'

const SAM = 'https://github.com/aws/serverless-application-model/blob/develop/tests/translator'
const ISSUE = 'issue 13 item 8 (documents AWS deployed)'
const IMPORT_DOC = 'https://docs.aws.amazon.com/apigateway/latest/api/API_ImportRestApi.html'

function capture(): { warnings: string[]; logger: { warn(message: string): void } } {
  const warnings: string[] = []
  return { warnings, logger: { warn: (message) => warnings.push(message) } }
}

const lambda =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations'
const mock = { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' } }
const oas3 = (paths: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  openapi: '3.0.1',
  info: { title: 't', version: '1' },
  paths,
  ...extra,
})
const cognito = {
  type: 'apiKey',
  name: 'Authorization',
  in: 'header',
  'x-amazon-apigateway-authtype': 'cognito_user_pools',
  'x-amazon-apigateway-authorizer': {
    type: 'cognito_user_pools',
    providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x'],
  },
}

type Check = (api: ApiDefinition, warnings: string[]) => void

// [case, source, document, what loads]
const REST_CASES: Array<[string, string, unknown, Check]> = [
  [
    'swagger: 2.0 unquoted in YAML (a number)',
    `${SAM}/input/api_with_swagger_authorizer_none.yaml`,
    'swagger: 2.0\ninfo:\n  title: t\npaths:\n  /a:\n    get: {}\n',
    (api, warnings) => {
      expect(api.resources.map((r) => r.path)).toEqual(['/', '/a'])
      expect(warnings).toEqual([])
    },
  ],
  [
    'swagger: 2 in an object (YAML parsed elsewhere)',
    ISSUE,
    { swagger: 2, info: { title: 't' }, paths: {} },
    (api) => expect(api.name).toBe('t'),
  ],
  [
    "openapi: '3.0' without a patch version",
    ISSUE,
    { openapi: '3.0', info: { title: 't' }, paths: {} },
    (api) => expect(api.name).toBe('t'),
  ],
  [
    'openapi: 3.0 unquoted in YAML',
    ISSUE,
    'openapi: 3.0\ninfo:\n  title: t\npaths: {}\n',
    (api) => expect(api.name).toBe('t'),
  ],
  [
    'info.version a number in YAML keeps its text',
    ISSUE,
    'openapi: 3.0.1\ninfo:\n  title: t\n  version: 1.10\npaths: {}\n',
    (api) => expect(api.version).toBe('1.10'),
  ],
  [
    'info.version a number in an object',
    ISSUE,
    { openapi: '3.0.1', info: { title: 't', version: 2 }, paths: {} },
    (api) => expect(api.version).toBe('2'),
  ],
  [
    'security: [{NONE: []}], SAM’s marker for no authorizer, overrides the root security',
    `${SAM}/output/api_with_auth_all_maximum_openapi_3.json`,
    oas3(
      {
        '/open': { get: { security: [{ NONE: [] }], 'x-amazon-apigateway-integration': mock } },
        '/closed': { get: { 'x-amazon-apigateway-integration': mock } },
      },
      {
        security: [{ MyCognitoAuth: [] }],
        components: { securitySchemes: { MyCognitoAuth: cognito } },
      },
    ),
    (api) => {
      const open = api.resources.find((r) => r.path === '/open')?.methods.GET
      const closed = api.resources.find((r) => r.path === '/closed')?.methods.GET
      expect(open?.authorizationType).toBe('NONE')
      expect(open?.authorizerId).toBeUndefined()
      expect(closed?.authorizationType).toBe('COGNITO_USER_POOLS')
    },
  ],
  [
    'securityDefinitions at the root of an OpenAPI 3 document (with swagger: 2.0 beside openapi)',
    `${SAM}/output/api_with_swagger_and_openapi_with_auth.json`,
    {
      openapi: '3.1.1',
      swagger: 2.0,
      info: { title: 't', version: '1.0' },
      paths: {
        '/': {
          get: {
            responses: {},
            security: [{ MyCognitoAuth: [] }],
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: lambda,
            },
          },
        },
      },
      securityDefinitions: { MyCognitoAuth: cognito },
    },
    (api) => {
      expect(Object.keys(api.authorizers)).toEqual(['MyCognitoAuth'])
      expect(api.resources[0]?.methods.GET?.authorizationType).toBe('COGNITO_USER_POOLS')
    },
  ],
  [
    'securityDefinitions at the root of a pure OpenAPI 3.0.1 document',
    ISSUE,
    oas3(
      {
        '/': {
          get: { security: [{ MyCognitoAuth: [] }], 'x-amazon-apigateway-integration': mock },
        },
      },
      { securityDefinitions: { MyCognitoAuth: cognito } },
    ),
    (api) => expect(api.resources[0]?.methods.GET?.authorizerId).toBe('MyCognitoAuth'),
  ],
  [
    'Swagger-style in: body parameter inside OpenAPI 3',
    ISSUE,
    oas3(
      {
        '/pets': {
          post: {
            parameters: [
              { name: 'body', in: 'body', schema: { $ref: '#/components/schemas/Pet' } },
            ],
            'x-amazon-apigateway-integration': mock,
          },
        },
      },
      { components: { schemas: { Pet: { type: 'object' } } } },
    ),
    (api) =>
      expect(api.resources[1]?.methods.POST?.requestModels).toEqual({ 'application/json': 'Pet' }),
  ],
  [
    'unknown integration fields (responseTransferMode, integrationTarget, a misspelling) warn',
    `${ISSUE}; ${IMPORT_DOC} (failonwarnings defaults to false)`,
    oas3({
      '/a': {
        get: {
          'x-amazon-apigateway-integration': {
            ...mock,
            responseTransferMode: 'BUFFERED',
            integrationTarget:
              'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1',
            tiemoutInMillis: 100,
          },
        },
      },
    }),
    (api, warnings) => {
      expect(api.resources[1]?.methods.GET?.integration?.type).toBe('MOCK')
      expect(warnings).toHaveLength(3)
      expect(warnings[0]).toContain(
        'paths./a.get.x-amazon-apigateway-integration.responseTransferMode: is not an integration field',
      )
    },
  ],
  [
    'gatewayresponse.querystring.X and gatewayresponse.path.X mappings',
    `${SAM}/output/api_with_gateway_responses_all.json`,
    oas3(
      {},
      {
        'x-amazon-apigateway-gateway-responses': {
          UNAUTHORIZED: {
            statusCode: 401,
            responseParameters: {
              'gatewayresponse.header.WWW-Authenticate': "'Bearer'",
              'gatewayresponse.path.PathKey': "'path-value'",
              'gatewayresponse.querystring.QueryStringKey': "'query-string-value'",
            },
          },
        },
      },
    ),
    (api) =>
      expect(Object.keys(api.gatewayResponses.UNAUTHORIZED?.responseParameters ?? {})).toHaveLength(
        3,
      ),
  ],
  [
    'YAML double-quoted scalar continued with a trailing \\ at the key’s indentation',
    `${ISSUE} (PyYAML, js-yaml and CloudFormation accept it; the yaml package refuses it)`,
    [
      'openapi: 3.0.1',
      'info:',
      '  title: t',
      'paths:',
      '  /a:',
      '    get:',
      '      x-amazon-apigateway-integration:',
      '        type: mock',
      '        requestTemplates:',
      '          application/json: "{\\"statusCode\\": \\',
      '          200, \\',
      '          \\"x\\": 1}"',
      '        passthroughBehavior: never',
    ].join('\n'),
    (api) => {
      const integration = api.resources[1]?.methods.GET?.integration
      expect(integration?.requestTemplates).toEqual({
        'application/json': '{"statusCode": 200, "x": 1}',
      })
      expect(integration?.passthroughBehavior).toBe('NEVER')
    },
  ],
  [
    '${AWS::Region}-style placeholders left inside a mapping template',
    ISSUE,
    oas3({
      '/a': {
        get: {
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200, "r": "${AWS::Region}"}' },
          },
        },
      },
    }),
    (api) =>
      expect(
        api.resources[1]?.methods.GET?.integration?.requestTemplates['application/json'],
      ).toContain('${AWS::Region}'),
  ],
]

// [case, source, document, path, message]: what AWS refuses stays a ConfigError.
const REST_REFUSED: Array<[string, string, unknown, string, RegExp]> = [
  [
    'a security requirement naming an undefined scheme other than NONE',
    ISSUE,
    oas3({ '/a': { get: { security: [{ Nope: [] }] } } }),
    'paths./a.get.security.0.Nope',
    /not defined/,
  ],
  ['swagger: 3.0', ISSUE, { swagger: 3, paths: {} }, 'swagger', /unsupported version/],
  ['openapi: 2.5', ISSUE, { openapi: 2.5, paths: {} }, 'openapi', /unsupported version/],
  [
    'a gateway response mapping to the body',
    'https://docs.aws.amazon.com/apigateway/latest/api/API_PutGatewayResponse.html',
    oas3(
      {},
      {
        'x-amazon-apigateway-gateway-responses': {
          DEFAULT_4XX: { responseParameters: { 'gatewayresponse.body.x': "'y'" } },
        },
      },
    ),
    'x-amazon-apigateway-gateway-responses.DEFAULT_4XX.responseParameters.gatewayresponse.body.x',
    /gatewayresponse\.\{header\|querystring\|path\}/,
  ],
]

describe('importOpenApi loads what AWS accepts (issue 13 item 8)', () => {
  it.each(REST_CASES)('%s (%s)', (_, _source, document, check) => {
    const { warnings, logger } = capture()
    check(importOpenApi(document, { logger }), warnings)
  })

  it.each(REST_REFUSED)('refuses %s (%s)', (_, _source, document, path, message) => {
    const error = (() => {
      try {
        importOpenApi(document)
      } catch (e) {
        return e
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).path).toBe(path)
    expect((error as ConfigError).message).toMatch(message)
  })

  it('failOnWarnings turns an unknown integration field into a ConfigError at its place', () => {
    const document = oas3({
      '/pets/{id}': { get: { 'x-amazon-apigateway-integration': { type: 'mock', tiemout: 1 } } },
    })
    expect(() => importOpenApi(document, { failOnWarnings: true })).toThrow(
      expect.objectContaining({
        path: 'paths./pets/{id}.get.x-amazon-apigateway-integration.tiemout',
        message: expect.stringMatching(/not an integration field/),
      }),
    )
  })

  it('fixes every scalar, however long, in one pass', () => {
    const many = ['openapi: 3.0.1', 'x-amazon-apigateway-lines:']
    for (let i = 0; i < 500; i++) many.push(`  k${i}: "a \\`, `  b"`)
    expect(importOpenApi(many.join('\n')).extensions['x-amazon-apigateway-lines']).toMatchObject({
      k0: 'a b',
      k499: 'a b',
    })
    const long = ['openapi: 3.0.1', 'x-amazon-apigateway-line: "a \\']
    for (let i = 0; i < 250; i++) long.push('b \\')
    long.push('c"')
    expect(importOpenApi(long.join('\n')).extensions['x-amazon-apigateway-line']).toBe(
      'a ' + 'b '.repeat(250) + 'c',
    )
  })

  it('reports a YAML error of the text as written when the continuation fix does not help', () => {
    expect(() => importOpenApi('openapi: 3.0.1\npaths:\n  /a: "open \\\n')).toThrow(
      /not valid YAML/,
    )
  })

  it('serves ${AWS::Region} in a mapping template as text, as Velocity prints an invalid reference', async () => {
    const gateway = createGateway({
      api: oas3({
        '/a': {
          get: {
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              ...mock,
              responses: {
                default: {
                  statusCode: '200',
                  responseTemplates: {
                    'application/json':
                      '{"r": "${AWS::Region}", "s": "$!{AWS::AccountId}", "c": "${context.stage}"}',
                  },
                },
              },
            },
          },
        },
      }),
    })
    const response = await gateway.invoke({ method: 'GET', path: '/a' })
    expect(JSON.parse(response.body)).toEqual({
      r: '${AWS::Region}',
      s: '$!{AWS::AccountId}',
      c: 'dev',
    })
  })

  it('sends gateway response headers only: path and query string mappings have no effect', async () => {
    const gateway = createGateway({
      api: oas3(
        { '/a': { get: { 'x-amazon-apigateway-integration': mock } } },
        {
          'x-amazon-apigateway-gateway-responses': {
            MISSING_AUTHENTICATION_TOKEN: {
              statusCode: 404,
              responseParameters: {
                'gatewayresponse.header.x-why': "'missing'",
                'gatewayresponse.querystring.q': "'v'",
                'gatewayresponse.path.p': "'v'",
              },
            },
          },
        },
      ),
    })
    const response = await gateway.invoke({ method: 'GET', path: '/nowhere' })
    expect(response.statusCode).toBe(404)
    expect(response.headers['x-why']).toBe('missing')
    expect(
      Object.keys(response.headers).filter((h) => h === 'q' || h === 'p' || h.includes('.')),
    ).toEqual([])
  })
})

type HttpCheck = (api: HttpApiDefinition) => void
const SAM_IAM_AND_NONE = {
  openapi: '3.0.1',
  info: { title: 'h', version: 1.0 },
  components: {
    securitySchemes: {
      AWS_IAM: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'awsSigv4',
      },
      LambdaAuth: {
        type: 'apiKey',
        name: 'Unused',
        in: 'header',
        'x-amazon-apigateway-authorizer': {
          type: 'request',
          authorizerPayloadFormatVersion: 1.0,
          authorizerUri: lambda,
        },
      },
    },
  },
  paths: {
    '/iam': {
      get: {
        security: [{ AWS_IAM: [] }],
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: lambda,
          payloadFormatVersion: 2.0,
        },
      },
    },
    '/open': {
      get: {
        security: [{ NONE: [] }],
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: lambda,
          payloadFormatVersion: '2.0',
        },
      },
    },
  },
}
const HTTP_CASES: Array<[string, string, unknown, HttpCheck]> = [
  [
    'a number for info.version, payloadFormatVersion and authorizerPayloadFormatVersion',
    `${SAM}/output/http_api_multiple_authorizers.json`,
    SAM_IAM_AND_NONE,
    (api) => {
      expect(api.version).toBe('1')
      expect(api.routes[0]?.integration.payloadFormatVersion).toBe('2.0')
      expect(api.lambdaAuthorizers['LambdaAuth']?.payloadFormatVersion).toBe('1.0')
    },
  ],
  [
    'an awsSigv4 security scheme (SAM’s AWS_IAM) is IAM auth; NONE is no authorizer',
    `${SAM}/output/http_api_multiple_authorizers.json`,
    SAM_IAM_AND_NONE,
    (api) => {
      expect(api.routes.map((r) => [r.routeKey, r.iam ?? false, r.authorization])).toEqual([
        ['GET /iam', true, undefined],
        ['GET /open', false, undefined],
      ])
    },
  ],
]

HTTP_CASES.push([
  'an integration $ref into components.x-amazon-apigateway-integrations',
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html',
  {
    openapi: '3.0.1',
    info: { title: 'h', version: '1' },
    components: {
      'x-amazon-apigateway-integrations': {
        fn: { type: 'aws_proxy', httpMethod: 'POST', uri: lambda, payloadFormatVersion: '2.0' },
      },
    },
    paths: {
      '/a': {
        get: {
          'x-amazon-apigateway-integration': {
            $ref: '#/components/x-amazon-apigateway-integrations/fn',
          },
        },
      },
    },
  },
  (api) => expect(api.routes[0]?.integration.uri).toBe(lambda),
])

describe('importHttpApi loads what AWS accepts (issue 13 item 8)', () => {
  it.each(HTTP_CASES)('%s (%s)', (_, _source, document, check) => {
    check(importHttpApi(document))
  })

  it('refuses an integration $ref that does not resolve', () => {
    const document = {
      openapi: '3.0.1',
      paths: {
        '/a': {
          get: {
            'x-amazon-apigateway-integration': {
              $ref: '#/components/x-amazon-apigateway-integrations/nope',
            },
          },
        },
      },
    }
    expect(() => importHttpApi(document)).toThrow(
      expect.objectContaining({
        path: 'paths./a.get.x-amazon-apigateway-integration.$ref',
        message: expect.stringMatching(/does not resolve/),
      }),
    )
  })
})
