// Differential: Portico's SigV4 verifier against the AWS SDK's signer (@smithy/signature-v4).
// Random requests (methods, paths with odd characters and dot segments, query strings with
// repeated names, empty values and characters to encode, headers with runs of spaces, bodies)
// signed by the SDK must verify as the SDK's HTTP handler sends them; the same request with one
// character of its path, query, a signed header or its body changed must not.
import { createHash, createHmac } from 'node:crypto'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { verifySigV4, type SignedRequest } from '../../src/auth/sigv4.js'
import { RequestHeaders } from '../../src/core/headers.js'
import type { Deps } from '../../src/core/types.js'
import { gateways } from './sigv4-fixtures.js'

const HOST = 'api123.execute-api.us-east-1.amazonaws.com'
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0)
const CREDS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
}
const resolve = (id: string) =>
  id === CREDS.accessKeyId ? { secretAccessKey: CREDS.secretAccessKey } : undefined

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
const signer = new SignatureV4({
  credentials: CREDS,
  region: 'us-east-1',
  service: 'execute-api',
  sha256: Sha256,
})

/** RFC 3986 encoding, as the SDK's HTTP handler writes paths and query strings. */
const encode = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )

const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.stringMatching(/^[ !"#$%&'()*+,/:;<=>?@[\\\]^_`{|}~a-zA-Z0-9.-]{0,12}$/),
  )

const segmentArb = fc.oneof(
  { weight: 6, arbitrary: text(10).map(encode) },
  { weight: 1, arbitrary: fc.constantFrom('', '.', '..', "a:b@c!$&'()*+,;=", '~x_y-z.w') },
)

/** A token (RFC 9110) header name the SDK signs: not one it always leaves out. */
const headerNameArb = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,15}$/)
  .filter(
    (name) =>
      !/^(authorization|user-agent|expect|connection|host|x-amz-.*|proxy-.*|sec-.*)$/i.test(name),
  )
/** A header value as Node reads it (Latin-1), with runs of spaces and tabs inside and around. */
const headerValueArb = fc
  .array(
    fc.oneof(
      fc.stringMatching(/^[\x21-\x7e]{1,8}$/),
      fc.constantFrom(' ', '  ', '\t', ' \t ', 'é'),
    ),
    {
      maxLength: 6,
    },
  )
  .map((parts) => parts.join(''))

const requestArb = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
  segments: fc.array(segmentArb, { maxLength: 6 }),
  trailingSlash: fc.boolean(),
  query: fc.array(
    fc.tuple(fc.oneof(text(6), fc.constantFrom('a', 'A', 'a:', 'a0', 'X-Amz-Date')), text(8)),
    {
      maxLength: 6,
    },
  ),
  headers: fc.uniqueArray(fc.tuple(headerNameArb, headerValueArb), {
    maxLength: 5,
    selector: ([name]) => name.toLowerCase(),
  }),
  body: fc.oneof(fc.constant(''), fc.string({ unit: 'binary', maxLength: 64 })),
})
type Generated = typeof requestArb extends fc.Arbitrary<infer T> ? T : never

const deps = { now: () => NOW } as unknown as Deps

/** Signs with the SDK; returns what Portico reads off the wire. */
async function signed(req: Generated) {
  const path = `/${req.segments.join('/')}${req.trailingSlash && req.segments.length > 0 ? '/' : ''}`
  const query: Record<string, string | string[]> = {}
  for (const [name, value] of req.query) {
    const held = query[name]
    query[name] = held === undefined ? value : [held, value].flat()
  }
  const headers: Record<string, string> = { host: HOST }
  for (const [name, value] of req.headers) headers[name] = value
  const request = new HttpRequest({
    method: req.method,
    protocol: 'https:',
    hostname: HOST,
    path,
    query,
    headers,
    ...(req.body === '' ? {} : { body: req.body }),
  })
  const out = (await signer.sign(request, { signingDate: new Date(NOW) })) as HttpRequest
  // The wire form (as @smithy/querystring-builder writes it): each value, repeated names in turn.
  const rawQuery = Object.entries(out.query)
    .flatMap(([name, value]) => [value ?? ''].flat().map((v) => `${encode(name)}=${encode(v)}`))
    .join('&')
  return {
    method: req.method,
    signedPath: path,
    rawQuery,
    headers: { ...out.headers } as Record<string, string>,
    body: new TextEncoder().encode(req.body),
  }
}

type Wire = Awaited<ReturnType<typeof signed>>

function verify(wire: Wire) {
  const state: SignedRequest = {
    method: wire.method,
    signedPath: wire.signedPath,
    rawQuery: wire.rawQuery,
    headers: new RequestHeaders(wire.headers),
    query: { single: null },
    bodyBytes: () => (wire.body.length === 0 ? null : wire.body),
    region: 'us-east-1',
    deps,
  }
  return verifySigV4(state, resolve)
}

/** Replaces the alphanumeric character at `at` (counted over such characters) by another one. */
function mutateAlnum(value: string, at: number): string | undefined {
  const spots = [...value.matchAll(/[A-Za-z0-9]/g)].map((m) => m.index)
  if (spots.length === 0) return undefined
  const i = spots[at % spots.length] as number
  const c = value[i] as string
  return value.slice(0, i) + (c === 'x' ? 'y' : 'x') + value.slice(i + 1)
}

describe('SigV4: Portico verifies what the AWS SDK signs', () => {
  it('every SDK-signed request verifies', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async (req) => {
        const result = await verify(await signed(req))
        expect(result).toEqual({
          accessKey: CREDS.accessKeyId,
          accountId: undefined,
          arn: undefined,
        })
      }),
      { numRuns: 400 },
    )
  })

  it('one character changed in the path, query, a signed header or the body does not verify', async () => {
    await fc.assert(
      fc.asyncProperty(
        // No `..` segment: a character in a segment that `..` removes is not signed.
        requestArb.filter((req) => !req.segments.includes('..')),
        fc.constantFrom('path', 'query', 'header', 'body'),
        fc.nat(),
        async (req, where, at) => {
          const wire = await signed(req)
          let changed: Wire | undefined
          if (where === 'path') {
            const path = mutateAlnum(wire.signedPath, at)
            if (path !== undefined) changed = { ...wire, signedPath: path }
          } else if (where === 'query') {
            const query = mutateAlnum(wire.rawQuery, at)
            if (query !== undefined) changed = { ...wire, rawQuery: query }
          } else if (where === 'header') {
            // Only a signed header (the SDK leaves out some, e.g. `TE`, `Cache-Control`).
            const signedNames = /SignedHeaders=([^,]+)/.exec(wire.headers['authorization'] ?? '')
            const names = Object.keys(wire.headers).filter((n) =>
              signedNames?.[1]?.split(';').includes(n.toLowerCase()),
            )
            const name = names[at % names.length] as string
            const value = mutateAlnum(wire.headers[name] as string, at)
            if (value !== undefined)
              changed = { ...wire, headers: { ...wire.headers, [name]: value } }
          } else if (wire.body.length > 0) {
            const body = wire.body.slice()
            body[at % body.length] = (body[at % body.length] as number) ^ 1
            changed = { ...wire, body }
          }
          fc.pre(changed !== undefined)
          const result = await verify(changed as Wire)
          expect(result).toMatchObject({ responseType: expect.any(String) })
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('SigV4 through the gateway (REST and HTTP APIs, AWS_IAM on /pets)', () => {
  const { apis } = gateways()
  it('an SDK-signed request with any query, headers and body reaches the integration', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('REST', 'HTTP'),
        fc.constantFrom('GET', 'POST'),
        requestArb,
        async (api, method, req) => {
          const { gateway, prefix } = apis[api as 'REST' | 'HTTP']
          // The SDK signs the whole path (with the stage on the default endpoint).
          const wire = await signed({
            ...req,
            method,
            segments: [...prefix.split('/').slice(1), 'pets'],
            trailingSlash: false,
          })
          const res = await gateway.invoke({
            method,
            path: `/pets${wire.rawQuery === '' ? '' : `?${wire.rawQuery}`}`,
            headers: wire.headers,
            ...(req.body === '' ? {} : { body: req.body }),
          })
          expect([res.statusCode, res.body]).toEqual([200, 'in'])
        },
      ),
      { numRuns: 200 },
    )
  })

  it('an SDK-presigned URL with any query parameters reaches the integration', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('REST', 'HTTP'), requestArb, async (api, req) => {
        const { gateway, prefix } = apis[api as 'REST' | 'HTTP']
        const query: Record<string, string | string[]> = {}
        for (const [name, value] of req.query) {
          // The SDK's own parameters are not the caller's to set.
          if (/^x-amz-/i.test(name)) continue
          const held = query[name]
          query[name] = held === undefined ? value : [held, value].flat()
        }
        const request = new HttpRequest({
          method: 'GET',
          protocol: 'https:',
          hostname: HOST,
          path: `${prefix}/pets`,
          query,
          headers: { host: HOST },
        })
        const out = await signer.presign(request, { signingDate: new Date(NOW), expiresIn: 300 })
        const rawQuery = Object.entries(out.query ?? {})
          .flatMap(([name, value]) =>
            [value ?? ''].flat().map((v) => `${encode(name)}=${encode(v)}`),
          )
          .join('&')
        const res = await gateway.invoke({
          method: 'GET',
          path: `/pets?${rawQuery}`,
          headers: out.headers,
        })
        expect([res.statusCode, res.body]).toEqual([200, 'in'])
      }),
      { numRuns: 200 },
    )
  })
})
