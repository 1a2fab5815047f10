/**
 * Lambda authorizers (REST, TOKEN and REQUEST): identity-source pre-checks, the event AWS sends,
 * output validation, the result cache (per identity, shared by every method using the
 * authorizer, on the injected clock) and the policy verdict for the concrete method ARN.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 */
import { ExpiringCache } from '../core/expiring-cache.js'
import { getOwn } from '../core/own-property.js'
import type { GatewayFailure } from '../core/types.js'
import type { AuthorizerDefinition } from '../definition/model.js'
import { ConfigError, GatewayResponseError } from '../errors.js'
import type { LambdaIntegrationSetup } from '../integrations/aws-proxy.js'
import { buildRequestAuthorizerEvent, buildTokenAuthorizerEvent } from '../lambda-events/index.js'
import { compileLambdaUri, invokeHandler, resolveHandler } from '../integrations/lambda-invoke.js'
import { javaMatches } from '../mapping/vtl/java-regex.js'
import type { RequestState } from '../pipeline/request-state.js'
import { evaluatePolicy, isPolicyDocument } from './policy.js'
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
}

/** A compiled authorizer: the result on Allow, or the failure to answer with. */
export type Authorizer = (state: RequestState) => Promise<AuthorizerResult | GatewayFailure>

interface CachedOutput {
  readonly result: AuthorizerResult
  readonly policy: unknown
}

/** Most cached identities per authorizer. */
const CACHE_LIMIT = 10_000
/** How long an authorizer may run (API Gateway's limit). */
const AUTHORIZER_TIMEOUT_MS = 29_000

const UNAUTHORIZED: GatewayFailure = { responseType: 'UNAUTHORIZED' }

type IdentityReader = (state: RequestState) => string | undefined

function identityReader(source: string, where: string): IdentityReader {
  const match =
    /^(method\.request\.header|method\.request\.querystring|stageVariables|context)\.(.+)$/.exec(
      source.trim(),
    )
  if (!match)
    throw new ConfigError(
      where,
      `invalid identity source ${JSON.stringify(source)} (method.request.header.X, method.request.querystring.X, stageVariables.X or context.X)`,
    )
  const name = match[2] as string
  switch (match[1]) {
    case 'method.request.header':
      return (s) => s.headers.get(name)
    case 'method.request.querystring':
      return (s) => (s.query.single ? getOwn(s.query.single, name) : undefined)
    case 'stageVariables':
      return (s) => s.stage.variables[name]
    default: {
      const path = name.split('.')
      return (s) => {
        const value = s.lookup('context', path)
        return value === null || value === undefined ? undefined : String(value)
      }
    }
  }
}

function authorizerFailure(logMessage: string, cause?: unknown): GatewayFailure {
  return { responseType: 'AUTHORIZER_CONFIGURATION_ERROR', logMessage, cause }
}

function readOutput(value: unknown): { result: AuthorizerResult; policy: unknown } | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return 'the authorizer must return an object'
  const output = value as Record<string, unknown>
  const principalId = output['principalId']
  if (
    principalId !== undefined &&
    typeof principalId !== 'string' &&
    typeof principalId !== 'number'
  )
    return 'principalId must be a string'
  if (!isPolicyDocument(output['policyDocument'])) return 'invalid policyDocument'
  const context: Record<string, string | number | boolean> = {}
  const rawContext = output['context']
  if (rawContext !== undefined && rawContext !== null) {
    if (typeof rawContext !== 'object' || Array.isArray(rawContext))
      return 'context must be an object'
    for (const key of Object.keys(rawContext)) {
      const item = (rawContext as Record<string, unknown>)[key]
      if (item === null || item === undefined) continue
      if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean')
        return `context.${key} must be a string, number or boolean`
      Object.defineProperty(context, key, { value: item, enumerable: true })
    }
  }
  const key = output['usageIdentifierKey']
  return {
    result: {
      principalId: principalId === undefined ? '' : String(principalId),
      context,
      usageIdentifierKey: typeof key === 'string' ? key : undefined,
    },
    policy: output['policyDocument'],
  }
}

function isUnauthorizedError(error: unknown): boolean {
  if (error === 'Unauthorized') return true
  return error instanceof Error && error.message === 'Unauthorized'
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
  const sources = (definition.identitySource ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (type === 'TOKEN' && sources.length !== 1)
    throw new ConfigError(
      `${where}.identitySource`,
      'a TOKEN authorizer needs one identity source, method.request.header.<name>',
    )
  if (type === 'TOKEN' && !(sources[0] as string).startsWith('method.request.header.'))
    throw new ConfigError(`${where}.identitySource`, 'a TOKEN authorizer reads a header')
  const readers = sources.map((s) => identityReader(s, `${where}.identitySource`))
  const validation = definition.identityValidationExpression
  if (validation !== undefined) {
    try {
      javaMatches(validation, '')
    } catch (error) {
      throw new ConfigError(`${where}.identityValidationExpression`, (error as Error).message)
    }
  }
  const ttlSeconds = Math.min(definition.authorizerResultTtlInSeconds ?? 300, 3600)
  const caching = ttlSeconds > 0 && readers.length > 0
  const cache = new ExpiringCache<CachedOutput>(CACHE_LIMIT)

  return async (state) => {
    // Identity sources: a missing or empty one is a 401 without calling the function.
    const identity: string[] = []
    for (const read of readers) {
      const value = read(state)
      if (value === undefined || value === '') return UNAUTHORIZED
      identity.push(value)
    }
    if (
      type === 'TOKEN' &&
      validation !== undefined &&
      !javaMatches(validation, identity[0] as string)
    )
      return UNAUTHORIZED

    const arn = state.methodArn
    const now = state.deps.now()
    const cacheKey = identity.join('\u0000')
    let entry = caching ? cache.get(cacheKey, now) : undefined
    if (!entry) {
      const target = resolveTarget(state.stage.variables)
      const handler = target && resolveHandler(setup.lambdas, target)
      if (!target || !handler)
        return authorizerFailure(
          `no handler for authorizer ${definition.name} (${definition.authorizerUri}); add it to options.lambdas`,
        )
      const event =
        type === 'TOKEN'
          ? buildTokenAuthorizerEvent(identity[0] as string, arn)
          : buildRequestAuthorizerEvent(state, arn)
      const outcome = await invokeHandler(
        handler,
        target,
        event,
        state.requestId,
        AUTHORIZER_TIMEOUT_MS,
        state.deps,
      )
      if (outcome.kind === 'timeout')
        return authorizerFailure(`authorizer ${definition.name} timed out`)
      if (outcome.kind === 'error') {
        if (isUnauthorizedError(outcome.error)) return UNAUTHORIZED
        if (outcome.error instanceof GatewayResponseError)
          return { responseType: outcome.error.responseType, cause: outcome.error }
        return authorizerFailure(
          `authorizer ${definition.name} failed: ${(outcome.error as Error)?.message ?? String(outcome.error)}`,
          outcome.error,
        )
      }
      const output = readOutput(outcome.value)
      if (typeof output === 'string')
        return authorizerFailure(`authorizer ${definition.name} returned invalid output: ${output}`)
      entry = output
      if (caching) cache.set(cacheKey, entry, now + ttlSeconds * 1000)
    }

    const verdict = evaluatePolicy(entry.policy, arn)
    if (verdict === 'EXPLICIT_DENY')
      return {
        responseType: 'ACCESS_DENIED',
        message: 'User is not authorized to access this resource with an explicit deny',
      }
    if (verdict === 'IMPLICIT_DENY')
      return {
        responseType: 'ACCESS_DENIED',
        message: 'User is not authorized to access this resource',
      }
    return entry.result
  }
}
