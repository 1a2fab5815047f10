/**
 * AWS service endpoints: where an AWS integration's call goes when `options.services` names an
 * endpoint instead of a stand-in, the credentials it is signed with (SigV4, by `aws4`), and the
 * call itself through the injected `fetch` with the integration timeout.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html
 * @see https://docs.aws.amazon.com/general/latest/gr/rande.html
 */
import aws4 from 'aws4'
import { Buffer } from 'node:buffer'
import type { Deps, GatewayFailure } from '../core/index.js'
import { createTraceId } from '../core/index.js'
import { ConfigError } from '../errors.js'
import type { AwsServiceHandler } from './aws.js'
import { callBackend, type BackendResponse } from './backend-request.js'
import { configurationFailure } from './integration.js'
import { errorMessage } from '../core/index.js'

/** Credentials that sign service calls (SigV4). */
export interface AwsCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  /** Sent as `X-Amz-Security-Token` (temporary credentials, e.g. from STS AssumeRole). */
  readonly sessionToken?: string
}

/** What a {@link AwsCredentialsResolver} is asked for one call. */
export interface AwsCredentialsRequest {
  /** The service being called, as the URI names it (`dynamodb`, `sqs`, …); also its signing name. */
  readonly service: string
  /** The region the call is signed for. */
  readonly region: string
  /**
   * The integration's `credentials` (an IAM role ARN such as
   * `arn:aws:iam::123456789012:role/ApiToDynamo`, which API Gateway would assume), or undefined
   * when the integration names none.
   */
  readonly roleArn: string | undefined
}

/**
 * Finds the credentials for one service call, e.g. by assuming `roleArn` with STS (cache them:
 * it is called for every call). Undefined means none: the call fails as a configuration error.
 * A rejection is logged and answers 500 like a missing credential.
 */
export type AwsCredentialsResolver = (
  request: AwsCredentialsRequest,
) => AwsCredentials | undefined | Promise<AwsCredentials | undefined>

/**
 * Where one AWS service's calls go and how they are signed. An entry in `options.services`
 * under the service's name (`dynamodb`), or under `'*'` for every service without its own entry.
 *
 * @example
 * ```ts
 * services: {
 *   dynamodb: { endpoint: 'http://127.0.0.1:8000' },            // a local DynamoDB
 *   '*': { endpoint: 'http://localhost:4566',                    // LocalStack for the rest
 *          credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
 * }
 * ```
 */
export interface AwsServiceEndpoint {
  /**
   * Base URL the service's requests go to: scheme, host, optional port and path prefix
   * (`http://127.0.0.1:8000`). Without it, AWS's public endpoint for the service in the region,
   * `https://{service}.{region}.amazonaws.com` (`.amazonaws.com.cn` for `cn-` regions).
   */
  readonly endpoint?: string
  /** Region that signs the call and picks AWS's endpoint. @default the integration URI's region */
  readonly region?: string
  /**
   * Credentials, or a resolver of them. @default the `'*'` entry's, else the environment's
   * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` (`options.env`)
   */
  readonly credentials?: AwsCredentials | AwsCredentialsResolver
}

/**
 * `options.services`: per service name (`sqs`, `dynamodb`, `states`, `s3`, …) a stand-in
 * function ({@link AwsServiceHandler}) or an {@link AwsServiceEndpoint}; `'*'` is an endpoint
 * for every service without an entry. A stand-in wins over `'*'`.
 */
export type AwsServices = Readonly<Record<string, AwsServiceHandler | AwsServiceEndpoint>>

/** The key of the endpoint every service without its own entry uses. */
export const ANY_SERVICE = '*'

/**
 * Checks `options.services` when the gateway is created.
 *
 * @param services - the option
 * @throws ConfigError naming `services.{name}` for an entry that is neither a function nor an
 *   endpoint object, an endpoint that is not an http(s) URL, or credentials without both keys
 */
export function checkAwsServices(services: AwsServices): void {
  for (const [name, entry] of Object.entries(services)) {
    const at = `services.${name}`
    if (typeof entry === 'function') {
      if (name === ANY_SERVICE) throw new ConfigError(at, "'*' takes an endpoint, not a stand-in")
      continue
    }
    // Checked as unknown: JavaScript callers and config files can pass anything here.
    const given: unknown = entry
    if (typeof given !== 'object' || given === null)
      throw new ConfigError(
        at,
        'must be a stand-in function or { endpoint?, region?, credentials? }',
      )
    if (entry.endpoint !== undefined) {
      let url: URL | undefined
      try {
        url = new URL(entry.endpoint)
      } catch {
        url = undefined
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '')
        throw new ConfigError(
          `${at}.endpoint`,
          `must be an http(s) URL without a query, got ${JSON.stringify(entry.endpoint)}`,
        )
    }
    const credentials: unknown = entry.credentials
    if (
      credentials !== undefined &&
      typeof credentials !== 'function' &&
      (typeof credentials !== 'object' ||
        credentials === null ||
        typeof (credentials as { accessKeyId?: unknown }).accessKeyId !== 'string' ||
        typeof (credentials as { secretAccessKey?: unknown }).secretAccessKey !== 'string')
    )
      throw new ConfigError(
        `${at}.credentials`,
        'must be { accessKeyId, secretAccessKey, sessionToken? } or a resolver function',
      )
  }
}

/** What {@link findAwsService} finds for a service. */
export type AwsServiceTarget =
  | { readonly kind: 'stand-in'; readonly handler: AwsServiceHandler }
  | { readonly kind: 'endpoint'; readonly endpoint: AwsServiceEndpoint }
  | undefined

/**
 * The stand-in or endpoint for a service: its own entry (a stand-in under the URI's full name,
 * e.g. `my-bucket.s3`, first), else the `'*'` endpoint.
 *
 * @param services - `options.services`
 * @param names - the names to try, in order
 * @returns the target, or undefined when nothing serves the service
 */
export function findAwsService(services: AwsServices, ...names: string[]): AwsServiceTarget {
  for (const name of names) {
    const entry = Object.hasOwn(services, name) ? services[name] : undefined
    if (typeof entry === 'function') return { kind: 'stand-in', handler: entry }
    if (entry) {
      const fallback = Object.hasOwn(services, ANY_SERVICE) ? services[ANY_SERVICE] : undefined
      const shared = typeof fallback === 'object' ? fallback : undefined
      return {
        kind: 'endpoint',
        endpoint:
          entry.credentials === undefined && shared?.credentials !== undefined
            ? { ...entry, credentials: shared.credentials }
            : entry,
      }
    }
  }
  const fallback = Object.hasOwn(services, ANY_SERVICE) ? services[ANY_SERVICE] : undefined
  return typeof fallback === 'object' ? { kind: 'endpoint', endpoint: fallback } : undefined
}

/** One call to an AWS service, in the service's protocol. */
export interface AwsServiceCall {
  /** The service (endpoint prefix and signing name), e.g. `dynamodb`. */
  readonly service: string
  /** A URI's host prefix (`my-bucket` of `my-bucket.s3`), if any. */
  readonly subdomain?: string | undefined
  /** The region from the URI (or the API's); an endpoint's `region` overrides it. */
  readonly region: string
  /** The integration's `credentials` role ARN. */
  readonly roleArn: string | undefined
  readonly method: string
  /** The path, percent-encoded, starting with `/`. */
  readonly path: string
  /** Query parameters in order, decoded. */
  readonly query: ReadonlyArray<readonly [string, string]>
  /** Headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer
  readonly timeoutMs: number
  /** `X-Amzn-Apigateway-Api-Id` and `User-Agent: AmazonAPIGateway_{apiId}`. */
  readonly apiId: string
}

/** RFC 3986 percent-encoding (SigV4's), so the signed and the sent query are the same text. */
const encode = (text: string): string =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )

/**
 * Sends a service call: resolves the endpoint and credentials, signs with SigV4, calls through
 * `deps.fetch` at the integration timeout.
 *
 * @param target - the endpoint entry
 * @param call - the request in the service's protocol
 * @param deps - fetch, clock, env
 * @returns the service's whole answer (any status), or INTEGRATION_TIMEOUT, or a configuration
 *   failure (no credentials, a resolver that threw, an unreachable endpoint)
 */
export async function callAwsService(
  target: AwsServiceEndpoint,
  call: AwsServiceCall,
  deps: Deps,
): Promise<BackendResponse | GatewayFailure> {
  const region = target.region ?? call.region
  // The region names AWS's host: it may come from a client value (an HTTP API `Region`
  // parameter), so only a hostname label is taken.
  if (!/^[a-z0-9-]{1,40}$/.test(region))
    return configurationFailure(`Invalid region ${JSON.stringify(region.slice(0, 60))}`)
  let credentials: AwsCredentials | undefined | 'timeout'
  let cancel: (() => void) | undefined
  try {
    // A resolver that never answers must not hold the request past the integration timeout.
    credentials = await Promise.race([
      readCredentials(target, call, region, deps),
      new Promise<'timeout'>((resolve) => {
        cancel = deps.setTimer(call.timeoutMs, () => resolve('timeout'))
      }),
    ])
  } catch (error) {
    return configurationFailure(
      `credentials for AWS service ${call.service} failed: ${errorMessage(error)}`,
      error,
    )
  } finally {
    cancel?.()
  }
  if (credentials === 'timeout')
    return {
      responseType: 'INTEGRATION_TIMEOUT',
      logMessage: `Execution failed due to a timeout after ${call.timeoutMs} ms: credentials for AWS service ${call.service}`,
    }
  if (!credentials)
    return configurationFailure(
      `no credentials for AWS service ${call.service}: give options.services.${call.service}.credentials (or '*'), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`,
    )
  let base: URL
  let prefix = ''
  try {
    if (target.endpoint !== undefined) {
      base = new URL(target.endpoint)
      prefix = base.pathname.replace(/\/+$/, '')
      // A local endpoint has no virtual hosts: S3's bucket subdomain becomes the first segment.
      if (call.subdomain && call.service === 's3') prefix += `/${encode(call.subdomain)}`
    } else {
      const host = `${call.subdomain ? `${call.subdomain}.` : ''}${call.service}.${region}`
      base = new URL(`https://${host}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`)
    }
  } catch (error) {
    return configurationFailure(`Invalid endpoint address for AWS service ${call.service}`, error)
  }
  const search = call.query.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&')
  const headers: Record<string, string> = { ...call.headers }
  headers['x-amz-date'] = new Date(deps.now()).toISOString().replace(/[:-]|\.\d{3}/g, '')
  headers['x-amzn-apigateway-api-id'] = call.apiId
  headers['user-agent'] ??= `AmazonAPIGateway_${call.apiId}`
  headers['accept'] ??= 'application/json'
  let signed: ReturnType<typeof aws4.sign>
  const sent = new Headers()
  try {
    signed = aws4.sign(
      {
        host: base.host,
        method: call.method,
        path: `${prefix}${call.path}${search ? `?${search}` : ''}`,
        headers,
        ...(call.body.length > 0 ? { body: call.body } : {}),
        service: call.service,
        region,
      },
      credentials,
    )
    for (const [name, value] of Object.entries(signed.headers ?? {})) {
      const lower = name.toLowerCase()
      if (lower === 'host' || lower === 'content-length' || value === undefined) continue
      sent.set(name, String(value))
    }
  } catch (error) {
    // A malformed percent-encoding in the path, or a header value HTTP cannot carry.
    return configurationFailure(
      `Invalid request to AWS service ${call.service}: ${errorMessage(error)}`,
      error,
    )
  }
  sent.set('X-Amzn-Trace-Id', createTraceId(deps.now(), deps.random))
  let url: URL
  try {
    url = new URL(`${base.protocol}//${base.host}${signed.path ?? '/'}`)
  } catch (error) {
    return configurationFailure(`Invalid endpoint address: ${signed.path ?? '/'}`, error)
  }
  return callBackend(
    deps,
    url,
    { method: call.method, headers: sent, body: call.body.length > 0 ? call.body : undefined },
    call.timeoutMs,
  )
}

async function readCredentials(
  target: AwsServiceEndpoint,
  call: AwsServiceCall,
  region: string,
  deps: Deps,
): Promise<AwsCredentials | undefined> {
  const given = target.credentials
  if (typeof given === 'function')
    return await given({ service: call.service, region, roleArn: call.roleArn })
  if (given) return given
  const env = deps.env ?? {}
  const accessKeyId = env['AWS_ACCESS_KEY_ID']
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY']
  if (!accessKeyId || !secretAccessKey) return undefined
  const sessionToken = env['AWS_SESSION_TOKEN']
  return sessionToken
    ? { accessKeyId, secretAccessKey, sessionToken }
    : { accessKeyId, secretAccessKey }
}

/**
 * Splits a URI's service part: `my-bucket.s3` is service `s3` with subdomain `my-bucket`.
 *
 * @param part - the URI's service part
 * @returns service and subdomain
 */
export function splitServicePart(part: string): { service: string; subdomain: string | undefined } {
  const dot = part.lastIndexOf('.')
  return dot === -1
    ? { service: part, subdomain: undefined }
    : { service: part.slice(dot + 1), subdomain: part.slice(0, dot) }
}

/** Re-exported for callers that pass the answer on. */
export type { BackendResponse }
