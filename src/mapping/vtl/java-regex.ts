/**
 * Java regular expressions (as `String.matches`, `replaceAll`, `replaceFirst`, `split` and
 * integration `selectionPattern` use them) on a linear-time engine: the Java pattern is
 * translated to RE2 syntax (java-regex-syntax.ts) and run by re2js, so no pattern and no input
 * can make matching backtrack (`(a+)+b` against a long run of `a`s answers at once).
 *
 * Patterns RE2 cannot express (backreferences, lookaround, atomic groups) are rejected with a
 * {@link JavaRegexError}, never run on a backtracking engine: in a definition
 * (`selectionPattern`, `identityValidationExpression`) that is a `ConfigError` when the gateway
 * is created; in a template it is a render failure (500, like any template error).
 *
 * Limits, so a pattern built from client input cannot exhaust the process: a pattern is at
 * most {@link MAX_PATTERN_LENGTH} characters and compiles to at most
 * {@link MAX_PROGRAM_SIZE} instructions; compiled patterns are kept in an LRU cache (at most 500, each key at
 * most 1024 characters; longer patterns are compiled per call).
 *
 * Linear time is not cheap time: re2js spends up to ~0.2 µs plus ~17 ns per live NFA thread on each
 * character it reads, and up to ~1 µs on each search it starts. Every call is therefore charged to
 * the render's step budget (budget.ts) for the work it does, counted, not timed: each character the
 * engine reads costs {@link READ_STEPS} steps plus one per {@link INSTRUCTIONS_PER_STEP} program
 * instructions (the most threads a read can advance), and each search it starts (each `find`, the
 * last, failing one included) {@link SEARCH_STEPS} steps plus what its backtracker clears.
 * Measured, a step then costs at most ~0.07 µs of CPU (5M steps ≈ 0.35 s on the slowest kernel: the
 * NFA over a 2000-instruction program), and a render's steps bound its regex work as they bound the
 * rest of it: a pattern that makes each search look far ahead (`a*b|a` over a long run of `a`s is
 * quadratic), a large program over a long input, or millions of matches fail with a {@link
 * TemplateRuntimeError} instead of hanging. Outside a render (`selectionPattern`,
 * `identityValidationExpression`) each match, or each group of them run in {@link withRegexBudget},
 * gets a budget of its own of the same size, and going past it is a {@link JavaRegexError}.
 * Matching never uses re2js's lazy DFA, whose cost per character read (building states) cannot be
 * told from the outside.
 *
 * A little over 400 lines: matching, replacing and splitting share the step meter and the
 * compiled-pattern cache, which must not be reachable from outside this file.
 *
 * @see https://docs.oracle.com/javase/8/docs/api/java/util/regex/Pattern.html
 * @see https://docs.oracle.com/javase/8/docs/api/java/util/regex/Matcher.html#appendReplacement-java.lang.StringBuffer-java.lang.String-
 */
import { LRUCache } from 'lru-cache'
import { RE2JS } from 're2js'
import { PorticoError } from '../../errors.js'
import { spendSteps, stepsLeft, TemplateRuntimeError, withStepBudget } from './budget.js'
import { JavaRegexError, translateJavaRegex } from './java-regex-syntax.js'

export { JavaRegexError } from './java-regex-syntax.js'

/** Longest pattern accepted, in UTF-16 code units. */
export const MAX_PATTERN_LENGTH: number = 32 * 1024
/** Largest compiled program (RE2 instructions); matching costs at most this per character. */
export const MAX_PROGRAM_SIZE: number = 5000
const CACHE_LIMIT = 500
const CACHEABLE_LENGTH = 1024
/** Steps charged per character the engine reads, and one more per {@link INSTRUCTIONS_PER_STEP}. */
export const READ_STEPS: number = 2
/** Program instructions per extra step charged on each character read. */
export const INSTRUCTIONS_PER_STEP: number = 6
/** Steps charged for each search the engine starts (one `find`, a full match). */
export const SEARCH_STEPS: number = 16
// re2js's BitState backtracker (its MAX_BACKTRACK_PROG and MAX_BACKTRACK_VECTOR) runs programs of
// up to 500 instructions over inputs of up to 262144 / instructions characters, and clears
// instructions × (length + 1) bits at the start of every search: charged one step per 16384.
const BACKTRACK_PROGRAM = 500
const BACKTRACK_BITS = 262_144
const CLEARED_BITS_PER_STEP = 16_384
/** Steps charged per part of a native (literal or empty-pattern) split: up to ~0.2 µs each. */
export const SPLIT_PART_STEPS: number = 2
/** The largest limit `String.prototype.split` takes (it reads it as a uint32). */
const MAX_SPLIT_LIMIT = 2 ** 32 - 1

/** A compiled Java pattern. */
export interface JavaPattern {
  /** The RE2 program. */
  readonly re: RE2JS
  /** The text the pattern matches when it is a plain literal (fast path), else undefined. */
  readonly literal: string | undefined
  /** Steps charged per character read. */
  readonly readSteps: number
  /** Capturing groups. */
  readonly groups: number
}

const cache = new LRUCache<string, JavaPattern>({ max: CACHE_LIMIT })

/** The literal a pattern stands for, when it has no metacharacter (`\'` and `,` do). */
function literalOf(pattern: string): string | undefined {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '\\') {
      const next = pattern[++i]
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined
      out += next
    } else if ('^$.|?*+()[]{}'.includes(c)) return undefined
    else out += c
  }
  return out === '' ? undefined : out
}

/**
 * Compiles a Java pattern (cached, bounded).
 *
 * @param pattern - Java regex source
 * @returns the compiled pattern
 * @throws JavaRegexError when the pattern is invalid, too large, or needs backtracking
 */
export function javaRegex(pattern: string): JavaPattern {
  const cached = cache.get(pattern)
  if (cached) return cached
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new JavaRegexError(`regular expression is longer than ${MAX_PATTERN_LENGTH} characters`)
  let re: RE2JS
  try {
    re = RE2JS.compile(translateJavaRegex(pattern))
  } catch (error) {
    if (error instanceof PorticoError) throw error
    throw new JavaRegexError(`invalid regular expression: ${(error as Error).message}`, {
      cause: error,
    })
  }
  if (re.programSize() > MAX_PROGRAM_SIZE)
    throw new JavaRegexError(
      `regular expression compiles to more than ${MAX_PROGRAM_SIZE} instructions`,
    )
  const compiled: JavaPattern = {
    re,
    literal: literalOf(pattern),
    readSteps: READ_STEPS + re.programSize() / INSTRUCTIONS_PER_STEP,
    groups: re.groupCount(),
  }
  if (pattern.length <= CACHEABLE_LENGTH) {
    cache.set(pattern, compiled)
  }
  return compiled
}

/**
 * Runs `run` charged to the render under way or, outside one, to a step budget of its own (see
 * the module description), so that the matches of one decision share it.
 *
 * @param run - the matching
 * @returns what `run` returns
 * @throws JavaRegexError outside a render, when the matching goes past its budget
 */
export function withRegexBudget<T>(run: () => T): T {
  if (stepsLeft() !== Infinity) return run()
  try {
    return withStepBudget(run)
  } catch (error) {
    if (error instanceof TemplateRuntimeError)
      throw new JavaRegexError('regular expression needs too many steps for this input', {
        cause: error,
      })
    throw error
  }
}

/**
 * Thrown by a read past the reads granted; turned into the budget's own error. Internal control
 * flow, so a plain Error, not a PorticoError: its one preallocated instance is caught inside this
 * module and turned into a TemplateRuntimeError, so no caller ever sees or needs to recognise it.
 */
class OutOfReads extends Error {}
const OUT_OF_READS = new OutOfReads('regular expression needs too many steps')

/**
 * The input as the engine reads it: a string that counts reads (re2js reads input only through
 * `charCodeAt`, besides native `indexOf` for literal prefixes), failing past the reads granted.
 */
class MeteredText extends String {
  left = 0
  override charCodeAt(index: number): number {
    if (--this.left < 0) throw OUT_OF_READS
    return super.charCodeAt(index)
  }
}

/** Charges one call's engine work to the budget under way. */
class Meter {
  readonly text: MeteredText
  private granted = 0
  private readonly readSteps: number
  private readonly searchSteps: number

  constructor(pattern: JavaPattern, text: string) {
    this.text = new MeteredText(text)
    this.readSteps = pattern.readSteps
    const size = pattern.re.programSize()
    const cleared =
      size <= BACKTRACK_PROGRAM && text.length <= Math.floor(BACKTRACK_BITS / size)
        ? size * (text.length + 1)
        : 0
    this.searchSteps = SEARCH_STEPS + Math.ceil(cleared / CLEARED_BITS_PER_STEP)
  }

  /**
   * Charges the reads since the last charge and `steps`, then grants the reads the budget has
   * left.
   */
  charge(steps: number): void {
    const read = this.granted - this.text.left
    spendSteps(steps + Math.ceil(read * this.readSteps))
    this.granted = Math.floor(stepsLeft() / this.readSteps)
    this.text.left = this.granted
  }

  /** Charges a search about to start. */
  search(): void {
    this.charge(this.searchSteps)
  }
}

/**
 * Runs the engine over `text` with its work charged: `run` calls {@link Meter.search} before each
 * search.
 */
function metered<T>(pattern: JavaPattern, text: string, run: (meter: Meter) => T): T {
  return withRegexBudget(() => {
    const meter = new Meter(pattern, text)
    try {
      const result = run(meter)
      meter.charge(0)
      return result
    } catch (error) {
      if (error instanceof OutOfReads) {
        meter.charge(0)
        spendSteps(stepsLeft() + 1)
      }
      if (error instanceof PorticoError) throw error
      throw new JavaRegexError(`invalid replacement: ${(error as Error).message}`, {
        cause: error,
      })
    }
  })
}

/**
 * Whether the whole text matches, as Java's `String.matches` and `selectionPattern` do.
 *
 * @param pattern - Java regex source, or a compiled pattern
 * @param text - the text
 * @returns true on a full match
 * @throws JavaRegexError when the pattern does not compile, or (outside a render) when the match
 *   needs more than its step budget
 * @throws TemplateRuntimeError in a render past its step budget
 */
export function javaMatches(pattern: string | JavaPattern, text: string): boolean {
  const compiled = typeof pattern === 'string' ? javaRegex(pattern) : pattern
  return metered(compiled, text, (meter) => {
    meter.search()
    return compiled.re.matcher(meter.text as unknown as string).matches()
  })
}

/** re2js's Matcher, as used here. */
interface GroupMatcher {
  find(): boolean
  start(group?: number): number
  end(group?: number): number
  group(group?: number | string): string | null
}

/** A piece of a parsed Java replacement: literal text, or a group (number or name). */
type ReplacementPart = string | { readonly group: number | string }

/**
 * Parses a Java replacement (`Matcher.appendReplacement`): `\x` is a literal `x`, `$n` takes as
 * many digits as still name a group (the first always), `${name}` is a named group.
 *
 * @returns the parts, or the error Java would throw at the first match
 */
function parseReplacement(replacement: string, groups: number): ReplacementPart[] | JavaRegexError {
  const parts: ReplacementPart[] = []
  let literal = ''
  let last = 0
  for (let i = 0; i < replacement.length; ) {
    const c = replacement.charCodeAt(i)
    if (c === 0x5c) {
      literal += replacement.slice(last, i)
      if (i + 1 >= replacement.length)
        return new JavaRegexError('invalid replacement: character to be escaped is missing')
      last = i + 1
      i += 2
      continue
    }
    if (c !== 0x24) {
      i++
      continue
    }
    literal += replacement.slice(last, i)
    const next = replacement.charCodeAt(i + 1)
    let group: number | string
    if (next >= 0x30 && next <= 0x39) {
      let n = next - 0x30
      let j = i + 2
      for (; j < replacement.length; j++) {
        const digit = replacement.charCodeAt(j) - 0x30
        if (digit < 0 || digit > 9 || n * 10 + digit > groups) break
        n = n * 10 + digit
      }
      if (n > groups)
        return new JavaRegexError(`invalid replacement: No group ${n} (the pattern has ${groups})`)
      group = n
      i = j
    } else if (next === 0x7b) {
      const close = replacement.indexOf('}', i + 2)
      if (close === -1)
        return new JavaRegexError(
          "invalid replacement: named capture group is missing trailing '}'",
        )
      group = replacement.slice(i + 2, close)
      i = close + 1
    } else return new JavaRegexError('invalid replacement: Illegal group reference')
    if (literal !== '') parts.push(literal)
    literal = ''
    parts.push({ group })
    last = i
  }
  literal += replacement.slice(last)
  if (literal !== '') parts.push(literal)
  return parts
}

/**
 * The text a Java replacement stands for when it names no group (`\x` is a literal `x`).
 *
 * @param replacement - Java replacement
 * @returns the literal text, or undefined when it has a `$` or a dangling `\`
 */
export function literalReplacement(replacement: string): string | undefined {
  if (!replacement.includes('\\')) return replacement.includes('$') ? undefined : replacement
  const parts = parseReplacement(replacement, 0)
  if (parts instanceof JavaRegexError) return undefined
  return parts.length === 0
    ? ''
    : parts.length === 1 && typeof parts[0] === 'string'
      ? parts[0]
      : undefined
}

/**
 * Java's `String.replaceAll(regex, replacement)` / `replaceFirst`, handing the result over piece
 * by piece (the text before each match, then the expanded replacement; finally the tail), so the
 * caller can bound the result's size before it exists. `$n` and `${name}` insert groups, `\x`
 * is a literal `x`. The engine's work is charged (see the module description).
 *
 * @param text - the text
 * @param pattern - Java regex
 * @param replacement - Java replacement
 * @param all - every match (`replaceAll`) or the first (`replaceFirst`)
 * @param append - receives each piece in order; may throw to stop
 * @throws JavaRegexError for an invalid pattern or replacement (`$3` with two groups)
 * @throws TemplateRuntimeError past the render's step budget; errors thrown by `append` pass
 *   through
 */
export function javaReplaceEach(
  text: string,
  pattern: string,
  replacement: string,
  all: boolean,
  append: (piece: string) => void,
): void {
  const compiled = javaRegex(pattern)
  metered(compiled, text, (meter) => {
    const matcher = compiled.re.matcher(meter.text as unknown as string) as unknown as GroupMatcher
    let parts: ReplacementPart[] | JavaRegexError | undefined
    let at = 0
    for (;;) {
      meter.search()
      if (!matcher.find()) break
      parts ??= parseReplacement(replacement, compiled.groups)
      if (parts instanceof JavaRegexError) throw parts
      const start = matcher.start()
      let piece = text.slice(at, start)
      let searched = false
      for (const part of parts) {
        if (typeof part === 'string') piece += part
        else if (part.group === 0) piece += text.slice(start, matcher.end())
        else {
          // The first group asked for makes the engine search the match again for its groups.
          if (!searched) meter.search()
          searched = true
          piece += matcher.group(part.group) ?? ''
        }
      }
      at = matcher.end()
      append(piece)
      if (!all) break
    }
    append(text.slice(at))
  })
}

/**
 * Java's `String.split(regex)`: trailing empty strings are removed; a leading empty string from
 * a zero-width match at the start is removed too; no match at all gives the text itself. A
 * literal pattern (and the empty one, which splits between UTF-16 units) is split natively.
 *
 * @param text - the text
 * @param pattern - Java regex
 * @param maxParts - parts the caller accepts: a literal split stops past them
 * @returns the parts (more than `maxParts` when there were more)
 * @throws JavaRegexError for an invalid pattern
 * @throws TemplateRuntimeError past the render's step budget
 */
export function javaSplit(text: string, pattern: string, maxParts: number = Infinity): string[] {
  const compiled = pattern === '' ? undefined : javaRegex(pattern)
  if (text === '') return ['']
  if (compiled === undefined) {
    spendSteps(Math.min(text.length, maxParts + 1) * SPLIT_PART_STEPS)
    return text.split('', maxParts === Infinity ? undefined : maxParts + 1)
  }
  const { literal } = compiled
  if (literal !== undefined) {
    // Split no further than the parts the caller and the step budget accept.
    const cap = Math.min(maxParts, Math.floor(stepsLeft() / SPLIT_PART_STEPS)) + 1
    const parts = text.split(literal, Math.min(cap, MAX_SPLIT_LIMIT))
    spendSteps(parts.length * SPLIT_PART_STEPS)
    if (parts.length === cap) return parts // more than accepted: the caller's charge fails
    let end = parts.length
    while (end > 0 && parts[end - 1] === '') end--
    return end === parts.length ? parts : parts.slice(0, end)
  }
  return metered(compiled, text, (meter) => {
    const matcher = compiled.re.matcher(meter.text as unknown as string) as unknown as GroupMatcher
    const parts: string[] = []
    let at = 0
    for (;;) {
      meter.search()
      if (!matcher.find()) break
      const start = matcher.start()
      const end = matcher.end()
      if (end === 0) continue // a zero-width match at the start makes no leading empty string
      parts.push(text.slice(at, start))
      at = end
    }
    if (at === 0) return [text]
    parts.push(text.slice(at))
    let end = parts.length
    while (end > 0 && parts[end - 1] === '') end--
    return end === parts.length ? parts : parts.slice(0, end)
  })
}
