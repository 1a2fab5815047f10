// HTTP API JWT authorizers apply each check of AWS's list, with real RSA keys and jose.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
// ("kid … iss … aud or client_id – Must match one of the audience entries configured for the
// authorizer. API Gateway validates client_id only if aud is not present. … exp … nbf … iat …
// scope or scp"; "API Gateway supports only RSA-based algorithms")
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'
import { FakeClock } from '../../src/testing/index.js'

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0)
const T = Math.floor(NOW / 1000)
const ISSUER = 'https://issuer.example.com'
type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey']
let rsa: Key
let ec: Key
const keys: JWK[] = []

beforeAll(async () => {
  const r = await generateKeyPair('RS256', { extractable: true })
  const e = await generateKeyPair('ES256', { extractable: true })
  rsa = r.privateKey
  ec = e.privateKey
  keys.push({ ...(await exportJWK(r.publicKey)), kid: 'rsa', alg: 'RS256' })
  keys.push({ ...(await exportJWK(e.publicKey)), kid: 'ec', alg: 'ES256' })
})

interface Token {
  claims?: Record<string, unknown>
  header?: { alg?: string; kid?: string | undefined }
}
const BASE: Record<string, unknown> = {
  sub: 'u1',
  iss: ISSUER,
  aud: 'my-app',
  iat: T,
  exp: T + 600,
}

async function sign({ claims = {}, header = {} }: Token): Promise<string> {
  const alg = header.alg ?? 'RS256'
  const kid = 'kid' in header ? header.kid : alg === 'ES256' ? 'ec' : 'rsa'
  const payload = Object.fromEntries(
    Object.entries({ ...BASE, ...claims }).filter(([, v]) => v !== undefined),
  )
  return new SignJWT(payload)
    .setProtectedHeader({ alg, ...(kid === undefined ? {} : { kid }) })
    .sign(alg === 'ES256' ? ec : rsa)
}

/** [case, token, route scopes, status, error_description] (a status 200 has no description) */
const CASES: Array<[string, Token, string[], number, string?]> = [
  ['aud matches', {}, [], 200],
  ['aud list with a match', { claims: { aud: ['other', 'my-app'] } }, [], 200],
  [
    'aud other-app, client_id my-app',
    { claims: { aud: 'other-app', client_id: 'my-app' } },
    [],
    401,
    'the token does not have a valid audience',
  ],
  [
    'aud [] and client_id my-app',
    { claims: { aud: [], client_id: 'my-app' } },
    [],
    401,
    'the token does not have a valid audience',
  ],
  ['no aud, client_id my-app', { claims: { aud: undefined, client_id: 'my-app' } }, [], 200],
  [
    'no aud, client_id other',
    { claims: { aud: undefined, client_id: 'other' } },
    [],
    401,
    'the token does not have a valid audience',
  ],
  [
    'neither aud nor client_id',
    { claims: { aud: undefined } },
    [],
    401,
    'the token does not have a valid audience',
  ],
  ['iss other', { claims: { iss: 'https://evil.example.com' } }, [], 401, 'the token is not valid'],
  ['no kid', { header: { kid: undefined } }, [], 401, 'the token is not valid'],
  ['unknown kid', { header: { kid: 'nope' } }, [], 401, 'the token is not valid'],
  ['ES256 (RSA only)', { header: { alg: 'ES256' } }, [], 401, 'the token is not valid'],
  ['exp now', { claims: { exp: T } }, [], 401, 'the token has expired'],
  ['no exp', { claims: { exp: undefined } }, [], 401, 'the token is not valid'],
  ['nbf in the future', { claims: { nbf: T + 60 } }, [], 401, 'the token is not valid'],
  ['nbf now', { claims: { nbf: T } }, [], 200],
  ['iat in the future', { claims: { iat: T + 60 } }, [], 401, 'the token was issued in the future'],
  ['scope grants one route scope', { claims: { scope: 'a pets:read' } }, ['pets:read', 'x'], 200],
  ['scp list grants it', { claims: { scp: ['pets:read'] } }, ['pets:read'], 200],
  [
    'no route scope',
    { claims: { scope: 'a b' } },
    ['pets:read'],
    403,
    'the token does not have the required scope',
  ],
]

/** An HTTP API whose GET /me needs a JWT from ISSUER for audience my-app, with `scopes`. */
const jwtApi = (scopes: string[]) => ({
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
          jwtConfiguration: { issuer: ISSUER, audience: ['my-app'] },
        },
      },
    },
  },
  paths: {
    '/me': {
      get: {
        security: [{ jwt: scopes }],
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
})

describe('jwt-audience', () => {
  it.each(CASES)('%s', async (_, token, scopes, status, description) => {
    const called: unknown[] = []
    const gateway = createGateway({
      api: jwtApi(scopes),
      clock: new FakeClock(NOW),
      jwks: { [ISSUER]: { keys } },
      lambdas: {
        Fn: async (event: unknown) => (called.push(event), { statusCode: 200, body: 'in' }),
      },
      logger: silentLogger,
    })
    const res = await gateway.invoke({
      method: 'GET',
      path: '/me',
      headers: { Authorization: `Bearer ${await sign(token)}` },
    })
    expect(res.statusCode).toBe(status)
    expect(called).toHaveLength(status === 200 ? 1 : 0)
    if (description !== undefined)
      expect(res.headers['www-authenticate']).toBe(
        `Bearer scope="" error="${status === 403 ? 'insufficient_scope' : 'invalid_token'}" error_description="${description}"`,
      )
  })
})

// Found by the standing attack suite (auth target): a token verified once stayed accepted from
// the verified-token cache after the clock was set back before its iat/nbf.
describe('verified-token cache and the validity window', () => {
  it.each([
    ['iat', { iat: T }],
    ['nbf', { nbf: T, iat: T - 60 }],
  ])('a cached token is refused once the clock is before its %s', async (_, claims) => {
    let now = NOW
    const gateway = createGateway({
      api: jwtApi([]),
      now: () => now,
      jwks: { [ISSUER]: { keys } },
      lambdas: { Fn: async () => ({ statusCode: 200, body: 'in' }) },
      logger: silentLogger,
    })
    const headers = { Authorization: `Bearer ${await sign({ claims })}` }
    const first = await gateway.invoke({ method: 'GET', path: '/me', headers })
    expect(first.statusCode).toBe(200)
    now = NOW - 16 * 60_000
    const later = await gateway.invoke({ method: 'GET', path: '/me', headers })
    expect(later.statusCode).toBe(401)
  })
})
