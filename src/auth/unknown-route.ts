/**
 * What a REST API answers when no resource or method matches and the request carries an
 * `Authorization` header: API Gateway reads the header as a SigV4 one and answers 403
 * `IncompleteSignatureException` with its parse error, not `Missing Authentication Token`.
 *
 * Sources (the wording users report from AWS; the response type stays
 * MISSING_AUTHENTICATION_TOKEN, since customising that gateway response changes this answer):
 * - `Bearer x`: `'x' not a valid key=value pair (missing equal-sign) in Authorization header:
 *   'Bearer x'.` (apickli/apickli#112, AstronomyAPI/Samples#20,
 *   amazon-archives/aws-cognito-angular-quickstart#50: "That error will return for any invalid
 *   endpoints");
 * - a value with no parameters: `Authorization header requires 'Credential' parameter. …
 *   Authorization=<value>` (bKash-developer/webhook-endpoint-php#3, brendanhay/amazonka#316).
 */
import type { GatewayFailure } from '../core/index.js'

const REQUIRED = [
  ['credential', "Authorization header requires 'Credential' parameter."],
  ['signature', "Authorization header requires 'Signature' parameter."],
  ['signedheaders', "Authorization header requires 'SignedHeaders' parameter."],
] as const
const NO_DATE =
  "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."

/** Longest header value quoted back (AWS quotes it whole; a 10 KB echo helps no one). */
const QUOTE_LIMIT = 2048

function quoted(value: string): string {
  return value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}…` : value
}

/**
 * The 403 for an unknown route or method requested with an `Authorization` header.
 *
 * @param authorization - the header's value, as sent (non-empty)
 * @param hasDate - whether the request has an `X-Amz-Date` or `Date` header
 * @returns the failure (MISSING_AUTHENTICATION_TOKEN, 403, `IncompleteSignatureException`), or
 *   undefined when the header parses as a complete SigV4 header (then AWS's usual answer stands)
 */
export function unknownRouteAuthorizationFailure(
  authorization: string,
  hasDate: boolean,
): GatewayFailure | undefined {
  const value = authorization.trim()
  const space = value.search(/\s/)
  const parts =
    space === -1
      ? []
      : value
          .slice(space)
          .split(/[\s,]+/)
          .filter(Boolean)
  let message: string | undefined
  const keys = new Set<string>()
  for (const part of parts) {
    const eq = part.indexOf('=')
    if (eq === -1) {
      message = `'${quoted(part)}' not a valid key=value pair (missing equal-sign) in Authorization header: '${quoted(value)}'.`
      break
    }
    keys.add(part.slice(0, eq).toLowerCase())
  }
  if (message === undefined) {
    const missing: string[] = REQUIRED.filter(([key]) => !keys.has(key)).map(([, text]) => text)
    if (!hasDate) missing.push(NO_DATE)
    if (missing.length === 0) return undefined
    message = `${missing.join(' ')} Authorization=${quoted(value)}`
  }
  return {
    responseType: 'MISSING_AUTHENTICATION_TOKEN',
    message,
    errorType: 'IncompleteSignatureException',
  }
}
