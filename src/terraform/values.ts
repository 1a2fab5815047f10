/**
 * What the Terraform evaluator produces: plain JSON-like values, plus three kinds of value that
 * exist only before `terraform apply`:
 *
 * - {@link ComputedToken}: an attribute Terraform computes on apply (an id, an ARN,
 *   `invoke_arn`, `root_resource_id`), remembering which resource and attribute it stands for;
 * - {@link TokenString}: a string in which such tokens are embedded (`"integrations/${x.id}"`,
 *   `jsonencode({ uri = x.invoke_arn })`), kept as its pieces;
 * - {@link UnknownValue}: a value Portico cannot know (a data source that asks AWS, a variable
 *   without a value, a missing function), carrying the diagnostic that says why.
 *
 * Contract between the evaluator (`eval/`) and the translation to a CloudFormation template
 * (`translate/`).
 */
import type { SourcePos } from './hcl/ast.js'

/** A diagnostic: what could not be known, where, through what, and how to fix it. */
export interface TerraformDiagnostic {
  /** e.g. `unknown-data-source`, `unset-variable`, `unsupported-function`, `registry-module`. */
  readonly code: string
  readonly severity: 'error' | 'warning'
  readonly message: string
  /** The resource (or module call, data source, variable) the problem is in. */
  readonly address?: string
  /** The attribute whose value could not be known. */
  readonly attribute?: string
  /** `file:line` of the expression. */
  readonly pos?: SourcePos
  /** The references followed to get here, outermost first (`var.fn_arn`, `module.api`, …). */
  readonly chain?: readonly string[]
  /** Routes disabled because of it (`GET /users`), filled in by the translation. */
  readonly routes?: readonly string[]
  /** What the user can do: `pass -var 'name=value'`, `map this function to its code`… */
  readonly hint?: string
}

/** An attribute Terraform knows only after apply. */
export class ComputedToken {
  /** The resource's full address: `aws_lambda_function.fn`, `module.api.aws_api_gateway_rest_api.this[0]`. */
  readonly address: string
  /** The resource type, e.g. `aws_lambda_function`. */
  readonly resourceType: string
  /** The attribute, e.g. `invoke_arn`, `id`, `root_resource_id`. */
  readonly attribute: string
  /** References it flowed through, e.g. `module.api.var.lambda_arn`, `output.invoke_arn`. */
  readonly chain: readonly string[]
  constructor(
    address: string,
    resourceType: string,
    attribute: string,
    chain: readonly string[] = [],
  ) {
    this.address = address
    this.resourceType = resourceType
    this.attribute = attribute
    this.chain = chain
  }
}

/** A string with computed tokens inside: its pieces in order. */
export class TokenString {
  readonly parts: readonly (string | ComputedToken)[]
  constructor(parts: readonly (string | ComputedToken)[]) {
    this.parts = parts
  }
}

/** A value that cannot be known statically. */
export class UnknownValue {
  readonly diagnostic: TerraformDiagnostic
  constructor(diagnostic: TerraformDiagnostic) {
    this.diagnostic = diagnostic
  }
}

/** An evaluated value. Objects are plain records; blocks appear as arrays of records. */
export type TfValue =
  | null
  | string
  | number
  | boolean
  | readonly TfValue[]
  | { readonly [key: string]: TfValue }
  | ComputedToken
  | TokenString
  | UnknownValue

/**
 * One instance of a resource or data source after `count` / `for_each` expansion, with every
 * argument evaluated. Nested blocks (including expanded `dynamic` blocks) appear under their
 * block type as arrays of records, as `terraform show -json` shows them:
 * `environment { variables = {…} }` becomes `environment: [{ variables: {…} }]`.
 */
export interface ResourceInstance {
  /** `aws_api_gateway_method.get`, `module.api.aws_lambda_function.fn["users"]`, `data.archive_file.zip` */
  readonly address: string
  readonly mode: 'managed' | 'data'
  readonly type: string
  readonly name: string
  /** `count.index` or `each.key`, when the resource is expanded. */
  readonly key?: string | number
  /** Module call names from the root: `['api']` for `module.api.…`. */
  readonly modulePath: readonly string[]
  /** The module's directory (absolute): relative paths such as `filename` start here. */
  readonly moduleDir: string
  readonly values: { readonly [argument: string]: TfValue }
  readonly pos: SourcePos
}
