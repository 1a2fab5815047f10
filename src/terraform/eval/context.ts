/**
 * The evaluation context shared by expressions, references, functions and resources: the
 * diagnostics list, the step and depth budget, and the scope an expression runs in.
 */
import type { SourcePos } from '../hcl/ast.js'
import { UnknownValue, type TerraformDiagnostic, type TfValue } from '../values.js'
import { MAX_DEPTH, MAX_STEPS } from './limits.js'
import type { ModuleInstance } from './modules.js'

/** Where an expression is evaluated, for diagnostics. */
export interface Site {
  /** Resource, data source, output, local, variable or module call address. */
  readonly address?: string
  readonly attribute?: string
}

/** The scope of an expression: its module instance, bound names, and its site. */
export interface Scope {
  readonly module: ModuleInstance
  /** `for` variables, `count`, `each`, dynamic block iterators. */
  readonly names: ReadonlyMap<string, TfValue>
  readonly site: Site
  /** Only `names` may be referenced (a template rendered by templatefile). */
  readonly isolated?: boolean
}

/** What a diagnostic needs besides code and message. */
export interface DiagnosticExtra {
  readonly severity?: 'error' | 'warning'
  readonly hint?: string
  readonly chain?: readonly string[]
  readonly pos?: SourcePos | undefined
  readonly address?: string
  readonly attribute?: string
}

/** Thrown when the step budget is spent; caught at the top of an evaluation. */
export class BudgetExceeded extends Error {}

/** The diagnostics and budget of one load. */
export class EvalContext {
  readonly diagnostics: TerraformDiagnostic[] = []
  private readonly seen = new Set<string>()
  private readonly errorUnknowns = new WeakSet<UnknownValue>()
  private muted = 0
  private readonly mutedBuffer: TerraformDiagnostic[][] = []
  private steps = 0
  depth = 0

  /** Counts one evaluation step; throws {@link BudgetExceeded} past {@link MAX_STEPS}. */
  step(n = 1): void {
    this.steps += n
    if (this.steps > MAX_STEPS) throw new BudgetExceeded('evaluation step budget spent')
  }

  /** Whether the depth budget is spent. */
  tooDeep(): boolean {
    return this.depth > MAX_DEPTH
  }

  /** Records a diagnostic (once) and returns an UnknownValue carrying it. */
  unknown(code: string, message: string, site: Site, extra: DiagnosticExtra = {}): UnknownValue {
    const d: TerraformDiagnostic = {
      code,
      severity: extra.severity ?? 'warning',
      message,
      ...optional('address', extra.address ?? site.address),
      ...optional('attribute', extra.attribute ?? site.attribute),
      ...optional('pos', extra.pos),
      ...(extra.chain && extra.chain.length > 0 ? { chain: extra.chain } : {}),
      ...optional('hint', extra.hint),
    }
    this.record(d)
    return new UnknownValue(d)
  }

  /** An UnknownValue for what Terraform itself would reject (try() skips these). */
  error(code: string, message: string, site: Site, extra: DiagnosticExtra = {}): UnknownValue {
    const u = this.unknown(code, message, site, { severity: 'error', ...extra })
    this.errorUnknowns.add(u)
    return u
  }

  /** Whether `v` stands for an evaluation error (not merely an unknown value). */
  isError(v: TfValue): boolean {
    return v instanceof UnknownValue && this.errorUnknowns.has(v)
  }

  /** Records a diagnostic once (deduplicated by code, place and message). */
  record(d: TerraformDiagnostic): void {
    const key = [
      d.code,
      d.address,
      d.attribute,
      d.message,
      d.pos ? `${d.pos.file}:${String(d.pos.line)}` : '',
    ].join('|')
    if (this.muted > 0) {
      this.mutedBuffer[this.mutedBuffer.length - 1]?.push(d)
      return
    }
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.diagnostics.push(d)
  }

  /** Runs `f` with diagnostics held back; `keep(result)` decides whether they are recorded. */
  muteWhile<T>(f: () => T, keep: (result: T) => boolean): T {
    this.muted++
    this.mutedBuffer.push([])
    let result: T
    let held: TerraformDiagnostic[] = []
    try {
      result = f()
    } finally {
      this.muted--
      held = this.mutedBuffer.pop() ?? []
    }
    if (keep(result)) for (const d of held) this.record(d)
    return result
  }
}

function optional<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V }
}
