/**
 * JWT authorizers of HTTP APIs: the token from the identity source (raw or `Bearer …`), an RSA
 * signature checked against the issuer's JWKS (OpenID discovery, or `options.jwks`) with the key
 * named by the header's `kid` (required), `iss`, `aud` (or `client_id` only when the token has no
 * `aud`), `exp` (required), `nbf` and `iat` on the injected clock, and the route's scopes in
 * `scope` or `scp`. Failures answer 401 (403 for missing scopes) with AWS's `www-authenticate`
 * header.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 */
import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose'
import type { JwksStore } from '../auth/index.js'
import { VerifiedTokens } from '../auth/index.js'
import type { Deps } from '../core/index.js'
import { textOf } from '../core/index.js'
import { ConfigError } from '../errors.js'

/** `jwtConfiguration` of an HTTP API JWT authorizer. */
export interface JwtAuthorizerDefinition {
  name: string
  issuer: string
  audience: string[]
  /** Header the token is read from (from `$request.header.X`). @default Authorization */
  header: string
}

/** What a JWT authorizer decides. */
export type JwtVerdict =
  | { readonly ok: true; readonly claims: JWTPayload; readonly scopes: string[] }
  | { readonly ok: false; readonly status: 401 | 403; readonly wwwAuthenticate: string }

const RSA = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']

function denied(status: 401 | 403, error: string, description: string): JwtVerdict {
  return {
    ok: false,
    status,
    wwwAuthenticate: `Bearer scope="" error="${error}" error_description="${description}"`,
  }
}

/**
 * `aud` or `client_id` against the configured audience: "API Gateway validates client_id only if
 * aud is not present. When both aud and client_id are present, API Gateway evaluates aud."
 * (Troubleshooting issues with HTTP API JWT authorizers). A present but empty or non-string `aud`
 * matches nothing.
 */
function audienceMatches(claims: JWTPayload, audience: readonly string[]): boolean {
  const aud: unknown = claims.aud
  const presented: unknown[] =
    aud !== undefined ? (Array.isArray(aud) ? aud : [aud]) : [claims['client_id']]
  return presented.some((a) => typeof a === 'string' && audience.includes(a))
}

/**
 * Reads `x-amazon-apigateway-authorizer` of type `jwt`.
 *
 * @param name - the security scheme
 * @param raw - the extension
 * @returns the authorizer
 * @throws ConfigError for a missing issuer or audience
 */
export function readJwtAuthorizer(
  name: string,
  raw: Record<string, unknown>,
): JwtAuthorizerDefinition {
  const where = `components.securitySchemes.${name}.x-amazon-apigateway-authorizer`
  const config = raw['jwtConfiguration'] as Record<string, unknown> | undefined
  const issuer = config?.['issuer']
  if (typeof issuer !== 'string')
    throw new ConfigError(`${where}.jwtConfiguration.issuer`, 'is required')
  const audience = config?.['audience']
  if (!Array.isArray(audience) || audience.length === 0)
    throw new ConfigError(`${where}.jwtConfiguration.audience`, 'is required (a list)')
  const source = textOf(raw['identitySource'] ?? '$request.header.Authorization')
  const header = /^\$request\.header\.(.+)$/.exec(source)
  if (!header) throw new ConfigError(`${where}.identitySource`, 'a JWT authorizer reads a header')
  return { name, issuer, audience: audience.map(String), header: header[1] as string }
}

/**
 * Compiles a JWT authorizer.
 *
 * @param definition - issuer, audience, header
 * @param jwks - the shared JWKS store
 * @returns `(headers, scopes, deps) → verdict`
 */
export function compileJwtAuthorizer(
  definition: JwtAuthorizerDefinition,
  jwks: JwksStore,
): (token: string | undefined, scopes: readonly string[], deps: Deps) => Promise<JwtVerdict> {
  const verified = new VerifiedTokens<JWTPayload>()
  return async (raw, scopes, deps) => {
    if (raw === undefined || raw.trim() === '')
      return denied(401, 'invalid_token', 'the token is missing')
    const token = raw.startsWith('Bearer ') ? raw.slice(7).trim() : raw.trim()
    const now = deps.now()
    let claims = verified.get(token, now, jwks.generation)
    if (!claims) {
      try {
        const { kid } = decodeProtectedHeader(token)
        // kid: "The token must have a header claim that matches the key in the jwks_uri".
        if (typeof kid !== 'string') return denied(401, 'invalid_token', 'the token is not valid')
        const set = await jwks.forKey(definition.issuer, kid, deps)
        const { payload } = await jwtVerify(token, set.keys, {
          issuer: definition.issuer,
          algorithms: RSA,
          requiredClaims: ['exp'],
          currentDate: new Date(now),
        })
        claims = payload
      } catch (error) {
        const reason =
          (error as { code?: string }).code === 'ERR_JWT_EXPIRED'
            ? 'the token has expired'
            : 'the token is not valid'
        return denied(401, 'invalid_token', reason)
      }
      if (!audienceMatches(claims, definition.audience))
        return denied(401, 'invalid_token', 'the token does not have a valid audience')
      if (typeof claims.iat === 'number' && claims.iat * 1000 > now)
        return denied(401, 'invalid_token', 'the token was issued in the future')
      verified.set(
        token,
        claims,
        typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
        now,
        jwks.generation,
        Math.max(
          typeof claims.nbf === 'number' ? claims.nbf * 1000 : -Infinity,
          typeof claims.iat === 'number' ? claims.iat * 1000 : -Infinity,
        ),
      )
    }
    const granted = [
      ...(typeof claims['scope'] === 'string' ? claims['scope'].split(' ') : []),
      ...(Array.isArray(claims['scp'])
        ? claims['scp'].map(String)
        : typeof claims['scp'] === 'string'
          ? claims['scp'].split(' ')
          : []),
    ].filter((s) => s !== '')
    if (scopes.length > 0 && !scopes.some((s) => granted.includes(s)))
      return denied(403, 'insufficient_scope', 'the token does not have the required scope')
    return { ok: true, claims, scopes: granted }
  }
}
