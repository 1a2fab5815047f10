// A body nested far deeper than any real document, sent to a method that validates its body,
// is 400 Invalid request body like any other invalid body, never a 500 from a stack overflow.
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'

const mock = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: { default: { statusCode: '200', responseTemplates: { 'application/json': 'ok' } } },
}

function gatewayFor(model: Record<string, unknown>) {
  return createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'deep', version: '1' },
      'x-amazon-apigateway-request-validators': { body: { validateRequestBody: true } },
      'x-amazon-apigateway-request-validator': 'body',
      paths: {
        '/x': {
          post: {
            consumes: ['application/json'],
            parameters: [{ name: 'body', in: 'body', schema: { $ref: '#/definitions/A' } }],
            responses: { 200: { description: 'ok' } },
            'x-amazon-apigateway-integration': mock,
          },
        },
      },
      definitions: { A: model },
    },
    logger: silentLogger,
  })
}

const post = (gateway: ReturnType<typeof gatewayFor>, body: string) =>
  gateway.invoke({
    method: 'POST',
    path: '/x',
    headers: { 'content-type': 'application/json' },
    body,
  })

const objects = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1)
const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

// Schemas that walk as deep as the body (recursive) and ones that do not.
const models: Array<[string, Record<string, unknown>, (depth: number) => string]> = [
  ['a plain object model', { type: 'object' }, objects],
  ['a plain array model', { type: 'array' }, arrays],
  [
    'a recursive model (additionalProperties)',
    { type: 'object', additionalProperties: { $ref: '#/definitions/A' } },
    objects,
  ],
  ['a recursive model (items)', { type: 'array', items: { $ref: '#/definitions/A' } }, arrays],
]

describe('deep body nesting', () => {
  it.each(models)('%s: 100,000 levels is 400 Invalid request body', async (_, model, body) => {
    const response = await post(gatewayFor(model), body(100_000))
    expect(response.statusCode).toBe(400)
    expect(JSON.parse(response.body)).toEqual({ message: 'Invalid request body' })
    expect(response.headers['x-amzn-ErrorType']).toBe('BadRequestException')
  })

  it.each(models)('%s: 1,001 levels is 400, 1,000 levels is accepted', async (_, model, body) => {
    const gateway = gatewayFor(model)
    expect((await post(gateway, body(1001))).statusCode).toBe(400)
    expect((await post(gateway, body(1000))).statusCode).toBe(200)
  })

  it('brackets inside strings do not count as nesting', async () => {
    const gateway = gatewayFor({ type: 'object' })
    const text = JSON.stringify({ s: '['.repeat(5000) + '{"\\"'.repeat(2000) })
    expect((await post(gateway, text)).statusCode).toBe(200)
  })

  it('a deep body with invalid JSON is still 400', async () => {
    const gateway = gatewayFor({ type: 'object' })
    expect((await post(gateway, '{"a":'.repeat(50_000))).statusCode).toBe(400)
  })
})
