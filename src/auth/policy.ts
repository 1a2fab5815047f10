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

/**
 * A regular expression for one chunk of a pattern (the text between `*`s): characters match
 * themselves and `?` any one character. It has no quantifier and no alternation, so one attempt
 * costs at most the chunk's length and can never backtrack.
 */
function chunkRegex(chunk: string, flags: 'sy' | 'sg'): RegExp {
  return new RegExp(chunk.replace(/[.+*^${}()|[\]\\/-]/g, '\\$&').replace(/\?/g, '.'), flags)
}

/**
 * Compiles an IAM pattern: `*` is any run of characters (including `/`, and none), `?` exactly
 * one character, anything else itself, case-sensitively.
 *
 * The pattern is cut at its `*`s into chunks. The first chunk must match at the start, the last
 * at the end, and each chunk between at its leftmost place after the previous one; the leftmost
 * place never loses a match, so nothing is retried. Each chunk is a fixed-length expression with
 * no quantifier, so a value of n characters costs at most O(n·m) character comparisons for a
 * pattern of m (linear in the value for a given pattern), never the exponential or polynomial
 * blow-up of a backtracking `.*` regular expression.
 *
 * @param pattern - e.g. `arn:aws:execute-api:*:*:abc/prod/GET/pets/*`
 * @returns the matcher
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
export function compileIamPattern(pattern: string): IamMatcher {
  if (!pattern.includes('*')) {
    if (!pattern.includes('?')) return (value) => value === pattern
    const whole = chunkRegex(pattern, 'sy')
    return (value) => {
      whole.lastIndex = 0
      return value.length === pattern.length && whole.test(value)
    }
  }
  const chunks = pattern.split('*')
  const first = chunks[0] as string
  const last = chunks[chunks.length - 1] as string
  const middle = chunks
    .slice(1, -1)
    .filter((chunk) => chunk !== '')
    .map((chunk) => chunkRegex(chunk, 'sg'))
  if (first === '' && last === '' && middle.length === 0) return MATCH_ALL
  const fixed = first.length + last.length
  const head = first === '' ? undefined : chunkRegex(first, 'sy')
  const tail = last === '' ? undefined : chunkRegex(last, 'sy')
  return (value) => {
    if (value.length < fixed) return false
    const end = value.length - last.length
    if (head) {
      head.lastIndex = 0
      if (!head.test(value)) return false
    }
    if (tail) {
      tail.lastIndex = end
      if (!tail.test(value)) return false
    }
    let at = first.length
    for (let i = 0; i < middle.length; i++) {
      const chunk = middle[i] as RegExp
      chunk.lastIndex = at
      if (!chunk.test(value) || chunk.lastIndex > end) return false
      at = chunk.lastIndex
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
