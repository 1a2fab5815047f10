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
 * {@link MAX_PROGRAM_SIZE} instructions; compiled patterns are cached (at most 500, each key at
 * most 1024 characters; longer patterns are compiled per call). One `replaceAll` or `split`
 * over more than 1024 characters reads at most {@link REGEX_READS_PER_CHAR} characters per input
 * character (at least {@link REGEX_MIN_READS}): a pattern that makes each search look far ahead (`a*b|a` over
 * 100 000 `a`s would be quadratic) fails instead of hanging.
 *
 * @see https://docs.oracle.com/javase/8/docs/api/java/util/regex/Pattern.html
 * @see https://docs.oracle.com/javase/8/docs/api/java/util/regex/Matcher.html#appendReplacement-java.lang.StringBuffer-java.lang.String-
 */
import { RE2JS } from 're2js'
import { PorticoError } from '../../errors.js'
import { JavaRegexError, translateJavaRegex } from './java-regex-syntax.js'

export { JavaRegexError } from './java-regex-syntax.js'

/** Longest pattern accepted, in UTF-16 code units. */
export const MAX_PATTERN_LENGTH: number = 32 * 1024
/** Largest compiled program (RE2 instructions); matching costs at most this per character. */
export const MAX_PROGRAM_SIZE: number = 5000
const CACHE_LIMIT = 500
const CACHEABLE_LENGTH = 1024
/** Budget of one `replaceAll`/`split`: input characters the engine may read per input character. */
export const REGEX_READS_PER_CHAR: number = 32
/** The budget's floor, for short inputs. */
export const REGEX_MIN_READS: number = 1 << 18

/** A compiled Java pattern. */
export interface JavaPattern {
  /** The RE2 program. */
  readonly re: RE2JS
  /** The text the pattern matches when it is a plain literal (fast path), else undefined. */
  readonly literal: string | undefined
}

const cache = new Map<string, JavaPattern>()

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
  const compiled: JavaPattern = { re, literal: literalOf(pattern) }
  if (pattern.length <= CACHEABLE_LENGTH) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
    cache.set(pattern, compiled)
  }
  return compiled
}

/**
 * Whether the whole text matches, as Java's `String.matches` and `selectionPattern` do.
 *
 * @param pattern - Java regex source
 * @param text - the text
 * @returns true on a full match
 * @throws JavaRegexError when the pattern does not compile
 */
export function javaMatches(pattern: string, text: string): boolean {
  return javaRegex(pattern).re.matches(text)
}

/**
 * A string whose reads the engine counts: a search that would read more than its budget
 * throws. The engine reads input only through `charCodeAt` (and native `indexOf`).
 */
class CountedText extends String {
  private left: number
  constructor(text: string) {
    super(text)
    this.left = Math.max(REGEX_MIN_READS, REGEX_READS_PER_CHAR * text.length)
  }
  override charCodeAt(index: number): number {
    if (--this.left < 0)
      throw new JavaRegexError('regular expression needs too many steps for this input')
    return super.charCodeAt(index)
  }
}

/** Up to this length even a quadratic search is cheap (≈ 0.5M reads), so reads go uncounted. */
const COUNT_ABOVE = 1024

/** The input as the engine should read it: counted when it is long. */
const budgeted = (text: string): string =>
  text.length > COUNT_ABOVE ? (new CountedText(text) as unknown as string) : text

function withEngine<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof PorticoError) throw error
    throw new JavaRegexError(`invalid replacement: ${(error as Error).message}`, { cause: error })
  }
}

/** re2js's Matcher, with the Java-mode append it uses for its own `replaceAll`. */
interface AppendingMatcher {
  find(): boolean
  appendReplacement(replacement: string, javaMode: boolean): string
  appendTail(): string
}

/**
 * Java's `String.replaceAll(regex, replacement)` / `replaceFirst`, handing the result over piece
 * by piece (the text before each match, then the expanded replacement; finally the tail), so the
 * caller can bound the result's size before it exists. `$n` and `${name}` insert groups, `\x`
 * is a literal `x`.
 *
 * @param text - the text
 * @param pattern - Java regex
 * @param replacement - Java replacement
 * @param all - every match (`replaceAll`) or the first (`replaceFirst`)
 * @param append - receives each piece in order; may throw to stop
 * @throws JavaRegexError for an invalid pattern or replacement (`$3` with two groups), or when
 *   the search exceeds its step budget; errors thrown by `append` pass through
 */
export function javaReplaceEach(
  text: string,
  pattern: string,
  replacement: string,
  all: boolean,
  append: (piece: string) => void,
): void {
  const { re } = javaRegex(pattern)
  withEngine(() => {
    const matcher = re.matcher(all ? budgeted(text) : text) as unknown as AppendingMatcher
    while (matcher.find()) {
      append(matcher.appendReplacement(replacement, true))
      if (!all) break
    }
    append(matcher.appendTail())
  })
}

/**
 * Java's `String.split(regex)`: trailing empty strings are removed; a leading empty string from
 * a zero-width match at the start is removed too.
 *
 * @param text - the text
 * @param pattern - Java regex
 * @returns the parts
 * @throws JavaRegexError for an invalid pattern, or when the search exceeds its step budget
 */
export function javaSplit(text: string, pattern: string): string[] {
  const { re, literal } = javaRegex(pattern)
  if (literal !== undefined) {
    const parts = text.split(literal)
    let end = parts.length
    while (end > 0 && parts[end - 1] === '') end--
    return text === '' ? [''] : parts.slice(0, end)
  }
  return withEngine(() => re.split(budgeted(text)))
}
