/**
 * Typed readers over an untrusted document: each failure is a ConfigError naming the place.
 */
import { ConfigError } from '../errors.js'

/** A JSON-ish object from a parsed document. */
export type Doc = Record<string, unknown>

/**
 * Joins a path for messages: `paths./pets.get`.
 *
 * @param parent - the parent's path
 * @param key - the child key
 * @returns the joined path
 */
export function at(parent: string, key: string | number): string {
  return parent === '' ? String(key) : `${parent}.${key}`
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}

/**
 * Whether `value` is a plain object.
 *
 * @param value - anything
 * @returns true for non-null, non-array objects
 */
export function isObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Reads an object, or throws.
 *
 * @param value - the value at `path`
 * @param path - where it is
 * @returns the object
 */
export function readObject(value: unknown, path: string): Doc {
  if (!isObject(value)) throw new ConfigError(path, `must be an object, got ${describe(value)}`)
  return value
}

/** Reads an optional object field. */
export function optionalObject(parent: Doc, key: string, path: string): Doc | undefined {
  const value = parent[key]
  return value === undefined || value === null ? undefined : readObject(value, at(path, key))
}

/** Reads an optional string field. */
export function optionalString(parent: Doc, key: string, path: string): string | undefined {
  const value = parent[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') {
    const hint =
      isObject(value) && Object.keys(value).some((k) => k.startsWith('Fn::'))
        ? ' (CloudFormation intrinsic functions must be resolved before import)'
        : ''
    throw new ConfigError(at(path, key), `must be a string, got ${describe(value)}${hint}`)
  }
  return value
}

/** Reads a required string field. */
export function requiredString(parent: Doc, key: string, path: string): string {
  const value = optionalString(parent, key, path)
  if (value === undefined) throw new ConfigError(at(path, key), 'is required')
  return value
}

/** Reads an optional boolean field. */
export function optionalBoolean(parent: Doc, key: string, path: string): boolean | undefined {
  const value = parent[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean')
    throw new ConfigError(at(path, key), `must be a boolean, got ${describe(value)}`)
  return value
}

/** Reads an optional integer field (numeric strings accepted, as AWS does). */
export function optionalInteger(parent: Doc, key: string, path: string): number | undefined {
  const value = parent[key]
  if (value === undefined || value === null) return undefined
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw new ConfigError(at(path, key), `must be an integer, got ${JSON.stringify(value)}`)
  }
  return number
}

/** Reads an optional status code (integer or string of three digits) as a string. */
export function optionalStatusCode(parent: Doc, key: string, path: string): string | undefined {
  const value = parent[key]
  if (value === undefined || value === null) return undefined
  const text = typeof value === 'number' ? String(value) : value
  if (typeof text !== 'string' || !/^[1-5]\d\d$/.test(text)) {
    throw new ConfigError(
      at(path, key),
      `must be an HTTP status code, got ${JSON.stringify(value)}`,
    )
  }
  return text
}

/** Reads an optional array of strings. */
export function optionalStringArray(parent: Doc, key: string, path: string): string[] | undefined {
  const value = parent[key]
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value))
    throw new ConfigError(at(path, key), `must be an array, got ${describe(value)}`)
  return value.map((item, i) => {
    if (typeof item !== 'string')
      throw new ConfigError(at(at(path, key), i), `must be a string, got ${describe(item)}`)
    return item
  })
}

/** Reads an optional map of string values. */
export function optionalStringMap(parent: Doc, key: string, path: string): Record<string, string> {
  const object = optionalObject(parent, key, path)
  const out: Record<string, string> = {}
  if (!object) return out
  for (const [name, value] of Object.entries(object)) {
    if (typeof value !== 'string') {
      throw new ConfigError(at(at(path, key), name), `must be a string, got ${describe(value)}`)
    }
    out[name] = value
  }
  return out
}

/**
 * Reads an enumerated string, case-insensitively, returning the canonical (upper-case) value.
 */
export function optionalEnum<T extends string>(
  parent: Doc,
  key: string,
  path: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalString(parent, key, path)
  if (value === undefined) return undefined
  const upper = value.toUpperCase() as T
  if (!allowed.includes(upper)) {
    throw new ConfigError(
      at(path, key),
      `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
    )
  }
  return upper
}
