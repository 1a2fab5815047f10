// HTTP API JWT authorizers with real keys and OpenID discovery over a real local server.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { FakeClock } from '../../../src/testing/index.js'

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0)
type Key = {
  kid: string
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey']
  jwk: JWK
}
let issuer = ''
let server: Server
let served: JWK[] = []
let key1: Key
const fetched: string[] = []

async function newKey(kid: string, alg = 'RS256'): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg } }
}

beforeAll(async () => {
  key1 = await newKey('k1')
  served = [key1.jwk]
  server = createServer((req, res) => {
    fetched.push(req.url ?? '')
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(
      req.url === '/.well-known/openid-configuration'
        ? JSON.stringify({ issuer, jwks_uri: `${issuer}/keys` })
        : JSON.stringify({ keys: served }),
    )
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((ok) => server.close(() => ok())))

const sign = (
  claims: Record<string, unknown>,
  o: { key?: Key; alg?: string; iss?: string; exp?: number } = {},
) =>
  new SignJWT({ sub: 'u1', aud: 'my-app', ...claims })
    .setProtectedHeader({ alg: o.alg ?? 'RS256', kid: (o.key ?? key1).kid })
    .setIssuer(o.iss ?? issuer)
    .setIssuedAt(Math.floor(NOW / 1000))
    .setExpirationTime(o.exp ?? Math.floor(NOW / 1000) + 600)
    .sign((o.key ?? key1).privateKey)

function setup() {
  const clock = new FakeClock(NOW)
  const events: Array<Record<string, any>> = [] // eslint-disable-line @typescript-eslint/no-explicit-any
  const route = (scopes: string[]) => ({
    security: [{ jwt: scopes }],
    'x-amazon-apigateway-integration': {
      payloadFormatVersion: '2.0',
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
    },
  })
  const gateway = createGateway({
    api: {
      openapi: '3.0.1',
      info: { title: 'jwt', version: '1' },
      components: {
        securitySchemes: {
          jwt: {
            type: 'oauth2',
            flows: {},
            'x-amazon-apigateway-authorizer': {
              type: 'jwt',
              identitySource: '$request.header.Authorization',
              jwtConfiguration: { issuer, audience: ['my-app'] },
            },
          },
        },
      },
      paths: { '/me': { get: route([]) }, '/pets': { get: route(['pets:read']) } },
      'x-amazon-apigateway-importexport-version': '1.0',
    },
    clock,
    lambdas: {
      Fn: async (event: Record<string, unknown>) => (
        events.push(event),
        { statusCode: 200, body: 'in' }
      ),
    },
    logger: silentLogger,
  })
  const get = (path: string, auth?: string) =>
    gateway.invoke({
      method: 'GET',
      path,
      headers: auth === undefined ? {} : { Authorization: auth },
    })
  return { get, events, clock }
}

describe('HTTP API JWT authorizer', () => {
  it('admits a valid token (Bearer or raw) and passes claims and scopes on', async () => {
    const { get, events } = setup()
    const token = await sign({ scope: 'openid pets:read' })
    expect((await get('/me', `Bearer ${token}`)).statusCode).toBe(200)
    expect((await get('/me', token)).statusCode).toBe(200)
    expect(events[0]?.['requestContext']['authorizer']).toEqual({
      jwt: {
        claims: expect.objectContaining({ sub: 'u1', aud: 'my-app', iss: issuer }),
        scopes: ['openid', 'pets:read'],
      },
    })
    expect(fetched).toContain('/.well-known/openid-configuration')
    expect(fetched).toContain('/keys')
  })

  it('answers 401 with www-authenticate for each bad token', async () => {
    const { get } = setup()
    const good = await sign({})
    const [h, p, s] = good.split('.')
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'root' }),
    ).toString('base64url')
    const cases: Array<[string, string | undefined, string]> = [
      ['missing', undefined, 'the token is missing'],
      ['wrong audience', await sign({ aud: 'other' }), 'the token does not have a valid audience'],
      ['expired', await sign({}, { exp: Math.floor(NOW / 1000) - 10 }), 'the token has expired'],
      [
        'wrong issuer',
        await sign({}, { iss: 'https://evil.example.com' }),
        'the token is not valid',
      ],
      ['tampered', `${h}.${forged}.${s}`, 'the token is not valid'],
      [
        'ES256 (RSA only)',
        await sign({}, { key: await newKey('ec', 'ES256'), alg: 'ES256' }),
        'the token is not valid',
      ],
      [
        'alg none',
        `${Buffer.from('{"alg":"none","kid":"k1"}').toString('base64url')}.${p}.`,
        'the token is not valid',
      ],
    ]
    for (const [name, token, description] of cases) {
      const res = await get('/me', token === undefined ? undefined : `Bearer ${token}`)
      expect([name, res.statusCode, res.body]).toEqual([name, 401, '{"message":"Unauthorized"}'])
      expect(res.headers['www-authenticate']).toBe(
        `Bearer scope="" error="invalid_token" error_description="${description}"`,
      )
    }
  })

  it('accepts client_id as the audience, and checks route scopes in scope or scp', async () => {
    const { get } = setup()
    expect((await get('/me', await sign({ aud: undefined, client_id: 'my-app' }))).statusCode).toBe(
      200,
    )
    expect((await get('/pets', await sign({ scp: ['pets:read'] }))).statusCode).toBe(200)
    const res = await get('/pets', await sign({ scope: 'other' }))
    expect([res.statusCode, res.body]).toEqual([403, '{"message":"Forbidden"}'])
    expect(res.headers['www-authenticate']).toMatch(/error="insufficient_scope"/)
  })

  it('follows key rotation', async () => {
    const { get, clock } = setup()
    expect((await get('/me', await sign({}))).statusCode).toBe(200)
    const key2 = await newKey('k2')
    served = [key1.jwk, key2.jwk]
    await clock.advance(31_000)
    expect((await get('/me', await sign({}, { key: key2 }))).statusCode).toBe(200)
  })
})
