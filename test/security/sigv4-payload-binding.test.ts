// The SigV4 signature covers the SHA-256 of the body Portico received, whatever the request
// declares in X-Amz-Content-Sha256; UNSIGNED-PAYLOAD (an Amazon S3 feature) never verifies.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
// ("HashedPayload": the SHA-256 of the request body; UNSIGNED-PAYLOAD is documented for S3 only)
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { GatewayRequest } from '../../src/index.js'
import { gateways, MISMATCH, presign, signHeader, type Api } from './sigv4-fixtures.js'

const ORIGINAL = '{"amount":1}'
const FORGED = '{"amount":1000000}'
const sha = (text: string) => createHash('sha256').update(text).digest('hex')
const headersOf = (r: GatewayRequest) => r.headers as Record<string, string>

type Case = [
  name: string,
  build: (prefix: string) => Promise<GatewayRequest> | GatewayRequest,
  ok: boolean,
]

const CASES: Case[] = [
  ['the signed body, unchanged', (p) => signHeader(p, 'POST', '/pets', ORIGINAL), true],
  [
    'a signed X-Amz-Content-Sha256 equal to the body hash',
    (p) => signHeader(p, 'POST', '/pets', ORIGINAL, { 'X-Amz-Content-Sha256': sha(ORIGINAL) }),
    true,
  ],
  [
    'a new body with an unsigned X-Amz-Content-Sha256 of the original body',
    (p) => {
      const signed = signHeader(p, 'POST', '/pets', ORIGINAL)
      return {
        ...signed,
        headers: { ...headersOf(signed), 'X-Amz-Content-Sha256': sha(ORIGINAL) },
        body: FORGED,
      }
    },
    false,
  ],
  [
    'a new body under a signed X-Amz-Content-Sha256 of the original body',
    (p) => ({
      ...signHeader(p, 'POST', '/pets', ORIGINAL, { 'X-Amz-Content-Sha256': sha(ORIGINAL) }),
      body: FORGED,
    }),
    false,
  ],
  [
    'a signed UNSIGNED-PAYLOAD with any body',
    (p) => ({
      ...signHeader(p, 'POST', '/pets', ORIGINAL, { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' }),
      body: FORGED,
    }),
    false,
  ],
  [
    'a signed UNSIGNED-PAYLOAD even with the body unchanged',
    (p) => signHeader(p, 'POST', '/pets', ORIGINAL, { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' }),
    false,
  ],
  [
    'a signed X-Amz-Content-Sha256 that is not the body hash',
    (p) => signHeader(p, 'POST', '/pets', ORIGINAL, { 'X-Amz-Content-Sha256': sha('other') }),
    false,
  ],
  [
    'a body added to a request signed without one',
    (p) => ({ ...signHeader(p, 'POST', '/pets', undefined), body: FORGED }),
    false,
  ],
  [
    'a body added to a presigned URL',
    async (p) => ({ ...(await presign(p, '/pets', 300)), method: 'GET', body: FORGED }),
    false,
  ],
]

describe('sigv4-payload-binding', () => {
  const apis: Api[] = ['REST', 'HTTP']
  for (const api of apis) {
    it.each(CASES)(`${api}: %s`, async (_, build, ok) => {
      const { apis: all, received } = gateways()
      const { gateway, prefix } = all[api]
      const request = await build(prefix)
      const res = await gateway.invoke(request)
      if (ok) {
        expect(res.statusCode).toBe(200)
        expect(received).toEqual([request.body])
        return
      }
      expect(res.statusCode).toBe(403)
      expect(received).toEqual([])
      if (api === 'REST') {
        expect(JSON.parse(res.body)).toEqual({ message: MISMATCH })
        expect(res.headers['x-amzn-ErrorType']).toBe('InvalidSignatureException')
      }
    })
  }
})
