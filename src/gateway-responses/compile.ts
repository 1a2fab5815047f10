/**
 * Gateway responses compiled once per API: every type resolved to its effective status,
 * headers and templates, with DEFAULT_4XX / DEFAULT_5XX inheritance applied.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
 */
import type { GatewayResponseDefinition } from '../definition/index.js'
import { compileParameterSource, type ParameterSource } from '../mapping/index.js'
import { compileSimpleTemplate, type SimpleTemplate } from '../mapping/index.js'
import {
  GATEWAY_RESPONSE_TYPES,
  RESPONSE_TYPE_DEFAULTS,
  type GatewayResponseType,
} from '../core/index.js'

/** The template every type has until customised. */
export const DEFAULT_GATEWAY_RESPONSE_TEMPLATE = '{"message":$context.error.messageString}'

/** One response type, ready to render. */
export interface CompiledGatewayResponse {
  readonly type: GatewayResponseType
  /** Status from the customisation (own or inherited); undefined means the type's default. */
  readonly statusCode: number | undefined
  readonly headers: ReadonlyArray<readonly [string, ParameterSource]>
  /** By media type, in definition order. */
  readonly templates: ReadonlyMap<string, SimpleTemplate>
  /** Whether the entry is AWS's untouched default (ACCESS_DENIED then uses `Message`). */
  readonly isDefault: boolean
}

/** All types of one API. */
export type CompiledGatewayResponses = Readonly<
  Record<GatewayResponseType, CompiledGatewayResponse>
>

const DEFAULT_TEMPLATES: ReadonlyMap<string, SimpleTemplate> = new Map([
  ['application/json', compileSimpleTemplate(DEFAULT_GATEWAY_RESPONSE_TEMPLATE)],
])

/**
 * Compiles the API's gateway responses.
 *
 * @param custom - `x-amazon-apigateway-gateway-responses`
 * @returns every type, resolved
 * @throws ConfigError for an invalid mapping expression
 */
export function compileGatewayResponses(
  custom: Partial<Record<GatewayResponseType, GatewayResponseDefinition>>,
): CompiledGatewayResponses {
  const out = {} as Record<GatewayResponseType, CompiledGatewayResponse>
  for (const type of GATEWAY_RESPONSE_TYPES) {
    const own = custom[type]
    const defaultStatus = RESPONSE_TYPE_DEFAULTS[type].statusCode
    const family =
      type.startsWith('DEFAULT_') || defaultStatus === undefined
        ? undefined
        : defaultStatus >= 500
          ? 'DEFAULT_5XX'
          : 'DEFAULT_4XX'
    // REQUEST_TOO_LARGE cannot be customised on AWS (known issue), directly or by inheritance.
    const source =
      type === 'REQUEST_TOO_LARGE' ? undefined : (own ?? (family ? custom[family] : undefined))
    out[type] = compileOne(type, source)
  }
  return out
}

function compileOne(
  type: GatewayResponseType,
  source: GatewayResponseDefinition | undefined,
): CompiledGatewayResponse {
  if (!source)
    return {
      type,
      statusCode: undefined,
      headers: [],
      templates: DEFAULT_TEMPLATES,
      isDefault: true,
    }
  const where = `x-amazon-apigateway-gateway-responses.${type}`
  // Path and query string targets (accepted on import, as AWS does) do not reach the client.
  const headers = Object.entries(source.responseParameters)
    .filter(([key]) => key.startsWith('gatewayresponse.header.'))
    .map(
      ([key, expression]) =>
        [
          key.slice('gatewayresponse.header.'.length),
          compileParameterSource(
            expression,
            `${where}.responseParameters.${key}`,
            'gateway response',
          ),
        ] as const,
    )
  const entries = Object.entries(source.responseTemplates)
  const templates = entries.length
    ? new Map(entries.map(([mime, text]) => [mime.toLowerCase(), compileSimpleTemplate(text)]))
    : DEFAULT_TEMPLATES
  return {
    type,
    statusCode: source.statusCode === undefined ? undefined : Number(source.statusCode),
    headers,
    templates,
    isDefault: false,
  }
}
