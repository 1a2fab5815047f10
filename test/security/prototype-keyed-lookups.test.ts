// Names that are Object.prototype members (toString, constructor, __proto__, hasOwnProperty,
// valueOf) looked up in maps keyed by definition text or client input find nothing there: a
// Lambda, a stage variable, a $context path, an authorizer or a client header so named behaves
// like any other unknown or ordinary name, never like Object.prototype's member.
import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  createGateway,
  silentLogger,
  type AwsServiceRequest,
} from '../../src/index.js'
import { lambdaUri, mockMethod, openApi, proxyMethod } from '../fixtures/mini-api.js'

const NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']

/** A handlers object with one own handler, built so that `__proto__` is an own key too. */
function handlersNamed(name: string, handler: (event: unknown) => unknown) {
  const handlers: Record<string, (event: unknown) => unknown> = {}
  Object.defineProperty(handlers, name, { value: handler, enumerable: true })
  return handlers
}

const httpRoute = (fn: string, version = '2.0') => ({
  'x-amazon-apigateway-integration': {
    payloadFormatVersion: version,
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: `arn:aws:lambda:us-east-1:123456789012:function:${fn}`,
    connectionType: 'INTERNET',
  },
})
const httpApi = (paths: Record<string, unknown>) => ({
  openapi: '3.0.1',
  info: { title: 'proto-http', version: '1' },
  paths,
  'x-amazon-apigateway-importexport-version': '1.0',
})

describe('prototype-keyed lookups', () => {
  describe.each(NAMES)('%s', (name) => {
    it('REST: a Lambda so named without a handler is a 500, with one it is called', async () => {
      const missing = createGateway({
        api: openApi({ '/f': { get: proxyMethod(name) } }),
        logger: silentLogger,
      })
      const response = await missing.invoke({ method: 'GET', path: '/f' })
      expect(response.statusCode).toBe(500)
      expect(JSON.parse(response.body)).toEqual({ message: 'Internal server error' })

      const present = createGateway({
        api: openApi({ '/f': { get: proxyMethod(name) } }),
        lambdas: handlersNamed(name, () => ({ statusCode: 200, body: `called ${name}` })),
        logger: silentLogger,
      })
      const called = await present.invoke({ method: 'GET', path: '/f' })
      expect([called.statusCode, called.body]).toEqual([200, `called ${name}`])
    })

    it('HTTP API: a Lambda so named without a handler is a 500', async () => {
      const gateway = createGateway({
        api: httpApi({ '/f': { get: httpRoute(name) }, '/g': { get: httpRoute(name, '1.0') } }),
        logger: silentLogger,
      })
      for (const path of ['/f', '/g']) {
        const response = await gateway.invoke({ method: 'GET', path })
        expect(response.statusCode).toBe(500)
        expect(JSON.parse(response.body)).toEqual({ message: 'Internal Server Error' })
      }
    })

    it('a gateway-response template prints nothing for $stageVariables and $context members so named', async () => {
      const gateway = createGateway({
        api: openApi(
          { '/ok': { get: mockMethod() } },
          {
            'x-amazon-apigateway-gateway-responses': {
              MISSING_AUTHENTICATION_TOKEN: {
                statusCode: 404,
                responseTemplates: {
                  'application/json': `{"sv":"$stageVariables.${name}","ctx":"$context.${name}","id":"$context.identity.${name}","err":"$context.error.${name}"}`,
                },
              },
            },
          },
        ),
        stage: { name: 'prod', variables: { other: 'x' } },
        logger: silentLogger,
      })
      const response = await gateway.invoke({ method: 'GET', path: '/nowhere' })
      expect(response.statusCode).toBe(404)
      expect(JSON.parse(response.body)).toEqual({ sv: '', ctx: '', id: '', err: '' })
    })

    it('a stage variable so named substitutes into an integration URI as empty when unset', async () => {
      let seen = ''
      const gateway = createGateway({
        api: openApi({ '/f': { get: proxyMethod(`fn\${stageVariables.${name}}`) } }),
        lambdas: {
          fn: () => {
            seen = 'fn'
            return { statusCode: 200, body: 'fn' }
          },
        },
        logger: silentLogger,
      })
      const response = await gateway.invoke({ method: 'GET', path: '/f' })
      expect([response.statusCode, seen]).toEqual([200, 'fn'])
    })

    it('a security requirement naming no defined authorizer is a ConfigError', () => {
      const api = openApi({
        '/f': { get: { ...proxyMethod('fn'), security: [{ [name]: [] }] } },
      })
      // `{ [name]: [] }` with `__proto__` as a computed key is an own property.
      expect(() => createGateway({ api, logger: silentLogger })).toThrow(ConfigError)
    })

    it('HTTP API: a client header so named reaches the event as sent', async () => {
      const events: Array<Record<string, unknown>> = []
      const gateway = createGateway({
        api: httpApi({ '/f': { get: httpRoute('Fn') } }),
        lambdas: {
          Fn: (event: unknown) => {
            events.push(event as Record<string, unknown>)
            return { statusCode: 200, body: 'ok' }
          },
        },
        logger: silentLogger,
      })
      const response = await gateway.invoke({
        method: 'GET',
        path: '/f',
        rawHeaders: [name, 'sent-value', 'x-other', '1'],
      } as never)
      expect(response.statusCode).toBe(200)
      const headers = events[0]?.['headers'] as Record<string, unknown>
      expect(Object.hasOwn(headers, name.toLowerCase())).toBe(true)
      expect(Object.getOwnPropertyDescriptor(headers, name.toLowerCase())?.value).toBe('sent-value')
    })
  })

  it.each(NAMES)(
    'AWS service integration: a form parameter named %s is an own entry',
    async (name) => {
      const received: AwsServiceRequest[] = []
      const gateway = createGateway({
        api: openApi({
          '/q': {
            post: {
              responses: { '200': { description: 'ok' } },
              'x-amazon-apigateway-integration': {
                type: 'aws',
                httpMethod: 'POST',
                uri: 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/q',
                requestParameters: {
                  'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'",
                },
                requestTemplates: { 'application/json': `${name}=polluted&Action=SendMessage` },
                responses: { default: { statusCode: '200' } },
              },
            },
          },
        }),
        services: {
          sqs: (request) => {
            received.push(request)
            return { body: '{}' }
          },
        },
        logger: silentLogger,
      })
      expect((await gateway.invoke({ method: 'POST', path: '/q', body: '{}' })).statusCode).toBe(
        200,
      )
      const params = received[0]?.params as Record<string, string>
      expect(Object.getOwnPropertyDescriptor(params, name)?.value).toBe('polluted')
      expect(Object.getPrototypeOf(params)).toBe(Object.prototype)
    },
  )

  it('a Lambda ARN and name:qualifier are still found', async () => {
    const gateway = createGateway({
      api: openApi({ '/f': { get: proxyMethod('fn:live') } }),
      lambdas: { 'fn:live': () => ({ statusCode: 200, body: 'live' }) },
      logger: silentLogger,
    })
    expect((await gateway.invoke({ method: 'GET', path: '/f' })).body).toBe('live')
    void lambdaUri
  })
})
