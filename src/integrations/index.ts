export { compileIntegration } from './compile-integration.js'
export { buildLambdaProxyEvent, type LambdaProxyEvent } from '../lambda-events/index.js'
export { translateLambdaProxyReply } from './lambda-proxy-response.js'
export type { Integration, IntegrationResult } from './integration.js'
export type { LambdaContext, LambdaHandler, LambdaHandlers } from './lambda-invoke.js'
export type {
  AwsServiceHandler,
  AwsServiceHandlers,
  AwsServiceRequest,
  AwsServiceResponse,
} from './aws.js'
export { lambdaInvocationUrl, type LambdaIntegrationSetup } from './aws-proxy.js'
export {
  callAwsService,
  checkAwsServices,
  findAwsService,
  type AwsCredentials,
  type AwsCredentialsRequest,
  type AwsCredentialsResolver,
  type AwsServiceCall,
  type AwsServiceEndpoint,
  type AwsServices,
} from './aws-endpoint.js'
export { callBackend, encodeBackendPathValue, forwardableHeaders } from './backend-request.js'
export {
  compileLambdaUri,
  invokeHandler,
  parseFunctionReference,
  resolveHandler,
  type InvokeOutcome,
  type LambdaTarget,
} from './lambda-invoke.js'
export { parseFinalStatus } from './lambda-proxy-response.js'
