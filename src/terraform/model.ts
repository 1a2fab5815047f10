/**
 * What {@link importTerraform} takes and returns.
 */
import type { ApiKey, UsagePlan, UsagePlanKey } from '../auth/index.js'
import type { TemplateApi, TemplateFunction } from '../template/index.js'
import type { SourcePos } from './hcl/ast.js'
import type { TerraformDiagnostic } from './values.js'

/** Options of `importTerraform` (and of `portico serve ./infra`). */
export interface TerraformOptions {
  /**
   * Input variable values (`terraform -var`), the highest precedence. A string is read as
   * `-var` reads it: an HCL literal for list, map and object variables.
   */
  vars?: Record<string, unknown>
  /** `-var-file` paths (relative to the current directory), after `terraform.tfvars` and `*.auto.tfvars`. */
  varFiles?: readonly string[]
  /** Where `TF_VAR_*` values come from. @default process.env */
  env?: Readonly<Record<string, string | undefined>>
  /**
   * `data.aws_region`, and the region of the ARNs Portico makes.
   * @default the aws provider's literal `region`, else `us-east-1`
   */
  region?: string
  /** `data.aws_caller_identity.account_id`. @default `123456789012` */
  accountId?: string
  /** `terraform.workspace`. @default `default` */
  workspace?: string
  /**
   * Code directories of Lambda functions, by `function_name` or by resource address
   * (`aws_lambda_function.api`): for functions whose code is a container image, in Amazon S3,
   * or a zip Portico cannot trace to its sources. Relative paths start at the current directory.
   * A mapping wins over the `archive_file` a function's `filename` comes from.
   */
  functionCode?: Readonly<Record<string, string>>
  /**
   * Diagnostics with severity `error` (values that disable routes) become a ConfigError
   * instead of leaving the affected routes out.
   * @default false
   */
  strict?: boolean
  /**
   * Like AWS's `failonwarnings` import parameter, for OpenAPI `body` documents: what AWS's
   * import only warns about becomes a ConfigError.
   * @default false
   */
  failOnWarnings?: boolean
}

/** An API of the Terraform configuration: a {@link TemplateApi} that names its resource. */
export interface TerraformApi extends TemplateApi {
  /** The API resource's address, e.g. `aws_api_gateway_rest_api.main`, `module.api.aws_apigatewayv2_api.this[0]`. */
  readonly address: string
  /** Where the resource is declared. */
  readonly pos?: SourcePos
}

/** A Lambda function of the configuration. */
export interface TerraformFunction extends TemplateFunction {
  /** The function resource's address, e.g. `aws_lambda_function.hello`. */
  readonly address: string
}

/** What `importTerraform` found. */
export interface ImportedTerraform {
  /** The REST, HTTP and WebSocket APIs, each ready for `createGateway({ api })` (WebSocket: `createWebSocketGateway`). */
  readonly apis: readonly TerraformApi[]
  readonly functions: readonly TerraformFunction[]
  readonly usagePlans: readonly UsagePlan[]
  readonly apiKeys: readonly ApiKey[]
  readonly usagePlanKeys: readonly UsagePlanKey[]
  /** What could not be known or is not supported, each with its address, place and fix. */
  readonly diagnostics: readonly TerraformDiagnostic[]
  /** What the API import ignored or warned about, naming Terraform addresses. */
  readonly warnings: readonly string[]
  /** The CloudFormation template Portico generated (for debugging; its logical ids derive from the addresses). */
  readonly template: Readonly<Record<string, unknown>>
}
