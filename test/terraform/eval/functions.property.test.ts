/**
 * Any call of any supported function, with arguments of any kind (strings, numbers, bools,
 * null, lists, maps, tokens, unknowns), evaluates to a value or an UnknownValue with a
 * diagnostic: never an exception, never a hang.
 */
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { supportedFunctions } from '../../../src/terraform/eval/index.js'
import { cleanup, evalMany } from './helpers.js'

afterAll(cleanup)

const atoms = [
  '"a"',
  '""',
  '"a,b"',
  '"/x+/"',
  '"%s %d %v"',
  '"${1}"',
  '1',
  '0',
  '-2.5',
  '1e300',
  'true',
  'null',
  '[]',
  '["x", 1]',
  '[["a"], []]',
  '{a = 1}',
  '{}',
  'aws_lambda_function.fn.arn',
  '"arn/${aws_lambda_function.fn.arn}"',
  'var.unset',
  'aws_lambda_function.fn',
]

const arb = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...atoms),
    fc
      .tuple(fc.constantFrom(...supportedFunctions()), fc.array(tie('expr'), { maxLength: 3 }))
      .map(([f, args]) => `${f}(${args.join(', ')})`),
  ),
}))

describe('functions on arbitrary arguments', () => {
  it('never throw and always finish', () => {
    fc.assert(
      fc.property(fc.array(arb.expr, { minLength: 1, maxLength: 20 }), (exprs) => {
        const { values } = evalMany(exprs, {
          'fn.tf':
            'variable "unset" {}\nresource "aws_lambda_function" "fn" { function_name = "f" }\n',
        })
        expect(values).toHaveLength(exprs.length)
      }),
      { numRuns: 60 },
    )
  })
})
