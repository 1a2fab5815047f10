/**
 * The resource budget of one template render. AWS runs templates on a JVM that a template can
 * only slow down; here a render shares the host's event loop and heap, so every render gets a
 * fixed allowance and fails with a {@link TemplateRuntimeError} (before anything is built) when it
 * would go past it:
 *
 * - **steps** ({@link MAX_RENDER_STEPS}): one per directive, reference, expression or method call
 *   executed, per `#foreach` iteration and macro call, one per element a collection method visits
 *   (`keySet()`, `contains()`, JSONPath results; 16 per key of a map whose keys are listed), one
 *   per 128 characters a string method or comparison scans natively and one per 4 characters
 *   walked in JavaScript (`hashCode`, `trim`); parsing JSON with `parseJson` charges one per 2;
 * - **characters** ({@link MAX_RENDER_CHARS}): the total length of the flat strings a render builds
 *   with string methods, `$util`, `$input.json` and printing of maps and lists;
 * - **items** ({@link MAX_RENDER_ITEMS}): elements a template adds to lists and maps;
 * - every single string a template builds, like the output, is at most {@link MAX_STRING_CHARS}.
 *
 * The counters are plain numbers decremented as the render goes (no clock reads). Rendering is
 * synchronous, so the budget of the render under way is module state, installed by
 * {@link enterBudget} and restored afterwards.
 */
import { PorticoError, brandError, hasErrorBrand } from '../../errors.js'

/** Steps a render may take (see the module description for what a step is). */
export const MAX_RENDER_STEPS: number = 5_000_000
/** Characters of flat strings a render may build in total. */
export const MAX_RENDER_CHARS: number = 64 * 1024 * 1024
/** Elements a render may add to lists and maps in total (`add`, `put`, `#set($m.k = …)`). */
export const MAX_RENDER_ITEMS: number = 1_000_000
/** Longest string a render may build, the template output included (10 Mi characters). */
export const MAX_STRING_CHARS: number = 10 * 1024 * 1024
/** Deepest nesting of macro calls and `#define` prints (Velocity's `velocimacro.max.depth`). */
export const MAX_CALL_DEPTH: number = 20

/**
 * A failure while rendering: a bad regex, invalid JSON for `parseJson`, or a render that went past
 * its budget (code `ERR_PORTICO_TEMPLATE`). The gateway answers it as AWS answers a template that
 * fails at runtime: 500 `{"message": "Internal server error"}`.
 */
export class TemplateRuntimeError extends PorticoError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'ERR_PORTICO_TEMPLATE', options)
    brandError(this, 'TemplateRuntimeError')
  }
}

/**
 * Whether `value` is a {@link TemplateRuntimeError}, also one made by another copy of the package.
 *
 * @param value - anything caught
 * @returns true for a `TemplateRuntimeError`
 */
export function isTemplateRuntimeError(value: unknown): value is TemplateRuntimeError {
  return value instanceof TemplateRuntimeError || hasErrorBrand(value, 'TemplateRuntimeError')
}

/** What one render has left. */
export interface RenderBudget {
  steps: number
  chars: number
  items: number
  /** Macro calls and `#define` prints under way. */
  depth: number
  /**
   * Whether the template stored a collection or host value inside a list or map, so JSON values
   * may share nodes (or hold themselves) and must be measured before native serialisation.
   */
  shared: boolean
}

/**
 * A full budget for a new render.
 *
 * @returns the budget
 */
export function newBudget(): RenderBudget {
  return {
    steps: MAX_RENDER_STEPS,
    chars: MAX_RENDER_CHARS,
    items: MAX_RENDER_ITEMS,
    depth: 0,
    shared: false,
  }
}

/** Outside any render (e.g. printing a value after it): no totals, only per-string limits. */
const UNLIMITED: RenderBudget = {
  steps: Infinity,
  chars: Infinity,
  items: Infinity,
  depth: 0,
  shared: true,
}

let current: RenderBudget = UNLIMITED

/**
 * Makes `budget` the one charged until {@link leaveBudget}.
 *
 * @param budget - the render's budget
 * @returns the budget it replaces, for {@link leaveBudget}
 */
export function enterBudget(budget: RenderBudget): RenderBudget {
  const saved = current
  current = budget
  return saved
}

/**
 * Restores the budget {@link enterBudget} replaced.
 *
 * @param saved - what {@link enterBudget} returned
 */
export function leaveBudget(saved: RenderBudget): void {
  current = saved
}

function exceeded(what: string, limit: number): never {
  throw new TemplateRuntimeError(`template exceeded its budget of ${limit} ${what}`)
}

/**
 * Charges steps.
 *
 * @param n - steps
 * @throws TemplateRuntimeError past {@link MAX_RENDER_STEPS}
 */
export function spendSteps(n: number): void {
  if ((current.steps -= n) < 0) exceeded('steps', MAX_RENDER_STEPS)
}

/**
 * Steps the budget being charged has left (Infinity outside any render and any
 * {@link withStepBudget}).
 *
 * @returns the steps left
 */
export function stepsLeft(): number {
  return current.steps
}

/**
 * Items the budget being charged has left.
 *
 * @returns the items left
 */
export function itemsLeft(): number {
  return current.items
}

/**
 * Runs `run` charged to the render under way or, outside any render, to a budget of its own of
 * {@link MAX_RENDER_STEPS} steps (for work outside templates that client input can make long, such
 * as a `selectionPattern` or `identityValidationExpression` match).
 *
 * @param run - the work
 * @returns what `run` returns
 * @throws TemplateRuntimeError when the work goes past the budget
 */
export function withStepBudget<T>(run: () => T): T {
  if (current.steps !== Infinity) return run()
  const saved = enterBudget(newBudget())
  try {
    return run()
  } finally {
    leaveBudget(saved)
  }
}

/**
 * Charges the steps of scanning `length` characters (one per 128, at least one).
 *
 * @param length - characters scanned
 */
export function spendScan(length: number): void {
  if ((current.steps -= 1 + (length >>> 7)) < 0) exceeded('steps', MAX_RENDER_STEPS)
}

/**
 * Charges the steps of walking `length` characters one at a time in JavaScript (`hashCode`,
 * `trim`, parsing): one per 4, at least one. Such a walk costs up to ~10 ns a character, against
 * ~0.1 ns for the native searches {@link spendScan} charges.
 *
 * @param length - characters walked
 */
export function spendWalk(length: number): void {
  if ((current.steps -= 1 + (length >>> 2)) < 0) exceeded('steps', MAX_RENDER_STEPS)
}

/**
 * Charges a comparison of two strings: free when either is short, else the characters compared.
 *
 * @param a - one string
 * @param b - the other
 */
export function spendCompare(a: string, b: string): void {
  const length = a.length < b.length ? a.length : b.length
  if (length > 256) spendScan(length)
}

/**
 * Charges a flat string about to be built (or just built, when its size cannot be known first
 * and is at most a small multiple of inputs already allowed).
 *
 * @param length - its length in UTF-16 units
 * @param what - what is built, for the message
 * @throws TemplateRuntimeError when longer than {@link MAX_STRING_CHARS} or past
 *   {@link MAX_RENDER_CHARS}
 */
export function spendChars(length: number, what = 'string'): void {
  checkLength(length, what)
  if ((current.chars -= length) < 0) exceeded('characters', MAX_RENDER_CHARS)
}

/**
 * Checks the length of a string about to be built, without charging it (for strings that share
 * their parts, such as concatenations).
 *
 * @param length - its length
 * @param what - what is built, for the message
 * @throws TemplateRuntimeError when longer than {@link MAX_STRING_CHARS}
 */
export function checkLength(length: number, what = 'string'): void {
  if (length > MAX_STRING_CHARS)
    throw new TemplateRuntimeError(`${what} is larger than ${MAX_STRING_CHARS} characters`)
}

/**
 * Charges elements added to a collection; a stored collection or host value marks the render's
 * JSON as possibly shared.
 *
 * @param n - elements added
 * @param value - the (last) value stored, if one
 */
export function spendItems(n: number, value?: unknown): void {
  if ((current.items -= n) < 0) exceeded('collection items', MAX_RENDER_ITEMS)
  if (typeof value === 'object' && value !== null) current.shared = true
}

/**
 * Whether values stored by this render may make JSON nodes shared or cyclic.
 *
 * @returns true when JSON must be measured before native serialisation
 */
export function mayShare(): boolean {
  return current.shared
}

/**
 * Enters a macro call or `#define` print.
 *
 * @throws TemplateRuntimeError past {@link MAX_CALL_DEPTH}
 */
export function enterCall(): void {
  if (++current.depth > MAX_CALL_DEPTH) {
    current.depth--
    throw new TemplateRuntimeError(`macro calls are nested deeper than ${MAX_CALL_DEPTH}`)
  }
}

/** Leaves what {@link enterCall} entered. */
export function leaveCall(): void {
  current.depth--
}
