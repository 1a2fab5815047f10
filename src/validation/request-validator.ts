/**
 * Request validation (`x-amazon-apigateway-request-validators`): required parameters, then the
 * body against the model for its Content-Type. Runs after authorization and API keys, before
 * the integration.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
 */
import { jsonNestingExceeds, MAX_JSON_DEPTH } from '../core/index.js'
import { essenceOf } from '../core/index.js'
import { getOwn } from '../core/index.js'
import type { RequestView } from '../core/index.js'
import type { GatewayFailure } from '../core/index.js'
import type { ApiDefinition, MethodDefinition } from '../definition/index.js'
import { ConfigError } from '../errors.js'
import { describeValidationErrors, type CompiledModels } from './models.js'

/** Path parameters of the matched resource, or null when it has none. */
type PathParameters = Readonly<Record<string, string>> | null

/**
 * A compiled validator: undefined when the request passes. It reads the request through the
 * runner-neutral view, and the matched route's path parameters.
 */
export type RequestValidator = (
  request: RequestView,
  pathParameters: PathParameters,
) => GatewayFailure | undefined

type ParameterCheck = (request: RequestView, pathParameters: PathParameters) => boolean

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === ''

function parameterCheck(location: string, name: string): ParameterCheck | undefined {
  switch (location) {
    case 'path':
      return (_, params) => !blank(params ? getOwn(params, name) : undefined)
    case 'querystring':
    case 'multivaluequerystring':
      return (s) => !blank(s.query.single ? getOwn(s.query.single, name) : undefined)
    case 'header':
    case 'multivalueheader':
      return (s) => !blank(s.headers.get(name))
    default:
      return undefined
  }
}

/**
 * Compiles the validation of one method.
 *
 * @param method - the method
 * @param api - the API (validators, default validator)
 * @param models - the compiled models
 * @param where - the method's place in the definition
 * @returns the validator, or undefined when the method validates nothing
 * @throws ConfigError for an unknown validator or model
 */
export function compileRequestValidator(
  method: MethodDefinition,
  api: ApiDefinition,
  models: CompiledModels,
  where: string,
): RequestValidator | undefined {
  const name = method.requestValidator ?? api.requestValidator
  if (name === undefined) return undefined
  const settings = Object.hasOwn(api.requestValidators, name)
    ? api.requestValidators[name]
    : undefined
  if (!settings)
    throw new ConfigError(
      `${where}.x-amazon-apigateway-request-validator`,
      `unknown request validator ${JSON.stringify(name)}`,
    )

  const required: Array<readonly [string, ParameterCheck]> = []
  if (settings.validateRequestParameters) {
    for (const [key, isRequired] of Object.entries(method.requestParameters)) {
      if (!isRequired) continue
      const match = /^method\.request\.([a-z]+)\.(.+)$/.exec(key)
      const check = match && parameterCheck(match[1] as string, match[2] as string)
      if (check) required.push([match[2] as string, check])
    }
  }

  const bodyModels = new Map<string, ReturnType<CompiledModels['validator']>>()
  if (settings.validateRequestBody) {
    for (const [type, model] of Object.entries(method.requestModels))
      bodyModels.set(type.toLowerCase(), models.validator(model, `${where}.requestModels.${type}`))
  }
  if (required.length === 0 && bodyModels.size === 0) return undefined

  return (request, pathParameters) => {
    if (required.length > 0) {
      const missing = required
        .filter(([, present]) => !present(request, pathParameters))
        .map(([n]) => n)
      if (missing.length > 0) {
        const message = `Missing required request parameters: [${missing.join(', ')}]`
        return {
          responseType: 'BAD_REQUEST_PARAMETERS',
          message,
          validationErrorString: message,
          logMessage: `Request validation failed: ${message}`,
        }
      }
    }
    if (bodyModels.size > 0) {
      const validate =
        bodyModels.get(essenceOf(request.headers.get('content-type')) ?? 'application/json') ??
        bodyModels.get('$default')
      if (!validate) return undefined
      const text = request.bodyText() ?? ''
      if (jsonNestingExceeds(text, MAX_BODY_DEPTH))
        return invalidBody(`[Invalid JSON: nested deeper than ${MAX_BODY_DEPTH} levels]`)
      let body: unknown
      try {
        body = text.trim() === '' ? {} : JSON.parse(text)
      } catch (error) {
        return invalidBody(`[Invalid JSON: ${(error as Error).message}]`)
      }
      try {
        if (!validate(body)) return invalidBody(describeValidationErrors(validate.errors))
      } catch (error) {
        // A recursive schema walks as deep as the body; the stack may end first.
        if (error instanceof RangeError) return invalidBody('[Invalid JSON: nested too deeply]')
        throw error
      }
    }
    return undefined
  }
}

/**
 * How deep a validated body may nest (objects and arrays, each counts one level), like the
 * JSON parser behind AWS's validator (Jackson's default nesting limit is 1000). A deeper body
 * is `400 Invalid request body`: a recursive model would otherwise validate it recursively.
 */
export const MAX_BODY_DEPTH: number = MAX_JSON_DEPTH

function invalidBody(detail: string): GatewayFailure {
  return {
    responseType: 'BAD_REQUEST_BODY',
    message: 'Invalid request body',
    validationErrorString: detail,
    logMessage: `Request body does not match model schema for content type: ${detail}`,
  }
}
