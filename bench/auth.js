// Authorizer costs: a Cognito-protected MOCK route with a repeated (cached) token vs the same
// route without auth, and jose's RS256 verification (what an uncached token costs).
import { exportJWK, generateKeyPair, SignJWT, createLocalJWKSet, jwtVerify } from 'jose'
import { createGateway, silentLogger } from '../dist/index.js'

const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Bench'

async function time(fn, iterations) {
  for (let i = 0; i < Math.min(iterations, 5000); i++) await fn()
  const start = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) await fn()
  return Number(process.hrtime.bigint() - start) / iterations / 1000
}

export async function runAuthBench(quick) {
  const { privateKey, publicKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }
  const token = await new SignJWT({ token_use: 'id', sub: 'u' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setExpirationTime('2h')
    .sign(privateKey)
  const responses = { 200: { description: 'ok' } }
  const mock = {
    type: 'mock',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    responses: { default: { statusCode: '200' } },
  }
  const gateway = createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'bench', version: '1' },
      securityDefinitions: {
        pool: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'cognito_user_pools',
          'x-amazon-apigateway-authorizer': {
            type: 'cognito_user_pools',
            providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Bench'],
          },
        },
      },
      paths: {
        '/open': { get: { responses, 'x-amazon-apigateway-integration': mock } },
        '/secure': {
          get: { responses, security: [{ pool: [] }], 'x-amazon-apigateway-integration': mock },
        },
      },
    },
    jwks: { [ISSUER]: { keys: [jwk] } },
    accountThrottle: { rateLimit: 1e9, burstLimit: 1e9 },
    logger: silentLogger,
  })
  const secure = { method: 'GET', path: '/secure', headers: { Authorization: token } }
  if ((await gateway.invoke(secure)).statusCode !== 200) throw new Error('bench: token refused')
  const n = quick ? 5000 : 50000
  const open = await time(() => gateway.invoke({ method: 'GET', path: '/open' }), n)
  const cached = await time(() => gateway.invoke(secure), n)
  const keySet = createLocalJWKSet({ keys: [jwk] })
  const verify = await time(() => jwtVerify(token, keySet, { issuer: ISSUER }), quick ? 500 : 5000)
  return { open, cached, verify }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runAuthBench(process.argv.includes('--quick'))
  console.log(
    `MOCK route ${r.open.toFixed(2)} µs; with Cognito, token cached ${r.cached.toFixed(2)} µs (+${(r.cached - r.open).toFixed(2)} µs); jose RS256 verify ${r.verify.toFixed(1)} µs`,
  )
}
