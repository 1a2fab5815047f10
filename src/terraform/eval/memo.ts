/** Memoised evaluation by name, with cycle detection (a cycle is a diagnostic, not a crash). */
import type { SourcePos } from '../hcl/ast.js'
import { UnknownValue, type TfValue } from '../values.js'
import type { EvalContext } from './context.js'

const EVALUATING = Symbol('evaluating')

/** A memo of values by name for one owner (a module instance or a resource instance). */
export class Memo<T extends TfValue> {
  private readonly values = new Map<string, T | typeof EVALUATING>()
  private readonly ctx: EvalContext
  private readonly owner: string
  constructor(ctx: EvalContext, owner: string) {
    this.ctx = ctx
    this.owner = owner
  }

  /** The memoised value of `name`, computing it once; a reference cycle gives an UnknownValue. */
  get(name: string, pos: SourcePos | undefined, compute: () => T): T | TfValue {
    const v = this.values.get(name)
    if (v === EVALUATING)
      return this.ctx.error(
        'cycle',
        `${this.owner}${this.owner ? ': ' : ''}${name} refers to itself (a reference cycle)`,
        { address: this.owner, attribute: name },
        { pos },
      )
    if (v !== undefined) {
      // Its diagnostic may have been held back (inside try()): reading it again reports it.
      if (v instanceof UnknownValue) this.ctx.record(v.diagnostic)
      return v
    }
    this.values.set(name, EVALUATING)
    try {
      const result = compute()
      this.values.set(name, result)
      return result
    } catch (e) {
      this.values.delete(name)
      throw e
    }
  }
}
