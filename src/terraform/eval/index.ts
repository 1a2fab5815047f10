/**
 * The Terraform evaluator: a root module's `.tf` files → evaluated resource instances, with
 * values known only after apply kept as tokens and what cannot be known reported as
 * diagnostics.
 *
 * @module
 */
export { loadTerraform, type TerraformConfig, type TerraformLoadOptions } from './load.js'
export { supportedFunctions } from './functions/index.js'
