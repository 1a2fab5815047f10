/**
 * Terraform: `importTerraform(directory)` reads the `aws_api_gateway_*`, `aws_apigatewayv2_*`
 * and `aws_lambda_function` resources of a root module's `.tf` files and lists its APIs, each
 * ready for `createGateway({ api })`.
 *
 * @module
 */
export { importTerraform } from './import-terraform.js'
export { formatDiagnostic } from './import-instances.js'
export type {
  ImportedTerraform,
  TerraformApi,
  TerraformFunction,
  TerraformOptions,
} from './model.js'
export {
  ComputedToken,
  TokenString,
  UnknownValue,
  type ResourceInstance,
  type TerraformDiagnostic,
  type TfValue,
} from './values.js'
export type { SourcePos } from './hcl/ast.js'
