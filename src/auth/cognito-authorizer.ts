/**
 * Cognito user pool authorizers (REST `COGNITO_USER_POOLS`): the token's signature is checked
 * with jose against the pool's JWKS, then its issuer, expiry (on the injected clock) and
 * `token_use` — an ID token when the method has no `authorizationScopes`, an access token
 * holding one of them otherwise. Verified tokens are cached (by the whole token, until
 * the earlier of `exp` and a short TTL, dropped when the keys rotate), so a repeated token costs a
 * map lookup instead of a signature check.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
 */
import { VerifiedTokens } from './verified-tokens.js'
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose'
import type { Deps, GatewayFailure } from '../core/index.js'
import type { AuthorizerDefinition } from '../definition/index.js'
import { ConfigError } from '../errors.js'
import { javaMatches } from '../mapping/index.js'
import type { RequestState } from '../pipeline/index.js'
import type { AuthorizerResult } from './lambda-authorizer.js'

/** Where JWKS come from: issuer URL → the key set (or a function of the issuer). */
export type JwksSource =
  | Readonly<Record<string, JSONWebKeySet>>
  | ((issuer: string) => JSONWebKeySet | Promise<JSONWebKeySet>)

/** A compiled Cognito authorizer for one method's scopes. */
export type CognitoAuthorizer = (
  state: RequestState,
  scopes: readonly string[] | undefined,
) => Promise<AuthorizerResult | GatewayFailure>

const UNAUTHORIZED: GatewayFailure = { responseType: 'UNAUTHORIZED' }
const NO_CONTEXT: Readonly<Record<string, string>> = Object.freeze({})
/** How long a verified token is trusted without checking its signature again. */
/** Fewest milliseconds between two JWKS fetches for an unknown `kid` (rotation). */
const REFRESH_INTERVAL_MS = 30_000

interface KeySet {
  readonly keys: ReturnType<typeof createLocalJWKSet>
  readonly kids: ReadonlySet<string>
  readonly generation: number
  readonly fetchedAt: number
}

interface Verified {
  readonly payload: JWTPayload
  readonly claims: Readonly<Record<string, string>>
}

/**
 * Fetches an issuer's JWKS: from its OpenID configuration's `jwks_uri`, else
 * `{issuer}/.well-known/jwks.json` (Cognito's location).
 */
async function discoverJwks(issuer: string, deps: Deps): Promise<JSONWebKeySet> {
  const base = issuer.replace(/\/$/, '')
  let uri = `${base}/.well-known/jwks.json`
  try {
    const discovery = await deps.fetch(`${base}/.well-known/openid-configuration`, {
      method: 'GET',
    })
    if (discovery.ok) {
      const config = (await discovery.json()) as { jwks_uri?: unknown }
      if (typeof config.jwks_uri === 'string') uri = config.jwks_uri
    }
  } catch {
    // No discovery document: the conventional location.
  }
  const response = await deps.fetch(uri, { method: 'GET' })
  if (!response.ok) throw new Error(`JWKS fetch for ${issuer} answered ${response.status}`)
  return (await response.json()) as JSONWebKeySet
}

/**
 * Keeps each issuer's JWKS: loaded on first use, reloaded when a token names an unknown key.
 */
export class JwksStore {
  readonly #source: JwksSource | undefined
  readonly #sets = new Map<string, KeySet>()
  readonly #loading = new Map<string, Promise<KeySet>>()
  #generation = 0

  constructor(source: JwksSource | undefined) {
    this.#source = source
  }

  /** The current key-set generation (changes whenever any set is reloaded). */
  get generation(): number {
    return this.#generation
  }

  async #load(issuer: string, deps: Deps): Promise<KeySet> {
    const source = this.#source
    let jwks: JSONWebKeySet
    if (typeof source === 'function') jwks = await source(issuer)
    else if (source && Object.hasOwn(source, issuer)) jwks = source[issuer] as JSONWebKeySet
    else jwks = await discoverJwks(issuer, deps)
    const set: KeySet = {
      keys: createLocalJWKSet(jwks),
      kids: new Set(jwks.keys.map((k) => k.kid).filter((k): k is string => typeof k === 'string')),
      generation: ++this.#generation,
      fetchedAt: deps.now(),
    }
    this.#sets.set(issuer, set)
    return set
  }

  /**
   * The key set for an issuer that knows `kid`, reloading (at most every 30 s) when it does not.
   *
   * @param issuer - the token issuer
   * @param kid - the token's key id
   * @param deps - clock and fetch
   * @returns the key set
   */
  async forKey(issuer: string, kid: string | undefined, deps: Deps): Promise<KeySet> {
    const current = this.#sets.get(issuer)
    const stale =
      !current ||
      (kid !== undefined &&
        !current.kids.has(kid) &&
        deps.now() - current.fetchedAt >= REFRESH_INTERVAL_MS)
    if (!stale) return current
    let loading = this.#loading.get(issuer)
    if (!loading) {
      loading = this.#load(issuer, deps).finally(() => this.#loading.delete(issuer))
      this.#loading.set(issuer, loading)
    }
    return loading
  }
}

/** The token's unverified claims and key id, or undefined when it is not a JWT. */
function peek(token: string): { claims: JWTPayload; kid: string | undefined } | undefined {
  try {
    const kid = decodeProtectedHeader(token).kid
    return { claims: decodeJwt(token), kid: typeof kid === 'string' ? kid : undefined }
  } catch {
    return undefined
  }
}

/** Claims as API Gateway hands them on: strings, other values as JSON. */
function claimStrings(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of Object.keys(payload)) {
    const value = payload[key]
    Object.defineProperty(out, key, {
      value: typeof value === 'string' ? value : JSON.stringify(value),
      enumerable: true,
    })
  }
  return out
}

/**
 * Compiles a Cognito user pool authorizer.
 *
 * @param definition - the authorizer (`providerARNs`, `identitySource`)
 * @param where - its place in the definition
 * @param jwks - the shared JWKS store
 * @returns the authorizer
 * @throws ConfigError for missing or malformed provider ARNs
 */
export function compileCognitoAuthorizer(
  definition: AuthorizerDefinition,
  where: string,
  jwks: JwksStore,
): CognitoAuthorizer {
  const arns = definition.providerARNs ?? []
  if (arns.length === 0)
    throw new ConfigError(`${where}.providerARNs`, 'at least one user pool ARN')
  const issuers = arns.map((arn, i) => {
    const match = /^arn:aws[\w-]*:cognito-idp:([^:]+):[^:]*:userpool\/(.+)$/.exec(arn)
    if (!match) throw new ConfigError(`${where}.providerARNs[${i}]`, `not a user pool ARN: ${arn}`)
    return `https://cognito-idp.${match[1]}.amazonaws.com/${match[2]}`
  })
  const header = /^method\.request\.header\.(.+)$/.exec(
    definition.identitySource ?? 'method.request.header.Authorization',
  )
  if (!header)
    throw new ConfigError(`${where}.identitySource`, 'a Cognito authorizer reads a header')
  const headerName = header[1] as string
  const audienceExpression = definition.identityValidationExpression
  const verified = new VerifiedTokens<Verified>()

  const verify = async (token: string, now: number, deps: Deps): Promise<Verified | undefined> => {
    const hit = verified.get(token, now, jwks.generation)
    if (hit) return hit
    const unverified = peek(token)
    const issuer = unverified?.claims.iss
    if (typeof issuer !== 'string' || !issuers.includes(issuer)) return undefined
    try {
      const set = await jwks.forKey(issuer, unverified?.kid, deps)
      const { payload } = await jwtVerify(token, set.keys, {
        issuer,
        algorithms: ['RS256'],
        currentDate: new Date(now),
      })
      return verified.set(
        token,
        { payload, claims: claimStrings(payload) },
        typeof payload.exp === 'number' ? payload.exp * 1000 : now,
        now,
        jwks.generation,
        typeof payload.nbf === 'number' ? payload.nbf * 1000 : -Infinity,
      )
    } catch {
      return undefined
    }
  }

  return async (state, scopes) => {
    const sent = state.headers.get(headerName)
    // The raw token or `Bearer <token>`: both are accepted (AWS's Cognito authorizer workshop;
    // aws-amplify/docs#959).
    const token = sent !== undefined && /^bearer /i.test(sent) ? sent.slice(7).trim() : sent
    if (token === undefined || token === '') return UNAUTHORIZED
    const entry = await verify(token, state.deps.now(), state.deps)
    if (!entry) return UNAUTHORIZED
    const payload = entry.payload
    if (scopes && scopes.length > 0) {
      if (payload['token_use'] !== 'access') return UNAUTHORIZED
      const granted = typeof payload['scope'] === 'string' ? payload['scope'].split(' ') : []
      if (!scopes.some((scope) => granted.includes(scope))) return UNAUTHORIZED
    } else {
      if (payload['token_use'] !== 'id') return UNAUTHORIZED
      if (
        audienceExpression !== undefined &&
        !javaMatches(audienceExpression, String(payload.aud ?? ''))
      )
        return UNAUTHORIZED
    }
    return {
      principalId: '',
      context: NO_CONTEXT,
      usageIdentifierKey: undefined,
      claims: entry.claims,
    }
  }
}
