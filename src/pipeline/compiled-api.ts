/**
 * The compiled form of an API: what a request executes against. Built once per gateway.
 */
import type { ApiDefinition, MethodDefinition, RestMethod } from '../definition/index.js'
import type { CompiledGatewayResponses } from '../gateway-responses/index.js'
import type { Integration } from '../integrations/index.js'
import type { LambdaHandlers } from '../integrations/index.js'
import type { ResourceTree } from '../routing/index.js'
import type { ApiKeyCheck } from '../auth/index.js'
import type { CacheKeyOf } from '../cache/index.js'
import type { Authorizer } from '../auth/index.js'
import type { ResourcePolicy } from '../auth/index.js'
import type { RequestValidator } from '../validation/index.js'

/** One method, ready to run. */
export interface CompiledMethod {
  readonly httpMethod: RestMethod
  readonly resourcePath: string
  readonly resourceId: string
  /** `methodSettings` key of the method (`pets/GET`; `/GET` for the root). */
  readonly settingKey: string
  /** The method's cache key (method, namespace, cacheKeyParameters). */
  readonly cacheKey: CacheKeyOf
  /** Usage-plan per-method throttle key (`/pets/GET`; `//GET` for the root). */
  readonly planMethodKey: string
  readonly definition: MethodDefinition
  readonly integration: Integration
  /** The method's Lambda authorizer (authorizationType CUSTOM), shared with other methods. */
  readonly authorize: Authorizer | undefined
  /** Request validation (required parameters, body model), when the method has a validator. */
  readonly validate: RequestValidator | undefined
}

/** One resource's methods. */
export interface CompiledResource {
  readonly path: string
  readonly methods: Partial<Record<RestMethod, CompiledMethod>>
}

/** An API compiled for serving. */
export interface CompiledApi {
  readonly definition: ApiDefinition
  readonly apiId: string
  readonly accountId: string
  readonly region: string
  /** Lower-cased. */
  readonly binaryMediaTypes: readonly string[]
  readonly tree: ResourceTree<CompiledResource>
  readonly gatewayResponses: CompiledGatewayResponses
  readonly lambdas: LambdaHandlers
  /** The API's resource policy, if it has one. */
  readonly resourcePolicy: ResourcePolicy | undefined
  /** Admits or refuses an API key for methods with `apiKeyRequired`. */
  readonly checkApiKey: ApiKeyCheck
  /** A Lambda (TOKEN/REQUEST) or Cognito authorizer by name, for `testInvokeAuthorizer`. */
  readonly authorizer?: (name: string) => Authorizer | undefined
}
