/**
 * What an `AWS::Serverless::Api` and its `Api` events say about requests, written into the
 * definition body as the SAM translator writes it: `Models` (schemas named in lower case),
 * `RequestModel` (a body parameter or `requestBody` referring to the model, and a request
 * validator named `body-and-params` / `body-only` / `params-only` / `no-validation` when
 * `ValidateBody` or `ValidateParameters` is given), and `RequestParameters` (method request
 * parameters; `Caching: true` adds the parameter to the integration's `cacheKeyParameters`).
 *
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-requestmodel.html
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-api.html
 * Sources: SAM translator tests `api_request_model`, `api_request_model_openapi_3`,
 * `api_request_model_with_validator`, `api_with_request_parameters_openapi`,
 * `error_api_invalid_request_model`, `error_api_with_models_of_invalid_type`.
 */
import { ConfigError } from '../errors.js'
import { isObject, type Doc } from './openapi-edit.js'

/**
 * `Models` → `definitions` (Swagger 2) or `components.schemas` (OpenAPI 3), names lower-cased.
 *
 * @param body - the definition body (changed in place)
 * @param models - the API's resolved `Models`
 * @param where - their place
 * @throws ConfigError when `Models` is not a map or a schema has no `type`
 */
export function addModels(body: Doc, models: unknown, where: string): void {
  if (!isObject(models)) throw new ConfigError(where, 'must map model names to JSON schemas')
  let target: Doc
  if (body['swagger'] !== undefined) {
    if (!isObject(body['definitions'])) body['definitions'] = {}
    target = body['definitions'] as Doc
  } else {
    if (!isObject(body['components'])) body['components'] = {}
    const components = body['components'] as Doc
    if (!isObject(components['schemas'])) components['schemas'] = {}
    target = components['schemas'] as Doc
  }
  for (const [name, schema] of Object.entries(models)) {
    if (!isObject(schema)) throw new ConfigError(`${where}.${name}`, 'must be a JSON schema')
    if (schema['type'] === undefined)
      throw new ConfigError(`${where}.${name}`, "'Models' schema is missing 'type'")
    target[name.toLowerCase()] = schema
  }
}

/** SAM's validator name for a pair of flags. */
export function validatorName(body: boolean, parameters: boolean): string {
  if (body && parameters) return 'body-and-params'
  if (body) return 'body-only'
  if (parameters) return 'params-only'
  return 'no-validation'
}

/**
 * An event's `RequestModel` on its operation.
 *
 * @param body - the definition body (validators are added to it)
 * @param operation - the event's operation (changed in place)
 * @param raw - the event's resolved `RequestModel`
 * @param models - the API's resolved `Models`
 * @param where - the event's properties' place
 * @throws ConfigError when the model is not one of the API's `Models`, or a flag is not a boolean
 */
export function addRequestModel(
  body: Doc,
  operation: Doc,
  raw: unknown,
  models: unknown,
  where: string,
): void {
  if (raw === undefined) return
  const at = `${where}.RequestModel`
  if (!isObject(raw)) throw new ConfigError(at, 'must be an object')
  const model = raw['Model']
  if (typeof model !== 'string') throw new ConfigError(`${at}.Model`, 'is required')
  if (!isObject(models) || !Object.hasOwn(models, model))
    throw new ConfigError(
      `${at}.Model`,
      `${model} is not one of the API's Models (${isObject(models) ? Object.keys(models).join(', ') : 'none'})`,
    )
  const name = model.toLowerCase()
  const required = raw['Required']
  if (body['swagger'] !== undefined) {
    const parameter: Doc = { in: 'body', name, schema: { $ref: `#/definitions/${name}` } }
    if (required !== undefined) parameter['required'] = required
    const list = Array.isArray(operation['parameters'])
      ? (operation['parameters'] as unknown[])
      : []
    operation['parameters'] = [...list, parameter]
  } else {
    const requestBody: Doc = {
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
    }
    if (required !== undefined) requestBody['required'] = required
    operation['requestBody'] = requestBody
  }
  const validateBody = raw['ValidateBody']
  const validateParameters = raw['ValidateParameters']
  if (validateBody === undefined && validateParameters === undefined) return
  for (const [flag, value] of [
    ['ValidateBody', validateBody],
    ['ValidateParameters', validateParameters],
  ] as const)
    if (value !== undefined && typeof value !== 'boolean')
      throw new ConfigError(`${at}.${flag}`, 'must be true or false')
  const validator = validatorName(validateBody === true, validateParameters === true)
  if (!isObject(body['x-amazon-apigateway-request-validators']))
    body['x-amazon-apigateway-request-validators'] = {}
  const validators = body['x-amazon-apigateway-request-validators'] as Doc
  validators[validator] ??= {
    validateRequestBody: validateBody === true,
    validateRequestParameters: validateParameters === true,
  }
  operation['x-amazon-apigateway-request-validator'] = validator
}

/**
 * An event's `RequestParameters` on its operation: each entry is a name
 * (`method.request.{header|querystring|path}.X`) or a map of one name to `{ Required, Caching }`.
 *
 * @param operation - the event's operation, with its integration (changed in place)
 * @param raw - the event's resolved `RequestParameters`
 * @param swagger - whether the body is Swagger 2 (else OpenAPI 3 parameters carry a `schema`)
 * @param where - the event's properties' place
 * @throws ConfigError for a name not in that form or settings that are not a map
 */
export function addRequestParameters(
  operation: Doc,
  raw: unknown,
  swagger: boolean,
  where: string,
): void {
  if (raw === undefined) return
  const at = `${where}.RequestParameters`
  if (!Array.isArray(raw)) throw new ConfigError(at, 'must be a list')
  const parameters = Array.isArray(operation['parameters'])
    ? [...(operation['parameters'] as unknown[])]
    : []
  const cacheKeys: string[] = []
  raw.forEach((entry, i) => {
    let name: unknown = entry
    let settings: unknown = {}
    if (isObject(entry)) {
      const pairs = Object.entries(entry)
      if (pairs.length !== 1)
        throw new ConfigError(`${at}.${i}`, 'must map one parameter name to its settings')
      ;[name, settings] = pairs[0] as [string, unknown]
      if (!isObject(settings))
        throw new ConfigError(
          `${at}.${i}`,
          'settings must be an object, e.g. { Required: true, Caching: false }',
        )
    }
    const match = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(String(name))
    if (!match)
      throw new ConfigError(
        `${at}.${i}`,
        'must be method.request.header.X, method.request.querystring.X or method.request.path.X',
      )
    const location = match[1] === 'querystring' ? 'query' : (match[1] as string)
    const required = (settings as Doc)['Required'] === true
    parameters.push(
      swagger
        ? { in: location, name: match[2], required, type: 'string' }
        : { in: location, name: match[2], required, schema: { type: 'string' } },
    )
    if ((settings as Doc)['Caching'] === true) cacheKeys.push(String(name))
  })
  if (parameters.length > 0) operation['parameters'] = parameters
  const integration = operation['x-amazon-apigateway-integration']
  if (cacheKeys.length > 0 && isObject(integration)) {
    const existing = Array.isArray(integration['cacheKeyParameters'])
      ? (integration['cacheKeyParameters'] as unknown[])
      : []
    integration['cacheKeyParameters'] = [...existing, ...cacheKeys]
  }
}
