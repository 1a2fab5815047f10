/**
 * Values a render makes from its own blocks: `$foreach` inside a loop, and `#define` blocks that
 * render their body where they are printed.
 */
import { enterBudget, enterCall, leaveBudget, leaveCall, type RenderBudget } from './budget.js'
import { VtlHost } from './values.js'

/** The part of a render's state a `#define` block needs to print. */
export interface BlockScope {
  out: string
  readonly budget: RenderBudget
}

/** A `#define` block: renders its body where it is printed, within its render's budget. */
export class DefinedBlock<S extends BlockScope> extends VtlHost {
  readonly #body: (scope: S) => void
  readonly #scope: S
  constructor(body: (scope: S) => void, scope: S) {
    super()
    this.#body = body
    this.#scope = scope
  }
  property(): unknown {
    return undefined
  }
  call(name: string): unknown {
    return name === 'toString' ? this.print() : undefined
  }
  print(): string {
    const scope = this.#scope
    // Printed after its render (an override value) it still spends that render's budget.
    const savedBudget = enterBudget(scope.budget)
    const saved = scope.out
    enterCall()
    try {
      scope.out = ''
      this.#body(scope)
      return scope.out
    } finally {
      leaveCall()
      scope.out = saved
      leaveBudget(savedBudget)
    }
  }
}

/** `$foreach` inside a loop. */
export class LoopInfo extends VtlHost {
  index = 0
  readonly size: number
  readonly parent: unknown
  constructor(size: number, parent: unknown) {
    super()
    this.size = size
    this.parent = parent
  }
  property(name: string): unknown {
    switch (name) {
      case 'index':
        return this.index
      case 'count':
        return this.index + 1
      case 'hasNext':
        return this.index + 1 < this.size
      case 'first':
        return this.index === 0
      case 'last':
        return this.index + 1 === this.size
      case 'parent':
        return this.parent
      default:
        return undefined
    }
  }
  call(name: string): unknown {
    const getter = /^(?:get|is)([A-Z]\w*)$/.exec(name)
    if (getter) {
      const prop = (getter[1] as string).charAt(0).toLowerCase() + (getter[1] as string).slice(1)
      return this.property(prop)
    }
    return name === 'hasNext' ? this.property('hasNext') : undefined
  }
  print(): string {
    return ''
  }
}
