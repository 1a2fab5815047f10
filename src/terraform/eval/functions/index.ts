/**
 * Built-in function calls: the table of functions Portico evaluates, `try` and `can` (which
 * need their arguments unevaluated), and the rules every call shares: an unknown argument makes
 * an unknown result, a token is accepted only by functions that keep it whole, a bad argument
 * is an `invalid-argument` diagnostic, a function Portico lacks is `unsupported-function`.
 */
import type { Expr, SourcePos } from '../../hcl/ast.js'
import { errorMessage } from '../../../core/index.js'
import { UnknownValue, type TfValue } from '../../values.js'
import type { Scope } from '../context.js'
import { BudgetExceeded } from '../context.js'
import { evalExpr, tokenUse } from '../expr.js'
import { findToken, findUnknown, isList } from '../value-ops.js'
import { COLLECTION_FUNCTIONS } from './collections.js'
import { FnError, type FnSpec } from './common.js'
import { ENCODING_FUNCTIONS } from './encoding.js'
import { EXTRA_FUNCTIONS } from './extra.js'
import { FILE_FUNCTIONS } from './files.js'
import { FORMAT_FUNCTIONS } from './format.js'
import { JSON_FUNCTIONS } from './json.js'
import { REGEX_FUNCTIONS } from './regex.js'
import { STRING_FUNCTIONS } from './strings.js'
import { TYPE_FUNCTIONS } from './types.js'

const FUNCTIONS: ReadonlyMap<string, FnSpec> = new Map(
  Object.entries({
    ...STRING_FUNCTIONS,
    ...REGEX_FUNCTIONS,
    ...FORMAT_FUNCTIONS,
    ...JSON_FUNCTIONS,
    ...ENCODING_FUNCTIONS,
    ...COLLECTION_FUNCTIONS,
    ...TYPE_FUNCTIONS,
    ...FILE_FUNCTIONS,
    ...EXTRA_FUNCTIONS,
  }),
)

/** Functions whose result differs on every run: never known statically. */
const NOT_STATIC = new Set(['timestamp', 'uuid', 'bcrypt', 'plantimestamp', 'uuidv5'])

/** Names of the functions Portico evaluates. */
export function supportedFunctions(): string[] {
  return [...FUNCTIONS.keys(), 'try', 'can'].sort()
}

/** Evaluates a call expression. */
export function callFunction(expr: Extract<Expr, { kind: 'call' }>, scope: Scope): TfValue {
  const ctx = scope.module.runtime.ctx
  const name = expr.name.startsWith('core::') ? expr.name.slice(6) : expr.name
  if (name === 'try') return evalTry(expr.args, scope, expr.pos)
  if (name === 'can') return evalCan(expr.args, scope)
  if (NOT_STATIC.has(name))
    return ctx.unknown('not-static', `${name}() gives a new value on every run`, scope.site, {
      pos: expr.pos,
    })
  const spec = FUNCTIONS.get(name)
  if (!spec)
    return ctx.unknown(
      'unsupported-function',
      `Portico does not evaluate the function ${name}()`,
      scope.site,
      { pos: expr.pos, hint: `replace ${name}() with a literal or a variable, or open an issue` },
    )
  let args = expr.args.map((a) => evalExpr(a, scope))
  if (expr.expandFinal) {
    const last = args[args.length - 1]
    if (last instanceof UnknownValue) return last
    if (!isList(last ?? null))
      return ctx.error(
        'invalid-argument',
        `${name}: the argument before ... must be a list`,
        scope.site,
        {
          pos: expr.pos,
        },
      )
    args = [...args.slice(0, -1), ...(last as readonly TfValue[])]
  }
  if (args.length < spec.min || args.length > spec.max)
    return ctx.error(
      'invalid-argument',
      `${name}() takes ${spec.min === spec.max ? String(spec.min) : `${String(spec.min)} or more`} argument(s), got ${String(args.length)}`,
      scope.site,
      { pos: expr.pos },
    )
  for (const a of args) {
    if (a instanceof UnknownValue) return a
    if (!spec.keepsUnknowns) {
      const u = findUnknown(a)
      if (u) return u
    }
    if (!spec.tokens) {
      const t = findToken(a)
      if (t) return tokenUse(scope, expr.pos, t, `an argument of ${name}()`)
    }
  }
  try {
    return spec.fn(args, { scope, pos: expr.pos, name })
  } catch (e) {
    if (e instanceof BudgetExceeded) throw e
    if (e instanceof FnError && /known only after apply/.test(e.message)) {
      const t = args.map((a) => findToken(a)).find((x) => x !== undefined)
      if (t) return tokenUse(scope, expr.pos, t, `an argument of ${name}()`)
    }
    if (e instanceof FnError && e.detail)
      return ctx.error(e.detail.code, `${name}(): ${e.message}`, scope.site, {
        severity: 'warning',
        pos: expr.pos,
        hint: e.detail.hint,
      })
    return ctx.error(
      'invalid-argument',
      `${name}(): ${e instanceof FnError ? e.message : errorMessage(e)}`,
      scope.site,
      { pos: expr.pos },
    )
  }
}

/** Whether `v` is, or holds, an evaluation error. */
function hasError(scope: Scope, v: TfValue): boolean {
  const ctx = scope.module.runtime.ctx
  if (ctx.isError(v)) return true
  const u = findUnknown(v)
  return u !== undefined && ctx.isError(u)
}

function evalTry(args: readonly Expr[], scope: Scope, pos: SourcePos): TfValue {
  const ctx = scope.module.runtime.ctx
  for (const a of args) {
    const v = ctx.muteWhile(
      () => evalExpr(a, scope),
      (r) => !hasError(scope, r),
    )
    if (!hasError(scope, v)) return v
  }
  return ctx.error(
    'invalid-argument',
    'try(): no argument could be evaluated without error',
    scope.site,
    {
      pos,
    },
  )
}

function evalCan(args: readonly Expr[], scope: Scope): TfValue {
  const ctx = scope.module.runtime.ctx
  const a = args[0]
  if (!a || args.length !== 1)
    return ctx.error('invalid-argument', 'can() takes 1 argument', scope.site)
  const v = ctx.muteWhile(
    () => evalExpr(a, scope),
    (r) => !hasError(scope, r) && r instanceof UnknownValue,
  )
  if (hasError(scope, v)) return false
  if (v instanceof UnknownValue) return v
  return true
}
