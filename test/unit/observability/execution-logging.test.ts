// testInvokeAuthorizer (Lambda TOKEN, Cognito) and CloudWatch-style execution logging through the
// logger (stage methodSettings loggingLevel / dataTraceEnabled).
// https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeAuthorizer.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type Logger } from '../../../src/index.js'
import { EXECUTION_LOG_LINES, type ExecutionLogKey } from '../../../src/observability/index.js'
import { FakeClock } from '../../../src/testing/index.js'
import { gateway, START, texts } from './fixture.js'

describe('gateway.testInvokeAuthorizer', () => {
  it('Lambda TOKEN authorizer: principal, policy, context, log', async () => {
    const result = await gateway().testInvokeAuthorizer({
      authorizerId: 'tok',
      headers: { Authorization: 'allow' },
    })
    expect(result.clientStatus).toBe(0)
    expect(result.principalId).toBe('user-7')
    expect(JSON.parse(result.policy!).Statement[0].Effect).toBe('Allow')
    expect(result.authorization).toEqual({ tier: ['gold'] })
    const t = texts(result.log)
    expect(t[0]).toMatch(/^Starting authorizer: tok for request: /)
    expect(t[1]).toBe('Incoming identity: allow')
    expect(t[2]).toBe(
      'Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Auth/invocations',
    )
    expect(t[3]).toMatch(
      /^Endpoint request body after transformations: \{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:/,
    )
    expect(t[4]).toMatch(/^Authorizer result body before parsing: \{"principalId":"user-7"/)
    expect(t).toContain('Using valid authorizer policy for principal: user-7')
    expect(t.at(-1)).toBe('Successfully completed authorizer execution')
  })
  it('a missing token: 401', async () => {
    const result = await gateway().testInvokeAuthorizer({ authorizerId: 'tok' })
    expect(result.clientStatus).toBe(401)
    expect(result.principalId).toBeUndefined()
  })
  it('an unknown authorizer is refused', async () => {
    await expect(gateway().testInvokeAuthorizer({ authorizerId: 'nope' })).rejects.toThrow(
      /Invalid authorizer identifier/,
    )
  })
  it('Cognito authorizer: claims', async () => {
    const POOL = 'us-east-1_Abc123'
    const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
    const jwt = await new SignJWT({ token_use: 'id', sub: 'user-1', email: 'a@example.com' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setIssuedAt(Math.floor(START / 1000))
      .setExpirationTime(Math.floor(START / 1000) + 3600)
      .sign(privateKey)
    const g = createGateway({
      api: {
        swagger: '2.0',
        info: { title: 'c', version: '1' },
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
        paths: {},
      },
      jwks: { [ISSUER]: { keys: [jwk] } },
      clock: new FakeClock(START),
      logger: silentLogger,
    })
    const ok = await g.testInvokeAuthorizer({
      authorizerId: 'pool',
      headers: { Authorization: jwt },
    })
    expect(ok.clientStatus).toBe(0)
    expect(ok.claims).toMatchObject({ sub: 'user-1', email: 'a@example.com', iss: ISSUER })
    const bad = await g.testInvokeAuthorizer({
      authorizerId: 'pool',
      headers: { Authorization: 'x' },
    })
    expect(bad.clientStatus).toBe(401)
  })
})

describe('CloudWatch execution logging through the logger (methodSettings)', () => {
  function capture() {
    const info: string[] = []
    const logger: Logger = { ...silentLogger, info: (m) => void info.push(m) }
    return { info, logger }
  }
  const keys = (info: string[]) =>
    info.map((m) => {
      const text = m.replace(/^\([0-9a-f-]{36}\) /, '')
      const found = (Object.keys(EXECUTION_LOG_LINES) as ExecutionLogKey[]).find((k) => {
        const ex = EXECUTION_LOG_LINES[k].example.text
        const colon = ex.indexOf(':')
        return text.startsWith(colon === -1 ? ex : ex.slice(0, colon + 1))
      })
      return found
    })

  it('INFO with dataTraceEnabled: every line, prefixed with the request id', async () => {
    const { info, logger } = capture()
    const g = gateway({
      logger,
      methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } },
    })
    const res = await g.invoke({
      method: 'POST',
      path: '/pets/7',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"Rex"}',
    })
    expect(res.statusCode).toBe(200)
    expect(info[0]).toBe(
      `(${res.headers['x-amzn-RequestId']}) Starting execution for request: ${res.headers['x-amzn-RequestId']}`,
    )
    expect(info).toContain(
      `(${res.headers['x-amzn-RequestId']}) Method request body before transformations: {"name":"Rex"}`,
    )
    expect(info.at(-1)).toBe(
      `(${res.headers['x-amzn-RequestId']}) Method completed with status: 200`,
    )
  })
  it('INFO without dataTraceEnabled: no headers or bodies', async () => {
    const { info, logger } = capture()
    const g = gateway({ logger, methodSettings: { '*/*': { loggingLevel: 'INFO' } } })
    await g.invoke({
      method: 'POST',
      path: '/pets/7',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"Rex"}',
    })
    expect(keys(info)).toEqual(['start', 'httpMethod', 'success', 'completed'])
  })
  it('ERROR: only the failure lines', async () => {
    const { info, logger } = capture()
    const g = gateway({ logger, methodSettings: { 'broken/GET': { loggingLevel: 'ERROR' } } })
    await g.invoke({
      method: 'POST',
      path: '/pets/7',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(info).toEqual([])
    await g.invoke({ method: 'GET', path: '/broken' })
    expect(info).toHaveLength(1)
    expect(info[0]).toMatch(
      /Lambda execution failed with status 200 due to customer function error: kaput/,
    )
  })
  it('OFF (or no methodSettings): nothing gathered', async () => {
    const { info, logger } = capture()
    const g = gateway({
      logger,
      methodSettings: { '*/*': { loggingLevel: 'OFF', dataTraceEnabled: true } },
    })
    await g.invoke({ method: 'GET', path: '/broken' })
    expect(info).toEqual([])
  })
})
