// One normalised path feeds routing and the method ARN, so no spelling of a path reaches a
// resource while its policy check reads a different path. Rules (docs/aws-parity.md "Routing"):
// empty segments are dropped (AWS-recorded: `/stage//orders` routes as `/orders`,
// ../shared/spec/pipeline.md §3), a trailing slash is ignored (spec/pipeline.md §9), dot segments
// are resolved in every spelling URL parsers resolve (RFC 3986 §5.2.4, WHATWG URL), and the ARN
// decodes each segment (`methodArn` carries the concrete path: spec/security.md §3) but keeps
// `%2F` encoded so it never makes a new segment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'
import { toNodeHandler } from '../../src/node.js'
import { lambdaUri, mockMethod, tokenAuthorizerScheme } from '../fixtures/mini-api.js'
import { listen, rawRequest } from '../fixtures/raw-http.js'

const API = 'arn:aws:execute-api:us-east-1:123456789012:api123'

/** Spellings of `GET /admin` (after the stage): each must meet `/admin`'s explicit Deny. */
const ADMIN_SPELLINGS: ReadonlyArray<readonly [path: string, arnPath: string]> = [
  ['/admin', '/admin'],
  ['/admin/', '/admin'],
  ['/admin//', '/admin'],
  ['//admin', '/admin'],
  ['/%61dmin', '/admin'],
  ['/adm%69n', '/admin'],
  ['/%61%64%6D%69%6E/', '/admin'],
  ['/./admin', '/admin'],
  ['/%2e/admin', '/admin'],
  ['/admin/.', '/admin'],
  ['/public/../admin', '/admin'],
  ['/public/%2e%2e/admin', '/admin'],
  ['/public/%2E%2E/admin', '/admin'],
  ['/public/.%2e/admin', '/admin'],
  ['/public/%2e./admin', '/admin'],
  ['/a/b/../../admin', '/admin'],
  ['/../admin', '/admin'],
  ['/adm%69n/1', '/admin/1'],
  ['/admin/1/', '/admin/1'],
  ['/admin//1', '/admin/1'],
  ['/public/../adm%69n/1', '/admin/1'],
  ['/admin/%2e/1', '/admin/1'],
  ['/admin/x/../1', '/admin/1'],
  // A raw '#' starts a fragment for every URL parser downstream (second attacker session).
  ['/admin#x', '/admin'],
  ['/admin#/../public', '/admin'],
  ['/adm%69n/1#frag?q=1', '/admin/1'],
]

const denyAdmin = [`${API}/*/GET/admin`, `${API}/*/GET/admin/*`]

function restApi(extra: Record<string, unknown>, security: unknown[] = []) {
  const method = { security, ...mockMethod(200, '{"reached":"$context.resourcePath"}') }
  return {
    swagger: '2.0',
    info: { title: 'paths', version: '1' },
    securityDefinitions: { tok: tokenAuthorizerScheme() },
    paths: {
      '/admin': { get: method },
      '/admin/{id}': { get: method },
      '/public': { get: method },
      '/{proxy+}': { 'x-amazon-apigateway-any-method': method },
    },
    ...extra,
  }
}

const resourcePolicyGateway = createGateway({
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
        { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: denyAdmin },
      ],
    },
  }),
  apiId: 'api123',
  stage: { name: 'prod' },
  logger: silentLogger,
})

const seenArns: string[] = []
const authorizerGateway = createGateway({
  api: restApi({}, [{ tok: [] }]),
  apiId: 'api123',
  stage: { name: 'prod' },
  lambdas: {
    Auth: async (event: { methodArn: string }) => {
      seenArns.push(event.methodArn)
      return {
        principalId: 'u',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${API}/*` },
            { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: denyAdmin },
          ],
        },
      }
    },
  },
  logger: silentLogger,
})

const routeArns: string[] = []
const httpApiGateway = createGateway({
  api: {
    openapi: '3.0.1',
    info: { title: 'paths', version: '1' },
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
    paths: Object.fromEntries(
      ['/admin', '/admin/{id}', '/public', '/{proxy+}'].map((path) => [
        path,
        {
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
      ]),
    ),
    'x-amazon-apigateway-importexport-version': '1.0',
  },
  apiId: 'hapi01',
  lambdas: {
    Auth: async (event: { routeArn: string }) => {
      routeArns.push(event.routeArn)
      return {
        principalId: 'u',
        policyDocument: {
          Statement: [
            { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' },
            {
              Effect: 'Deny',
              Action: 'execute-api:Invoke',
              Resource: ['*/GET/admin', '*/GET/admin/*'],
            },
          ],
        },
      }
    },
    Fn: async () => ({ statusCode: 200, body: 'reached' }),
  },
  logger: silentLogger,
})

const get = (path: string) => ({ method: 'GET', path, headers: { Authorization: 'token' } })

describe('path-normalisation-bypass', () => {
  describe('through invoke()', () => {
    it.each(ADMIN_SPELLINGS)('resource policy Deny meets %s', async (path, arnPath) => {
      const res = await resourcePolicyGateway.invoke(get(path))
      expect(res.statusCode).toBe(403)
      expect(JSON.parse(res.body)).toEqual({
        Message: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${API}/prod/GET${arnPath} with an explicit deny`,
      })
    })

    it.each(ADMIN_SPELLINGS)('Lambda authorizer Deny meets %s', async (path, arnPath) => {
      seenArns.length = 0
      const res = await authorizerGateway.invoke(get(path))
      expect(res.statusCode).toBe(403)
      expect(JSON.parse(res.body)).toEqual({
        Message: 'User is not authorized to access this resource with an explicit deny',
      })
      expect(seenArns).toEqual([`${API}/prod/GET${arnPath}`])
    })

    it.each(ADMIN_SPELLINGS)('HTTP API Lambda authorizer Deny meets %s', async (path, arnPath) => {
      routeArns.length = 0
      const res = await httpApiGateway.invoke(get(path))
      if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(path.split('#')[0] ?? '')) {
        // A dot segment a literal router would read elsewhere: refused before any route
        // (test/security/dot-segment-literal-router.test.ts).
        expect([res.statusCode, routeArns]).toEqual([404, []])
        return
      }
      expect(res.statusCode).toBe(403)
      expect(routeArns).toEqual([
        `arn:aws:execute-api:us-east-1:123456789012:hapi01/$default/GET${arnPath}`,
      ])
    })

    it('routes each spelling where its ARN points', async () => {
      for (const [path, arnPath] of ADMIN_SPELLINGS) {
        const gw = createGateway({
          api: restApi({}),
          stage: { name: 'prod' },
          logger: silentLogger,
        })
        const res = await gw.invoke(get(path))
        const template = arnPath === '/admin' ? '/admin' : '/admin/{id}'
        expect(JSON.parse(res.body), path).toEqual({ reached: template })
      }
    })

    it('keeps an encoded slash inside its segment, in routing and in the ARN', async () => {
      seenArns.length = 0
      const res = await authorizerGateway.invoke(get('/admin%2F1'))
      // One segment `admin/1`: not `/admin/{id}`, so the open `/{proxy+}` serves it, and its ARN
      // names that one segment.
      expect(JSON.parse(res.body)).toEqual({ reached: '/{proxy+}' })
      expect(seenArns).toEqual([`${API}/prod/GET/admin%2F1`])
      seenArns.length = 0
      await authorizerGateway.invoke(get('/public/a%2fb%25c%41'))
      expect(seenArns).toEqual([`${API}/prod/GET/public/a%2Fb%25cA`])
    })

    it('leaves other paths alone: case and lookalikes are different resources', async () => {
      for (const path of ['/ADMIN', '/admin.', '/%2e%2e%2fadmin', '/.admin', '/admin..']) {
        const res = await resourcePolicyGateway.invoke(get(path))
        expect(res.statusCode, path).toBe(200)
        expect(JSON.parse(res.body), path).toEqual({ reached: '/{proxy+}' })
      }
    })
  })

  describe('over a real socket (toNodeHandler, raw request targets)', () => {
    let servers: Array<Awaited<ReturnType<typeof listen>>> = []
    beforeAll(async () => {
      servers = await Promise.all(
        [resourcePolicyGateway, authorizerGateway].map((gw) => listen(toNodeHandler(gw))),
      )
    })
    afterAll(() => Promise.all(servers.map((s) => s.close())))

    it.each(ADMIN_SPELLINGS)('both policies deny GET /prod%s', async (path, arnPath) => {
      const [policyServer, authorizerServer] = servers as [(typeof servers)[0], (typeof servers)[0]]
      const byPolicy = await rawRequest(policyServer.port, 'GET', `/prod${path}`)
      expect(byPolicy.status).toBe(403)
      expect(byPolicy.body).toContain(`${API}/prod/GET${arnPath} with an explicit deny`)
      const byAuthorizer = await rawRequest(authorizerServer.port, 'GET', `/prod${path}`, {
        Authorization: 'token',
      })
      expect(byAuthorizer.status).toBe(403)
      expect(byAuthorizer.body).toContain('with an explicit deny')
    })

    it('a dot segment cannot climb out of the stage', async () => {
      const res = await rawRequest(servers[0]!.port, 'GET', '/prod/../admin')
      expect(res.status).toBe(403)
      expect(res.body).toContain(`${API}/prod/GET/admin with an explicit deny`)
    })
  })
})
