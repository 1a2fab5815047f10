/**
 * Validation and translation of a Lambda proxy reply, with AWS's strictness: an empty object,
 * unknown keys, a non-numeric statusCode or badly typed headers give a 502.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
 */
import { ResponseHeaders } from '../core/index.js'
import { textOf } from '../core/index.js'
import { isRemappedHeader } from '../core/index.js'
import { isBinaryMediaType } from '../core/index.js'
import type { GatewayFailure } from '../core/index.js'
import { badGatewayFailure, configurationFailure, type IntegrationResult } from './integration.js'

/** The keys a proxy reply may have (compared as literals: cheaper than a Set per key). */
function isReplyKey(key: string): boolean {
  return (
    key === 'statusCode' ||
    key === 'headers' ||
    key === 'body' ||
    key === 'multiValueHeaders' ||
    key === 'isBase64Encoded'
  )
}
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

function malformed(reason: string): GatewayFailure {
  return badGatewayFailure(
    `Execution failed due to configuration error: Malformed Lambda proxy response (${reason})`,
  )
}

/**
 * A final HTTP status from data Portico does not control (a Lambda reply, a template's
 * `$context.responseOverride.status`, a response mapping): an integer from 200 to 599, given as
 * a number or as three digits in a string. A 1xx would leave the client waiting for the real
 * answer, so it is refused like 0, 600, NaN, `1e3`, `'200abc'`, `'0x1F4'` or `true`.
 *
 * @param value - the status as given
 * @returns the status, or undefined when it cannot be a final status
 */
export function parseFinalStatus(value: unknown): number | undefined {
  let number: number
  if (typeof value === 'number') number = value
  else if (typeof value === 'string' && /^\s*\d{3}\s*$/.test(value)) number = Number(value)
  else return undefined
  return Number.isInteger(number) && number >= 200 && number <= 599 ? number : undefined
}

/**
 * Adds a reply header under the name the client gets. Reserved ones are remapped, as are the
 * framing headers (`Content-Length`, `Transfer-Encoding`): the gateway frames the body it sends,
 * and AWS returns a backend's `Content-Length` as `x-amzn-Remapped-Content-Length`.
 */
function appendReplyHeader(headers: ResponseHeaders, name: string, value: string): void {
  const lower = name.toLowerCase()
  if (isRemappedHeader(lower) || lower === 'content-length' || lower === 'transfer-encoding')
    headers.append(`x-amzn-Remapped-${name}`, value)
  else headers.append(name, value, lower)
}

/**
 * Turns a Lambda's return value into the method response.
 *
 * @param value - what the handler returned
 * @param acceptType - first media type of the request's Accept header, or a function giving it
 *   (read only for a reply with `isBase64Encoded: true`)
 * @param binaryMediaTypes - the API's binary media types, lower-cased
 * @returns the response, or the 502/500 failure AWS gives
 */
export function translateLambdaProxyReply(
  value: unknown,
  acceptType: string | undefined | (() => string | undefined),
  binaryMediaTypes: readonly string[],
): IntegrationResult | GatewayFailure {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return malformed(
      `reply must be a JSON object, got ${value === null || value === undefined ? 'null' : typeof value}`,
    )
  }
  const reply = value as Record<string, unknown>
  let keys = 0
  for (const key in reply) {
    if (reply[key] === undefined) continue
    if (!isReplyKey(key)) return malformed(`unknown key ${JSON.stringify(key)}`)
    keys++
  }
  // AWS-recorded: `{}` is malformed, while any one valid key (headers only, say) is a 200.
  if (keys === 0) return malformed('reply is an empty object')

  let statusCode = 200
  const rawStatus = reply['statusCode']
  if (rawStatus !== undefined && rawStatus !== null) {
    const number = parseFinalStatus(rawStatus)
    if (number === undefined)
      return malformed(
        `statusCode must be an integer from 200 to 599, got ${(JSON.stringify(rawStatus) as string | undefined) ?? textOf(rawStatus)}`,
      )
    statusCode = number
  }

  const headers = new ResponseHeaders()
  const multi = reply['multiValueHeaders']
  if (multi !== undefined && multi !== null) {
    if (typeof multi !== 'object' || Array.isArray(multi))
      return malformed('multiValueHeaders must be an object')
    for (const name in multi) {
      const values = (multi as Record<string, unknown>)[name]
      if (values === null || values === undefined) continue
      if (!Array.isArray(values)) return malformed(`multiValueHeaders.${name} must be a list`)
      for (const item of values) {
        if (!isScalar(item)) return malformed(`multiValueHeaders.${name} must hold strings`)
        appendReplyHeader(headers, name, String(item))
      }
    }
  }
  const single = reply['headers']
  if (single !== undefined && single !== null) {
    if (typeof single !== 'object' || Array.isArray(single))
      return malformed('headers must be an object')
    for (const name in single) {
      const item = (single as Record<string, unknown>)[name]
      if (item === null || item === undefined) continue
      if (!isScalar(item)) return malformed(`headers.${name} must be a string`)
      appendReplyHeader(headers, name, String(item))
    }
  }

  const rawBody = reply['body']
  let body = ''
  if (rawBody !== undefined && rawBody !== null) {
    if (!isScalar(rawBody)) return malformed('body must be a string')
    body = String(rawBody)
  }
  const base64 = reply['isBase64Encoded']
  if (base64 !== undefined && base64 !== null && typeof base64 !== 'boolean') {
    return malformed('isBase64Encoded must be a boolean')
  }
  let isBase64Encoded = false
  if (
    base64 === true &&
    isBinaryMediaType(
      typeof acceptType === 'function' ? acceptType() : acceptType,
      binaryMediaTypes,
    )
  ) {
    if (!BASE64.test(body)) return configurationFailure('Unable to base64 decode the body')
    isBase64Encoded = true
  }
  headers.setDefault('Content-Type', 'application/json', 'content-type')
  return { statusCode, headers, body, isBase64Encoded }
}
