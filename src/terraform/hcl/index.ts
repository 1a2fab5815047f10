/**
 * HCL2 native syntax for the Terraform reader: {@link parseHcl} and the syntax tree it returns.
 *
 * A quoted string or heredoc that is exactly one interpolation (`"${var.x}"`) is returned as
 * that expression itself (not a `template`), so its value keeps its type, as in HCL.
 *
 * @module
 */
export { parseHcl } from './parse.js'
export type * from './ast.js'
