/**
 * The plain definition model: what API Gateway stores for a REST API (resources, methods,
 * integrations, models, authorizers, gateway responses), with AWS's own field names.
 */
import type { GatewayResponseType } from '../core/index.js'

/** HTTP methods a REST API method can be defined for, plus `ANY`. */
export const REST_METHODS = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'ANY',
] as const
/** A REST API method verb. */
export type RestMethod = (typeof REST_METHODS)[number]

/** Integration types. */
export type IntegrationType = 'MOCK' | 'HTTP' | 'HTTP_PROXY' | 'AWS' | 'AWS_PROXY'
/** Integration `passthroughBehavior`. */
export type PassthroughBehavior = 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER'
/** `contentHandling` of integrations and integration responses. */
export type ContentHandling = 'CONVERT_TO_TEXT' | 'CONVERT_TO_BINARY'
/** Method `authorizationType`. */
export type AuthorizationType = 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS'

/** One integration response (`x-amazon-apigateway-integration.responses.<key>`). */
export interface IntegrationResponseDefinition {
  /** The regex, or undefined for the default response (key `default`). */
  selectionPattern?: string
  statusCode: string
  responseParameters: Record<string, string>
  responseTemplates: Record<string, string>
  contentHandling?: ContentHandling
}

/** `x-amazon-apigateway-integration`. */
export interface IntegrationDefinition {
  type: IntegrationType
  uri?: string
  httpMethod?: string
  credentials?: string
  requestParameters: Record<string, string>
  requestTemplates: Record<string, string>
  passthroughBehavior: PassthroughBehavior
  contentHandling?: ContentHandling
  /** In definition order; the pipeline tries them in this order. */
  responses: IntegrationResponseDefinition[]
  timeoutInMillis: number
  cacheNamespace?: string
  cacheKeyParameters: string[]
  connectionType?: string
  connectionId?: string
  tlsConfig?: Record<string, unknown>
}

/** A method response (`responses.<status>` of an operation). */
export interface MethodResponseDefinition {
  statusCode: string
  description?: string
  /** `method.response.header.X` → required. */
  responseParameters: Record<string, boolean>
  /** media type → model name. */
  responseModels: Record<string, string>
}

/** One method of a resource. */
export interface MethodDefinition {
  httpMethod: RestMethod
  operationName?: string
  summary?: string
  description?: string
  tags?: string[]
  authorizationType: AuthorizationType
  /** Name of the security scheme that is the authorizer (CUSTOM / COGNITO_USER_POOLS). */
  authorizerId?: string
  authorizationScopes?: string[]
  apiKeyRequired: boolean
  /** `method.request.{path|querystring|header}.name` → required. */
  requestParameters: Record<string, boolean>
  /** media type → model name. */
  requestModels: Record<string, string>
  /** Name of a request validator; undefined means the API's default. */
  requestValidator?: string
  methodResponses: Record<string, MethodResponseDefinition>
  integration?: IntegrationDefinition
}

/** A resource: one path and its methods. */
export interface ResourceDefinition {
  /** Full path, e.g. `/pets/{petId}`. */
  path: string
  methods: Partial<Record<RestMethod, MethodDefinition>>
}

/** A model: a JSON Schema (draft 4) for a media type. */
export interface ModelDefinition {
  name: string
  contentType: string
  schema: Record<string, unknown>
}

/** `x-amazon-apigateway-authorizer` on a security scheme, with the scheme's fields. */
export interface AuthorizerDefinition {
  name: string
  /** `token`, `request`, `cognito_user_pools`, `jwt` (lower-case as in the extension). */
  type: string
  authType?: string
  authorizerUri?: string
  authorizerCredentials?: string
  identitySource?: string
  identityValidationExpression?: string
  authorizerResultTtlInSeconds?: number
  providerARNs?: string[]
  /** Everything else the extension had, kept for later modules and export. */
  extra: Record<string, unknown>
  /** The security scheme as written, without the authorizer extension (for export). */
  scheme: Record<string, unknown>
}

/** Authorizer extension fields the model keeps as named properties (the rest go to `extra`). */
export const AUTHORIZER_FIELDS = [
  'authorizerUri',
  'authorizerCredentials',
  'identitySource',
  'identityValidationExpression',
  'authorizerResultTtlInSeconds',
  'providerARNs',
] as const

/** `x-amazon-apigateway-request-validators.<name>`. */
export interface RequestValidatorDefinition {
  validateRequestBody: boolean
  validateRequestParameters: boolean
}

/** One customised gateway response. */
export interface GatewayResponseDefinition {
  statusCode?: string
  responseParameters: Record<string, string>
  responseTemplates: Record<string, string>
}

/**
 * A REST API definition: what `importOpenApi` returns and `createGateway` compiles.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
 */
export interface ApiDefinition {
  readonly kind: 'REST'
  name: string
  description?: string
  version?: string
  resources: ResourceDefinition[]
  models: Record<string, ModelDefinition>
  /** By security scheme name. */
  authorizers: Record<string, AuthorizerDefinition>
  /** Security schemes without an authorizer (e.g. the `api_key` scheme), as written. */
  securitySchemes: Record<string, Record<string, unknown>>
  binaryMediaTypes: string[]
  apiKeySource: 'HEADER' | 'AUTHORIZER'
  gatewayResponses: Partial<Record<GatewayResponseType, GatewayResponseDefinition>>
  requestValidators: Record<string, RequestValidatorDefinition>
  /** Root `x-amazon-apigateway-request-validator`. */
  requestValidator?: string
  minimumCompressionSize?: number
  policy?: unknown
  /** Other root-level `x-amazon-apigateway-*` extensions, kept as written. */
  extensions: Record<string, unknown>
}
