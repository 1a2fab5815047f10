/**
 * The public face of `auth/`: what other folders may import from it.
 *
 * @module
 */
export {
  compileApiKeys,
  presentedApiKey,
  type AdmittedKey,
  type ApiKey,
  type ApiKeyCheck,
  type ThrottleSettings,
  type UsagePlan,
  type UsagePlanKey,
} from './api-keys.js'
export {
  JwksStore,
  compileCognitoAuthorizer,
  type CognitoAuthorizer,
  type JwksSource,
} from './cognito-authorizer.js'
export {
  LAMBDA_AUTHORIZER_FACTS,
  compileLambdaAuthorizerCore,
  parseIdentitySources,
  type AuthorizerRequestView,
} from './lambda-authorizer-core/index.js'
export {
  compileLambdaAuthorizer,
  type Authorizer,
  type AuthorizerResult,
} from './lambda-authorizer.js'
export { methodArn, type PolicyVerdict } from './policy.js'
export { unknownRouteAuthorizationFailure } from './unknown-route.js'
export {
  compileResourcePolicy,
  resourcePolicyFailure,
  type ResourcePolicy,
} from './resource-policy.js'
export {
  verifySigV4,
  type CredentialsResolver,
  type IamCredentials,
  type SignedRequest,
} from './sigv4.js'
export { VerifiedTokens } from './verified-tokens.js'
