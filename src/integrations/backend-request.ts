/**
 * What HTTP and HTTP_PROXY integrations share: the backend URL from the URI template and
 * mappings, and the call through the injected `fetch` with the integration timeout.
 */
import { Buffer } from 'node:buffer'
import type { RequestHeaders } from '../core/index.js'
import type { Deps, GatewayFailure } from '../core/index.js'
import type { IntegrationDefinition } from '../definition/index.js'
import { ConfigError } from '../errors.js'
import { compileParameterSource, type ParameterSource } from '../mapping/index.js'
import type { RequestState } from '../pipeline/index.js'
import { dotSegment } from '../routing/index.js'
import { substituteStageVariables } from '../stages/index.js'
import { MAX_BODY_BYTES } from '../core/index.js'
import { badGatewayFailure, configurationFailure } from './integration.js'

/**
 * Headers a request mapping of an HTTP integration may not set: AWS accepts the mapping and
 * fails each call (500).
 */
export const UNMAPPABLE_HEADERS: ReadonlySet<string> = new Set([
  'content-length',
  'transfer-encoding',
  'x-amzn-trace-id',
  'x-amzn-apigateway-api-id',
])

/**
 * Headers a request mapping of an AWS or AWS_PROXY integration may not set: the HTTP ones plus
 * Authorization, Connection, Expect, Proxy-Authenticate and TE (AWS-recorded, LocalStack
 * `TestApiGatewayHeaderRemapping::test_apigateway_header_remapping_aws[AWS|AWS_PROXY]`).
 */
export const AWS_UNMAPPABLE_HEADERS: ReadonlySet<string> = new Set([
  ...UNMAPPABLE_HEADERS,
  'authorization',
  'connection',
  'expect',
  'proxy-authenticate',
  'te',
])

/** Request mappings of an integration, by target kind. */
export interface CompiledRequestMappings {
  /** A mapped header AWS refuses to set, if any: every call fails with a 500. */
  readonly unmappableHeader: string | undefined
  readonly path: ReadonlyMap<string, ParameterSource>
  readonly querystring: ReadonlyArray<readonly [string, ParameterSource, boolean]>
  readonly header: ReadonlyArray<readonly [string, ParameterSource]>
}

/**
 * Compiles `integration.request.*` mappings.
 *
 * @param integration - the integration
 * @param where - place in the definition
 * @param unmappable - lower-case header names a mapping may not target
 * @returns the mappings by kind
 */
export function compileRequestMappings(
  integration: IntegrationDefinition,
  where: string,
  unmappable: ReadonlySet<string> = UNMAPPABLE_HEADERS,
): CompiledRequestMappings {
  const path = new Map<string, ParameterSource>()
  const querystring: Array<readonly [string, ParameterSource, boolean]> = []
  const header: Array<readonly [string, ParameterSource]> = []
  let unmappableHeader: string | undefined
  for (const [target, expression] of Object.entries(integration.requestParameters)) {
    const at = `${where}.requestParameters.${target}`
    const [, kind, name] = /^integration\.request\.([a-z]+)\.(.+)$/.exec(target) as unknown as [
      string,
      string,
      string,
    ]
    const source = compileParameterSource(expression, at, 'integration request')
    if (kind === 'path') path.set(name, source)
    else if (kind === 'querystring' || kind === 'multivaluequerystring')
      querystring.push([name, source, kind === 'multivaluequerystring'])
    else if (kind === 'header' || kind === 'multivalueheader') {
      if (unmappable.has(name.toLowerCase())) unmappableHeader ??= name
      header.push([name, source])
    }
  }
  return { path, querystring, header, unmappableHeader }
}

/**
 * Characters a URL parser would not keep as data in a path: C0 controls, space, `"`, `#`, `<`,
 * `>`, `?`, backquote, `{`, `}`, DEL (WHATWG's path percent-encode set) and the backslash (a slash to
 * WHATWG URL for http(s)). Tabs and newlines, which WHATWG URL deletes, are C0 controls.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_PATH = /[\u0000-\u0020"#<>?`{}\\\u007f]/g

/**
 * A value (a path parameter, a mapped or overridden value) made safe to place in a backend URL's
 * path: the characters a URL parser would reinterpret are percent-encoded, so the value stays
 * data. A value holding a `.` or `..` segment in any spelling (`..`, `%2e%2e`, `.%2E`…) is
 * refused: WHATWG URL (and so `fetch`) resolves every one of them, and no encoding survives, so
 * sending it would reach a different resource than the one routing chose.
 *
 * @param value - the value, as routing or the mapping produced it (percent-encoding kept)
 * @returns the value to substitute, or undefined when it holds a dot segment
 */
export function encodeBackendPathValue(value: string): string | undefined {
  const encoded = value.replace(
    UNSAFE_IN_PATH,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  )
  if (encoded.includes('.') || /%2e/i.test(encoded)) {
    for (const segment of encoded.split('/')) if (dotSegment(segment) !== 0) return undefined
  }
  return encoded
}

/** The backend URL for one request. */
export type BackendUrl = (
  state: RequestState,
  mappings: CompiledRequestMappings,
  pathOverrides?: Readonly<Record<string, string>>,
) => URL | GatewayFailure

/**
 * Compiles an integration URI: `${stageVariables.x}` and `{name}` placeholders (filled from
 * `integration.request.path.name`, or else the method path parameter of that name).
 *
 * @param uri - the integration URI
 * @param where - place in the definition
 * @returns the URL builder
 * @throws ConfigError for a URI that is not http(s)
 */
export function compileBackendUrl(uri: string, where: string): BackendUrl {
  if (!/^https?:\/\//i.test(uri) && !uri.startsWith('${')) {
    throw new ConfigError(
      where,
      `HTTP integrations need an http(s) URI, got ${JSON.stringify(uri)}`,
    )
  }
  const hasStageVariables = uri.includes('${stageVariables.')
  const hasPlaceholders = /\{[^}$]+\}/.test(uri.replace(/\$\{[^}]*\}/g, ''))
  return (state, mappings, pathOverrides) => {
    let text = hasStageVariables ? substituteStageVariables(uri, state.stage.variables) : uri
    if (hasPlaceholders) {
      let refused: string | undefined
      text = text.replace(/\{([A-Za-z0-9_.\-$]+)\+?\}/g, (whole, name: string) => {
        const overridden = pathOverrides?.[name]
        const mapped = overridden === undefined ? mappings.path.get(name) : undefined
        const value =
          overridden ?? (mapped ? mapped(state.sources) : state.route?.pathParameters?.[name])
        if (value === undefined) return whole
        const safe = encodeBackendPathValue(value)
        if (safe === undefined) refused ??= name
        return safe ?? whole
      })
      if (refused !== undefined)
        return configurationFailure(
          `Invalid endpoint address: path parameter ${refused} holds a dot segment`,
        )
    }
    let url: URL
    try {
      url = new URL(text)
    } catch (error) {
      return configurationFailure(`Invalid endpoint address: ${text}`, error)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return configurationFailure(`Invalid endpoint address: ${text}`)
    for (const [name, source, multi] of mappings.querystring) {
      const value = source(state.sources)
      if (value === undefined) continue
      if (multi) for (const item of value.split(',')) url.searchParams.append(name, item)
      else url.searchParams.append(name, value)
    }
    return url
  }
}

/** A backend's answer, read whole. */
export interface BackendResponse {
  readonly status: number
  readonly headers: Headers
  readonly bytes: Buffer
}

/**
 * The client's headers as a `fetch` Headers, without the ones named in `dropped` (lower case)
 * and without any `fetch` cannot carry (invalid characters).
 *
 * @param headers - the request's headers
 * @param dropped - lower-case names not forwarded
 * @returns the headers to send
 */
export function forwardableHeaders(headers: RequestHeaders, dropped: ReadonlySet<string>): Headers {
  const out = new Headers()
  for (const { name, values } of headers.entries()) {
    if (dropped.has(name.toLowerCase())) continue
    for (const value of values) {
      try {
        out.append(name, value)
      } catch {
        // not sendable: dropped
      }
    }
  }
  return out
}

/**
 * Calls the backend through `deps.fetch`, aborting at the integration timeout.
 *
 * @param deps - `fetch` and timers
 * @param url - where to
 * @param init - method, headers, body
 * @param timeoutMs - `timeoutInMillis`
 * @returns the whole response, or INTEGRATION_TIMEOUT / a configuration failure
 */
export async function callBackend(
  deps: Deps,
  url: URL,
  init: { method: string; headers: Headers; body: Buffer | string | undefined },
  timeoutMs: number,
): Promise<BackendResponse | GatewayFailure> {
  const controller = new AbortController()
  let timedOut = false as boolean // set by the timer
  const cancel = deps.setTimer(timeoutMs, () => {
    timedOut = true
    controller.abort()
  })
  try {
    const requestInit: RequestInit = {
      method: init.method,
      headers: init.headers,
      signal: controller.signal,
      redirect: 'manual',
    }
    if (init.body !== undefined && init.method !== 'GET' && init.method !== 'HEAD')
      requestInit.body = init.body
    const response = await deps.fetch(url.href, requestInit)
    const bytes = await readBounded(response, MAX_BODY_BYTES)
    if (bytes === undefined) {
      controller.abort()
      return badGatewayFailure(
        `Execution failed: the integration response is over ${MAX_BODY_BYTES} bytes (${url.origin})`,
      )
    }
    return { status: response.status, headers: response.headers, bytes }
  } catch (error) {
    if (timedOut)
      return {
        responseType: 'INTEGRATION_TIMEOUT',
        logMessage: `Execution failed due to a timeout after ${timeoutMs} ms: ${url.href}`,
        cause: error,
      }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    return configurationFailure(
      `${cause?.code ?? ''} ${cause?.message ?? (error as Error).message} (${url.origin})`.trim(),
      error,
    )
  } finally {
    cancel()
  }
}

/**
 * A response body read up to `limit` bytes (API Gateway's 10 MB payload limit): a backend or an
 * AWS service (an S3 object a client names) must not make the gateway hold more.
 *
 * @returns the body, or undefined once it passes the limit (the rest is not read)
 */
async function readBounded(response: Response, limit: number): Promise<Buffer | undefined> {
  const declared = Number(response.headers.get('content-length') ?? '')
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined)
    return undefined
  }
  if (!response.body) return Buffer.from(await response.arrayBuffer())
  const chunks: Uint8Array[] = []
  let size = 0
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, size)
}

/**
 * The failure for a mapping onto a header AWS does not let mappings set.
 *
 * @param mappings - the integration's mappings
 * @returns a 500 failure, or undefined when the mappings are allowed
 */
export function unmappableHeaderFailure(
  mappings: CompiledRequestMappings,
): GatewayFailure | undefined {
  if (mappings.unmappableHeader === undefined) return undefined
  return configurationFailure(
    `Invalid mapping expression: header ${mappings.unmappableHeader} cannot be mapped`,
  )
}
