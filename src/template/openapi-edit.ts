/**
 * Small edits on an OpenAPI / Swagger document, the ones SAM's translator makes when it adds
 * event routes, authorizers and CORS to an API's definition body.
 */
import { ConfigError } from '../errors.js'

/** A document or one of its objects. */
export type Doc = Record<string, unknown>

/** The operation keys of a path item; `any` is `x-amazon-apigateway-any-method`. */
export const OPERATION_KEYS: readonly string[] = [
  'get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method',
] // prettier-ignore

/** `x-amazon-apigateway-any-method` for `any`, else the lower-case method. */
export function operationKey(method: string): string {
  const lower = method.toLowerCase()
  return lower === 'any' ? 'x-amazon-apigateway-any-method' : lower
}

export const isObject = (value: unknown): value is Doc =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A deep copy of plain JSON data. */
export function copy<T>(value: T): T {
  return structuredClone(value)
}

/** The `paths` object, created when missing. */
export function pathsOf(body: Doc): Doc {
  if (!isObject(body['paths'])) body['paths'] = {}
  return body['paths'] as Doc
}

/**
 * Adds an operation, as SAM's `add_lambda_integration` does.
 *
 * @throws ConfigError when the path and method already have an integration
 */
export function addOperation(
  body: Doc,
  path: string,
  method: string,
  operation: Doc,
  where: string,
): void {
  const paths = pathsOf(body)
  const item = isObject(paths[path]) ? paths[path] : (paths[path] = {})
  const key = operationKey(method)
  const existing = item[key]
  if (isObject(existing) && existing['x-amazon-apigateway-integration'] !== undefined)
    throw new ConfigError(
      where,
      `an integration already exists on Path=${path}, Method=${method.toLowerCase()}`,
    )
  item[key] = { ...(isObject(existing) ? existing : {}), ...operation }
}

/** Every operation of the document with its path and key. */
export function* operations(body: Doc): Generator<[path: string, key: string, op: Doc]> {
  for (const [path, item] of Object.entries(pathsOf(body))) {
    if (!isObject(item)) continue
    for (const key of OPERATION_KEYS) {
      const op = item[key]
      if (isObject(op)) yield [path, key, op]
    }
  }
}

/** The security schemes object (Swagger 2 `securityDefinitions`, OpenAPI 3 `components.securitySchemes`). */
export function securitySchemesOf(body: Doc): Doc {
  if (body['swagger'] !== undefined) {
    if (!isObject(body['securityDefinitions'])) body['securityDefinitions'] = {}
    return body['securityDefinitions'] as Doc
  }
  if (!isObject(body['components'])) body['components'] = {}
  const components = body['components'] as Doc
  if (!isObject(components['securitySchemes'])) components['securitySchemes'] = {}
  return components['securitySchemes'] as Doc
}

/**
 * A Lambda invocation URI for a function ARN.
 *
 * @param functionArn - `arn:aws:lambda:{region}:{account}:function:{name}`
 * @returns `arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations`
 */
export function invocationUri(functionArn: string, region: string, partition: string): string {
  return `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`
}
