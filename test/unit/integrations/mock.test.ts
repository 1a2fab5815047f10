import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { openApi } from '../../fixtures/mini-api.js'

const mock = (
  integration: Record<string, unknown>,
  responses: Record<string, unknown> = {
    '200': { description: 'ok' },
    '404': { description: 'nf' },
  },
) => ({
  responses,
  'x-amazon-apigateway-integration': { type: 'mock', ...integration },
})

describe('MOCK integration', () => {
  const gateway = createGateway({
    api: openApi({
      '/ok': {
        get: mock({
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: {
            default: {
              statusCode: '200',
              responseParameters: {
                'method.response.header.X-Stage': 'stageVariables.color',
                'method.response.header.Content-Type': "'text/plain'",
              },
              responseTemplates: { 'text/plain': 'stage $context.stage is $stageVariables.color' },
            },
          },
        }),
      },
      '/missing': {
        get: mock({
          requestTemplates: { 'application/json': '{"statusCode": 404}' },
          responses: {
            default: { statusCode: '200' },
            '404': {
              statusCode: '404',
              responseTemplates: { 'application/json': '{"error":"not here"}' },
            },
          },
        }),
      },
      '/bare': { get: mock({ responses: { default: { statusCode: '200' } } }) },
      '/notjson': {
        get: mock({
          requestTemplates: { 'application/json': 'statusCode: 200' },
          responses: { default: { statusCode: '200' } },
        }),
      },
      '/vtl': {
        get: mock({
          requestTemplates: { 'application/json': '#set($x = 1){"statusCode": 200}' },
          responses: { default: { statusCode: '200' } },
        }),
      },
      '/nomethodresponse': {
        get: mock({
          requestTemplates: { 'application/json': '{"statusCode": 201}' },
          responses: { default: { statusCode: '201' } },
        }),
      },
      '/nomatch': {
        get: mock({
          requestTemplates: { 'application/json': '{"statusCode": 500}' },
          responses: { '2\\d{2}': { statusCode: '200' } },
        }),
      },
    }),
    stage: { name: 'beta', variables: { color: 'green' } },
    logger: silentLogger,
  })

  it('selects by the template statusCode and maps headers and body', async () => {
    const res = await gateway.invoke({ method: 'GET', path: '/ok' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['X-Stage']).toBe('green')
    expect(res.headers['Content-Type']).toBe('text/plain')
    expect(res.body).toBe('stage beta is green')
    const missing = await gateway.invoke({ method: 'GET', path: '/missing' })
    expect([missing.statusCode, missing.body]).toEqual([404, '{"error":"not here"}'])
  })

  it('passes through with status 200 and an empty body when there is no template', async () => {
    const res = await gateway.invoke({ method: 'GET', path: '/bare', body: '{"ignored":true}' })
    expect([res.statusCode, res.body, res.headers['Content-Type']]).toEqual([
      200,
      '',
      'application/json',
    ])
  })

  it('malformed JSON in the request body does not matter to a MOCK', async () => {
    const res = await gateway.invoke({
      method: 'GET',
      path: '/ok',
      headers: { 'Content-Type': 'application/json' },
      body: '{"broken": ',
    })
    expect(res.statusCode).toBe(200)
  })

  it('renders a VTL request template and selects by its statusCode', async () => {
    const res = await gateway.invoke({ method: 'GET', path: '/vtl' })
    expect(res.statusCode).toBe(200)
  })

  it.each(['/notjson', '/nomethodresponse', '/nomatch'])(
    '%s is a 500 configuration error',
    async (path) => {
      const res = await gateway.invoke({ method: 'GET', path })
      expect([res.statusCode, res.body]).toEqual([500, '{"message":"Internal server error"}'])
    },
  )
})

describe('bad requests never throw', () => {
  const gateway = createGateway({
    api: openApi({ '/ok': { get: mock({ responses: { default: { statusCode: '200' } } }) } }),
    logger: silentLogger,
  })
  it.each([
    ['no path', { method: 'GET' }],
    ['path without slash', { method: 'GET', path: 'ok' }],
    ['numeric method', { method: 7, path: '/ok' }],
    ['header values that are not strings', { method: 'GET', path: '/ok', headers: { a: [1, 2] } }],
    ['a numeric header value', { method: 'GET', path: '/ok', headers: { 'Content-Length': 0 } }],
  ])('%s', async (_, request) => {
    const res = await gateway.invoke(request as never)
    expect([200, 403]).toContain(res.statusCode)
  })
})
