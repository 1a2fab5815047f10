/**
 * IAM authorization (`AWS_IAM`): verifies Signature Version 4 on a request, in the header form
 * (`Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`) or the query
 * form (`X-Amz-Signature=…`), with the canonicalisation AWS signers use for `execute-api`, a
 * 5-minute clock-skew window on the injected clock, and a constant-time comparison.
 *
 * The payload hash in the canonical request is always the SHA-256 of the body Portico received;
 * a signed `X-Amz-Content-Sha256` header must carry that same hash (so `UNSIGNED-PAYLOAD`, an
 * Amazon S3 feature, never verifies), and an unsigned one is ignored. A presigned URL's
 * `X-Amz-Expires` must be a whole number of seconds from 1 to 604800.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { Buffer } from 'node:buffer'
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { GatewayFailure } from '../core/index.js'
import type { RequestHeaders } from '../core/index.js'
import type { Deps } from '../core/index.js'

/** What verification reads of a request (a REST request state, or any HTTP request). */
export interface SignedRequest {
  readonly method: string
  /** The path the client called, as sent (with the stage on the default endpoint). */
  readonly signedPath: string
  readonly rawQuery: string
  readonly headers: RequestHeaders
  readonly query: { readonly single: Readonly<Record<string, string>> | null }
  /**
   * The body bytes exactly as received; `null` means an empty body. The signature covers their
   * SHA-256, so a caller must pass every byte it will act on (a body it leaves out is hashed as
   * empty and any real body then fails verification).
   */
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

/**
 * SigV4 limits (AWS facts).
 * - `skewMs`: a header-signed request's `X-Amz-Date` must be within 5 minutes of the server clock
 *   (IAM User Guide, "Elements of an AWS API request signature": "the request must reach AWS
 *   within five minutes of the time stamp").
 * - `expiresSeconds`: a presigned URL's `X-Amz-Expires`, "minimum 1 … maximum 604800 seconds
 *   (seven days)" (Amazon S3 API Reference, "Authenticating Requests: Using Query Parameters";
 *   the AWS SDKs refuse to presign beyond a week for every SigV4 service).
 */
const LIMITS = {
  skewMs: 5 * 60 * 1000,
  expiresSeconds: { min: 1, max: 604_800 },
} as const
const SKEW_MS = LIMITS.skewMs
const EMPTY = new Uint8Array(0)

const MISSING: GatewayFailure = { responseType: 'MISSING_AUTHENTICATION_TOKEN' }
const MISMATCH: GatewayFailure = { responseType: 'INVALID_SIGNATURE' }

function incomplete(message: string): GatewayFailure {
  return { responseType: 'INVALID_SIGNATURE', message, errorType: 'IncompleteSignatureException' }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** RFC 3986 encoding, as SigV4 requires (`!'()*` encoded too). */
function encodeRfc3986(text: string): string {
  // A lone surrogate would make encodeURIComponent throw; it cannot have been signed as sent.
  const wellFormed = text.replace(LONE_SURROGATE, '\uFFFD')
  return encodeURIComponent(wellFormed).replace(
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

const CONTENT_SHA256 = 'x-amz-content-sha256'

/** A header's values as the canonical request lists them: trimmed, spaces folded, comma-joined. */
const canonicalValue = (values: readonly string[] | undefined): string =>
  (values ?? []).map((v) => v.trim().replace(/\s+/g, ' ')).join(',')

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

const HEADER_PARAMETERS = [
  ['Credential', "Authorization header requires 'Credential' parameter."],
  ['Signature', "Authorization header requires 'Signature' parameter."],
  ['SignedHeaders', "Authorization header requires 'SignedHeaders' parameter."],
] as const
const NO_DATE =
  "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
const BAD_DATE =
  "Date must be in ISO-8601 'basic format'. See http://en.wikipedia.org/wiki/ISO_8601"
const AMZ_DATE = /^\d{8}T\d{6}Z$/

/** Reads `Credential=…, SignedHeaders=…, Signature=…` (each once; a part without `=` is malformed). */
function readAuthorization(auth: string): Map<string, string> | GatewayFailure {
  const fields = new Map<string, string>()
  if (!auth.startsWith(`${ALGORITHM} `)) return fields
  for (const part of auth.slice(ALGORITHM.length + 1).split(',')) {
    const text = part.trim()
    if (text === '') continue
    const eq = text.indexOf('=')
    if (eq === -1)
      return incomplete(
        'Authorization header has a parameter that is not a valid key=value pair (missing equal-sign).',
      )
    const key = HEADER_PARAMETERS.find(([name]) => name === text.slice(0, eq).trim())?.[0]
    if (key === undefined) continue
    if (fields.has(key))
      return incomplete(`Authorization header has a duplicate '${key}' parameter.`)
    fields.set(key, text.slice(eq + 1).trim())
  }
  return fields
}

/**
 * `X-Amz-Expires` as whole seconds in {@link LIMITS}, or AWS's refusal (S3's wording; AWS's
 * wording for execute-api is unconfirmed).
 */
function readExpires(raw: string | undefined): number | undefined | GatewayFailure {
  if (raw === undefined) return undefined
  if (!/^-?\d{1,16}$/.test(raw)) return incomplete('X-Amz-Expires should be a number')
  const seconds = Number(raw)
  if (seconds < 0) return incomplete('X-Amz-Expires must be non-negative')
  if (seconds < LIMITS.expiresSeconds.min)
    return incomplete(`X-Amz-Expires must be at least ${LIMITS.expiresSeconds.min} (in seconds)`)
  if (seconds > LIMITS.expiresSeconds.max)
    return incomplete(
      `X-Amz-Expires must be less than a week (in seconds) that is ${LIMITS.expiresSeconds.max}`,
    )
  return seconds
}

function readSignature(state: SignedRequest): SignatureParts | GatewayFailure {
  const rawAuth = state.headers.get('authorization')
  const auth = rawAuth === undefined || rawAuth.trim() === '' ? undefined : rawAuth
  const query = state.query.single
  let credential: string | undefined
  let signedHeaders: string | undefined
  let signature: string | undefined
  let amzDate: string | undefined
  let expires: number | undefined
  let queryForm = false
  if (auth === undefined && query?.['X-Amz-Algorithm'] !== undefined) {
    if (query['X-Amz-Algorithm'] !== ALGORITHM) return incomplete('Unsupported algorithm')
    credential = query['X-Amz-Credential']
    signedHeaders = query['X-Amz-SignedHeaders']
    signature = query['X-Amz-Signature']
    amzDate = query['X-Amz-Date']
    if (!credential || !signedHeaders || !signature || amzDate === undefined)
      return incomplete(
        "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders' and 'X-Amz-Date'. Re-examine the query-string parameters.",
      )
    const seconds = readExpires(query['X-Amz-Expires'])
    if (typeof seconds === 'object') return seconds
    expires = seconds
    queryForm = true
  } else if (auth !== undefined) {
    const fields = readAuthorization(auth)
    if (!(fields instanceof Map)) return fields
    credential = fields.get('Credential')
    signedHeaders = fields.get('SignedHeaders')
    signature = fields.get('Signature')
    amzDate = state.headers.get('x-amz-date')
    if (amzDate === undefined) {
      const date = state.headers.get('date')
      const parsed = date === undefined ? Number.NaN : Date.parse(date)
      if (Number.isFinite(parsed) && Math.abs(parsed) < 8.64e15) amzDate = stamp(parsed)
    }
    const missing: string[] = HEADER_PARAMETERS.filter(([key]) => !fields.get(key)).map(
      ([, text]) => text,
    )
    if (amzDate === undefined) missing.push(NO_DATE)
    if (missing.length > 0) return incomplete(missing.join(' '))
  } else return MISSING
  if (!credential || !signedHeaders || !signature || amzDate === undefined) return MISSING
  if (!AMZ_DATE.test(amzDate) || stamp(epochOf(amzDate)) !== amzDate) return incomplete(BAD_DATE)
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
 * @param options - `declaredPayload: true` verifies against a signed `x-amz-content-sha256`
 *   instead of hashing the body, so a caller can check the signature before it reads a body; the
 *   caller must then compare the body it reads with that header (the `@connections` API does).
 *   Without a signed declaration the body is hashed as usual.
 * @returns the caller, or AWS's 403 for a missing, malformed, unknown, stale or wrong signature
 */
export async function verifySigV4(
  state: SignedRequest,
  resolve: CredentialsResolver,
  options?: { readonly declaredPayload?: boolean },
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
    .map((name) => `${name}:${canonicalValue(state.headers.getAll(name))}\n`)
    .join('')
  // The hash of the body as received, never a client-declared one: a declared hash that is
  // signed must match it (UNSIGNED-PAYLOAD included), an unsigned one is ignored.
  const declared = parts.signedHeaders.includes(CONTENT_SHA256)
    ? canonicalValue(state.headers.getAll(CONTENT_SHA256))
    : undefined
  let payloadHash: string
  if (options?.declaredPayload === true && declared !== undefined) payloadHash = declared
  else {
    payloadHash = sha256Hex(state.bodyBytes() ?? EMPTY)
    if (declared !== undefined && declared !== payloadHash) return MISMATCH
  }
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
