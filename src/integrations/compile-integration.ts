/**
 * Picks and compiles the integration of a method.
 */
import type { MethodDefinition } from '../definition/index.js'
import { ConfigError } from '../errors.js'
import { compileAwsIntegration, type AwsIntegrationSetup } from './aws.js'
import { compileAwsProxyIntegration } from './aws-proxy.js'
import { compileHttpIntegration } from './http.js'
import { compileHttpProxyIntegration } from './http-proxy.js'
import type { Integration } from './integration.js'
import { compileMockIntegration } from './mock.js'

/**
 * Compiles a method's integration.
 *
 * @param method - the method
 * @param where - its place in the definition
 * @param setup - Lambda and AWS service handlers, account and region
 * @returns the integration
 * @throws ConfigError when the method has no integration (AWS refuses to deploy it)
 */
export function compileIntegration(
  method: MethodDefinition,
  where: string,
  setup: AwsIntegrationSetup,
): Integration {
  const integration = method.integration
  const at = `${where}.x-amazon-apigateway-integration`
  if (!integration) throw new ConfigError(where, 'No integration defined for method')
  switch (integration.type) {
    case 'MOCK':
      return compileMockIntegration(integration, method, at)
    case 'AWS_PROXY':
      return compileAwsProxyIntegration(integration, at, setup)
    case 'HTTP_PROXY':
      return compileHttpProxyIntegration(integration, at)
    case 'HTTP':
      return compileHttpIntegration(integration, method, at)
    case 'AWS':
      return compileAwsIntegration(integration, method, at, setup)
  }
}
