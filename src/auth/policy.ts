/**
 * IAM-style policy evaluation for `execute-api:Invoke`, as API Gateway applies it to the policy
 * a Lambda authorizer returns (and, later, to resource policies): an explicit Deny wins, then
 * any Allow, else an implicit deny. Resources match IAM-style: `*` is any run of characters
 * (including `/`), `?` one character, case-sensitive.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */

/** The verdict of a policy for one request. */
export type PolicyVerdict = 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY'

const patterns = new Map<string, RegExp>()

function wildcard(pattern: string): RegExp {
  let regex = patterns.get(pattern)
  if (regex) return regex
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  regex = new RegExp(`^${source}$`, 's')
  if (patterns.size >= 2000) patterns.delete(patterns.keys().next().value as string)
  patterns.set(pattern, regex)
  return regex
}

/**
 * Whether an IAM pattern (`*`, `?`) matches a value.
 *
 * @param pattern - e.g. `arn:aws:execute-api:*:*:abc/prod/GET/pets/*`
 * @param value - the ARN or action
 * @returns true on a match
 */
export function iamMatches(pattern: string, value: string): boolean {
  return pattern === value || pattern === '*' || wildcard(pattern).test(value)
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value])

function actionMatches(action: unknown): boolean {
  return asList(action).some(
    (a) => typeof a === 'string' && iamMatches(a.toLowerCase(), 'execute-api:invoke'),
  )
}

/**
 * Evaluates a policy document for `execute-api:Invoke` on an ARN.
 *
 * @example
 * ```ts
 * evaluatePolicy(
 *   { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:abc/*' }] },
 *   'arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets',
 * ) // 'ALLOW'
 * ```
 *
 * @param document - `{ Statement: [{ Effect, Action, Resource }] }` (a single statement object
 *   is accepted too)
 * @param arn - the method ARN being invoked
 * @returns the verdict
 */
export function evaluatePolicy(document: unknown, arn: string): PolicyVerdict {
  if (document === null || typeof document !== 'object') return 'IMPLICIT_DENY'
  const statements = asList((document as Record<string, unknown>)['Statement'])
  let allowed = false
  for (const statement of statements) {
    if (statement === null || typeof statement !== 'object') continue
    const s = statement as Record<string, unknown>
    if (!actionMatches(s['Action'])) continue
    const resources = asList(s['Resource'])
    if (!resources.some((r) => typeof r === 'string' && iamMatches(r, arn))) continue
    const effect = s['Effect']
    if (effect === 'Deny') return 'EXPLICIT_DENY'
    if (effect === 'Allow') allowed = true
  }
  return allowed ? 'ALLOW' : 'IMPLICIT_DENY'
}

/**
 * Whether a policy document has the shape API Gateway requires of an authorizer's output.
 *
 * @param document - the candidate
 * @returns true when it has a Statement list of objects with Effect, Action and Resource
 */
export function isPolicyDocument(document: unknown): boolean {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return false
  const statements = (document as Record<string, unknown>)['Statement']
  if (statements === undefined) return false
  return asList(statements).every(
    (s) =>
      s !== null &&
      typeof s === 'object' &&
      ((s as Record<string, unknown>)['Effect'] === 'Allow' ||
        (s as Record<string, unknown>)['Effect'] === 'Deny') &&
      (s as Record<string, unknown>)['Action'] !== undefined &&
      (s as Record<string, unknown>)['Resource'] !== undefined,
  )
}

/**
 * The ARN API Gateway authorizes: `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`
 * with the concrete request path (the root is `…/GET/`).
 *
 * @returns the method ARN
 */
export function methodArn(
  region: string,
  accountId: string,
  apiId: string,
  stage: string,
  method: string,
  path: string,
): string {
  return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${method}/${path.replace(/^\//, '')}`
}
