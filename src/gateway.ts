/**
 * `createGateway`: compiles a definition once and serves requests in-process.
 */
import { depsFromOptions } from './core/index.js'
import type { Deps, GatewayResponse } from './core/index.js'
import { importOpenApi } from './definition/index.js'
import { detectApiKind } from './definition/index.js'
import type { ImportOptions } from './definition/index.js'
import { loadDocument } from './definition/index.js'
import type { ApiDefinition, RestMethod } from './definition/index.js'
import { readUsage } from './traffic/index.js'
import { checkAwsServices } from './integrations/index.js'
import { compileApi } from './pipeline/index.js'
import { handleRequest } from './pipeline/index.js'
import { StageHost, type Deployment, type RuntimeFactory } from './pipeline/index.js'
import { testInvokeAuthorizer, testInvokeMethod } from './pipeline/index.js'
import { createMemoryStore } from './traffic/index.js'
import { stableId, createRequestId, createExtendedRequestId } from './core/index.js'
import { importHttpApi, type HttpApiDefinition } from './http-api/index.js'
import { compileHttpApi, handleHttpApiRequest } from './http-api/index.js'
import { ConfigError } from './errors.js'
import { planTemplateGateway } from './template/index.js'
import { createStageRuntime, type StageOptions } from './stages/index.js'
import type { Gateway, GatewayOptions } from './gateway-types.js'

export type { Clock, Gateway, GatewayOptions, RouteSummary } from './gateway-types.js'

function isDefinition(api: unknown): api is ApiDefinition {
  return (
    typeof api === 'object' &&
    api !== null &&
    (api as { kind?: unknown }).kind === 'REST' &&
    Array.isArray((api as ApiDefinition).resources)
  )
}

/**
 * Creates a gateway: imports and compiles the API once (routes, integrations, gateway
 * responses), then serves requests with {@link Gateway.invoke}.
 *
 * @param options - the API, stage, Lambda handlers and injected world
 * @returns the gateway
 * @throws ConfigError naming the place in the definition of the first problem
 * @example
 * ```ts
 * import { createGateway } from 'portico'
 *
 * const gateway = createGateway({
 *   api: readFileSync('api.yaml', 'utf8'),
 *   stage: { name: 'prod', variables: { backend: 'localhost:8080' } },
 *   lambdas: { GetPet: async (event) => ({ statusCode: 200, body: event.pathParameters.id }) },
 * })
 * const res = await gateway.invoke({ method: 'GET', path: '/pets/7' })
 * res.statusCode // 200
 * ```
 */
export function createGateway(options: GatewayOptions): Gateway {
  const deps = depsFromOptions(options)
  if (options.services) checkAwsServices(options.services)
  const template = planTemplateGateway(options, deps)
  if (template) {
    const gateway = createGateway(template.options)
    for (const stage of template.moreStages) gateway.createStage(stage)
    return gateway
  }
  const api = options.api
  const importOptions = importOptionsOf(options, deps)
  if (isDefinition(api) || (isObject(api) && api['kind'] === 'HTTP')) {
    const kind = isDefinition(api) ? 'REST' : 'HTTP'
    if (options.protocolType !== undefined && options.protocolType !== kind)
      throw new ConfigError(
        'protocolType',
        `is ${options.protocolType}, but the API given is a ${kind} API definition`,
      )
    return kind === 'HTTP' ? createHttpApiGateway(options, deps) : createRestGateway(options, deps)
  }
  // Parsed (and templateVars substituted) once; the content decides the kind.
  const doc = loadDocument(api, importOptions)
  const { templateVars: _, ...once } = importOptions
  if ((options.protocolType ?? detectApiKind(doc)) === 'HTTP')
    return createHttpApiGateway(
      { ...options, api: importHttpApi(doc, once) as unknown as GatewayOptions['api'] },
      deps,
    )
  return createRestGateway({ ...options, api: importOpenApi(doc, once) }, deps)
}

function importOptionsOf(options: GatewayOptions, deps: Deps): ImportOptions {
  return {
    logger: deps.logger,
    ...(options.templateVars ? { templateVars: options.templateVars } : {}),
    ...(options.failOnWarnings !== undefined ? { failOnWarnings: options.failOnWarnings } : {}),
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function identityOf(options: GatewayOptions): {
  apiId?: string
  accountId?: string
  region?: string
} {
  const identity: { apiId?: string; accountId?: string; region?: string } = {}
  if (options.apiId !== undefined) identity.apiId = options.apiId
  if (options.accountId !== undefined) identity.accountId = options.accountId
  if (options.region !== undefined) identity.region = options.region
  return identity
}

/**
 * A null-prototype copy of a map the definition looks names up in (Lambda functions, services):
 * a function named `constructor` or `toString` must not find `Object.prototype`'s.
 */
function ownMap<T>(source: Record<string, T> | undefined): Record<string, T> {
  const out = Object.create(null) as Record<string, T>
  if (source) for (const key of Object.keys(source)) out[key] = source[key] as T
  return out
}

function createRestGateway(options: GatewayOptions, deps: Deps): Gateway {
  const identity = identityOf(options)
  const lambdas = ownMap(options.lambdas)
  const services = ownMap(options.services)
  const deployments = new Map<string, Deployment>()
  const compile = (api: GatewayOptions['api'], description: string, id?: string): Deployment => {
    const definition = isDefinition(api) ? api : importOpenApi(api, importOptionsOf(options, deps))
    const compiled = compileApi(definition, {
      ...identity,
      lambdas,
      services,
      apiKeys: options.apiKeys ?? [],
      usagePlans: options.usagePlans ?? [],
      usagePlanKeys: options.usagePlanKeys ?? [],
      ...(options.jwks ? { jwks: options.jwks } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    })
    let deploymentId = id
    while (deploymentId === undefined || deployments.has(deploymentId))
      deploymentId = stableId(`${definition.name}:${deployments.size}:${deps.random()}`, 6)
    const deployment: Deployment = {
      id: deploymentId,
      description,
      createdDate: deps.now(),
      definition,
      api: compiled,
    }
    deployments.set(deployment.id, deployment)
    return deployment
  }

  const first = compile(options.api, '', options.stage?.deploymentId)
  const store = options.store ?? createMemoryStore()
  const factory: RuntimeFactory = (stageOptions, continuity) =>
    createStageRuntime(
      stageOptions,
      { store, ...(options.accountThrottle ? { account: options.accountThrottle } : {}) },
      {
        apiName: first.definition.name,
        ...(options.onMetrics ? { onMetrics: options.onMetrics } : {}),
        ...(options.accessLog ? { accessLog: options.accessLog } : {}),
      },
      { ...continuity, cacheStore: options.cacheStore },
    )
  const stages = new Map<string, StageHost>()
  const addStage = (stageOptions: StageOptions): StageHost => {
    const host = new StageHost(
      { ...stageOptions, deploymentId: stageOptions.deploymentId ?? first.id },
      deployments,
      factory,
    )
    if (stages.has(host.name))
      throw new ConfigError(`stage.${host.name}`, 'a stage with this name exists')
    stages.set(host.name, host)
    return host
  }
  const defaultStage = addStage({ ...options.stage, deploymentId: first.id })
  const hostOf = (name: string | undefined): StageHost | undefined =>
    name === undefined ? defaultStage : stages.get(name)

  return {
    get definition() {
      return defaultStage.main.api.definition
    },
    get stage() {
      return defaultStage.main.runtime
    },
    get apiId() {
      return first.api.apiId
    },
    invoke: (request, target) => {
      const host = hostOf(target?.stage)
      if (!host) return Promise.resolve(missingStageResponse(deps))
      const { api, runtime } = host.pick(deps.random)
      return handleRequest(api, runtime, request, deps)
    },
    testInvoke: (request, target) => {
      const host = hostOf(target?.stage)
      if (!host) return Promise.reject(new ConfigError(`stage.${target?.stage}`, 'no such stage'))
      return testInvokeMethod(host.main.api, host.main.runtime, request, deps)
    },
    testInvokeAuthorizer: (request, target) => {
      const host = hostOf(target?.stage)
      if (!host) return Promise.reject(new ConfigError(`stage.${target?.stage}`, 'no such stage'))
      return testInvokeAuthorizer(host.main.api, host.main.runtime, request, deps)
    },
    stageNames: () => [...stages.keys()],
    deploy: (deployOptions = {}) => {
      const deployment = compile(
        deployOptions.api ?? defaultStage.main.api.definition,
        deployOptions.description ?? '',
      )
      if (deployOptions.stageName !== undefined) {
        const host = stages.get(deployOptions.stageName)
        if (host) host.update({ deploymentId: deployment.id })
        else addStage({ name: deployOptions.stageName, deploymentId: deployment.id })
      }
      return deployment.id
    },
    deployments: () =>
      [...deployments.values()].map((d) => ({
        id: d.id,
        description: d.description,
        createdDate: d.createdDate,
      })),
    createStage: (stageOptions) => {
      addStage(stageOptions)
    },
    updateStage: (name, patch) => {
      const host = stages.get(name)
      if (!host) throw new ConfigError(`stage.${name}`, 'no such stage')
      host.update(patch)
    },
    flushCache: (stageName) => {
      const runtime = hostOf(stageName)?.main.runtime
      const flushed = runtime?.cache?.flush(runtime.cacheKeyPrefix)
      return flushed instanceof Promise ? flushed.then(() => undefined) : Promise.resolve()
    },
    metrics: (stageName) => (hostOf(stageName) ?? defaultStage).main.runtime.metrics.snapshot(),
    usage: (query) =>
      readUsage(store, options.usagePlans ?? [], options.usagePlanKeys ?? [], query),
    routes: () =>
      defaultStage.main.api.definition.resources.flatMap((resource) =>
        Object.values(resource.methods).map((method) => ({
          method: method.httpMethod,
          path: resource.path,
          integration: method.integration?.type,
        })),
      ),
  }
}

function createHttpApiGateway(options: GatewayOptions, deps: Deps): Gateway {
  const definition =
    isObject(options.api) && options.api['kind'] === 'HTTP'
      ? (options.api as unknown as HttpApiDefinition)
      : importHttpApi(options.api, importOptionsOf(options, deps))
  const identity = identityOf(options)
  const api = compileHttpApi(definition, {
    lambdas: ownMap(options.lambdas),
    services: ownMap(options.services),
    apiId: identity.apiId ?? stableId(definition.name, 10),
    accountId: identity.accountId ?? '123456789012',
    region: identity.region ?? 'us-east-1',
    ...(options.jwks ? { jwks: options.jwks } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  })
  const stage = createStageRuntime(
    { name: '$default', ...options.stage },
    {
      ...(options.store ? { store: options.store } : {}),
      ...(options.accountThrottle ? { account: options.accountThrottle } : {}),
    },
    {
      apiName: definition.name,
      kind: 'HTTP',
      ...(options.onMetrics ? { onMetrics: options.onMetrics } : {}),
      ...(options.accessLog ? { accessLog: options.accessLog } : {}),
    },
  )
  const unsupported = (what: string): never => {
    throw new ConfigError('HTTP API', `${what} is not supported for HTTP APIs yet`)
  }
  return {
    definition,
    stage,
    apiId: api.apiId,
    invoke: (request, target) =>
      target?.stage !== undefined && target.stage !== stage.name
        ? Promise.resolve(notFoundResponse(deps))
        : handleHttpApiRequest(api, stage, request, deps),
    stageNames: () => [stage.name],
    deploy: () => unsupported('deploy()'),
    // AWS has TestInvokeMethod/TestInvokeAuthorizer for REST APIs only.
    testInvoke: () =>
      Promise.reject(
        new ConfigError('HTTP API', 'testInvoke() exists for REST APIs only, as in AWS'),
      ),
    testInvokeAuthorizer: () =>
      Promise.reject(
        new ConfigError('HTTP API', 'testInvokeAuthorizer() exists for REST APIs only, as in AWS'),
      ),
    deployments: () => [],
    createStage: () => unsupported('createStage()'),
    updateStage: () => unsupported('updateStage()'),
    flushCache: () => Promise.resolve(),
    metrics: () => stage.metrics.snapshot(),
    usage: (query) =>
      Promise.resolve({
        usagePlanId: query.usagePlanId,
        startDate: query.startDate,
        endDate: query.endDate,
        items: {},
      }),
    routes: () =>
      definition.routes.map((route) => ({
        method: (route.method ?? 'ANY') as RestMethod,
        path: route.path ?? '$default',
        integration: route.integration.type,
      })),
  }
}

/** A fixed JSON error answer with single-valued headers. */
function errorResponse(
  statusCode: number,
  message: string,
  headers: Record<string, string>,
): GatewayResponse {
  const all = { 'Content-Type': 'application/json', ...headers }
  return {
    statusCode,
    headers: all,
    multiValueHeaders: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, [v]])),
    body: JSON.stringify({ message }),
    isBase64Encoded: false,
  }
}

/** An HTTP API's answer for a stage it does not have. */
function notFoundResponse(deps: Deps): GatewayResponse {
  return errorResponse(404, 'Not Found', {
    'Apigw-Requestid': createExtendedRequestId(deps.random),
  })
}

/** The answer for a stage the gateway does not have, as AWS gives for an unknown stage. */
function missingStageResponse(deps: Deps): GatewayResponse {
  return errorResponse(403, 'Missing Authentication Token', {
    'x-amzn-ErrorType': 'MissingAuthenticationTokenException',
    'x-amzn-RequestId': createRequestId(deps.random),
  })
}
