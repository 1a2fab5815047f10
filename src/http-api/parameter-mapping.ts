/**
 * HTTP API parameter mapping: `overwrite:`, `append:` and `remove:` on `header.<name>` and
 * `querystring.<name>`, and `overwrite:path`, with values from `$request.header.x`,
 * `$request.querystring.x`, `$request.path`, `$request.path.p`, `$context.x`,
 * `$stageVariables.x` or static text, `${…}` for concatenation. Reserved headers cannot be
 * mapped (a ConfigError, as AWS refuses them).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
 */
import { ConfigError } from '../errors.js'

/** What a mapping value can read. */
export interface MappingInput {
  header(name: string): string | undefined
  querystring(name: string): string | undefined
  path(): string
  pathParameter(name: string): string | undefined
  context(name: string): string | undefined
  stageVariable(name: string): string | undefined
  /** Response mapping only: the integration's header. */
  responseHeader?(name: string): string | undefined
  /** Response mapping only: a value from the integration's JSON body. */
  responseBody?(path: string): string | undefined
}

/** One compiled operation. */
export interface MappingOperation {
  readonly action: 'overwrite' | 'append' | 'remove'
  readonly target: 'header' | 'querystring' | 'path'
  readonly name: string
  value(input: MappingInput): string
}

const RESERVED =
  /^(access-control-.*|apigw-.*|authorization|connection|content-encoding|content-length|content-location|forwarded|keep-alive|origin|proxy-authenticate|proxy-authorization|te|trailers|transfer-encoding|upgrade|x-amz-.*|x-amzn-.*|x-forwarded-for|x-forwarded-host|x-forwarded-proto|via)$/i

function compileValue(text: string, where: string): (input: MappingInput) => string {
  const parts: Array<string | ((input: MappingInput) => string)> = []
  const pattern =
    /\$\{([^}]+)\}|\$(request\.(?:header|querystring|path)(?:\.[A-Za-z0-9_.-]+)?|response\.(?:header|body)(?:\.[A-Za-z0-9_.-]+)?|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)/g
  let last = 0
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(last, match.index))
    const expression = (match[1] ?? match[2]) as string
    parts.push(compileReference(expression.replace(/^\$/, ''), where))
    last = match.index + match[0].length
  }
  parts.push(text.slice(last))
  return (input) => parts.map((p) => (typeof p === 'string' ? p : p(input))).join('')
}

function compileReference(expression: string, where: string): (input: MappingInput) => string {
  const [root, kind, ...rest] = expression.split('.')
  const name = rest.join('.')
  if (root === 'request' && kind === 'header') return (i) => i.header(name) ?? ''
  if (root === 'request' && kind === 'querystring') return (i) => i.querystring(name) ?? ''
  if (root === 'request' && kind === 'path')
    return name ? (i) => i.pathParameter(name) ?? '' : (i) => i.path()
  if (root === 'response' && kind === 'header') return (i) => i.responseHeader?.(name) ?? ''
  if (root === 'response' && kind === 'body') return (i) => i.responseBody?.(name) ?? ''
  if (root === 'context' && kind) return (i) => i.context([kind, ...rest].join('.')) ?? ''
  if (root === 'stageVariables' && kind) return (i) => i.stageVariable(kind) ?? ''
  throw new ConfigError(where, `unsupported mapping value $${expression}`)
}

/** A compiled response mapping: status overwrite and header operations. */
export interface ResponseMapping {
  readonly status: ((input: MappingInput) => string) | undefined
  readonly headers: ReadonlyArray<MappingOperation>
}

/**
 * Compiles one status code's `responseParameters`.
 *
 * @param parameters - key → value
 * @param where - place in the definition
 * @returns the mapping
 * @throws ConfigError for a bad key or a reserved header
 */
export function compileHttpResponseMapping(
  parameters: Readonly<Record<string, string>>,
  where: string,
): ResponseMapping {
  let status: ((input: MappingInput) => string) | undefined
  const headers: MappingOperation[] = []
  for (const [key, value] of Object.entries(parameters)) {
    const at = `${where}.${key}`
    if (key === 'overwrite:statuscode') {
      status = compileValue(value, at)
      continue
    }
    const match = /^(overwrite|append|remove):header\.(.+)$/.exec(key)
    if (!match)
      throw new ConfigError(
        at,
        'keys are overwrite:statuscode or overwrite|append|remove:header.<name>',
      )
    const name = match[2] as string
    if (RESERVED.test(name))
      throw new ConfigError(at, `header ${name} is reserved and cannot be mapped`)
    headers.push({
      action: match[1] as 'overwrite' | 'append' | 'remove',
      target: 'header',
      name,
      value: compileValue(value, at),
    })
  }
  return { status, headers }
}

/**
 * Compiles an integration's `requestParameters`.
 *
 * @param parameters - key → value
 * @param where - place in the definition
 * @returns the operations, in order
 * @throws ConfigError for a bad key or a reserved header
 */
export function compileHttpParameterMapping(
  parameters: Readonly<Record<string, string>>,
  where: string,
): MappingOperation[] {
  return Object.entries(parameters).map(([key, value]) => {
    const at = `${where}.requestParameters.${key}`
    const match = /^(overwrite|append|remove):(header|querystring)\.(.+)$/.exec(key)
    if (key === 'overwrite:path')
      return {
        action: 'overwrite',
        target: 'path',
        name: '',
        value: compileValue(value, at),
      } as const
    if (!match)
      throw new ConfigError(
        at,
        'keys are overwrite|append|remove:header.<name>, …:querystring.<name> or overwrite:path',
      )
    const target = match[2] as 'header' | 'querystring'
    const name = match[3] as string
    if (target === 'header' && RESERVED.test(name))
      throw new ConfigError(at, `header ${name} is reserved and cannot be mapped`)
    return {
      action: match[1] as 'overwrite' | 'append' | 'remove',
      target,
      name,
      value: compileValue(value, at),
    }
  })
}
