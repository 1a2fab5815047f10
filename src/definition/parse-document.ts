/**
 * Turns JSON or YAML text into a document object, reading YAML as AWS's importer does where the
 * `yaml` package is stricter (see {@link parseDocument}).
 */
import { isScalar, parseDocument as parseYamlDocument, type Document } from 'yaml'
import { ConfigError } from '../errors.js'
import type { ImportOptions } from './import-context.js'
import { isObject, type Doc } from './read.js'
import { substituteInObject, substituteTemplateVars } from './template-vars.js'

/** The largest definition AWS imports (6 MB). */
export const MAX_DEFINITION_BYTES: number = 6 * 1024 * 1024
/** How many under-indented continuation lines one double-quoted scalar may have. */
const MAX_CONTINUATION_FIXES = 200
/** Characters re-parsed in all while fixing continuation lines (bounds the work on big texts). */
const MAX_REPARSED_CHARACTERS = 64 * 1024 * 1024
/** Scalars whose YAML source text is kept when it reads as a number (`swagger: 2.0` → "2.0"). */
const VERSION_PATHS = [['swagger'], ['openapi'], ['info', 'version']]

/**
 * Parses a definition given as an object, JSON text or YAML text.
 *
 * YAML is read as PyYAML, js-yaml and CloudFormation read it: a double-quoted scalar continued
 * with a trailing `\` on a line at its key's indentation is accepted (the `yaml` package refuses
 * it), and `swagger`, `openapi` and `info.version` written as numbers keep their text (`2.0`,
 * `1.10`).
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
      parsed = text.startsWith('{') ? JSON.parse(text) : parseYaml(text)
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

/**
 * Parses a definition and substitutes `templateVars` placeholders (docs/templates.md).
 *
 * @param input - the document: object, JSON or YAML text
 * @param options - the import options
 * @returns the document object
 * @throws ConfigError for text that does not parse, or a placeholder without a value
 */
export function loadDocument(input: unknown, options: ImportOptions = {}): Doc {
  const vars = options.templateVars
  if (vars === undefined) return parseDocument(input)
  if (typeof input === 'string') {
    if (input.length > MAX_DEFINITION_BYTES)
      throw new ConfigError('', 'definition is larger than the 6 MB AWS imports')
    return parseDocument(substituteTemplateVars(input, vars, '', MAX_DEFINITION_BYTES))
  }
  return substituteInObject(parseDocument(input), vars, '', MAX_DEFINITION_BYTES) as Doc
}

function parseYaml(text: string): unknown {
  let source = text
  let document = parseYamlDocument(source)
  for (let fixes = 0; document.errors.length > 0 && fixes < MAX_CONTINUATION_FIXES; fixes++) {
    if ((fixes + 1) * source.length > MAX_REPARSED_CHARACTERS) break
    const fixed = indentContinuation(source, document)
    if (fixed === undefined) break
    source = fixed
    document = parseYamlDocument(source)
  }
  const [error] = document.errors
  if (error) {
    // Report the error of the text as written.
    if (source !== text) throw parseYamlDocument(text).errors[0] ?? error
    throw error
  }
  for (const path of VERSION_PATHS) {
    const node = document.getIn(path, true)
    if (isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string')
      node.value = node.source
  }
  return document.toJS({ maxAliasCount: 1000 })
}

/**
 * For each double-quoted scalar the `yaml` package ended at a line ending in `\` (an escaped
 * line break) because the next line is not indented past the key, indents that next line:
 * leading white space after an escaped line break is not part of the value, so the value is
 * unchanged. One pass fixes every such scalar.
 */
function indentContinuation(source: string, document: Document): string | undefined {
  const lines = source.split('\n')
  let changed = false
  for (const error of document.errors) {
    if (error.code !== 'MISSING_CHAR' || !error.message.startsWith('Missing closing "quote'))
      continue
    const line = error.linePos?.[0].line
    if (line === undefined) continue
    const first = lines[line - 1] ?? ''
    const indent = first.length - first.trimStart().length
    // The scalar goes on while each line ends in an escaped line break without closing it.
    for (let at = line; ; at++) {
      const current = (lines[at - 1] ?? '').replace(/\r$/, '')
      const next = lines[at]
      if (!current.endsWith('\\') || next === undefined || next.trim() === '') break
      if (next.length - next.trimStart().length <= indent) {
        lines[at] = ' '.repeat(indent + 1) + next.trimStart()
        changed = true
      }
      if (!continuesQuoted(lines[at] as string)) break
    }
  }
  return changed ? lines.join('\n') : undefined
}

/** Whether a line inside a double-quoted scalar ends with an escaped line break, still open. */
function continuesQuoted(line: string): boolean {
  const text = line.replace(/\r$/, '')
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') return false
    if (text[i] === '\\') {
      if (i === text.length - 1) return true
      i++
    }
  }
  return false
}
