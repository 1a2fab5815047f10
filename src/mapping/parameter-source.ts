/**
 * Parameter mapping expressions (`method.request.path.id`, `'static'`, `context.requestId`,
 * `integration.response.header.X`…), compiled once into lookups.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
 */
import { parseClientJson } from '../core/index.js'
import { ConfigError } from '../errors.js'
import { printValue } from './simple-template.js'
import { compileJsonPath, type JsonPath } from './vtl/json-path.js'

/** What a mapping expression can read. Missing parts answer undefined. */
export interface ParameterSources {
  path(name: string): string | undefined
  querystring(name: string): string | undefined
  multiQuerystring(name: string): readonly string[] | undefined
  header(name: string): string | undefined
  multiHeader(name: string): readonly string[] | undefined
  requestBody(): string | undefined
  stageVariable(name: string): string | undefined
  context(path: readonly string[]): unknown
  integrationHeader?(name: string): string | undefined
  integrationMultiHeader?(name: string): readonly string[] | undefined
  integrationBody?(): string | undefined
}

/** A compiled expression: the mapped value, or undefined when it resolves to nothing. */
export type ParameterSource = (sources: ParameterSources) => string | undefined

/** Which expressions a place allows. */
export type MappingPlace = 'integration request' | 'integration response' | 'gateway response'

/** A body expression (`method.request.body.a.b`, without `$.`) over a JSON body. */
function compileBodyPath(
  text: string,
  where: string,
): (body: string | undefined) => string | undefined {
  let path: JsonPath
  try {
    path = compileJsonPath(text)
  } catch (error) {
    throw new ConfigError(where, (error as Error).message)
  }
  return (body) => {
    if (body === undefined) return undefined
    let value: unknown
    try {
      value = parseClientJson(body)
    } catch {
      // Invalid JSON, or nested deeper than 1000 levels: the expression resolves to nothing.
      return undefined
    }
    const result = path.evaluate(value)
    return result === undefined || result === null ? undefined : printValue(result)
  }
}

/**
 * Compiles one mapping expression.
 *
 * @param expression - e.g. `method.request.querystring.page`
 * @param where - its place in the definition, for errors
 * @param place - which expressions are allowed there
 * @returns the compiled lookup
 * @throws ConfigError for an expression AWS would refuse
 */
export function compileParameterSource(
  expression: string,
  where: string,
  place: MappingPlace,
): ParameterSource {
  if (expression.length >= 2 && expression.startsWith("'") && expression.endsWith("'")) {
    const literal = expression.slice(1, -1)
    return () => literal
  }
  const request =
    /^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.([a-zA-Z0-9._$-]+)$/.exec(
      expression,
    )
  if (request) {
    const name = request[2] as string
    switch (request[1]) {
      case 'path':
        return (s) => s.path(name)
      case 'querystring':
        return (s) => s.querystring(name)
      case 'multivaluequerystring':
        return (s) => s.multiQuerystring(name)?.join(',')
      case 'header':
        return (s) => s.header(name)
      default:
        return (s) => s.multiHeader(name)?.join(',')
    }
  }
  if (expression === 'method.request.body') return (s) => s.requestBody()
  if (expression.startsWith('method.request.body.')) {
    const read = compileBodyPath(expression.slice('method.request.body.'.length), where)
    return (s) => read(s.requestBody())
  }
  const stage = /^stageVariables\.([A-Za-z0-9_]+)$/.exec(expression)
  if (stage) {
    const name = stage[1] as string
    return (s) => s.stageVariable(name)
  }
  if (expression.startsWith('context.') && expression.length > 8) {
    const path = expression.slice(8).split('.')
    return (s) => {
      const value = s.context(path)
      return value === undefined || value === null ? undefined : printValue(value)
    }
  }
  if (place === 'integration response') {
    const header = /^integration\.response\.(header|multivalueheader)\.([^.\s]+)$/.exec(expression)
    if (header) {
      const name = header[2] as string
      return header[1] === 'header'
        ? (s) => s.integrationHeader?.(name)
        : (s) => s.integrationMultiHeader?.(name)?.join(',')
    }
    if (expression === 'integration.response.body') return (s) => s.integrationBody?.()
    if (expression.startsWith('integration.response.body.')) {
      const read = compileBodyPath(expression.slice('integration.response.body.'.length), where)
      return (s) => read(s.integrationBody?.())
    }
  }
  throw new ConfigError(where, `invalid mapping expression specified: ${expression}`)
}
