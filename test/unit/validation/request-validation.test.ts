// Request validators and models: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'

const mock = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: { default: { statusCode: '200', responseTemplates: { 'application/json': 'ok' } } },
}

function api(extra: Record<string, unknown> = {}) {
  return {
    swagger: '2.0',
    info: { title: 'validation', version: '1' },
    'x-amazon-apigateway-request-validators': {
      all: { validateRequestBody: true, validateRequestParameters: true },
      params: { validateRequestBody: false, validateRequestParameters: true },
      body: { validateRequestBody: true, validateRequestParameters: false },
    },
    'x-amazon-apigateway-request-validator': 'all',
    'x-amazon-apigateway-gateway-responses': {
      BAD_REQUEST_BODY: {
        statusCode: 400,
        responseTemplates: {
          'application/json':
            '{"message": $context.error.messageString, "detail": "$context.error.validationErrorString"}',
        },
      },
    },
    paths: {
      '/pets/{id}': {
        post: {
          consumes: ['application/json'],
          parameters: [
            { name: 'id', in: 'path', required: true, type: 'string' },
            { name: 'q', in: 'query', required: true, type: 'string' },
            { name: 'X-Tenant', in: 'header', required: true, type: 'string' },
            { name: 'body', in: 'body', schema: { $ref: '#/definitions/NewPet' } },
          ],
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': mock,
        },
      },
      '/body-only': {
        post: {
          'x-amazon-apigateway-request-validator': 'body',
          parameters: [
            { name: 'q', in: 'query', required: true, type: 'string' },
            { name: 'body', in: 'body', schema: { $ref: '#/definitions/NewPet' } },
          ],
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': mock,
        },
      },
    },
    definitions: {
      NewPet: {
        $schema: 'http://json-schema.org/draft-04/schema#',
        type: 'object',
        required: ['name', 'type'],
        properties: {
          name: { type: 'string' },
          type: { $ref: 'https://apigateway.amazonaws.com/restapis/abc123/models/PetType' },
          price: { type: 'number', minimum: 0, exclusiveMinimum: true },
          owner: { oneOf: [{ $ref: '#/definitions/Owner' }, { type: 'null' }] },
        },
      },
      PetType: { type: 'string', enum: ['dog', 'cat'] },
      Owner: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
    },
    ...extra,
  }
}

const gateway = createGateway({ api: api(), logger: silentLogger })
const good = { name: 'Rex', type: 'dog' }
const call = (
  path: string,
  body: unknown = good,
  headers: Record<string, string> = { 'X-Tenant': 't1' },
) =>
  gateway.invoke({
    method: 'POST',
    path,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

describe('required parameters', () => {
  it('passes when every required parameter is present', async () => {
    const res = await call('/pets/1?q=x')
    expect([res.statusCode, res.body]).toEqual([200, 'ok'])
  })

  it('lists every missing parameter; a blank value counts as missing', async () => {
    const res = await call('/pets/1?q=', good, { 'X-Tenant': '  ' })
    expect(res.statusCode).toBe(400)
    expect(JSON.parse(res.body)).toEqual({
      message: 'Missing required request parameters: [q, X-Tenant]',
    })
    expect(res.headers['x-amzn-ErrorType']).toBe('BadRequestException')
  })

  it('finds headers in any case', async () => {
    const res = await call('/pets/1?q=x', good, { 'x-tenant': 't1' })
    expect(res.statusCode).toBe(200)
  })

  it('checks parameters before the body', async () => {
    const res = await call('/pets/1', { nope: 1 })
    expect(JSON.parse(res.body).message).toMatch(/^Missing required request parameters/)
  })

  it('is skipped by a validator that validates the body only', async () => {
    const res = await call('/body-only', good, {})
    expect(res.statusCode).toBe(200)
  })
})

describe('body models', () => {
  it('rejects a body missing a required property, with the detail in validationErrorString', async () => {
    const res = await call('/pets/1?q=x', { name: 'Rex' })
    expect(res.statusCode).toBe(400)
    // Gateway response templates substitute without escaping, as AWS's do.
    expect(res.body).toBe(
      '{"message": "Invalid request body", "detail": "[object has missing required properties (["type"])]"}',
    )
  })

  it.each([
    ['a $ref in AWS URL form (enum)', { name: 'Rex', type: 'fish' }, 400],
    ['draft-4 exclusiveMinimum: price 0 is out', { ...good, price: 0 }, 400],
    ['draft-4 exclusiveMinimum: price 1 is in', { ...good, price: 1 }, 200],
    ['oneOf with a #/definitions ref', { ...good, owner: { id: 'u1' } }, 200],
    ['oneOf allows null', { ...good, owner: null }, 200],
    ['oneOf rejects an owner without id', { ...good, owner: {} }, 400],
    ['wrong type', { name: 5, type: 'dog' }, 400],
    ['invalid JSON', '{"name": ', 400],
    ['an empty body is validated as {}', '', 400],
    ['prototype keys are data', { ...good, __proto__: { polluted: 1 }, constructor: 'x' }, 200],
  ])('%s → %i', async (_, body, status) => {
    const payload =
      typeof body === 'string'
        ? body
        : JSON.stringify(body).replace('"constructor"', '"__proto__":{"polluted":1},"constructor"')
    const res = await call('/pets/1?q=x', payload)
    expect(res.statusCode).toBe(status)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('validates only the model for the request Content-Type', async () => {
    const res = await call('/pets/1?q=x', '<pet/>', {
      'X-Tenant': 't',
      'Content-Type': 'application/xml',
    })
    expect(res.statusCode).not.toBe(400)
  })
})

describe('order of checks', () => {
  it('an unknown route is 403 before any validation', async () => {
    const res = await call('/nowhere', { bad: true })
    expect(res.statusCode).toBe(403)
  })
})

describe('definition errors', () => {
  it('names an unknown validator', () => {
    expect(() =>
      createGateway({ api: api({ 'x-amazon-apigateway-request-validator': 'nope' }) }),
    ).toThrow(/x-amazon-apigateway-request-validator: request validator "nope" is not defined/)
  })

  it('names a reference to an unknown model', () => {
    const doc = api()
    ;(doc.definitions.Owner as Record<string, unknown>)['properties'] = {
      id: { $ref: '#/definitions/Missing' },
    }
    expect(() => createGateway({ api: doc })).toThrow(
      /models\.Owner\.schema\.properties\.id\.\$ref: unknown model "Missing"/,
    )
  })
})
