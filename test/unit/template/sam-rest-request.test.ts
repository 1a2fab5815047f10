// SAM Api Models / RequestModel / RequestParameters, Auth.ResourcePolicy and CanarySetting
// through importTemplate and createGateway. Each case names the SAM translator test
// (aws/serverless-application-model tests/translator/{input,output}/NAME) whose output it follows.
import { describe, expect, it } from 'vitest'
import { ConfigError, createGateway, importTemplate, silentLogger } from '../../../src/index.js'
import type { ApiDefinition, AwsServiceRequest, LambdaHandler } from '../../../src/index.js'

const SAM = 'Transform: AWS::Serverless-2016-10-31\n'
const ok: LambdaHandler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({ stage: event.stageVariables, canary: event.requestContext.stage }),
})
const fn = (events: string) => `
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => ({ statusCode: 500 })"
      Events:${events}`
const event = (path: string, method: string, extra = '') =>
  `{ Type: Api, Properties: { RestApiId: !Ref Api, Path: ${path}, Method: ${method}${extra} } }`
const rest = (template: string): ApiDefinition =>
  importTemplate(template).apis[0]?.definition as ApiDefinition
const methodAt = (def: ApiDefinition, path: string, method: string) =>
  def.resources.find((r) => r.path === path)?.methods[method as 'GET']

describe('RequestModel and validators (api_request_model_with_validator)', () => {
  // Source: tests/translator/output/api_request_model_with_validator.json
  const cases: Array<[path: string, flags: string, validator: string | undefined]> = [
    ['/both', ', ValidateBody: true, ValidateParameters: true', 'body-and-params'],
    ['/none', ', ValidateBody: false, ValidateParameters: false', 'no-validation'],
    ['/mixin', ', ValidateBody: true, ValidateParameters: false', 'body-only'],
    ['/body-true', ', ValidateBody: true', 'body-only'],
    ['/params-true', ', ValidateParameters: true', 'params-only'],
    ['/params-false', ', ValidateParameters: false', 'no-validation'],
    ['/body-false', ', ValidateBody: false', 'no-validation'],
    ['/not-defined', '', undefined],
  ]
  const events = cases
    .map(
      ([path, flags], i) => `
        E${i}: ${event(path, 'post', `, RequestModel: { Model: User, Required: true${flags} }`)}`,
    )
    .join('')
  for (const version of ['2.0', '3.0']) {
    const template = `${SAM}Resources:
  Fn:${fn(events)}
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      ${version === '3.0' ? 'OpenApiVersion: 3.0.1' : ''}
      Models:
        User:
          type: object
          required: [username]
          properties: { username: { type: string } }
`
    const def = rest(template)
    it.each(cases)(`OpenAPI ${version}: %s gets validator %s`, (path, _flags, validator) => {
      const method = methodAt(def, path, 'POST')
      expect(method?.requestValidator).toBe(validator)
      expect(method?.requestModels).toEqual({ 'application/json': 'user' })
    })
    it(`OpenAPI ${version}: the model is named in lower case, validators as SAM names them`, () => {
      expect(Object.keys(def.models)).toContain('user')
      expect(def.requestValidators['body-only']).toMatchObject({
        validateRequestBody: true,
        validateRequestParameters: false,
      })
      expect(Object.keys(def.requestValidators).sort()).toEqual([
        'body-and-params',
        'body-only',
        'no-validation',
        'params-only',
      ])
    })
  }

  it('validates the body against the model where the validator says so', async () => {
    const template = `${SAM}Resources:
  Fn:${fn(`
        Strict: ${event('/strict', 'post', ', RequestModel: { Model: User, Required: true, ValidateBody: true }')}
        Loose: ${event('/loose', 'post', ', RequestModel: { Model: User, Required: true }')}`)}
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      Models:
        User: { type: object, required: [username], properties: { username: { type: string } } }
`
    const gateway = createGateway({ api: template, lambdas: { Fn: ok }, logger: silentLogger })
    const post = (path: string, body: unknown) =>
      gateway.invoke({
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const bad = await post('/strict', { name: 1 })
    expect(bad.statusCode).toBe(400)
    expect(JSON.parse(bad.body)).toEqual({ message: 'Invalid request body' })
    expect((await post('/strict', { username: 'a' })).statusCode).toBe(200)
    expect((await post('/loose', { name: 1 })).statusCode).toBe(200)
  })

  it.each([
    // error_api_invalid_request_model: a model the API does not define
    [`Models: { User: { type: object } }`, 'Other', 'RequestModel.Model'],
    // error_api_with_models_of_invalid_type / api_model_without_properties: a schema without type
    [`Models: { User: { properties: {} } }`, 'User', 'Models.User'],
  ])('is a ConfigError naming the place (%s, %s)', (models, model, place) => {
    const template = `${SAM}Resources:
  Fn:${fn(`
        E: ${event('/x', 'post', `, RequestModel: { Model: ${model} }`)}`)}
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: Prod, ${models} }
`
    expect(() => importTemplate(template)).toThrow(ConfigError)
    expect(() => importTemplate(template)).toThrow(place)
  })
})

describe('RequestParameters (api_with_request_parameters_openapi)', () => {
  const template = `${SAM}Resources:
  Fn:${fn(`
        E: ${event(
          '/items',
          'get',
          `, RequestParameters: [method.request.header.Authorization, { method.request.querystring.type: { Required: true, Caching: true } }]`,
        )}`)}
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: Prod }
`
  it('becomes method request parameters, Caching adds cache key parameters', () => {
    const method = methodAt(rest(template), '/items', 'GET')
    expect(method?.requestParameters).toEqual({
      'method.request.header.Authorization': false,
      'method.request.querystring.type': true,
    })
    expect(method?.integration?.cacheKeyParameters).toEqual(['method.request.querystring.type'])
  })
})

describe('Auth.ResourcePolicy', () => {
  const withPolicy = (apiPolicy: string, eventPolicy = '') => `${SAM}Resources:
  Fn:${fn(`
        Get: ${event('/get', 'put', eventPolicy ? `, Auth: { ResourcePolicy: ${eventPolicy} }` : '')}
        Any: ${event('"/any/{proxy+}"', 'any')}`)}
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      ${apiPolicy ? `Auth: { ResourcePolicy: ${apiPolicy} }` : ''}
`
  const resource = ['execute-api:/Prod/PUT/get']
  // Each row: policy on the API or on the event, the statements SAM writes (translator output).
  const cases: Array<[source: string, api: string, evt: string, statements: unknown]> = [
    [
      'api_with_aws_account_whitelist (event level)',
      '',
      `{ AwsAccountWhitelist: ['12345'], AwsAccountBlacklist: ['67890'] }`,
      [
        {
          Effect: 'Allow',
          Action: 'execute-api:Invoke',
          Resource: resource,
          Principal: { AWS: ['12345'] },
        },
        {
          Effect: 'Deny',
          Action: 'execute-api:Invoke',
          Resource: resource,
          Principal: { AWS: ['67890'] },
        },
      ],
    ],
    [
      'api_with_ip_range_whitelist (event level)',
      '',
      `{ IpRangeWhitelist: [1.2.3.4], IpRangeBlacklist: [1.2.3.4] }`,
      [
        { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resource, Principal: '*' },
        {
          Effect: 'Deny',
          Action: 'execute-api:Invoke',
          Resource: resource,
          Principal: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': ['1.2.3.4'] } },
        },
        {
          Effect: 'Deny',
          Action: 'execute-api:Invoke',
          Resource: resource,
          Principal: '*',
          Condition: { IpAddress: { 'aws:SourceIp': ['1.2.3.4'] } },
        },
      ],
    ],
    [
      'sam-property-api-resourcepolicystatement (SourceVpcWhitelist splits vpc- and vpce-)',
      '',
      `{ SourceVpcWhitelist: [vpc-1, vpce-2] }`,
      [
        { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resource, Principal: '*' },
        {
          Effect: 'Deny',
          Action: 'execute-api:Invoke',
          Resource: resource,
          Principal: '*',
          Condition: {
            StringNotEquals: { 'aws:SourceVpc': ['vpc-1'], 'aws:SourceVpce': ['vpce-2'] },
          },
        },
      ],
    ],
    [
      'api_with_resource_policy (CustomStatements as written)',
      `{ CustomStatements: { Action: execute-api:Invoke, Resource: [execute-api:/*/*/*] } }`,
      '',
      { Action: 'execute-api:Invoke', Resource: ['execute-api:/*/*/*'] },
    ],
  ]
  it.each(cases)('%s', (_source, api, evt, statements) => {
    expect(rest(withPolicy(api, evt)).policy).toEqual({
      Version: '2012-10-17',
      Statement: statements,
    })
  })

  it('API level: statements for every path, ANY as * and greedy segments as *', () => {
    const policy = rest(withPolicy(`{ IpRangeBlacklist: [10.0.0.0/8] }`)).policy as {
      Statement: Array<{ Resource: string[] }>
    }
    expect(policy.Statement.map((s) => s.Resource)).toEqual([
      ['execute-api:/Prod/PUT/get'],
      ['execute-api:/Prod/PUT/get'],
      ['execute-api:/Prod/*/any/*'],
      ['execute-api:/Prod/*/any/*'],
    ])
  })

  it('is enforced: a blacklisted source IP gets 403', async () => {
    const gateway = createGateway({
      api: withPolicy(`{ IpRangeBlacklist: [10.0.0.0/8] }`),
      lambdas: { Fn: ok },
      logger: silentLogger,
    })
    const denied = await gateway.invoke({ method: 'PUT', path: '/get', sourceIp: '10.1.2.3' })
    expect(denied.statusCode).toBe(403)
    const allowed = await gateway.invoke({ method: 'PUT', path: '/get', sourceIp: '192.0.2.1' })
    expect(allowed.statusCode).toBe(200)
  })

  it('a policy that is not a map is a ConfigError (error_resource_policy_not_dict)', () => {
    expect(() => importTemplate(withPolicy('[a, b]'))).toThrow(/ResourcePolicy/)
  })
})

describe('CanarySetting (api_with_canary_setting)', () => {
  const template = `${SAM}Resources:
  Fn:${fn(`
        Get: ${event('/', 'get')}`)}
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      Variables: { color: blue }
      CanarySetting:
        PercentTraffic: 100
        StageVariableOverrides: { color: green }
        UseStageCache: false
`
  it('becomes the stage canary: its variable overrides serve canary requests', async () => {
    const [api] = importTemplate(template).apis
    expect(api?.stages[0]?.canarySettings).toMatchObject({
      percentTraffic: 100,
      stageVariableOverrides: { color: 'green' },
      useStageCache: false,
    })
    const gateway = createGateway({ api: template, lambdas: { Fn: ok }, logger: silentLogger })
    const res = await gateway.invoke({ method: 'GET', path: '/' })
    expect(JSON.parse(res.body).stage).toEqual({ color: 'green' })
  })

  it('PercentTraffic 0 serves the stage variables', async () => {
    const gateway = createGateway({
      api: template.replace('PercentTraffic: 100', 'PercentTraffic: 0'),
      lambdas: { Fn: ok },
      logger: silentLogger,
    })
    const res = await gateway.invoke({ method: 'GET', path: '/' })
    expect(JSON.parse(res.body).stage).toEqual({ color: 'blue' })
  })
})

describe('AddDefaultAuthorizerToCorsPreflight (api_with_cors_and_auth_no_preflight_auth)', () => {
  const template = (flag: string) => `${SAM}Globals:
  Api:
    Cors: "'https://example.com'"
Resources:
  Fn:${fn(`
        Get: ${event('/', 'get')}`)}
  AuthFn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs20.x, Handler: index.handler, InlineCode: x }
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      Auth:
        ${flag}
        DefaultAuthorizer: RequestAuth
        Authorizers:
          RequestAuth:
            FunctionPayloadType: REQUEST
            FunctionArn: !GetAtt AuthFn.Arn
            Identity: { Headers: [Authorization1] }
`
  const preflight = (flag: string) =>
    createGateway({
      api: template(flag),
      lambdas: { Fn: ok, AuthFn: async () => ({ principalId: 'x' }) },
      logger: silentLogger,
    }).invoke({
      method: 'OPTIONS',
      path: '/',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'GET' },
    })
  it.each([
    // Without the flag SAM puts the default authorizer on the preflight too: no identity, 401.
    ['', 401],
    ['AddDefaultAuthorizerToCorsPreflight: false', 200],
  ])('%s → preflight %s', async (flag, status) => {
    const res = await preflight(flag)
    expect(res.statusCode).toBe(status)
    if (status === 200)
      expect(res.headers['Access-Control-Allow-Origin']).toBe('https://example.com')
  })
})

describe('StateMachine Api events (state_machine_with_api)', () => {
  const template = `${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: Prod }
  Post:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: One, States: { One: { Type: Pass, End: true } } }
      Events:
        PostEcho:
          Type: Api
          Properties: { RestApiId: !Ref Api, Path: /echo, Method: POST }
`
  const run = async (unescape: boolean) => {
    const calls: AwsServiceRequest[] = []
    const gateway = createGateway({
      api: unescape
        ? template.replace('Method: POST }', 'Method: POST, UnescapeMappingTemplate: true }')
        : template,
      services: {
        states: (request) => (
          calls.push(request),
          { body: '{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:Post:1"}' }
        ),
      },
      logger: silentLogger,
    })
    const res = await gateway.invoke({
      method: 'POST',
      path: '/echo',
      headers: { 'content-type': 'application/json' },
      body: `{"it's":1}`,
    })
    return { res, call: calls[0] as AwsServiceRequest }
  }

  it('starts an execution through options.services.states with the body as input', async () => {
    const { res, call } = await run(true)
    expect(res.statusCode).toBe(200)
    expect(JSON.parse(res.body)).toEqual({
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Post:1',
    })
    expect(call).toMatchObject({ service: 'states', action: 'StartExecution' })
    expect(JSON.parse(call.body)).toEqual({
      input: `{"it's":1}`,
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Post',
    })
  })

  it("without UnescapeMappingTemplate a ' stays escaped as \\' (why SAM added the flag)", async () => {
    const { call } = await run(false)
    expect(call.body).toContain(`"input": "{\\"it\\'s\\":1}"`)
  })

  it('the implicit API gets state machine events too', () => {
    const implicit = template.replace('RestApiId: !Ref Api, ', '')
    expect(importTemplate(implicit).apis.map((a) => a.logicalId)).toContain('ServerlessRestApi')
  })
})
