/**
 * Lambda authorizers of HTTP APIs: the HTTP front-end of the shared core
 * (auth/lambda-authorizer-core/). It reads the definition (`x-amazon-apigateway-authorizer` of
 * type `request`), reads the request as HTTP APIs do (repeated headers and query parameters
 * comma-joined, `$context.X` as in access logs), builds the payload 2.0 or 1.0 authorizer event
 * (lambda-events/) for the route ARN, and answers with the HTTP row of
 * `LAMBDA_AUTHORIZER_FACTS`; the context goes to `requestContext.authorizer.lambda`.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */
import {
  compileLambdaAuthorizerCore,
  LAMBDA_AUTHORIZER_FACTS,
  parseIdentitySources,
  type AuthorizerRequestView,
} from '../auth/index.js'
import { getOwn } from '../core/index.js'
import { textOf } from '../core/index.js'
import { ConfigError } from '../errors.js'
import { parseFunctionReference, type LambdaHandlers } from '../integrations/index.js'
import {
  buildHttpApiAuthorizerEventV1,
  buildHttpApiAuthorizerEventV2,
} from '../lambda-events/index.js'
import { arnPath } from '../routing/index.js'
import { httpContextValue } from './observe.js'
import { queryOf, type HttpRequest, type RouteVerdict } from './request.js'

/** A Lambda authorizer of an HTTP API. */
export interface HttpLambdaAuthorizerDefinition {
  name: string
  /** Function ARN or name (from `authorizerUri`). */
  functionRef: string
  /** `$request.header.X`, `$request.querystring.X`, `$context.X`, `$stageVariables.X`. */
  identitySource: string[]
  payloadFormatVersion: '1.0' | '2.0'
  enableSimpleResponses: boolean
  /** `authorizerResultTtlInSeconds`: 0 (no cache) to 3600. */
  ttlSeconds: number
}

/**
 * Reads `x-amazon-apigateway-authorizer` of type `request`.
 *
 * @param name - the security scheme
 * @param raw - the extension
 * @returns the authorizer
 * @throws ConfigError for a missing URI, a bad identity source, payload format version or TTL
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
  parseIdentitySources('HTTP', identitySource, `${where}.identitySource`)
  const rawVersion = raw['authorizerPayloadFormatVersion'] ?? '2.0'
  // SAM writes the number 1.0 (JSON), which reads as 1.
  const version = typeof rawVersion === 'number' ? rawVersion.toFixed(1) : textOf(rawVersion)
  if (version !== '1.0' && version !== '2.0')
    throw new ConfigError(`${where}.authorizerPayloadFormatVersion`, 'must be 1.0 or 2.0')
  const ttl = raw['authorizerResultTtlInSeconds']
  const ttlSeconds =
    ttl === undefined || ttl === null
      ? (LAMBDA_AUTHORIZER_FACTS.HTTP.cache?.defaultTtlSeconds ?? 0)
      : Number(ttl)
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > 3600)
    throw new ConfigError(`${where}.authorizerResultTtlInSeconds`, 'must be between 0 and 3600')
  return {
    name,
    functionRef: invocation ? (invocation[1] as string) : uri,
    identitySource,
    payloadFormatVersion: version,
    enableSimpleResponses: raw['enableSimpleResponses'] === true,
    ttlSeconds,
  }
}

const HTTP = LAMBDA_AUTHORIZER_FACTS.HTTP.answers

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`. */
function routeArn(request: HttpRequest): string {
  const api = request.api
  return `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/${request.stage.name}/${request.method}${arnPath(request.path)}`
}

/**
 * Compiles a Lambda authorizer.
 *
 * @param definition - the authorizer
 * @param lambdas - the handlers
 * @param account - account and region for ARNs
 * @returns the check of a routed request: `requestContext.authorizer`, or the status to answer
 * @throws ConfigError for a bad identity source or TTL
 */
export function compileHttpLambdaAuthorizer(
  definition: HttpLambdaAuthorizerDefinition,
  lambdas: LambdaHandlers,
  account: { accountId: string; region: string },
): (request: HttpRequest) => Promise<RouteVerdict> {
  const where = `components.securitySchemes.${definition.name}.x-amazon-apigateway-authorizer`
  const target = parseFunctionReference(definition.functionRef, account.accountId, account.region)
  const view: AuthorizerRequestView<HttpRequest> = {
    requestId: (request) => request.requestId,
    deps: (request) => request.deps,
    stageVariables: (request) => request.stage.variables,
    header: (request, name) => request.headers.getAll(name)?.join(','),
    queryString: (request, name) => {
      const multi = queryOf(request).multi
      return multi ? getOwn(multi, name)?.join(',') : undefined
    },
    contextVariable: (request, path) => httpContextValue(request, 'context', path),
    event: (request, identity, arn) => {
      const route = request.route?.definition
      return definition.payloadFormatVersion === '2.0'
        ? buildHttpApiAuthorizerEventV2(
            request,
            queryOf(request),
            route?.routeKey ?? '$default',
            arn,
            [...identity],
          )
        : buildHttpApiAuthorizerEventV1(
            request,
            queryOf(request),
            route?.path ?? '$default',
            arn,
            identity,
          )
    },
  }
  const authorize = compileLambdaAuthorizerCore(
    {
      kind: 'HTTP',
      name: definition.name,
      identitySources: parseIdentitySources(
        'HTTP',
        definition.identitySource,
        `${where}.identitySource`,
      ),
      ttlSeconds: definition.ttlSeconds,
      simpleResponses: definition.enableSimpleResponses,
      resolveTarget: () => target,
      functionRef: definition.functionRef,
      lambdas,
    },
    view,
    where,
  )
  return async (request) => {
    const outcome = await authorize(request, routeArn(request))
    if (outcome.situation === 'allow') {
      const { context, principalId, hasPrincipalId, isAuthorized } = outcome.output
      // An IAM-policy answer's principalId joins the context; a simple response has none.
      if (isAuthorized !== undefined || !hasPrincipalId)
        return { ok: true, authorizer: { lambda: context } }
      const lambda: Record<string, unknown> = { ...context }
      Object.defineProperty(lambda, 'principalId', { value: principalId, enumerable: true })
      return { ok: true, authorizer: { lambda } }
    }
    if (outcome.logMessage) request.deps.logger.warn(outcome.logMessage)
    return { ok: false, status: HTTP[outcome.situation]?.status ?? 500 }
  }
}
