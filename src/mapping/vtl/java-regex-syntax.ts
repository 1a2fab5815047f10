/**
 * Java regular-expression syntax (`java.util.regex.Pattern`) translated, token by token, into
 * the RE2 syntax of the linear-time engine (re2js). Walking the pattern (escapes, character
 * classes, groups, quantifiers) rather than rewriting it with regexes keeps `\++` ("one or more
 * literal `+`") apart from the possessive `a++`.
 *
 * Translated: inline flags `(?imsxdUu-…)` and `(?flags:X)` (Java's scoping; `s`, `d` and `x`
 * are applied here, `i` and `m` handed to RE2), possessive quantifiers on one-character atoms
 * (`X*+` → `X*` where what can follow never starts with a character `X` matches, so the two
 * always agree; elsewhere, as in `a*+a`, the pattern is refused),
 * `\Q…\E`, `\uhhhh`, `\x{h…}`, `\0oct`, `\cX`, `\e`, `\a`, `\h`, `\v`, `\R`, Java's `\s`
 * (which includes U+000B), POSIX `\p{Lower}`…, `\p{IsLatin}`, nested union classes
 * `[a-c[x-z]]`, and `.` (which in Java excludes every line terminator, not only `\n`).
 * `\Z` and a non-multiline `$` mean end of input (Java also allows a final line terminator
 * before them; for `matches()` the answer is the same).
 *
 * Not expressible in linear time, so rejected with {@link JavaRegexError}: backreferences
 * (`\1`, `\k<n>`), lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`), atomic groups `(?>`), `\G`, `\X`,
 * class intersection `&&` and negated nested classes. RE2 also caps a counted repetition at 1000.
 *
 * Over 400 lines on purpose: the translator is one recursive-descent walk whose methods share
 * the cursor and the flag scope; its character-set algebra (`java-regex-charset.ts`) and the
 * possessive-quantifier proof (`java-regex-possessive.ts`) already live apart.
 *
 * @see https://docs.oracle.com/javase/8/docs/api/java/util/regex/Pattern.html
 * @see https://github.com/google/re2/wiki/Syntax
 */
import { PorticoError } from '../../errors.js'
import {
  complement,
  escapeSet,
  foldCase,
  LINE_TERMINATOR_SET,
  normalise,
  type CharSet,
} from './java-regex-charset.js'
import { possessiveIsGreedy } from './java-regex-possessive.js'

/** A Java pattern that is invalid, or that the linear-time engine cannot run. */
export class JavaRegexError extends PorticoError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'ERR_PORTICO_REGEX', options)
  }
}

interface Flags {
  s: boolean
  x: boolean
  d: boolean
  /** Tracked for possessive quantifiers (the flag itself is handed to RE2). */
  i: boolean
  m: boolean
}

const hex = (cp: number): string => `\\x{${cp.toString(16)}}`

/** One code point as an RE2 literal, safe inside and outside a class. */
function literal(cp: number): string {
  if (cp < 0x20 || cp === 0x7f) return hex(cp)
  if (cp < 0x80) {
    const c = String.fromCharCode(cp)
    if (/[A-Za-z0-9]/.test(c)) return c
    return c === ' ' ? hex(cp) : `\\${c}`
  }
  return String.fromCodePoint(cp)
}

const LINE_TERMINATORS = '\\n\\r\\x{85}\\x{2028}\\x{2029}'
const SPACE = '\\x{9}-\\x{d}\\x{20}'
const NOT_SPACE = '\\x{0}-\\x{8}\\x{e}-\\x{1f}\\x{21}-\\x{10ffff}'
const HSPACE =
  '\\x{20}\\x{9}\\x{a0}\\x{1680}\\x{180e}\\x{2000}-\\x{200a}\\x{202f}\\x{205f}\\x{3000}'
const VSPACE = '\\x{a}-\\x{d}\\x{85}\\x{2028}\\x{2029}'
const POSIX = new Set(
  'Lower Upper ASCII Alpha Digit Alnum Punct Graph Print Blank Cntrl XDigit Space'.split(' '),
)

/** A translated escape: class content (`set`, usable inside `[...]`) or a whole atom. */
type Escape = { cp: number } | { set: string; ranges: CharSet | undefined } | { atom: string }

class Translator {
  private i = 0
  private out = ''
  private flags: Flags = { s: false, x: false, d: false, i: false, m: false }
  private stack: Flags[] = []
  /** The characters the last atom matches, when it is one character wide and computed. */
  private lastSet: CharSet | undefined
  /** The set of the class {@link charClass} last read (undefined when not computed). */
  private classSet: CharSet | undefined
  /** Its characters as listed, before folding and negation. */
  private classRaw: CharSet | undefined
  /** The set of the class escape {@link classAtom} last returned as text. */
  private atomRanges: CharSet | undefined
  /** A copy reading ahead to check a possessive quantifier: quantifiers are not checked. */
  private probing = false

  private readonly src: string

  constructor(src: string) {
    this.src = src
  }

  private fail(message: string): never {
    throw new JavaRegexError(`${message} near index ${this.i} in regular expression`)
  }

  private unsupported(what: string): never {
    this.fail(`${what} is not supported (the linear-time engine cannot run it)`)
  }

  private peek(offset = 0): string {
    return this.src[this.i + offset] ?? ''
  }

  private codePointAt(): number {
    const cp = this.src.codePointAt(this.i) as number
    this.i += cp > 0xffff ? 2 : 1
    return cp
  }

  run(): string {
    while (this.i < this.src.length) this.atom()
    if (this.stack.length > 0) this.fail('unclosed group')
    return this.out
  }

  /** Whitespace and `#` comments in comments mode `(?x)`. */
  private skipComments(): boolean {
    if (!this.flags.x) return false
    const c = this.peek()
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      this.i++
      return true
    }
    if (c === '#') {
      while (this.i < this.src.length && this.peek() !== '\n') this.i++
      return true
    }
    return false
  }

  private atom(): void {
    if (this.skipComments()) return
    const c = this.peek()
    const set = this.lastSet
    this.lastSet = undefined
    switch (c) {
      case '\\': {
        this.i++
        const letter = this.peek()
        const escape = this.escape(false)
        if ('cp' in escape) {
          this.out += literal(escape.cp)
          this.lastSet = this.folded([[escape.cp, escape.cp]])
        } else if ('atom' in escape) {
          this.out += escape.atom
          if (letter === 'H' || letter === 'V') this.lastSet = this.folded(escapeSet(letter))
        } else {
          this.out += `[${escape.set}]`
          this.lastSet = this.folded(escape.ranges)
        }
        return
      }
      case '[':
        this.out += this.charClass()
        this.lastSet = this.classSet
        return
      case '(':
        this.group()
        return
      case ')':
        if (this.stack.length === 0) this.fail('unmatched closing )')
        this.flags = this.stack.pop() as Flags
        this.i++
        this.out += ')'
        return
      case '.':
        this.i++
        this.out += this.flags.s ? '(?s:.)' : this.flags.d ? '[^\\n]' : `[^${LINE_TERMINATORS}]`
        this.lastSet = this.folded(
          complement(this.flags.s ? [] : this.flags.d ? [[10, 10]] : LINE_TERMINATOR_SET),
        )
        return
      case '*':
      case '+':
      case '?':
        this.i++
        this.out += c
        this.quantifierSuffix(set, c === '?' ? 1 : Infinity)
        return
      case '{':
        this.repetition(set)
        return
      case '|':
      case '^':
      case '$':
        this.i++
        this.out += c
        return
      default: {
        const cp = this.codePointAt()
        this.out += literal(cp)
        this.lastSet = this.folded([[cp, cp]])
      }
    }
  }

  /** A set as `(?i)` makes RE2 match it, when computed. */
  private folded(set: CharSet | undefined): CharSet | undefined {
    if (set === undefined || !this.flags.i) return set
    return foldCase(set)
  }

  /**
   * `?` (lazy) is kept. `+` (possessive) is written as the greedy quantifier where that is
   * provably the same (see {@link possessiveIsGreedy}); elsewhere the pattern is refused, since
   * possessive matching needs backtracking control RE2 does not have.
   *
   * @param set - the characters of the quantified atom, when one character wide
   * @param max - the most repetitions the quantifier allows
   * @param min - the fewest
   */
  private quantifierSuffix(set: CharSet | undefined, max: number, min = 0): void {
    if (this.peek() === '?') {
      this.out += '?'
      this.i++
    } else if (this.peek() === '+') {
      const at = this.i
      this.i++
      // A fixed count of one character leaves nothing to give back.
      if (this.probing || (min === max && set !== undefined)) return
      if (!this.possessiveIsGreedy(set)) {
        this.i = at
        throw new JavaRegexError(
          `the possessive quantifier near index ${at} in regular expression ${JSON.stringify(this.src)} is not supported: what follows it can match what it repeats, and the linear-time engine cannot run that (write the greedy form, or make what follows exclude the repeated characters)`,
        )
      }
    }
  }

  private repetition(set: CharSet | undefined): void {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i, this.i + 24))
    if (!match) this.fail('illegal repetition')
    this.i += match[0].length
    this.out += match[0]
    const min = Number(match[1])
    const max = match[2] === undefined ? min : match[3] ? Number(match[3]) : Infinity
    this.quantifierSuffix(set, max, min)
  }

  /**
   * Whether a possessive quantifier on a one-character atom matching `set` always matches as the
   * greedy one does (java-regex-possessive.ts), read on a copy of this translator.
   */
  private possessiveIsGreedy(set: CharSet | undefined): boolean {
    if (set === undefined) return false
    const probe = new Translator(this.src)
    probe.probing = true
    probe.i = this.i
    probe.flags = { ...this.flags }
    probe.stack = this.stack.map((f) => ({ ...f }))
    return possessiveIsGreedy(set, {
      src: this.src,
      get i() {
        return probe.i
      },
      set i(value: number) {
        probe.i = value
      },
      peek: (offset) => probe.peek(offset),
      skipComments: () => probe.skipComments(),
      atom: () => probe.atom(),
      get depth() {
        return probe.stack.length
      },
      get lastSet() {
        return probe.lastSet
      },
      get multiline() {
        return probe.flags.m
      },
    })
  }

  private group(): void {
    this.i++
    this.stack.push({ ...this.flags })
    if (this.peek() !== '?') {
      this.out += '('
      return
    }
    this.i++
    const c = this.peek()
    if (c === ':') {
      this.i++
      this.out += '(?:'
      return
    }
    if (c === '=' || c === '!') this.unsupported('lookahead')
    if (c === '>') this.unsupported('an atomic group')
    if (c === '<') {
      if (this.peek(1) === '=' || this.peek(1) === '!') this.unsupported('lookbehind')
      const name = /^<([A-Za-z][A-Za-z0-9]*)>/.exec(this.src.slice(this.i, this.i + 260))
      if (!name) this.fail('named group has no valid name')
      this.i += name[0].length
      this.out += `(?P<${name[1]}>`
      return
    }
    this.inlineFlags()
  }

  /** `(?idmsuxU-idmsuxU)` (to the end of the enclosing group) or `(?flags:X)`. */
  private inlineFlags(): void {
    let on = true
    let re2 = ''
    for (;;) {
      const c = this.peek()
      this.i++
      if (c === '-' && on) {
        on = false
        re2 += '-'
      } else if (c === 'i' || c === 'm') {
        re2 += c
        this.flags[c] = on
      } else if (c === 's' || c === 'x' || c === 'd') this.flags[c] = on
      else if (c === 'u' || c === 'U') continue
      else if (c === ')' || c === ':') {
        if (re2.endsWith('-')) re2 = re2.slice(0, -1)
        if (c === ')') {
          // The flags apply to the rest of the enclosing group: drop the scope pushed for it.
          this.stack.pop()
          if (re2) this.out += `(?${re2})`
        } else this.out += re2 ? `(?${re2}:` : '(?:'
        return
      } else {
        this.i--
        this.fail('unknown inline modifier')
      }
    }
  }

  /** After a backslash. Inside a class only class content or a code point is allowed. */
  private escape(inClass: boolean): Escape {
    if (this.i >= this.src.length) this.fail('unexpected internal error: trailing backslash')
    const cp = this.codePointAt()
    const c = String.fromCodePoint(cp)
    if (!/[A-Za-z0-9]/.test(c)) return { cp }
    switch (c) {
      case 't':
        return { cp: 9 }
      case 'n':
        return { cp: 10 }
      case 'r':
        return { cp: 13 }
      case 'f':
        return { cp: 12 }
      case 'a':
        return { cp: 7 }
      case 'e':
        return { cp: 27 }
      case 'c': {
        if (this.i >= this.src.length) this.fail('illegal control escape sequence')
        return { cp: this.codePointAt() ^ 64 }
      }
      case '0': {
        const octal = /^[0-7]{1,3}/.exec(this.src.slice(this.i, this.i + 3))
        if (!octal) this.fail('illegal octal escape sequence')
        let digits = octal[0]
        if (digits.length === 3 && Number(digits[0]) > 3) digits = digits.slice(0, 2)
        this.i += digits.length
        return { cp: Number.parseInt(digits, 8) }
      }
      case 'x':
        return { cp: this.hexEscape() }
      case 'u':
        return { cp: this.unicodeEscape() }
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return { set: `\\${c}`, ranges: escapeSet(c) }
      case 's':
        return { set: SPACE, ranges: escapeSet(c) }
      case 'S':
        return { set: NOT_SPACE, ranges: escapeSet(c) }
      case 'h':
        return { set: HSPACE, ranges: escapeSet(c) }
      case 'v':
        return { set: VSPACE, ranges: escapeSet(c) }
      case 'H':
      case 'V':
        if (inClass) this.unsupported(`\\${c} inside a character class`)
        return { atom: `[^${c === 'H' ? HSPACE : VSPACE}]` }
      case 'p':
      case 'P':
        return this.property(c === 'P')
      case 'Q':
        return { atom: this.quoted() }
    }
    if (inClass) this.fail(`illegal escape \\${c} in a character class`)
    switch (c) {
      case 'b':
      case 'B':
      case 'A':
      case 'z':
        return { atom: `\\${c}` }
      case 'Z':
        return { atom: '\\z' }
      case 'R':
        return { atom: `(?:\\r\\n|[${VSPACE}])` }
      case 'k':
        this.unsupported('a backreference')
    }
    if (c >= '1' && c <= '9') this.unsupported('a backreference')
    if (c === 'G' || c === 'X' || c === 'N') this.unsupported(`\\${c}`)
    return this.fail(`illegal or unsupported escape sequence \\${c}`)
  }

  private hexEscape(): number {
    const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(this.src.slice(this.i, this.i + 9))
    const plain = /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.i, this.i + 2))
    const digits = braced ? braced[1] : plain?.[0]
    if (digits === undefined) this.fail('illegal hexadecimal escape sequence')
    this.i += braced ? braced[0].length : 2
    const cp = Number.parseInt(digits, 16)
    if (cp > 0x10ffff) this.fail('hexadecimal codepoint is too big')
    return cp
  }

  private unicodeEscape(): number {
    const read = (): number => {
      const digits = /^[0-9A-Fa-f]{4}/.exec(this.src.slice(this.i, this.i + 4))
      if (!digits) this.fail('illegal Unicode escape sequence')
      this.i += 4
      return Number.parseInt(digits[0], 16)
    }
    const high = read()
    if (high >= 0xd800 && high <= 0xdbff && this.src.startsWith('\\u', this.i)) {
      const at = this.i
      this.i += 2
      const low = read()
      if (low >= 0xdc00 && low <= 0xdfff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000
      this.i = at
    }
    return high
  }

  /** `\p{Name}`, `\pL`, `\P{…}`: POSIX classes, categories and scripts RE2 knows. */
  private property(negated: boolean): Escape {
    let name: string
    if (this.peek() === '{') {
      const end = this.src.indexOf('}', this.i)
      if (end < 0) this.fail('unclosed character family')
      name = this.src.slice(this.i + 1, end)
      this.i = end + 1
    } else {
      if (this.i >= this.src.length) this.fail('illegal character family')
      name = String.fromCodePoint(this.codePointAt())
    }
    if (POSIX.has(name)) {
      const set = `[:${negated ? '^' : ''}${name.toLowerCase()}:]`
      return { set, ranges: undefined }
    }
    const eq = /^(?:gc|general_category|sc|script)=(.+)$/i.exec(name)
    const bare = eq ? (eq[1] as string) : name.replace(/^Is/, '')
    if (!/^[A-Za-z_]+$/.test(bare) || name.startsWith('In') || name.startsWith('java'))
      this.unsupported(`the character family \\p{${name}}`)
    return { set: `\\${negated ? 'P' : 'p'}{${bare}}`, ranges: undefined }
  }

  /** `\Q…\E`: every character up to `\E` (or the end) is literal; a quantifier after it applies
   * to the last one, as in Java. */
  private quoted(): string {
    const end = this.src.indexOf('\\E', this.i)
    const text = this.src.slice(this.i, end < 0 ? this.src.length : end)
    this.i = end < 0 ? this.src.length : end + 2
    let out = ''
    for (const ch of text) out += literal(ch.codePointAt(0) as number)
    return out
  }

  /** `[...]`, with Java's unions `[a[b]]`; intersections are rejected. */
  private charClass(): string {
    this.i++
    let negated = false
    if (this.peek() === '^') {
      negated = true
      this.i++
    }
    let body = ''
    let first = true
    // The characters listed, before case folding and negation (undefined: not computed).
    let raw: Array<readonly [number, number]> | undefined = []
    for (;;) {
      if (this.i >= this.src.length) this.fail('unclosed character class')
      if (this.skipComments()) continue
      const c = this.peek()
      if (c === ']' && !first) {
        this.i++
        break
      }
      first = false
      if (c === '[') {
        if (this.peek(1) === '^') this.unsupported('a negated class inside a class')
        const nested = this.charClass()
        body += nested.slice(1, -1)
        raw = raw && this.classRaw ? [...raw, ...this.classRaw] : undefined
        continue
      }
      if (c === '&' && this.peek(1) === '&') this.unsupported('class intersection &&')
      const start = this.classAtom()
      if (typeof start === 'string') {
        body += start
        raw = raw && this.atomRanges ? [...raw, ...this.atomRanges] : undefined
        continue
      }
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        this.i++
        if (this.peek() === '[') this.fail('illegal character range')
        const end = this.classAtom()
        if (typeof end === 'string') this.fail('illegal character range')
        if (end < start) this.fail('illegal character range')
        body += `${literal(start)}-${literal(end)}`
        raw?.push([start, end])
      } else {
        body += literal(start)
        raw?.push([start, start])
      }
    }
    if (body === '') this.fail('empty character class')
    this.classRaw = raw && normalise(raw)
    const folded = this.folded(this.classRaw)
    this.classSet = folded && (negated ? complement(folded) : folded)
    return `[${negated ? '^' : ''}${body}]`
  }

  /** A code point, or class content that cannot end a range. */
  private classAtom(): number | string {
    if (this.peek() !== '\\') return this.codePointAt()
    this.i++
    const escape = this.escape(true)
    if ('cp' in escape) return escape.cp
    this.atomRanges = undefined
    if ('atom' in escape) return escape.atom
    this.atomRanges = escape.ranges
    return escape.set
  }
}

/**
 * Translates a Java pattern into RE2 syntax.
 *
 * @param pattern - Java regex source
 * @returns the RE2 source
 * @throws JavaRegexError when the pattern is invalid in Java or needs backtracking
 */
export function translateJavaRegex(pattern: string): string {
  return new Translator(pattern).run()
}
