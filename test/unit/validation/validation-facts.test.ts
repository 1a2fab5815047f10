/**
 * Request body validation facts (issue 14), each row with its source, through `invoke()`.
 */
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'

const mock = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: { default: { statusCode: '200', responseTemplates: { 'application/json': 'ok' } } },
}

function gatewayOf(definitions: Record<string, unknown>) {
  return createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'facts', version: '1' },
      'x-amazon-apigateway-request-validators': { body: { validateRequestBody: true } },
      'x-amazon-apigateway-request-validator': 'body',
      paths: Object.fromEntries(
        Object.keys(definitions).map((name) => [
          `/${name}`,
          {
            post: {
              consumes: ['application/json'],
              parameters: [{ name: 'body', in: 'body', schema: { $ref: `#/definitions/${name}` } }],
              responses: { 200: { description: 'ok' } },
              'x-amazon-apigateway-integration': mock,
            },
          },
        ]),
      ),
      'x-amazon-apigateway-gateway-responses': {
        BAD_REQUEST_BODY: {
          responseTemplates: { 'application/json': '$context.error.validationErrorString' },
        },
      },
      definitions,
    },
    logger: silentLogger,
  })
}

const post = (gateway: ReturnType<typeof gatewayOf>, path: string, body: unknown) =>
  gateway.invoke({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('combined required-properties message', () => {
  const gateway = gatewayOf({
    Signup: {
      type: 'object',
      required: ['datetime', 'email', 'name'],
      properties: {
        datetime: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        address: { type: 'object', required: ['city', 'zip'] },
      },
    },
  })

  // Source: issue 14 ("Combined validation message"), the wording of java json-schema-validator
  // (the library AWS's messages come from): one message per object listing every missing property.
  it.each([
    [
      'two missing at the root',
      { name: 'n' },
      '[object has missing required properties (["datetime","email"])]',
    ],
    [
      'one missing',
      { name: 'n', email: 'e' },
      '[object has missing required properties (["datetime"])]',
    ],
    [
      'missing at two levels: one message per object',
      { name: 'n', email: 'e', address: {} },
      '[object has missing required properties (["datetime"]), object has missing required properties (["city","zip"])]',
    ],
  ])('%s', async (_case, body, detail) => {
    const res = await post(gateway, '/Signup', body)
    expect(res.statusCode).toBe(400)
    expect(res.body).toBe(detail)
  })
})

describe('draft-4 models: data keywords are left as written', () => {
  // Source: issue 14 ("The draft-4 model rewriter must not change values inside enum, default or
  // example"); JSON Schema draft 4 §5.5.1 (enum compares instances for equality) and the
  // validation spec's metadata keywords (default, example carry values, not schemas).
  const gateway = gatewayOf({
    Pet: { type: 'object', properties: { name: { type: 'string' } } },
    Literal: {
      type: 'object',
      properties: {
        shape: {
          enum: [
            { $ref: '#/definitions/Pet' },
            { $schema: 'http://json-schema.org/draft-04/schema#' },
          ],
          default: { $ref: '#/definitions/Missing' },
          example: { $ref: 'https://apigateway.amazonaws.com/restapis/x/models/Nowhere' },
        },
        $ref: { type: 'string' },
        $schema: { type: 'integer' },
      },
    },
  })

  it.each([
    [
      'an enum value with a $ref key matches as written',
      { shape: { $ref: '#/definitions/Pet' } },
      200,
    ],
    [
      'an enum value with a $schema key keeps it',
      { shape: { $schema: 'http://json-schema.org/draft-04/schema#' } },
      200,
    ],
    ['a Pet is not the enum value', { shape: { name: 'Rex' } }, 400],
    ['an empty object is not the enum value', { shape: {} }, 400],
    ['a property named $ref is checked as a property', { $ref: 5 }, 400],
    ['a property named $schema is checked as a property', { $schema: 'x' }, 400],
    ['both named properties, right types', { $ref: 'a', $schema: 1 }, 200],
  ])('%s', async (_case, body, status) => {
    // A default or example naming an unknown model compiles: it is a value, not a reference.
    const res = await post(gateway, '/Literal', body)
    expect(res.statusCode).toBe(status)
  })
})
