/**
 * Templates with plain variable substitution: `$context.x.y`, `$stageVariables.x` and their
 * `${…}` forms. Gateway responses use exactly this (AWS evaluates no VTL directives there).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
 */
import { textOf } from '../core/index.js'

/** Where a substituted variable comes from. */
export type VariableRoot = 'context' | 'stageVariables'

/** Resolves a variable: `('context', ['error', 'message'])`. */
export type VariableLookup = (root: VariableRoot, path: readonly string[]) => unknown

/** A compiled template. */
export type SimpleTemplate = (lookup: VariableLookup) => string

const VARIABLE =
  /\$(?:\{(context|stageVariables)((?:\.[A-Za-z0-9_-]+)+)\}|(context|stageVariables)((?:\.[A-Za-z0-9_]+)+))/g

/**
 * Text of a value as a template prints it: strings as they are, null and undefined as nothing.
 *
 * @param value - the variable's value
 * @returns its text
 */
export function printValue(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'object') return JSON.stringify(value)
  return textOf(value)
}

/**
 * Compiles a template once; rendering only concatenates.
 *
 * @param text - the template
 * @returns a render function
 * @example
 * ```ts
 * const t = compileSimpleTemplate('{"message":$context.error.messageString}')
 * t((root, path) => (path[1] === 'messageString' ? '"Forbidden"' : undefined)) // {"message":"Forbidden"}
 * ```
 */
export function compileSimpleTemplate(text: string): SimpleTemplate {
  const literals: string[] = []
  const variables: Array<{ root: VariableRoot; path: string[] }> = []
  let last = 0
  for (const match of text.matchAll(VARIABLE)) {
    literals.push(text.slice(last, match.index))
    const root = (match[1] ?? match[3]) as VariableRoot
    const path = (match[2] ?? match[4] ?? '').slice(1).split('.')
    variables.push({ root, path })
    last = match.index + match[0].length
  }
  literals.push(text.slice(last))
  if (variables.length === 0) return () => text
  return (lookup) => {
    let out = literals[0] as string
    for (let i = 0; i < variables.length; i++) {
      const variable = variables[i] as { root: VariableRoot; path: string[] }
      out += printValue(lookup(variable.root, variable.path)) + (literals[i + 1] as string)
    }
    return out
  }
}

const VTL_SYNTAX =
  /#(?:set|if|elseif|else|end|foreach|define|macro|break|stop|include|parse|evaluate)\b|\$!?\{?(?!context\b|stageVariables\b)[A-Za-z]/

/**
 * Whether a template needs the VTL engine: directives, or references other than `$context` and
 * `$stageVariables`.
 *
 * @param text - a mapping template
 * @returns true when plain substitution cannot render it
 */
export function needsVtl(text: string): boolean {
  return VTL_SYNTAX.test(text)
}
