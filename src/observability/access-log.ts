/**
 * Access logs: one line per request from `accessLogSettings.format`, with `$context` variables
 * (including the log-only ones: status, responseLength, responseLatency, integrationLatency,
 * integrationStatus…), written to a sink the host gives.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
import { Buffer } from 'node:buffer'
import { ConfigError } from '../errors.js'
import { compileSimpleTemplate, type VariableLookup } from '../mapping/index.js'

/** The console's presets (CLF, JSON, XML, CSV). */
export const ACCESS_LOG_FORMATS: Readonly<Record<'CLF' | 'JSON' | 'XML' | 'CSV', string>> = {
  CLF: '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId',
  JSON: '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user","requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength" }',
  XML: '<request id="$context.requestId"> <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>',
  CSV: '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId',
}

/** A compiled access-log format. */
export type AccessLogFormat = (lookup: VariableLookup) => string

/**
 * Compiles a format; AWS requires it to contain `$context.requestId` or
 * `$context.extendedRequestId`.
 *
 * @param format - the format, one line
 * @returns the formatter
 * @throws ConfigError when the format lacks a request id
 */
export function compileAccessLogFormat(format: string): AccessLogFormat {
  if (!/\$\{?context\.(requestId|extendedRequestId)\b/.test(format))
    throw new ConfigError(
      'stage.accessLogSettings.format',
      'must contain $context.requestId or $context.extendedRequestId',
    )
  const template = compileSimpleTemplate(format.replace(/[\r\n]+/g, ' '))
  // Absent values print as "-", as AWS's access logs do.
  return (lookup) =>
    template((root, path) => {
      const value = lookup(root, path)
      return value === undefined || value === null || value === '' ? '-' : value
    })
}

/**
 * Renders one access-log line: the log-only `$context` values (`status`, `responseLength`,
 * `integrationLatency`…), which exist once the response does, win over the request's lookup.
 * Shared by the REST and HTTP API runners.
 *
 * @param format - the compiled format
 * @param logOnly - `$context` values known only after the response, by first path segment
 * @param lookup - the request's `$context` / `$stageVariables` lookup
 * @returns the line
 */
export function renderAccessLogLine(
  format: AccessLogFormat,
  logOnly: Readonly<Record<string, unknown>>,
  lookup: VariableLookup,
): string {
  return format((root, path) => {
    if (root === 'context' && Object.hasOwn(logOnly, path[0] as string)) {
      let value: unknown = logOnly
      for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key]
      return value
    }
    return lookup(root, path)
  })
}

/**
 * `$context.responseLength`: the bytes of a response body (base64 bodies decoded).
 *
 * @param body - the body as the response carries it
 * @param isBase64Encoded - whether it is base64
 * @returns the length in bytes
 */
export function responseBodyLength(body: string, isBase64Encoded: boolean): number {
  return isBase64Encoded ? Math.floor((body.length * 3) / 4) : Buffer.byteLength(body)
}
