// Cognito user pool authorizers with real keys (jose) and a JWKS served over a real local server.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type LambdaProxyEvent } from '../../../src/index.js'
import { FakeClock } from '../../../src/testing/index.js'
import { lambdaUri } from '../../fixtures/mini-api.js'

const POOL = 'us-east-1_Abc123'
const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`
const START = Date.UTC(2026, 10, 21, 12, 0, 0)

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey']
let keys: Array<{ kid: string; privateKey: Key; jwk: JWK }> = []
let served: JWK[] = []
let fetches = 0
let server: Server
let jwksUrl = ''

async function newKey(kid: string, alg = 'RS256') {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }
  return { kid, privateKey, jwk }
}

beforeAll(async () => {
  keys = [await newKey('key-1')]
  served = [keys[0]!.jwk]
  server = createServer((_req, res) => {
    fetches++
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ keys: served }))
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`
})
afterAll(() => new Promise<void>((ok) => server.close(() => ok())))

function token(
  claims: Record<string, unknown>,
  options: { key?: (typeof keys)[number]; alg?: string; issuer?: string; exp?: number } = {},
) {
  const key = options.key ?? keys[0]!
  return new SignJWT({ token_use: 'id', sub: 'user-1', 'custom:role': 'admin', ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: key.kid })
    .setIssuer(options.issuer ?? ISSUER)
    .setIssuedAt(Math.floor(START / 1000))
    .setExpirationTime(options.exp ?? Math.floor(START / 1000) + 3600)
    .sign(key.privateKey)
}

function setup() {
  const events: LambdaProxyEvent[] = []
  const clock = new FakeClock(START)
  const method = (scopes: string[]) => ({
    security: [{ pool: scopes }],
    'x-amazon-apigateway-integration': {
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: lambdaUri('Fn'),
    },
  })
  const gateway = createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'cognito', version: '1' },
      securityDefinitions: {
        pool: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'cognito_user_pools',
          'x-amazon-apigateway-authorizer': {
            type: 'cognito_user_pools',
            providerARNs: [`arn:aws:cognito-idp:us-east-1:123456789012:userpool/${POOL}`],
          },
        },
      },
      paths: { '/me': { get: method([]) }, '/orders': { get: method(['shop/orders.read']) } },
    },
    // The pool's JWKS, fetched over HTTP from the local server.
    jwks: async (issuer) => {
      expect(issuer).toBe(ISSUER)
      return (await (await fetch(jwksUrl)).json()) as { keys: JWK[] }
    },
    clock,
    lambdas: { Fn: async (event: LambdaProxyEvent) => (events.push(event), { statusCode: 200 }) },
    logger: silentLogger,
  })
  const get = (path: string, auth?: string) =>
    gateway.invoke({
      method: 'GET',
      path,
      headers: auth === undefined ? {} : { Authorization: auth },
    })
  return { gateway, get, events, clock }
}

describe('Cognito user pool authorizer', () => {
  it('admits a valid ID token and passes its claims on', async () => {
    const { get, events } = setup()
    const res = await get('/me', await token({}))
    expect(res.statusCode).toBe(200)
    expect(events[0]?.requestContext['authorizer']).toMatchObject({
      claims: { sub: 'user-1', 'custom:role': 'admin', token_use: 'id', iss: ISSUER },
    })
  })

  // Source: AWS's Cognito authorizer workshop; aws-amplify/docs#959 (issue 14).
  it.each([
    ['Bearer ', 200],
    ['bearer ', 200],
    ['Bearer  ', 200],
    ['Basic ', 401],
  ])('accepts the token with a %j prefix as %i', async (prefix, status) => {
    const { get } = setup()
    const res = await get('/me', `${prefix}${await token({})}`)
    expect(res.statusCode).toBe(status)
  })

  it('answers 401 for a bare Bearer with no token', async () => {
    const { get } = setup()
    expect((await get('/me', 'Bearer ')).statusCode).toBe(401)
  })

  it('answers 401 for each bad token', async () => {
    const { get } = setup()
    const good = await token({})
    const [header, payload] = good.split('.')
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        sub: 'admin',
      }),
    ).toString('base64url')
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: 'key-1' })).toString('base64url')}.${payload}.`
    const es = await newKey('ec-1', 'ES256')
    const cases: Array<[string, string | undefined]> = [
      ['no token', undefined],
      ['garbage', 'not.a.jwt'],
      ['tampered payload', `${header}.${forged}.${good.split('.')[2]}`],
      ['alg none', none],
      [
        'wrong issuer',
        await token({}, { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/other' }),
      ],
      ['expired', await token({}, { exp: Math.floor(START / 1000) - 1 })],
      [
        'not yet valid',
        await new SignJWT({ token_use: 'id' })
          .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
          .setIssuer(ISSUER)
          .setNotBefore(Math.floor(START / 1000) + 600)
          .setExpirationTime(Math.floor(START / 1000) + 3600)
          .sign(keys[0]!.privateKey),
      ],
      ['ES256 (Cognito signs RS256)', await token({}, { key: es, alg: 'ES256' })],
      ['an access token where an ID token is needed', await token({ token_use: 'access' })],
    ]
    for (const [name, auth] of cases) {
      const res = await get('/me', auth)
      expect([name, res.statusCode, res.body]).toEqual([name, 401, '{"message":"Unauthorized"}'])
    }
  })

  it('with method scopes, needs an access token holding one of them', async () => {
    const { get } = setup()
    expect(
      (await get('/orders', await token({ token_use: 'access', scope: 'openid shop/orders.read' })))
        .statusCode,
    ).toBe(200)
    expect(
      (await get('/orders', await token({ token_use: 'access', scope: 'shop/other' }))).statusCode,
    ).toBe(401)
    expect((await get('/orders', await token({ token_use: 'id' }))).statusCode).toBe(401)
  })

  it('expires a cached token at its exp on the injected clock', async () => {
    const { get, clock } = setup()
    const short = await token({}, { exp: Math.floor(START / 1000) + 10 })
    expect((await get('/me', short)).statusCode).toBe(200)
    expect((await get('/me', short)).statusCode).toBe(200)
    await clock.advance(11_000)
    expect((await get('/me', short)).statusCode).toBe(401)
  })

  it('follows key rotation: a token from a new key loads the JWKS again', async () => {
    const { get, clock } = setup()
    expect((await get('/me', await token({}))).statusCode).toBe(200)
    const before = fetches
    const rotated = await newKey('key-2')
    keys.push(rotated)
    served = [keys[0]!.jwk, rotated.jwk]
    await clock.advance(31_000)
    const res = await get('/me', await token({}, { key: rotated }))
    expect(res.statusCode).toBe(200)
    expect(fetches).toBe(before + 1)
  })
})
