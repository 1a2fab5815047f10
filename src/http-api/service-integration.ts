/**
 * HTTP API AWS service integrations (`AWS_PROXY` with an `integrationSubtype`): the
 * integration's `requestParameters` name the action's parameters (`QueueUrl`, `MessageBody`, …),
 * each a static value or a mapping value (`$request.body`, `$request.body.<JSONPath>`,
 * `$request.header.x`, `$request.querystring.x`, `$request.path.x`, `$context.x`,
 * `$stageVariables.x`, `${…}` inside text). The evaluated call goes to `options.services` under
 * the service's name (`sqs`, `events`, `states`, `kinesis`, `appconfig`: the names REST AWS
 * integrations use), with the input the service's own API takes (`body`, AWS JSON protocol with
 * its `x-amz-target`; AppConfig's REST path) and the evaluated parameters (`params`). The
 * service's status, headers and body are passed to the client, as HTTP APIs do.
 *
 * A parameter whose value is empty is left out of the call (the service answers a missing
 * required one with its own error, as on AWS).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
 */
import { ResponseHeaders } from '../core/index.js'
import { errorMessage } from '../core/index.js'
import { parseClientJson } from '../core/index.js'
import { ConfigError } from '../errors.js'
import {
  callAwsService,
  findAwsService,
  type AwsServiceEndpoint,
  type AwsServiceResponse,
  type AwsServices,
} from '../integrations/index.js'
import { essenceOf, isTextMediaType } from '../core/index.js'
import { compileJsonPath } from '../mapping/index.js'
import type { HttpRouteDefinition } from './definition.js'
import { internalError, message, type HttpRequest, type RouteHandler } from './request.js'
import { mappingInput } from './routes.js'
import { INTEGRATION_SUBTYPES, type Kind, type Parameter } from './service-subtypes.js'

type Value = (request: HttpRequest, body: () => unknown) => string

/** A mapping value: static text with `$request.…` / `$context.…` / `$stageVariables.…` parts. */
function compileValue(text: string, where: string): Value {
  const parts: Array<string | Value> = []
  const pattern =
    /\$\{([^}]+)\}|\$(request\.body(?:\.[^\s$]+)?|request\.(?:header|querystring|path)(?:\.[A-Za-z0-9_.-]+)?|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)/g
  let last = 0
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(last, match.index))
    parts.push(compileReference(((match[1] ?? match[2]) as string).replace(/^\$/, ''), where))
    last = match.index + match[0].length
  }
  parts.push(text.slice(last))
  if (parts.every((p) => typeof p === 'string')) {
    const constant = parts.join('')
    return () => constant
  }
  return (request, body) =>
    parts.map((p) => (typeof p === 'string' ? p : p(request, body))).join('')
}

function compileReference(expression: string, where: string): Value {
  if (expression === 'request.body')
    return (request) => (request.body ? request.body.toString('utf8') : '')
  if (expression.startsWith('request.body.')) {
    let path: ReturnType<typeof compileJsonPath>
    try {
      path = compileJsonPath(expression.slice('request.body.'.length))
    } catch (error) {
      throw new ConfigError(
        where,
        `invalid JSONPath in $${expression}: ${(error as Error).message}`,
      )
    }
    return (_request, body) => {
      const root = body()
      if (root === undefined) return ''
      let value: unknown
      try {
        value = path.evaluate(root)
      } catch {
        return '' // over the evaluation budget: read as missing, like an unreadable body
      }
      return value === null || value === undefined
        ? ''
        : typeof value === 'string'
          ? value
          : JSON.stringify(value)
    }
  }
  const [root, kind, ...rest] = expression.split('.')
  const name = rest.join('.')
  if (root === 'request' && kind === 'header')
    return (request) => mappingInput(request).header(name) ?? ''
  if (root === 'request' && kind === 'querystring')
    return (request) => mappingInput(request).querystring(name) ?? ''
  if (root === 'request' && kind === 'path')
    return name ? (request) => request.pathParameters?.[name] ?? '' : (request) => request.path
  if (root === 'context' && kind) {
    const variable = [kind, ...rest].join('.')
    return (request) => contextValue(request, variable)
  }
  if (root === 'stageVariables' && kind) return (request) => request.stage.variables[kind] ?? ''
  throw new ConfigError(where, `unsupported mapping value $${expression}`)
}

const text = (value: unknown): string =>
  value === undefined || value === null
    ? ''
    : typeof value === 'string'
      ? value
      : JSON.stringify(value)

/**
 * `$context.x` for a mapping value: the parameter-mapping variables, plus `httpMethod`,
 * `routeKey`, `path`, `domainName`, `accountId`, `requestTimeEpoch`, `identity.userAgent`,
 * `authorizer.claims.x` (JWT), `authorizer.principalId` / `authorizer.x` (Lambda) and
 * `authorizer.iam.*`.
 */
function contextValue(request: HttpRequest, name: string): string {
  const auth = request.authorizer
  if (name.startsWith('authorizer.claims.'))
    return text(auth?.jwt?.claims[name.slice('authorizer.claims.'.length)])
  if (name.startsWith('authorizer.iam.'))
    return text((auth?.iam as Record<string, unknown> | undefined)?.[name.slice(15)])
  if (name.startsWith('authorizer.')) {
    const key = name.slice('authorizer.'.length)
    return auth?.lambda && Object.hasOwn(auth.lambda, key) ? text(auth.lambda[key]) : ''
  }
  switch (name) {
    case 'httpMethod':
      return request.method
    case 'routeKey':
      return request.route?.definition.routeKey ?? ''
    case 'path':
      return request.rawPath
    case 'domainName':
      return request.headers.get('host') ?? ''
    case 'accountId':
      return request.api.accountId
    case 'requestTimeEpoch':
      return String(request.timeEpoch)
    case 'identity.userAgent':
      return request.headers.get('user-agent') ?? ''
    default:
      return mappingInput(request).context(name) ?? ''
  }
}

/** A parameter's value in the service's JSON input. */
function typed(value: string, kind: Kind | undefined): unknown {
  if (kind === 'number') {
    const number = Number(value)
    return value.trim() !== '' && Number.isFinite(number) ? number : value
  }
  if (kind === 'json' || kind === 'list') {
    try {
      return parseClientJson(value)
    } catch {
      return kind === 'list' ? value.split(',').map((part) => part.trim()) : value
    }
  }
  return value
}

/**
 * Compiles a route whose integration has an `integrationSubtype`.
 *
 * @param route - the route
 * @param where - its place in the definition
 * @param services - `options.services`, by service name
 * @param region - the API's region (the `Region` parameter overrides it)
 * @returns the route handler
 * @throws ConfigError for an unknown subtype, a parameter the subtype does not take, a missing
 *   required parameter (AWS refuses to create such an integration), or a bad mapping value
 */
export function compileServiceRoute(
  route: HttpRouteDefinition,
  where: string,
  services: AwsServices,
  region: string,
): RouteHandler {
  const at = `${where}.x-amazon-apigateway-integration`
  const name = route.integration.integrationSubtype as string
  const subtype = Object.hasOwn(INTEGRATION_SUBTYPES, name) ? INTEGRATION_SUBTYPES[name] : undefined
  if (!subtype)
    throw new ConfigError(
      `${at}.integrationSubtype`,
      `unknown subtype ${JSON.stringify(name)} (one of ${Object.keys(INTEGRATION_SUBTYPES).join(', ')})`,
    )
  const values: Array<[string, Value]> = []
  let regionValue: Value | undefined
  for (const [key, text] of Object.entries(route.integration.requestParameters)) {
    const place = `${at}.requestParameters.${key}`
    if (key === 'Region') regionValue = compileValue(text, place)
    else if (!Object.hasOwn(subtype.parameters, key))
      throw new ConfigError(
        place,
        `${name} takes ${[...Object.keys(subtype.parameters), 'Region'].join(', ')}`,
      )
    else values.push([key, compileValue(text, place)])
  }
  const missing = Object.entries(subtype.parameters)
    .filter(([key, spec]) => spec.required && !values.some(([given]) => given === key))
    .map(([key]) => key)
  if (missing.length > 0)
    throw new ConfigError(
      `${at}.requestParameters`,
      `Operation: ${name} requires defining all of the following parameters: ${missing.join(', ')}`,
    )
  const timeout = route.integration.timeoutInMillis

  return async (request) => {
    const found = findAwsService(services, subtype.service)
    if (!found) {
      request.integrationError = `no handler for AWS service ${subtype.service}`
      request.deps.logger.error(
        `no handler or endpoint for AWS service ${subtype.service} (add it to options.services)`,
        { where: at },
      )
      return internalError()
    }
    let parsed: { value: unknown } | undefined
    const body = (): unknown => {
      if (!parsed) {
        try {
          parsed = {
            value: request.body ? parseClientJson(request.body.toString('utf8')) : undefined,
          }
        } catch {
          parsed = { value: undefined }
        }
      }
      return parsed.value
    }
    const params: Record<string, string> = {}
    const fields: Record<string, unknown> = {}
    for (const [key, value] of values) {
      const text = value(request, body)
      if (text === '') continue
      Object.defineProperty(params, key, { value: text, enumerable: true })
      const spec = subtype.parameters[key] as Parameter
      fields[spec.field ?? key] = typed(text, spec.kind)
    }
    const headers: Record<string, string> = {}
    let path: string | undefined
    let payload = ''
    let httpMethod = 'POST'
    const querystring: Record<string, string> = {}
    if (subtype.target) {
      headers['content-type'] = `application/x-amz-json-${subtype.target[1]}`
      headers['x-amz-target'] = `${subtype.target[0]}.${subtype.action}`
      payload = JSON.stringify(subtype.input ? subtype.input(fields) : fields)
    } else {
      // AppConfig's REST API.
      httpMethod = 'GET'
      const part = (key: string): string => encodeURIComponent(params[key] ?? '')
      querystring['client_id'] = params['ClientId'] ?? ''
      if (params['ClientConfigurationVersion'] !== undefined)
        querystring['client_configuration_version'] = params['ClientConfigurationVersion']
      path = `applications/${part('Application')}/environments/${part('Environment')}/configurations/${part('Configuration')}?${new URLSearchParams(querystring).toString()}`
    }
    const serviceRegion = (regionValue && regionValue(request, body)) || region
    if (found.kind === 'endpoint')
      return sendToEndpoint(found.endpoint, request, at, {
        service: subtype.service,
        region: serviceRegion,
        roleArn: route.integration.credentials,
        method: httpMethod,
        path: path === undefined ? '/' : `/${path.split('?')[0] as string}`,
        query: Object.entries(querystring),
        headers,
        body: Buffer.from(payload),
        timeoutMs: timeout,
        apiId: request.api.apiId,
      })
    const handler = found.handler
    let timer: (() => void) | undefined
    let reply: AwsServiceResponse | 'timeout'
    try {
      reply = await Promise.race([
        Promise.resolve(
          handler({
            service: subtype.service,
            action: subtype.action,
            path,
            httpMethod,
            headers,
            body: payload,
            bodyBytes: Buffer.from(payload),
            querystring,
            params,
            region: serviceRegion,
            integrationSubtype: name,
          }),
        ),
        new Promise<'timeout'>((resolve) => {
          timer = request.deps.setTimer(timeout, () => resolve('timeout'))
        }),
      ])
    } catch (error) {
      const failure = errorMessage(error)
      request.integrationError = failure
      request.deps.logger.warn(`AWS service ${subtype.service} failed: ${failure}`, { where: at })
      return internalError()
    } finally {
      timer?.()
    }
    if (reply === 'timeout') {
      request.integrationError = 'Integration timeout'
      return message(503, 'Service Unavailable')
    }
    const status = reply.statusCode ?? 200
    request.integrationStatus = status
    const out = new ResponseHeaders()
    for (const [header, value] of Object.entries(reply.headers ?? {}))
      if (header.toLowerCase() !== 'content-length') out.set(header, value)
    if (!out.has('content-type')) out.set('Content-Type', 'application/json')
    return { statusCode: status, headers: out, body: reply.body ?? '', isBase64Encoded: false }
  }
}

/**
 * Sends a subtype's call to a service endpoint and passes the service's answer to the client
 * (status, headers, body), as HTTP APIs do. A timeout is 503 and any other failure 500, as for
 * HTTP_PROXY integrations.
 */
async function sendToEndpoint(
  endpoint: AwsServiceEndpoint,
  request: HttpRequest,
  at: string,
  call: Parameters<typeof callAwsService>[1],
): Promise<Awaited<ReturnType<RouteHandler>>> {
  const reply = await callAwsService(endpoint, call, request.deps)
  if ('responseType' in reply) {
    request.integrationError = reply.logMessage ?? 'Integration failure'
    request.deps.logger.warn(request.integrationError, { where: at })
    return reply.responseType === 'INTEGRATION_TIMEOUT'
      ? message(503, 'Service Unavailable')
      : internalError()
  }
  request.integrationStatus = reply.status
  const out = new ResponseHeaders()
  reply.headers.forEach((value, name) => {
    if (!DROPPED_REPLY_HEADERS.has(name)) out.set(name, value)
  })
  const text = isTextMediaType(essenceOf(reply.headers.get('content-type') ?? undefined))
  return {
    statusCode: reply.status,
    headers: out,
    body: reply.bytes.toString(text ? 'utf8' : 'base64'),
    isBase64Encoded: !text,
  }
}

/** Hop-by-hop and framing headers of the service's answer, not passed on. */
const DROPPED_REPLY_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'trailer',
  'upgrade',
  'set-cookie',
])
