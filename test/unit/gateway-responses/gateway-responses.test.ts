import { describe, expect, it } from 'vitest'
import {
  GATEWAY_RESPONSE_TYPES,
  GatewayResponseError,
  createGateway,
  silentLogger,
  type GatewayResponseType,
} from '../../../src/index.js'
import { openApi, proxyMethod } from '../../fixtures/mini-api.js'

// Defaults from https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
// (see ../shared/spec/gateway-responses.md §2).
const EXPECTED: Record<
  Exclude<GatewayResponseType, 'DEFAULT_4XX' | 'DEFAULT_5XX'>,
  [number, string, string]
> = {
  ACCESS_DENIED: [
    403,
    'AccessDeniedException',
    '{"Message":"User is not authorized to access this resource"}',
  ],
  API_CONFIGURATION_ERROR: [
    500,
    'InternalServerErrorException',
    '{"message":"Internal server error"}',
  ],
  AUTHORIZER_CONFIGURATION_ERROR: [500, 'AuthorizerConfigurationException', '{"message":null}'],
  AUTHORIZER_FAILURE: [500, 'AuthorizerFailureException', '{"message":null}'],
  BAD_REQUEST_PARAMETERS: [
    400,
    'BadRequestException',
    '{"message":"Missing required request parameters"}',
  ],
  BAD_REQUEST_BODY: [400, 'BadRequestException', '{"message":"Invalid request body"}'],
  EXPIRED_TOKEN: [
    403,
    'ExpiredTokenException',
    '{"message":"The security token included in the request is expired"}',
  ],
  INTEGRATION_FAILURE: [
    504,
    'InternalServerErrorException',
    '{"message":"Network error communicating with endpoint"}',
  ],
  INTEGRATION_TIMEOUT: [
    504,
    'InternalServerErrorException',
    '{"message":"Endpoint request timed out"}',
  ],
  INVALID_API_KEY: [403, 'ForbiddenException', '{"message":"Forbidden"}'],
  INVALID_SIGNATURE: [
    403,
    'InvalidSignatureException',
    '{"message":"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}',
  ],
  MISSING_AUTHENTICATION_TOKEN: [
    403,
    'MissingAuthenticationTokenException',
    '{"message":"Missing Authentication Token"}',
  ],
  QUOTA_EXCEEDED: [429, 'LimitExceededException', '{"message":"Limit Exceeded"}'],
  REQUEST_TOO_LARGE: [413, 'RequestTooLargeException', '{"message":"Request Too Long"}'],
  RESOURCE_NOT_FOUND: [404, 'NotFoundException', '{"message":"Resource not found"}'],
  THROTTLED: [429, 'TooManyRequestsException', '{"message":"Too Many Requests"}'],
  UNAUTHORIZED: [401, 'UnauthorizedException', '{"message":"Unauthorized"}'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'BadRequestException', '{"message":"Unsupported Media Type"}'],
  WAF_FILTERED: [403, 'ForbiddenException', '{"message":"Forbidden"}'],
}

/** A gateway whose Lambda throws GatewayResponseError for the type named in the path. */
function throwingGateway(extra: Record<string, unknown> = {}) {
  return createGateway({
    api: openApi({ '/fail/{type}': { get: proxyMethod('Fail') } }, extra),
    lambdas: {
      Fail: async (event) => {
        throw new GatewayResponseError(event.pathParameters.type as GatewayResponseType)
      },
    },
    logger: silentLogger,
  })
}

describe('gateway responses', () => {
  it('lists the 21 types of the management API', () => {
    expect(GATEWAY_RESPONSE_TYPES).toHaveLength(21)
  })

  it.each(Object.entries(EXPECTED))(
    '%s has AWS default status, error type and body',
    async (type, [status, errorType, body]) => {
      const gateway = throwingGateway()
      const res = await invokeFailing(gateway, type as GatewayResponseType)
      expect(res.statusCode).toBe(status)
      expect(res.headers['x-amzn-ErrorType']).toBe(errorType)
      expect(res.headers['Content-Type']).toBe('application/json')
      expect(res.body).toBe(body)
      expect(res.headers['x-amzn-RequestId']).toBeTruthy()
      expect(res.headers['x-amz-apigw-id']).toBeTruthy()
    },
  )

  it('a customised DEFAULT_4XX is inherited by the 403 for an unknown route', async () => {
    const gateway = throwingGateway({
      'x-amazon-apigateway-gateway-responses': {
        DEFAULT_4XX: {
          responseParameters: {
            'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
            'gatewayresponse.header.X-Stage': 'context.stage',
          },
          responseTemplates: {
            'application/json':
              '{"error":"$context.error.message","type":"$context.error.responseType","id":"$context.requestId"}',
          },
        },
      },
    })
    const res = await gateway.invoke({ method: 'GET', path: '/nowhere' })
    expect(res.statusCode).toBe(403)
    expect(res.headers['Access-Control-Allow-Origin']).toBe('*')
    expect(res.headers['X-Stage']).toBe('dev')
    expect(res.headers['x-amzn-ErrorType']).toBe('MissingAuthenticationTokenException')
    expect(JSON.parse(res.body)).toEqual({
      error: 'Missing Authentication Token',
      type: 'MISSING_AUTHENTICATION_TOKEN',
      id: res.headers['x-amzn-RequestId'],
    })
  })

  it('DEFAULT_5XX status applies to uncustomised 5XX types; a type customised on its own keeps its status', async () => {
    const gateway = throwingGateway({
      'x-amazon-apigateway-gateway-responses': {
        DEFAULT_5XX: {
          statusCode: 599,
          responseTemplates: { 'application/json': '{"five":$context.error.messageString}' },
        },
        INTEGRATION_TIMEOUT: { responseParameters: { 'gatewayresponse.header.x-custom': "'yes'" } },
      },
    })
    const config = await invokeFailing(gateway, 'API_CONFIGURATION_ERROR')
    expect([config.statusCode, config.body]).toEqual([599, '{"five":"Internal server error"}'])
    const timeout = await invokeFailing(gateway, 'INTEGRATION_TIMEOUT')
    expect([timeout.statusCode, timeout.body, timeout.headers['x-custom']]).toEqual([
      504,
      '{"message":"Endpoint request timed out"}',
      'yes',
    ])
  })

  it('picks the template by Accept and sets its Content-Type', async () => {
    const gateway = throwingGateway({
      'x-amazon-apigateway-gateway-responses': {
        MISSING_AUTHENTICATION_TOKEN: {
          statusCode: '404',
          responseTemplates: {
            'application/json': '{"m":$context.error.messageString}',
            'application/xml': '<m>$context.error.message</m>',
          },
        },
      },
    })
    const xml = await gateway.invoke({
      method: 'GET',
      path: '/x',
      headers: { Accept: 'application/xml, text/plain' },
    })
    expect([xml.statusCode, xml.headers['Content-Type'], xml.body]).toEqual([
      404,
      'application/xml',
      '<m>Missing Authentication Token</m>',
    ])
    const other = await gateway.invoke({
      method: 'GET',
      path: '/x',
      headers: { Accept: 'text/html' },
    })
    expect([other.headers['Content-Type'], other.body]).toEqual([
      'application/json',
      '{"m":"Missing Authentication Token"}',
    ])
  })

  it('REQUEST_TOO_LARGE cannot be customised (AWS known issue)', async () => {
    const gateway = throwingGateway({
      'x-amazon-apigateway-gateway-responses': {
        DEFAULT_4XX: { statusCode: '499' },
        REQUEST_TOO_LARGE: { statusCode: '400' },
      },
    })
    const res = await invokeFailing(gateway, 'REQUEST_TOO_LARGE')
    expect([res.statusCode, res.body]).toEqual([413, '{"message":"Request Too Long"}'])
  })
})

function invokeFailing(gateway: ReturnType<typeof createGateway>, type: GatewayResponseType) {
  return gateway.invoke({ method: 'GET', path: `/fail/${type}` })
}
