/**
 * REST's `$context`: the request context a REST request's templates, access logs and proxy
 * events read, in the key order AWS prints.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
 */
import { formatClfTime } from '../core/index.js'
import { emptyOverrides } from '../mapping/index.js'
import type { RequestState } from './request-state.js'

/**
 * Builds a request's `$context` from what it knows so far (route, API key, authorizer).
 *
 * @param state - the request
 * @returns a new context object
 */
export function buildRestContext(state: RequestState): Record<string, unknown> {
  const api = state.api
  const domainName = state.domainName
  const method = state.route?.method
  const context: Record<string, unknown> = {
    resourceId: method?.resourceId ?? null,
    resourcePath: state.resourcePath,
    httpMethod: state.method,
    extendedRequestId: state.extendedRequestId,
    requestTime: formatClfTime(state.requestTimeEpoch),
    path: `/${state.stage.name}${state.rawPath}`,
    accountId: api.accountId,
    protocol: 'HTTP/1.1',
    stage: state.stage.name,
    domainPrefix: domainPrefix(domainName),
    requestTimeEpoch: state.requestTimeEpoch,
    requestId: state.requestId,
    identity: {
      cognitoIdentityPoolId: null,
      accountId: null,
      cognitoIdentityId: null,
      caller: null,
      sourceIp: state.sourceIp,
      principalOrgId: null,
      accessKey: null,
      cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null,
      userArn: null,
      userAgent: state.headers.get('user-agent') ?? null,
      user: null,
    },
    domainName,
    deploymentId: state.stage.deploymentId,
    apiId: api.apiId,
  }
  if (state.apiKey) {
    const identity = context['identity'] as Record<string, unknown>
    identity['apiKey'] = state.apiKey.key.value
    identity['apiKeyId'] = state.apiKey.key.id
  }
  if (state.stage.isCanaryRequest !== undefined)
    context['isCanaryRequest'] = state.stage.isCanaryRequest
  const authorizer = state.authorizer
  if (authorizer?.iam) {
    const identity = context['identity'] as Record<string, unknown>
    identity['accessKey'] = authorizer.iam.accessKey
    identity['accountId'] = authorizer.iam.accountId ?? null
    identity['caller'] = authorizer.iam.accessKey
    identity['user'] = authorizer.iam.accessKey
    identity['userArn'] = authorizer.iam.arn ?? null
  } else if (authorizer) {
    // As API Gateway passes them: principalId (or a Cognito token's claims), then the context
    // values as strings.
    const values: Record<string, unknown> = authorizer.claims
      ? { claims: authorizer.claims }
      : { principalId: authorizer.principalId }
    for (const key of Object.keys(authorizer.context))
      Object.defineProperty(values, key, {
        value: String(authorizer.context[key]),
        enumerable: true,
      })
    if (!authorizer.claims) values['integrationLatency'] = 0
    context['authorizer'] = values
  }
  return context
}

/**
 * A fresh `$context` for one mapping template, in the key order AWS prints, with empty
 * `requestOverride`/`responseOverride` maps for the template to fill.
 */
export function templateContextOf(c: Record<string, unknown>): Record<string, unknown> {
  const overrides = emptyOverrides()
  const context: Record<string, unknown> = {
    resourceId: c['resourceId'],
    resourcePath: c['resourcePath'],
    httpMethod: c['httpMethod'],
    extendedRequestId: c['extendedRequestId'],
    requestTime: c['requestTime'],
    path: c['path'],
    accountId: c['accountId'],
    protocol: c['protocol'],
    requestOverride: overrides.requestOverride,
    stage: c['stage'],
    domainPrefix: c['domainPrefix'],
    requestTimeEpoch: c['requestTimeEpoch'],
    requestId: c['requestId'],
    identity: { ...(c['identity'] as Record<string, unknown>) },
    domainName: c['domainName'],
    deploymentId: c['deploymentId'],
    responseOverride: overrides.responseOverride,
    apiId: c['apiId'],
  }
  if (c['authorizer'] !== undefined) context['authorizer'] = c['authorizer']
  if (c['isCanaryRequest'] !== undefined) context['isCanaryRequest'] = c['isCanaryRequest']
  return context
}

function domainPrefix(domainName: string): string {
  const dot = domainName.indexOf('.')
  return dot === -1 ? domainName : domainName.slice(0, dot)
}
