/**
 * What {@link importTemplate} returns: the template's APIs (each ready for `createGateway`),
 * functions, usage plans and API keys.
 */
import type { ApiKey, UsagePlan, UsagePlanKey } from '../auth/index.js'
import type { ApiDefinition } from '../definition/index.js'
import type { HttpApiDefinition } from '../http-api/index.js'
import type { StageOptions } from '../stages/index.js'
import type { WebSocketApiDefinition } from '../websocket/index.js'
import type { TemplateFunction } from './functions.js'
import type { IntrinsicOptions } from './intrinsics.js'

/** Options of {@link importTemplate} (and of `createGateway` for a template). */
export interface TemplateOptions extends IntrinsicOptions {
  /**
   * The directory relative paths in the template start from (`CodeUri`, `DefinitionUri`,
   * `AWS::Include` locations, CDK asset paths): the template file's directory.
   * @default the current working directory
   */
  baseDir?: string
  /**
   * Like AWS's `failonwarnings` import parameter, for the OpenAPI bodies of the template's
   * APIs: what AWS's import only warns about becomes a ConfigError.
   * @default false
   */
  failOnWarnings?: boolean
}

/** An API of the template, as `createGateway({ api })` takes it. */
export interface TemplateApi {
  readonly logicalId: string
  readonly kind: 'REST' | 'HTTP' | 'WEBSOCKET'
  /** The API's name (`Name`, else the body's `info.title`). */
  readonly name: string
  /** What `!Ref` of the API gives, and `$context.apiId`. */
  readonly apiId: string
  /** The first stage's name (`Prod` for SAM's implicit REST API, `$default` for HTTP APIs). */
  readonly stageName: string
  /** Every stage of the API in the template, the first served by default. */
  readonly stages: readonly StageOptions[]
  readonly definition: ApiDefinition | HttpApiDefinition | WebSocketApiDefinition
  /** Every function of the template (integrations and authorizers find theirs by name). */
  readonly functions: readonly TemplateFunction[]
  /** The usage plans that cover this API, their keys and memberships. */
  readonly usagePlans: readonly UsagePlan[]
  readonly apiKeys: readonly ApiKey[]
  readonly usagePlanKeys: readonly UsagePlanKey[]
  readonly baseDir: string
  readonly region: string
  readonly accountId: string
}

/** What {@link importTemplate} found. */
export interface ImportedTemplate {
  readonly apis: readonly TemplateApi[]
  readonly functions: readonly TemplateFunction[]
  readonly usagePlans: readonly UsagePlan[]
  readonly apiKeys: readonly ApiKey[]
  readonly usagePlanKeys: readonly UsagePlanKey[]
  /** What Portico ignored or could not use, each naming the place in the template. */
  readonly warnings: readonly string[]
}

/** The `createGateway` options for an API in a template. */
export interface TemplateGatewayOptions {
  /**
   * Which API of the template to serve, by logical id (`ServerlessRestApi`, `MyApi`…). Needed
   * when the template has several; the error lists the ids found.
   */
  logicalId?: string
  /** Template parameter values, overriding each parameter's `Default`. */
  parameters?: TemplateOptions['parameters']
  /** `Fn::ImportValue` values by export name. */
  importValues?: TemplateOptions['importValues']
  /**
   * Outputs of nested stacks (`AWS::CloudFormation::Stack`, `AWS::Serverless::Application`) by
   * logical id then output name, for `Fn::GetAtt [Stack, Outputs.Name]`.
   */
  nestedStackOutputs?: TemplateOptions['nestedStackOutputs']
  /** `AWS::StackName`. @default `portico` */
  stackName?: string
  /**
   * The directory of the template: `CodeUri`, `DefinitionUri` and asset paths start here.
   * @default the current working directory
   */
  baseDir?: string
}
