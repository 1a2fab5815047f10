/**
 * The HTTP API runner's shapes: a request in flight, the compiled API and route, an answer
 * before the gateway's own headers, and the answers every part of the runner gives.
 */
import { Buffer } from 'node:buffer'
import { RequestHeaders, ResponseHeaders } from '../core/index.js'
import { parseQueryString, type QueryParameters } from '../core/index.js'
import type { RequestView } from '../core/index.js'
import type { Deps, GatewayRequest } from '../core/index.js'
import { type HttpApiAuthorizerContext } from '../lambda-events/index.js'
import type { StageRuntime } from '../stages/index.js'
import { normalizeRequestPath, withoutFragment } from '../routing/index.js'
import type { VariableLookup } from '../mapping/index.js'
import { ResourceTree } from '../routing/index.js'
import { type CompiledCors } from './cors.js'
import type { HttpApiDefinition, HttpRouteDefinition } from './definition.js'
import { httpContextValue } from './observe.js'
import { type ResponseMapping } from './parameter-mapping.js'

/** An answer before the gateway's own headers. */
export interface Answer {
  statusCode: number
  headers: ResponseHeaders
  body: string
  isBase64Encoded: boolean
}

export type RouteHandler = (request: HttpRequest) => Promise<Answer>

export interface CompiledRoute {
  readonly definition: HttpRouteDefinition
  readonly handle: RouteHandler
  /** Response mappings by integration status code. */
  readonly responseMappings: ReadonlyMap<string, ResponseMapping>
  /** The route's authorizer check, when it has one: the verdict and what goes in `requestContext.authorizer`. */
  readonly authorize: ((request: HttpRequest) => Promise<RouteVerdict>) | undefined
}

/** The compiled HTTP API. */
export interface CompiledHttpApi {
  readonly definition: HttpApiDefinition
  readonly apiId: string
  readonly accountId: string
  readonly region: string
  readonly tree: ResourceTree<Map<string, CompiledRoute>>
  readonly defaultRoute: CompiledRoute | undefined
  readonly cors: CompiledCors | undefined
}

/** An authorizer's verdict for a route. */
export type RouteVerdict =
  | { readonly ok: true; readonly authorizer: HttpApiAuthorizerContext }
  | {
      readonly ok: false
      readonly status: number
      readonly wwwAuthenticate?: string
      readonly message?: string | null
    }

/** One HTTP API request in flight; shared steps read it as a {@link RequestView}. */
export interface HttpRequest extends RequestView {
  readonly api: CompiledHttpApi
  readonly stage: StageRuntime
  readonly deps: Deps
  readonly method: string
  /** The path as sent, without the query string (payload 2.0 `rawPath`). */
  readonly rawPath: string
  /** The normalised path (routing/request-path.ts): routing, `routeArn`, backend URLs. */
  readonly path: string
  readonly rawQuery: string
  readonly headers: RequestHeaders
  readonly body: Buffer | null
  readonly sourceIp: string
  /** The port the client connected to (`X-Forwarded-Port` toward HTTP_PROXY backends). */
  readonly port: number
  /** The client's scheme (`X-Forwarded-Proto` toward HTTP_PROXY backends). */
  readonly scheme: 'http' | 'https'
  readonly requestId: string
  /** When the request arrived (epoch ms); the same as `requestTimeEpoch`. */
  readonly timeEpoch: number
  route: CompiledRoute | undefined
  pathParameters: Record<string, string> | undefined
  /** `requestContext.authorizer` once an authorizer allowed the request. */
  authorizer: HttpApiAuthorizerContext | undefined
  /** The parsed query string, once something read it (see {@link queryOf}). */
  parsedQuery: QueryParameters | undefined
  /** Milliseconds the integration took (`$context.integrationLatency`), once it ran. */
  integrationLatency?: number
  /** `$context.integrationStatus`: Lambda's invoke status, or the backend's status. */
  integrationStatus?: number
  /** `$context.integrationErrorMessage`, when the integration failed. */
  integrationError?: string
}

/** An HTTP API request built from what the host gave. */
export class HttpApiRequest implements HttpRequest {
  readonly method: string
  readonly rawPath: string
  readonly path: string
  readonly rawQuery: string
  readonly timeEpoch: number
  route: CompiledRoute | undefined = undefined
  pathParameters: Record<string, string> | undefined = undefined
  authorizer: HttpApiAuthorizerContext | undefined = undefined
  parsedQuery: QueryParameters | undefined = undefined
  integrationLatency?: number
  integrationStatus?: number
  integrationError?: string
  #lookup: VariableLookup | undefined

  readonly sourceIp: string
  /** The port the client connected to (`X-Forwarded-Port`): the host's, or 443. */
  readonly port: number
  /** The client's scheme (`X-Forwarded-Proto`): the host's, or `https`. */
  readonly scheme: 'http' | 'https'
  readonly api: CompiledHttpApi
  readonly stage: StageRuntime
  readonly deps: Deps
  readonly headers: RequestHeaders
  readonly body: Buffer | null
  readonly requestId: string

  constructor(
    api: CompiledHttpApi,
    stage: StageRuntime,
    deps: Deps,
    input: GatewayRequest,
    headers: RequestHeaders,
    body: Buffer | null,
    requestId: string,
  ) {
    this.api = api
    this.stage = stage
    this.deps = deps
    this.headers = headers
    this.body = body
    this.requestId = requestId
    const path = withoutFragment(
      typeof input.path === 'string' && input.path.startsWith('/')
        ? input.path
        : // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may omit path
          `/${input.path ?? ''}`,
    )
    const q = path.indexOf('?')
    this.method = typeof input.method === 'string' ? input.method.toUpperCase() : ''
    this.rawPath = q === -1 ? path : path.slice(0, q)
    this.path = normalizeRequestPath(this.rawPath)
    this.rawQuery = q === -1 ? '' : path.slice(q + 1)
    this.sourceIp = input.sourceIp ?? '127.0.0.1'
    this.port = input.port ?? 443
    this.scheme = input.scheme ?? 'https'
    this.timeEpoch = deps.now()
  }

  /** {@link RequestView.requestTimeEpoch}: the same as `timeEpoch`. */
  get requestTimeEpoch(): number {
    return this.timeEpoch
  }

  get query(): QueryParameters {
    return queryOf(this)
  }

  bodySize(): number {
    return this.body?.length ?? 0
  }

  bodyBytes(): Buffer | null {
    return this.body
  }

  /** `$context.*` and `$stageVariables.*` as HTTP API access logs read them. */
  get lookup(): VariableLookup {
    return (this.#lookup ??= (root, path) => httpContextValue(this, root, path))
  }

  bodyText(): string | undefined {
    return this.body === null || this.body.length === 0 ? undefined : this.body.toString('utf8')
  }
}

/** The request's query string, parsed once. */
export function queryOf(request: HttpRequest): QueryParameters {
  return (request.parsedQuery ??= parseQueryString(request.rawQuery))
}

export function message(statusCode: number, text: string): Answer {
  const headers = new ResponseHeaders()
  headers.set('Content-Type', 'application/json')
  return { statusCode, headers, body: JSON.stringify({ message: text }), isBase64Encoded: false }
}

export const internalError = (): Answer => message(500, 'Internal Server Error')
