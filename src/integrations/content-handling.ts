/**
 * Binary payloads in non-proxy integrations: how `contentHandling` (CONVERT_TO_TEXT,
 * CONVERT_TO_BINARY, or unset) and `binaryMediaTypes` turn a payload into text or bytes on the
 * way to the backend and back to the client.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
 */
import { Buffer } from 'node:buffer'
import type { GatewayFailure } from '../core/index.js'
import type { ContentHandling } from '../definition/index.js'
import { configurationFailure } from './integration.js'

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/**
 * Whether text is strict, padded base64 (what API Gateway can decode).
 *
 * @param text - the text
 * @returns true when it decodes
 */
export function isBase64(text: string): boolean {
  return BASE64.test(text.replace(/\s+/g, ''))
}

/**
 * The payload sent to the backend when no template applies.
 *
 * | payload | unset / CONVERT_TO_BINARY (binary) | CONVERT_TO_TEXT | CONVERT_TO_BINARY (text) |
 * | binary  | bytes as sent                      | base64 text     | bytes as sent            |
 * | text    | UTF-8 text (unset)                 | text            | base64-decoded bytes     |
 *
 * @param bytes - the request body, or null
 * @param binary - whether its Content-Type is a binary media type
 * @param handling - the integration's contentHandling
 * @returns the body to send, or a 500 when text to convert is not base64
 */
export function convertRequestPayload(
  bytes: Buffer | null,
  binary: boolean,
  handling: ContentHandling | undefined,
): Buffer | string | undefined | GatewayFailure {
  if (bytes === null) return undefined
  if (binary) return handling === 'CONVERT_TO_TEXT' ? bytes.toString('base64') : bytes
  if (handling !== 'CONVERT_TO_BINARY') return bytes
  const text = bytes.toString('utf8')
  if (!isBase64(text)) return configurationFailure('Unable to base64 decode the request body')
  return Buffer.from(text, 'base64')
}

/**
 * The response body the client gets.
 *
 * @param payload - text, or base64 when `payloadIsBinary`
 * @param payloadIsBinary - whether the payload is a binary backend body passed through untemplated
 * @param acceptsBinary - whether the first Accept type is a binary media type
 * @param handling - the integration response's contentHandling
 * @returns the body and whether it is base64 of bytes, or a 500 when text to decode is not base64
 */
export function convertResponsePayload(
  payload: string,
  payloadIsBinary: boolean,
  acceptsBinary: boolean,
  handling: ContentHandling | undefined,
): { body: string; isBase64Encoded: boolean } | GatewayFailure {
  const toBinary = handling === 'CONVERT_TO_BINARY' || (handling === undefined && acceptsBinary)
  if (payloadIsBinary) return { body: payload, isBase64Encoded: toBinary }
  if (!toBinary) return { body: payload, isBase64Encoded: false }
  if (!isBase64(payload)) return configurationFailure('Unable to base64 decode the response body')
  return { body: payload.replace(/\s+/g, ''), isBase64Encoded: true }
}
