/**
 * Turns JSON or YAML text into a document object.
 */
import { parse as parseYaml } from 'yaml'
import { ConfigError } from '../errors.js'
import { isObject, type Doc } from './read.js'

/** The largest definition AWS imports (6 MB). */
export const MAX_DEFINITION_BYTES: number = 6 * 1024 * 1024

/**
 * Parses a definition given as an object, JSON text or YAML text.
 *
 * @param input - the document
 * @returns the document object
 * @throws ConfigError when the text does not parse to an object
 */
export function parseDocument(input: unknown): Doc {
  if (typeof input === 'string') {
    if (input.length > MAX_DEFINITION_BYTES) {
      throw new ConfigError('', 'definition is larger than the 6 MB AWS imports')
    }
    let parsed: unknown
    const text = input.trimStart()
    try {
      parsed = text.startsWith('{') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 1000 })
    } catch (error) {
      throw new ConfigError(
        '',
        `definition is not valid ${text.startsWith('{') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
        { cause: error },
      )
    }
    if (!isObject(parsed)) throw new ConfigError('', 'definition must be an OpenAPI object')
    return parsed
  }
  if (!isObject(input))
    throw new ConfigError('', 'definition must be an OpenAPI object, JSON text or YAML text')
  return input
}
