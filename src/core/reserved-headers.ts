/**
 * Response headers API Gateway will not pass through from a backend or a Lambda proxy reply as
 * they are: it sends them as `x-amzn-Remapped-<name>` and sets its own (REST APIs). AWS's exact
 * list is not published in one place; this one is from the headers its docs and users report
 * (listed in docs/aws-parity.md).
 */

const REMAPPED = new Set([
  'authorization',
  'connection',
  'date',
  'proxy-authenticate',
  'server',
  'trailer',
  'upgrade',
  'www-authenticate',
])

/**
 * The name a backend response header reaches the client under.
 *
 * @example
 * ```ts
 * clientHeaderName('WWW-Authenticate') // 'x-amzn-Remapped-WWW-Authenticate'
 * clientHeaderName('Content-Type') // 'Content-Type'
 * ```
 *
 * @param name - the header the backend sent
 * @returns the same name, or its `x-amzn-Remapped-` form
 */
export function clientHeaderName(name: string): string {
  return isRemappedHeader(name.toLowerCase()) ? `x-amzn-Remapped-${name}` : name
}

/**
 * Whether API Gateway remaps a backend header (see {@link clientHeaderName}).
 *
 * @param lowerName - the header name in lower case
 * @returns true for `authorization`, `www-authenticate`, …
 */
export function isRemappedHeader(lowerName: string): boolean {
  return REMAPPED.has(lowerName)
}

/**
 * Request headers API Gateway drops from the method request (REST APIs): they never reach
 * `$input.params()`, a Lambda proxy event or a backend, whatever the integration type. AWS-
 * recorded in LocalStack's `TestApiGatewayHeaderRemapping` and `test_lambda_aws_proxy_integration`
 * snapshots (spec/pipeline.md §3). Lower case.
 */
export const DROPPED_METHOD_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'content-length',
  'content-md5',
  'expect',
  'max-forwards',
  'proxy-authenticate',
  'server',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'www-authenticate',
])

/**
 * Header names API Gateway spells its own way in the method request whatever casing the client
 * sent (`authorization` arrives as `Authorization`); every other name keeps the client's casing.
 */
export const CANONICAL_METHOD_REQUEST_NAMES: ReadonlyMap<string, string> = new Map([
  ['authorization', 'Authorization'],
  ['user-agent', 'User-Agent'],
])
