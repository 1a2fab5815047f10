/**
 * Limits that keep a strange configuration from hanging or exhausting memory. Definition authors
 * are trusted, so these are generous; a value over a limit becomes an UnknownValue with a
 * `limit` diagnostic (never a crash).
 */

/** Nested expression / reference evaluation depth. */
export const MAX_DEPTH = 400
/** Evaluation steps (expression nodes and collection elements) in one load. */
export const MAX_STEPS = 2_000_000
/** Elements `range()` may produce, and instances `count` / `for_each` may create. */
export const MAX_ELEMENTS = 100_000
/** Instances of one resource or module call (`count` / `for_each`). */
export const MAX_INSTANCES = 10_000
/** Module nesting depth (a module calling itself stops here). */
export const MAX_MODULE_DEPTH = 24
/** Module calls read in one load (a module calling itself twice would grow exponentially). */
export const MAX_MODULES = 500
/** Bytes `file()` and friends read from one file. */
export const MAX_FILE_BYTES: number = 32 * 1024 * 1024
/** Length of a string a function builds (format width, etc.). */
export const MAX_STRING: number = 64 * 1024 * 1024
