/**
 * `Cors` of an `AWS::Serverless::Api`: SAM adds to every path without one an `OPTIONS` method
 * with a MOCK integration that answers the preflight with the `Access-Control-Allow-*` headers.
 * The values are mapping expressions (`"'*'"`), used as given; `AllowMethods` defaults to the
 * path's methods plus OPTIONS (every method for ANY). Lambda proxy responses must add their own
 * CORS headers, as on AWS.
 *
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-corsconfiguration.html
 * Source: SAM translator test `api_with_cors` (input and output).
 */
import { ConfigError } from '../errors.js'
import { isObject, OPERATION_KEYS, pathsOf, type Doc } from './openapi-edit.js'
import { textOf } from '../core/index.js'

const ALL_METHODS = 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'

function allowedMethods(item: Doc): string {
  if (isObject(item['x-amazon-apigateway-any-method'])) return `'${ALL_METHODS}'`
  const methods = OPERATION_KEYS.filter((key) => isObject(item[key])).map((k) => k.toUpperCase())
  return `'${[...new Set([...methods, 'OPTIONS'])].sort().join(',')}'`
}

/**
 * Adds CORS preflight methods to every path of the body.
 *
 * @param body - the definition body (changed in place)
 * @param cors - the resolved `Cors` property: a string (AllowOrigin) or an object
 * @param where - `Resources.{Api}.Properties.Cors`
 * @throws ConfigError without `AllowOrigin`
 */
export function addRestCors(body: Doc, cors: unknown, where: string): void {
  const config: Doc = typeof cors === 'string' ? { AllowOrigin: cors } : isObject(cors) ? cors : {}
  const origin = config['AllowOrigin']
  if (typeof origin !== 'string' || origin === '')
    throw new ConfigError(`${where}.AllowOrigin`, 'is required')
  const swagger = body['swagger'] !== undefined
  for (const item of Object.values(pathsOf(body))) {
    if (!isObject(item) || item['options'] !== undefined) continue
    const headers: Record<string, string> = { 'Access-Control-Allow-Origin': origin }
    if (typeof config['AllowHeaders'] === 'string' && config['AllowHeaders'] !== '')
      headers['Access-Control-Allow-Headers'] = config['AllowHeaders']
    headers['Access-Control-Allow-Methods'] =
      typeof config['AllowMethods'] === 'string' ? config['AllowMethods'] : allowedMethods(item)
    const maxAge = config['MaxAge']
    if (maxAge !== undefined)
      headers['Access-Control-Max-Age'] =
        typeof maxAge === 'number' ? `'${maxAge}'` : textOf(maxAge)
    if (config['AllowCredentials'] === true) headers['Access-Control-Allow-Credentials'] = "'true'"
    const names = Object.keys(headers).sort()
    item['options'] = {
      summary: 'CORS support',
      ...(swagger ? { consumes: ['application/json'], produces: ['application/json'] } : {}),
      'x-amazon-apigateway-integration': {
        type: 'mock',
        requestTemplates: { 'application/json': '{\n  "statusCode" : 200\n}\n' },
        responses: {
          default: {
            statusCode: '200',
            responseParameters: Object.fromEntries(
              names.map((name) => [`method.response.header.${name}`, headers[name]]),
            ),
            responseTemplates: { 'application/json': '{}\n' },
          },
        },
      },
      responses: {
        '200': {
          description: 'Default response for CORS method',
          headers: Object.fromEntries(
            names.map((name) => [
              name,
              swagger ? { type: 'string' } : { schema: { type: 'string' } },
            ]),
          ),
        },
      },
    }
  }
}
