/**
 * Everything the pipeline knows about one request, computed lazily: nothing is parsed until a
 * stage reads it.
 */
import { Buffer } from 'node:buffer'
import type { AdmittedKey } from '../auth/index.js'
import type { AuthorizerResult } from '../auth/index.js'
import { methodArn, type PolicyVerdict } from '../auth/index.js'
import {
  CANONICAL_METHOD_REQUEST_NAMES,
  DROPPED_METHOD_REQUEST_HEADERS,
  RequestHeaders,
} from '../core/index.js'
import { createExtendedRequestId, createRequestId, createTraceId } from '../core/index.js'
import type { RequestView } from '../core/index.js'
import { essenceOf, isBinaryMediaType } from '../core/index.js'
import { getOwn, setOwn } from '../core/index.js'
import { parseQueryString, type QueryParameters } from '../core/index.js'
import type { Deps, GatewayRequest } from '../core/index.js'
import type { ExecutionLog } from '../observability/index.js'
import type { ParameterSources } from '../mapping/index.js'
import type { TemplateParams } from '../mapping/index.js'
import type { VariableLookup } from '../mapping/index.js'
import { arnPath, dotSegment, normalizeRequestPath, withoutFragment } from '../routing/index.js'
import type { CompiledApi, CompiledMethod } from './compiled-api.js'
import { buildRestContext, templateContextOf } from './rest-context.js'
import type { StageRuntime } from '../stages/index.js'

/** The error part of `$context`, set when a failure is rendered. */
export interface ContextError {
  message: string | null
  messageString: string
  responseType: string
  validationErrorString?: string
}

/** One REST request in flight; steps shared with other API kinds read it as a {@link RequestView}. */
export class RequestState implements RequestView {
  readonly api: CompiledApi
  readonly stage: StageRuntime
  readonly deps: Deps
  readonly request: GatewayRequest
  readonly method: string
  /** The path after the stage as sent, without the query string (`$context.path`, SigV4). */
  readonly rawPath: string
  /**
   * The normalised path (no empty segments, no trailing slash, dot segments resolved, still
   * percent-encoded): what routing, the method ARN and backend URLs use.
   */
  readonly path: string
  readonly rawQuery: string
  readonly headers: RequestHeaders
  readonly requestTimeEpoch: number
  readonly requestId: string
  readonly extendedRequestId: string
  readonly sourceIp: string
  /** Set once routing matched. */
  route: { method: CompiledMethod; pathParameters: Record<string, string> | null } | undefined
  /** Set when a failure is rendered. */
  error: ContextError | undefined
  /** When the integration was called (epoch ms), if it was. */
  integrationStartedAt: number | undefined
  /** Milliseconds the integration took, when one ran. */
  integrationLatency: number | undefined
  /** The integration's status, when one answered. */
  integrationStatus: number | undefined
  /** Whether the cache answered (`hit`) or was filled (`miss`), when the method is cached. */
  cacheStatus: 'hit' | 'miss' | undefined
  /** The resource policy's verdict, when the API has one (checked before authorization). */
  resourcePolicyVerdict: PolicyVerdict | undefined
  /** Set (with {@link RequestState.admitKey}) when a method required and admitted an API key. */
  apiKey: AdmittedKey | undefined
  /** Set (with {@link RequestState.allow}) when a Lambda authorizer allowed the request. */
  authorizer: AuthorizerResult | undefined
  /**
   * The execution log being gathered, only when one is wanted (test-invoke, or a stage with
   * `loggingLevel`): steps write `state.trace?.add(...)`, which costs nothing without it.
   */
  trace: ExecutionLog | undefined = undefined
  #query: QueryParameters | undefined
  #body: Buffer | null | undefined
  #context: Record<string, unknown> | undefined
  #lookup: VariableLookup | undefined
  #sources: ParameterSources | undefined
  #templateParams: TemplateParams | undefined
  #methodArn: string | undefined
  #methodHeaders: RequestHeaders | undefined
  #traceId: string | undefined

  constructor(api: CompiledApi, stage: StageRuntime, request: GatewayRequest, deps: Deps) {
    this.api = api
    this.stage = stage
    this.deps = deps
    this.request = request
    this.method = typeof request.method === 'string' ? upperCase(request.method) : ''
    const path = withoutFragment(
      typeof request.path === 'string' && request.path.startsWith('/')
        ? request.path
        : // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may omit path
          `/${request.path ?? ''}`,
    )
    const q = path.indexOf('?')
    this.rawPath = q === -1 ? path : path.slice(0, q)
    this.path = normalizeRequestPath(this.rawPath)
    this.rawQuery = q === -1 ? '' : path.slice(q + 1)
    this.headers = new RequestHeaders(request.rawHeaders ?? request.headers)
    this.requestTimeEpoch = deps.now()
    this.requestId = createRequestId(deps.random)
    this.extendedRequestId = createExtendedRequestId(deps.random)
    this.sourceIp = request.sourceIp ?? '127.0.0.1'
  }

  /**
   * The method request's headers: the client's without those API Gateway drops (`Connection`,
   * `Content-Length`, `Transfer-Encoding`…), `Authorization` and `User-Agent` spelt that way.
   * What `$input.params()`, `method.request.header.*` and the Lambda proxy event read; checks
   * (SigV4, size limits) read {@link RequestState.headers}, everything the client sent.
   */
  get methodHeaders(): RequestHeaders {
    return (this.#methodHeaders ??= this.headers.methodRequestView(
      DROPPED_METHOD_REQUEST_HEADERS,
      CANONICAL_METHOD_REQUEST_NAMES,
    ))
  }

  /**
   * The Lambda proxy event's `path`: the path as sent with the slashes that follow the stage
   * collapsed into one (`/prod//orders` gives `/orders`, AWS-recorded); later `//` and a trailing
   * slash stay. A path with a dot segment (`..`, `%2e%2e`, …) is given as routing resolved it:
   * a framework in the function that matches paths literally would read `/admin/../public` as
   * under `/admin`, whose checks the request never passed (docs/security.md).
   */
  get eventPath(): string {
    const raw = this.rawPath
    if (hasDotSegment(raw)) return this.path
    if (raw.charCodeAt(1) !== 47 /* / */) return raw
    let start = 1
    while (raw.charCodeAt(start) === 47) start++
    return raw.slice(start - 1)
  }

  /** `$context.domainName`: the client's `Host`, or the API's execute-api domain. */
  get domainName(): string {
    return (
      this.headers.get('host') ?? `${this.api.apiId}.execute-api.${this.api.region}.amazonaws.com`
    )
  }

  /** The request's X-Ray trace header: the client's `X-Amzn-Trace-Id`, or a new `Root=1-…`. */
  get traceId(): string {
    return (this.#traceId ??=
      this.headers.get('x-amzn-trace-id') ?? createTraceId(this.requestTimeEpoch, this.deps.random))
  }

  /** Query parameters, parsed on first use. */
  get query(): QueryParameters {
    return (this.#query ??= parseQueryString(this.rawQuery))
  }

  /**
   * Records an authorizer's Allow; `$context` is rebuilt to carry `authorizer`.
   *
   * @param result - principal, context and usage identifier key
   */
  allow(result: AuthorizerResult): void {
    this.authorizer = result
    this.#context = undefined
  }

  /**
   * Records the API key a method admitted; `$context.identity.apiKey`/`apiKeyId` carry it.
   *
   * @param admitted - the key and its plans
   */
  admitKey(admitted: AdmittedKey): void {
    this.apiKey = admitted
    this.#context = undefined
  }

  /**
   * `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}` with the concrete,
   * normalised and decoded path (see routing/request-path.ts): `/prod/%61dmin/` is `…/GET/admin`.
   */
  get methodArn(): string {
    return (this.#methodArn ??= methodArn(
      this.api.region,
      this.api.accountId,
      this.api.apiId,
      this.stage.name,
      this.method,
      arnPath(this.path),
    ))
  }

  /** Query parameters the proxy event owns (a handler may mutate them). */
  queryForEvent(): QueryParameters {
    const parsed = this.#query
    if (parsed === undefined) return parseQueryString(this.rawQuery)
    if (parsed.single === null || parsed.multi === null) return parsed
    const multi: Record<string, string[]> = {}
    for (const name in parsed.multi) setOwn(multi, name, (parsed.multi[name] as string[]).slice())
    return { single: { ...parsed.single }, multi }
  }

  /** The request Content-Type's media type. */
  get contentType(): string | undefined {
    return essenceOf(this.headers.get('content-type'))
  }

  /** The body as bytes, or null when there is none. */
  bodyBytes(): Buffer | null {
    if (this.#body !== undefined) return this.#body
    const body = this.request.body
    if (body === undefined || body === null || body.length === 0) this.#body = null
    else if (typeof body === 'string')
      this.#body = Buffer.from(body, this.request.isBase64Encoded ? 'base64' : 'utf8')
    else
      this.#body = Buffer.isBuffer(body)
        ? body
        : Buffer.from(body.buffer, body.byteOffset, body.byteLength)
    return this.#body
  }

  /** Size of the body in bytes, without copying it. */
  bodySize(): number {
    const body = this.request.body
    if (body === undefined || body === null) return 0
    if (typeof body !== 'string') return body.byteLength
    return this.request.isBase64Encoded
      ? Math.floor((body.length * 3) / 4)
      : Buffer.byteLength(body)
  }

  /** Whether the request payload is binary per the API's binaryMediaTypes. */
  get isBinaryRequest(): boolean {
    return isBinaryMediaType(this.contentType, this.api.binaryMediaTypes)
  }

  /** The body as text: UTF-8, or base64 for a binary payload. */
  bodyText(): string | undefined {
    const body = this.request.body
    if (typeof body === 'string' && !this.request.isBase64Encoded && !this.isBinaryRequest)
      return body === '' ? undefined : body
    const bytes = this.bodyBytes()
    if (bytes === null) return undefined
    return this.isBinaryRequest ? bytes.toString('base64') : bytes.toString('utf8')
  }

  /** The resource path template, e.g. `/pets/{petId}`. */
  get resourcePath(): string {
    return this.route?.method.resourcePath ?? this.path
  }

  /** `$context`, built on first use. */
  context(): Record<string, unknown> {
    return (this.#context ??= this.#buildContext())
  }

  /**
   * A `requestContext` the proxy event owns: a handler may mutate its event, and the gateway's
   * own `$context` must not change with it.
   */
  contextForEvent(): Record<string, unknown> {
    const context = this.#context
    if (!context) return this.#buildContext()
    return { ...context, identity: { ...(context['identity'] as Record<string, unknown>) } }
  }

  #buildContext(): Record<string, unknown> {
    return buildRestContext(this)
  }

  /**
   * A fresh `$context` for one mapping template, in the key order AWS prints, with empty
   * `requestOverride`/`responseOverride` maps for the template to fill.
   */
  templateContext(): Record<string, unknown> {
    return templateContextOf(this.context())
  }

  /** The method request's parameters as `$input.params()` reads them. */
  templateParams(): TemplateParams {
    return (this.#templateParams ??= {
      path: this.route?.pathParameters ?? {},
      querystring: this.query.single ?? {},
      header: this.methodHeaders.toSingle(),
    })
  }

  /** Resolves `$context.*` and `$stageVariables.*` for templates. */
  get lookup(): VariableLookup {
    return (this.#lookup ??= (root, path) => this.#lookupVariable(root, path))
  }

  #lookupVariable(root: 'context' | 'stageVariables', path: readonly string[]): unknown {
    if (root === 'stageVariables') return this.stage.variables[path[0] as string]
    if (path[0] === 'error')
      return this.error
        ? getOwn(this.error as unknown as Record<string, unknown>, path[1] as string)
        : undefined
    let value: unknown = this.context()
    for (const key of path) {
      if (value === null || typeof value !== 'object') return undefined
      value = getOwn(value as Record<string, unknown>, key)
    }
    return value
  }

  /** Sources for parameter mappings. */
  get sources(): ParameterSources {
    return (this.#sources ??= this.#createSources())
  }

  #createSources(): ParameterSources {
    return {
      path: (name) => this.route?.pathParameters?.[name],
      querystring: (name) => {
        const single = this.query.single
        return single ? getOwn(single, name) : undefined
      },
      multiQuerystring: (name) => {
        const multi = this.query.multi
        return multi ? getOwn(multi, name) : undefined
      },
      header: (name) => this.methodHeaders.get(name),
      multiHeader: (name) => this.methodHeaders.getAll(name),
      requestBody: () => this.bodyText(),
      stageVariable: (name) => this.stage.variables[name],
      context: (path) => this.#lookupVariable('context', path),
    }
  }
}

/** `text` in upper case, without a copy when it is already (HTTP methods almost always are). */
function upperCase(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 97 && code <= 122) return text.toUpperCase()
  }
  return text
}

/** Whether a path has a `.` or `..` segment in any spelling routing resolves. */
function hasDotSegment(path: string): boolean {
  if (!path.includes('.') && !/%2e/i.test(path)) return false
  return path.split('/').some((segment) => dotSegment(segment) !== 0)
}
