// IAM authorization: requests signed by aws4 and by the AWS SDK's SignatureV4 must verify, and
// tampering with any signed part must not.
import { createHash, createHmac } from 'node:crypto'
import { SignatureV4 } from '@aws-sdk/signature-v4'
import aws4 from 'aws4'
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type GatewayRequest } from '../../../src/index.js'
import { FakeClock } from '../../../src/testing/index.js'

const HOST = 'api123.execute-api.us-east-1.amazonaws.com'
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0)
const CREDS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
}

class Sha256 {
  readonly #hash
  constructor(secret?: unknown) {
    this.#hash = secret ? createHmac('sha256', secret as string) : createHash('sha256')
  }
  update(data: Uint8Array | string) {
    this.#hash.update(data)
  }
  async digest() {
    return new Uint8Array(this.#hash.digest())
  }
}

const mock = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: {
    default: {
      statusCode: '200',
      responseTemplates: {
        'application/json':
          '{"key": "$context.identity.accessKey", "arn": "$context.identity.userArn", "account": "$context.identity.accountId"}',
      },
    },
  },
}

const clock = new FakeClock(NOW)
const gateway = createGateway({
  api: {
    swagger: '2.0',
    info: { title: 'iam', version: '1' },
    paths: {
      '/pets/{id}': {
        get: {
          'x-amazon-apigateway-auth': { type: 'aws_iam' },
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': mock,
        },
        post: {
          'x-amazon-apigateway-auth': { type: 'aws_iam' },
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': mock,
        },
      },
    },
  },
  apiId: 'api123',
  stage: { name: 'prod' },
  clock,
  credentials: (id) =>
    id === CREDS.accessKeyId
      ? {
          secretAccessKey: CREDS.secretAccessKey,
          accountId: '111122223333',
          arn: 'arn:aws:iam::111122223333:user/ana',
        }
      : id === 'ASIATEMP'
        ? { secretAccessKey: 'temp-secret', sessionToken: 'session-1' }
        : undefined,
  logger: silentLogger,
})

function withAws4(method: string, path: string, body?: string, extra: Record<string, string> = {}) {
  const signed = aws4.sign(
    {
      host: HOST,
      method,
      path: `/prod${path}`,
      service: 'execute-api',
      region: 'us-east-1',
      headers: { 'X-Amz-Date': new Date(NOW).toISOString().replace(/[-:]|\.\d{3}/g, ''), ...extra },
      ...(body === undefined ? {} : { body }),
    },
    CREDS,
  )
  return {
    method,
    path,
    headers: signed.headers as Record<string, string>,
    ...(body === undefined ? {} : { body }),
  } satisfies GatewayRequest
}

async function withSdk(
  method: string,
  path: string,
  query: Record<string, string>,
  body?: string,
  presign = false,
) {
  const signer = new SignatureV4({
    credentials: CREDS,
    region: 'us-east-1',
    service: 'execute-api',
    sha256: Sha256,
  })
  const request = {
    method,
    protocol: 'https:',
    hostname: HOST,
    path: `/prod${path}`,
    query,
    headers: { host: HOST, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body }),
  }
  const signed = presign
    ? await signer.presign(request, { signingDate: new Date(NOW), expiresIn: 300 })
    : await signer.sign(request, { signingDate: new Date(NOW) })
  const qs = new URLSearchParams(signed.query as Record<string, string>).toString()
  return {
    method,
    path: `${path}${qs ? `?${qs}` : ''}`,
    headers: signed.headers as Record<string, string>,
    ...(body === undefined ? {} : { body }),
  } satisfies GatewayRequest
}

const INVALID =
  '{"message":"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}'

describe('SigV4 (AWS_IAM)', () => {
  it('verifies a request signed by aws4 and fills $context.identity', async () => {
    const res = await gateway.invoke(withAws4('GET', '/pets/7?b=2&a=1'))
    expect(res.statusCode).toBe(200)
    expect(JSON.parse(res.body)).toEqual({
      key: 'AKIDEXAMPLE',
      arn: 'arn:aws:iam::111122223333:user/ana',
      account: '111122223333',
    })
  })

  it('verifies requests signed by the AWS SDK (header and presigned query forms)', async () => {
    const post = await withSdk('POST', '/pets/a%20b', { q: 'x y', z: '' }, '{"name":"Rex"}')
    expect((await gateway.invoke(post)).statusCode).toBe(200)
    const presigned = await withSdk('GET', '/pets/7', { tag: 'dog' }, undefined, true)
    expect((await gateway.invoke(presigned)).statusCode).toBe(200)
  })

  it.each([
    ['method', (r: GatewayRequest) => ({ ...r, method: 'GET' })],
    ['path', (r: GatewayRequest) => ({ ...r, path: r.path.replace('/pets/7', '/pets/8') })],
    ['query', (r: GatewayRequest) => ({ ...r, path: `${r.path}&extra=1` })],
    [
      'a signed header',
      (r: GatewayRequest) => ({
        ...r,
        headers: { ...(r.headers as Record<string, string>), Host: 'evil.example.com' },
      }),
    ],
    ['body', (r: GatewayRequest) => ({ ...r, body: '{"name":"Evil"}' })],
  ])('refuses a request whose %s was changed after signing', async (_, tamper) => {
    const signed = withAws4('POST', '/pets/7?a=1', '{"name":"Rex"}', {
      'Content-Type': 'application/json',
    })
    expect((await gateway.invoke(signed)).statusCode).toBe(200)
    const res = await gateway.invoke(tamper(signed))
    expect([res.statusCode, res.body]).toEqual([403, INVALID])
    expect(res.headers['x-amzn-ErrorType']).toBe('InvalidSignatureException')
  })

  it('refuses a changed date, and a signature older than 5 minutes', async () => {
    const signed = withAws4('GET', '/pets/7')
    const headers = {
      ...(signed.headers as Record<string, string>),
      'X-Amz-Date': '20261121T120100Z',
    }
    expect((await gateway.invoke({ ...signed, headers })).statusCode).toBe(403)
    await clock.advance(5 * 60 * 1000 + 1000)
    const late = await gateway.invoke(signed)
    expect(late.statusCode).toBe(403)
    expect(JSON.parse(late.body).message).toBe(
      'Signature expired: 20261121T120000Z is now earlier than 20261121T120001Z (20261121T120501Z - 5 min.)',
    )
    await clock.advance(-(5 * 60 * 1000 + 1000))
  })

  it('answers a missing signature with Missing Authentication Token, an unknown key as invalid', async () => {
    const none = await gateway.invoke({ method: 'GET', path: '/pets/7', headers: { Host: HOST } })
    expect([none.statusCode, none.body]).toEqual([
      403,
      '{"message":"Missing Authentication Token"}',
    ])
    const unknown = aws4.sign(
      {
        host: HOST,
        method: 'GET',
        path: '/prod/pets/7',
        service: 'execute-api',
        region: 'us-east-1',
        headers: { 'X-Amz-Date': '20261121T120000Z' },
      },
      { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' },
    )
    const res = await gateway.invoke({
      method: 'GET',
      path: '/pets/7',
      headers: unknown.headers as Record<string, string>,
    })
    expect([res.statusCode, JSON.parse(res.body).message]).toEqual([
      403,
      'The security token included in the request is invalid.',
    ])
  })

  it('requires the session token of temporary credentials', async () => {
    const sign = (token?: string) =>
      aws4.sign(
        {
          host: HOST,
          method: 'GET',
          path: '/prod/pets/7',
          service: 'execute-api',
          region: 'us-east-1',
          headers: { 'X-Amz-Date': '20261121T120000Z' },
        },
        {
          accessKeyId: 'ASIATEMP',
          secretAccessKey: 'temp-secret',
          ...(token ? { sessionToken: token } : {}),
        },
      ).headers as Record<string, string>
    expect(
      (await gateway.invoke({ method: 'GET', path: '/pets/7', headers: sign('session-1') }))
        .statusCode,
    ).toBe(200)
    expect(
      (await gateway.invoke({ method: 'GET', path: '/pets/7', headers: sign() })).statusCode,
    ).toBe(403)
  })
})
