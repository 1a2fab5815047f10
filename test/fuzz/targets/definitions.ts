// Definitions: `createGateway({ api })` with mutated OpenAPI 3 / Swagger 2 documents (objects,
// JSON text, YAML text). It returns a gateway or throws a ConfigError (a Portico error), never a
// TypeError or RangeError; a gateway it returns answers a request without rejecting.
import fc from 'fast-check'
import { stringify } from 'yaml'
import { createGateway, isPorticoError } from '../../../src/index.js'
import { createRecordingLogger } from '../../../src/testing/index.js'
import { lambdaUri } from '../../fixtures/mini-api.js'
import { clip, type FuzzTarget } from '../core.js'

const mock = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{}' } } },
}

function seedDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.1',
    info: { title: 'seed', version: '1' },
    'x-amazon-apigateway-request-validators': { all: { validateRequestBody: true } },
    'x-amazon-apigateway-policy': {
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: '*' }],
    },
    components: {
      schemas: {
        Pet: {
          type: 'object',
          properties: { name: { type: 'string' }, child: { $ref: '#/components/schemas/Pet' } },
        }, // self-reference
        Tag: { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
      },
      securitySchemes: {
        key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
        tok: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': { type: 'token', authorizerUri: lambdaUri('Auth') },
        },
      },
    },
    paths: {
      '/pets/{id}': {
        post: {
          'x-amazon-apigateway-request-validator': 'all',
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
          },
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': mock,
        },
        get: {
          security: [{ key: [], tok: [] }],
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: lambdaUri('Fn'),
          },
        },
      },
      '/{proxy+}': {
        'x-amazon-apigateway-any-method': {
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            ...mock,
            responses: { default: { statusCode: '200' }, '(a+)+b': { statusCode: '400' } },
          },
        },
      },
    },
  }
}

function swaggerSeed(): Record<string, unknown> {
  const doc = seedDocument()
  const components = doc['components'] as Record<string, unknown>
  return {
    swagger: '2.0',
    info: doc['info'],
    securityDefinitions: components['securitySchemes'],
    definitions: JSON.parse(
      JSON.stringify(components['schemas']).replaceAll('#/components/schemas/', '#/definitions/'),
    ),
    paths: {
      '/pets/{id}': {
        post: {
          parameters: [
            { name: 'id', in: 'path', required: true, type: 'string' },
            { name: 'body', in: 'body', schema: { $ref: '#/definitions/Pet' } },
          ],
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': mock,
        },
      },
    },
  }
}

/** A mutation: a JSON path into the document and what to put there. */
type Mutation = { path: string[]; value: unknown; op: 'set' | 'delete' }

const KEYS = ['openapi', 'swagger', 'info', 'paths', 'components', 'schemas', 'Pet', 'properties', '$ref', 'type', 'items', 'x-amazon-apigateway-integration', 'responses', 'requestTemplates', 'uri', 'httpMethod', 'statusCode', 'selectionPattern', 'x-amazon-apigateway-authorizer', 'authorizerUri', 'identitySource', 'x-amazon-apigateway-policy', 'Statement', 'Resource', 'Effect', 'Condition', 'x-amazon-apigateway-any-method', '/pets/{id}', '/{proxy+}', '/{a}/{a}', '/x/{proxy+}/y', 'get', 'post', 'parameters', 'security', 'securitySchemes', '__proto__', 'constructor', 'toString', '0', ''] // prettier-ignore

const VALUES: unknown[] = [null, true, 0, -1, 1e308, NaN, '', 'x', '#/components/schemas/Pet', '#/definitions/Pet', '#/components/schemas/Nope', '#', '#/', '#/paths', 'http://example.com/s.json', '(a+)+b', '[', '${stageVariables.x}', '#set($x = ', 'mock', 'MOCK', 'aws', 'http', 'http_proxy', 'aws_proxy', 'arn:aws:lambda', lambdaUri('Missing'), [], [null], {}, { $ref: '#/components/schemas/Pet' }, { $ref: '#/components/schemas/Tag' }, { type: 'object', additionalProperties: { $ref: '#' } }, { allOf: [{ $ref: '#/components/schemas/Pet' }] }, { Effect: 'Deny', Resource: ['*'] }, { '__proto__': { polluted: 1 } }] // prettier-ignore

const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.array(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), {
    minLength: 1,
    maxLength: 6,
  }),
  value: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...VALUES) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  ),
  op: fc.constantFrom('set', 'set', 'set', 'delete'),
})

function apply(doc: Record<string, unknown>, m: Mutation): void {
  // Follow the path as far as it exists, then set or delete there.
  let node: Record<string, unknown> = doc
  for (let i = 0; i < m.path.length - 1; i++) {
    const key = m.path[i] as string
    const next = Object.hasOwn(node, key) ? node[key] : undefined
    if (next === null || typeof next !== 'object') break
    node = next as Record<string, unknown>
  }
  const last = m.path[m.path.length - 1] as string
  if (m.op === 'delete') delete node[last]
  else Object.defineProperty(node, last, { value: structuredClone(m.value), enumerable: true, writable: true, configurable: true }) // prettier-ignore
}

export interface DefinitionInput {
  base: 'openapi' | 'swagger'
  mutations: Mutation[]
  form: 'object' | 'json' | 'yaml' | 'truncated-yaml' | 'yaml-anchors'
}

const arbitrary: fc.Arbitrary<DefinitionInput> = fc.record({
  base: fc.constantFrom('openapi', 'swagger'),
  mutations: fc.array(mutation, { maxLength: 4 }),
  form: fc.constantFrom('object', 'object', 'json', 'yaml', 'truncated-yaml', 'yaml-anchors'),
})

/** The document as the input describes it. */
export function buildDocument(input: DefinitionInput): Record<string, unknown> | string {
  const doc = input.base === 'openapi' ? seedDocument() : swaggerSeed()
  for (const m of input.mutations) apply(doc, m)
  switch (input.form) {
    case 'object':
      return doc
    case 'json':
      return JSON.stringify(doc)
    case 'yaml':
      return stringify(doc)
    case 'truncated-yaml': {
      const text = stringify(doc)
      return text.slice(0, Math.floor(text.length / 2))
    }
    case 'yaml-anchors':
      // A billion-laughs document: each alias doubles the expansion.
      return `${stringify(doc)}x-bomb:\n  a: &a ["lol","lol"]\n  b: &b [*a,*a,*a,*a,*a,*a,*a,*a]\n  c: &c [*b,*b,*b,*b,*b,*b,*b,*b]\n  d: &d [*c,*c,*c,*c,*c,*c,*c,*c]\n  e: &e [*d,*d,*d,*d,*d,*d,*d,*d]\n  f: &f [*e,*e,*e,*e,*e,*e,*e,*e]\n  g: [*f,*f,*f,*f,*f,*f,*f,*f]\n`
  }
}

export const definitionsTarget: FuzzTarget<DefinitionInput, undefined> = {
  name: 'definitions',
  timeoutMs: 3000,
  setup: async () => undefined,
  teardown: async () => undefined,
  arbitrary: () => arbitrary,
  show: (input) => clip(JSON.stringify(input), 1500),
  async run(input) {
    let gateway
    // A 500 is AWS's answer when the mutated definition is itself wrong in a way only a request
    // shows (an integration without a matching integration response: API_CONFIGURATION_ERROR).
    const logger = createRecordingLogger()
    try {
      gateway = createGateway({
        api: buildDocument(input),
        lambdas: { Fn: async () => ({ statusCode: 200, body: 'ok' }), Auth: async () => ({}) },
        logger,
      })
    } catch (error) {
      if (isPorticoError(error)) return undefined
      const e = error as Error
      return {
        kind: 'failure',
        signature: `createGateway threw ${e?.name ?? typeof e}: ${String(e?.message)
          .replace(/'[^']*'|"[^"]*"/g, '…')
          .slice(0, 70)}`,
        detail: String(e?.stack ?? e).slice(0, 500),
      }
    }
    // A gateway that compiled answers requests: a self-referencing model validates a deep body.
    const deep = `${'{"child":'.repeat(3000)}{}${'}'.repeat(3000)}`
    for (const body of ['{"name":"a","child":{"name":"b"}}', deep]) {
      try {
        const res = await gateway.invoke({
          method: 'POST',
          path: '/pets/1',
          headers: { 'Content-Type': 'application/json' },
          body,
        })
        const designed = logger.entries.some(
          (e) => e.fields?.['responseType'] === 'API_CONFIGURATION_ERROR',
        )
        if (res.statusCode >= 500 && res.statusCode !== 502 && !designed)
          return {
            kind: 'failure',
            signature: `compiled gateway answered ${res.statusCode} to POST /pets/1 (${body === deep ? 'deep' : 'small'} body)`,
            detail: clip(res.body, 200),
          }
      } catch (error) {
        return {
          kind: 'failure',
          signature: `invoke rejected: ${(error as Error)?.name}`,
          detail: String((error as Error)?.stack ?? error).slice(0, 500),
        }
      }
    }
    return undefined
  },
}
