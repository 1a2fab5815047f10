/**
 * Regressions found by the public corpus (issue 13, docs/compatibility.md): each `describe` is
 * one kind of failure a real document hit, with the source of the AWS behaviour it pins.
 */
import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  createGateway,
  createWebSocketGateway,
  importHttpApi,
  importTemplate,
} from '../../../src/index.js'
import { createRecordingLogger } from '../../../src/testing/index.js'

const SERVERLESS_7212 = 'https://github.com/serverless/serverless/pull/7212'
const LOCALSTACK_IMPORT =
  'https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_import.py'
const CFN = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference'
const lambdaUri =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Fn/invocations'

const mockGet = {
  get: {
    responses: { '200': { description: 'ok' } },
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      responses: { default: { statusCode: '200' } },
    },
  },
}
const swagger = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  swagger: '2.0',
  info: { title: 'corpus', version: '1' },
  paths: { '/a': mockGet },
  ...extra,
})
const restApi = (properties: Record<string, unknown>): string =>
  JSON.stringify({
    Resources: {
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Body: swagger(), ...properties } },
    },
  })
const messageOf = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as ConfigError).message
  }
  throw new Error('expected a ConfigError')
}

describe(`empty resource policy is no policy (${SERVERLESS_7212})`, () => {
  it('Serverless Framework `Policy: ""` on AWS::ApiGateway::RestApi loads and serves', async () => {
    const gateway = createGateway({ api: restApi({ Policy: '' }) })
    expect(gateway.definition.kind).toBe('REST')
    expect((await gateway.invoke({ method: 'GET', path: '/a' })).statusCode).toBe(200)
  })

  it('an empty x-amazon-apigateway-policy in OpenAPI is no policy', async () => {
    const gateway = createGateway({ api: swagger({ 'x-amazon-apigateway-policy': '' }) })
    expect((await gateway.invoke({ method: 'GET', path: '/a' })).statusCode).toBe(200)
  })

  it('a policy given as JSON text is read as the document (a Deny still denies)', async () => {
    const deny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }] } // prettier-ignore
    const gateway = createGateway({ api: restApi({ Policy: JSON.stringify(deny) }) })
    expect((await gateway.invoke({ method: 'GET', path: '/a' })).statusCode).toBe(403)
    expect(messageOf(() => createGateway({ api: restApi({ Policy: '{nope' }) }))).toMatch(
      /must be a policy document/,
    )
  })
})

describe(`Ref and Fn::GetAtt of API Gateway resources (${CFN}, each type's "Return values")`, () => {
  const template = `
Resources:
  Model: { Type: AWS::ApiGateway::Model, Properties: { RestApiId: none, Name: Pet, ContentType: application/json, Schema: {} } }
  Rest: { Type: AWS::ApiGateway::RestApi, Properties: { Name: r, Body: { swagger: "2.0", info: { title: r }, paths: {} } } }
  Domain: { Type: AWS::ApiGateway::DomainName, Properties: { DomainName: api.example.com } }
  Docs: { Type: AWS::ApiGateway::DocumentationVersion, Properties: { RestApiId: none, DocumentationVersion: v7 } }
  V2Stage: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: none, StageName: beta } }
  V2Route: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: none, RouteKey: "GET /x" } }
  V2Model: { Type: AWS::ApiGatewayV2::Model, Properties: { ApiId: none, Name: m, Schema: {} } }
  V2Domain: { Type: AWS::ApiGatewayV2::DomainName, Properties: { DomainName: ws.example.com } }
  Link: { Type: AWS::ApiGateway::VpcLink, Properties: { Name: l, TargetArns: [] } }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: "exports.handler = async () => ({})" }
      Environment:
        Variables:
          MODEL: !Ref Model
          REST: !Ref Rest
          REST_ID: !GetAtt Rest.RestApiId
          DOMAIN: !Ref Domain
          DOMAIN_REGIONAL: !GetAtt Domain.RegionalDomainName
          DOMAIN_ZONE: !GetAtt Domain.DistributionHostedZoneId
          DOCS: !Ref Docs
          V2_STAGE: !Ref V2Stage
          V2_ROUTE: !Ref V2Route
          V2_ROUTE_ID: !GetAtt V2Route.RouteId
          V2_MODEL: !Ref V2Model
          V2_MODEL_ID: !GetAtt V2Model.ModelId
          V2_DOMAIN: !Ref V2Domain
          V2_DOMAIN_ARN: !GetAtt V2Domain.DomainNameArn
          LINK: !Ref Link
          LINK_ID: !GetAtt Link.VpcLinkId
`
  const env = importTemplate(template).functions[0]?.environment ?? {}
  it.each([
    ['AWS::ApiGateway::Model Ref is its Name', 'MODEL', 'Pet'],
    ['AWS::ApiGateway::DomainName Ref is the domain name', 'DOMAIN', 'api.example.com'],
    ['AWS::ApiGateway::DocumentationVersion Ref is the version', 'DOCS', 'v7'],
    ['AWS::ApiGatewayV2::Stage Ref is the stage name', 'V2_STAGE', 'beta'],
    ['AWS::ApiGatewayV2::DomainName Ref is the domain name', 'V2_DOMAIN', 'ws.example.com'],
    ['DistributionHostedZoneId is CloudFront’s zone', 'DOMAIN_ZONE', 'Z2FDTNDATAQYW2'],
    [
      'AWS::ApiGatewayV2::DomainName DomainNameArn',
      'V2_DOMAIN_ARN',
      'arn:aws:apigateway:us-east-1::/domainnames/ws.example.com',
    ],
  ])('%s', (_, name, value) => {
    expect(env[name]).toBe(value)
  })

  it.each([
    ['AWS::ApiGateway::RestApi RestApiId', 'REST', 'REST_ID'],
    ['AWS::ApiGatewayV2::Route RouteId', 'V2_ROUTE', 'V2_ROUTE_ID'],
    ['AWS::ApiGatewayV2::Model ModelId', 'V2_MODEL', 'V2_MODEL_ID'],
    ['AWS::ApiGateway::VpcLink VpcLinkId', 'LINK', 'LINK_ID'],
  ])('%s is the id Ref gives', (_, ref, attribute) => {
    expect(env[ref]).toMatch(/^\w{10}$/)
    expect(env[attribute]).toBe(env[ref])
  })

  it('RegionalDomainName is a regional execute-api host', () => {
    expect(env['DOMAIN_REGIONAL']).toMatch(/^d-\w+\.execute-api\.us-east-1\.amazonaws\.com$/)
  })

  it('a method whose RequestModels is !Ref of an AWS::ApiGateway::Model validates against it', async () => {
    const tree = `
Resources:
  Api: { Type: AWS::ApiGateway::RestApi, Properties: { Name: tree } }
  Model:
    Type: AWS::ApiGateway::Model
    Properties:
      RestApiId: !Ref Api
      Name: MyModel
      ContentType: application/json
      Schema: { type: object, required: [city], properties: { city: { type: string } } }
  Validator: { Type: AWS::ApiGateway::RequestValidator, Properties: { RestApiId: !Ref Api, ValidateRequestBody: true } }
  Method:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: POST
      AuthorizationType: NONE
      RequestValidatorId: !Ref Validator
      RequestModels: { application/json: !Ref Model }
      Integration:
        Type: MOCK
        RequestTemplates: { application/json: '{"statusCode": 200}' }
        IntegrationResponses: [{ StatusCode: "200" }]
      MethodResponses: [{ StatusCode: "200" }]
`
    const gateway = createGateway({ api: tree, logger: createRecordingLogger() })
    const post = (body: unknown) =>
      gateway.invoke({
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await post({ city: 'Oslo' })).statusCode).toBe(200)
    expect((await post({ town: 'Oslo' })).statusCode).toBe(400)
  })
})

describe(`gateway response header names with dots (${LOCALSTACK_IMPORT}, test_import_rest_api)`, () => {
  it('Pulumi’s gatewayresponse.header.method.response.header.X sends the header named after the prefix', async () => {
    const gateway = createGateway({
      api: swagger({
        'x-amazon-apigateway-gateway-responses': {
          MISSING_AUTHENTICATION_TOKEN: {
            responseParameters: {
              'gatewayresponse.header.method.response.header.Access-Control-Allow-Origin': "'*'",
            },
          },
        },
      }),
    })
    const response = await gateway.invoke({ method: 'GET', path: '/nowhere' })
    expect(response.statusCode).toBe(403)
    const headers = Object.fromEntries(
      Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]),
    )
    expect(headers['method.response.header.access-control-allow-origin']).toBe('*')
  })

  it('a name that is not an HTTP token is still a ConfigError', () => {
    const api = swagger({
      'x-amazon-apigateway-gateway-responses': {
        DEFAULT_4XX: { responseParameters: { 'gatewayresponse.header.a b': "'x'" } },
      },
    })
    expect(messageOf(() => createGateway({ api }))).toMatch(/HTTP token/)
  })

  it('an empty identitySource of a TOKEN authorizer (Pulumi) takes the security scheme’s header', () => {
    const gateway = createGateway({
      api: swagger({
        securityDefinitions: {
          Auth0: {
            type: 'apiKey',
            name: 'Authorization',
            in: 'header',
            'x-amazon-apigateway-authorizer': {
              type: 'token',
              authorizerUri: lambdaUri,
              authorizerCredentials: '',
              identitySource: '',
            },
          },
        },
      }),
    })
    const definition = gateway.definition as { authorizers: Record<string, unknown> }
    expect(definition.authorizers['Auth0']).toMatchObject({
      identitySource: 'method.request.header.Authorization',
    })
    expect(definition.authorizers['Auth0']).not.toHaveProperty('authorizerCredentials')
  })
})

describe('Fn::GetAtt of a nested stack’s Outputs', () => {
  const template = (type: string): string => `
Resources:
  AuthStack: { Type: ${type}, Properties: { TemplateURL: ./auth.yaml } }
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body: { swagger: "2.0", info: { title: !GetAtt AuthStack.Outputs.Title }, paths: {} }
`
  it.each(['AWS::CloudFormation::Stack', 'AWS::Serverless::Application'])(
    '%s: a ConfigError naming the stack, the output and the nestedStackOutputs option',
    (type) => {
      const message = messageOf(() =>
        importTemplate(
          type.startsWith('AWS::Serverless')
            ? `Transform: AWS::Serverless-2016-10-31\n${template(type).replace('TemplateURL', 'Location')}`
            : template(type),
        ),
      )
      expect(message).toContain(`AuthStack is a nested stack (${type})`)
      expect(message).toContain('output Title in the nestedStackOutputs option')
    },
  )

  it('nestedStackOutputs gives the value', () => {
    const { apis } = importTemplate(template('AWS::CloudFormation::Stack'), {
      nestedStackOutputs: { AuthStack: { Title: 'from-auth' } },
    })
    expect(apis[0]?.name).toBe('from-auth')
    const gateway = createGateway({
      api: template('AWS::CloudFormation::Stack'),
      nestedStackOutputs: { AuthStack: { Title: 'from-auth' } },
      logger: createRecordingLogger(),
    })
    expect(gateway.definition.name).toBe('from-auth')
  })
})

describe('WebSocket routes that are not Lambda', () => {
  it('a route with no function names the integration types Portico serves', () => {
    const message = messageOf(() =>
      createWebSocketGateway({ api: { routes: { $default: { lambda: '' } } } }),
    )
    expect(message).toContain('Lambda (AWS_PROXY) integration only; MOCK')
  })
})

describe('SAM resources without the SAM transform', () => {
  it('are a ConfigError naming the resource (CloudFormation: Unrecognized resource types)', () => {
    const template = `
Resources:
  MyApi: { Type: AWS::Serverless::Api, Properties: { StageName: Prod } }
`
    const error = (() => {
      try {
        importTemplate(template)
      } catch (caught) {
        return caught as ConfigError
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect(error?.path).toBe('Resources.MyApi.Type')
    expect(error?.message).toContain('Transform: AWS::Serverless-2016-10-31')
  })
})

describe('YAML warnings (an unknown tag such as !Rain::Embed)', () => {
  const template = `
Resources:
  Api: { Type: AWS::ApiGateway::RestApi, Properties: { Body: { swagger: "2.0", info: { title: !Rain::Embed t.txt }, paths: {} } } }
`
  it('go to the template warnings and the logger, never to the process', () => {
    const emitted: unknown[] = []
    const onWarning = (warning: unknown): void => {
      emitted.push(warning)
    }
    process.on('warning', onWarning)
    const emit = process.emitWarning
    process.emitWarning = ((warning: unknown) => emitted.push(warning)) as typeof emit
    try {
      const { warnings } = importTemplate(template)
      expect(warnings).toContain('YAML warning: Unresolved tag: !Rain::Embed at line 3, column 95')
      const logger = createRecordingLogger()
      createGateway({ api: template, logger })
      expect(logger.entries.map((entry) => entry.message)).toContain(
        'YAML warning: Unresolved tag: !Rain::Embed at line 3, column 95',
      )
    } finally {
      process.emitWarning = emit
      process.off('warning', onWarning)
    }
    expect(emitted).toEqual([])
  })
})

describe('required template parameters', () => {
  const template = `
Parameters:
  Used: { Type: String }
  Unused: { Type: String }
  Defaulted: { Type: String, Default: d }
Resources:
  Api: { Type: AWS::ApiGateway::RestApi, Properties: { Body: { swagger: "2.0", info: { title: !Ref Used }, paths: {} } } }
`
  it('with no Default and no value are a ConfigError listing them, used or not (CloudFormation)', () => {
    expect(messageOf(() => importTemplate(template))).toMatch(
      /^Parameters: \[Used, Unused\] must have values/,
    )
    expect(messageOf(() => importTemplate(template, { parameters: { Used: 'x' } }))).toMatch(
      /^Parameters: \[Unused\] must have values/,
    )
    const { apis } = importTemplate(template, { parameters: { Used: 'x', Unused: 'y' } })
    expect(apis[0]?.name).toBe('x')
  })
})

describe('import warnings of a template’s API bodies', () => {
  const rest = restApi({}).replace('"type":"mock"', '"type":"mock","integrationTarget":"x"')
  const http = JSON.stringify({
    Resources: {
      Api: {
        Type: 'AWS::ApiGatewayV2::Api',
        Properties: {
          Body: {
            openapi: '3.0.1',
            info: { title: 'h', version: '1' },
            paths: {
              '/a': {
                get: {
                  'x-amazon-apigateway-integration': {
                    type: 'aws_proxy',
                    uri: lambdaUri,
                    payloadFormatVersion: '2.0',
                    passthroughBehavior: 'when_no_match',
                  },
                },
              },
            },
          },
        },
      },
    },
  })
  it.each([
    ['REST', rest, 'integrationTarget: is not an integration field; ignored'],
    ['HTTP', http, 'passthroughBehavior: is not an HTTP API integration field; ignored'],
  ])(
    '%s: go to options.logger with the body’s place; failOnWarnings refuses them',
    (_, api, warning) => {
      const logger = createRecordingLogger()
      createGateway({ api, logger })
      const warnings = logger.entries.filter((entry) => entry.level === 'warn')
      expect(warnings.map((entry) => entry.message).join('\n')).toMatch(
        new RegExp(`^Resources\\.Api\\.Properties\\.Body: import warning: .*${warning}`, 'm'),
      )
      expect(messageOf(() => createGateway({ api, logger, failOnWarnings: true }))).toContain(
        warning.slice(warning.indexOf(':') + 2),
      )
    },
  )
})

describe('importHttpApi unknown integration fields', () => {
  const doc = {
    openapi: '3.0.1',
    info: { title: 'h', version: '1' },
    paths: {
      '/a': {
        get: {
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            uri: lambdaUri,
            payloadFormatVersion: '2.0',
            requestTemplates: {},
          },
        },
      },
    },
  }
  it('are a warning through the logger, or a ConfigError with failOnWarnings', () => {
    const logger = createRecordingLogger()
    importHttpApi(doc, { logger })
    expect(logger.entries.map((entry) => entry.message)).toEqual([
      'import warning: paths./a.get.x-amazon-apigateway-integration.requestTemplates: is not an HTTP API integration field; ignored',
    ])
    expect(messageOf(() => importHttpApi(doc, { failOnWarnings: true }))).toBe(
      'paths./a.get.x-amazon-apigateway-integration.requestTemplates: is not an HTTP API integration field; ignored',
    )
  })
})

describe('a numeric SAM AuthorizerPayloadFormatVersion (YAML 2.0 reads as 2)', () => {
  it('loads as 2.0, as SAM copies it into the body and API Gateway accepts it', () => {
    const template = `
Transform: AWS::Serverless-2016-10-31
Resources:
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Lambda
        Authorizers:
          Lambda:
            FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:auth
            AuthorizerPayloadFormatVersion: 2.0
            EnableSimpleResponses: true
      DefinitionBody:
        openapi: "3.0.1"
        info: { title: h, version: "1" }
        paths:
          /a:
            get:
              x-amazon-apigateway-integration: { type: aws_proxy, uri: "${lambdaUri}", payloadFormatVersion: "2.0" }
`
    const gateway = createGateway({ api: template, logger: createRecordingLogger() })
    expect(gateway.definition.kind).toBe('HTTP')
    const definition = gateway.definition as unknown as {
      lambdaAuthorizers: Record<string, { payloadFormatVersion: string }>
    }
    expect(definition.lambdaAuthorizers['Lambda']?.payloadFormatVersion).toBe('2.0')
  })
})
