// HTTP_PROXY backends never receive a path that routing would have sent to a different, better
// protected resource. Routing resolves dot segments first (so `/public/../admin` is `/admin`, with
// `/admin`'s authorizer), and values placed in a backend URL are encoded so that URL parsing
// (WHATWG URL, used by `fetch`) cannot re-route them: it resolves `..`, `%2e%2e`, `.%2E`, treats
// `\` as `/` and deletes tabs. A value that still holds a dot segment (only possible from a mapped
// header or query value) is refused with a 500 and never sent. Evidence: WHATWG URL "path state"
// (https://url.spec.whatwg.org/#path-state); AWS answers a bad endpoint path with a 500
// (https://repost.aws/knowledge-center/api-gateway-proxy-path-character-error).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'
import { toNodeHandler } from '../../src/node.js'
import { lambdaUri, tokenAuthorizerScheme } from '../fixtures/mini-api.js'
import { listen, rawRequest } from '../fixtures/raw-http.js'

/** Spellings of `/admin` reached through an open `/public` prefix. */
const TRAVERSALS = [
  '/public/../admin',
  '/public/%2e%2e/admin',
  '/public/%2E%2E/admin',
  '/public/.%2e/admin',
  '/public/%2e./admin',
  '/./admin',
  '/%2e/admin',
  '/public/x/../../admin',
  '//admin',
  '/admin/',
]

/** Paths the open `/{proxy+}` serves, and the path the backend must receive for each. */
const PROXIED: ReadonlyArray<readonly [path: string, backendPath: string]> = [
  ['/public/a', '/public/a'],
  ['/public/..\\admin', '/public/..%5Cadmin'], // `\` is a slash to WHATWG URL
  ['/public/.\t./admin', '/public/.%09./admin'], // WHATWG URL deletes tabs
  ['/public/%2e%2e%2fadmin', '/public/%2e%2e%2fadmin'], // one segment
  ['/public/a?x=1', '/public/a?x=1'],
]

let backend: Awaited<ReturnType<typeof listen>>
const received: string[] = []
beforeAll(async () => {
  backend = await listen((req, res) => {
    received.push(req.url ?? '')
    res.writeHead(200, { 'Content-Type': 'text/plain' })
    res.end(`backend saw ${req.url}`)
  })
})
afterAll(() => backend.close())
beforeEach(() => {
  received.length = 0
})
const origin = () => `http://127.0.0.1:${backend.port}`

function restGateway() {
  const proxy = (uri: string, security: unknown[], requestParameters: Record<string, string>) => ({
    security,
    responses: { 200: { description: 'ok' } },
    'x-amazon-apigateway-integration': {
      type: 'http_proxy',
      httpMethod: 'ANY',
      uri,
      requestParameters,
    },
  })
  return createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'traversal', version: '1' },
      securityDefinitions: { tok: tokenAuthorizerScheme() },
      paths: {
        '/admin': { get: proxy(`${origin()}/admin`, [{ tok: [] }], {}) },
        '/named': {
          get: proxy(`${origin()}/files/{name}`, [], {
            'integration.request.path.name': 'method.request.header.x-name',
          }),
        },
        '/{proxy+}': {
          'x-amazon-apigateway-any-method': proxy(`${origin()}/{proxy}`, [], {
            'integration.request.path.proxy': 'method.request.path.proxy',
          }),
        },
      },
    },
    stage: { name: 'prod' },
    lambdas: {
      Auth: async (event: { authorizationToken: string; methodArn: string }) => ({
        principalId: 'u',
        policyDocument: {
          Statement: [
            {
              Effect: event.authorizationToken === 'good' ? 'Allow' : 'Deny',
              Action: 'execute-api:Invoke',
              Resource: event.methodArn,
            },
          ],
        },
      }),
    },
    logger: silentLogger,
  })
}

function httpApiGateway(withDefaultRoute: boolean) {
  const integration = (uri: string, requestParameters: Record<string, string> = {}) => ({
    type: 'http_proxy',
    httpMethod: 'ANY',
    uri,
    payloadFormatVersion: '1.0',
    requestParameters,
  })
  const paths: Record<string, unknown> = {
    '/admin': {
      get: {
        security: [{ auth: [] }],
        'x-amazon-apigateway-integration': integration(`${origin()}/admin`),
      },
    },
    '/named': {
      get: {
        'x-amazon-apigateway-integration': integration(`${origin()}/files`, {
          'overwrite:path': '$request.header.x-name',
        }),
      },
    },
    '/files/{name}': {
      get: { 'x-amazon-apigateway-integration': integration(`${origin()}/files/{name}`) },
    },
  }
  if (withDefaultRoute)
    paths['/$default'] = {
      'x-amazon-apigateway-any-method': {
        'x-amazon-apigateway-integration': integration(origin()),
      },
    }
  else
    paths['/{proxy+}'] = {
      'x-amazon-apigateway-any-method': {
        'x-amazon-apigateway-integration': integration(`${origin()}/{proxy}`),
      },
    }
  return createGateway({
    api: {
      openapi: '3.0.1',
      info: { title: 'traversal', version: '1' },
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
              enableSimpleResponses: true,
            },
          },
        },
      },
      paths,
      'x-amazon-apigateway-importexport-version': '1.0',
    },
    lambdas: {
      Auth: async (event: { identitySource: string[] }) => ({
        isAuthorized: event.identitySource[0] === 'good',
      }),
    },
    logger: silentLogger,
  })
}

const kinds = [
  ['REST HTTP_PROXY {proxy+}', () => restGateway(), 'prod'],
  ['HTTP API HTTP_PROXY {proxy+}', () => httpApiGateway(false), undefined],
  ['HTTP API HTTP_PROXY $default', () => httpApiGateway(true), undefined],
] as const

const call = (
  gw: ReturnType<typeof createGateway>,
  path: string,
  headers: Record<string, string> = {},
) => gw.invoke({ method: 'GET', path, headers: { Authorization: 'bad', ...headers } })

describe('backend-path-traversal', () => {
  describe.each(kinds)('%s', (_, make, stage) => {
    let gw: ReturnType<typeof createGateway>
    beforeAll(() => {
      gw = make() // after the backend listens: its port is in the URIs
    })

    it.each(TRAVERSALS)(
      "%s meets /admin's authorizer and never reaches the backend",
      async (path) => {
        const res = await call(gw, path)
        expect(res.statusCode).toBe(403)
        expect(received).toEqual([])
        const allowed = await call(gw, path, { Authorization: 'good' })
        expect(allowed.statusCode).toBe(200)
        expect(received).toEqual(['/admin'])
      },
    )

    it.each(PROXIED)('%s reaches the backend as %s', async (path, backendPath) => {
      const res = await call(gw, path)
      expect(res.statusCode).toBe(200)
      expect(received).toEqual([backendPath])
    })

    it.each(['..', '../admin', 'a/%2e%2e/admin', '.', '%2E'])(
      'a mapped value %s holding a dot segment is refused',
      async (name) => {
        const res = await call(gw, '/named', { 'x-name': name })
        expect(res.statusCode).toBe(500)
        expect(received).toEqual([])
      },
    )

    describe('over a real socket (toNodeHandler, raw request targets)', () => {
      let server: Awaited<ReturnType<typeof listen>>
      beforeAll(async () => {
        server = await listen(toNodeHandler(gw))
      })
      afterAll(() => server.close())
      const prefix = stage ? `/${stage}` : ''

      it.each(TRAVERSALS)("GET %s meets /admin's authorizer", async (path) => {
        const res = await rawRequest(server.port, 'GET', `${prefix}${path}`, {
          Authorization: 'bad',
        })
        expect(res.status).toBe(403)
        expect(received).toEqual([])
      })

      it('an encoded dot segment in an open path never resolves at the backend', async () => {
        const res = await rawRequest(server.port, 'GET', `${prefix}/public/%2e%2e%2fadmin`)
        expect(res.status).toBe(200)
        expect(received).toEqual(['/public/%2e%2e%2fadmin'])
      })
    })
  })
})
