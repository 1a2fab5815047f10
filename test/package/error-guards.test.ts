// Branded error guards recognise errors made by another copy of the package (a handler or
// authorizer bundled with its own `portico`), where `instanceof` cannot. The second copy is the
// built dist/ loaded under a query string, so it is a module instance of its own.
import { existsSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import * as portico from '../../src/index.js'
import { mockMethod, openApi, proxyMethod, tokenAuthorizerScheme } from '../fixtures/mini-api.js'

type Copy = typeof portico
let other: Copy

beforeAll(async () => {
  const url = new URL('../../dist/index.js', import.meta.url)
  if (!existsSync(url)) throw new Error('dist/ is missing: run npm run build (npm ci does it)')
  other = (await import(/* @vite-ignore */ `${url.href}?copy=2`)) as Copy
})

describe('branded error guards across package copies', () => {
  it('the second copy is really another copy (instanceof fails)', () => {
    expect(other.ConfigError).not.toBe(portico.ConfigError)
    expect(new other.ConfigError('x', 'bad') instanceof portico.ConfigError).toBe(false)
  })

  it.each([
    ['isConfigError', () => new other.ConfigError('paths./a', 'bad')],
    ['isGatewayResponseError', () => new other.GatewayResponseError('THROTTLED')],
    ['isTemplateRuntimeError', () => new other.TemplateRuntimeError('boom')],
    ['isTemplateSyntaxError', () => new other.TemplateSyntaxError('boom')],
    ['isConnectionError', () => new other.ConnectionError(410, 'GoneException', 'gone')],
  ] as const)('%s recognises an error from the other copy', (guard, make) => {
    const error = make()
    expect(portico[guard](error)).toBe(true)
    expect(portico.isPorticoError(error)).toBe(true)
  })

  it('guards tell the classes apart and keep names, codes and fields', () => {
    const config = new other.ConfigError('paths./a', 'bad')
    expect(portico.isGatewayResponseError(config)).toBe(false)
    expect(portico.isConnectionError(config)).toBe(false)
    expect([config.name, config.code, config.path]).toEqual([
      'ConfigError',
      'ERR_PORTICO_CONFIG',
      'paths./a',
    ])
    const gone = new portico.ConnectionError(410, 'GoneException', 'gone')
    expect(gone).toBeInstanceOf(portico.PorticoError)
    expect([gone.name, gone.code, gone.statusCode, gone.errorType]).toEqual([
      'ConnectionError',
      'ERR_PORTICO_CONNECTION',
      410,
      'GoneException',
    ])
    expect(portico.isConfigError(new Error('plain'))).toBe(false)
    expect(portico.isGatewayResponseError({ responseType: 'THROTTLED' })).toBe(false)
    expect(portico.isConfigError(null)).toBe(false)
  })

  it("a Lambda handler throwing the other copy's GatewayResponseError gets that response", async () => {
    const gateway = portico.createGateway({
      api: openApi({ '/fail': { get: proxyMethod('Fail') } }),
      lambdas: {
        Fail: () => {
          throw new other.GatewayResponseError('THROTTLED')
        },
      },
      logger: portico.silentLogger,
    })
    const res = await gateway.invoke({ method: 'GET', path: '/fail' })
    expect(res.statusCode).toBe(429)
    expect(res.headers['x-amzn-ErrorType']).toBe('TooManyRequestsException')
  })

  it("a Lambda authorizer throwing the other copy's GatewayResponseError gets that response", async () => {
    const gateway = portico.createGateway({
      api: openApi(
        { '/guarded': { get: { security: [{ tok: [] }], ...mockMethod() } } },
        { components: { securitySchemes: { tok: tokenAuthorizerScheme() } } },
      ),
      lambdas: {
        Auth: () => {
          throw new other.GatewayResponseError('ACCESS_DENIED', 'from another copy')
        },
      },
      logger: portico.silentLogger,
    })
    const res = await gateway.invoke({
      method: 'GET',
      path: '/guarded',
      headers: { Authorization: 'token' },
    })
    expect(res.statusCode).toBe(403)
    expect(res.headers['x-amzn-ErrorType']).toBe('AccessDeniedException')
  })
})
