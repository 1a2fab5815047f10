/**
 * Tokens whose signature was checked, so a repeated token costs a map lookup instead of an RSA
 * verification. Keyed by the whole token (a string key is hashed once by the engine and cannot
 * collide); an entry lasts until the token expires, at most a minute, and only while the key
 * set it was checked against is current.
 */
import { ExpiringCache } from '../core/index.js'

/** How long a verified token is trusted without checking it again, at most. */
export const VERIFIED_TTL_MS = 60_000

/**
 * A bounded cache of verified tokens and what their verification produced.
 *
 * @example
 * ```ts
 * const verified = new VerifiedTokens<JWTPayload>()
 * verified.get(token, now, jwks.generation) ?? verified.set(token, payload, exp, now, jwks.generation)
 * ```
 */
export class VerifiedTokens<T> {
  readonly #entries = new ExpiringCache<{ value: T; generation: number; validFrom: number }>(10_000)

  /**
   * @param token - the token as sent
   * @param now - epoch ms
   * @param generation - the key set's current generation
   * @returns what verification produced, or undefined when unknown, expired, not yet valid at
   *   `now` (a clock set back before the token's `nbf`/`iat`) or checked against an older key set
   */
  get(token: string, now: number, generation: number): T | undefined {
    const hit = this.#entries.get(token, now)
    return hit !== undefined && hit.generation === generation && now >= hit.validFrom
      ? hit.value
      : undefined
  }

  /**
   * @param token - the token as sent
   * @param value - what verification produced
   * @param expiresAt - the token's `exp` in epoch ms, if it has one
   * @param now - epoch ms
   * @param generation - the key set's generation it was checked against
   * @param validFrom - epoch ms before which the token is not valid (its `nbf`/`iat`)
   * @returns `value`
   */
  set(
    token: string,
    value: T,
    expiresAt: number | undefined,
    now: number,
    generation: number,
    validFrom: number = -Infinity,
  ): T {
    const until = Math.min(expiresAt ?? now + VERIFIED_TTL_MS, now + VERIFIED_TTL_MS)
    return this.#entries.set(token, { value, generation, validFrom }, until).value
  }
}
