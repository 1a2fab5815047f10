/**
 * When a Java possessive quantifier (`X*+`, `X++`, `X?+`, `X{n,m}+`) can run as the greedy one
 * on RE2, which has no possessive matching. Greedy matching differs only by giving back
 * repetitions, after which the next character is one `X` matches; so for a one-character atom
 * `X` the two always agree when nothing that can come next (the following atoms, through optional
 * ones, into following groups and each of their alternatives, out of enclosing groups and past
 * their other alternatives, up to a required element or the end of the pattern) can start with a
 * character `X` matches, nor is an anchor that could match there (the end of input and a
 * non-multiline `$` cannot: a character is left). Anything the walk does not understand (`^`,
 * `\b`, a repeated enclosing group, an atom whose set is not computed) counts as a conflict, so
 * the answer "greedy is the same" is always sound.
 */
import { intersects, type CharSet } from './java-regex-charset.js'

/** A translator reading ahead from just after the possessive quantifier. */
export interface RegexCursor {
  readonly src: string
  /** Position in `src`. */
  i: number
  peek(offset?: number): string
  /** Skips whitespace and comments in `(?x)` mode; true when it did. */
  skipComments(): boolean
  /** Reads one atom, group opening or closing, anchor, `|` or quantifier. */
  atom(): void
  /** Open groups (including the ones enclosing the quantifier). */
  readonly depth: number
  /** Characters of the last atom read, when one character wide and computed. */
  readonly lastSet: CharSet | undefined
  /** Whether `(?m)` is on where the cursor is. */
  readonly multiline: boolean
}

/**
 * Whether the possessive quantifier just read, on an atom matching `set`, always answers as the
 * greedy one.
 *
 * @param set - the characters the quantified atom matches
 * @param probe - a cursor just after the quantifier (it is moved)
 * @returns true when the greedy quantifier is equivalent
 */
export function possessiveIsGreedy(set: CharSet, probe: RegexCursor): boolean {
  // Groups opened after the quantifier (each alternative's first atoms can come next): whether
  // every alternative so far, and the current one, holds a required atom.
  const entered: Array<{ allRequired: boolean; altRequired: boolean }> = []
  // Skipping what cannot come next: the rest of an enclosing group (to its `)`), or the rest
  // of an alternative of an entered group (to its `|` or `)`).
  let skipping: 'group' | 'alternative' | undefined
  let depth = 0
  /** A required element that cannot start with `set`: done, or skip to the next alternative. */
  const required = (): boolean => {
    const top = entered[entered.length - 1]
    if (!top) return true
    top.altRequired = true
    skipping = 'alternative'
    depth = 0
    return false
  }
  const optionalQuantifier = (): boolean => {
    const q = probe.peek()
    return (
      q === '?' ||
      q === '*' ||
      (q === '{' && /^\{0[,}]/.test(probe.src.slice(probe.i, probe.i + 3)))
    )
  }
  for (;;) {
    if (probe.i >= probe.src.length) return true
    if (probe.skipComments()) continue
    const c = probe.peek()
    if (skipping) {
      if (depth === 0 && (c === ')' || (c === '|' && skipping === 'alternative'))) {
        skipping = undefined
      } else {
        if (c === '(') depth++
        else if (c === ')') depth--
        probe.atom()
        continue
      }
    }
    if (c === ')') {
      if (probe.depth === 0) return false
      probe.atom()
      const quantified = probe.peek() !== '' && '*+?{'.includes(probe.peek())
      const top = entered.pop()
      if (!top) {
        if (quantified) return false // a repeated enclosing group can start again
        continue
      }
      const groupRequired = top.allRequired && top.altRequired && !optionalQuantifier()
      if (quantified) probe.atom()
      if (groupRequired && required()) return true
      continue
    }
    if (c === '|') {
      probe.i++
      const top = entered[entered.length - 1]
      if (top) {
        // The next alternative of an entered group can come next too.
        top.allRequired &&= top.altRequired
        top.altRequired = false
      } else {
        // The other alternatives of an enclosing group are not a continuation.
        skipping = 'group'
        depth = 0
      }
      continue
    }
    if (c === '(') {
      const before = probe.depth
      probe.atom()
      // Not a bare `(?i)`, which only sets flags.
      if (probe.depth > before) entered.push({ allRequired: true, altRequired: false })
      continue
    }
    if (c === '$' || (c === '\\' && (probe.peek(1) === 'z' || probe.peek(1) === 'Z'))) {
      // End of input, or (multiline `$`) before a `\n`: never before a character of `set`.
      if (c === '$' && probe.multiline && intersects(set, [[10, 10]])) return false
      probe.atom()
      continue
    }
    if (c === '^' || '*+?{'.includes(c)) return false
    probe.atom()
    const next = probe.lastSet
    if (next === undefined || intersects(set, next)) return false
    if (optionalQuantifier()) probe.atom()
    else if (required()) return true
  }
}
