/**
 * API Gateway's request payload limit (10 MB) and the answer past it. Deployed APIs answer a
 * body over 10485760 bytes with 413 and the plain text `HTTP content length exceeded 10485760
 * bytes.`, before routing and without gateway-response headers such as CORS
 * (chroma-core/chroma#1458; NHSDigital national-document-repository end-to-end tests; a
 * recorded REST API comparison table). The text is what API Gateway's HTTP front end reports,
 * so no gateway response (REQUEST_TOO_LARGE, DEFAULT_4XX) shapes it.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 * @module
 */

import { MAX_BODY_BYTES } from './limits.js'

/** Largest request body API Gateway accepts: 10 MB (10485760 bytes); defined in `limits.ts`. */
export { MAX_BODY_BYTES }

/** The body of the 413 for a limit of `maxBytes`: `HTTP content length exceeded 10485760 bytes.` */
export function payloadTooLargeText(maxBytes: number = MAX_BODY_BYTES): string {
  return `HTTP content length exceeded ${maxBytes} bytes.`
}

/**
 * The 413 answer to a body over `maxBytes`: status, headers (a plain-text `Content-Type`; AWS's
 * exact header is unconfirmed) and body.
 *
 * @param maxBytes - the limit that was passed, in bytes
 * @returns the status, headers and text
 */
export function payloadTooLarge(maxBytes: number = MAX_BODY_BYTES): {
  statusCode: 413
  headers: { 'Content-Type': string }
  body: string
} {
  return {
    statusCode: 413,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    body: payloadTooLargeText(maxBytes),
  }
}
