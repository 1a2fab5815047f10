/**
 * Picks and compiles the integration of a method.
 */
import type { MethodDefinition } from '../definition/model.js'
import { ConfigError } from '../errors.js'
import { compileAwsProxyIntegration, type LambdaIntegrationSetup } from './aws-proxy.js'
import { compileHttpIntegration } from './http.js'
import { compileHttpProxyIntegration } from './http-proxy.js'
import { configurationFailure, type Integration } from './integration.js'
import { compileMockIntegration } from './mock.js'

/**
 * Compiles a method's integration.
 *
 * @param method - the method
 * @param where - its place in the definition
 * @param setup - Lambda handlers and account
 * @returns the integration
 * @throws ConfigError when the method has no integration (AWS refuses to deploy it)
 */
export function compileIntegration(
  method: MethodDefinition,
  where: string,
  setup: LambdaIntegrationSetup,
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
    case 'AWS': {
      const failure = configurationFailure(
        `AWS (non-proxy) integrations need the VTL mapping engine, not yet in Portico: ${integration.uri ?? ''}`,
      )
      return async () => failure
    }
  }
}
