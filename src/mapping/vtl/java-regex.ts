/**
 * Java regular expressions (as `String.replaceAll`, `split`, `matches` and integration
 * `selectionPattern` use them) on JavaScript's engine. The common syntax is shared; what
 * differs is translated here: inline flags `(?i)`/`(?s)`/`(?m)` at the start, possessive
 * quantifiers (treated as greedy), `\A`/`\Z`/`\z`, and `$1`/`\$` in replacements.
 */

const cache = new Map<string, RegExp>()
const CACHE_LIMIT = 500

/**
 * Compiles a Java pattern (cached, bounded).
 *
 * @param pattern - Java regex source
 * @param global - whether to match everywhere (`replaceAll`, `split`)
 * @returns the RegExp
 * @throws SyntaxError when JavaScript cannot compile it
 */
export function javaRegex(pattern: string, global = false): RegExp {
  const key = (global ? 'g' : '-') + pattern
  let regex = cache.get(key)
  if (regex) {
    regex.lastIndex = 0
    return regex
  }
  let source = pattern
  let flags = global ? 'g' : ''
  const inline = /^\(\?([imsx]+)\)/.exec(source)
  if (inline) {
    source = source.slice(inline[0].length)
    for (const flag of inline[1] as string) if (flag !== 'x' && !flags.includes(flag)) flags += flag
  }
  source = source
    .replace(/(\*|\+|\?|\})\+/g, '$1')
    .replace(/\\A/g, '^')
    .replace(/\\[Zz]/g, '$')
  regex = new RegExp(source, flags)
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
  cache.set(key, regex)
  return regex
}

/**
 * Whether the whole text matches, as Java's `String.matches` and `selectionPattern` do.
 *
 * @param pattern - Java regex source
 * @param text - the text
 * @returns true on a full match
 */
export function javaMatches(pattern: string, text: string): boolean {
  return javaRegex(`^(?:${pattern})$`).test(text)
}

/**
 * Translates a Java replacement string: `$n` is a group, `\x` is a literal `x`.
 *
 * @param replacement - Java replacement
 * @returns the JavaScript replacement
 */
export function javaReplacement(replacement: string): string {
  let out = ''
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i] as string
    if (c === '\\' && i + 1 < replacement.length) {
      const next = replacement[++i] as string
      out += next === '$' ? '$$' : next
    } else out += c
  }
  return out
}

/**
 * Java's `String.split(regex)`: trailing empty strings are removed; a leading empty string from
 * a zero-width match at the start is removed too.
 *
 * @param text - the text
 * @param pattern - Java regex
 * @returns the parts
 */
export function javaSplit(text: string, pattern: string): string[] {
  const parts = text.split(javaRegex(pattern, true))
  let end = parts.length
  while (end > 0 && parts[end - 1] === '') end--
  const trimmed = parts.slice(0, end)
  return trimmed.length === 0 && text === '' ? [''] : trimmed
}
