// SigV4 and JWT: genuine signed requests (aws4 / the AWS SDK's SignatureV4, header and presigned
// forms) and genuine JWTs, then mutated. The answer is 200 only for the genuine input inside its
// validity window, 400/401/403 for anything tampered, never 5xx, never a rejection.
import { createHash, createHmac } from 'node:crypto'
import { SignatureV4 } from '@aws-sdk/signature-v4'
import aws4 from 'aws4'
import fc from 'fast-check'
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose'
import {
  createGateway,
  silentLogger,
  type Gateway,
  type GatewayRequest,
} from '../../../src/index.js'
import { clip, type FuzzTarget, type Verdict } from '../core.js'

const HOST = 'api123.execute-api.us-east-1.amazonaws.com'
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0)
const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' } // prettier-ignore
const ISSUER = 'https://issuer.fuzz.example'

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

interface Genuine {
  label: string
  request: GatewayRequest
  /** How long after NOW it stays valid (presigned: X-Amz-Expires; header form: AWS's 5 minutes). */
  validForMs: number
  /** A token variant that is wrong by design (wrong aud, expired...): never 200. */
  bad?: boolean
}

interface AuthContext {
  iam: Gateway
  jwt: Gateway
  sigv4: Genuine[]
  tokens: Genuine[]
  skew: { ms: number }
}

const mock = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"ok": true}' } } }, // prettier-ignore
}

async function sigv4Requests(): Promise<Genuine[]> {
  const date = new Date(NOW).toISOString().replace(/[-:]|\.\d{3}/g, '')
  const viaAws4 = (method: string, path: string, body?: string): Genuine => {
    const signed = aws4.sign(
      { host: HOST, method, path: `/prod${path}`, service: 'execute-api', region: 'us-east-1', headers: { 'X-Amz-Date': date, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body }) }, // prettier-ignore
      CREDS,
    )
    return {
      label: `aws4 ${method}`,
      request: { method, path, headers: { ...(signed.headers as Record<string, string>) }, ...(body === undefined ? {} : { body }) }, // prettier-ignore
      validForMs: 5 * 60_000,
    }
  }
  const signer = new SignatureV4({ credentials: CREDS, region: 'us-east-1', service: 'execute-api', sha256: Sha256 }) // prettier-ignore
  const viaSdk = async (
    method: string,
    body: string | undefined,
    presign: boolean,
  ): Promise<Genuine> => {
    const request = { method, protocol: 'https:', hostname: HOST, path: '/prod/pets/7', query: { tag: 'dog' }, headers: { host: HOST, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body }) } // prettier-ignore
    const signed = presign
      ? await signer.presign(request, { signingDate: new Date(NOW), expiresIn: 300 })
      : await signer.sign(request, { signingDate: new Date(NOW) })
    const qs = new URLSearchParams(signed.query as Record<string, string>).toString()
    return {
      label: `sdk ${presign ? 'presigned' : 'header'} ${method}`,
      request: { method, path: `/pets/7${qs ? `?${qs}` : ''}`, headers: { ...(signed.headers as Record<string, string>) }, ...(body === undefined ? {} : { body }) }, // prettier-ignore
      validForMs: 300_000,
    }
  }
  return [
    viaAws4('GET', '/pets/7'),
    viaAws4('POST', '/pets/7', '{"name":"rex"}'),
    await viaSdk('GET', undefined, false),
    await viaSdk('POST', '{"name":"rex"}', false),
    await viaSdk('GET', undefined, true),
  ]
}

async function jwtTokens(): Promise<{ tokens: Genuine[]; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const other = await generateKeyPair('RS256', { extractable: true })
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }
  const t = Math.floor(NOW / 1000)
  const sign = (
    claims: Record<string, unknown>,
    o: { kid?: string; key?: typeof privateKey; exp?: number; iss?: string } = {}, // prettier-ignore
  ) =>
    new SignJWT({ sub: 'u1', aud: 'my-app', scope: 'pets:read', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: o.kid ?? 'k1' })
      .setIssuer(o.iss ?? ISSUER)
      .setIssuedAt(t)
      .setExpirationTime(o.exp ?? t + 600)
      .sign(o.key ?? privateKey)
  const req = (token: string): GatewayRequest => ({ method: 'GET', path: '/pets', headers: { Authorization: `Bearer ${token}` } }) // prettier-ignore
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const good = await sign({})
  const [, payload] = good.split('.')
  const hs = createHmac('sha256', JSON.stringify(jwk)).update(`${b64({ alg: 'HS256', kid: 'k1' })}.${payload}`).digest('base64url') // prettier-ignore
  const bad = (label: string, token: string): Genuine => ({ label, request: req(token), validForMs: 0, bad: true }) // prettier-ignore
  return {
    jwk,
    tokens: [
      { label: 'jwt genuine', request: req(good), validForMs: 600_000 },
      bad('jwt wrong aud', await sign({ aud: 'other-app' })),
      bad('jwt aud array without ours', await sign({ aud: ['x', 'y'] })),
      bad('jwt no aud', await sign({ aud: undefined })),
      bad('jwt expired', await sign({}, { exp: t - 10 })),
      bad('jwt wrong issuer', await sign({}, { iss: 'https://evil.example' })),
      bad('jwt unknown kid', await sign({}, { kid: 'nope' })),
      bad('jwt other key same kid', await sign({}, { key: other.privateKey })),
      bad('jwt alg none', `${b64({ alg: 'none', kid: 'k1' })}.${payload}.`),
      bad('jwt HS256 with the public key', `${b64({ alg: 'HS256', kid: 'k1' })}.${payload}.${hs}`),
      bad('jwt nbf in the future', await sign({ nbf: t + 3600 })),
      bad('jwt scope missing', await sign({ scope: 'other' })),
    ],
  }
}

type Mutation =
  | { kind: 'char'; where: 'auth' | 'query' | 'path' | 'body' | 'date' | 'token'; at: number; char: string } // prettier-ignore
  | { kind: 'drop-header'; at: number }
  | { kind: 'dup-auth' }
  | { kind: 'add-query' }
  | { kind: 'method' }
  | { kind: 'case-header' }

export interface AuthInput {
  surface: 'sigv4' | 'jwt'
  base: number
  mutations: Mutation[]
  skewMs: number
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('char' as const), where: fc.constantFrom('auth', 'query', 'path', 'body', 'date', 'token'), at: fc.nat(), char: fc.constantFrom('0', '1', 'a', 'f', 'A', 'Z', '-', '_', '.', '=', ',', ' ', '/', '%', '+') }) }, // prettier-ignore
  fc.record({ kind: fc.constant('drop-header' as const), at: fc.nat() }),
  fc.constant({ kind: 'dup-auth' as const }),
  fc.constant({ kind: 'add-query' as const }),
  fc.constant({ kind: 'method' as const }),
  fc.constant({ kind: 'case-header' as const }),
)

const arbitrary: fc.Arbitrary<AuthInput> = fc.record({
  surface: fc.constantFrom('sigv4', 'jwt'),
  base: fc.nat({ max: 11 }),
  mutations: fc.oneof(
    { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
    { weight: 6, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) },
  ),
  skewMs: fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    fc.constantFrom(-16 * 60_000, -30_000, 240_000, 360_000, 14 * 60_000, 3_600_000),
  ),
})

/** Replaces one character of `text`, avoiding the last of each `.`-separated part (base64url padding bits). */
function replaceChar(text: string, at: number, char: string, jwt: boolean): string {
  if (text.length === 0) return char
  let i = at % text.length
  if (jwt) {
    const ends = new Set<number>()
    let offset = 0
    for (const part of text.split('.')) {
      ends.add(offset + part.length - 1)
      offset += part.length + 1
    }
    if (ends.has(i)) i = Math.max(0, i - 1)
  }
  return text.slice(0, i) + char + text.slice(i + 1)
}

function mutate(request: GatewayRequest, mutations: Mutation[], jwt: boolean): GatewayRequest {
  const headers = { ...(request.headers as Record<string, string | string[]>) }
  let { method, path } = request
  let body = request.body as string | undefined
  const authName = Object.keys(headers).find((n) => n.toLowerCase() === 'authorization')
  for (const m of mutations) {
    switch (m.kind) {
      case 'char':
        if ((m.where === 'auth' || m.where === 'token') && authName) {
          const value = String(headers[authName])
          const start = value.startsWith('Bearer ') ? 7 : 0
          // Separators (',' ' ') only test parser leniency; keep to characters that change a value.
          const char = m.char === ',' || m.char === ' ' ? 'f' : m.char
          headers[authName] =
            value.slice(0, start) + replaceChar(value.slice(start), m.at, char, jwt)
        } else if (m.where === 'query' && path.includes('?')) {
          const q = path.indexOf('?')
          path = path.slice(0, q + 1) + replaceChar(path.slice(q + 1), m.at, m.char, false)
        } else if (m.where === 'path')
          path = path.replace('/pets/7', `/pets/${m.char === '/' ? '8' : encodeURIComponent(m.char)}7`) // prettier-ignore
        else if (m.where === 'body') body = replaceChar(body ?? '', m.at, m.char, false)
        else if (m.where === 'date') {
          const name = Object.keys(headers).find((n) => n.toLowerCase() === 'x-amz-date')
          if (name) headers[name] = replaceChar(String(headers[name]), m.at, '1', false)
          else if (path.includes('X-Amz-Date='))
            path = path.replace(/X-Amz-Date=(\d+)/, (_, d: string) => `X-Amz-Date=${String(Number(d) + 1)}`) // prettier-ignore
          else body = `${body ?? ''} `
        }
        break
      case 'drop-header': {
        const names = Object.keys(headers)
        if (names.length > 0) delete headers[names[m.at % names.length] as string]
        else path = `${path}${path.includes('?') ? '&' : '?'}x=1`
        break
      }
      case 'dup-auth':
        if (authName)
          headers[authName] = [String(headers[authName]), `${String(headers[authName])}0`]
        else headers['Authorization'] = 'AWS4-HMAC-SHA256 Credential=x'
        break
      case 'add-query':
        path = `${path}${path.includes('?') ? '&' : '?'}extra=1`
        break
      case 'method':
        method = method === 'GET' ? 'POST' : 'GET'
        break
      case 'case-header':
        // Header names are case-insensitive: this one is not a tampering by itself.
        if (authName) {
          const value = headers[authName] as string
          delete headers[authName]
          headers[authName.toUpperCase()] = value
        }
        break
    }
  }
  return { method, path, headers, ...(body === undefined ? {} : { body }) }
}

const headerList = (r: GatewayRequest) =>
  JSON.stringify(
    Object.entries(r.headers ?? {})
      .map(([n, v]) => [n.toLowerCase(), v])
      .sort(),
  )
const queryList = (path: string) => {
  const q = path.indexOf('?')
  if (q === -1) return ''
  try {
    return JSON.stringify([...new URLSearchParams(path.slice(q + 1))].sort())
  } catch {
    return path.slice(q + 1)
  }
}
const authorization = (r: GatewayRequest) =>
  JSON.stringify(
    Object.entries(r.headers ?? {}).filter(([n]) => n.toLowerCase() === 'authorization'),
  ).toLowerCase() === '[]'
    ? ''
    : JSON.stringify(
        Object.entries(r.headers ?? {})
          .filter(([n]) => n.toLowerCase() === 'authorization')
          .map(([, v]) => v),
      )

/** The same request, up to header-name case and query escaping. */
const same = (a: GatewayRequest, b: GatewayRequest) =>
  a.method === b.method &&
  a.path.split('?')[0] === b.path.split('?')[0] &&
  queryList(a.path) === queryList(b.path) &&
  (a.body ?? '') === (b.body ?? '') &&
  headerList(a) === headerList(b)

export const authTarget: FuzzTarget<AuthInput, AuthContext> = {
  name: 'auth',
  timeoutMs: 3000,
  async setup() {
    const skew = { ms: 0 }
    const now = () => NOW + skew.ms
    const iam = createGateway({
      api: {
        swagger: '2.0',
        info: { title: 'iam', version: '1' },
        paths: {
          '/pets/{id}': {
            get: { 'x-amazon-apigateway-auth': { type: 'aws_iam' }, responses: { 200: { description: 'ok' } }, 'x-amazon-apigateway-integration': mock }, // prettier-ignore
            post: { 'x-amazon-apigateway-auth': { type: 'aws_iam' }, responses: { 200: { description: 'ok' } }, 'x-amazon-apigateway-integration': mock }, // prettier-ignore
          },
        },
      },
      apiId: 'api123',
      stage: { name: 'prod' },
      // The clock stands still (NOW + skew), so buckets never refill: no throttling here.
      accountThrottle: { rateLimit: 1e9, burstLimit: 1e9 },
      now,
      credentials: (id) => (id === CREDS.accessKeyId ? { secretAccessKey: CREDS.secretAccessKey } : undefined), // prettier-ignore
      logger: silentLogger,
    })
    const { tokens, jwk } = await jwtTokens()
    const jwt = createGateway({
      api: {
        openapi: '3.0.1',
        info: { title: 'jwt', version: '1' },
        components: { securitySchemes: { jwt: { type: 'oauth2', flows: {}, 'x-amazon-apigateway-authorizer': { type: 'jwt', identitySource: '$request.header.Authorization', jwtConfiguration: { issuer: ISSUER, audience: ['my-app'] } } } } }, // prettier-ignore
        paths: { '/pets': { get: { security: [{ jwt: ['pets:read'] }], 'x-amazon-apigateway-integration': { payloadFormatVersion: '2.0', type: 'aws_proxy', httpMethod: 'POST', uri: 'arn:aws:lambda:us-east-1:123456789012:function:Fn' } } } }, // prettier-ignore
        'x-amazon-apigateway-importexport-version': '1.0',
      },
      now,
      accountThrottle: { rateLimit: 1e9, burstLimit: 1e9 },
      jwks: { [ISSUER]: { keys: [jwk] } },
      lambdas: { Fn: async () => ({ statusCode: 200, body: 'in' }) },
      logger: silentLogger,
    })
    return { iam, jwt, sigv4: await sigv4Requests(), tokens, skew }
  },
  teardown: async () => undefined,
  arbitrary: () => arbitrary,
  show: (input) => JSON.stringify(input),
  async run(input, ctx) {
    const list = input.surface === 'sigv4' ? ctx.sigv4 : ctx.tokens
    const genuine = list[input.base % list.length] as Genuine
    const request = mutate(genuine.request, input.mutations, input.surface === 'jwt')
    ctx.skew.ms = input.skewMs
    const gateway = input.surface === 'sigv4' ? ctx.iam : ctx.jwt
    const res = await gateway.invoke(request)
    // A JWT binds only itself; SigV4 binds method, path, query, signed headers and body.
    const untouched =
      input.surface === 'jwt'
        ? authorization(request) === authorization(genuine.request) &&
          request.method === genuine.request.method
        : same(request, genuine.request)
    // A JWT is valid from its iat (AWS: "iat must be before the current time", no leeway); a
    // SigV4 signature within AWS's 5-minute window (the target uses 1 minute either side).
    const inWindow =
      input.surface === 'jwt'
        ? input.skewMs >= 0 && input.skewMs < genuine.validForMs
        : input.skewMs >= -60_000 && input.skewMs < genuine.validForMs
    const valid = untouched && inWindow && !genuine.bad
    const what = `${genuine.label}${untouched ? '' : ` + ${[...new Set(input.mutations.map((m) => (m.kind === 'char' ? `char in ${m.where}` : m.kind)))].join(', ')}`}${inWindow ? '' : ' (outside validity window)'}` // prettier-ignore
    if (res.statusCode >= 500)
      return { kind: 'failure', signature: `${res.statusCode} for ${genuine.label}`, detail: clip(res.body, 200) } // prettier-ignore
    if (valid && res.statusCode !== 200)
      return { kind: 'failure', signature: `genuine ${genuine.label} refused with ${res.statusCode}`, detail: clip(res.body, 200) } // prettier-ignore
    if (!valid && res.statusCode === 200)
      return { kind: 'failure', signature: `accepted: ${what}`, detail: clip(JSON.stringify(request), 600) } satisfies Verdict // prettier-ignore
    if (!valid && ![400, 401, 403, 404].includes(res.statusCode))
      return { kind: 'failure', signature: `refused with unexpected ${res.statusCode}: ${genuine.label}`, detail: clip(res.body, 200) } // prettier-ignore
    return undefined
  },
  async control(ctx) {
    ctx.skew.ms = 0
    const genuine = ctx.sigv4[0] as Genuine
    const res = await ctx.iam.invoke(genuine.request)
    if (res.statusCode !== 200) return { kind: 'failure', signature: 'control: genuine SigV4 request refused' } // prettier-ignore
    return undefined
  },
}
