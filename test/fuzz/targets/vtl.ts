// VTL: templates generated from a grammar of directives and method calls, rendered over
// generated JSON bodies with `renderMappingTemplate`. A render returns, or throws a Portico
// error (syntax, runtime, budget); anything else (RangeError, TypeError), a slow render or a
// huge output is a finding. A V8 abort kills the child process and is counted as a crash.
import fc from 'fast-check'
import { isPorticoError, renderMappingTemplate } from '../../../src/index.js'
import { TemplateRuntimeError } from '../../../src/mapping/vtl/compile.js'
import { TemplateSyntaxError } from '../../../src/mapping/vtl/preprocess.js'
import { clip, type FuzzTarget } from '../core.js'

export interface VtlInput {
  template: string
  body: string
  id: string
}

const VARS = ['$x', '$y', '$list', '$map', '$v', '$s']
const PATHS = [
  "'$'",
  "'$.s'",
  "'$.items'",
  "'$.o'",
  "'$.items[0]'",
  "'$..a'",
  "'$.*'",
  "'$['__proto__']'",
  "'$.constructor'",
]
const STRINGS = [
  '"a"',
  '"aa"',
  '""',
  '","',
  '"(a+)+$"',
  '"(a|aa)+$"',
  '"a*a*a*a*b"',
  '"[a-"',
  '"$"',
  '"\\\\"',
  "'single'",
  '"__proto__"',
]

const leaf = fc.oneof(
  fc.constantFrom(...VARS),
  fc.constantFrom(...STRINGS),
  fc.integer({ min: -5, max: 100 }).map(String),
  fc.constantFrom('true', 'false', 'null', '[]', '{}', '[1..5]', '[1..40]'),
  fc.constantFrom(...PATHS).map((p) => `$input.path(${p})`),
  fc.constantFrom(...PATHS).map((p) => `$input.json(${p})`),
  fc.constantFrom(
    "$input.params('id')",
    '$input.params()',
    '$input.body',
    '$input.params().header',
    '$context.requestId',
    '$stageVariables.a',
    '$context.responseOverride.status',
  ),
)

const METHODS = [
  '.replace("a", "aa")',
  '.replace("", "x")',
  '.replaceAll("a", "aa")',
  '.replaceAll("(a+)+b", "x")',
  '.replaceAll("(a|aa)+$", "$1$1")',
  '.matches("(a|aa)+$")',
  '.matches("^(a+)+$")',
  '.split(",")',
  '.split("")',
  '.length()',
  '.size()',
  '.substring(1)',
  '.substring(5, 2)',
  '.toUpperCase()',
  '.trim()',
  '.indexOf("a")',
  '.charAt(100)',
  '.contains("a")',
  '.isEmpty()',
  '.get(0)',
  '.get("a")',
  '.keySet()',
  '.entrySet()',
  '.add($list)',
  '.add($map)',
  '.add("x")',
  '.put("k", $map)',
  '.put("k", $list)',
  '.putAll($map)',
  '.addAll($list)',
  '.remove(0)',
  '.clear()',
  '.toString()',
  '.hashCode()',
  '.equals($x)',
  '.getClass()',
  '.constructor',
  '.__proto__',
  '.valueOf()',
]

const UTIL = [
  'escapeJavaScript',
  'urlEncode',
  'urlDecode',
  'base64Encode',
  'base64Decode',
  'parseJson',
  'toJson',
]

const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: 3, depthIdentifier: 'vtl-expr' },
    leaf,
    fc
      .tuple(tie('expr'), fc.array(fc.constantFrom(...METHODS), { minLength: 1, maxLength: 3 }))
      .map(([e, ms]) => `${e.startsWith('$') ? e : `$x`}${ms.join('')}`),
    fc.tuple(fc.constantFrom(...UTIL), tie('expr')).map(([u, e]) => `$util.${u}(${e})`),
    fc
      .tuple(
        tie('expr'),
        fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '&&', '||'),
        tie('expr'),
      )
      .map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('expr').map((e) => `"${e}${e}"`),
  ),
}))

const { block } = fc.letrec<{ block: string }>((tie) => ({
  block: fc
    .array(
      fc.oneof(
        { depthSize: 'small', withCrossShrink: true, maxDepth: 3, depthIdentifier: 'vtl-block' },
        fc.tuple(fc.constantFrom(...VARS), expr).map(([v, e]) => `#set(${v} = ${e})`),
        fc.constantFrom(
          '#set($s = "$s$s")',
          '#set($x = $x.replace("a", "aaaa"))',
          '#set($_ = $list.add($list))',
          '#set($_ = $map.put("m", $map))',
          '#set($list = [$list, $list])',
        ),
        expr.map((e) => `$!{${e.startsWith('$') ? e.slice(1) : 'x'}}`),
        expr.map((e) => (e.startsWith('$') ? e : `"${e}"`)),
        fc.tuple(expr, tie('block'), tie('block')).map(([c, a, b]) => `#if(${c})${a}#else${b}#end`),
        fc
          .tuple(fc.constantFrom('$v', '$w'), expr, tie('block'))
          .map(([v, e, b]) => `#foreach(${v} in ${e})${b}#end`),
        fc.constantFrom(
          '#break',
          '#stop',
          '#{end}',
          '#end',
          '#if(',
          '$',
          '${',
          '#set($ = 1)',
          '## comment\n',
          '#* block *#',
          '#[[raw]]#',
          '#define($d)x#end',
          '#macro(m $a)$a#end#m(1)',
          '#evaluate("$x")',
          '#include("x")',
          '#parse("x")',
        ),
        fc.string({ maxLength: 10 }),
      ),
      { maxLength: 5 },
    )
    .map((parts) => parts.join('')),
}))

const prefix =
  '#set($x = "aaaa")#set($y = 1)#set($s = "ab")#set($list = [1, "a"])#set($map = {"a": 1})'

const arbitrary: fc.Arbitrary<VtlInput> = fc.record({
  template: block.map((b) => prefix + b),
  body: fc.oneof(
    fc
      .record({
        s: fc.oneof(fc.constantFrom(`${'a'.repeat(30)}!`, 'a,b,c', ''), fc.string()),
        items: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 6 }),
        o: fc.jsonValue({ maxDepth: 3 }),
        a: fc.jsonValue({ maxDepth: 1 }),
      })
      .map((v) => JSON.stringify(v)),
    fc.json({ maxDepth: 4 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer({ min: 100, max: 20000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  ),
  id: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor')),
})

const MAX_OUTPUT = 10 * 1024 * 1024

export const vtlTarget: FuzzTarget<VtlInput, undefined> = {
  name: 'vtl',
  timeoutMs: 2000,
  setup: async () => undefined,
  teardown: async () => undefined,
  arbitrary: () => arbitrary,
  show: (input) => clip(JSON.stringify(input), 1500),
  run(input) {
    let out: string
    try {
      out = renderMappingTemplate(input.template, {
        body: input.body,
        params: { path: { id: input.id }, querystring: { q: input.id }, header: {} },
        stageVariables: { a: 'b' },
      })
    } catch (error) {
      if (
        error instanceof TemplateRuntimeError ||
        error instanceof TemplateSyntaxError ||
        isPorticoError(error)
      )
        return undefined
      const e = error as Error
      return {
        kind: 'failure',
        signature: `render threw ${e?.name ?? typeof e}: ${String(e?.message)
          .replace(/'[^']*'|"[^"]*"/g, '…')
          .slice(0, 60)}`,
        detail: String(e?.stack ?? e).slice(0, 400),
      }
    }
    if (typeof out !== 'string')
      return { kind: 'failure', signature: `render returned ${typeof out}` }
    if (out.length > MAX_OUTPUT)
      return {
        kind: 'memory',
        signature: 'render output over 10 MB (no output budget)',
        detail: `${out.length} chars`,
      }
    return undefined
  },
}
