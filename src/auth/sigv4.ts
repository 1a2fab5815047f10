/**
 * IAM authorization (`AWS_IAM`): verifies Signature Version 4 on a request, in the header form
 * (`Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`) or the query
 * form (`X-Amz-Signature=…`), with the canonicalisation AWS signers use for `execute-api`, a
 * 5-minute clock-skew window on the injected clock, and a constant-time comparison.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { Buffer } from 'node:buffer'
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { GatewayFailure } from '../core/types.js'
import type { RequestHeaders } from '../core/headers.js'
import type { Deps } from '../core/types.js'

/** What verification reads of a request (a REST request state, or any HTTP request). */
export interface SignedRequest {
  readonly method: string
  /** The path the client called, as sent (with the stage on the default endpoint). */
  readonly signedPath: string
  readonly rawQuery: string
  readonly headers: RequestHeaders
  readonly query: { readonly single: Readonly<Record<string, string>> | null }
  bodyBytes(): Uint8Array | null
  readonly region: string
  readonly deps: Deps
}

/** What `options.credentials(accessKeyId)` answers for a known key. */
export interface IamCredentials {
  secretAccessKey: string
  /** Required in `X-Amz-Security-Token` when set (temporary credentials). */
  sessionToken?: string
  /** Whether the temporary credentials have expired (answers EXPIRED_TOKEN). */
  expired?: boolean
  /** `$context.identity.accountId`. */
  accountId?: string
  /** `$context.identity.userArn`. */
  arn?: string
}

/** Finds the secret of an access key id. */
export type CredentialsResolver = (
  accessKeyId: string,
) => IamCredentials | undefined | Promise<IamCredentials | undefined>

/** An authenticated IAM caller. */
export interface IamCaller {
  readonly accessKey: string
  readonly accountId: string | undefined
  readonly arn: string | undefined
}

const ALGORITHM = 'AWS4-HMAC-SHA256'
const SKEW_MS = 5 * 60 * 1000

const MISSING: GatewayFailure = { responseType: 'MISSING_AUTHENTICATION_TOKEN' }
const MISMATCH: GatewayFailure = { responseType: 'INVALID_SIGNATURE' }

function incomplete(message: string): GatewayFailure {
  return { responseType: 'INVALID_SIGNATURE', message, errorType: 'IncompleteSignatureException' }
}

/** RFC 3986 encoding, as SigV4 requires (`!'()*` encoded too). */
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** The canonical URI: the path as sent, normalised, each segment encoded again (non-S3 rule). */
function canonicalUri(path: string): string {
  const segments: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(segment)
  }
  const joined = `/${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`
  return encodeRfc3986(joined).replace(/%2F/g, '/')
}

function canonicalQuery(rawQuery: string, skip?: string): string {
  if (rawQuery === '') return ''
  const pairs: Array<[string, string]> = []
  for (const part of rawQuery.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const name = safeDecode(eq === -1 ? part : part.slice(0, eq))
    if (name === skip) continue
    pairs.push([
      encodeRfc3986(name),
      encodeRfc3986(eq === -1 ? '' : safeDecode(part.slice(eq + 1))),
    ])
  }
  pairs.sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
  )
  return pairs.map(([k, v]) => `${k}=${v}`).join('&')
}

const hmac = (key: Buffer | string, data: string): Buffer =>
  createHmac('sha256', key).update(data).digest()
const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex')

interface SignatureParts {
  readonly accessKeyId: string
  readonly date: string
  readonly region: string
  readonly service: string
  readonly signedHeaders: string[]
  readonly signature: string
  readonly amzDate: string
  readonly expiresSeconds: number | undefined
  readonly queryForm: boolean
}

function readSignature(state: SignedRequest): SignatureParts | GatewayFailure {
  const auth = state.headers.get('authorization')
  let credential: string | undefined
  let signedHeaders: string | undefined
  let signature: string | undefined
  let amzDate: string | undefined
  let expires: number | undefined
  let queryForm = false
  if (auth !== undefined && auth.startsWith(ALGORITHM)) {
    for (const part of auth.slice(ALGORITHM.length).split(',')) {
      const [key, value] = part.trim().split('=', 2) as [string, string?]
      if (key === 'Credential') credential = value
      else if (key === 'SignedHeaders') signedHeaders = value
      else if (key === 'Signature') signature = value
    }
    amzDate = state.headers.get('x-amz-date')
    if (amzDate === undefined) {
      const date = state.headers.get('date')
      const parsed = date === undefined ? Number.NaN : Date.parse(date)
      if (!Number.isNaN(parsed)) amzDate = stamp(parsed)
    }
  } else {
    const query = state.query.single
    if (!query || query['X-Amz-Algorithm'] === undefined) return MISSING
    if (query['X-Amz-Algorithm'] !== ALGORITHM) return incomplete('Unsupported algorithm')
    credential = query['X-Amz-Credential']
    signedHeaders = query['X-Amz-SignedHeaders']
    signature = query['X-Amz-Signature']
    amzDate = query['X-Amz-Date']
    expires = query['X-Amz-Expires'] === undefined ? undefined : Number(query['X-Amz-Expires'])
    queryForm = true
  }
  if (auth !== undefined && !auth.startsWith(ALGORITHM) && !queryForm)
    return incomplete(`Authorization header requires 'Credential' parameter.`)
  if (!credential || !signedHeaders || !signature)
    return incomplete(
      "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.",
    )
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate))
    return incomplete(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    )
  const scope = credential.split('/')
  if (scope.length !== 5 || scope[4] !== 'aws4_request')
    return incomplete(`Credential should be scoped to a valid region.`)
  return {
    accessKeyId: scope[0] as string,
    date: scope[1] as string,
    region: scope[2] as string,
    service: scope[3] as string,
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    expiresSeconds: expires,
    queryForm,
  }
}

function epochOf(amzDate: string): number {
  return Date.UTC(
    Number(amzDate.slice(0, 4)),
    Number(amzDate.slice(4, 6)) - 1,
    Number(amzDate.slice(6, 8)),
    Number(amzDate.slice(9, 11)),
    Number(amzDate.slice(11, 13)),
    Number(amzDate.slice(13, 15)),
  )
}

function stamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]|\.\d{3}/g, '')
}

/**
 * Verifies the request's SigV4 signature.
 *
 * @param state - the request
 * @param resolve - finds the secret of an access key id
 * @returns the caller, or AWS's 403 for a missing, malformed, unknown, stale or wrong signature
 */
export async function verifySigV4(
  state: SignedRequest,
  resolve: CredentialsResolver,
): Promise<IamCaller | GatewayFailure> {
  const parts = readSignature(state)
  if ('responseType' in parts) return parts
  if (parts.service !== 'execute-api' || parts.region !== state.region)
    return incomplete(
      `Credential should be scoped to correct service: 'execute-api' in region '${state.region}'.`,
    )
  if (!parts.signedHeaders.includes('host'))
    return incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.")
  if (parts.date !== parts.amzDate.slice(0, 8))
    return {
      ...MISMATCH,
      message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parts.date}' != '${parts.amzDate.slice(0, 8)}', from '${parts.amzDate}'.`,
    }
  const now = state.deps.now()
  const signedAt = epochOf(parts.amzDate)
  if (parts.queryForm && parts.expiresSeconds !== undefined) {
    if (now > signedAt + parts.expiresSeconds * 1000)
      return { ...MISMATCH, message: 'Signature expired' }
  } else if (signedAt < now - SKEW_MS) {
    return {
      ...MISMATCH,
      message: `Signature expired: ${parts.amzDate} is now earlier than ${stamp(now - SKEW_MS)} (${stamp(now)} - 5 min.)`,
    }
  }
  if (signedAt > now + SKEW_MS)
    return {
      ...MISMATCH,
      message: `Signature not yet current: ${parts.amzDate} is still later than ${stamp(now + SKEW_MS)} (${stamp(now)} + 5 min.)`,
    }

  const credentials = await resolve(parts.accessKeyId)
  const presentedToken = parts.queryForm
    ? state.query.single?.['X-Amz-Security-Token']
    : state.headers.get('x-amz-security-token')
  if (
    !credentials ||
    (credentials.sessionToken !== undefined && presentedToken !== credentials.sessionToken)
  )
    return {
      responseType: 'INVALID_SIGNATURE',
      message: 'The security token included in the request is invalid.',
      errorType: 'UnrecognizedClientException',
    }
  if (credentials.expired) return { responseType: 'EXPIRED_TOKEN' }

  const canonicalHeaders = parts.signedHeaders
    .map((name) => {
      const values = state.headers.getAll(name) ?? []
      return `${name}:${values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',')}\n`
    })
    .join('')
  const payloadHash =
    state.headers.get('x-amz-content-sha256') ?? sha256Hex(state.bodyBytes() ?? '')
  const canonicalRequest = [
    state.method,
    canonicalUri(state.signedPath),
    canonicalQuery(state.rawQuery, parts.queryForm ? 'X-Amz-Signature' : undefined),
    canonicalHeaders,
    parts.signedHeaders.join(';'),
    payloadHash,
  ].join('\n')
  const scope = `${parts.date}/${parts.region}/${parts.service}/aws4_request`
  const stringToSign = `${ALGORITHM}\n${parts.amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`
  const key = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, parts.date), parts.region), parts.service),
    'aws4_request',
  )
  const expected = Buffer.from(hmac(key, stringToSign).toString('hex'))
  const presented = Buffer.from(parts.signature)
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return MISMATCH
  return { accessKey: parts.accessKeyId, accountId: credentials.accountId, arn: credentials.arn }
}
