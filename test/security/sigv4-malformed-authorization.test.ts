// Malformed SigV4 input (Authorization header, credential scope, dates, query parameters) is a
// 403 with AWS's IncompleteSignatureException wording, never a throw or a 500.
// AWS's wording: "Authorization header requires 'Credential' parameter. …" for a non-SigV4
// Authorization header (aws/chalice#828, svdgraaf/serverless-basic-authentication#3; AWS also
// echoes "Authorization=<value>", Portico does not).
import { describe, expect, it } from 'vitest'
import type { GatewayRequest } from '../../src/index.js'
import { AMZ_NOW, gateways, HOST, signHeader, type Api } from './sigv4-fixtures.js'

const REQUIRES_ALL =
  "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
const BAD_DATE =
  "Date must be in ISO-8601 'basic format'. See http://en.wikipedia.org/wiki/ISO_8601"
const SCOPE = `AKIDEXAMPLE/${AMZ_NOW.slice(0, 8)}/us-east-1/execute-api/aws4_request`
const SIG = 'a'.repeat(64)

const header = (authorization: string, extra: Record<string, string> = {}): GatewayRequest => ({
  method: 'GET',
  path: '/pets',
  headers: { Host: HOST, 'X-Amz-Date': AMZ_NOW, Authorization: authorization, ...extra },
})
const withDate = (date: Record<string, string>): GatewayRequest => {
  const signed = signHeader('/prod', 'GET', '/pets', undefined)
  const { 'X-Amz-Date': _, ...rest } = signed.headers as Record<string, string>
  return { ...signed, headers: { ...rest, ...date } }
}

/** [case, request, AWS message (REST)] */
const CASES: Array<[string, GatewayRequest, string]> = [
  [
    'a bearer token',
    { method: 'GET', path: '/pets', headers: { Host: HOST, Authorization: 'Bearer eyJhbGciOi' } },
    REQUIRES_ALL,
  ],
  [
    'a parameter without "="',
    header(`AWS4-HMAC-SHA256 Credential`),
    'Authorization header has a parameter that is not a valid key=value pair (missing equal-sign).',
  ],
  [
    'no Signature',
    header(`AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=host`),
    "Authorization header requires 'Signature' parameter.",
  ],
  [
    'a duplicate Signature',
    header(
      `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=host, Signature=${SIG}, Signature=b`,
    ),
    "Authorization header has a duplicate 'Signature' parameter.",
  ],
  [
    'a three-part credential',
    header(`AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x/y, SignedHeaders=host, Signature=${SIG}`),
    'Credential should be scoped to a valid region.',
  ],
  [
    'a credential for another service',
    header(
      `AWS4-HMAC-SHA256 Credential=${SCOPE.replace('execute-api', 's3')}, SignedHeaders=host, Signature=${SIG}`,
    ),
    "Credential should be scoped to correct service: 'execute-api' in region 'us-east-1'.",
  ],
  [
    'host not signed',
    header(`AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=x-amz-date, Signature=${SIG}`),
    "'Host' must be a 'SignedHeader' in the AWS Authorization.",
  ],
  ['an extended X-Amz-Date', withDate({ 'X-Amz-Date': '2026-11-21T12:00:00Z' }), BAD_DATE],
  ['an impossible X-Amz-Date', withDate({ 'X-Amz-Date': '20261340T256199Z' }), BAD_DATE],
  [
    'an unreadable Date header',
    withDate({ Date: 'not a date' }),
    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
  ],
  ['a Date header beyond year 9999', withDate({ Date: '+010000-01-01T00:00:00.000Z' }), BAD_DATE],
  [
    '6 KiB of repeated parameters',
    header(`AWS4-HMAC-SHA256 ${'Credential=x,'.repeat(500)}`),
    "Authorization header has a duplicate 'Credential' parameter.",
  ],
  [
    'a query form without a signature',
    {
      method: 'GET',
      path: `/pets?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${encodeURIComponent(SCOPE)}&X-Amz-Date=${AMZ_NOW}&X-Amz-SignedHeaders=host`,
      headers: { Host: HOST },
    },
    "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders' and 'X-Amz-Date'. Re-examine the query-string parameters.",
  ],
  [
    'a query form with another algorithm',
    { method: 'GET', path: '/pets?X-Amz-Algorithm=HMAC-MD5', headers: { Host: HOST } },
    'Unsupported algorithm',
  ],
]

describe('sigv4-malformed-authorization', () => {
  const apis: Api[] = ['REST', 'HTTP']
  for (const api of apis) {
    it.each(CASES)(`${api}: %s`, async (_, request, message) => {
      const { apis: all, received } = gateways()
      const res = await all[api].gateway.invoke(request)
      expect(res.statusCode).toBe(403)
      expect(received).toEqual([])
      if (api === 'REST') {
        expect(JSON.parse(res.body)).toEqual({ message })
        expect(res.headers['x-amzn-ErrorType']).toBe('IncompleteSignatureException')
      }
    })
  }
})
