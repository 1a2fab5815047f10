// Any text, however broken, gives a syntax tree or a ConfigError: never a TypeError, a
// RangeError (stack overflow) or a hang.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.js'
import { parseHcl } from '../../../src/terraform/hcl/index.js'

const FRAGMENTS = [
  'a',
  'b.c',
  ' = ',
  '=',
  ':',
  ',',
  '\n',
  ' ',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '"',
  '\\',
  '\\u',
  '${',
  '%{',
  '~',
  '}',
  'if ',
  'else',
  'endif',
  'for ',
  'in ',
  'endfor',
  '$${',
  '%%{',
  '<<EOF\n',
  '<<-EOF\n',
  'EOF\n',
  '  EOF',
  '1',
  '1.5e3',
  '.0',
  '.*',
  '[*]',
  '...',
  '::',
  '=>',
  '?',
  '!',
  '-',
  '+',
  '&&',
  '||',
  '==',
  '#',
  '//',
  '/*',
  '*/',
  'resource "x" "y" ',
  'null',
  'true',
]

function outcome(text: string): string {
  try {
    parseHcl(text, 'fuzz.tf')
    return 'parsed'
  } catch (e) {
    if (e instanceof ConfigError && e.message.startsWith('fuzz.tf:')) return 'ConfigError'
    throw e
  }
}

describe('parseHcl on arbitrary input', () => {
  it('parses or throws a positioned ConfigError for sequences of HCL fragments', () => {
    const source = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((a) => a.join(''))
    fc.assert(
      fc.property(source, (text) => {
        expect(['parsed', 'ConfigError']).toContain(outcome(text))
      }),
      { numRuns: 3000 },
    )
  })

  it('parses or throws a positioned ConfigError for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (text) => {
        expect(['parsed', 'ConfigError']).toContain(outcome(text))
      }),
      { numRuns: 2000 },
    )
  })

  it('parses or throws a positioned ConfigError for real files with a cut or an insertion', () => {
    const dir = join(import.meta.dirname, 'fixtures')
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith('.tf'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
    const mutated = fc
      .tuple(
        fc.constantFrom(...texts),
        fc.nat(),
        fc.nat({ max: 20 }),
        fc.constantFrom(...FRAGMENTS, ''),
      )
      .map(([text, at, cut, insert]) => {
        const i = at % (text.length + 1)
        return text.slice(0, i) + insert + text.slice(i + cut)
      })
    fc.assert(
      fc.property(mutated, (text) => {
        expect(['parsed', 'ConfigError']).toContain(outcome(text))
      }),
      { numRuns: 500 },
    )
  })
})
