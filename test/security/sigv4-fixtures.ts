// Shared fixtures for the SigV4 security tests: one REST API (AWS_IAM method) and one HTTP API
// (AWS_IAM route), both answering only when the signature verifies, plus real signers.
import { Buffer } from 'node:buffer'
import { createHash, createHmac } from 'node:crypto'
import { SignatureV4 } from '@aws-sdk/signature-v4'
import aws4 from 'aws4'
import { createGateway, silentLogger, type GatewayRequest } from '../../src/index.js'
import { FakeClock } from '../../src/testing/index.js'

export const HOST = 'api123.execute-api.us-east-1.amazonaws.com'
export const NOW = Date.UTC(2026, 10, 21, 12, 0, 0)
export const AMZ_NOW = '20261121T120000Z'
export const CREDS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
}
export const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'

/** Hash constructor for `@aws-sdk/signature-v4`. */
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

export type Api = 'REST' | 'HTTP'

/** Each API, with the prefix callers sign (REST: the stage; HTTP: `$default`, none). */
export function gateways() {
  const clock = new FakeClock(NOW)
  const received: string[] = []
  const credentials = (id: string) =>
    id === CREDS.accessKeyId ? { secretAccessKey: CREDS.secretAccessKey } : undefined
  const fn = 'arn:aws:lambda:us-east-1:123456789012:function:Fn'
  const lambda = {
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fn}/invocations`,
  }
  const lambdas = {
    Fn: async (event: { body?: string | null; isBase64Encoded?: boolean }) => {
      // aws4 signs a body as form-urlencoded by default; HTTP APIs pass those base64-encoded.
      const body = event.body ?? ''
      received.push(event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body)
      return { statusCode: 200, body: 'in' }
    },
  }
  const iam = { 'x-amazon-apigateway-auth': { type: 'AWS_IAM' } }
  const rest = createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'iam-rest', version: '1' },
      paths: {
        '/pets': {
          get: { ...iam, responses: {}, 'x-amazon-apigateway-integration': lambda },
          post: { ...iam, responses: {}, 'x-amazon-apigateway-integration': lambda },
        },
      },
    },
    apiId: 'api123',
    stage: { name: 'prod' },
    clock,
    credentials,
    lambdas,
    logger: silentLogger,
  })
  const route = {
    ...iam,
    'x-amazon-apigateway-integration': { ...lambda, uri: fn, payloadFormatVersion: '2.0' },
  }
  const http = createGateway({
    api: {
      openapi: '3.0.1',
      info: { title: 'iam-http', version: '1' },
      paths: { '/pets': { get: route, post: route } },
      'x-amazon-apigateway-importexport-version': '1.0',
    },
    apiId: 'api123',
    clock,
    credentials,
    lambdas,
    logger: silentLogger,
  })
  return {
    clock,
    received,
    apis: { REST: { gateway: rest, prefix: '/prod' }, HTTP: { gateway: http, prefix: '' } },
  }
}

/** Signs with aws4 in the header form; `extra` headers are signed too. */
export function signHeader(
  prefix: string,
  method: string,
  path: string,
  body: string | undefined,
  extra: Record<string, string> = {},
  amzDate = AMZ_NOW,
): GatewayRequest {
  const signed = aws4.sign(
    {
      host: HOST,
      method,
      path: `${prefix}${path}`,
      service: 'execute-api',
      region: 'us-east-1',
      headers: { 'X-Amz-Date': amzDate, ...extra },
      ...(body === undefined ? {} : { body }),
    },
    CREDS,
  )
  return {
    method,
    path,
    headers: signed.headers as Record<string, string>,
    ...(body === undefined ? {} : { body }),
  }
}

/** Presigns with the AWS SDK's SignatureV4 (query form), `expiresIn` seconds from `NOW`. */
export async function presign(
  prefix: string,
  path: string,
  expiresIn: number,
  signingDate = NOW,
): Promise<GatewayRequest> {
  const signer = new SignatureV4({
    credentials: CREDS,
    region: 'us-east-1',
    service: 'execute-api',
    sha256: Sha256,
  })
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: HOST,
      path: `${prefix}${path}`,
      query: {},
      headers: { host: HOST },
    },
    { signingDate: new Date(signingDate), expiresIn },
  )
  const qs = new URLSearchParams(signed.query as Record<string, string>).toString()
  return { method: 'GET', path: `${path}?${qs}`, headers: signed.headers as Record<string, string> }
}

/** Signs a presigned URL by hand with any `X-Amz-Expires` text (the SDK refuses bad ones). */
export function presignRaw(prefix: string, path: string, expires: string): GatewayRequest {
  const scope = `${AMZ_NOW.slice(0, 8)}/us-east-1/execute-api/aws4_request`
  const params: Array<[string, string]> = [
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Credential', `${CREDS.accessKeyId}/${scope}`],
    ['X-Amz-Date', AMZ_NOW],
    ['X-Amz-Expires', expires],
    ['X-Amz-SignedHeaders', 'host'],
  ]
  const enc = (t: string) =>
    encodeURIComponent(t).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    )
  const query = params
    .map(([k, v]) => [enc(k), enc(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  const sha = (t: string) => createHash('sha256').update(t).digest('hex')
  const canonical = ['GET', `${prefix}${path}`, query, `host:${HOST}\n`, 'host', sha('')].join('\n')
  const toSign = `AWS4-HMAC-SHA256\n${AMZ_NOW}\n${scope}\n${sha(canonical)}`
  let key: Buffer = createHmac('sha256', `AWS4${CREDS.secretAccessKey}`)
    .update(AMZ_NOW.slice(0, 8))
    .digest()
  for (const part of ['us-east-1', 'execute-api', 'aws4_request'])
    key = createHmac('sha256', key).update(part).digest()
  const signature = createHmac('sha256', key).update(toSign).digest('hex')
  return {
    method: 'GET',
    path: `${path}?${query}&X-Amz-Signature=${signature}`,
    headers: { Host: HOST },
  }
}
