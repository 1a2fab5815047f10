/**
 * Evaluated Terraform instances → a CloudFormation template in memory plus the map between
 * logical ids and Terraform addresses.
 *
 * @module
 */
export { translateInstances, type Translation, type TranslateOptions } from './translate.js'
export { isApiType } from './types.js'
export { holdsStandInOf } from './convert.js'
export {
  LogicalIds,
  describeOrigin,
  shownFile,
  toTerraformTerms,
  type AddressOrigin,
} from './logical-ids.js'
export type { FunctionCode } from './lambda.js'
