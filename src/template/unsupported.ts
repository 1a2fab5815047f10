/**
 * Resource types that change how an API answers but that Portico does not read: each one in a
 * template is a warning (through `options.logger` and `importTemplate().warnings`), never a
 * silent drop. Types Portico reads, and types with no effect on answers (documentation, the
 * account's logging role, deployments, Lambda permissions), pass quietly.
 */
import type { TemplateResolver } from './intrinsics.js'

/** API Gateway and SAM types Portico reads (or that do not change answers). */
const KNOWN = new Set([
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Authorizer',
  'AWS::ApiGateway::Model',
  'AWS::ApiGateway::RequestValidator',
  'AWS::ApiGateway::GatewayResponse',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::UsagePlan',
  'AWS::ApiGateway::ApiKey',
  'AWS::ApiGateway::UsagePlanKey',
  'AWS::ApiGateway::Account',
  'AWS::ApiGateway::DocumentationPart',
  'AWS::ApiGateway::DocumentationVersion',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Deployment',
  'AWS::ApiGatewayV2::RouteResponse',
  // Read (and warned about) with the WebSocket API they belong to.
  'AWS::ApiGatewayV2::IntegrationResponse',
  'AWS::Serverless::Api',
  'AWS::Serverless::HttpApi',
  'AWS::Serverless::Function',
  // Warned about by the SAM translation step.
  'AWS::Serverless::WebSocketApi',
])

/** Why a type is not served, for the types worth a specific reason. */
const REASONS: Readonly<Record<string, string>> = {
  'AWS::ApiGateway::DomainName': 'custom domains are not served; use the stage URL',
  'AWS::ApiGateway::DomainNameV2': 'custom domains are not served; use the stage URL',
  'AWS::ApiGateway::BasePathMapping': 'custom domains are not served; use the stage URL',
  'AWS::ApiGateway::BasePathMappingV2': 'custom domains are not served; use the stage URL',
  'AWS::ApiGatewayV2::DomainName': 'custom domains are not served; use the stage URL',
  'AWS::ApiGatewayV2::ApiMapping': 'custom domains are not served; use the stage URL',
  'AWS::ApiGatewayV2::ApiGatewayManagedOverrides':
    'quick-create overrides are not applied; write the Route / Integration / Stage resources',
  'AWS::ApiGatewayV2::Model': 'WebSocket request models are not validated',
  'AWS::ApiGateway::VpcLink': 'private integrations reach the URI directly',
  'AWS::ApiGatewayV2::VpcLink': 'private integrations reach the URI directly',
  'AWS::ApiGateway::ClientCertificate': 'backends are called without a client certificate',
  'AWS::WAFv2::WebACLAssociation': 'AWS WAF rules are not applied',
  'AWS::WAFRegional::WebACLAssociation': 'AWS WAF rules are not applied',
}

/**
 * Warns once per resource whose type would change the API's answers and is not read.
 *
 * @param resolver - the (SAM-translated) template's resolver
 * @param warn - receives the warnings
 */
export function warnUnsupportedResources(
  resolver: TemplateResolver,
  warn: (message: string) => void,
): void {
  for (const [logicalId, resource] of resolver.resources) {
    const type = resource.Type
    if (KNOWN.has(type)) continue
    const reason = REASONS[type]
    if (reason !== undefined) {
      warn(`Resources.${logicalId} (${type}) is ignored: ${reason}`)
    } else if (
      type.startsWith('AWS::ApiGateway::') ||
      type.startsWith('AWS::ApiGatewayV2::') ||
      type.startsWith('AWS::Serverless::Api') ||
      type.startsWith('AWS::Serverless::Http')
    )
      warn(`Resources.${logicalId} (${type}) is ignored: Portico does not read this type`)
  }
}
