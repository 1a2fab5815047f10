/**
 * Terraform `templatefile()` placeholders in an OpenAPI document: what Portico substitutes
 * from `templateVars`, following Terraform's string template rules.
 *
 * - `${name}` (optionally with spaces inside the braces), where `name` starts with a letter
 *   followed by letters, digits or underscores, becomes the variable's value; a name with no
 *   value is a ConfigError, as `templatefile()` fails on it.
 * - `$${` is a literal `${`, and `%%{` a literal `%{`.
 * - Any other `${...}` (`${AWS::Region}`, `${stageVariables.x}`, `${var.x}`) is left as written:
 *   Terraform would refuse it unescaped, AWS and the mapping template engine read it as text.
 * - A `%{` directive (`%{ if }`, `%{ for }`) is a ConfigError: Portico does not run them.
 *
 * @see https://developer.hashicorp.com/terraform/language/functions/templatefile
 * @see https://developer.hashicorp.com/terraform/language/expressions/strings (escape sequences)
 */
import { ConfigError } from '../errors.js'
import { isObject } from './read.js'

/** Values `templateVars` may hold. */
export type TemplateVars = Record<string, string | number | boolean>

/** Deeper document objects are refused rather than overflowing the stack. */
const MAX_DEPTH = 1000
const SEQUENCE = /\$\$\{|%%\{|\$\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}|%\{/g

/**
 * Substitutes the placeholders of one string.
 *
 * @param text - a document's text, or one string of a document object
 * @param vars - the values
 * @param where - the place for errors (empty for a whole text: errors give the line)
 * @param limit - the largest result allowed, in characters
 * @returns the text with placeholders replaced
 * @throws ConfigError for a name without a value, a `%{` directive, or a result over `limit`
 */
export function substituteTemplateVars(
  text: string,
  vars: TemplateVars,
  where: string,
  limit: number,
): string {
  if (!text.includes('{')) return text
  let out = ''
  let last = 0
  const fail = (index: number, message: string): never => {
    const line = text.slice(0, index).split('\n').length
    throw new ConfigError(where, where ? message : `line ${line}: ${message}`)
  }
  for (const match of text.matchAll(SEQUENCE)) {
    const [sequence, name] = match
    const index = match.index
    let replacement: string
    if (sequence === '$${') replacement = '${'
    else if (sequence === '%%{') replacement = '%{'
    else if (sequence === '%{')
      return fail(
        index,
        'templatefile directives (%{ ... }) are not supported; write %%{ for a literal %{',
      )
    else {
      const key = name as string
      if (!Object.hasOwn(vars, key)) return fail(index, `\${${key}} has no value in templateVars`)
      replacement = String(vars[key])
    }
    out += text.slice(last, index) + replacement
    last = index + sequence.length
    if (out.length > limit)
      throw new ConfigError(
        where,
        'definition is larger than the 6 MB AWS imports after templateVars',
      )
  }
  return out + text.slice(last)
}

/**
 * Substitutes the placeholders in every string (keys and values) of a document object.
 *
 * @param value - the document or a part of it
 * @param vars - the values
 * @param where - the dotted path of `value`
 * @param limit - the largest string allowed
 * @param depth - how deep `value` is
 * @returns a copy with placeholders replaced
 */
export function substituteInObject(
  value: unknown,
  vars: TemplateVars,
  where: string,
  limit: number,
  depth = 0,
): unknown {
  if (typeof value === 'string')
    return substituteTemplateVars(value, vars, where || '(root)', limit)
  if (depth > MAX_DEPTH) throw new ConfigError(where, `is nested deeper than ${MAX_DEPTH} levels`)
  if (Array.isArray(value))
    return value.map((item, i) => substituteInObject(item, vars, `${where}.${i}`, limit, depth + 1))
  if (!isObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const path = where ? `${where}.${key}` : key
    const newKey = substituteTemplateVars(key, vars, path, limit)
    Object.defineProperty(out, newKey, {
      value: substituteInObject(item, vars, path, limit, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}
