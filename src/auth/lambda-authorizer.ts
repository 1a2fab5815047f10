/**
 * Lambda authorizers of REST APIs (TOKEN and REQUEST): the REST front-end of the shared core
 * (lambda-authorizer-core/). It reads the request through `RequestState`, builds the TOKEN or
 * REQUEST event (lambda-events/) for the concrete method ARN, and answers the core's outcome
 * with REST's gateway responses (the REST row of `LAMBDA_AUTHORIZER_FACTS`).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 */
import { getOwn } from '../core/index.js'
import type { GatewayFailure } from '../core/index.js'
import type { AuthorizerDefinition } from '../definition/index.js'
import { ConfigError, isGatewayResponseError } from '../errors.js'
import type { LambdaIntegrationSetup } from '../integrations/index.js'
import { compileLambdaUri, lambdaInvocationUrl } from '../integrations/index.js'
import { buildRequestAuthorizerEvent, buildTokenAuthorizerEvent } from '../lambda-events/index.js'
import type { RequestState } from '../pipeline/index.js'
import {
  compileLambdaAuthorizerCore,
  LAMBDA_AUTHORIZER_FACTS,
  parseIdentitySources,
  type AuthorizerRequestView,
} from './lambda-authorizer-core/index.js'
import type { IamCaller } from './sigv4.js'

/** What an Allow leaves for the rest of the request. */
export interface AuthorizerResult {
  readonly principalId: string
  /** Authorizer `context`, values as given (string, number, boolean). */
  readonly context: Readonly<Record<string, string | number | boolean>>
  readonly usageIdentifierKey: string | undefined
  /** A Cognito authorizer's token claims (`$context.authorizer.claims`). */
  readonly claims?: Readonly<Record<string, string>>
  /** An IAM (SigV4) caller: fills `$context.identity` instead of `$context.authorizer`. */
  readonly iam?: IamCaller
  /** A Lambda authorizer's policy document, as returned (for `testInvokeAuthorizer`). */
  readonly policy?: unknown
}

/** A compiled authorizer: the result on Allow, or the failure to answer with. */
export type Authorizer = (state: RequestState) => Promise<AuthorizerResult | GatewayFailure>

const REST = LAMBDA_AUTHORIZER_FACTS.REST.answers

/** The answers without a message of their own, made once. */
const UNAUTHORIZED: GatewayFailure = { responseType: 'UNAUTHORIZED' }
const EXPLICIT_DENY: GatewayFailure = {
  responseType: 'ACCESS_DENIED',
  message: 'User is not authorized to access this resource with an explicit deny',
}
const IMPLICIT_DENY: GatewayFailure = {
  responseType: 'ACCESS_DENIED',
  message: 'User is not authorized to access this resource',
}

/**
 * Compiles a TOKEN or REQUEST authorizer.
 *
 * @param definition - the authorizer
 * @param where - its place in the definition
 * @param setup - Lambda handlers, account and region
 * @returns the authorizer
 * @throws ConfigError for a bad URI, identity source or validation expression
 */
export function compileLambdaAuthorizer(
  definition: AuthorizerDefinition,
  where: string,
  setup: LambdaIntegrationSetup,
): Authorizer {
  const type = definition.type.toLowerCase() === 'request' ? 'REQUEST' : 'TOKEN'
  if (definition.authorizerUri === undefined)
    throw new ConfigError(`${where}.authorizerUri`, 'is required')
  const resolveTarget = compileLambdaUri(
    definition.authorizerUri,
    `${where}.authorizerUri`,
    setup.accountId,
    setup.region,
  )
  const sources = parseIdentitySources(
    'REST',
    definition.identitySource ?? '',
    `${where}.identitySource`,
  )
  if (type === 'TOKEN' && (sources.length !== 1 || sources[0]?.from !== 'header'))
    throw new ConfigError(
      `${where}.identitySource`,
      'a TOKEN authorizer needs one identity source, method.request.header.<name>',
    )
  const view: AuthorizerRequestView<RequestState> = {
    requestId: (state) => state.requestId,
    deps: (state) => state.deps,
    stageVariables: (state) => state.stage.variables,
    header: (state, name) => state.headers.get(name),
    queryString: (state, name) =>
      state.query.single ? getOwn(state.query.single, name) : undefined,
    contextVariable: (state, path) => state.lookup('context', path),
    event: (state, identity, arn) =>
      type === 'TOKEN'
        ? buildTokenAuthorizerEvent(identity[0] as string, arn)
        : buildRequestAuthorizerEvent(state, arn),
  }
  const authorize = compileLambdaAuthorizerCore(
    {
      kind: 'REST',
      name: definition.name,
      identitySources: sources,
      identityValidationExpression:
        type === 'TOKEN' ? definition.identityValidationExpression : undefined,
      ttlSeconds: definition.authorizerResultTtlInSeconds,
      resolveTarget,
      functionRef: definition.authorizerUri,
      lambdas: setup.lambdas,
    },
    view,
    where,
  )

  return async (state) => {
    const trace = state.trace
    if (trace) {
      // What AWS logs before calling the authorizer (console "Test your authorizer").
      const token = type === 'TOKEN' ? state.headers.get(sources[0]?.name ?? '') : undefined
      if (token !== undefined) trace.add('authorizerIdentity', token)
      const target = resolveTarget(state.stage.variables)
      if (target) {
        trace.add('endpointRequestUri', lambdaInvocationUrl(setup.region, target.functionArn))
        const event =
          type === 'TOKEN'
            ? buildTokenAuthorizerEvent(token ?? '', state.methodArn)
            : buildRequestAuthorizerEvent(state, state.methodArn)
        trace.add('endpointRequestBody', JSON.stringify(event))
      }
    }
    const outcome = await authorize(state, state.methodArn)
    if (trace && outcome.situation === 'allow') {
      trace.add(
        'authorizerResult',
        JSON.stringify({
          principalId: outcome.output.principalId,
          policyDocument: outcome.output.policy,
          context: outcome.output.context,
        }),
      )
      trace.add('authorizerPolicy', outcome.output.principalId)
    }
    switch (outcome.situation) {
      case 'allow': {
        const output = outcome.output
        return {
          principalId: output.principalId,
          // The REST row admits only string, number and boolean values (output.ts checked).
          context: output.context as Readonly<Record<string, string | number | boolean>>,
          usageIdentifierKey: output.usageIdentifierKey,
          policy: output.policy,
        }
      }
      case 'missingIdentity':
      case 'unauthorizedError':
        return UNAUTHORIZED
      case 'explicitDeny':
        return EXPLICIT_DENY
      case 'implicitDeny':
        return IMPLICIT_DENY
      default: {
        // A handler may throw a GatewayResponseError to answer with any gateway response.
        if (isGatewayResponseError(outcome.cause))
          return { responseType: outcome.cause.responseType, cause: outcome.cause }
        const failure: GatewayFailure = {
          responseType: (REST[outcome.situation]?.type ??
            'AUTHORIZER_CONFIGURATION_ERROR') as GatewayFailure['responseType'],
          cause: outcome.cause,
        }
        return outcome.logMessage === undefined
          ? failure
          : { ...failure, logMessage: outcome.logMessage }
      }
    }
  }
}
