import { describe, expect, it } from 'vitest'
import { expr, show } from './show.js'

// Each row: source after `x = `, the expected tree (see show.ts), and where the rule comes from.
const SPEC = 'hashicorp/hcl hclsyntax/spec.md'

const cases: readonly (readonly [string, string, string])[] = [
  // Literals
  ['1', '1', `${SPEC} Numeric Literals`],
  ['1.5', '1.5', `${SPEC} Numeric Literals`],
  ['1e3', '1000', `${SPEC} Numeric Literals (exponent)`],
  ['2.5E-2', '0.025', `${SPEC} Numeric Literals (exponent)`],
  ['1e+2', '100', `${SPEC} Numeric Literals (exponent)`],
  ['true', 'true', `${SPEC} Variables and Variable Expressions (keywords)`],
  ['false', 'false', `${SPEC} Variables and Variable Expressions (keywords)`],
  ['null', 'null', `${SPEC} Variables and Variable Expressions (keywords)`],
  ['"abc"', '"abc"', `${SPEC} Template Expressions (no interpolation: literal)`],
  ['""', '""', `${SPEC} Template Expressions`],
  // Variables and traversals
  ['var.name', 'var.name', `${SPEC} Index Operator / attribute access`],
  ['a-b', 'a-b', `${SPEC} Identifiers (a dash is part of an identifier)`],
  ['a - b', '(a - b)', `${SPEC} Arithmetic Operators`],
  ['aws_lambda_function.fn.invoke_arn', 'aws_lambda_function.fn.invoke_arn', SPEC],
  ['var.list[0]', 'var.list[0]', `${SPEC} Index Operator`],
  ['var.map["k"]', 'var.map["k"]', `${SPEC} Index Operator`],
  ['var.list.0', 'var.list[0]', `${SPEC} Index Operator (legacy index)`],
  ['var.list.1.name', 'var.list[1].name', `${SPEC} legacy index then attribute`],
  ['a[b[c]]', 'a[b[c]]', `${SPEC} Index Operator`],
  ['f(x).y[0]', 'f(x).y[0]', `${SPEC} traversal after a call`],
  ['[1, 2][0]', '[1, 2][0]', `${SPEC} traversal after a tuple`],
  ['x.for', 'x.for', 'keywords are attribute names'],
  // Splats
  ['a.*.id', '(splat a @.id)', `${SPEC} Splat Operators (attribute-only)`],
  ['a.*.b.c', '(splat a @.b.c)', `${SPEC} Splat Operators (attribute-only)`],
  ['a.*.b[0]', '(splat a @.b)[0]', `${SPEC} Splat Operators (attribute-only stops at [ ])`],
  ['a[*].id', '(splat a @.id)', `${SPEC} Splat Operators (full)`],
  ['a[*].b[0].c', '(splat a @.b[0].c)', `${SPEC} Splat Operators (full)`],
  ['a[*]', '(splat a @)', `${SPEC} Splat Operators (full)`],
  ['a[ * ]', '(splat a @)', `${SPEC} Splat Operators (full)`],
  ['a[*].b[*].c', '(splat (splat a @.b) @.c)', `${SPEC} Splat Operators (chained)`],
  ['aws_instance.x.*.id[0]', '(splat aws_instance.x @.id)[0]', 'legacy splat then index'],
  // Function calls
  ['f()', 'f()', `${SPEC} Function Calls`],
  ['f(1, "a")', 'f(1, "a")', `${SPEC} Function Calls`],
  ['f(1, 2,)', 'f(1, 2)', `${SPEC} Function Calls (trailing comma)`],
  ['f(\n  1,\n  2\n)', 'f(1, 2)', `${SPEC} Function Calls (newlines ignored)`],
  ['concat(a, b...)', 'concat(a, b...)', `${SPEC} Function Calls (expanding final argument)`],
  ['provider::aws::arn_parse(x)', 'provider::aws::arn_parse(x)', 'Terraform provider functions'],
  ['jsonencode({ a = 1 })', 'jsonencode({"a" = 1})', SPEC],
  // Tuples
  ['[]', '[]', `${SPEC} Collection Values`],
  ['[1, "a", b]', '[1, "a", b]', `${SPEC} Collection Values`],
  ['[1, 2,]', '[1, 2]', `${SPEC} Collection Values (trailing comma)`],
  ['[\n  1,\n  2\n]', '[1, 2]', `${SPEC} Collection Values (newlines ignored)`],
  ['[[1], [2, [3]]]', '[[1], [2, [3]]]', `${SPEC} Collection Values`],
  // Objects
  ['{}', '{}', `${SPEC} Collection Values`],
  ['{ a = 1, b = 2 }', '{"a" = 1, "b" = 2}', `${SPEC} Collection Values`],
  ['{ a: 1, "b": 2 }', '{"a" = 1, "b" = 2}', `${SPEC} Collection Values (colon)`],
  ['{\n  a = 1\n  b = 2\n}', '{"a" = 1, "b" = 2}', `${SPEC} Collection Values (newlines)`],
  ['{\n  a = 1,\n  b = 2,\n}', '{"a" = 1, "b" = 2}', `${SPEC} Collection Values (commas)`],
  ['{ (var.k) = 1 }', '{(( var.k )) = 1}', `${SPEC} Collection Values (parenthesised key)`],
  ['{ "${var.k}" = 1 }', '{var.k = 1}', `${SPEC} Collection Values (template key)`],
  ['{ "a-${b}" = 1 }', '{tpl("a-", ${b}) = 1}', `${SPEC} Collection Values (template key)`],
  ['{ 200 = "x" }', '{200 = "x"}', 'number key (aws-samples/serverless-patterns)'],
  ['{ true = 1, null = 2 }', '{"true" = 1, "null" = 2}', 'bare keyword keys are names'],
  ['{ a = { b = [1] } }', '{"a" = {"b" = [1]}}', SPEC],
  // For expressions
  ['[for x in xs : x.id]', '[for x in xs : x.id]', `${SPEC} For Expressions`],
  ['[for i, x in xs : x if i > 0]', '[for i, x in xs : x if (i > 0)]', `${SPEC} For Expressions`],
  ['{for k, v in m : k => v}', '{for k, v in m : k => v}', `${SPEC} For Expressions`],
  [
    '{for v in m : v.k => v...}',
    '{for v in m : v.k => v...}',
    `${SPEC} For Expressions (grouping)`,
  ],
  [
    '{for k, v in m : upper(k) => v... if v != null}',
    '{for k, v in m : upper(k) => v... if (v != null)}',
    `${SPEC} For Expressions (grouping and filter)`,
  ],
  [
    '[\n  for x in xs :\n  x\n  if x\n]',
    '[for x in xs : x if x]',
    `${SPEC} For Expressions (newlines ignored)`,
  ],
  ['[for x in a ? b : c : x]', '[for x in (a ? b : c) : x]', `${SPEC} For Expressions`],
  // Operators and precedence
  ['1 + 2 * 3', '(1 + (2 * 3))', `${SPEC} Operations (precedence)`],
  ['(1 + 2) * 3', '((( (1 + 2) )) * 3)', `${SPEC} Operations (parentheses)`],
  ['1 - 2 - 3', '((1 - 2) - 3)', `${SPEC} Operations (left associative)`],
  ['8 / 4 * 2 % 3', '(((8 / 4) * 2) % 3)', `${SPEC} Operations (left associative)`],
  ['a || b && c', '(a || (b && c))', `${SPEC} Operations (&& binds tighter)`],
  ['a == b && c != d', '((a == b) && (c != d))', `${SPEC} Operations`],
  ['a < b == c >= d', '((a < b) == (c >= d))', `${SPEC} Operations (comparison over equality)`],
  ['a <= b + 1', '(a <= (b + 1))', `${SPEC} Operations`],
  ['-1', '(-1)', `${SPEC} Operations (unary)`],
  ['-46 + 5', '((-46) + 5)', `${SPEC} Operations (unary binds tightest)`],
  ['!a && b', '((!a) && b)', `${SPEC} Operations (unary)`],
  ['!!a', '(!(!a))', `${SPEC} Operations (unary)`],
  ['-a.b[0]', '(-a.b[0])', `${SPEC} Operations (unary over a traversal)`],
  ['2 * -x', '(2 * (-x))', `${SPEC} Operations (unary)`],
  // Conditionals
  ['a ? b : c', '(a ? b : c)', `${SPEC} Conditional Operator`],
  ['a ? b : c ? d : e', '(a ? b : (c ? d : e))', `${SPEC} Conditional Operator (right)`],
  ['a == 1 ? "x" : "y"', '((a == 1) ? "x" : "y")', `${SPEC} Conditional Operator`],
  ['a ? b ? 1 : 2 : 3', '(a ? (b ? 1 : 2) : 3)', `${SPEC} Conditional Operator (nested)`],
  ['(\n  a\n  ? b\n  : c\n)', '(( (a ? b : c) ))', `${SPEC} newlines ignored in parentheses`],
  // Comments inside expressions
  ['[1, /* two */ 2]', '[1, 2]', `${SPEC} Comments and Whitespace`],
  ['[\n  1, # one\n  2 // two\n]', '[1, 2]', `${SPEC} Comments and Whitespace`],
]

describe('parseHcl expressions', () => {
  it.each(cases)('%s', (source, expected) => {
    expect(show(expr(source))).toBe(expected)
  })

  it('puts file, line and column on every node', () => {
    const e = expr('[\n  a.b[0],\n    f(1)\n]')
    expect(e.pos).toEqual({ file: 'test.tf', line: 1, column: 5 })
    if (e.kind !== 'tuple') throw new Error(e.kind)
    const [first, second] = e.items
    expect(first?.pos).toEqual({ file: 'test.tf', line: 2, column: 6 }) // the `[` of [0]
    if (first?.kind !== 'index') throw new Error('index')
    expect(first.target.pos).toMatchObject({ line: 2, column: 4 }) // the `.` of .b
    if (first.target.kind !== 'getattr') throw new Error('getattr')
    expect(first.target.target.pos).toMatchObject({ line: 2, column: 3 })
    expect(second?.pos).toMatchObject({ line: 3, column: 5 })
    if (second?.kind !== 'call') throw new Error('call')
    expect(second.args[0]?.pos).toMatchObject({ line: 3, column: 7 })
  })

  it('places binary and conditional nodes at their first operand', () => {
    const e = expr('a + b ? c : d')
    expect(e.pos).toMatchObject({ line: 1, column: 5 })
    if (e.kind !== 'conditional') throw new Error(e.kind)
    expect(e.else.pos).toMatchObject({ line: 1, column: 17 })
  })
})
