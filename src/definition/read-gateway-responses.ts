/**
 * `x-amazon-apigateway-gateway-responses` of a REST API.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.html
 */
import { isGatewayResponseType, type GatewayResponseType } from '../core/index.js'
import { ConfigError } from '../errors.js'
import { X } from './import-context.js'
import type { GatewayResponseDefinition } from './model.js'
import {
  at,
  optionalObject,
  optionalStatusCode,
  optionalStringMap,
  readObject,
  type Doc,
} from './read.js'

/**
 * Response parameter targets AWS accepts (PutGatewayResponse `responseParameters`: "paths,
 * query strings and headers"). Only headers reach the client; path and query string mappings,
 * which SAM writes for `ResponseParameters.Paths/QueryStrings`, are kept and have no effect.
 * The name is everything after the second dot, any HTTP token (RFC 9110 `tchar`), dots
 * included: AWS imports Pulumi's `gatewayresponse.header.method.response.header.X` with
 * `failOnWarnings` (LocalStack's AWS-validated `test_import_rest_api`), and sends the header
 * `method.response.header.X`.
 */
const TARGET = /^gatewayresponse\.(header|querystring|path)\.[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/**
 * Reads the customised gateway responses.
 *
 * @param doc - the document
 * @returns responses by type
 * @throws ConfigError for an unknown response type, a bad status code or parameter target
 */
export function readGatewayResponses(
  doc: Doc,
): Partial<Record<GatewayResponseType, GatewayResponseDefinition>> {
  const where = `${X}gateway-responses`
  const out: Partial<Record<GatewayResponseType, GatewayResponseDefinition>> = {}
  for (const [type, raw] of Object.entries(optionalObject(doc, where, '') ?? {})) {
    const path = at(where, type)
    if (!isGatewayResponseType(type))
      throw new ConfigError(path, `unknown gateway response type ${JSON.stringify(type)}`)
    const response = readObject(raw, path)
    const entry: GatewayResponseDefinition = {
      responseParameters: optionalStringMap(response, 'responseParameters', path),
      responseTemplates: optionalStringMap(response, 'responseTemplates', path),
    }
    const statusCode = optionalStatusCode(response, 'statusCode', path)
    if (statusCode !== undefined) entry.statusCode = statusCode
    for (const key of Object.keys(entry.responseParameters)) {
      if (!TARGET.test(key)) {
        throw new ConfigError(
          at(at(path, 'responseParameters'), key),
          'must be gatewayresponse.{header|querystring|path}.<name> (a name is an HTTP token)',
        )
      }
    }
    out[type] = entry
  }
  return out
}
