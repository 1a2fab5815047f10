// A model whose $ref leads back to itself with no property or item in between can validate no
// value, and a schema nested thousands of levels deep overflows the compiler's stack: both are
// ConfigErrors at createGateway naming the model, never a 500 per request or a bare RangeError.
import { describe, expect, it } from 'vitest'
import { ConfigError, createGateway, silentLogger } from '../../src/index.js'

const mock = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: { default: { statusCode: '200', responseTemplates: { 'application/json': 'ok' } } },
}

/** A Swagger 2 API whose POST /x body is validated against model A (referenced as `ref`). */
function swagger(definitions: Record<string, unknown>, ref = '#/definitions/A') {
  return {
    swagger: '2.0',
    info: { title: 'schemas', version: '1' },
    'x-amazon-apigateway-request-validators': { body: { validateRequestBody: true } },
    'x-amazon-apigateway-request-validator': 'body',
    paths: {
      '/x': {
        post: {
          consumes: ['application/json'],
          parameters: [{ name: 'body', in: 'body', schema: { $ref: ref } }],
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': mock,
        },
      },
    },
    definitions,
  }
}

/** The same in OpenAPI 3 (`components/schemas`). */
function openApi3(schemas: Record<string, unknown>) {
  return {
    openapi: '3.0.1',
    info: { title: 'schemas', version: '1' },
    'x-amazon-apigateway-request-validators': { body: { validateRequestBody: true } },
    'x-amazon-apigateway-request-validator': 'body',
    paths: {
      '/x': {
        post: {
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } },
          },
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': mock,
        },
      },
    },
    components: { schemas },
  }
}

function configErrorOf(api: Record<string, unknown>): ConfigError {
  try {
    createGateway({ api, logger: silentLogger })
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return error as ConfigError
  }
  throw new Error('createGateway accepted the definition')
}

async function post(api: Record<string, unknown>, body: string) {
  const gateway = createGateway({ api, logger: silentLogger })
  return gateway.invoke({
    method: 'POST',
    path: '/x',
    headers: { 'content-type': 'application/json' },
    body,
  })
}

const modelUrl = (name: string) => `https://apigateway.amazonaws.com/restapis/abc123/models/${name}`

describe('schema reference cycles and depth', () => {
  it.each([
    ['#/definitions/A', swagger({ A: { $ref: '#/definitions/A' } })],
    ['the model URL', swagger({ A: { $ref: modelUrl('A') } })],
    ['a local #', swagger({ A: { type: 'object', allOf: [{ $ref: '#' }] } })],
    ['components/schemas', openApi3({ A: { $ref: '#/components/schemas/A' } })],
  ])('a model referring to itself (%s) is a ConfigError naming it', (_, api) => {
    const error = configErrorOf(api)
    expect(error.path).toBe('models.A.schema')
    expect(error.message).toMatch(/refers to itself/)
  })

  it.each([
    ['A → B → A', { A: { $ref: '#/definitions/B' }, B: { $ref: '#/definitions/A' } }],
    [
      'A → B → C → A through allOf / anyOf / not',
      {
        A: { allOf: [{ type: 'object' }, { $ref: '#/definitions/B' }] },
        B: { anyOf: [{ $ref: '#/definitions/C' }] },
        C: { not: { $ref: '#/definitions/A' } },
      },
    ],
    ['oneOf', { A: { oneOf: [{ $ref: '#/definitions/A' }, { type: 'string' }] } }],
    ['dependencies', { A: { type: 'object', dependencies: { x: { $ref: '#/definitions/A' } } } }],
    [
      'a pointer into a model that points back',
      {
        A: {
          type: 'object',
          definitions: { loop: { allOf: [{ $ref: '#/definitions/A#/definitions/loop' }] } },
          allOf: [{ $ref: '#/definitions/A#/definitions/loop' }],
        },
      },
    ],
  ])('an indirect cycle (%s) is a ConfigError', (_, definitions) => {
    const error = configErrorOf(swagger(definitions))
    expect(error.path).toMatch(/^models\.[ABC]\.schema$/)
    expect(error.message).toMatch(/refers to itself/)
  })

  it('a cycle in a model no method uses is still found at creation', () => {
    const error = configErrorOf(
      swagger({ A: { type: 'object' }, Unused: { $ref: '#/definitions/Unused' } }),
    )
    expect(error.path).toBe('models.Unused.schema')
  })

  it('recursion through properties and items (a tree) stays valid and validates', async () => {
    const api = swagger({
      A: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/definitions/A' } },
          parent: { $ref: '#/definitions/A' },
          extra: { type: 'object', additionalProperties: { $ref: modelUrl('A') } },
        },
      },
    })
    const good = await post(api, '{"name":"a","children":[{"name":"b","children":[{"name":"c"}]}]}')
    expect(good.statusCode).toBe(200)
    const bad = await post(api, '{"name":"a","children":[{"children":[]}]}')
    expect(bad.statusCode).toBe(400)
    expect(JSON.parse(bad.body)).toEqual({ message: 'Invalid request body' })
  })

  it('two models that refer to each other through properties stay valid', async () => {
    const api = swagger({
      A: { type: 'object', properties: { b: { $ref: '#/definitions/B' } } },
      B: { type: 'object', properties: { a: { $ref: '#/definitions/A' } } },
    })
    expect((await post(api, '{"b":{"a":{"b":{}}}}')).statusCode).toBe(200)
    expect((await post(api, '{"b":{"a":3}}')).statusCode).toBe(400)
  })

  it.each([300, 1000, 5000])(
    'a schema nested %i levels deep is a ConfigError naming the model',
    (levels) => {
      let schema: Record<string, unknown> = { type: 'string' }
      for (let i = 0; i < levels; i++) schema = { type: 'object', properties: { a: schema } }
      const error = configErrorOf(swagger({ A: schema }))
      expect(error.path).toBe('models.A.schema')
      expect(error.message).toMatch(/nests deeper than 256 levels/)
      expect(error.message.length).toBeLessThan(300)
    },
  )

  it('a schema nested 100 levels deep still works', async () => {
    let schema: Record<string, unknown> = { type: 'string' }
    for (let i = 0; i < 100; i++) schema = { type: 'object', properties: { a: schema } }
    const api = swagger({ A: schema })
    const body = '{"a":'.repeat(100) + '"leaf"' + '}'.repeat(100)
    expect((await post(api, body)).statusCode).toBe(200)
    const wrong = '{"a":'.repeat(100) + '7' + '}'.repeat(100)
    expect((await post(api, wrong)).statusCode).toBe(400)
  })
})

// Found by the standing attack suite (test/fuzz, definitions target): ajv checks a schema against
// its meta-schema when the model is added, and threw a bare Error out of createGateway.
describe('schemas the meta-schema refuses', () => {
  it.each([
    ['items that is not a schema', { type: 'array', items: 3 }],
    ['required that is not a list', { type: 'object', required: 'name' }],
    ['type that names no type', { type: 'strange' }],
  ])('%s is a ConfigError naming the model', (_kind, schema) => {
    let thrown: unknown
    try {
      createGateway({ api: swagger({ A: schema }), logger: silentLogger })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ConfigError)
    expect((thrown as ConfigError).message).toMatch(/models\.A\.schema/)
  })
})
