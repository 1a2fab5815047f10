/**
 * Paths and operations of a REST API: resources (with the parents AWS creates), methods,
 * request parameters and models, method responses.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/import-edge-optimized-api.html
 */
import { ConfigError } from '../errors.js'
import { parsePathTemplate, pathParameterNames } from '../routing/index.js'
import { X, modelNameOf, resolveRef, type ImportContext } from './import-context.js'
import type {
  MethodDefinition,
  MethodResponseDefinition,
  ResourceDefinition,
  RestMethod,
} from './model.js'
import { readIntegration } from './read-integration.js'
import { readSecurity } from './read-security.js'
import {
  at,
  optionalBoolean,
  optionalObject,
  optionalString,
  optionalStringArray,
  readObject,
  requiredString,
  type Doc,
} from './read.js'

/** Operation keys of a path item and the method each defines. */
export const OPERATION_KEYS: ReadonlyArray<[string, RestMethod]> = [
  ['get', 'GET'],
  ['post', 'POST'],
  ['put', 'PUT'],
  ['patch', 'PATCH'],
  ['delete', 'DELETE'],
  ['head', 'HEAD'],
  ['options', 'OPTIONS'],
  [`${X}any-method`, 'ANY'],
]

/**
 * Reads `paths` into resources sorted by path, `/` always included.
 *
 * @param ctx - the import
 * @returns the resources
 * @throws ConfigError for a bad path part, a method defined twice, or a bad operation
 */
export function readResources(ctx: ImportContext): ResourceDefinition[] {
  const paths = optionalObject(ctx.doc, 'paths', '') ?? {}
  const resources = new Map<string, ResourceDefinition>()
  for (const [rawPath, rawItem] of Object.entries(paths)) {
    if (rawPath.startsWith('x-')) continue
    const itemPath = at('paths', rawPath)
    const parts = parsePathTemplate(rawPath, itemPath)
    const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath
    const item = resolveRef(ctx, rawItem, itemPath)
    let resource = resources.get(path)
    if (!resource) {
      resource = { path, methods: {} }
      resources.set(path, resource)
    }
    // Missing parents exist as resources without methods, as AWS creates them.
    for (let i = 1; i <= parts.length; i++) {
      const parent =
        '/' +
        rawPath
          .slice(1)
          .split('/')
          .slice(0, i - 1)
          .join('/')
      if (!resources.has(parent)) resources.set(parent, { path: parent, methods: {} })
    }
    const shared = item['parameters']
    for (const [key, method] of OPERATION_KEYS) {
      if (item[key] === undefined) continue
      const opPath = at(itemPath, key)
      if (resource.methods[method])
        throw new ConfigError(opPath, `method ${method} is defined twice for ${path}`)
      resource.methods[method] = readMethod(
        ctx,
        method,
        readObject(item[key], opPath),
        shared,
        pathParameterNames(parts),
        opPath,
      )
    }
  }
  if (!resources.has('/')) resources.set('/', { path: '/', methods: {} })
  return [...resources.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function readMethod(
  ctx: ImportContext,
  httpMethod: RestMethod,
  op: Doc,
  sharedParameters: unknown,
  pathNames: string[],
  path: string,
): MethodDefinition {
  const method: MethodDefinition = {
    httpMethod,
    authorizationType: 'NONE',
    apiKeyRequired: false,
    requestParameters: {},
    requestModels: {},
    methodResponses: {},
  }
  const operationName = optionalString(op, 'operationId', path)
  if (operationName !== undefined) method.operationName = operationName
  const summary = optionalString(op, 'summary', path)
  if (summary !== undefined) method.summary = summary
  const description = optionalString(op, 'description', path)
  if (description !== undefined) method.description = description
  const tags = optionalStringArray(op, 'tags', path)
  if (tags !== undefined) method.tags = tags

  for (const name of pathNames) method.requestParameters[`method.request.path.${name}`] = true
  readParameters(ctx, op, method, sharedParameters, pathNames, path)
  const requestBody = op['requestBody']
  if (requestBody !== undefined) {
    const bodyPath = at(path, 'requestBody')
    const body = resolveRef(ctx, requestBody, bodyPath)
    for (const [type, media] of Object.entries(optionalObject(body, 'content', bodyPath) ?? {})) {
      const mediaPath = at(at(bodyPath, 'content'), type)
      const model = modelNameOf(readObject(media, mediaPath)['schema'], at(mediaPath, 'schema'))
      if (model) method.requestModels[type] = model
    }
  }
  readMethodResponses(ctx, op, method, path)
  readSecurity(ctx, op, method, path)
  const validator = optionalString(op, `${X}request-validator`, path)
  if (validator !== undefined) method.requestValidator = validator
  const integration = op[`${X}integration`]
  if (integration !== undefined)
    method.integration = readIntegration(
      readObject(integration, at(path, `${X}integration`)),
      at(path, `${X}integration`),
      ctx.warn,
    )
  return method
}

/**
 * Path, query and header parameters become `method.request.*` parameters; a Swagger-style
 * `in: body` parameter (accepted in OpenAPI 3 too, as AWS does) names the request model.
 */
function readParameters(
  ctx: ImportContext,
  op: Doc,
  method: MethodDefinition,
  sharedParameters: unknown,
  pathNames: string[],
  path: string,
): void {
  const consumes = optionalStringArray(op, 'consumes', path) ?? ctx.consumes
  const allParameters = [
    ...(Array.isArray(sharedParameters) ? (sharedParameters as unknown[]) : []),
    ...(Array.isArray(op['parameters']) ? (op['parameters'] as unknown[]) : []),
  ]
  if (op['parameters'] !== undefined && !Array.isArray(op['parameters'])) {
    throw new ConfigError(at(path, 'parameters'), 'must be an array')
  }
  allParameters.forEach((raw, i) => {
    const paramPath = at(at(path, 'parameters'), i)
    const param = resolveRef(ctx, raw, paramPath)
    const name = requiredString(param, 'name', paramPath)
    const location = requiredString(param, 'in', paramPath)
    if (location === 'body') {
      const model = modelNameOf(param['schema'], at(paramPath, 'schema'))
      if (model)
        for (const type of consumes.length ? consumes : ['application/json'])
          method.requestModels[type] = model
      return
    }
    const source = location === 'query' ? 'querystring' : location
    if (source !== 'path' && source !== 'querystring' && source !== 'header') return
    if (source === 'path' && !pathNames.includes(name)) {
      throw new ConfigError(
        paramPath,
        `path parameter ${JSON.stringify(name)} is not in the resource path`,
      )
    }
    method.requestParameters[`method.request.${source}.${name}`] =
      source === 'path' ? true : (optionalBoolean(param, 'required', paramPath) ?? false)
  })
}

function readMethodResponses(
  ctx: ImportContext,
  op: Doc,
  method: MethodDefinition,
  path: string,
): void {
  const produces = optionalStringArray(op, 'produces', path) ?? ctx.produces
  for (const [code, raw] of Object.entries(optionalObject(op, 'responses', path) ?? {})) {
    if (!/^[1-5]\d\d$/.test(code)) continue
    const responsePath = at(at(path, 'responses'), code)
    const response = resolveRef(ctx, raw, responsePath)
    const methodResponse: MethodResponseDefinition = {
      statusCode: code,
      responseParameters: {},
      responseModels: {},
    }
    const responseDescription = optionalString(response, 'description', responsePath)
    if (responseDescription !== undefined) methodResponse.description = responseDescription
    for (const header of Object.keys(optionalObject(response, 'headers', responsePath) ?? {})) {
      methodResponse.responseParameters[`method.response.header.${header}`] = false
    }
    if (ctx.isSwagger) {
      const model = modelNameOf(response['schema'], at(responsePath, 'schema'))
      if (model)
        for (const type of produces.length ? produces : ['application/json'])
          methodResponse.responseModels[type] = model
    } else {
      for (const [type, media] of Object.entries(
        optionalObject(response, 'content', responsePath) ?? {},
      )) {
        const model = modelNameOf(
          readObject(media, at(at(responsePath, 'content'), type))['schema'],
          at(at(at(responsePath, 'content'), type), 'schema'),
        )
        if (model) methodResponse.responseModels[type] = model
      }
    }
    method.methodResponses[code] = methodResponse
  }
}
