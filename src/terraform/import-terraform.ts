/**
 * `importTerraform`: the API Gateway APIs, Lambda functions, usage plans and API keys of a
 * Terraform root module, read from its `.tf` files (no `terraform init`, `plan` or `apply`).
 */
import { loadTerraform } from './eval/index.js'
import { importInstances } from './import-instances.js'
import type { ImportedTerraform, TerraformOptions } from './model.js'
import { isApiType } from './translate/index.js'

/**
 * Reads a Terraform root module and lists the APIs it defines, each ready for
 * `createGateway({ api })` (REST, HTTP) or `createWebSocketGateway({ api })` (WebSocket).
 *
 * The `.tf` files are parsed and evaluated lazily from the `aws_api_gateway_*`,
 * `aws_apigatewayv2_*`, `aws_lambda_function` and `archive_file` resources: variables (defaults,
 * `terraform.tfvars`, `*.auto.tfvars`, `varFiles`, `TF_VAR_*`, `vars`), locals, local modules,
 * `count` / `for_each`, `dynamic` blocks and the functions Terraform configurations use.
 * Attributes known only after `apply` (ids, ARNs, `invoke_arn`, `root_resource_id`) are linked
 * as CloudFormation would link them, so the API gets AWS's semantics through the same importer
 * as a CloudFormation template. A function's code is the `source_dir` (or `source_file`'s
 * directory) of the `archive_file` its `filename` comes from, or `options.functionCode`.
 *
 * What cannot be known statically (a variable without a value, a data source that asks AWS, a
 * registry module not fetched, a function Portico lacks) is a diagnostic with its address,
 * attribute, `file:line`, reference chain, hint, and the routes it disables; the rest of the
 * API still loads. With `strict: true` an error diagnostic is a ConfigError instead.
 *
 * @param directory - the root module: a directory of `.tf` files
 * @param options - variables, var files, region and account, function code, `strict`
 * @returns `{ apis, functions, usagePlans, apiKeys, usagePlanKeys, diagnostics, warnings, template }`
 * @throws ConfigError for a directory without `.tf` files, a syntax error (`file:line:column`),
 *   a definition the API importer refuses (naming the Terraform address and `file:line`), or,
 *   with `strict`, the first error diagnostic
 * @example
 * ```ts
 * import { createGateway, importTerraform } from 'portico'
 * const { apis, diagnostics } = importTerraform('./infra', { vars: { stage: 'dev' } })
 * for (const d of diagnostics) console.warn(`${d.code}: ${d.message}`)
 * const [api] = apis // each has its Terraform `address`, `kind` and `stages`
 * const gateway = createGateway({ api })
 * const res = await gateway.invoke({ method: 'GET', path: '/users' })
 * ```
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_api
 */
export function importTerraform(
  directory: string,
  options: TerraformOptions = {},
): ImportedTerraform {
  const { functionCode: _, strict: __, failOnWarnings: ___, ...load } = options
  const config = loadTerraform(directory, load)
  const instances = config.instances(isApiType)
  return importInstances(
    instances,
    { rootDir: config.rootDir, diagnostics: config.diagnostics },
    options,
  )
}
