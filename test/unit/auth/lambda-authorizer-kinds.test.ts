// Every row of LAMBDA_AUTHORIZER_FACTS (the one table of how REST, HTTP and WebSocket APIs answer
// each Lambda authorizer situation), through the public APIs: createGateway(...).invoke(...) and
// createWebSocketGateway(...).connect(...). Each row carries its source in the table.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
import { describe, expect, it } from 'vitest'
import {
  ConnectionError,
  createGateway,
  createWebSocketGateway,
  silentLogger,
} from '../../../src/index.js'
import {
  LAMBDA_AUTHORIZER_FACTS,
  type AuthorizerApiKind,
  type AuthorizerSituation,
} from '../../../src/auth/lambda-authorizer-core/index.js'
import { FakeClock } from '../../../src/testing/index.js'
import { lambdaUri } from '../../fixtures/mini-api.js'

type Json = Record<string, unknown>

const ALLOW_ALL = {
  Version: '2012-10-17',
  Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }],
}

/** The authorizer function: what it does is chosen by the identity value (the token). */
function authorizerFor(calls: string[]) {
  return (event: Json) => {
    const headers = (event['headers'] ?? {}) as Record<string, string>
    const token =
      (event['authorizationToken'] as string | undefined) ??
      headers['Authorization'] ??
      headers['authorization'] ??
      ''
    calls.push(token)
    switch (token) {
      case 'unauthorized':
        return Promise.reject(new Error('Unauthorized'))
      case 'boom':
        return Promise.reject(new Error('database down'))
      case 'slow':
        return new Promise(() => {})
      case 'malformed':
        return Promise.resolve({ principalId: 'u' })
      case 'deny':
        return Promise.resolve({
          principalId: 'u',
          policyDocument: { Statement: [{ ...ALLOW_ALL.Statement[0], Effect: 'Deny' }] },
        })
      case 'nothing':
        return Promise.resolve({
          principalId: 'u',
          policyDocument: {
            Statement: [{ ...ALLOW_ALL.Statement[0], Resource: 'arn:aws:execute-api:*:*:other/*' }],
          },
        })
      case 'simple-false':
        return Promise.resolve({ isAuthorized: false })
      case 'object-context':
        return Promise.resolve({
          principalId: 'u-obj',
          policyDocument: ALLOW_ALL,
          context: { nested: { a: 1 }, list: ['x'] },
        })
      default:
        return Promise.resolve({
          principalId: `u-${token}`,
          policyDocument: ALLOW_ALL,
          context: { tier: 'gold', level: 3, admin: false },
        })
    }
  }
}

interface Reply {
  status: number
  body: string
  type?: string
  /** The integration's `requestContext.authorizer` on an Allow. */
  authorizer?: unknown
}

interface Harness {
  readonly clock: FakeClock
  readonly calls: string[]
  /** Sends a request (or opens a connection) with this token; undefined sends none. */
  send(token: string | undefined): Promise<Reply>
}

interface Options {
  withHandler?: boolean
  ttl?: number
}

function restHarness({ withHandler = true, ttl = 0 }: Options = {}): Harness {
  const clock = new FakeClock(Date.UTC(2026, 10, 30))
  const calls: string[] = []
  const seen: Json[] = []
  const gateway = createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'kinds', version: '1' },
      securityDefinitions: {
        auth: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': {
            type: 'token',
            authorizerUri: lambdaUri('Auth'),
            ...(ttl < 0 ? {} : { authorizerResultTtlInSeconds: ttl }),
          },
        },
      },
      paths: {
        '/pets': {
          get: {
            security: [{ auth: [] }],
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: lambdaUri('Fn'),
            },
          },
        },
      },
    },
    apiId: 'restapi1',
    stage: { name: 'prod' },
    clock,
    lambdas: {
      ...(withHandler ? { Auth: authorizerFor(calls) } : {}),
      Fn: async (event: Json) => (seen.push(event), { statusCode: 200, body: 'in' }),
    },
    logger: silentLogger,
  })
  return {
    clock,
    calls,
    async send(token) {
      const res = await gateway.invoke({
        method: 'GET',
        path: '/pets',
        headers: token === undefined ? {} : { Authorization: token },
      })
      const event = seen.pop()
      return {
        status: res.statusCode,
        body: res.body,
        authorizer: (event?.['requestContext'] as Json | undefined)?.['authorizer'],
      }
    },
  }
}

function httpHarness({ withHandler = true, ttl = -1 }: Options = {}): Harness {
  const clock = new FakeClock(Date.UTC(2026, 10, 30))
  const calls: string[] = []
  const seen: Json[] = []
  const gateway = createGateway({
    api: {
      openapi: '3.0.1',
      info: { title: 'kinds', version: '1' },
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
              ...(ttl < 0 ? {} : { authorizerResultTtlInSeconds: ttl }),
            },
          },
        },
      },
      paths: {
        '/pets': {
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
    apiId: 'httpapi1',
    clock,
    lambdas: {
      ...(withHandler ? { Auth: authorizerFor(calls) } : {}),
      Fn: async (event: Json) => (seen.push(event), { statusCode: 200, body: 'in' }),
    },
    logger: silentLogger,
  })
  return {
    clock,
    calls,
    async send(token) {
      const res = await gateway.invoke({
        method: 'GET',
        path: '/pets',
        headers: token === undefined ? {} : { Authorization: token },
      })
      const event = seen.pop()
      return {
        status: res.statusCode,
        body: res.body,
        authorizer: (event?.['requestContext'] as Json | undefined)?.['authorizer'],
      }
    },
  }
}

function webSocketHarness({ withHandler = true }: Options = {}): Harness {
  const clock = new FakeClock(Date.UTC(2026, 10, 30))
  const calls: string[] = []
  const seen: Json[] = []
  const gateway = createWebSocketGateway({
    api: {
      routes: { $connect: { lambda: 'Connect' }, $default: { lambda: 'Message' } },
      authorizer: { lambda: 'Auth', identitySource: ['route.request.header.Authorization'] },
    },
    stage: { name: 'prod' },
    apiId: 'wsapi1',
    clock,
    lambdas: {
      ...(withHandler ? { Auth: authorizerFor(calls) } : {}),
      Connect: async () => ({ statusCode: 200 }),
      Message: async (event: Json) => (seen.push(event), { statusCode: 200 }),
    },
    logger: silentLogger,
  })
  return {
    clock,
    calls,
    async send(token) {
      try {
        const id = await gateway.connect(
          { headers: token === undefined ? {} : { Authorization: token } },
          { send: () => {}, close: () => {} },
        )
        await gateway.receive(id, 'hello')
        const event = seen.pop()
        return {
          status: 200,
          body: '',
          authorizer: (event?.['requestContext'] as Json | undefined)?.['authorizer'],
        }
      } catch (error) {
        if (!(error instanceof ConnectionError)) throw error
        return { status: error.statusCode, body: error.message, type: error.errorType }
      }
    },
  }
}

const HARNESSES: Record<AuthorizerApiKind, (options?: Options) => Harness> = {
  REST: restHarness,
  HTTP: httpHarness,
  WEBSOCKET: webSocketHarness,
}

/** The token that brings each situation about. */
const TOKENS: Record<AuthorizerSituation, string | undefined> = {
  missingIdentity: undefined,
  unauthorizedError: 'unauthorized',
  handlerError: 'boom',
  timeout: 'slow',
  noHandler: 'good',
  malformedOutput: 'malformed',
  explicitDeny: 'deny',
  implicitDeny: 'nothing',
  simpleResponseFalse: 'simple-false',
}

const KINDS = Object.keys(LAMBDA_AUTHORIZER_FACTS) as AuthorizerApiKind[]
const ROWS = KINDS.flatMap((kind) =>
  (Object.keys(TOKENS) as AuthorizerSituation[]).flatMap((situation) => {
    const answer = LAMBDA_AUTHORIZER_FACTS[kind].answers[situation]
    return answer ? [{ kind, situation, answer }] : []
  }),
)

describe('LAMBDA_AUTHORIZER_FACTS answers, through the public API', () => {
  it.each(ROWS)('$kind $situation → $answer.status $answer.body ($answer.source)', async (row) => {
    const harness = HARNESSES[row.kind]({ withHandler: row.situation !== 'noHandler' })
    const pending = harness.send(TOKENS[row.situation])
    if (row.situation === 'timeout') {
      // Not answered a millisecond before the kind's deadline; answered at it.
      const timeoutMs = LAMBDA_AUTHORIZER_FACTS[row.kind].timeoutMs
      let settled = false
      void pending.then(() => (settled = true))
      await harness.clock.advance(timeoutMs - 1)
      expect(settled).toBe(false)
      await harness.clock.advance(1)
    }
    const reply = await pending
    expect({ status: reply.status, body: reply.body }).toEqual({
      status: row.answer.status,
      body: row.answer.body,
    })
    if (row.kind === 'WEBSOCKET') expect(reply.type).toBe(row.answer.type)
    // A missing identity source never calls the function.
    if (row.situation === 'missingIdentity') expect(harness.calls).toEqual([])
  })

  it('every kind answers every situation AWS can produce for it', () => {
    expect(ROWS.map((r) => `${r.kind}:${r.situation}`)).toHaveLength(9 + 8 + 8)
  })
})

describe('LAMBDA_AUTHORIZER_FACTS context rows', () => {
  const allowed: Record<AuthorizerApiKind, unknown> = {
    // requestContext.authorizer = { principalId, values as strings, integrationLatency }
    REST: {
      principalId: 'u-good',
      tier: 'gold',
      level: '3',
      admin: 'false',
      integrationLatency: 0,
    },
    // requestContext.authorizer.lambda = context as returned, with principalId (policy answer)
    HTTP: { lambda: { tier: 'gold', level: 3, admin: false, principalId: 'u-good' } },
    // requestContext.authorizer = { principalId, values as strings }
    WEBSOCKET: { principalId: 'u-good', tier: 'gold', level: '3', admin: 'false' },
  }
  it.each(KINDS)(
    '%s: the integration sees the authorizer context as the table says',
    async (kind) => {
      const reply = await HARNESSES[kind]().send('good')
      expect(reply.status).toBe(200)
      expect(reply.authorizer).toEqual(allowed[kind])
      expect(LAMBDA_AUTHORIZER_FACTS[kind].authorizerContext).toContain('principalId')
    },
  )

  it.each(KINDS)(
    '%s: context values that are objects or arrays follow contextValues',
    async (kind) => {
      const facts = LAMBDA_AUTHORIZER_FACTS[kind]
      const reply = await HARNESSES[kind]().send('object-context')
      if (facts.contextValues === 'scalars') {
        expect(reply.status).toBe(facts.answers.malformedOutput?.status)
        expect(reply.body).toBe(facts.answers.malformedOutput?.body)
      } else {
        expect(reply.status).toBe(200)
        expect(reply.authorizer).toEqual({
          lambda: { nested: { a: 1 }, list: ['x'], principalId: 'u-obj' },
        })
      }
    },
  )
})

describe('LAMBDA_AUTHORIZER_FACTS cache rows', () => {
  it.each(KINDS)('%s: the default TTL (none in the definition)', async (kind) => {
    const cache = LAMBDA_AUTHORIZER_FACTS[kind].cache
    const harness = HARNESSES[kind]({ ttl: -1 })
    await harness.send('good')
    await harness.send('good')
    const cached = cache !== undefined && cache.defaultTtlSeconds > 0
    expect(harness.calls).toHaveLength(cached ? 1 : 2)
    if (!cached) return
    await harness.clock.advance(cache.defaultTtlSeconds * 1000)
    await harness.send('good')
    expect(harness.calls).toHaveLength(2)
  })

  it.each(['REST', 'HTTP'] as const)('%s: TTL 0 turns the cache off', async (kind) => {
    const harness = HARNESSES[kind]({ ttl: 0 })
    await harness.send('good')
    await harness.send('good')
    expect(harness.calls).toHaveLength(2)
  })

  it.each(['REST', 'HTTP'] as const)('%s: a TTL over the maximum is a ConfigError', (kind) => {
    const max = LAMBDA_AUTHORIZER_FACTS[kind].cache?.maxTtlSeconds ?? 0
    expect(max).toBe(3600)
    expect(() => HARNESSES[kind]({ ttl: max + 1 })).toThrow(/authorizerResultTtlInSeconds/)
    expect(() => HARNESSES[kind]({ ttl: max })).not.toThrow()
  })
})
