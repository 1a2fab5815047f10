// Plain CloudFormation and what CDK synthesizes: AWS::ApiGateway::RestApi as a resource tree
// (CDK RestApi/LambdaRestApi shape), AWS::ApiGatewayV2::Api quick create and routes, WebSocket
// APIs listed, stages and usage plans.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html
import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  createGateway,
  createWebSocketGateway,
  importTemplate,
  silentLogger,
} from '../../../src/index.js'
import type { LambdaHandler } from '../../../src/index.js'

const proxyUri = (fn: string) =>
  `{ "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":apigateway:", { Ref: "AWS::Region" }, ":lambda:path/2015-03-31/functions/", { "Fn::GetAtt": [${fn}, Arn] }, "/invocations"]] }`
const handler: LambdaHandler = async (event) => ({
  statusCode: 200,
  body: `${event.httpMethod ?? event.requestContext?.http?.method} ${event.resource ?? event.rawPath}`,
})

const CDK_REST = `
Resources:
  ItemsApi1A2B3C4D: { Type: AWS::ApiGateway::RestApi, Properties: { Name: items } }
  ItemsApiDeploymentAB12: { Type: AWS::ApiGateway::Deployment, Properties: { RestApiId: { Ref: ItemsApi1A2B3C4D } } }
  ItemsApiDeploymentStageprod9F8E: { Type: AWS::ApiGateway::Stage, Properties: { RestApiId: { Ref: ItemsApi1A2B3C4D }, DeploymentId: { Ref: ItemsApiDeploymentAB12 }, StageName: prod, Variables: { v: "1" }, MethodSettings: [{ ResourcePath: "/*", HttpMethod: "*", ThrottlingRateLimit: 5, ThrottlingBurstLimit: 1 }] } }
  ItemsApiitemsC0FFEE: { Type: AWS::ApiGateway::Resource, Properties: { ParentId: { "Fn::GetAtt": [ItemsApi1A2B3C4D, RootResourceId] }, PathPart: items, RestApiId: { Ref: ItemsApi1A2B3C4D } } }
  ItemsApiitemsidBEEF: { Type: AWS::ApiGateway::Resource, Properties: { ParentId: { Ref: ItemsApiitemsC0FFEE }, PathPart: "{id}", RestApiId: { Ref: ItemsApi1A2B3C4D } } }
  ItemsApiitemsidGET1234:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: GET
      ResourceId: { Ref: ItemsApiitemsidBEEF }
      RestApiId: { Ref: ItemsApi1A2B3C4D }
      AuthorizationType: NONE
      ApiKeyRequired: true
      Integration: { Type: AWS_PROXY, IntegrationHttpMethod: POST, Uri: ${proxyUri('ItemsHandler5678')} }
  ItemsApiGETroot: 
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: GET
      ResourceId: { "Fn::GetAtt": [ItemsApi1A2B3C4D, RootResourceId] }
      RestApiId: { Ref: ItemsApi1A2B3C4D }
      AuthorizationType: NONE
      Integration:
        Type: MOCK
        RequestTemplates: { application/json: '{"statusCode": 200}' }
        IntegrationResponses: [{ StatusCode: "200", ResponseTemplates: { application/json: '{"ok":true}' } }]
      MethodResponses: [{ StatusCode: "200" }]
  ItemsHandler5678:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs20.x, Handler: index.handler, Code: { S3Bucket: cdk-assets, S3Key: abc.zip } }
    Metadata: { aws:asset:path: asset.abc }
  Plan: { Type: AWS::ApiGateway::UsagePlan, Properties: { ApiStages: [{ ApiId: { Ref: ItemsApi1A2B3C4D }, Stage: prod }] } }
  Key: { Type: AWS::ApiGateway::ApiKey, Properties: { Value: abcdefghijklmnopqrstuvwxyz, Enabled: true } }
  DisabledKey: { Type: AWS::ApiGateway::ApiKey, Properties: { Value: zyxwvutsrqponmlkjihgfedcba } }
  PlanKey: { Type: AWS::ApiGateway::UsagePlanKey, Properties: { KeyId: { Ref: Key }, KeyType: API_KEY, UsagePlanId: { Ref: Plan } } }
  PlanKey2: { Type: AWS::ApiGateway::UsagePlanKey, Properties: { KeyId: { Ref: DisabledKey }, KeyType: API_KEY, UsagePlanId: { Ref: Plan } } }
`

describe('CDK RestApi (Resource and Method resources)', () => {
  const gateway = createGateway({
    api: CDK_REST,
    lambdas: { ItemsHandler5678: handler },
    logger: silentLogger,
  })

  it('builds the resource tree, the stage and its settings', () => {
    expect(gateway.routes()).toEqual([
      { method: 'GET', path: '/', integration: 'MOCK' },
      { method: 'GET', path: '/items/{id}', integration: 'AWS_PROXY' },
    ])
    expect([gateway.stage.name, gateway.stage.variables]).toEqual(['prod', { v: '1' }])
  })

  it.each([
    ['/', {}, 200, '{"ok":true}'],
    ['/items/9', {}, 403, '{"message":"Forbidden"}'],
    ['/items/9', { 'x-api-key': 'zyxwvutsrqponmlkjihgfedcba' }, 403, '{"message":"Forbidden"}'],
    ['/items/9', { 'x-api-key': 'abcdefghijklmnopqrstuvwxyz' }, 200, 'GET /items/{id}'],
  ])('GET %s %j → %i', async (path, headers, status, body) => {
    const res = await gateway.invoke({ method: 'GET', path, headers })
    expect([res.statusCode, res.body]).toEqual([status, body])
  })

  it('reads a CDK asset directory as the code location', () => {
    expect(importTemplate(CDK_REST, { baseDir: '/cdk.out' }).functions[0]?.codeUri).toBe(
      '/cdk.out/asset.abc',
    )
  })
})

describe('AWS::ApiGatewayV2::Api', () => {
  it('quick create: Target and RouteKey make a $default-stage HTTP API', async () => {
    const gateway = createGateway({
      api: {
        Resources: {
          Api: {
            Type: 'AWS::ApiGatewayV2::Api',
            Properties: {
              Name: 'quick',
              ProtocolType: 'HTTP',
              Target: { 'Fn::GetAtt': ['Fn', 'Arn'] },
            },
          },
          Fn: {
            Type: 'AWS::Lambda::Function',
            Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' } },
          },
        },
      },
      lambdas: { Fn: handler },
      logger: silentLogger,
    })
    expect(gateway.stage.name).toBe('$default')
    expect((await gateway.invoke({ method: 'PUT', path: '/any/path' })).body).toBe('PUT /any/path')
  })

  it('routes and integrations (CDK HttpApi)', async () => {
    const template = `Resources:
  Http: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: http, ProtocolType: HTTP, CorsConfiguration: { AllowOrigins: ["*"] } } }
  Stage: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: !Ref Http, StageName: $default, AutoDeploy: true } }
  Integ: { Type: AWS::ApiGatewayV2::Integration, Properties: { ApiId: !Ref Http, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn, PayloadFormatVersion: "2.0" } }
  Route: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Http, RouteKey: "GET /pets/{id}", Target: !Join [/, [integrations, !Ref Integ]] } }
  Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs20.x, Handler: index.handler, Code: { ZipFile: x } } }
`
    const gateway = createGateway({ api: template, lambdas: { Fn: handler }, logger: silentLogger })
    expect(gateway.routes()).toEqual([
      { method: 'GET', path: '/pets/{id}', integration: 'AWS_PROXY' },
    ])
    expect((await gateway.invoke({ method: 'GET', path: '/pets/1' })).body).toBe('GET /pets/1')
  })

  it('WebSocket APIs are listed for createWebSocketGateway, and createGateway says so', async () => {
    const template = `Resources:
  Ws: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action } }
  Integ: { Type: AWS::ApiGatewayV2::Integration, Properties: { ApiId: !Ref Ws, IntegrationType: AWS_PROXY, IntegrationUri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations" } }
  Connect: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: $connect, Target: !Sub "integrations/\${Integ}" } }
  Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs20.x, Handler: index.handler, Code: { ZipFile: x } } }
`
    const { apis } = importTemplate(template)
    expect(apis[0]).toMatchObject({
      kind: 'WEBSOCKET',
      definition: {
        name: 'chat',
        routeSelectionExpression: '$request.body.action',
        routes: { $connect: { lambda: 'arn:aws:lambda:us-east-1:123456789012:function:Fn' } },
      },
    })
    expect(() => createGateway({ api: template, logger: silentLogger })).toThrow(ConfigError)
    const ws = createWebSocketGateway({
      api: apis[0]!.definition as never,
      lambdas: { Fn: async () => ({ statusCode: 200 }) },
    })
    expect(ws).toBeDefined()
  })
})

describe('what Portico cannot read', () => {
  it('an S3 body leaves the API out, and asking for it says why', () => {
    const template = {
      Resources: {
        Api: {
          Type: 'AWS::ApiGateway::RestApi',
          Properties: { BodyS3Location: { Bucket: 'b', Key: 'k' } },
        },
      },
    }
    expect(importTemplate(template).warnings).toEqual([
      'API Api is left out: Resources.Api.Properties.BodyS3Location is in Amazon S3: put the OpenAPI document in Body',
    ])
    expect(() => createGateway({ api: template, logicalId: 'Api', logger: silentLogger })).toThrow(
      'logicalId: Resources.Api.Properties.BodyS3Location is in Amazon S3',
    )
  })

  it('an invalid body is a ConfigError at its place in the template', () => {
    const template = {
      Resources: {
        Api: {
          Type: 'AWS::ApiGateway::RestApi',
          Properties: {
            Body: {
              swagger: '2.0',
              paths: { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'nope' } } } },
            },
          },
        },
      },
    }
    expect(() => importTemplate(template)).toThrow(
      /^Resources\.Api\.Properties\.Body\.paths\.\/a\.get\.x-amazon-apigateway-integration/,
    )
  })
})
