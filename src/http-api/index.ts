/**
 * The public face of `http-api/`: what other folders may import from it.
 *
 * @module
 */
export {
  importHttpApi,
  isHttpApiDocument,
  type CorsConfiguration,
  type HttpApiDefinition,
  type HttpIntegrationDefinition,
  type HttpRouteDefinition,
} from './definition.js'
export { compileHttpApi, handleHttpApiRequest } from './handle.js'
export { type JwtAuthorizerDefinition } from './jwt-authorizer.js'
export { type HttpRequest } from './request.js'
export { type HttpLambdaAuthorizerDefinition } from './lambda-authorizer.js'
