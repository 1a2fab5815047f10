/**
 * The Lambda proxy integration event, payload format 1.0, field for field as API Gateway sends
 * it for a REST API.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
import type { RequestState } from '../pipeline/request-state.js'

/** The REST proxy event (payload format 1.0). */
export interface LambdaProxyEvent {
  resource: string
  path: string
  httpMethod: string
  headers: Record<string, string> | null
  multiValueHeaders: Record<string, string[]> | null
  queryStringParameters: Record<string, string> | null
  multiValueQueryStringParameters: Record<string, string[]> | null
  pathParameters: Record<string, string> | null
  stageVariables: Record<string, string> | null
  requestContext: Record<string, unknown>
  body: string | null
  isBase64Encoded: boolean
}

/**
 * Builds the event for a request. Path values stay percent-encoded; query values are decoded;
 * empty maps are `null`; a binary payload (per binaryMediaTypes) is base64 with
 * `isBase64Encoded: true`.
 *
 * @param state - the request
 * @returns the event
 */
export function buildLambdaProxyEvent(state: RequestState): LambdaProxyEvent {
  const query = state.queryForEvent()
  const headers = state.headers
  const body = state.bodyText()
  return {
    resource: state.resourcePath,
    path: state.rawPath,
    httpMethod: state.method,
    headers: headers.isEmpty ? null : headers.toSingle(),
    multiValueHeaders: headers.isEmpty ? null : headers.toMulti(),
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: state.route?.pathParameters ? { ...state.route.pathParameters } : null,
    stageVariables: state.stage.hasVariables ? { ...state.stage.variables } : null,
    requestContext: state.contextForEvent(),
    body: body ?? null,
    isBase64Encoded: body !== undefined && state.isBinaryRequest,
  }
}
