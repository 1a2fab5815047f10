/**
 * `Auth` of an `AWS::Serverless::Api` and of its `Api` events, as the SAM translator writes it
 * into the definition body: one security scheme per authorizer (Cognito, Lambda TOKEN/REQUEST,
 * `AWS_IAM`, `api_key`), each method's `security`, and `DefaultAuthorizer` / `ApiKeyRequired`
 * applied to every method that has none of its own.
 *
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiauth.html
 * Sources: SAM translator tests `api_with_auth_all_minimum`, `api_with_auth_all_maximum`.
 */
import { ConfigError } from '../errors.js'
import { invocationUri, isObject, operations, securitySchemesOf, type Doc } from './openapi-edit.js'
import { textOf } from '../core/index.js'

/** The account facts authorizer URIs need. */
export interface AuthContext {
  readonly region: string
  readonly partition: string
}

const API_KEY_SCHEME = { type: 'apiKey', name: 'x-api-key', in: 'header' }
const IAM_SCHEME = {
  type: 'apiKey',
  name: 'Authorization',
  in: 'header',
  'x-amazon-apigateway-authtype': 'awsSigv4',
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : value === undefined ? [] : [textOf(value)]

function identitySource(identity: Doc): string | undefined {
  const sources = [
    ...strings(identity['Headers']).map((h) => `method.request.header.${h}`),
    ...strings(identity['QueryStrings']).map((q) => `method.request.querystring.${q}`),
    ...strings(identity['StageVariables']).map((v) => `stageVariables.${v}`),
    ...strings(identity['Context']).map((c) => `context.${c}`),
  ]
  return sources.length > 0 ? sources.join(', ') : undefined
}

function authorizerScheme(name: string, raw: unknown, where: string, ctx: AuthContext): Doc {
  if (!isObject(raw)) throw new ConfigError(where, 'must be an object')
  const identity = isObject(raw['Identity']) ? raw['Identity'] : {}
  const header = typeof identity['Header'] === 'string' ? identity['Header'] : 'Authorization'
  const extension: Doc = {}
  const validation = identity['ValidationExpression']
  if (raw['UserPoolArn'] !== undefined) {
    extension['type'] = 'cognito_user_pools'
    extension['providerARNs'] = strings(raw['UserPoolArn'])
    if (validation !== undefined) extension['identityValidationExpression'] = validation
    return {
      type: 'apiKey',
      name: header,
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': extension,
    }
  }
  if (typeof raw['FunctionArn'] !== 'string')
    throw new ConfigError(
      where,
      `authorizer ${name} needs UserPoolArn (Cognito) or FunctionArn (Lambda)`,
    )
  const payload = textOf(raw['FunctionPayloadType'] ?? 'TOKEN').toUpperCase()
  if (payload !== 'TOKEN' && payload !== 'REQUEST')
    throw new ConfigError(`${where}.FunctionPayloadType`, 'must be TOKEN or REQUEST')
  extension['type'] = payload.toLowerCase()
  extension['authorizerUri'] = invocationUri(raw['FunctionArn'], ctx.region, ctx.partition)
  const role = raw['FunctionInvokeRole']
  if (typeof role === 'string' && role !== 'NONE') extension['authorizerCredentials'] = role
  if (identity['ReauthorizeEvery'] !== undefined)
    extension['authorizerResultTtlInSeconds'] = Number(identity['ReauthorizeEvery'])
  if (payload === 'TOKEN') {
    if (validation !== undefined) extension['identityValidationExpression'] = validation
  } else {
    const source = identitySource(identity)
    if (source !== undefined) extension['identitySource'] = source
  }
  return {
    type: 'apiKey',
    name: payload === 'TOKEN' ? header : 'Unused',
    in: 'header',
    'x-amazon-apigateway-authtype': 'custom',
    'x-amazon-apigateway-authorizer': extension,
  }
}

/**
 * Adds the API's authorizers to the body's security schemes.
 *
 * @param body - the definition body (changed in place)
 * @param auth - the resolved `Auth` property
 * @param where - `Resources.{Api}.Properties.Auth`
 * @throws ConfigError for an authorizer that is neither Cognito nor Lambda, or an unknown default
 */
export function addRestAuthorizers(body: Doc, auth: Doc, where: string, ctx: AuthContext): void {
  const schemes = securitySchemesOf(body)
  const authorizers = isObject(auth['Authorizers']) ? auth['Authorizers'] : {}
  for (const [name, raw] of Object.entries(authorizers))
    schemes[name] = authorizerScheme(name, raw, `${where}.Authorizers.${name}`, ctx)
  const fallback = auth['DefaultAuthorizer']
  if (fallback === 'AWS_IAM') schemes['AWS_IAM'] = IAM_SCHEME
  else if (typeof fallback === 'string' && !Object.hasOwn(authorizers, fallback))
    throw new ConfigError(
      `${where}.DefaultAuthorizer`,
      `${fallback} is not one of Auth.Authorizers (${Object.keys(authorizers).join(', ') || 'none'}) or AWS_IAM`,
    )
  if (auth['ApiKeyRequired'] === true) schemes['api_key'] = API_KEY_SCHEME
}

/**
 * The `security` of an event's method from its `Auth` (authorizer, scopes, API key).
 *
 * @param eventAuth - the event's resolved `Auth`, if any
 * @param apiAuth - the API's resolved `Auth`
 * @param body - the definition body (schemes for `AWS_IAM` and `api_key` are added)
 * @param where - the event's place
 * @returns the security requirements, or undefined to leave the API defaults
 */
export function eventSecurity(
  eventAuth: unknown,
  apiAuth: Doc,
  body: Doc,
  where: string,
): Doc[] | undefined {
  if (!isObject(eventAuth)) return undefined
  const authorizers = isObject(apiAuth['Authorizers']) ? apiAuth['Authorizers'] : {}
  const security: Doc[] = []
  const name = eventAuth['Authorizer']
  if (typeof name === 'string') {
    if (name === 'AWS_IAM') securitySchemesOf(body)['AWS_IAM'] = IAM_SCHEME
    else if (name !== 'NONE' && !Object.hasOwn(authorizers, name))
      throw new ConfigError(
        `${where}.Auth.Authorizer`,
        `${name} is not one of the API's Auth.Authorizers (${Object.keys(authorizers).join(', ') || 'none'}), AWS_IAM or NONE`,
      )
    const own = isObject(authorizers[name]) ? authorizers[name] : {}
    security.push({
      [name]: strings(eventAuth['AuthorizationScopes'] ?? own['AuthorizationScopes']),
    })
  }
  if (eventAuth['ApiKeyRequired'] === true) {
    securitySchemesOf(body)['api_key'] = API_KEY_SCHEME
    security.push({ api_key: [] })
  }
  return security.length > 0 ? security : undefined
}

/**
 * Applies `DefaultAuthorizer` and `ApiKeyRequired` to every method without its own authorizer
 * (CORS preflights too unless `AddDefaultAuthorizerToCorsPreflight` / `AddApiKeyRequiredToCorsPreflight`
 * is false), then drops the `NONE` markers, which mean "no authorizer".
 *
 * @param body - the definition body (changed in place)
 * @param auth - the API's resolved `Auth`
 */
export function applyDefaultAuth(body: Doc, auth: Doc): void {
  const authorizers = isObject(auth['Authorizers']) ? auth['Authorizers'] : {}
  const fallback =
    typeof auth['DefaultAuthorizer'] === 'string' ? auth['DefaultAuthorizer'] : undefined
  const isAuthorizer = (name: string): boolean =>
    name === 'NONE' || name === 'AWS_IAM' || Object.hasOwn(authorizers, name)
  for (const [, key, op] of operations(body)) {
    const preflight = key === 'options'
    const security = Array.isArray(op['security']) ? (op['security'] as Doc[]) : []
    const names = security.flatMap((entry) => (isObject(entry) ? Object.keys(entry) : []))
    if (
      fallback !== undefined &&
      !names.some(isAuthorizer) &&
      !(preflight && auth['AddDefaultAuthorizerToCorsPreflight'] === false)
    ) {
      const own = isObject(authorizers[fallback]) ? authorizers[fallback] : {}
      security.unshift({ [fallback]: strings(own['AuthorizationScopes']) })
    }
    if (
      auth['ApiKeyRequired'] === true &&
      !names.includes('api_key') &&
      !(preflight && auth['AddApiKeyRequiredToCorsPreflight'] === false)
    )
      security.push({ api_key: [] })
    const kept = security.filter((entry) => !(isObject(entry) && 'NONE' in entry))
    if (kept.length > 0) op['security'] = kept
    else if (security.length > 0 || op['security'] !== undefined) op['security'] = []
  }
}
