// CloudFormation stages (AWS::ApiGateway::Stage CanarySetting, Deployment StageDescription and
// DeploymentCanarySettings), SAM HttpApi event RouteSettings and AccessLogSettings, WebSocket
// APIs from AWS::ApiGatewayV2 resources served by createWebSocketGateway({ api: template }), and
// the warning for each resource type Portico does not read.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-stage.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-deployment.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-route.html
import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  ConnectionError,
  createGateway,
  createWebSocketGateway,
  importTemplate,
  openTestClient,
  silentLogger,
} from '../../../src/index.js'
import type { LambdaHandler, Logger } from '../../../src/index.js'

const SAM = 'Transform: AWS::Serverless-2016-10-31\n'
const variables: LambdaHandler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify(event.stageVariables ?? {}),
})
const invocation = (fn: string) =>
  `!Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${fn}.Arn}/invocations"`
const FN = `{ Type: AWS::Lambda::Function, Properties: { Runtime: nodejs20.x, Handler: index.handler, Code: { ZipFile: x } } }`
const REST_BODY = `{ swagger: "2.0", info: { title: t, version: "1" }, paths: { /: { get: { x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${invocation('Fn')} } } } } }`

describe('REST stages from CloudFormation', () => {
  it('AWS::ApiGateway::Stage CanarySetting: the canary serves its variable overrides', async () => {
    const template = `Resources:
  Fn: ${FN}
  Api: { Type: AWS::ApiGateway::RestApi, Properties: { Body: ${REST_BODY} } }
  Dep: { Type: AWS::ApiGateway::Deployment, Properties: { RestApiId: !Ref Api } }
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: !Ref Dep
      StageName: prod
      Variables: { color: blue }
      CanarySetting: { DeploymentId: !Ref Dep, PercentTraffic: 100, StageVariableOverrides: { color: green } }
`
    const gateway = createGateway({
      api: template,
      lambdas: { Fn: variables },
      logger: silentLogger,
    })
    const res = await gateway.invoke({ method: 'GET', path: '/' })
    expect(JSON.parse(res.body)).toEqual({ color: 'green' })
  })

  it('Deployment StageDescription: variables, flat method settings, DeploymentCanarySettings', () => {
    const template = `Resources:
  Fn: ${FN}
  Api: { Type: AWS::ApiGateway::RestApi, Properties: { Body: ${REST_BODY} } }
  Dep:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: beta
      StageDescription: { Variables: { v: "1" }, ThrottlingRateLimit: 10, ThrottlingBurstLimit: 2, CachingEnabled: true, CacheClusterEnabled: true }
      DeploymentCanarySettings: { PercentTraffic: 5, StageVariableOverrides: { v: "2" } }
`
    const [api] = importTemplate(template).apis
    const stage = api?.stages[0]
    expect(stage).toMatchObject({
      name: 'beta',
      variables: { v: '1' },
      cacheClusterEnabled: true,
      methodSettings: {
        '*/*': { throttlingRateLimit: 10, throttlingBurstLimit: 2, cachingEnabled: true },
      },
      canarySettings: { percentTraffic: 5, stageVariableOverrides: { v: '2' } },
    })
    expect(stage?.canarySettings?.deploymentId).toBe(stage?.deploymentId)
  })
})

describe('SAM HttpApi stage (implicit_http_api_plugin, http_api_def_uri)', () => {
  const template = `${SAM}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: x
      Events:
        Get:
          Type: HttpApi
          Properties:
            ApiId: !Ref Api
            Path: /pets
            Method: get
            RouteSettings: { ThrottlingBurstLimit: 1, ThrottlingRateLimit: 1 }
        Any:
          Type: HttpApi
          Properties: { ApiId: !Ref Api, RouteSettings: { DetailedMetricsEnabled: true } }
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      RouteSettings:
        GET /pets: { ThrottlingBurstLimit: 5, DetailedMetricsEnabled: true }
      AccessLogSettings: { DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:l, Format: "$context.requestId $context.routeKey" }
`
  it('event RouteSettings merge into the API stage under the route key, the event winning', () => {
    const [api] = importTemplate(template).apis
    expect(api?.stages[0]?.routeSettings).toEqual({
      'GET /pets': {
        throttlingBurstLimit: 1,
        detailedMetricsEnabled: true,
        throttlingRateLimit: 1,
      },
      $default: { detailedMetricsEnabled: true },
    })
  })

  it('the route settings throttle the route, and AccessLogSettings writes access logs', async () => {
    const lines: string[] = []
    const gateway = createGateway({
      api: template,
      lambdas: { Fn: async () => ({ statusCode: 200, body: 'ok' }) },
      logger: silentLogger,
      accessLog: (line: string) => lines.push(line),
    })
    const first = await gateway.invoke({ method: 'GET', path: '/pets' })
    const second = await gateway.invoke({ method: 'GET', path: '/pets' })
    expect([first.statusCode, second.statusCode]).toEqual([200, 429])
    expect(lines[0]).toMatch(/^\S+ GET \/pets$/)
  })
})

describe('WebSocket API from AWS::ApiGatewayV2 resources', () => {
  const template = `Resources:
  Ws: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action } }
  Prod: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: !Ref Ws, StageName: prod, StageVariables: { room: cats } } }
  Integ: { Type: AWS::ApiGatewayV2::Integration, Properties: { ApiId: !Ref Ws, IntegrationType: AWS_PROXY, IntegrationUri: ${invocation('Fn')} } }
  Mock: { Type: AWS::ApiGatewayV2::Integration, Properties: { ApiId: !Ref Ws, IntegrationType: MOCK } }
  Auth: { Type: AWS::ApiGatewayV2::Authorizer, Properties: { ApiId: !Ref Ws, Name: auth, AuthorizerType: REQUEST, AuthorizerUri: ${invocation('AuthFn')}, IdentitySource: [route.request.querystring.token] } }
  Connect: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: $connect, AuthorizationType: CUSTOM, AuthorizerId: !Ref Auth, Target: !Sub "integrations/\${Integ}" } }
  Echo: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: echo, Target: !Sub "integrations/\${Integ}" } }
  EchoResponse: { Type: AWS::ApiGatewayV2::RouteResponse, Properties: { ApiId: !Ref Ws, RouteId: !Ref Echo, RouteResponseKey: $default } }
  Ping: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: ping, Target: !Sub "integrations/\${Mock}" } }
  Fn: ${FN}
  AuthFn: ${FN}
`
  const lambdas = {
    Fn: async (event: { requestContext: { routeKey: string; stage: string; apiId: string } }) => ({
      statusCode: 200,
      body: JSON.stringify({
        route: event.requestContext.routeKey,
        stage: event.requestContext.stage,
        apiId: event.requestContext.apiId,
      }),
    }),
    AuthFn: async (event: {
      queryStringParameters?: Record<string, string>
      methodArn: string
    }) => ({
      principalId: 'u',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: event.queryStringParameters?.['token'] === 'good' ? 'Allow' : 'Deny',
            Resource: event.methodArn,
          },
        ],
      },
    }),
  }

  it('is listed with its authorizer, two-way route and stage; a MOCK route is warned about', () => {
    const { apis, warnings } = importTemplate(template)
    expect(apis[0]).toMatchObject({
      kind: 'WEBSOCKET',
      stageName: 'prod',
      definition: {
        routes: {
          $connect: { lambda: 'arn:aws:lambda:us-east-1:123456789012:function:Fn' },
          echo: { routeResponseSelectionExpression: '$default' },
        },
        authorizer: {
          lambda: 'arn:aws:lambda:us-east-1:123456789012:function:AuthFn',
          identitySource: ['route.request.querystring.token'],
        },
      },
    })
    expect(warnings.some((w) => w.includes('MOCK') && w.includes('route ping'))).toBe(true)
  })

  it('createWebSocketGateway({ api: template }) serves it with the template functions', async () => {
    const gateway = createWebSocketGateway({ api: template, lambdas, logger: silentLogger })
    await expect(openTestClient(gateway, { query: 'token=bad' })).rejects.toBeInstanceOf(
      ConnectionError,
    )
    const client = await openTestClient(gateway, { query: 'token=good' })
    await client.send({ action: 'echo' })
    expect(JSON.parse(await client.receive())).toEqual({
      route: 'echo',
      stage: 'prod',
      apiId: importTemplate(template).apis[0]?.apiId,
    })
  })

  it('createGateway points to createWebSocketGateway; the reverse too', () => {
    expect(() => createGateway({ api: template, logger: silentLogger })).toThrow(
      /createWebSocketGateway/,
    )
    const http = `Resources:
  Api: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: h, ProtocolType: HTTP, Target: arn:aws:lambda:us-east-1:123456789012:function:Fn } }
`
    expect(() =>
      createWebSocketGateway({ api: http, logicalId: 'Api', logger: silentLogger }),
    ).toThrow(ConfigError)
  })
})

describe('resource types Portico does not read are warnings', () => {
  const cases: Array<[type: string, properties: string, expected: RegExp | undefined]> = [
    ['AWS::ApiGateway::DomainName', '{ DomainName: api.example.com }', /custom domains/],
    ['AWS::ApiGateway::BasePathMapping', '{ DomainName: api.example.com }', /custom domains/],
    ['AWS::ApiGatewayV2::DomainName', '{ DomainName: api.example.com }', /custom domains/],
    ['AWS::ApiGatewayV2::ApiMapping', '{ DomainName: x, ApiId: x, Stage: x }', /custom domains/],
    ['AWS::ApiGatewayV2::VpcLink', '{ Name: x, SubnetIds: [] }', /private integrations/],
    ['AWS::WAFv2::WebACLAssociation', '{ ResourceArn: x, WebACLArn: y }', /WAF/],
    ['AWS::ApiGatewayV2::ApiGatewayManagedOverrides', '{ ApiId: x }', /overrides/],
    ['AWS::ApiGateway::SomethingNew', '{}', /does not read/],
    ['AWS::ApiGateway::Account', '{ CloudWatchRoleArn: x }', undefined],
    ['AWS::ApiGateway::DocumentationPart', '{ RestApiId: x }', undefined],
    ['AWS::Lambda::Permission', '{ FunctionName: x, Action: y, Principal: z }', undefined],
    ['AWS::SQS::Queue', '{}', undefined],
  ]
  it.each(cases)('%s', (type, properties, expected) => {
    const template = `Resources:
  Fn: ${FN}
  Api: { Type: AWS::ApiGateway::RestApi, Properties: { Body: ${REST_BODY} } }
  X: { Type: ${type}, Properties: ${properties} }
`
    const warned: string[] = []
    const logger: Logger = { ...silentLogger, warn: (m: string) => void warned.push(m) }
    const gateway = createGateway({ api: template, lambdas: { Fn: variables }, logger })
    expect(gateway).toBeDefined()
    const about = warned.filter((w) => w.startsWith('Resources.X '))
    if (expected) expect(about).toEqual([expect.stringMatching(expected)])
    else expect(about).toEqual([])
  })
})

describe('AWS::ApiGatewayV2::Integration ResponseParameters and ConnectionType', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigatewayv2-integration-responseparametermap.html
  const template = (extra: string) => `Resources:
  Api: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: h, ProtocolType: HTTP } }
  Stage: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: !Ref Api, StageName: $default } }
  Integ:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      PayloadFormatVersion: "2.0"
      IntegrationUri: ${invocation('Fn')}
      ${extra}
  Route: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Api, RouteKey: GET /x, Target: !Sub "integrations/\${Integ}" } }
  Fn: ${FN}
`
  it.each([
    [
      'ResponseParameterMap list',
      `ResponseParameters: { "404": { ResponseParameters: [{ Destination: overwrite:statuscode, Source: "403" }, { Destination: append:header.x-mapped, Source: yes }] } }`,
    ],
    [
      'flat map',
      `ResponseParameters: { "404": { overwrite:statuscode: "403", append:header.x-mapped: "yes" } }`,
    ],
  ])('maps the response by status (%s)', async (_form, extra) => {
    const gateway = createGateway({
      api: template(extra),
      lambdas: { Fn: async () => ({ statusCode: 404, body: 'no' }) },
      logger: silentLogger,
    })
    const res = await gateway.invoke({ method: 'GET', path: '/x' })
    expect(res.statusCode).toBe(403)
    expect(res.headers['x-mapped']).toBe('yes')
  })

  it('ConnectionType VPC_LINK is a warning', () => {
    const { warnings } = importTemplate(template('ConnectionType: VPC_LINK'))
    expect(warnings.filter((w) => w.includes('VPC_LINK'))).toHaveLength(1)
  })
})

describe('AWS::Serverless::WebSocketApi (websocket_api_with_lambda_auth, websocket_api_explicit_stage)', () => {
  const template = `${SAM}Globals:
  WebSocketApi:
    StageVariables: { room: cats }
Resources:
  ConnectFunction: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs20.x, Handler: index.handler, InlineCode: x } }
  SendFunction: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs20.x, Handler: index.handler, InlineCode: x } }
  MyAuth: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs20.x, Handler: index.handler, InlineCode: x } }
  MyApi:
    Type: AWS::Serverless::WebSocketApi
    Properties:
      Name: chat
      StageName: Prod
      RouteSelectionExpression: $request.body.action
      Auth: { AuthType: CUSTOM, AuthArn: !GetAtt MyAuth.Arn, IdentitySource: [route.request.querystring.token] }
      Routes:
        $connect: { FunctionArn: !GetAtt ConnectFunction.Arn }
        send: { FunctionArn: !GetAtt SendFunction.Arn, RouteResponseSelectionExpression: $default }
`
  it('is a WebSocket API with the routes, authorizer and stage SAM generates', () => {
    const [api] = importTemplate(template).apis
    expect(api).toMatchObject({
      logicalId: 'MyApi',
      kind: 'WEBSOCKET',
      stageName: 'Prod',
      stages: [{ name: 'Prod', variables: { room: 'cats' } }],
      definition: {
        name: 'chat',
        routeSelectionExpression: '$request.body.action',
        routes: {
          $connect: { lambda: 'arn:aws:lambda:us-east-1:123456789012:function:ConnectFunction' },
          send: {
            lambda: 'arn:aws:lambda:us-east-1:123456789012:function:SendFunction',
            routeResponseSelectionExpression: '$default',
          },
        },
        authorizer: {
          lambda: 'arn:aws:lambda:us-east-1:123456789012:function:MyAuth',
          identitySource: ['route.request.querystring.token'],
        },
      },
    })
  })

  it('is served by createWebSocketGateway({ api: template })', async () => {
    const allow = async (event: {
      queryStringParameters?: Record<string, string>
      methodArn: string
    }) => ({
      principalId: 'u',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: event.queryStringParameters?.['token'] === 'good' ? 'Allow' : 'Deny',
            Resource: event.methodArn,
          },
        ],
      },
    })
    const gateway = createWebSocketGateway({
      api: template,
      lambdas: {
        ConnectFunction: async () => ({ statusCode: 200 }),
        SendFunction: async (event: { body: string }) => ({
          statusCode: 200,
          body: `got ${event.body}`,
        }),
        MyAuth: allow,
      },
      logger: silentLogger,
    })
    await expect(openTestClient(gateway, { query: 'token=no' })).rejects.toBeInstanceOf(
      ConnectionError,
    )
    const client = await openTestClient(gateway, { query: 'token=good' })
    await client.send({ action: 'send', text: 'hi' })
    expect(await client.receive()).toBe('got {"action":"send","text":"hi"}')
  })

  it.each([
    ['Routes: {}', /at least one route/],
    ['Routes: { $connect: {} }', /Route must have associated function/],
    ['Routes: { "my-route": { FunctionArn: x } }', /must be alphanumeric/],
    [
      'Routes: { send: { FunctionArn: x } }\n      Auth: { AuthType: CUSTOM, AuthArn: x }',
      /only available if there is a \$connect route/,
    ],
    [
      'Routes: { $connect: { FunctionArn: x } }\n      Auth: { AuthType: AWS_IAM, AuthArn: x }',
      /No additional configurations/,
    ],
    [
      'Routes: { $connect: { FunctionArn: x } }\n      StageName: $default',
      /cannot be named \$default/,
    ],
  ])('%s is a ConfigError (error_websocket_api_*)', (properties, message) => {
    const bad = `${SAM}Resources:
  MyApi:
    Type: AWS::Serverless::WebSocketApi
    Properties:
      RouteSelectionExpression: $request.body.action
      ${properties}
`
    expect(() => importTemplate(bad)).toThrow(message)
  })
})

describe('SAM HttpApi AWS_IAM (api_http_with_default_iam_authorizer)', () => {
  const template = (enable: string) => `${SAM}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: x
      Events:
        Get: { Type: HttpApi, Properties: { ApiId: !Ref Api, Path: /x, Method: get } }
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth: { ${enable} DefaultAuthorizer: AWS_IAM }
`
  it('EnableIamAuthorizer: true makes every route require a SigV4 signature', async () => {
    const gateway = createGateway({
      api: template('EnableIamAuthorizer: true,'),
      lambdas: { Fn: async () => ({ statusCode: 200, body: 'ok' }) },
      logger: silentLogger,
    })
    expect((await gateway.invoke({ method: 'GET', path: '/x' })).statusCode).toBe(403)
  })

  it('without it, DefaultAuthorizer AWS_IAM is a ConfigError, as in SAM', () => {
    expect(() => importTemplate(template(''))).toThrow(/was not defined in 'Authorizers'/)
  })
})
