/**
 * Resource policies (`x-amazon-apigateway-policy`): statements on `execute-api:Invoke` for
 * anonymous callers (`Principal: "*"`), with `aws:SourceIp` (`IpAddress` / `NotIpAddress`) and
 * string conditions, combined with the authorizer's result as AWS's table for same-account
 * callers says: any explicit Deny denies; an Allow from either side allows; silence on both
 * sides denies.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html
 */
import { BlockList, isIP } from 'node:net'
import type { GatewayFailure } from '../core/index.js'
import { ConfigError } from '../errors.js'
import { compileIamPattern, iamMatches, type IamMatcher, type PolicyVerdict } from './policy.js'

/** What a condition can read about the caller. */
export interface CallerFacts {
  readonly sourceIp: string
}

type Condition = (caller: CallerFacts) => boolean

interface CompiledStatement {
  readonly effect: 'Allow' | 'Deny'
  readonly resources: readonly IamMatcher[]
  readonly notResources: readonly IamMatcher[]
  readonly conditions: readonly Condition[]
}

/** A compiled resource policy: its verdict for a caller on a method ARN. */
export type ResourcePolicy = (arn: string, caller: CallerFacts) => PolicyVerdict

const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

function anonymousPrincipal(principal: unknown): boolean {
  if (principal === '*') return true
  if (principal && typeof principal === 'object') {
    const aws = (principal as Record<string, unknown>)['AWS']
    return asList(aws).includes('*')
  }
  return false
}

function ipCondition(cidrs: unknown, negate: boolean, where: string): Condition {
  const list = new BlockList()
  for (const cidr of asList(cidrs)) {
    const [address, prefix] = String(cidr).split('/') as [string, string?]
    const family = isIP(address)
    if (family === 0) throw new ConfigError(where, `invalid IP range ${JSON.stringify(cidr)}`)
    const type = family === 4 ? 'ipv4' : 'ipv6'
    list.addSubnet(address, prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix), type)
  }
  return (caller) => {
    const family = isIP(caller.sourceIp)
    const inside = family !== 0 && list.check(caller.sourceIp, family === 4 ? 'ipv4' : 'ipv6')
    return negate ? !inside : inside
  }
}

function compileConditions(block: unknown, where: string): Condition[] {
  if (block === undefined) return []
  if (block === null || typeof block !== 'object')
    throw new ConfigError(where, 'Condition must be an object')
  const out: Condition[] = []
  for (const [operator, entries] of Object.entries(block as Record<string, unknown>)) {
    const at = `${where}.${operator}`
    if (entries === null || typeof entries !== 'object')
      throw new ConfigError(at, 'must be an object')
    for (const [key, values] of Object.entries(entries as Record<string, unknown>)) {
      const lowerKey = key.toLowerCase()
      switch (operator) {
        case 'IpAddress':
        case 'NotIpAddress':
          if (lowerKey !== 'aws:sourceip')
            throw new ConfigError(`${at}.${key}`, `${operator} applies to aws:SourceIp`)
          out.push(ipCondition(values, operator === 'NotIpAddress', `${at}.${key}`))
          break
        case 'StringEquals':
        case 'StringNotEquals': {
          // Portico has no VPC endpoints or organisations: such keys are absent for every caller.
          const wanted = asList(values).map(String)
          const negate = operator === 'StringNotEquals'
          out.push(() => (negate ? true : wanted.length === 0))
          break
        }
        default:
          throw new ConfigError(
            at,
            `condition operator ${operator} is not supported (IpAddress, NotIpAddress, StringEquals, StringNotEquals)`,
          )
      }
    }
  }
  return out
}

/**
 * Compiles a resource policy.
 *
 * @param policy - the policy document
 * @param where - its place in the definition
 * @param arnPrefix - `arn:aws:execute-api:{region}:{account}:{apiId}`, for `execute-api:/…`
 *   resources
 * @returns the policy
 * @throws ConfigError for a malformed document or an unsupported condition
 */
export function compileResourcePolicy(
  policy: unknown,
  where: string,
  arnPrefix: string,
): ResourcePolicy {
  if (policy === null || typeof policy !== 'object')
    throw new ConfigError(where, 'must be a policy document')
  const expand = (resource: unknown): string => {
    const text = String(resource)
    return text.startsWith('execute-api:/')
      ? `${arnPrefix}/${text.slice('execute-api:/'.length)}`
      : text
  }
  const statements: CompiledStatement[] = []
  asList((policy as Record<string, unknown>)['Statement']).forEach((raw, i) => {
    const at = `${where}.Statement[${i}]`
    if (raw === null || typeof raw !== 'object') throw new ConfigError(at, 'must be an object')
    const s = raw as Record<string, unknown>
    const effect = s['Effect']
    if (effect !== 'Allow' && effect !== 'Deny')
      throw new ConfigError(`${at}.Effect`, 'must be Allow or Deny')
    if (!anonymousPrincipal(s['Principal'])) return // Named IAM principals never match anonymous callers.
    const actions = asList(s['Action']).map((a) => String(a).toLowerCase())
    if (!actions.some((a) => iamMatches(a, 'execute-api:invoke'))) return
    statements.push({
      effect,
      resources: asList(s['Resource']).map((r) => compileIamPattern(expand(r))),
      notResources: asList(s['NotResource']).map((r) => compileIamPattern(expand(r))),
      conditions: compileConditions(s['Condition'], `${at}.Condition`),
    })
  })
  return (arn, caller) => {
    let allowed = false
    for (const statement of statements) {
      const inResources =
        statement.resources.length > 0
          ? statement.resources.some((matches) => matches(arn))
          : statement.notResources.length > 0 &&
            !statement.notResources.some((matches) => matches(arn))
      if (!inResources) continue
      if (!statement.conditions.every((condition) => condition(caller))) continue
      if (statement.effect === 'Deny') return 'EXPLICIT_DENY'
      allowed = true
    }
    return allowed ? 'ALLOW' : 'IMPLICIT_DENY'
  }
}

/**
 * The 403 message for a caller a resource policy refuses.
 *
 * @param arn - the method ARN
 * @param explicit - whether a Deny matched
 * @returns AWS's message
 */
export function resourcePolicyDenial(arn: string, explicit: boolean): string {
  return `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${arn}${explicit ? ' with an explicit deny' : ''}`
}

/**
 * The resource-policy step's refusal: 403 `ACCESS_DENIED` with AWS's message.
 *
 * @param arn - the method ARN
 * @param explicit - whether a Deny matched (else nothing allowed and no authorizer did)
 * @returns the failure
 */
export function resourcePolicyFailure(arn: string, explicit: boolean): GatewayFailure {
  return { responseType: 'ACCESS_DENIED', message: resourcePolicyDenial(arn, explicit) }
}
