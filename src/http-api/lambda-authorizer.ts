/**
 * Lambda authorizers of HTTP APIs: identity sources checked first (a missing one is 401 without
 * a call), the payload 2.0 or 1.0 authorizer event (lambda-events/), simple responses (`isAuthorized`) or IAM
 * policies evaluated against the route ARN, results cached by identity for
 * `authorizerResultTtlInSeconds`, and the context in `requestContext.authorizer.lambda`.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */
import { ExpiringCache } from '../core/expiring-cache.js'
import { evaluatePolicy } from '../auth/policy.js'
import type { Deps } from '../core/types.js'
import { ConfigError } from '../errors.js'
import {
  invokeHandler,
  parseFunctionReference,
  resolveHandler,
  type LambdaHandlers,
} from '../integrations/lambda-invoke.js'

/** A Lambda authorizer of an HTTP API. */
export interface HttpLambdaAuthorizerDefinition {
  name: string
  /** Function ARN or name (from `authorizerUri`). */
  functionRef: string
  /** `$request.header.X`, `$request.querystring.X`, `$context.X`, `$stageVariables.X`. */
  identitySource: string[]
  payloadFormatVersion: '1.0' | '2.0'
  enableSimpleResponses: boolean
  ttlSeconds: number
}

/** What the authorizer decides. */
export type LambdaVerdict =
  | { readonly ok: true; readonly context: Record<string, unknown> }
  | { readonly ok: false; readonly status: 401 | 403 | 500 }

/** What the authorizer reads about the request. */
export interface AuthorizerRequest {
  identity(source: string): string | undefined
  /** The event of the authorizer's payload format, with the identity sources' values. */
  event(version: '1.0' | '2.0', identitySource: string[], routeArn: string): object
  readonly routeArn: string
  readonly requestId: string
  readonly deps: Deps
}

/**
 * Reads `x-amazon-apigateway-authorizer` of type `request`.
 *
 * @param name - the security scheme
 * @param raw - the extension
 * @returns the authorizer
 * @throws ConfigError for a missing URI or a bad identity source
 */
export function readLambdaAuthorizer(
  name: string,
  raw: Record<string, unknown>,
): HttpLambdaAuthorizerDefinition {
  const where = `components.securitySchemes.${name}.x-amazon-apigateway-authorizer`
  const uri = raw['authorizerUri']
  if (typeof uri !== 'string') throw new ConfigError(`${where}.authorizerUri`, 'is required')
  const invocation = /functions\/(.+)\/invocations$/.exec(uri)
  const sources = raw['identitySource']
  const identitySource = (
    Array.isArray(sources)
      ? sources.map(String)
      : typeof sources === 'string'
        ? sources.split(',')
        : []
  )
    .map((s) => s.trim())
    .filter((s) => s !== '')
  for (const source of identitySource)
    if (!/^\$(request\.(header|querystring)|context|stageVariables)\.[A-Za-z0-9_.-]+$/.test(source))
      throw new ConfigError(`${where}.identitySource`, `invalid identity source ${source}`)
  const rawVersion = raw['authorizerPayloadFormatVersion'] ?? '2.0'
  // SAM writes the number 1.0 (JSON), which reads as 1.
  const version = typeof rawVersion === 'number' ? rawVersion.toFixed(1) : String(rawVersion)
  if (version !== '1.0' && version !== '2.0')
    throw new ConfigError(`${where}.authorizerPayloadFormatVersion`, 'must be 1.0 or 2.0')
  return {
    name,
    functionRef: invocation ? (invocation[1] as string) : uri,
    identitySource,
    payloadFormatVersion: version,
    enableSimpleResponses: raw['enableSimpleResponses'] === true,
    ttlSeconds: Math.min(3600, Number(raw['authorizerResultTtlInSeconds'] ?? 0) || 0),
  }
}

/**
 * Compiles a Lambda authorizer.
 *
 * @param definition - the authorizer
 * @param lambdas - the handlers
 * @param account - account and region for ARNs
 * @returns the check
 */
export function compileHttpLambdaAuthorizer(
  definition: HttpLambdaAuthorizerDefinition,
  lambdas: LambdaHandlers,
  account: { accountId: string; region: string },
): (request: AuthorizerRequest) => Promise<LambdaVerdict> {
  const cache = new ExpiringCache<unknown>(10_000)
  const caching = definition.ttlSeconds > 0 && definition.identitySource.length > 0
  return async (request) => {
    const identity: string[] = []
    for (const source of definition.identitySource) {
      const value = request.identity(source)
      if (value === undefined || value === '') return { ok: false, status: 401 }
      identity.push(value)
    }
    const now = request.deps.now()
    const key = identity.join('\u0000')
    let value = caching ? cache.get(key, now) : undefined
    if (value === undefined) {
      const target = parseFunctionReference(
        definition.functionRef,
        account.accountId,
        account.region,
      )
      const handler = target && resolveHandler(lambdas, target)
      if (!target || !handler) return { ok: false, status: 500 }
      const event = request.event(definition.payloadFormatVersion, identity, request.routeArn)
      const outcome = await invokeHandler(
        handler,
        target,
        event,
        request.requestId,
        10_000,
        request.deps,
      )
      if (outcome.kind !== 'result') return { ok: false, status: 500 }
      value = outcome.value
      if (caching) cache.set(key, value, now + definition.ttlSeconds * 1000)
    }
    if (value === null || typeof value !== 'object') return { ok: false, status: 500 }
    const output = value as Record<string, unknown>
    const context = (output['context'] ?? {}) as Record<string, unknown>
    if (definition.enableSimpleResponses && 'isAuthorized' in output) {
      return output['isAuthorized'] === true ? { ok: true, context } : { ok: false, status: 403 }
    }
    if (!('policyDocument' in output)) return { ok: false, status: 500 }
    return evaluatePolicy(output['policyDocument'], request.routeArn) === 'ALLOW'
      ? {
          ok: true,
          context: {
            ...context,
            ...(output['principalId'] !== undefined ? { principalId: output['principalId'] } : {}),
          },
        }
      : { ok: false, status: 403 }
  }
}
