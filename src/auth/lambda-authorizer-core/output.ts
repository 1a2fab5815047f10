/**
 * The authorizer function's output: an IAM policy answer (`principalId`, `policyDocument`,
 * `context`, `usageIdentifierKey`), or for HTTP APIs with simple responses
 * `{ isAuthorized, context }`. Anything else is malformed output.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html#http-api-lambda-authorizer.payload-format-response
 */
import { isPolicyDocument } from '../policy.js'

/** A valid output, as cached. */
export interface AuthorizerOutput {
  /** `principalId` as a string, `''` when absent. */
  readonly principalId: string
  /** Whether the function returned a `principalId`. */
  readonly hasPrincipalId: boolean
  /** The `context` values (`scalars`: null values dropped), own properties only. */
  readonly context: Readonly<Record<string, unknown>>
  readonly usageIdentifierKey: string | undefined
  /** The policy document to evaluate, or undefined for a simple response. */
  readonly policy: unknown
  /** A simple response's verdict, or undefined for a policy answer. */
  readonly isAuthorized: boolean | undefined
}

/**
 * Checks the output.
 *
 * @param value - what the function returned
 * @param contextValues - `scalars`: context values must be strings, numbers or booleans
 * @param simpleResponses - whether `{ isAuthorized }` answers are accepted
 * @returns the output, or why it is malformed
 */
export function readAuthorizerOutput(
  value: unknown,
  contextValues: 'scalars' | 'json',
  simpleResponses: boolean,
): AuthorizerOutput | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return 'the authorizer must return an object'
  const output = value as Record<string, unknown>
  const context = readContext(output['context'], contextValues)
  if (typeof context === 'string') return context
  const key = output['usageIdentifierKey']
  const usageIdentifierKey = typeof key === 'string' ? key : undefined
  if (simpleResponses && Object.hasOwn(output, 'isAuthorized')) {
    const verdict = output['isAuthorized']
    if (typeof verdict !== 'boolean') return 'isAuthorized must be a boolean'
    return {
      principalId: '',
      hasPrincipalId: false,
      context,
      usageIdentifierKey,
      policy: undefined,
      isAuthorized: verdict,
    }
  }
  const principalId = output['principalId']
  if (
    principalId !== undefined &&
    typeof principalId !== 'string' &&
    typeof principalId !== 'number'
  )
    return 'principalId must be a string'
  if (!isPolicyDocument(output['policyDocument']))
    return simpleResponses
      ? 'neither isAuthorized nor a valid policyDocument'
      : 'invalid policyDocument'
  return {
    principalId: principalId === undefined ? '' : String(principalId),
    hasPrincipalId: principalId !== undefined,
    context,
    usageIdentifierKey,
    policy: output['policyDocument'],
    isAuthorized: undefined,
  }
}

function readContext(
  raw: unknown,
  contextValues: 'scalars' | 'json',
): Record<string, unknown> | string {
  const context: Record<string, unknown> = {}
  if (raw === undefined || raw === null) return context
  if (typeof raw !== 'object' || Array.isArray(raw)) return 'context must be an object'
  for (const key of Object.keys(raw)) {
    const item = (raw as Record<string, unknown>)[key]
    if (item === undefined || (item === null && contextValues === 'scalars')) continue
    if (
      contextValues === 'scalars' &&
      typeof item !== 'string' &&
      typeof item !== 'number' &&
      typeof item !== 'boolean'
    )
      return `context.${key} must be a string, number or boolean`
    // defineProperty: a key named __proto__ stays a plain entry.
    Object.defineProperty(context, key, { value: item, enumerable: true })
  }
  return context
}
