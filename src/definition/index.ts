export { importOpenApi } from './import-openapi.js'
export { exportOpenApi, type ExportOpenApiOptions } from './export-openapi.js'
export { parseDocument, loadDocument } from './parse-document.js'
export {
  detectApiKind,
  findApiKindMarkers,
  type ApiProtocolType,
  type ApiKindMarkers,
} from './detect-kind.js'
export { warningsOf, type ImportOptions, type Warn } from './import-context.js'
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
export { MAX_DEFINITION_BYTES } from './parse-document.js'
