/**
 * Template values as API Gateway's Java Velocity sees them, and how they print.
 *
 * JSON from `$input.path` / `$util.parseJson` arrives as plain JS values: objects behave as
 * Java maps and print as `{k=v, a=1}`; arrays are json-smart arrays and print as JSON. Lists a
 * template makes itself (`[1, 2]`, ranges, `keySet()`, `split()`) are Java lists and print as
 * `[1, 2]`. Host objects (`$input`, `$util`, `#define` blocks) answer through {@link VtlHost}.
 */

import {
  checkLength,
  mayShare,
  MAX_STRING_CHARS,
  spendChars,
  spendCompare,
  spendSteps,
  spendWalk,
  TemplateRuntimeError,
} from './budget.js'

/** An object with its own template surface (`$input`, `$util`, map entries). */
export abstract class VtlHost {
  /** `$obj.name`. */
  abstract property(name: string): unknown
  /** `$obj.name(args)`; `undefined` for an unknown method. */
  abstract call(name: string, args: readonly unknown[]): unknown
  /** How `$obj` prints. */
  abstract print(): string
}

/** A Java list a template made: prints as `[a, b]`. */
export class JavaList {
  readonly items: unknown[]
  constructor(items: unknown[]) {
    this.items = items
  }
}

/** A `Map.Entry` from `entrySet()`: `.key`, `.value`, `getKey()`, `getValue()`. */
export class MapEntry extends VtlHost {
  readonly key: string
  readonly value: unknown
  constructor(key: string, value: unknown) {
    super()
    this.key = key
    this.value = value
  }
  property(name: string): unknown {
    return name === 'key' ? this.key : name === 'value' ? this.value : undefined
  }
  call(name: string): unknown {
    if (name === 'getKey') return this.key
    if (name === 'getValue') return this.value
    if (name === 'toString') return this.print()
    return undefined
  }
  print(): string {
    return printBounded(printEntry, this)
  }
}

/** A plain JSON object or a map a template made. */
export type JavaMap = Record<string, unknown>

/**
 * Whether a value is a map (a plain object that is not a list or host object).
 *
 * @param value - any value
 * @returns true for maps
 */
export function isMap(value: unknown): value is JavaMap {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof JavaList) &&
    !(value instanceof VtlHost)
  )
}

/**
 * The items of a list value (JSON array or Java list), or undefined.
 *
 * @param value - any value
 * @returns the items
 */
export function listItems(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value as unknown[]
  if (value instanceof JavaList) return value.items
  return undefined
}

/**
 * A number as Java prints it: integers without a fraction, others as JS does.
 *
 * @param n - the number
 * @returns the text
 */
export function printNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n)
  if (Number.isNaN(n)) return 'NaN'
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity'
  return String(n)
}

/** Maps that print as empty text: see {@link printsEmpty}. */
const silentMaps = new WeakSet<object>()

/**
 * Marks a map of `$context` that AWS prints as empty text: `$context.identity`,
 * `$context.requestOverride`, `$context.responseOverride` and their sub-maps (AWS-recorded,
 * LocalStack `test_apigateway_sqs.py::test_sqs_amz_json_protocol`). Its entries stay readable.
 *
 * @param map - the map
 * @returns the same map
 */
export function printsEmpty<T extends object>(map: T): T {
  silentMaps.add(map)
  return map
}

/**
 * How a value prints in template output: null as nothing, maps as `{k=v}`, JSON arrays as
 * JSON, Java lists as `[a, b]`.
 *
 * @param value - any value
 * @returns the text
 * @throws TemplateRuntimeError when the text would be longer than {@link MAX_STRING_CHARS} (a
 *   template can make lists that hold themselves or share their parts) or past the render's budget
 */
export function printValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return (value | 0) === value ? `${value}` : printNumber(value)
  if (value === null || value === undefined) return ''
  if (typeof value !== 'object') return printNested(value)
  if (silentMaps.has(value)) return ''
  const text = printBounded(printNested, value)
  // Printing a map or Java list walks it in JavaScript (~20 ns a printed character for a large
  // map), against one step per piece charged as it goes.
  if (isMap(value) || value instanceof JavaList) spendWalk(text.length)
  return text
}

/** Characters the print under way may still produce; -1 when none is under way. */
let printLeft = -1

/** Runs a print with one length budget, however the value nests or shares its parts. */
function printBounded<T>(print: (value: T) => string, value: T): string {
  if (printLeft >= 0) return print(value)
  printLeft = MAX_STRING_CHARS
  try {
    const text = print(value)
    spendChars(text.length, 'printed value')
    return text
  } finally {
    printLeft = -1
  }
}

/** Counts a piece of printed text that no nested print counted (and a step for it). */
function printed(text: string): string {
  spendSteps(1)
  if (printLeft >= 0 && (printLeft -= text.length) < 0)
    throw new TemplateRuntimeError(`printed value is larger than ${MAX_STRING_CHARS} characters`)
  return text
}

/**
 * `JSON.stringify` of a JSON value, within the string budget. A JSON tree is at most a few times
 * the text it was parsed from; once a render has stored values inside collections they may share
 * nodes or hold themselves, so they are measured first, and nothing exponential is built.
 *
 * @param value - the value
 * @returns the JSON text (undefined for undefined, as `JSON.stringify`)
 * @throws TemplateRuntimeError when it would be larger than {@link MAX_STRING_CHARS}
 */
export function stringifyJson(value: unknown): string {
  if (typeof value === 'object' && value !== null && mayShare()) {
    let left = MAX_STRING_CHARS
    const visit = (node: unknown): void => {
      spendSteps(1)
      if (typeof node === 'string') left -= node.length + 2
      else if (typeof node !== 'object' || node === null) left -= 1
      else {
        left -= 2
        if (left >= 0)
          for (const key of Object.keys(node)) {
            left -= key.length + 4
            if (left < 0) break
            visit((node as Record<string, unknown>)[key])
          }
      }
      if (left < 0)
        throw new TemplateRuntimeError(`JSON text is larger than ${MAX_STRING_CHARS} characters`)
    }
    visit(value)
  }
  const text = JSON.stringify(value) as string | undefined
  if (text !== undefined) spendChars(text.length, 'JSON text')
  return text as string
}

/** Printing inside a collection: null is `null`, as Java's `toString` does. */
function printNested(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return printed(value)
    case 'number':
      return printed(printNumber(value))
    case 'boolean':
      return value ? 'true' : 'false'
    case 'undefined':
      return 'null'
    case 'object':
      break
    default:
      return ''
  }
  if (value === null) return 'null'
  if (Array.isArray(value)) return printed(stringifyJson(value))
  if (value instanceof JavaList) {
    const items = value.items
    let out = printed('[')
    for (let i = 0; i < items.length; i++)
      out += i === 0 ? printNested(items[i]) : printed(', ') + printNested(items[i])
    return `${out}]`
  }
  if (value instanceof MapEntry) return printEntry(value)
  if (value instanceof VtlHost) return printed(value.print())
  if (silentMaps.has(value)) return ''
  let out = printed('{')
  let first = true
  for (const key in value as JavaMap) {
    if (!Object.hasOwn(value, key)) continue
    out += printed(`${first ? '' : ', '}${key}=`) + printNested((value as JavaMap)[key])
    first = false
  }
  return `${out}}`
}

function printEntry(entry: MapEntry): string {
  return printed(`${entry.key}=`) + printNested(entry.value)
}

/**
 * Velocity 1.7 truthiness: only null and `false` are false (an empty string or 0 is true).
 *
 * @param value - a condition's value
 * @returns its truth
 */
export function isTrue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false
}

/**
 * Velocity's `==`: numbers by value, same kinds by equality, different kinds by their printed
 * forms; null equals null and, as on AWS, the empty string.
 *
 * @param a - left
 * @param b - right
 * @returns whether they are equal
 */
export function javaEquals(a: unknown, b: unknown): boolean {
  const aNull = a === null || a === undefined
  const bNull = b === null || b === undefined
  if (aNull || bNull) return (aNull && bNull) || (aNull ? b === '' : a === '')
  if (typeof a === 'number' && typeof b === 'number') return a === b
  if (typeof a === 'string' && typeof b === 'string') return stringsEqual(a, b)
  if (typeof a === typeof b && typeof a !== 'object') return a === b
  if (a === b) return true
  // A map or list never prints as a string that does not open and close as it does: no need to
  // print it (printing a large one costs ~0.3 µs a key).
  if (typeof a === 'string' ? cannotPrintAs(b, a) : typeof b === 'string' && cannotPrintAs(a, b))
    return false
  return stringsEqual(printValue(a), printValue(b))
}

/** `===` of two strings, charged the characters compared when their lengths are equal. */
function stringsEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  spendCompare(a, b)
  return a === b
}

/** Whether `value` (a map or list) surely does not print as `text`. */
function cannotPrintAs(value: unknown, text: string): boolean {
  if (typeof value !== 'object' || value === null || value instanceof VtlHost) return false
  const [open, close] = isMap(value) ? ['{', '}'] : ['[', ']']
  return !text.startsWith(open) || !text.endsWith(close)
}

/**
 * Velocity's ordering comparisons: numbers only (anything else compares false).
 *
 * @param a - left
 * @param b - right
 * @returns negative, zero, positive, or undefined when not comparable
 */
export function javaCompare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'string' && typeof b === 'string') {
    spendCompare(a, b)
    return a < b ? -1 : a > b ? 1 : 0
  }
  return undefined
}

/**
 * Velocity arithmetic: integer operands give integer results (`5 / 2` is 2), `+` with a string
 * concatenates, and anything undefined (division by zero, non-numbers) is null.
 *
 * @param operator - `+ - * / %`
 * @param a - left
 * @param b - right
 * @param decimal - whether an operand is a decimal literal (Java `double`)
 * @returns the result, or null
 */
export function arithmetic(operator: string, a: unknown, b: unknown, decimal = false): unknown {
  if (operator === '+' && (typeof a === 'string' || typeof b === 'string')) {
    if (a === null || a === undefined || b === null || b === undefined) return null
    const left = printValue(a)
    const right = printValue(b)
    checkLength(left.length + right.length)
    return left + right
  }
  if (typeof a !== 'number' || typeof b !== 'number') return null
  const integral = !decimal && Number.isInteger(a) && Number.isInteger(b)
  switch (operator) {
    case '+':
      return a + b
    case '-':
      return a - b
    case '*':
      return a * b
    case '/':
      if (b === 0) return null
      return integral ? Math.trunc(a / b) : a / b
    case '%':
      if (b === 0) return null
      return a % b
    default:
      return null
  }
}
