/**
 * Access logs: one line per request from `accessLogSettings.format`, with `$context` variables
 * (including the log-only ones: status, responseLength, responseLatency, integrationLatency,
 * integrationStatus…), written to a sink the host gives.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
import { ConfigError } from '../errors.js'
import { compileSimpleTemplate, type VariableLookup } from '../mapping/simple-template.js'

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
