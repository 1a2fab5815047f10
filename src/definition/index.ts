export { importOpenApi } from './import-openapi.js'
export { exportOpenApi, type ExportOpenApiOptions } from './export-openapi.js'
export { parseDocument } from './parse-document.js'
export { REST_METHODS } from './model.js'
export type {
  ApiDefinition,
  AuthorizationType,
  AuthorizerDefinition,
  ContentHandling,
  GatewayResponseDefinition,
  IntegrationDefinition,
  IntegrationResponseDefinition,
  IntegrationType,
  MethodDefinition,
  MethodResponseDefinition,
  ModelDefinition,
  PassthroughBehavior,
  RequestValidatorDefinition,
  ResourceDefinition,
  RestMethod,
} from './model.js'
