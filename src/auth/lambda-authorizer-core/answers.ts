/**
 * Where AWS's Lambda authorizers differ between REST, HTTP and WebSocket APIs: one table, keyed
 * by API kind, each fact with its source. The core (core.ts) decides *what happened*
 * ({@link AuthorizerSituation}); each API's front-end answers it with its row of this table.
 * Everything not in the table is the same for the three kinds and lives once in the core.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
 */

/** The API kinds with Lambda authorizers. */
export type AuthorizerApiKind = 'REST' | 'HTTP' | 'WEBSOCKET'

/** What the core found; every kind answers each of them (or cannot meet it: `undefined`). */
export type AuthorizerSituation =
  /** An identity source is missing or empty (or fails a TOKEN's validation expression): no call. */
  | 'missingIdentity'
  /** The function failed with exactly the error `Unauthorized`. */
  | 'unauthorizedError'
  /** The function failed with any other error. */
  | 'handlerError'
  /** The function did not answer in time. */
  | 'timeout'
  /** No handler for the function (the real gateway cannot invoke it). */
  | 'noHandler'
  /** The answer is no valid authorizer output. */
  | 'malformedOutput'
  /** A Deny statement of the policy matches the ARN. */
  | 'explicitDeny'
  /** No statement allows the ARN. */
  | 'implicitDeny'
  /** A simple response with `isAuthorized: false`. */
  | 'simpleResponseFalse'

/** How one kind answers one situation. */
export interface AuthorizerAnswer {
  readonly status: number
  /** The default body (REST: the gateway response's default rendering). */
  readonly body: string
  /** REST: the gateway response type (a `GatewayResponseType`); WebSocket: the error type. */
  readonly type?: string
  /** Where the fact comes from (a URL, or `spec/...` of Portico's shared AWS facts). */
  readonly source: string
}

/** The facts of one API kind. */
export interface AuthorizerKindFacts {
  readonly answers: { readonly [S in AuthorizerSituation]: AuthorizerAnswer | undefined }
  /** `scalars`: string, number or boolean only (other values are malformed output); `json`: any. */
  readonly contextValues: 'scalars' | 'json'
  readonly contextValuesSource: string
  /** What the integration sees, for docs and tests. */
  readonly authorizerContext: string
  readonly authorizerContextSource: string
  /** Result cache: TTL when the definition names none (0 = off), the largest, or no cache at all. */
  readonly cache: { readonly defaultTtlSeconds: number; readonly maxTtlSeconds: number } | undefined
  readonly cacheSource: string
  /** How long the function may run. */
  readonly timeoutMs: number
  readonly timeoutSource: string
}

const REST_DOC =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html'
const REST_OUTPUT_DOC =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html'
const HTTP_DOC =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html'
const WS_DOC =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html'
const V2_TTL_DOC =
  'https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html#apis-apiid-authorizers-prop-createauthorizerinput-authorizerresultttlinseconds'

const REST_CONFIG_ERROR: AuthorizerAnswer = {
  status: 500,
  body: '{"message":null}',
  type: 'AUTHORIZER_CONFIGURATION_ERROR',
  source: `${REST_DOC} (spec/security.md §3 outcomes)`,
}
const REST_UNAUTHORIZED: AuthorizerAnswer = {
  status: 401,
  body: '{"message":"Unauthorized"}',
  type: 'UNAUTHORIZED',
  source: `${REST_DOC} (spec/security.md §3 outcomes)`,
}
const HTTP_ERROR: AuthorizerAnswer = {
  status: 500,
  body: '{"message":"Internal Server Error"}',
  source: `${HTTP_DOC}#http-api-lambda-authorizer.troubleshooting`,
}
const HTTP_FORBIDDEN: AuthorizerAnswer = {
  status: 403,
  body: '{"message":"Forbidden"}',
  source: `${HTTP_DOC} (spec/security.md §7: Deny → 403 Forbidden)`,
}
// WebSocket: "similar to REST" except for the listed differences (none about outcomes); the
// handshake is refused with the status (spec/websocket.md §3: authn/authz → 401/403).
const WS_ERROR: AuthorizerAnswer = {
  status: 500,
  body: 'Internal server error',
  type: 'InternalServerErrorException',
  source: `${WS_DOC} (as REST: AUTHORIZER_CONFIGURATION_ERROR is a 500)`,
}
const WS_FORBIDDEN: AuthorizerAnswer = {
  status: 403,
  body: 'Forbidden',
  type: 'Forbidden',
  source: `${WS_DOC} (spec/websocket.md §3, §6: policy as REST, authz failure → 403)`,
}

/**
 * The table. Rows marked "unconfirmed" follow the nearest documented behaviour.
 */
export const LAMBDA_AUTHORIZER_FACTS: { readonly [K in AuthorizerApiKind]: AuthorizerKindFacts } = {
  REST: {
    answers: {
      missingIdentity: REST_UNAUTHORIZED,
      unauthorizedError: REST_UNAUTHORIZED,
      handlerError: REST_CONFIG_ERROR,
      timeout: REST_CONFIG_ERROR,
      noHandler: REST_CONFIG_ERROR,
      malformedOutput: REST_CONFIG_ERROR,
      explicitDeny: {
        status: 403,
        body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
        type: 'ACCESS_DENIED',
        source: `${REST_DOC} (spec/security.md §3; spec/gateway-responses.md ACCESS_DENIED)`,
      },
      implicitDeny: {
        status: 403,
        body: '{"Message":"User is not authorized to access this resource"}',
        type: 'ACCESS_DENIED',
        source: `${REST_DOC} (spec/security.md §3; spec/gateway-responses.md ACCESS_DENIED)`,
      },
      simpleResponseFalse: undefined, // HTTP APIs only
    },
    contextValues: 'scalars',
    contextValuesSource: `${REST_OUTPUT_DOC} (spec/security.md §3: no objects or arrays)`,
    authorizerContext:
      'requestContext.authorizer = { principalId, <context values as strings>, integrationLatency }',
    authorizerContextSource: 'spec/security.md §3; spec/pipeline.md requestContext',
    cache: { defaultTtlSeconds: 300, maxTtlSeconds: 3600 },
    cacheSource: `${REST_DOC} (spec/security.md §3: default 300, max 3600, 0 disables)`,
    timeoutMs: 29_000,
    timeoutSource: 'unconfirmed: the REST integration limit (spec/pipeline.md §11)',
  },
  HTTP: {
    answers: {
      missingIdentity: {
        status: 401,
        body: '{"message":"Unauthorized"}',
        source: `${HTTP_DOC}#http-api-lambda-authorizer.identity-sources`,
      },
      // Unconfirmed: the HTTP API guide names 401 only for missing identity sources, and 500 for
      // every failure of the function; it documents no `Unauthorized` convention.
      unauthorizedError: HTTP_ERROR,
      handlerError: HTTP_ERROR,
      timeout: HTTP_ERROR,
      noHandler: HTTP_ERROR,
      malformedOutput: HTTP_ERROR,
      explicitDeny: HTTP_FORBIDDEN,
      implicitDeny: HTTP_FORBIDDEN,
      simpleResponseFalse: HTTP_FORBIDDEN,
    },
    contextValues: 'json',
    contextValuesSource: `${HTTP_DOC}#http-api-lambda-authorizer.example-code (arrayKey, mapKey)`,
    authorizerContext:
      'requestContext.authorizer.lambda = { <context values as returned>, principalId (IAM policy answers) }',
    authorizerContextSource: 'spec/pipeline.md payload 2.0 requestContext.authorizer.lambda',
    cache: { defaultTtlSeconds: 0, maxTtlSeconds: 3600 },
    cacheSource: `${HTTP_DOC}#http-api-lambda-authorizer.caching; ${V2_TTL_DOC} (0 disables; no default stated: off unless set)`,
    timeoutMs: 10_000,
    timeoutSource: 'spec/pipeline.md §11: Lambda authorizer response ≤ 10 s (HTTP API)',
  },
  WEBSOCKET: {
    answers: {
      missingIdentity: {
        status: 401,
        body: 'Unauthorized',
        type: 'Unauthorized',
        source: `${WS_DOC} (spec/websocket.md §6: missing → 401 without invoking)`,
      },
      unauthorizedError: {
        status: 401,
        body: 'Unauthorized',
        type: 'Unauthorized',
        source: `${WS_DOC} (as REST)`,
      },
      handlerError: WS_ERROR,
      timeout: WS_ERROR,
      noHandler: WS_ERROR,
      malformedOutput: WS_ERROR,
      explicitDeny: WS_FORBIDDEN,
      implicitDeny: WS_FORBIDDEN,
      simpleResponseFalse: undefined, // HTTP APIs only
    },
    contextValues: 'scalars',
    contextValuesSource: `${WS_DOC} (output as REST: ${REST_OUTPUT_DOC})`,
    authorizerContext:
      'requestContext.authorizer = { principalId, <context values as strings> } in every event of the connection',
    authorizerContextSource: 'spec/websocket.md §5, §6',
    cache: undefined,
    cacheSource: `${V2_TTL_DOC} ("Supported only for HTTP API Lambda authorizers")`,
    timeoutMs: 10_000,
    timeoutSource: 'unconfirmed: as HTTP APIs (API Gateway v2)',
  },
}
