// `portico serve` with Cognito JWKS and IAM credentials from the config file: real RS256 keys
// (jose), real SigV4 signatures (aws4), over real sockets.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import aws4 from 'aws4'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { serveCli } from './run-cli.js'

const POOL = 'us-east-1_CliPool'
const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`
const FN =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Who/invocations'

describe('portico serve: jwks and credentials from the config file', () => {
  it('admits a Cognito token signed by the configured key set and a SigV4-signed request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-cli-auth-'))
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [jwk] }))
    const integration = { type: 'aws_proxy', httpMethod: 'POST', uri: FN }
    writeFileSync(
      join(dir, 'api.json'),
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'auth', version: '1' },
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
          sigv4: {
            type: 'apiKey',
            name: 'Authorization',
            in: 'header',
            'x-amazon-apigateway-authtype': 'awsSigv4',
          },
        },
        paths: {
          '/cognito': {
            get: { security: [{ pool: [] }], 'x-amazon-apigateway-integration': integration },
          },
          '/iam': {
            get: { security: [{ sigv4: [] }], 'x-amazon-apigateway-integration': integration },
          },
        },
      }),
    )
    writeFileSync(
      join(dir, 'handlers.mjs'),
      `export const Who = async (event) => ({ statusCode: 200, body: JSON.stringify({
        sub: event.requestContext.authorizer?.claims?.sub ?? null,
        accessKey: event.requestContext.identity.accessKey ?? null,
      }) })\n`,
    )
    writeFileSync(
      join(dir, 'portico.config.yaml'),
      [
        'handlers: ./handlers.mjs',
        'jwks:',
        `  ${ISSUER}: ./jwks.json`,
        'credentials:',
        '  AKIDCLITEST: { secretAccessKey: cli-secret-key }',
        '',
      ].join('\n'),
    )
    const cli = await serveCli(['api.json', '--log-format', 'json'], { cwd: dir })
    try {
      const now = Math.floor(Date.now() / 1000)
      const token = await new SignJWT({ token_use: 'id', sub: 'user-7' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(ISSUER)
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(privateKey)
      const ok = await fetch(`${cli.url}/cognito`, { headers: { Authorization: token } })
      expect([ok.status, await ok.json()]).toEqual([200, { sub: 'user-7', accessKey: null }])
      expect(
        (await fetch(`${cli.url}/cognito`, { headers: { Authorization: 'x.y.z' } })).status,
      ).toBe(401)

      const url = new URL(`${cli.url}/iam`)
      const signed = aws4.sign(
        {
          host: url.host,
          method: 'GET',
          path: url.pathname,
          service: 'execute-api',
          region: 'us-east-1',
        },
        { accessKeyId: 'AKIDCLITEST', secretAccessKey: 'cli-secret-key' },
      )
      const headers = { ...(signed.headers as Record<string, string>) }
      delete headers['Host']
      const iam = await fetch(url, { headers })
      expect([iam.status, await iam.json()]).toEqual([200, { sub: null, accessKey: 'AKIDCLITEST' }])
      const forged = aws4.sign(
        {
          host: url.host,
          method: 'GET',
          path: url.pathname,
          service: 'execute-api',
          region: 'us-east-1',
        },
        { accessKeyId: 'AKIDCLITEST', secretAccessKey: 'wrong' },
      )
      const forgedHeaders = { ...(forged.headers as Record<string, string>) }
      delete forgedHeaders['Host']
      expect((await fetch(url, { headers: forgedHeaders })).status).toBe(403)

      await cli.waitFor(/"path":"\/iam".*"status":403/, 'stdout')
      const verdicts = cli
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { path: string; status: number; authorizer: string })
        .map((s) => [s.path, s.status, s.authorizer])
      expect(verdicts).toEqual([
        ['/cognito', 200, 'allow'],
        ['/cognito', 401, 'deny'],
        ['/iam', 200, 'allow'],
        ['/iam', 403, 'deny'],
      ])
    } finally {
      await cli.stop()
    }
  })
})
