/**
 * The one Lambda authorizer: identity sources (a missing or empty one: no call), the
 * invocation (deadline, errors, the `Unauthorized` error), output checks, the result cache
 * (per authorizer and stage, keyed by the identity values, on the injected clock) and the policy verdict
 * for the request's ARN. It says what happened; each API's front-end answers it (answers.ts).
 */
import { ExpiringCache } from '../../core/index.js'
import { textOf } from '../../core/index.js'
import { getOwn } from '../../core/index.js'
import type { Deps } from '../../core/index.js'
import { ConfigError } from '../../errors.js'
import {
  invokeHandler,
  resolveHandler,
  type LambdaHandlers,
  type LambdaTarget,
} from '../../integrations/index.js'
import { javaMatches } from '../../mapping/index.js'
import { evaluatePolicy } from '../policy.js'
import {
  LAMBDA_AUTHORIZER_FACTS,
  type AuthorizerApiKind,
  type AuthorizerSituation,
} from './answers.js'
import type { IdentitySource } from './identity.js'
import { readAuthorizerOutput, type AuthorizerOutput } from './output.js'

/**
 * What the core reads of a request, as functions of the front-end's own request type `R`
 * (compiled once per API: no per-request adapter object).
 */
export interface AuthorizerRequestView<R> {
  /** `context.awsRequestId` of the invocation. */
  requestId(request: R): string
  /** Clock (cache expiry, deadline), timers and logger. */
  deps(request: R): Deps
  /** The stage's variables (identity sources, `${stageVariables.x}` in the function URI). */
  stageVariables(request: R): Readonly<Record<string, string>>
  /** A header's value as the kind reads identity headers (any casing). */
  header(request: R, name: string): string | undefined
  /** A query parameter's value as the kind reads it (case-sensitive name). */
  queryString(request: R, name: string): string | undefined
  /** A `$context` variable (method, path, stage, route, source IP, …), or undefined. */
  contextVariable(request: R, path: readonly string[]): unknown
  /** The kind's authorizer event (lambda-events/), built only when the function is called. */
  event(request: R, identity: readonly string[], arn: string): unknown
}

/** An authorizer, as each front-end reads it from its definition. */
export interface LambdaAuthorizerCoreDefinition {
  readonly kind: AuthorizerApiKind
  /** The authorizer's name (log messages). */
  readonly name: string
  readonly identitySources: readonly IdentitySource[]
  /** A TOKEN authorizer's Java regex for its token. */
  readonly identityValidationExpression?: string | undefined
  /** `authorizerResultTtlInSeconds` as defined; undefined takes the kind's default. */
  readonly ttlSeconds?: number | undefined
  /** Accept `{ isAuthorized }` answers (HTTP APIs, `enableSimpleResponses`). */
  readonly simpleResponses?: boolean
  /** The function for a stage (stage variables may name it). */
  readonly resolveTarget: (
    stageVariables: Readonly<Record<string, string>>,
  ) => LambdaTarget | undefined
  /** How the definition names the function (log messages). */
  readonly functionRef: string
  readonly lambdas: LambdaHandlers
}

/** What happened: an Allow with the output, or a situation the front-end answers. */
export type AuthorizerOutcome =
  | { readonly situation: 'allow'; readonly output: AuthorizerOutput }
  | {
      readonly situation: AuthorizerSituation
      /** Why, for the gateway's log. */
      readonly logMessage?: string
      readonly cause?: unknown
    }

/** Most cached identities per authorizer. */
const CACHE_LIMIT = 10_000

const MISSING: AuthorizerOutcome = { situation: 'missingIdentity' }
const UNAUTHORIZED: AuthorizerOutcome = { situation: 'unauthorizedError' }
const EXPLICIT_DENY: AuthorizerOutcome = { situation: 'explicitDeny' }
const IMPLICIT_DENY: AuthorizerOutcome = { situation: 'implicitDeny' }
const SIMPLE_FALSE: AuthorizerOutcome = { situation: 'simpleResponseFalse' }

/** Whether a function error is API Gateway's `Unauthorized` convention (exact message). */
function isUnauthorizedError(error: unknown): boolean {
  if (error === 'Unauthorized') return true
  return error instanceof Error && error.message === 'Unauthorized'
}

/**
 * The cache key of identity values: each length-prefixed, so no two different lists share a
 * key (values may hold any character, NUL included).
 */
function cacheKey(identity: readonly string[]): string {
  let key = ''
  for (const value of identity) key += `${value.length}:${value}`
  return key
}

/**
 * Compiles an authorizer.
 *
 * @param definition - the authorizer
 * @param view - how to read the front-end's request
 * @param where - the place in the definition, for errors
 * @returns the check: the outcome for a request and the ARN it asks for
 * @throws ConfigError for an identity validation expression that does not compile, or a TTL
 *   that is negative or over the kind's maximum
 */
export function compileLambdaAuthorizerCore<R>(
  definition: LambdaAuthorizerCoreDefinition,
  view: AuthorizerRequestView<R>,
  where: string,
): (request: R, arn: string) => Promise<AuthorizerOutcome> {
  const facts = LAMBDA_AUTHORIZER_FACTS[definition.kind]
  const sources = definition.identitySources
  const validation = definition.identityValidationExpression
  if (validation !== undefined) {
    try {
      javaMatches(validation, '')
    } catch (error) {
      throw new ConfigError(`${where}.identityValidationExpression`, (error as Error).message)
    }
  }
  const ttl = definition.ttlSeconds ?? facts.cache?.defaultTtlSeconds ?? 0
  if (facts.cache && !(ttl >= 0 && ttl <= facts.cache.maxTtlSeconds))
    throw new ConfigError(
      `${where}.authorizerResultTtlInSeconds`,
      `must be 0 to ${facts.cache.maxTtlSeconds} seconds, got ${String(definition.ttlSeconds)}`,
    )
  // Caching needs an identity to key on (AWS: "at least one identity source").
  const caching = facts.cache !== undefined && ttl > 0 && sources.length > 0
  const cache = caching ? new ExpiringCache<AuthorizerOutput>(CACHE_LIMIT) : undefined
  const simple = definition.simpleResponses === true
  const label = `authorizer ${definition.name}`

  const identityOf = (request: R): string[] | undefined => {
    const identity: string[] = []
    for (const source of sources) {
      let value: unknown
      if (source.from === 'header') value = view.header(request, source.name)
      else if (source.from === 'querystring') value = view.queryString(request, source.name)
      else if (source.from === 'stageVariable')
        value = getOwn(view.stageVariables(request), source.name)
      else value = view.contextVariable(request, source.path)
      if (value === undefined || value === null) return undefined
      const text = textOf(value)
      if (text === '') return undefined
      identity.push(text)
    }
    return identity
  }

  const verdict = (output: AuthorizerOutput, arn: string): AuthorizerOutcome => {
    if (output.isAuthorized !== undefined)
      return output.isAuthorized ? { situation: 'allow', output } : SIMPLE_FALSE
    const decision = evaluatePolicy(output.policy, arn)
    if (decision === 'ALLOW') return { situation: 'allow', output }
    return decision === 'EXPLICIT_DENY' ? EXPLICIT_DENY : IMPLICIT_DENY
  }

  return async (request, arn) => {
    const identity = identityOf(request)
    if (!identity) return MISSING
    if (validation !== undefined && !javaMatches(validation, identity[0] ?? '')) return MISSING
    const deps = view.deps(request)
    const now = deps.now()
    // AWS keeps the cache per stage (FlushStageAuthorizersCache): stages share a deployment's
    // authorizer here, so the stage is part of the key.
    const key = cache
      ? cacheKey([textOf(view.contextVariable(request, ['stage'])), ...identity])
      : ''
    const cached = cache?.get(key, now)
    if (cached) return verdict(cached, arn)

    const target = definition.resolveTarget(view.stageVariables(request))
    const handler = target && resolveHandler(definition.lambdas, target)
    if (!target || !handler)
      return {
        situation: 'noHandler',
        logMessage: `no handler for ${label} (${definition.functionRef}); add it to options.lambdas`,
      }
    const outcome = await invokeHandler(
      handler,
      target,
      view.event(request, identity, arn),
      view.requestId(request),
      facts.timeoutMs,
      deps,
    )
    if (outcome.kind === 'timeout')
      return { situation: 'timeout', logMessage: `${label} timed out` }
    if (outcome.kind === 'error') {
      if (isUnauthorizedError(outcome.error)) return UNAUTHORIZED
      const error = outcome.error as { message?: unknown } | null | undefined
      return {
        situation: 'handlerError',
        logMessage: `${label} failed: ${typeof error?.message === 'string' ? error.message : String(outcome.error)}`,
        cause: outcome.error,
      }
    }
    const output = readAuthorizerOutput(outcome.value, facts.contextValues, simple)
    if (typeof output === 'string')
      return {
        situation: 'malformedOutput',
        logMessage: `${label} returned invalid output: ${output}`,
      }
    // Only valid outputs are cached: a malformed one is asked again next time.
    cache?.set(key, output, now + ttl * 1000)
    return verdict(output, arn)
  }
}
