/**
 * Which Terraform resource types the translation reads, which it passes over quietly, and which
 * it warns about (they would change how the API answers, and Portico does not apply them).
 */
import { PLAN_TYPES } from './plans.js'
import { REST_TYPES } from './rest.js'
import { V2_TYPES } from './v2.js'

/** Every type translated into the template. */
export const TRANSLATED_TYPES: ReadonlySet<string> = new Set([
  ...REST_TYPES,
  ...V2_TYPES,
  ...PLAN_TYPES,
  'aws_lambda_function',
  'aws_lambda_alias',
  'archive_file',
])

/** Types that do not change answers: no warning. */
const QUIET = new Set([
  'aws_api_gateway_account',
  'aws_api_gateway_documentation_part',
  'aws_api_gateway_documentation_version',
  'aws_apigatewayv2_deployment',
  'aws_lambda_permission',
])

/** Why a type is not applied, for the types worth a specific reason. */
const REASONS: Readonly<Record<string, string>> = {
  aws_api_gateway_domain_name: 'custom domains are not served; use the stage URL',
  aws_api_gateway_base_path_mapping: 'custom domains are not served; use the stage URL',
  aws_apigatewayv2_domain_name: 'custom domains are not served; use the stage URL',
  aws_apigatewayv2_api_mapping: 'custom domains are not served; use the stage URL',
  aws_api_gateway_vpc_link: 'private integrations reach the URI directly',
  aws_apigatewayv2_vpc_link: 'private integrations reach the URI directly',
  aws_api_gateway_client_certificate: 'backends are called without a client certificate',
  aws_apigatewayv2_model: 'WebSocket request models are not validated',
  aws_wafv2_web_acl_association: 'AWS WAF rules are not applied',
}

/**
 * Whether `loadTerraform().instances` should evaluate this type: API Gateway, WAF associations,
 * Lambda functions and aliases, and `archive_file` (the functions' code).
 *
 * @param type - the resource or data source type
 * @param mode - managed resource or data source
 * @returns true for the types the translation reads or warns about
 */
export function isApiType(type: string, mode: 'managed' | 'data'): boolean {
  if (type === 'archive_file') return true
  if (mode === 'data') return false
  return (
    type.startsWith('aws_api_gateway_') ||
    type.startsWith('aws_apigatewayv2_') ||
    type === 'aws_lambda_function' ||
    type === 'aws_lambda_alias' ||
    type === 'aws_wafv2_web_acl_association'
  )
}

/**
 * Why a type is ignored with a warning, or undefined when it is translated or harmless.
 *
 * @param type - a type {@link isApiType} accepts
 * @returns the reason
 */
export function unsupportedReason(type: string): string | undefined {
  if (TRANSLATED_TYPES.has(type) || QUIET.has(type)) return undefined
  return REASONS[type] ?? 'Portico does not read this type'
}
