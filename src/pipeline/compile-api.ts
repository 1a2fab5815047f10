/**
 * Compiles a definition for serving: routes, integrations, gateway responses. Every check that
 * can fail does so here, as a ConfigError, before the first request.
 */
import { getOwn } from '../core/index.js'
import { stableId } from '../core/index.js'
import { compileApiKeys, type ApiKey, type UsagePlan, type UsagePlanKey } from '../auth/index.js'
import {
  compileCognitoAuthorizer,
  JwksStore,
  type CognitoAuthorizer,
  type JwksSource,
} from '../auth/index.js'
import { compileLambdaAuthorizer, type Authorizer } from '../auth/index.js'
import { compileResourcePolicy } from '../auth/index.js'
import { verifySigV4, type CredentialsResolver } from '../auth/index.js'
import type { ApiDefinition, MethodDefinition, RestMethod } from '../definition/index.js'
import { ConfigError } from '../errors.js'
import { compileGatewayResponses } from '../gateway-responses/index.js'
import { compileIntegration } from '../integrations/index.js'
import type { AwsServices } from '../integrations/index.js'
import type { LambdaHandlers } from '../integrations/index.js'
import { parsePathTemplate } from '../routing/index.js'
import { ResourceTree } from '../routing/index.js'
import { compileCacheKey } from '../cache/index.js'
import { methodSettingKey } from '../traffic/index.js'
import { compileModels } from '../validation/index.js'
import { compileRequestValidator } from '../validation/index.js'
import type { CompiledApi, CompiledMethod, CompiledResource } from './compiled-api.js'

/** Identity of the API as AWS would report it. */
export interface ApiIdentity {
  readonly apiId?: string
  readonly accountId?: string
  readonly region?: string
}

/** What compiling an API needs besides its definition. */
export interface CompileOptions extends ApiIdentity {
  /** Lambda handlers by function name. */
  readonly lambdas?: LambdaHandlers
  /** AWS service handlers for AWS integrations. */
  readonly services?: AwsServices
  readonly apiKeys?: readonly ApiKey[]
  readonly usagePlans?: readonly UsagePlan[]
  readonly usagePlanKeys?: readonly UsagePlanKey[]
  /** Secrets of access keys for AWS_IAM methods. */
  readonly credentials?: CredentialsResolver
  /** JWKS by issuer for Cognito authorizers (else fetched from `{issuer}/.well-known/jwks.json`). */
  readonly jwks?: JwksSource
}

/**
 * Compiles a definition.
 *
 * @param definition - the imported definition
 * @param options - handlers, identity, API keys and usage plans
 * @returns the compiled API
 * @throws ConfigError naming the place of the first problem
 */
export function compileApi(definition: ApiDefinition, options: CompileOptions = {}): CompiledApi {
  const apiId = options.apiId ?? stableId(definition.name, 10)
  const accountId = options.accountId ?? '123456789012'
  const region = options.region ?? 'us-east-1'
  const lambdas = options.lambdas ?? {}
  const setup = { lambdas, services: options.services ?? {}, accountId, region }
  const checkApiKey = compileApiKeys({
    apiId,
    apiKeys: options.apiKeys ?? [],
    usagePlans: options.usagePlans ?? [],
    usagePlanKeys: options.usagePlanKeys ?? [],
  })
  const models = compileModels(definition.models)
  // One compiled authorizer per definition, so its result cache is shared by every method.
  const authorizers = new Map<string, Authorizer>()
  const cognitoAuthorizers = new Map<string, CognitoAuthorizer>()
  const jwks = new JwksStore(options.jwks)
  const resolveCredentials: CredentialsResolver = options.credentials ?? (() => undefined)
  const iamAuthorizer: Authorizer = async (state) => {
    const caller = await verifySigV4(
      {
        method: state.method,
        signedPath: `/${state.stage.name}${state.rawPath}`,
        rawQuery: state.rawQuery,
        headers: state.headers,
        query: state.query,
        bodyBytes: () => state.bodyBytes(),
        region: state.api.region,
        deps: state.deps,
      },
      resolveCredentials,
    )
    if ('responseType' in caller) return caller
    return {
      principalId: caller.accessKey,
      context: {},
      usageIdentifierKey: undefined,
      iam: caller,
    }
  }
  const methodAuthorizer = (method: MethodDefinition, where: string): Authorizer | undefined => {
    if (method.authorizationType === 'AWS_IAM') return iamAuthorizer
    if (method.authorizerId === undefined) return undefined
    if (method.authorizationType === 'COGNITO_USER_POOLS') {
      const name = method.authorizerId
      let cognito = cognitoAuthorizers.get(name)
      if (!cognito) {
        const definitionOf = Object.hasOwn(definition.authorizers, name)
          ? getOwn(definition.authorizers, name)
          : undefined
        if (!definitionOf)
          throw new ConfigError(`${where}.security`, `unknown authorizer ${JSON.stringify(name)}`)
        cognito = compileCognitoAuthorizer(
          definitionOf,
          `securityDefinitions.${name}.x-amazon-apigateway-authorizer`,
          jwks,
        )
        cognitoAuthorizers.set(name, cognito)
      }
      const scopes = method.authorizationScopes
      const verify = cognito
      return (state) => verify(state, scopes)
    }
    if (method.authorizationType !== 'CUSTOM') return undefined
    const name = method.authorizerId
    let authorizer = authorizers.get(name)
    if (authorizer) return authorizer
    const definitionOf = Object.hasOwn(definition.authorizers, name)
      ? getOwn(definition.authorizers, name)
      : undefined
    if (!definitionOf)
      throw new ConfigError(`${where}.security`, `unknown authorizer ${JSON.stringify(name)}`)
    authorizer = compileLambdaAuthorizer(
      definitionOf,
      `securityDefinitions.${name}.x-amazon-apigateway-authorizer`,
      setup,
    )
    authorizers.set(name, authorizer)
    return authorizer
  }
  const tree = new ResourceTree<CompiledResource>()
  for (const resource of definition.resources) {
    const where = `paths.${resource.path}`
    const resourceId = stableId(resource.path, 6)
    const methods: Partial<Record<RestMethod, CompiledMethod>> = {}
    for (const [verb, method] of Object.entries(resource.methods) as Array<
      [RestMethod, NonNullable<(typeof resource.methods)[RestMethod]>]
    >) {
      const methodWhere = `${where}.${verb === 'ANY' ? 'x-amazon-apigateway-any-method' : verb.toLowerCase()}`
      methods[verb] = {
        httpMethod: verb,
        resourcePath: resource.path,
        resourceId,
        settingKey: methodSettingKey(resource.path, verb),
        cacheKey: compileCacheKey(
          verb,
          method.integration?.cacheNamespace ?? resourceId,
          method.integration,
          `${methodWhere}.x-amazon-apigateway-integration`,
        ),
        planMethodKey: `${resource.path === '/' ? '/' : resource.path}/${verb}`,
        definition: method,
        integration: compileIntegration(method, methodWhere, setup),
        authorize: methodAuthorizer(method, methodWhere),
        validate: compileRequestValidator(method, definition, models, methodWhere),
      }
    }
    tree.add(parsePathTemplate(resource.path, where), { path: resource.path, methods }, where)
  }
  return {
    definition,
    apiId,
    accountId,
    region,
    binaryMediaTypes: definition.binaryMediaTypes.map((type) => type.toLowerCase()),
    tree,
    gatewayResponses: compileGatewayResponses(definition.gatewayResponses),
    lambdas,
    checkApiKey,
    authorizer: (name) => {
      const found = Object.hasOwn(definition.authorizers, name)
        ? getOwn(definition.authorizers, name)
        : undefined
      if (!found || (found.type !== 'cognito_user_pools' && !found.authorizerUri)) return undefined
      return methodAuthorizer(
        {
          authorizationType: found.type === 'cognito_user_pools' ? 'COGNITO_USER_POOLS' : 'CUSTOM',
          authorizerId: name,
        } as MethodDefinition,
        `securityDefinitions.${name}`,
      )
    },
    resourcePolicy:
      definition.policy === undefined
        ? undefined
        : compileResourcePolicy(
            definition.policy,
            'x-amazon-apigateway-policy',
            `arn:aws:execute-api:${region}:${accountId}:${apiId}`,
          ),
  }
}
