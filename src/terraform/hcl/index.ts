/**
 * HCL2 native syntax for the Terraform reader: {@link parseHcl} and the syntax tree it returns.
 *
 * A quoted string or heredoc that is exactly one interpolation (`"${var.x}"`) is returned as
 * that expression itself (not a `template`), so its value keeps its type, as in HCL.
 * Positions: a `getattr`/`index`/`splat` node is placed at its `.` or `[`, a `binary` or
 * `conditional` node at its first operand, every other node at its first character; columns
 * count UTF-16 code units. Numbers are JavaScript numbers (one beyond its range is an error).
 *
 * @module
 */
export { parseHcl } from './parse.js'
export type * from './ast.js'
