// Policy wildcards (`*`, `?`) in resource policies and Lambda authorizer policies are matched in
// time linear-ish in the request path, never by a backtracking regular expression: a Deny such
// as `execute-api:/*/*/*/admin/*` against a 4,000-character path used to block the event loop
// for seconds. IAM semantics: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
// (`*` any run of characters including `/`, `?` exactly one, case-sensitive) and
// ../shared/spec/security.md §4.
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'
import { lambdaUri, tokenAuthorizerScheme } from '../fixtures/mini-api.js'

const API = 'arn:aws:execute-api:us-east-1:123456789012:api123'
const mock = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: { default: { statusCode: '200' } },
}
/** Each test must answer well within this (ms); the old regex took seconds. */
const QUICK = { timeout: 1000 }

/**
 * Runs a request and fails if it blocked the event loop for a second: a blocked loop cannot fire
 * vitest's timeout, so the elapsed time is checked as well (a hang guard, not a speed target).
 */
async function quickly<T>(work: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const result = await work()
  const elapsed = performance.now() - started
  expect(elapsed, `blocked for ${Math.round(elapsed)} ms`).toBeLessThan(3000)
  return result
}

// A long path with many segments: the shape that made the old regular expression backtrack.
const LONG = `/${'a/'.repeat(2000)}b`
const LONG_ADMIN = `/x/y/z/admin/${'a/'.repeat(2000)}b`

function restApi(extra: Record<string, unknown>, security: unknown[] = []) {
  return {
    swagger: '2.0',
    info: { title: 'wildcards', version: '1' },
    securityDefinitions: { tok: tokenAuthorizerScheme() },
    paths: {
      '/{proxy+}': {
        'x-amazon-apigateway-any-method': {
          security,
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': mock,
        },
      },
    },
    ...extra,
  }
}

function withResourcePolicy(deny: string) {
  return createGateway({
    api: restApi({
      'x-amazon-apigateway-policy': {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 'execute-api:Invoke',
            Resource: 'execute-api:/*',
          },
          { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: deny },
        ],
      },
    }),
    apiId: 'api123',
    stage: { name: 'prod' },
    logger: silentLogger,
  })
}

function withAuthorizerPolicy(resources: { allow: string[]; deny: string[] }) {
  return createGateway({
    api: restApi({}, [{ tok: [] }]),
    apiId: 'api123',
    stage: { name: 'prod' },
    lambdas: {
      Auth: async () => ({
        principalId: 'u',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resources.allow },
            ...(resources.deny.length
              ? [{ Effect: 'Deny', Action: 'execute-api:Invoke', Resource: resources.deny }]
              : []),
          ],
        },
      }),
    },
    logger: silentLogger,
  })
}

const get = (path: string) => ({ method: 'GET', path, headers: { Authorization: 'token' } })
type Gateway = ReturnType<typeof createGateway>
const status = async (gw: Gateway, path: string) =>
  (await quickly(() => gw.invoke(get(path)))).statusCode

describe('policy-wildcard-backtracking', () => {
  it('a resource-policy Deny with many wildcards answers a long path at once', QUICK, async () => {
    const gw = withResourcePolicy('execute-api:/*/*/*/admin/*')
    expect(await status(gw, LONG)).toBe(200)
    const denied = await quickly(() => gw.invoke(get(LONG_ADMIN)))
    expect(denied.statusCode).toBe(403)
    expect(JSON.parse(denied.body).Message).toMatch(/with an explicit deny$/)
  })

  it(
    'a Lambda authorizer Deny with many wildcards answers a long path at once',
    QUICK,
    async () => {
      const gw = withAuthorizerPolicy({
        allow: [`${API}/*`],
        deny: [`${API}/*/*/*/admin/*`],
      })
      expect(await status(gw, LONG)).toBe(200)
      const denied = await quickly(() => gw.invoke(get(LONG_ADMIN)))
      expect(denied.statusCode).toBe(403)
      expect(JSON.parse(denied.body)).toEqual({
        Message: 'User is not authorized to access this resource with an explicit deny',
      })
    },
  )

  it('many `?` wildcards against a long path answer at once', QUICK, async () => {
    const pattern = `${API}/prod/GET/*${'?'.repeat(200)}*c`
    const gw = withAuthorizerPolicy({ allow: [pattern], deny: [] })
    expect(await status(gw, LONG)).toBe(403) // ends in b: implicit deny
    expect(await status(gw, `${LONG}c`)).toBe(200)
  })

  // IAM wildcard semantics, applied to the method ARN `…:api123/prod/GET/<path>`.
  const table: Array<[pattern: string, path: string, allowed: boolean]> = [
    [`${API}/prod/GET/pets`, '/pets', true],
    [`${API}/prod/GET/pets`, '/Pets', false], // case-sensitive
    [`${API}/prod/GET/pets/*`, '/pets/1/photos', true], // `*` crosses `/`
    [`${API}/prod/GET/pets/*`, '/pets', false],
    [`${API}/*/GET/pets`, '/pets', true],
    [`${API}/prod/*`, '/anything/at/all', true],
    [`${API}/prod/GET/pets/?`, '/pets/7', true], // `?` is one character
    [`${API}/prod/GET/pets/?`, '/pets/77', false],
    [`${API}/prod/GET/pets/??`, '/pets/7', false],
    [`${API}/prod/GET/a.c`, '/abc', false], // `.` is itself, not a regex dot
    [`${API}/prod/GET/a+c`, '/aac', false],
    [`${API}/prod/GET/(x)`, '/(x)', true],
    [`${API}/prod/GET/[x]`, '/x', false],
    [`${API}/prod/GET/**`, '/x', true],
    [`${API}/prod/GET/*a*a*a*a*a*b`, `/${'a'.repeat(50)}`, false],
    ['arn:aws:execute-api:*:*:*', '/x', true],
    ['arn:aws:execute-api:us-east-?:*:api123/*', '/x', true],
    ['*', '/x', true],
  ]
  it.each(table)('%s on %s: allowed %s', async (pattern, path, allowed) => {
    const gw = withAuthorizerPolicy({ allow: [pattern], deny: [] })
    expect((await gw.invoke(get(path))).statusCode).toBe(allowed ? 200 : 403)
  })

  it('matches actions case-insensitively, with wildcards', async () => {
    for (const action of ['Execute-API:invoke', 'execute-api:*', 'EXECUTE-API:INV?KE', '*']) {
      const gw = createGateway({
        api: restApi({}, [{ tok: [] }]),
        apiId: 'api123',
        stage: { name: 'prod' },
        lambdas: {
          Auth: async () => ({
            principalId: 'u',
            policyDocument: { Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] },
          }),
        },
        logger: silentLogger,
      })
      expect((await gw.invoke(get('/x'))).statusCode, action).toBe(200)
    }
  })

  it('an HTTP API Lambda authorizer policy answers a long path at once', QUICK, async () => {
    const gw = createGateway({
      api: {
        openapi: '3.0.1',
        info: { title: 'wildcards', version: '1' },
        components: {
          securitySchemes: {
            auth: {
              type: 'apiKey',
              name: 'Authorization',
              in: 'header',
              'x-amazon-apigateway-authorizer': {
                type: 'request',
                identitySource: '$request.header.Authorization',
                authorizerUri: lambdaUri('Auth'),
                authorizerPayloadFormatVersion: '2.0',
              },
            },
          },
        },
        paths: {
          '/{proxy+}': {
            get: {
              security: [{ auth: [] }],
              'x-amazon-apigateway-integration': {
                payloadFormatVersion: '2.0',
                type: 'aws_proxy',
                httpMethod: 'POST',
                uri: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
              },
            },
          },
        },
        'x-amazon-apigateway-importexport-version': '1.0',
      },
      apiId: 'hapi01',
      lambdas: {
        Auth: async () => ({
          principalId: 'u',
          policyDocument: {
            Statement: [
              { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' },
              { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: '*/*/*/admin/*' },
            ],
          },
        }),
        Fn: async () => ({ statusCode: 200, body: 'ok' }),
      },
      logger: silentLogger,
    })
    expect(await status(gw, LONG)).toBe(200)
    expect(await status(gw, LONG_ADMIN)).toBe(403)
  })
})
