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

/** A compiled IAM wildcard pattern: whether it matches a value. */
export type IamMatcher = (value: string) => boolean

const MATCH_ALL: IamMatcher = () => true

/** Whether `chunk` (with `?` as any one character) matches `value` at `at`. */
function chunkAt(chunk: string, value: string, at: number): boolean {
  if (at < 0 || at + chunk.length > value.length) return false
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i)
    if (c !== 63 /* ? */ && c !== value.charCodeAt(at + i)) return false
  }
  return true
}

/** The first position at or after `from` where `chunk` matches, or -1. */
function findChunk(chunk: string, value: string, from: number): number {
  if (!chunk.includes('?')) return value.indexOf(chunk, from)
  for (let at = from; at + chunk.length <= value.length; at++)
    if (chunkAt(chunk, value, at)) return at
  return -1
}

/**
 * Compiles an IAM pattern without regular expressions: `*` is any run of characters (including
 * `/`, and none), `?` exactly one character, anything else itself, case-sensitively.
 *
 * The pattern is cut at its `*`s into chunks. The first chunk must match at the start, the last
 * at the end, and each chunk between at its leftmost place after the previous one (the leftmost
 * place never loses a match, so nothing is retried). Cost for a value of n characters and a
 * pattern of m: one left-to-right pass of `indexOf` searches when the chunks have no `?`, at most
 * O(n·m) character comparisons with `?`; never worse, whatever the value.
 *
 * @param pattern - e.g. `arn:aws:execute-api:*:*:abc/prod/GET/pets/*`
 * @returns the matcher
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
export function compileIamPattern(pattern: string): IamMatcher {
  if (!pattern.includes('*')) {
    if (!pattern.includes('?')) return (value) => value === pattern
    return (value) => value.length === pattern.length && chunkAt(pattern, value, 0)
  }
  const chunks = pattern.split('*')
  const first = chunks[0] as string
  const last = chunks[chunks.length - 1] as string
  const middle = chunks.slice(1, -1).filter((chunk) => chunk !== '')
  if (first === '' && last === '' && middle.length === 0) return MATCH_ALL
  const fixed = first.length + last.length
  return (value) => {
    if (value.length < fixed) return false
    const end = value.length - last.length
    if (!chunkAt(first, value, 0) || !chunkAt(last, value, end)) return false
    let at = first.length
    for (const chunk of middle) {
      const found = findChunk(chunk, value, at)
      if (found === -1 || found + chunk.length > end) return false
      at = found + chunk.length
    }
    return true
  }
}

/**
 * Whether an IAM pattern (`*`, `?`) matches a value (see {@link compileIamPattern}).
 *
 * @param pattern - e.g. `arn:aws:execute-api:*:*:abc/prod/GET/pets/*`
 * @param value - the ARN or action
 * @returns true on a match
 */
export function iamMatches(pattern: string, value: string): boolean {
  return pattern === value || compileIamPattern(pattern)(value)
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
