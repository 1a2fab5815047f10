// aws_apigatewayv2_* instances → HTTP and WebSocket APIs (issue 17 item 4): routes with
// `target = "integrations/${…id}"`, a JWT authorizer, stage settings, quick create, CORS, and a
// WebSocket API served by createWebSocketGateway.
import { describe, expect, it } from 'vitest'
import {
  createGateway,
  createWebSocketGateway,
  openTestClient,
  silentLogger,
  type LambdaHandler,
} from '../../../src/index.js'
import { importInstances } from '../../../src/terraform/import-instances.js'
import { inst, str, tok } from './build.js'

const handler: LambdaHandler = (event: {
  routeKey?: string
  requestContext: { routeKey?: string; stage: string }
}) =>
  Promise.resolve({
    statusCode: 200,
    body: JSON.stringify({
      route: event.requestContext.routeKey,
      stage: event.requestContext.stage,
    }),
  })
const lambdas = { hello: handler }
const FN = inst('aws_lambda_function.hello', {
  function_name: 'hello',
  handler: 'index.handler',
  runtime: 'nodejs20.x',
  image_uri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/hello:latest',
})

describe('HTTP API from aws_apigatewayv2_* resources', () => {
  const HTTP = 'aws_apigatewayv2_api.http'
  const api = { api_id: tok(HTTP, 'id') }
  const imported = importInstances(
    [
      FN,
      inst(HTTP, {
        name: 'http',
        protocol_type: 'HTTP',
        cors_configuration: [
          { allow_origins: ['https://example.com'], allow_methods: ['GET'], max_age: 60 },
        ],
      }),
      inst('aws_apigatewayv2_integration.fn', {
        ...api,
        integration_type: 'AWS_PROXY',
        integration_uri: tok('aws_lambda_function.hello', 'invoke_arn'),
        payload_format_version: '2.0',
      }),
      inst('aws_apigatewayv2_authorizer.jwt', {
        ...api,
        name: 'cognito',
        authorizer_type: 'JWT',
        identity_sources: ['$request.header.Authorization'],
        jwt_configuration: [{ issuer: 'https://issuer.example.com', audience: ['aud'] }],
      }),
      inst('aws_apigatewayv2_route.hello', {
        ...api,
        route_key: 'GET /hello',
        target: str('integrations/', tok('aws_apigatewayv2_integration.fn', 'id')),
      }),
      inst('aws_apigatewayv2_route.me', {
        ...api,
        route_key: 'GET /me',
        target: str('integrations/', tok('aws_apigatewayv2_integration.fn', 'id')),
        authorization_type: 'JWT',
        authorizer_id: tok('aws_apigatewayv2_authorizer.jwt', 'id'),
      }),
      inst('aws_apigatewayv2_stage.default', {
        ...api,
        name: '$default',
        auto_deploy: true,
        default_route_settings: [{ throttling_burst_limit: 2, throttling_rate_limit: 1 }],
      }),
    ],
    { rootDir: '/infra', diagnostics: [] },
  )

  it('lists the API and says the container-image function needs a mapping', () => {
    expect(imported.apis.map((a) => [a.address, a.kind, a.stageName])).toEqual([
      ['aws_apigatewayv2_api.http', 'HTTP', '$default'],
    ])
    expect(imported.apis[0]?.stages[0]?.defaultRouteSettings).toEqual({
      throttlingBurstLimit: 2,
      throttlingRateLimit: 1,
    })
    expect(imported.diagnostics).toMatchObject([
      {
        code: 'function-code-not-local',
        severity: 'warning',
        address: 'aws_lambda_function.hello',
        attribute: 'image_uri',
        routes: ['GET /hello', 'GET /me'],
        hint: 'map this function to its code with functionCode / --function-code hello=dir',
      },
    ])
  })

  it('serves the routes, the JWT authorizer guarding one', async () => {
    const gateway = createGateway({ api: imported.apis[0] as never, lambdas, logger: silentLogger })
    const hello = await gateway.invoke({ method: 'GET', path: '/hello' })
    expect([hello.statusCode, JSON.parse(hello.body)]).toEqual([
      200,
      { route: 'GET /hello', stage: '$default' },
    ])
    expect((await gateway.invoke({ method: 'GET', path: '/me' })).statusCode).toBe(401)
    const preflight = await gateway.invoke({
      method: 'OPTIONS',
      path: '/hello',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'GET' },
    })
    expect([preflight.statusCode, preflight.headers['Access-Control-Allow-Origin']]).toEqual([
      204,
      'https://example.com',
    ])
  })

  it('quick create: target and route_key', async () => {
    const quick = importInstances(
      [
        FN,
        inst('aws_apigatewayv2_api.quick', {
          name: 'quick',
          protocol_type: 'HTTP',
          target: tok('aws_lambda_function.hello', 'arn'),
        }),
      ],
      { rootDir: '/infra', diagnostics: [] },
    )
    const gateway = createGateway({ api: quick.apis[0] as never, lambdas, logger: silentLogger })
    const res = await gateway.invoke({ method: 'GET', path: '/anything' })
    expect([res.statusCode, JSON.parse(res.body)]).toEqual([
      200,
      { route: '$default', stage: '$default' },
    ])
  })
})

describe('a JWT issuer from a Cognito user pool of the same configuration', () => {
  it('gets a stand-in id, and a warning naming the routes it guards', () => {
    const HTTP = 'aws_apigatewayv2_api.http'
    const api = { api_id: tok(HTTP, 'id') }
    const imported = importInstances(
      [
        inst(HTTP, { name: 'http', protocol_type: 'HTTP' }),
        inst('aws_apigatewayv2_integration.mock', {
          ...api,
          integration_type: 'HTTP_PROXY',
          integration_method: 'GET',
          integration_uri: 'https://example.com',
        }),
        inst('aws_apigatewayv2_authorizer.jwt', {
          ...api,
          name: 'cognito',
          authorizer_type: 'JWT',
          identity_sources: ['$request.header.Authorization'],
          jwt_configuration: [
            {
              issuer: str('https://', tok('aws_cognito_user_pool.pool', 'endpoint')),
              audience: [tok('aws_cognito_user_pool_client.client', 'id')],
            },
          ],
        }),
        inst('aws_apigatewayv2_route.me', {
          ...api,
          route_key: 'GET /me',
          target: str('integrations/', tok('aws_apigatewayv2_integration.mock', 'id')),
          authorization_type: 'JWT',
          authorizer_id: tok('aws_apigatewayv2_authorizer.jwt', 'id'),
        }),
      ],
      { rootDir: '/infra', diagnostics: [] },
    )
    expect(imported.diagnostics.map((d) => [d.code, d.severity, d.chain, d.routes])).toEqual([
      ['computed-stand-in', 'warning', ['aws_cognito_user_pool.pool.endpoint'], ['GET /me']],
      ['computed-stand-in', 'warning', ['aws_cognito_user_pool_client.client.id'], ['GET /me']],
    ])
    expect(JSON.stringify(imported.apis[0]?.definition)).toMatch(
      /"issuer":"https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_\w+"/,
    )
  })
})

describe('WebSocket API from aws_apigatewayv2_* resources', () => {
  const WS = 'aws_apigatewayv2_api.ws'
  const api = { api_id: tok(WS, 'id') }
  const target = str('integrations/', tok('aws_apigatewayv2_integration.ws', 'id'))
  const imported = importInstances(
    [
      FN,
      inst(WS, {
        name: 'chat',
        protocol_type: 'WEBSOCKET',
        route_selection_expression: '$request.body.action',
      }),
      inst('aws_apigatewayv2_integration.ws', {
        ...api,
        integration_type: 'AWS_PROXY',
        integration_uri: tok('aws_lambda_function.hello', 'invoke_arn'),
      }),
      inst('aws_apigatewayv2_route.connect', { ...api, route_key: '$connect', target }),
      inst('aws_apigatewayv2_route.echo', { ...api, route_key: 'echo', target }),
      inst('aws_apigatewayv2_route_response.echo', {
        ...api,
        route_id: tok('aws_apigatewayv2_route.echo', 'id'),
        route_response_key: '$default',
      }),
      inst('aws_apigatewayv2_stage.prod', { ...api, name: 'prod' }),
    ],
    { rootDir: '/infra', diagnostics: [] },
  )

  it('is served by createWebSocketGateway, two-way on the route with a route response', async () => {
    expect(imported.apis.map((a) => [a.address, a.kind, a.stageName])).toEqual([
      [WS, 'WEBSOCKET', 'prod'],
    ])
    const gateway = createWebSocketGateway({
      api: imported.apis[0] as never,
      lambdas,
      logger: silentLogger,
    })
    const client = await openTestClient(gateway)
    await client.send({ action: 'echo' })
    expect(JSON.parse(await client.receive())).toEqual({ route: 'echo', stage: 'prod' })
  })
})
