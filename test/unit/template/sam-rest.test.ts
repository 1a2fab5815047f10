// SAM REST APIs through createGateway: what the SAM translator generates (its test inputs and
// outputs named per case, aws/serverless-application-model tests/translator/{input,output}),
// served with stand-in handlers keyed by logical id.
import { describe, expect, it } from 'vitest'
import { ConfigError, createGateway, importTemplate, silentLogger } from '../../../src/index.js'
import type { LambdaHandler } from '../../../src/index.js'

const SAM = 'Transform: AWS::Serverless-2016-10-31\n'
const echo: LambdaHandler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({
    resource: event.resource,
    method: event.httpMethod,
    stage: event.requestContext.stage,
  }),
})
const fn = (handler: string, events: string) => `
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: ${handler}
      InlineCode: "exports.handler = async () => ({ statusCode: 500 })"
      Events:${events}`
const allow: LambdaHandler = async (event) => ({
  principalId: 'user',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [
      {
        Action: 'execute-api:Invoke',
        Effect: event.authorizationToken === 'good' ? 'Allow' : 'Deny',
        Resource: event.methodArn,
      },
    ],
  },
})

describe('implicit API (implicit_api)', () => {
  const template = `${SAM}Resources:
  RestApiFunction:${fn(
    'index.restapi',
    `
        AddItem: { Type: Api, Properties: { Path: /add, Method: post } }
        GetList: { Type: Api, Properties: { Path: /getlist, Method: get } }`,
  )}
  GetHtmlFunction:${fn(
    'index.gethtml',
    `
        GetHtml: { Type: Api, Properties: { Path: "/{proxy+}", Method: any } }`,
  )}
`
  const gateway = createGateway({
    api: template,
    lambdas: { RestApiFunction: echo, GetHtmlFunction: echo },
    logger: silentLogger,
  })

  it('is ServerlessRestApi, stage Prod, AWS_PROXY routes', () => {
    expect(gateway.stage.name).toBe('Prod')
    expect(gateway.routes()).toEqual([
      { method: 'POST', path: '/add', integration: 'AWS_PROXY' },
      { method: 'GET', path: '/getlist', integration: 'AWS_PROXY' },
      { method: 'ANY', path: '/{proxy+}', integration: 'AWS_PROXY' },
    ])
    expect(importTemplate(template).apis.map((a) => [a.logicalId, a.kind, a.stageName])).toEqual([
      ['ServerlessRestApi', 'REST', 'Prod'],
    ])
  })

  it('invokes the event function with the proxy event', async () => {
    const res = await gateway.invoke({ method: 'DELETE', path: '/a/b' })
    expect(JSON.parse(res.body)).toEqual({ resource: '/{proxy+}', method: 'DELETE', stage: 'Prod' })
    expect((await gateway.invoke({ method: 'POST', path: '/add' })).statusCode).toBe(200)
  })
})

describe('Auth (api_with_auth_all_minimum, api_with_auth_all_maximum)', () => {
  const template = `${SAM}Resources:
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      Auth:
        DefaultAuthorizer: MyLambdaTokenAuth
        Authorizers:
          MyLambdaTokenAuth: { FunctionArn: !GetAtt MyAuthFn.Arn }
  MyAuthFn:${fn('index.auth', ' {}')}
  MyFn:${fn(
    'index.handler',
    `
        Secured: { Type: Api, Properties: { RestApiId: !Ref MyApi, Path: /secured, Method: get } }
        Open: { Type: Api, Properties: { RestApiId: !Ref MyApi, Path: /open, Method: get, Auth: { Authorizer: NONE } } }
        Iam: { Type: Api, Properties: { RestApiId: !Ref MyApi, Path: /iam, Method: get, Auth: { Authorizer: AWS_IAM } } }`,
  )}
`
  const gateway = createGateway({
    api: template,
    lambdas: { MyFn: echo, MyAuthFn: allow },
    logger: silentLogger,
  })

  it.each([
    ['/secured', {}, 401],
    ['/secured', { authorization: 'bad' }, 403],
    ['/secured', { authorization: 'good' }, 200],
    ['/open', {}, 200],
    ['/iam', {}, 403],
  ])('GET %s %j → %i', async (path, headers, status) => {
    expect((await gateway.invoke({ method: 'GET', path, headers })).statusCode).toBe(status)
  })

  it('an unknown authorizer is a ConfigError naming the event', () => {
    const bad = template.replace('Authorizer: NONE', 'Authorizer: Nope')
    expect(() => createGateway({ api: bad, logger: silentLogger })).toThrow(
      'Resources.MyFn.Properties.Events.Open.Properties.Auth.Authorizer: Nope is not one of the API',
    )
  })
})

describe('Cors (api_with_cors)', () => {
  const template = `${SAM}Globals:
  Api:
    Cors: { AllowOrigin: "'https://app.example.com'", AllowHeaders: "'content-type'", MaxAge: 600 }
Resources:
  Fn:${fn(
    'index.handler',
    `
        Get: { Type: Api, Properties: { Path: /items, Method: get } }
        Any: { Type: Api, Properties: { Path: /any, Method: any } }`,
  )}
`
  const gateway = createGateway({ api: template, lambdas: { Fn: echo }, logger: silentLogger })

  it.each([
    ['/items', 'GET,OPTIONS'],
    ['/any', 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'],
  ])('OPTIONS %s answers the preflight from a MOCK integration', async (path, methods) => {
    const res = await gateway.invoke({ method: 'OPTIONS', path })
    expect(res.statusCode).toBe(200)
    expect(res.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'https://app.example.com',
      'Access-Control-Allow-Headers': 'content-type',
      'Access-Control-Allow-Methods': methods,
      'Access-Control-Max-Age': '600',
    })
  })
})

describe('ApiKeyRequired and UsagePlan (api_with_usageplans)', () => {
  const template = `${SAM}Resources:
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      Auth:
        ApiKeyRequired: true
        UsagePlan: { CreateUsagePlan: PER_API, Quota: { Limit: 2, Period: DAY } }
  Fn:${fn(
    'index.handler',
    `
        Get: { Type: Api, Properties: { RestApiId: !Ref MyApi, Path: /items, Method: get } }`,
  )}
`
  const imported = importTemplate(template)
  const gateway = createGateway({
    api: imported.apis[0]!,
    lambdas: { Fn: echo },
    logger: silentLogger,
  })

  it('creates the plan, key and plan key SAM names after the API', () => {
    expect(imported.usagePlans).toEqual([
      {
        id: imported.usagePlans[0]!.id,
        apiStages: [{ apiId: imported.apis[0]!.apiId, stage: 'v1' }],
        quota: { limit: 2, period: 'DAY' },
      },
    ])
    expect(imported.apiKeys).toMatchObject([{ enabled: true }])
    expect(imported.apiKeys[0]!.value).toMatch(/^[\w-]{40}$/)
    expect(imported.usagePlanKeys).toEqual([
      {
        usagePlanId: imported.usagePlans[0]!.id,
        keyId: imported.apiKeys[0]!.id,
        keyType: 'API_KEY',
      },
    ])
  })

  it('admits the key within its quota', async () => {
    const key = { 'x-api-key': imported.apiKeys[0]!.value }
    expect((await gateway.invoke({ method: 'GET', path: '/items' })).statusCode).toBe(403)
    expect((await gateway.invoke({ method: 'GET', path: '/items', headers: key })).statusCode).toBe(
      200,
    )
    expect((await gateway.invoke({ method: 'GET', path: '/items', headers: key })).statusCode).toBe(
      200,
    )
    expect((await gateway.invoke({ method: 'GET', path: '/items', headers: key })).statusCode).toBe(
      429,
    )
  })
})

describe('DefinitionBody (explicit_api, api_with_gateway_responses)', () => {
  const template = `${SAM}Parameters:
  Backend: { Type: String, Default: orders }
Resources:
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Variables: { color: blue }
      GatewayResponses:
        MISSING_AUTHENTICATION_TOKEN:
          StatusCode: 404
          ResponseTemplates: { application/json: '{"error":"no route"}' }
      DefinitionBody:
        swagger: "2.0"
        info: { title: !Sub "\${AWS::StackName}-api" }
        paths:
          /orders:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${OrdersFn.Arn}/invocations"
  OrdersFn:${fn(
    'index.handler',
    `
        NotMerged: { Type: Api, Properties: { RestApiId: !Ref MyApi, Path: /extra, Method: get } }`,
  )}
`
  const variables: LambdaHandler = async (event) => ({
    statusCode: 200,
    body: event.stageVariables.color,
  })
  const gateway = createGateway({
    api: template,
    lambdas: { OrdersFn: variables },
    logger: silentLogger,
  })

  it('serves the body with its intrinsics resolved, and the stage variables', async () => {
    expect(gateway.definition.name).toBe('portico-api')
    expect((await gateway.invoke({ method: 'GET', path: '/orders' })).body).toBe('blue')
  })

  it('does not merge events into a DefinitionBody unless MergeDefinitions is true', async () => {
    const res = await gateway.invoke({ method: 'GET', path: '/extra' })
    expect([res.statusCode, res.body]).toEqual([404, '{"error":"no route"}'])
    const merged = createGateway({
      api: template.replace('StageName: prod', 'StageName: prod\n      MergeDefinitions: true'),
      lambdas: { OrdersFn: variables },
      logger: silentLogger,
    })
    expect((await merged.invoke({ method: 'GET', path: '/extra' })).statusCode).toBe(200)
  })
})

describe('choosing the API', () => {
  const template = `${SAM}Resources:
  Fn:${fn(
    'index.handler',
    `
        Rest: { Type: Api, Properties: { Path: /r, Method: get } }
        Http: { Type: HttpApi, Properties: { Path: /h, Method: get } }`,
  )}
`
  it('several APIs need logicalId; the error lists the ids found', () => {
    expect(() => createGateway({ api: template, logger: silentLogger })).toThrow(
      new ConfigError(
        'logicalId',
        'the template has several APIs; name one with logicalId: ServerlessRestApi (REST), ServerlessHttpApi (HTTP)',
      ),
    )
    expect(() => createGateway({ api: template, logicalId: 'Nope', logger: silentLogger })).toThrow(
      'the template has no API Nope; its APIs: ServerlessRestApi (REST), ServerlessHttpApi (HTTP)',
    )
    expect(
      createGateway({ api: template, logicalId: 'ServerlessHttpApi', logger: silentLogger })
        .definition.kind,
    ).toBe('HTTP')
  })

  it.each([
    [
      `  Other: { Type: AWS::SNS::Topic }\n  Fn:${fn('index.handler', '\n        A: { Type: Api, Properties: { RestApiId: !Ref Other, Path: /a, Method: get } }')}`,
      'Resources.Fn.Properties.Events.A.Properties.RestApiId: must be a !Ref to an AWS::Serverless::Api resource in this template',
    ],
    [
      `  Fn:${fn('index.handler', '\n        A: { Type: Api, Properties: { Path: /a, Method: get } }\n        B: { Type: Api, Properties: { Path: /a, Method: GET } }')}`,
      'Resources.Fn.Properties.Events.B.Properties: an integration already exists on Path=/a, Method=get',
    ],
    [
      `  Fn:${fn('index.handler', '\n        A: { Type: Api, Properties: { Method: get } }')}`,
      'Resources.Fn.Properties.Events.A.Properties.Path: is required and starts with /',
    ],
    [
      `  Api: { Type: AWS::Serverless::Api, Properties: {} }`,
      'Resources.Api.Properties.StageName: is required',
    ],
  ])('bad SAM is a ConfigError naming the place (%#)', (resources, message) => {
    expect(() => importTemplate(`${SAM}Resources:\n${resources}`)).toThrow(message)
  })

  it('Globals take only what SAM accepts', () => {
    expect(() => importTemplate(`${SAM}Globals:\n  Function: { Role: r }\nResources: {}`)).toThrow(
      new ConfigError('Globals.Function.Role', 'is not a property SAM accepts in Globals.Function'),
    )
  })
})
