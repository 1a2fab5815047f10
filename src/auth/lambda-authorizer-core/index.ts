/**
 * The Lambda authorizer core shared by REST (`auth/lambda-authorizer.ts`), HTTP
 * (`http-api/lambda-authorizer.ts`) and WebSocket (`websocket/authorizer.ts`) APIs: the core
 * decides what happened, the table of {@link LAMBDA_AUTHORIZER_FACTS} says how each kind
 * answers it.
 *
 * @module
 */
export {
  LAMBDA_AUTHORIZER_FACTS,
  type AuthorizerAnswer,
  type AuthorizerApiKind,
  type AuthorizerKindFacts,
  type AuthorizerSituation,
} from './answers.js'
export {
  compileLambdaAuthorizerCore,
  type AuthorizerOutcome,
  type AuthorizerRequestView,
  type LambdaAuthorizerCoreDefinition,
} from './core.js'
export { parseIdentitySources, type IdentitySource } from './identity.js'
export { readAuthorizerOutput, type AuthorizerOutput } from './output.js'
