/**
 * The `$connect` Lambda REQUEST authorizer: the WebSocket front-end of the shared core
 * (auth/lambda-authorizer-core/). It reads the upgrade request (`route.request.header.X`,
 * `route.request.querystring.X`, `stageVariables.X`, `context.X`), builds the authorizer event
 * (lambda-events/) for the `$connect` ARN, and refuses the handshake with the WebSocket row of
 * `LAMBDA_AUTHORIZER_FACTS`; an Allow's principal and context reach every event of the
 * connection in `requestContext.authorizer`.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
 */
import {
  compileLambdaAuthorizerCore,
  LAMBDA_AUTHORIZER_FACTS,
  parseIdentitySources,
  type AuthorizerRequestView,
} from '../auth/index.js'
import type { RequestHeaders } from '../core/index.js'
import { createExtendedRequestId } from '../core/index.js'
import { getOwn } from '../core/index.js'
import type { QueryParameters } from '../core/index.js'
import type { Deps } from '../core/index.js'
import { ConfigError } from '../errors.js'
import { parseFunctionReference, type LambdaHandlers } from '../integrations/index.js'
import {
  buildWebSocketAuthorizerEvent,
  buildWebSocketRequestContext,
  type WebSocketApiPlace,
  type WebSocketAuthorizerEvent,
} from '../lambda-events/index.js'
import { ConnectionError, type WebSocketApiDefinition } from './types.js'

/** The connection being opened, as `$connect` sees it. */
export interface ConnectAttempt {
  readonly id: string
  readonly connectedAt: number
  readonly sourceIp: string
  readonly userAgent: string | null
  readonly headers: RequestHeaders
  readonly query: QueryParameters
}

interface Attempt {
  readonly headers: RequestHeaders
  readonly query: QueryParameters
  readonly requestContext: WebSocketAuthorizerEvent['requestContext']
}

const WEBSOCKET = LAMBDA_AUTHORIZER_FACTS.WEBSOCKET.answers

/**
 * Compiles the `$connect` authorizer.
 *
 * @param authorizer - the definition's authorizer
 * @param setup - handlers, where the API is, stage variables and the injected world
 * @returns the check: resolves with `requestContext.authorizer` of the connection, or rejects
 *   with the {@link ConnectionError} refusing the handshake
 * @throws ConfigError for a function reference or identity source that is none of the forms
 */
export function compileWebSocketAuthorizer(
  authorizer: NonNullable<WebSocketApiDefinition['authorizer']>,
  setup: {
    readonly lambdas: LambdaHandlers
    readonly accountId: string
    readonly region: string
    readonly place: WebSocketApiPlace
    readonly stageVariables: Readonly<Record<string, string>>
    readonly deps: Deps
  },
): (attempt: ConnectAttempt) => Promise<Record<string, unknown>> {
  const target = parseFunctionReference(authorizer.lambda, setup.accountId, setup.region)
  if (!target)
    throw new ConfigError('authorizer.lambda', `not a function name or ARN: ${authorizer.lambda}`)
  const { place, deps } = setup
  const methodArn = `arn:aws:execute-api:${setup.region}:${setup.accountId}:${place.apiId}/${place.stage}/$connect`
  const view: AuthorizerRequestView<Attempt> = {
    requestId: (attempt) => attempt.requestContext.requestId,
    deps: () => deps,
    stageVariables: () => setup.stageVariables,
    header: (attempt, name) => attempt.headers.get(name),
    queryString: (attempt, name) =>
      attempt.query.single ? getOwn(attempt.query.single, name) : undefined,
    contextVariable: (attempt, path) => {
      let value: unknown = attempt.requestContext
      for (const key of path)
        value =
          value !== null && typeof value === 'object'
            ? getOwn(value as Record<string, unknown>, key)
            : undefined
      return value
    },
    event: (attempt, _identity, arn) => {
      const event = buildWebSocketAuthorizerEvent(
        arn,
        attempt.headers,
        attempt.query,
        attempt.requestContext,
      )
      // The stage's variables (spec/websocket.md §6), not always `{}`.
      event.stageVariables = { ...setup.stageVariables }
      return event
    },
  }
  const authorize = compileLambdaAuthorizerCore(
    {
      kind: 'WEBSOCKET',
      name: authorizer.lambda,
      identitySources: parseIdentitySources(
        'WEBSOCKET',
        authorizer.identitySource,
        'authorizer.identitySource',
      ),
      resolveTarget: () => target,
      functionRef: authorizer.lambda,
      lambdas: setup.lambdas,
    },
    view,
    'authorizer',
  )
  return async (connection) => {
    const requestContext = buildWebSocketRequestContext(
      place,
      { ...connection, authorizer: undefined },
      '$connect',
      'CONNECT',
      createExtendedRequestId(deps.random),
      connection.connectedAt,
    )
    const outcome = await authorize(
      { headers: connection.headers, query: connection.query, requestContext },
      methodArn,
    )
    if (outcome.situation === 'allow') {
      const { principalId, context } = outcome.output
      const values: Record<string, unknown> = { principalId }
      // As `$context.authorizer.<key>`: strings (the WebSocket row admits scalars only).
      for (const key of Object.keys(context))
        Object.defineProperty(values, key, { value: String(context[key]), enumerable: true })
      return values
    }
    if (outcome.logMessage) deps.logger.warn(outcome.logMessage)
    const answer = WEBSOCKET[outcome.situation] ?? WEBSOCKET.handlerError
    throw new ConnectionError(
      answer?.status ?? 500,
      answer?.type ?? 'InternalServerErrorException',
      answer?.body ?? 'Internal server error',
    )
  }
}
