/**
 * Portico: AWS API Gateway as an embeddable library. Load the OpenAPI definition you deploy,
 * with its `x-amazon-apigateway-*` extensions, and get AWS's answers in-process.
 *
 * @example
 * ```ts
 * import { createGateway } from 'portico'
 * const gateway = createGateway({ api: openApiText, lambdas: { MyFunction: handler } })
 * const res = await gateway.invoke({ method: 'GET', path: '/pets' })
 * ```
 *
 * @module
 */
export { createGateway } from './gateway.js'
export type { Clock, Gateway, GatewayOptions, RouteSummary } from './gateway.js'
export type {
  TestInvokeAuthorizerRequest,
  TestInvokeAuthorizerResponse,
  TestInvokeMethodRequest,
  TestInvokeMethodResponse,
} from './pipeline/index.js'
export { importOpenApi, exportOpenApi, REST_METHODS, detectApiKind } from './definition/index.js'
export type {
  ApiDefinition,
  ApiProtocolType,
  ImportOptions,
  AuthorizationType,
  AuthorizerDefinition,
  ContentHandling,
  ExportOpenApiOptions,
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
} from './definition/index.js'
export { ConfigError, GatewayResponseError, PorticoError, isPorticoError } from './errors.js'
export { isConfigError, isGatewayResponseError, type PorticoErrorCode } from './errors.js'
export {
  GATEWAY_RESPONSE_TYPES,
  RESPONSE_TYPE_DEFAULTS,
  isGatewayResponseType,
} from './gateway-responses/index.js'
export type { GatewayResponseType, ResponseTypeDefaults } from './gateway-responses/index.js'
export type {
  AwsCredentials,
  AwsCredentialsRequest,
  AwsCredentialsResolver,
  AwsServiceEndpoint,
  AwsServices,
  AwsServiceHandler,
  AwsServiceHandlers,
  AwsServiceRequest,
  AwsServiceResponse,
  LambdaContext,
  LambdaHandler,
  LambdaHandlers,
  LambdaProxyEvent,
} from './integrations/index.js'
export type {
  HttpApiAuthorizerContext,
  HttpApiAuthorizerEventV1,
  HttpApiAuthorizerEventV2,
  HttpApiProxyEventV1,
  HttpApiProxyEventV2,
  HttpApiRequestContextV1,
  HttpApiRequestContextV2,
  LambdaCallback,
  LambdaClientContext,
  LambdaCognitoIdentity,
  LambdaEventIdentity,
  RequestAuthorizerEvent,
  RestRequestContext,
  TokenAuthorizerEvent,
  WebSocketAuthorizerEvent,
  WebSocketConnectEvent,
  WebSocketDisconnectEvent,
  WebSocketEvent,
  WebSocketMessageEvent,
  WebSocketRequestContext,
} from './lambda-events/index.js'
export type { CanarySettings, RouteSetting, StageOptions, StagePatch } from './stages/index.js'
export type { PublicStage as StageRuntime } from './stages/index.js'
export type { ApiKey, ThrottleSettings, UsagePlan, UsagePlanKey } from './auth/index.js'
export type { JwksSource } from './auth/index.js'
export type { CredentialsResolver, IamCredentials } from './auth/index.js'
export type { MethodSetting } from './traffic/index.js'
export { ACCESS_LOG_FORMATS } from './observability/index.js'
export type {
  LatencyStats,
  MetricCounters,
  MetricsSnapshot,
  RequestMetrics,
} from './observability/index.js'
export type { BucketDemand, QuotaDemand, TrafficStore } from './traffic/index.js'
export { createMemoryStore } from './traffic/index.js'
export { fullBucket, take, type Bucket, type RateLimit } from './traffic/index.js'
export type { UsageQuery, UsageReport } from './traffic/index.js'
export { importHttpApi, isHttpApiDocument } from './http-api/index.js'
export type { JwtAuthorizerDefinition } from './http-api/index.js'
export type { RequestSummary, AuthorizerVerdict } from './observability/index.js'
export type { HttpLambdaAuthorizerDefinition } from './http-api/index.js'
export type {
  CorsConfiguration,
  HttpApiDefinition,
  HttpIntegrationDefinition,
  HttpRouteDefinition,
} from './http-api/index.js'
export { ConnectionError, createWebSocketGateway, openTestClient } from './websocket/index.js'
export { isConnectionError } from './websocket/index.js'
export { createConnectionsApi } from './websocket/index.js'
export type {
  ConnectionsApiHandler,
  ConnectionsApiOptions,
  ConnectionsApiRequest,
  ConnectionsApiResponse,
  ConnectionsBodyReader,
} from './websocket/index.js'
export type {
  ConnectionInfo,
  ConnectionRelay,
  ConnectionTransport,
  ConnectRequest,
  TestClient,
  WebSocketApiDefinition,
  WebSocketGateway,
  WebSocketGatewayOptions,
  WebSocketRoute,
} from './websocket/index.js'
export { importTemplate } from './template/index.js'
export type {
  ImportedTemplate,
  IntrinsicOptions,
  TemplateApi,
  TemplateFunction,
  TemplateGatewayOptions,
  TemplateOptions,
} from './template/index.js'
export { importTerraform } from './terraform/index.js'
export type {
  ImportedTerraform,
  SourcePos,
  TerraformApi,
  TerraformDiagnostic,
  TerraformFunction,
  TerraformOptions,
} from './terraform/index.js'
export { renderMappingTemplate } from './mapping/index.js'
export type { MappingTemplateInput } from './mapping/index.js'
export type { TemplateParams } from './mapping/index.js'
export { TemplateRuntimeError } from './mapping/index.js'
export { TemplateSyntaxError } from './mapping/index.js'
export { isTemplateRuntimeError, isTemplateSyntaxError } from './mapping/index.js'
export type {
  CancelTimer,
  FetchFunction,
  GatewayFailure,
  GatewayRequest,
  GatewayResponse,
  HeaderInput,
  Logger,
} from './core/index.js'
export { silentLogger } from './core/index.js'
export type { CacheStore, CachedResponse } from './cache/index.js'
