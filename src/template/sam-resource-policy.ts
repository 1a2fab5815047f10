/**
 * `Auth.ResourcePolicy` of an `AWS::Serverless::Api` (every path of the API) or of an `Api`
 * event (its path) → the `x-amazon-apigateway-policy` the SAM translator writes: for each list,
 * statements on `execute-api:/{stage}/{METHOD}/{path}` of each method of the path
 * (`ANY` → `*`, `{proxy+}`-style segments → `*`):
 *
 * - `AwsAccountWhitelist` / `AwsAccountBlacklist`: Allow / Deny for `Principal.AWS`;
 * - `IpRangeWhitelist` / `IpRangeBlacklist`: Allow `*`, plus Deny with `NotIpAddress` / `IpAddress`;
 * - `SourceVpcWhitelist` / `SourceVpcBlacklist` (`vpc-…` → `aws:SourceVpc`, `vpce-…` →
 *   `aws:SourceVpce`) and `IntrinsicVpc[e]Whitelist` / `Blacklist`: Allow `*`, plus Deny with
 *   `StringNotEquals` / `StringEquals`;
 * - `CustomStatements`: appended as written.
 *
 * Equal statements are written once; a policy already in the body is extended.
 *
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-resourcepolicystatement.html
 * Sources: SAM translator tests `api_with_resource_policy`, `api_with_resource_policy_global`,
 * `api_with_ip_range_whitelist`, `api_with_ip_range_blacklist`, `api_with_aws_account_whitelist`,
 * `api_with_aws_account_blacklist`, `error_resource_policy_not_dict`.
 */
import { isDeepStrictEqual } from 'node:util'
import { ConfigError } from '../errors.js'
import { isObject, OPERATION_KEYS, pathsOf, type Doc } from './openapi-edit.js'

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value])

/** The policy of the body, created when missing; its `Statement` as a list. */
function statementsOf(body: Doc): unknown[] {
  const policy = isObject(body['x-amazon-apigateway-policy'])
    ? body['x-amazon-apigateway-policy']
    : (body['x-amazon-apigateway-policy'] = {})
  policy['Version'] = '2012-10-17'
  const current = policy['Statement']
  const list = current === undefined ? [] : listOf(current)
  policy['Statement'] = list
  return list
}

function push(body: Doc, statement: Doc): void {
  const list = statementsOf(body)
  if (!list.some((existing) => isDeepStrictEqual(existing, statement))) list.push(statement)
}

/** `execute-api:/{stage}/{METHOD}/{path}` for each method of `path`. */
function resourcesFor(body: Doc, path: string, stage: string): string[] {
  const item = pathsOf(body)[path]
  if (!isObject(item)) return []
  const resourcePath = path.replace(/\{[A-Za-z0-9._-]+\+?\}/g, '*')
  return Object.keys(item)
    .filter((key) => OPERATION_KEYS.includes(key.toLowerCase()) || key.toLowerCase() === 'any')
    .map((key) => {
      const lower = key.toLowerCase()
      const method =
        lower === 'x-amazon-apigateway-any-method' || lower === 'any' ? '*' : key.toUpperCase()
      return `execute-api:/${stage}/${method}${resourcePath}`
    })
}

/** Allow `*` and Deny `*` under a condition, the pair SAM writes for IP and VPC lists. */
function allowThenDeny(body: Doc, resource: string[], condition: Doc): void {
  const base = { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resource, Principal: '*' }
  push(body, base)
  push(body, { ...base, Effect: 'Deny', Condition: condition })
}

function vpcCondition(policy: Doc, side: 'Whitelist' | 'Blacklist', where: string): Doc {
  const condition: Doc = {}
  const add = (key: string, values: unknown[]): void => {
    if (values.length > 0)
      condition[key] = [...((condition[key] as unknown[] | undefined) ?? []), ...values]
  }
  const plain = policy[`SourceVpc${side}`]
  if (plain !== undefined) {
    if (!Array.isArray(plain) || !plain.every((entry) => typeof entry === 'string'))
      throw new ConfigError(
        `${where}.SourceVpc${side}`,
        `must be a list of strings; use IntrinsicVpc${side} for values that use intrinsic functions`,
      )
    add(
      'aws:SourceVpc',
      plain.filter((e) => e.startsWith('vpc-')),
    )
    add(
      'aws:SourceVpce',
      plain.filter((e) => e.startsWith('vpce-')),
    )
  }
  if (policy[`IntrinsicVpc${side}`] !== undefined)
    add('aws:SourceVpc', listOf(policy[`IntrinsicVpc${side}`]))
  if (policy[`IntrinsicVpce${side}`] !== undefined)
    add('aws:SourceVpce', listOf(policy[`IntrinsicVpce${side}`]))
  return condition
}

/**
 * Adds the statements of one `ResourcePolicy` for one path.
 *
 * @param body - the definition body (changed in place)
 * @param policy - the resolved `ResourcePolicy`
 * @param path - the OpenAPI path whose methods the statements name
 * @param stage - the API's stage name
 * @param where - the policy's place
 * @throws ConfigError when the policy is not a map or a list has the wrong shape
 */
export function addResourcePolicy(
  body: Doc,
  policy: unknown,
  path: string,
  stage: string,
  where: string,
): void {
  if (!isObject(policy)) throw new ConfigError(where, 'ResourcePolicy must be a map')
  const resource = resourcesFor(body, path, stage)
  for (const [key, effect] of [
    ['AwsAccountWhitelist', 'Allow'],
    ['AwsAccountBlacklist', 'Deny'],
  ] as const) {
    const accounts = policy[key]
    if (accounts === undefined || accounts === null || accounts === '') continue
    if (Array.isArray(accounts) && accounts.length === 0) continue
    push(body, {
      Effect: effect,
      Action: 'execute-api:Invoke',
      Resource: resource,
      Principal: { AWS: listOf(accounts) },
    })
  }
  for (const [key, operator] of [
    ['IpRangeWhitelist', 'NotIpAddress'],
    ['IpRangeBlacklist', 'IpAddress'],
  ] as const) {
    const ranges = policy[key]
    if (ranges === undefined || ranges === null || ranges === '') continue
    if (Array.isArray(ranges) && ranges.length === 0) continue
    allowThenDeny(body, resource, { [operator]: { 'aws:SourceIp': listOf(ranges) } })
  }
  for (const [side, operator] of [
    ['Blacklist', 'StringEquals'],
    ['Whitelist', 'StringNotEquals'],
  ] as const) {
    const condition = vpcCondition(policy, side, where)
    if (Object.keys(condition).length > 0) allowThenDeny(body, resource, { [operator]: condition })
  }
}

/**
 * Appends `CustomStatements` (once for the API or event that names them).
 *
 * @param body - the definition body (changed in place)
 * @param policy - the resolved `ResourcePolicy`
 */
export function addCustomStatements(body: Doc, policy: unknown): void {
  if (!isObject(policy) || policy['CustomStatements'] === undefined) return
  const custom = policy['CustomStatements']
  const existing = body['x-amazon-apigateway-policy']
  if (!isObject(existing) || existing['Statement'] === undefined) {
    // SAM writes the custom statements as given when they are the first.
    body['x-amazon-apigateway-policy'] = {
      ...(isObject(existing) ? existing : {}),
      Version: '2012-10-17',
      Statement: custom,
    }
    return
  }
  for (const statement of listOf(custom)) push(body, statement as Doc)
}
