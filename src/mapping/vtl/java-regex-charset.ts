/**
 * The set of characters a one-character regex atom can match, as sorted code-point ranges: what
 * java-regex-syntax.ts needs to prove a possessive quantifier equivalent to a greedy one (the
 * characters it repeats cannot start what follows). `undefined` stands for a set Portico does not
 * compute (Unicode properties, non-ASCII letters under `(?i)`), which is never proven disjoint.
 */

/** Sorted, non-overlapping inclusive ranges `[lo, hi]`. */
export type CharSet = ReadonlyArray<readonly [number, number]>

const MAX_CP = 0x10ffff

/**
 * Sorts and merges ranges.
 *
 * @param ranges - any ranges
 * @returns the normalised set
 */
export function normalise(ranges: ReadonlyArray<readonly [number, number]>): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const out: Array<[number, number]> = []
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1]
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi)
    else out.push([lo, hi])
  }
  return out
}

/**
 * The characters not in a set.
 *
 * @param set - the set
 * @returns its complement over all code points
 */
export function complement(set: CharSet): CharSet {
  const out: Array<[number, number]> = []
  let next = 0
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1])
    next = hi + 1
  }
  if (next <= MAX_CP) out.push([next, MAX_CP])
  return out
}

/**
 * Whether two sets share a character.
 *
 * @param a - a set
 * @param b - another set
 * @returns true when they intersect
 */
export function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i] as readonly [number, number]
    const [blo, bhi] = b[j] as readonly [number, number]
    if (alo <= bhi && blo <= ahi) return true
    if (ahi < bhi) i++
    else j++
  }
  return false
}

/**
 * A set closed under the case folding RE2 applies with `(?i)`: ASCII letters gain their other
 * case (and `k`/`s` their Unicode fold partners, U+212A and U+017F). A set holding any other
 * non-ASCII character is not computed.
 *
 * @param set - the set, as written
 * @returns the folded set, or undefined
 */
export function foldCase(set: CharSet): CharSet | undefined {
  const extra: Array<[number, number]> = []
  for (const [lo, hi] of set) {
    if (hi >= 0x80) return undefined
    for (let cp = Math.max(lo, 0x41); cp <= Math.min(hi, 0x7a); cp++) {
      let other: number
      if (cp <= 0x5a) other = cp | 0x20
      else if (cp >= 0x61) other = cp & ~0x20
      else continue
      extra.push([other, other])
      const lower = cp | 0x20
      if (lower === 0x6b) extra.push([0x212a, 0x212a])
      if (lower === 0x73) extra.push([0x17f, 0x17f])
    }
  }
  return normalise([...set, ...extra])
}

const DIGIT: CharSet = [[0x30, 0x39]]
const WORD: CharSet = normalise([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
])
const SPACE: CharSet = normalise([
  [0x9, 0xd],
  [0x20, 0x20],
])
const HSPACE: CharSet = normalise([
  [0x20, 0x20],
  [0x9, 0x9],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x180e, 0x180e],
  [0x2000, 0x200a],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
])
const VSPACE: CharSet = normalise([
  [0xa, 0xd],
  [0x85, 0x85],
  [0x2028, 0x2029],
])
/** Java's line terminators, which `.` excludes by default. */
export const LINE_TERMINATOR_SET: CharSet = normalise([
  [0xa, 0xa],
  [0xd, 0xd],
  [0x85, 0x85],
  [0x2028, 0x2029],
])

/**
 * The set of a class escape (`\d`, `\W`, `\s`, `\h`, `\v`…).
 *
 * @param letter - the escape letter
 * @returns its set, or undefined for one Portico does not compute
 */
export function escapeSet(letter: string): CharSet | undefined {
  switch (letter) {
    case 'd':
      return DIGIT
    case 'D':
      return complement(DIGIT)
    case 'w':
      return WORD
    case 'W':
      return complement(WORD)
    case 's':
      return SPACE
    case 'S':
      return complement(SPACE)
    case 'h':
      return HSPACE
    case 'H':
      return complement(HSPACE)
    case 'v':
      return VSPACE
    case 'V':
      return complement(VSPACE)
    default:
      return undefined
  }
}
