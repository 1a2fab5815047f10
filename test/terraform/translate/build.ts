/**
 * Hand-built evaluated instances, as `loadTerraform().instances()` returns them, for the
 * translation tests.
 */
import {
  ComputedToken,
  TokenString,
  UnknownValue,
  type ResourceInstance,
  type TfValue,
} from '../../../src/terraform/values.js'

/** The type of an address: `module.a.aws_x.y["k"]` → `aws_x`. */
const typeOf = (address: string): string => {
  const parts = address.replace(/\[[^\]]*\]$/, '').split('.')
  return parts[parts.length - 2] as string
}

/**
 * A computed attribute of a resource.
 *
 * @param address - e.g. `aws_api_gateway_rest_api.api`
 * @param attribute - e.g. `id`
 */
export const tok = (address: string, attribute: string): ComputedToken =>
  new ComputedToken(address.replace(/^data\./, 'data.'), typeOf(address), attribute)

/** A string with computed parts. */
export const str = (...parts: Array<string | ComputedToken>): TokenString => new TokenString(parts)

/** A value that cannot be known (an unset variable). */
export const unknown = (name: string, line = 1): UnknownValue =>
  new UnknownValue({
    code: 'unset-variable',
    severity: 'error',
    message: `variable ${name} has no value`,
    pos: { file: 'variables.tf', line, column: 1 },
    chain: [`var.${name}`],
    hint: `pass -var '${name}=...'`,
  })

let line = 0

/**
 * One instance.
 *
 * @param address - its address
 * @param values - its evaluated arguments
 * @param moduleDir - its module's directory
 */
export function inst(
  address: string,
  values: Record<string, TfValue>,
  moduleDir = '/infra',
): ResourceInstance {
  const data = address.startsWith('data.')
  const bare = address.replace(/^data\./, '')
  const name = bare
    .replace(/\[[^\]]*\]$/, '')
    .split('.')
    .pop() as string
  return {
    address,
    mode: data ? 'data' : 'managed',
    type: typeOf(address),
    name,
    modulePath: [],
    moduleDir,
    values,
    pos: { file: 'main.tf', line: ++line, column: 1 },
  }
}
