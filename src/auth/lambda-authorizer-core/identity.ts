/**
 * Identity sources: each kind spells them its own way (REST `method.request.header.X`, HTTP
 * `$request.header.X`, WebSocket `route.request.header.X`), all mean the same four places.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html#http-api-lambda-authorizer.identity-sources
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
 */
import { ConfigError } from '../../errors.js'
import type { AuthorizerApiKind } from './answers.js'

/** One identity source, whatever the kind's spelling. */
export interface IdentitySource {
  readonly from: 'header' | 'querystring' | 'stageVariable' | 'context'
  /** Header, parameter or stage variable name; the dotted context variable. */
  readonly name: string
  /** A context variable's path (`identity.sourceIp` → `['identity', 'sourceIp']`). */
  readonly path: readonly string[]
}

const SPELLINGS: { readonly [K in AuthorizerApiKind]: { pattern: RegExp; forms: string } } = {
  REST: {
    pattern:
      /^(method\.request\.header|method\.request\.querystring|stageVariables|context)\.(.+)$/,
    forms: 'method.request.header.X, method.request.querystring.X, stageVariables.X or context.X',
  },
  HTTP: {
    pattern: /^(\$request\.header|\$request\.querystring|\$stageVariables|\$context)\.(.+)$/,
    forms: '$request.header.X, $request.querystring.X, $stageVariables.X or $context.X',
  },
  WEBSOCKET: {
    pattern: /^(route\.request\.header|route\.request\.querystring|stageVariables|context)\.(.+)$/,
    forms: 'route.request.header.X, route.request.querystring.X, stageVariables.X or context.X',
  },
}

/**
 * Reads a definition's identity sources.
 *
 * @param kind - the API kind (its spelling)
 * @param raw - comma-separated (REST) or a list (HTTP, WebSocket)
 * @param where - the place in the definition, for errors
 * @returns the sources, in order
 * @throws ConfigError naming the first source that is none of the kind's forms
 */
export function parseIdentitySources(
  kind: AuthorizerApiKind,
  raw: string | readonly unknown[] | undefined,
  where: string,
): IdentitySource[] {
  const list = raw === undefined ? [] : typeof raw === 'string' ? raw.split(',') : raw.map(String)
  const { pattern, forms } = SPELLINGS[kind]
  const sources: IdentitySource[] = []
  for (const item of list) {
    const text = item.trim()
    if (text === '') continue
    const match = pattern.exec(text)
    if (!match)
      throw new ConfigError(where, `invalid identity source ${JSON.stringify(text)} (${forms})`)
    const prefix = match[1] as string
    const name = match[2] as string
    const from = prefix.endsWith('header')
      ? 'header'
      : prefix.endsWith('querystring')
        ? 'querystring'
        : prefix.endsWith('stageVariables')
          ? 'stageVariable'
          : 'context'
    sources.push({ from, name, path: from === 'context' ? name.split('.') : [name] })
  }
  return sources
}
