/**
 * Member access on template values: the Java methods templates call on strings, maps and lists,
 * and property/index access. Every lookup goes through these tables and own-property checks, so
 * a template can never reach a JavaScript prototype, constructor or global
 * (`$input.body.constructor` is null).
 */
import { setOwn } from '../../core/index.js'
import {
  checkLength,
  itemsLeft,
  spendChars,
  spendItems,
  spendScan,
  spendSteps,
  spendWalk,
} from './budget.js'
import { javaMatches, javaSplit } from './java-regex.js'
import { literalReplace, regexReplace } from './replace.js'
import {
  isMap,
  javaEquals,
  JavaList,
  listItems,
  MapEntry,
  printValue,
  VtlHost,
  type JavaMap,
} from './values.js'

const str = (value: unknown): string => printValue(value)
const int = (value: unknown): number =>
  typeof value === 'number' ? Math.trunc(value) : Number.parseInt(str(value), 10)

/** A Java `indexOf`-style index, or null when out of range (Java would throw). */
function inRange(index: number, length: number, inclusiveEnd = false): boolean {
  return Number.isInteger(index) && index >= 0 && (inclusiveEnd ? index <= length : index < length)
}

/** Java's `trim()`: strips every character up to U+0020 from both ends. */
function javaTrim(s: string): string {
  let start = 0
  let end = s.length
  while (start < end && s.charCodeAt(start) <= 32) start++
  while (end > start && s.charCodeAt(end - 1) <= 32) end--
  return s.slice(start, end)
}

/**
 * Methods that return `s` itself or a slice of it, read a few characters or join two strings
 * (a rope): one step. `trim`, `strip` and `hashCode` walk characters and charge them.
 */
const CONSTANT_TIME = new Set([
  'length',
  'isEmpty',
  'toString',
  'intern',
  'substring',
  'charAt',
  'concat',
])

/** Methods that walk the string in JavaScript and charge what they walk themselves. */
const WALKING = new Set(['trim', 'strip', 'hashCode'])

/** `trim`/`strip`: the characters walked are the ones removed (plus one at each end). */
function trimmed(s: string, result: string): string {
  spendWalk(s.length - result.length)
  return result
}

function stringMethod(s: string, name: string, args: readonly unknown[]): unknown {
  const a = args[0]
  if (CONSTANT_TIME.has(name)) spendSteps(1)
  else if (!WALKING.has(name)) spendScan(s.length)
  switch (name) {
    case 'length':
      return s.length
    case 'isEmpty':
      return s.length === 0
    case 'toString':
    case 'intern':
      return s
    case 'toLowerCase':
    case 'toUpperCase': {
      // At most three UTF-16 units per unit (e.g. ΐ → Ϊ́), so the result is checked once built.
      checkLength(s.length)
      const result = name === 'toLowerCase' ? s.toLowerCase() : s.toUpperCase()
      spendChars(result.length)
      return result
    }
    case 'trim':
      return trimmed(s, javaTrim(s))
    case 'strip':
      return trimmed(s, s.trim())
    case 'substring': {
      const start = int(a)
      const end = args.length > 1 ? int(args[1]) : s.length
      if (!inRange(start, s.length, true) || !inRange(end, s.length, true) || end < start)
        return null
      return s.slice(start, end)
    }
    case 'charAt': {
      const index = int(a)
      return inRange(index, s.length) ? s[index] : null
    }
    case 'indexOf':
      return s.indexOf(str(a), args.length > 1 ? int(args[1]) : 0)
    case 'lastIndexOf':
      return args.length > 1 ? s.lastIndexOf(str(a), int(args[1])) : s.lastIndexOf(str(a))
    case 'contains':
      return s.includes(str(a))
    case 'startsWith':
      return s.startsWith(str(a), args.length > 1 ? int(args[1]) : 0)
    case 'endsWith':
      return s.endsWith(str(a))
    case 'equals':
      return typeof a === 'string' && a === s
    case 'equalsIgnoreCase':
      if (typeof a !== 'string' || a.length !== s.length) return false
      spendChars(2 * s.length)
      return a.toLowerCase() === s.toLowerCase()
    case 'concat': {
      const tail = str(a)
      checkLength(s.length + tail.length)
      return s + tail
    }
    case 'replace':
      return literalReplace(s, str(a), str(args[1]))
    case 'replaceAll':
      return regexReplace(s, str(a), str(args[1]), true)
    case 'replaceFirst':
      return regexReplace(s, str(a), str(args[1]), false)
    case 'matches':
      return javaMatches(str(a), s)
    case 'split': {
      const parts = javaSplit(s, str(a), itemsLeft())
      spendItems(parts.length)
      spendChars(s.length)
      return new JavaList(parts)
    }
    case 'hashCode': {
      spendWalk(s.length)
      let h = 0
      for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0
      return h
    }
    default:
      return undefined
  }
}

/** Map methods that list every key of the map. */
const ALL_KEYS = new Set(['containsValue', 'size', 'isEmpty', 'keySet', 'values', 'entrySet'])

/**
 * Steps charged per key listed: `Object.keys` of a large JSON object (a dictionary) costs
 * ~0.2–1.3 µs a key, some 16 steps.
 */
const STEPS_PER_KEY = 16

/** The keys of a map, charged {@link STEPS_PER_KEY} each. */
function listKeys(m: JavaMap): string[] {
  const keys = Object.keys(m)
  spendSteps(keys.length * STEPS_PER_KEY)
  return keys
}

function mapMethod(m: JavaMap, name: string, args: readonly unknown[]): unknown {
  spendSteps(1)
  if (ALL_KEYS.has(name)) {
    // Counting keys is itself linear for a plain object: listed once, and charged.
    const keys = listKeys(m)
    switch (name) {
      case 'containsValue':
        return keys.some((k) => javaEquals(m[k], args[0]))
      case 'size':
        return keys.length
      case 'isEmpty':
        return keys.length === 0
      case 'keySet':
        return new JavaList(keys)
      case 'values':
        return new JavaList(keys.map((k) => m[k]))
      default:
        return new JavaList(keys.map((k) => new MapEntry(k, m[k])))
    }
  }
  const key = str(args[0])
  switch (name) {
    case 'get':
      return Object.hasOwn(m, key) ? m[key] : null
    case 'containsKey':
      return Object.hasOwn(m, key)
    case 'put': {
      const previous = Object.hasOwn(m, key) ? m[key] : null
      spendItems(1, args[1])
      setOwn(m, key, args[1])
      return previous
    }
    case 'putAll':
      if (isMap(args[0])) {
        const keys = listKeys(args[0])
        spendItems(keys.length, args[0])
        for (const k of keys) setOwn(m, k, args[0][k])
      }
      return null
    case 'remove': {
      const previous = Object.hasOwn(m, key) ? m[key] : null
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a VTL map is a plain object of own keys
      delete m[key]
      return previous
    }
    case 'toString':
      return printValue(m)
    default:
      return undefined
  }
}

function listMethod(
  items: unknown[],
  list: unknown,
  name: string,
  args: readonly unknown[],
): unknown {
  if (name === 'contains' || name === 'indexOf' || name === 'toString') spendSteps(1 + items.length)
  else spendSteps(1)
  switch (name) {
    case 'size':
      return items.length
    case 'isEmpty':
      return items.length === 0
    case 'get': {
      const index = int(args[0])
      return inRange(index, items.length) ? items[index] : null
    }
    case 'contains':
      return items.some((item) => javaEquals(item, args[0]))
    case 'indexOf':
      return items.findIndex((item) => javaEquals(item, args[0]))
    case 'add':
      spendItems(1, args[0])
      items.push(args[0])
      return true
    case 'toString':
      return printValue(list)
    default:
      return undefined
  }
}

/**
 * Calls a Java method on a value.
 *
 * @param target - the value
 * @param name - the method
 * @param args - evaluated arguments
 * @returns the result; undefined when the value has no such method
 */
export function callMethod(target: unknown, name: string, args: readonly unknown[]): unknown {
  if (typeof target === 'string') return stringMethod(target, name, args)
  if (target === null || target === undefined) return undefined
  if (target instanceof VtlHost) return target.call(name, args)
  const items = listItems(target)
  if (items) return listMethod(items, target, name, args)
  if (typeof target === 'object') return mapMethod(target as JavaMap, name, args)
  if (name === 'toString') return printValue(target)
  if (name === 'equals') return javaEquals(target, args[0])
  if (typeof target === 'number') {
    if (name === 'intValue' || name === 'longValue') return Math.trunc(target)
    if (name === 'doubleValue' || name === 'floatValue') return target
  }
  return undefined
}

/**
 * `$value.name`: a map's key, a host object's property, or a Java getter (`size` → `size()`
 * is not a getter, so it is null, as in Velocity).
 *
 * @param target - the value
 * @param name - the property
 * @returns the value, or undefined
 */
export function getProperty(target: unknown, name: string): unknown {
  if (target === null || target === undefined || typeof target !== 'object') {
    if (typeof target === 'string' && name === 'empty') return target.length === 0
    return undefined
  }
  if (target instanceof VtlHost) return target.property(name)
  if (Array.isArray(target) || target instanceof JavaList) {
    if (name === 'empty') return listItems(target)?.length === 0
    return undefined
  }
  return Object.hasOwn(target, name) ? (target as JavaMap)[name] : undefined
}

/**
 * `$value[index]`: a list position or a map key.
 *
 * @param target - the value
 * @param index - the evaluated index
 * @returns the value, or undefined
 */
export function getIndex(target: unknown, index: unknown): unknown {
  const items = listItems(target)
  if (items) {
    const i = typeof index === 'number' ? index : Number.NaN
    return inRange(i, items.length) ? items[i] : undefined
  }
  if (typeof index === 'string' || typeof index === 'number')
    return getProperty(target, String(index))
  return undefined
}

/**
 * `#set($value.name = x)` / `#set($value[i] = x)`.
 *
 * @param target - the map or list
 * @param key - property name or index
 * @param value - the new value
 */
export function setMember(target: unknown, key: unknown, value: unknown): void {
  const items = listItems(target)
  if (items) {
    if (typeof key === 'number' && inRange(key, items.length)) {
      spendItems(1, value)
      items[key] = value
    }
    return
  }
  if (isMap(target)) {
    spendItems(1, value)
    setOwn(target, str(key), value)
  }
}
