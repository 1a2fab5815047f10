// The CORS preflight matrix for HTTP APIs: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type CorsConfiguration } from '../../../src/index.js'

function gateway(cors: CorsConfiguration, withDefault = false) {
  const lambda = {
    'x-amazon-apigateway-integration': {
      payloadFormatVersion: '2.0',
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
    },
  }
  return createGateway({
    api: {
      openapi: '3.0.1',
      info: { title: 'cors', version: '1' },
      paths: {
        '/pets': { get: lambda },
        ...(withDefault ? { '/$default': { 'x-amazon-apigateway-any-method': lambda } } : {}),
      },
      'x-amazon-apigateway-cors': cors,
      'x-amazon-apigateway-importexport-version': '1.0',
    },
    lambdas: { Fn: async () => ({ statusCode: 200, body: 'integration' }) },
    logger: silentLogger,
  })
}

const preflight = (origin?: string, method?: string) => ({
  method: 'OPTIONS',
  path: '/pets',
  headers: {
    ...(origin ? { Origin: origin } : {}),
    ...(method ? { 'Access-Control-Request-Method': method } : {}),
  },
})

describe('CORS preflight matrix', () => {
  const exact = {
    allowOrigins: ['https://a.example'],
    allowMethods: ['GET'],
    allowHeaders: ['x-h'],
  }
  it.each([
    [
      'allowed origin',
      exact,
      preflight('https://a.example', 'GET'),
      204,
      'https://a.example',
      'GET',
    ],
    [
      'origin in another case',
      exact,
      preflight('HTTPS://A.EXAMPLE', 'GET'),
      204,
      'HTTPS://A.EXAMPLE',
      'GET',
    ],
    ['disallowed origin', exact, preflight('https://b.example', 'GET'), 204, undefined, undefined],
    [
      'wildcard origins',
      { allowOrigins: ['*'], allowMethods: ['*'] },
      preflight('https://b.example', 'PUT'),
      204,
      '*',
      '*',
    ],
    [
      'wildcard with credentials echoes the origin',
      { allowOrigins: ['*'], allowCredentials: false, allowMethods: ['GET'] },
      preflight('https://c.example', 'GET'),
      204,
      '*',
      'GET',
    ],
  ])('%s', async (_, cors, request, status, allowOrigin, allowMethods) => {
    const res = await gateway(cors).invoke(request)
    expect(res.statusCode).toBe(status)
    expect(res.headers['Access-Control-Allow-Origin']).toBe(allowOrigin)
    expect(res.headers['Access-Control-Allow-Methods']).toBe(allowMethods)
  })

  it('an OPTIONS without Access-Control-Request-Method is not a preflight: it is routed', async () => {
    const res = await gateway(exact, true).invoke(preflight('https://a.example'))
    expect([res.statusCode, res.body]).toEqual([200, 'integration'])
    expect((await gateway(exact).invoke(preflight('https://a.example'))).statusCode).toBe(404)
  })

  it('a preflight is answered even when $default would catch OPTIONS', async () => {
    const res = await gateway(exact, true).invoke(preflight('https://a.example', 'GET'))
    expect([res.statusCode, res.body]).toEqual([204, ''])
  })
})
