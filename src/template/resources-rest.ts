/**
 * REST APIs from CloudFormation: `AWS::ApiGateway::RestApi` with an OpenAPI `Body` (what SAM
 * generates, and what CDK's `SpecRestApi` with an inline definition writes), or a tree of
 * `AWS::ApiGateway::Resource` / `Method` resources (CDK's `RestApi`, see resources-tree.ts),
 * with its stages (`AWS::ApiGateway::Stage`, or a Deployment's `StageName`).
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-restapi.html
 */
import { ConfigError } from '../errors.js'
import { importOpenApi, type ImportOptions } from '../definition/index.js'
import { parseDocument } from '../definition/index.js'
import type { ApiDefinition } from '../definition/index.js'
import type { StageOptions } from '../stages/index.js'
import type { TemplateResolver } from './intrinsics.js'
import { copy, isObject, type Doc } from './openapi-edit.js'
import { restStage } from './stages.js'
import { stableId } from '../core/index.js'
import { textOf } from '../core/index.js'
import { restBodyFromResources } from './resources-tree.js'

/** An API read from the template, before functions and keys are attached. */
export interface ApiFound {
  readonly logicalId: string
  readonly kind: 'REST' | 'HTTP' | 'WEBSOCKET'
  readonly name: string
  readonly apiId: string
  readonly stages: StageOptions[]
  readonly definition: unknown
}

/**
 * Re-throws an import error with its place inside the template.
 *
 * @param prefix - e.g. `Resources.MyApi.Properties.Body`
 * @param run - the import
 * @returns what `run` returns
 */
export function within<T>(prefix: string, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    const message = error.path ? error.message.slice(error.path.length + 2) : error.message
    throw new ConfigError(error.path ? `${prefix}.${error.path}` : prefix, message, {
      cause: error,
    })
  }
}

/**
 * The options an API's body is imported with: the importer's warnings (unknown integration
 * fields…) become template warnings prefixed with the body's place, or a ConfigError with
 * `failOnWarnings`.
 *
 * @param where - e.g. `Resources.MyApi.Properties.Body`
 * @param warn - the template's warning channel
 * @param failOnWarnings - refuse what AWS's import only warns about
 * @returns the import options
 */
export function bodyImportOptions(
  where: string,
  warn: (message: string) => void,
  failOnWarnings: boolean | undefined,
): ImportOptions {
  return {
    logger: { warn: (message: string) => warn(`${where}: ${message}`) },
    ...(failOnWarnings !== undefined ? { failOnWarnings } : {}),
  }
}

/** Root properties of `AWS::ApiGateway::RestApi` that override the body's extensions. */
const ROOT_PROPERTIES: ReadonlyArray<readonly [property: string, extension: string]> = [
  ['BinaryMediaTypes', 'x-amazon-apigateway-binary-media-types'],
  ['ApiKeySourceType', 'x-amazon-apigateway-api-key-source'],
  ['MinimumCompressionSize', 'x-amazon-apigateway-minimum-compression-size'],
  ['Policy', 'x-amazon-apigateway-policy'],
]

/**
 * Reads every REST API of a (SAM-translated) template.
 *
 * @param resolver - the template's resolver
 * @param skip - receives APIs Portico cannot build, with the reason
 * @param warn - receives what the OpenAPI import only warns about
 * @param failOnWarnings - make those warnings ConfigErrors
 * @returns the APIs found
 * @throws ConfigError naming the place of an invalid body, stage or method
 */
export function readRestApis(
  resolver: TemplateResolver,
  skip: (logicalId: string, reason: string) => void,
  warn: (message: string) => void = () => {},
  failOnWarnings?: boolean,
): ApiFound[] {
  const out: ApiFound[] = []
  for (const [logicalId, resource] of resolver.resources) {
    if (resource.Type !== 'AWS::ApiGateway::RestApi') continue
    const where = `Resources.${logicalId}.Properties`
    const raw = resource.Properties ?? {}
    const props = resolver.resolve({ ...raw, Body: undefined }, where) as Doc
    let body: Doc
    if (raw['Body'] !== undefined) {
      const resolved = resolver.resolve(raw['Body'], `${where}.Body`)
      body = within(`${where}.Body`, () =>
        typeof resolved === 'string' ? parseDocument(resolved) : copy(parseDocument(resolved)),
      )
    } else if (props['BodyS3Location'] !== undefined) {
      skip(logicalId, `${where}.BodyS3Location is in Amazon S3: put the OpenAPI document in Body`)
      continue
    } else body = restBodyFromResources(logicalId, resolver, textOf(props['Name'] ?? logicalId))
    for (const [property, extension] of ROOT_PROPERTIES)
      if (props[property] !== undefined) body[extension] = props[property]
    const definition: ApiDefinition = within(`${where}.Body`, () =>
      importOpenApi(body, bodyImportOptions(`${where}.Body`, warn, failOnWarnings)),
    )
    if (typeof props['Name'] === 'string') definition.name = props['Name']
    const apiId = String(resolver.ref(logicalId, `Resources.${logicalId}`))
    out.push({
      logicalId,
      kind: 'REST',
      name: definition.name,
      apiId,
      stages: restStages(resolver, apiId),
      definition,
    })
  }
  return out
}

function restStages(resolver: TemplateResolver, apiId: string): StageOptions[] {
  const stages: StageOptions[] = []
  for (const [logicalId, resource] of resolver.resources) {
    const where = `Resources.${logicalId}.Properties`
    const raw = resource.Properties ?? {}
    if (resource.Type === 'AWS::ApiGateway::Stage') {
      if (resolver.resolve(raw['RestApiId'], `${where}.RestApiId`) !== apiId) continue
      const props = resolver.resolve(raw, where) as Doc
      if (typeof props['StageName'] !== 'string')
        throw new ConfigError(`${where}.StageName`, 'is required')
      stages.push(restStage(props['StageName'], props, where))
    } else if (resource.Type === 'AWS::ApiGateway::Deployment' && raw['StageName'] !== undefined) {
      if (resolver.resolve(raw['RestApiId'], `${where}.RestApiId`) !== apiId) continue
      const props = resolver.resolve(raw, where) as Doc
      const description: Doc = isObject(props['StageDescription'])
        ? { ...props['StageDescription'] }
        : {}
      // DeploymentCanarySettings: the canary the deployment creates on its stage.
      if (isObject(props['DeploymentCanarySettings']) && description['CanarySetting'] === undefined)
        description['CanarySetting'] = props['DeploymentCanarySettings']
      const name = String(props['StageName'])
      if (!stages.some((stage) => stage.name === name))
        stages.push(restStage(name, description, `${where}.StageDescription`))
    }
  }
  if (stages.some((stage) => stage.canarySettings)) {
    // A template holds one definition per API: its stages and canaries all serve that deployment
    // (the canary differs by its stage variable overrides and $context.isCanaryRequest).
    const deploymentId = stableId(`${apiId}:deployment`, 6)
    for (const stage of stages) {
      stage.deploymentId = deploymentId
      if (stage.canarySettings) stage.canarySettings = { ...stage.canarySettings, deploymentId }
    }
  }
  return stages
}
