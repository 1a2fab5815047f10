import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { mockMethod, openApi, proxyMethod } from '../../fixtures/mini-api.js'

describe('smoke', () => {
  it('serves a MOCK and a proxy route', async () => {
    const gateway = createGateway({
      api: openApi({ '/hello': { get: mockMethod() }, '/fn/{id}': { get: proxyMethod('Fn') } }),
      lambdas: {
        Fn: async (event) => ({ statusCode: 201, body: JSON.stringify(event.pathParameters) }),
      },
      logger: silentLogger,
    })
    const mock = await gateway.invoke({ method: 'GET', path: '/hello' })
    expect(mock.statusCode).toBe(200)
    expect(mock.body).toBe('{"ok":true}')
    const fn = await gateway.invoke({ method: 'GET', path: '/fn/7' })
    expect(fn.statusCode).toBe(201)
    expect(fn.body).toBe('{"id":"7"}')
    const missing = await gateway.invoke({ method: 'GET', path: '/nope' })
    expect(missing.statusCode).toBe(403)
    expect(missing.body).toBe('{"message":"Missing Authentication Token"}')
  })
})
