// The standing attack suite's shared runner: one fast-check property per target, run in batches
// with a per-input deadline, findings de-duplicated by signature and shrunk to a small input,
// a control check after every batch, and memory sampled as it goes. `scripts/fuzz.mjs` runs
// each target in its own child process (so a V8 abort or a blocked event loop is a counted
// crash or hang, not the end of the run); `short-profile.test.ts` runs a few hundred inputs.
import fc from 'fast-check'

/** What one input did wrong; `signature` de-duplicates (keep it free of input bytes). */
export interface Verdict {
  kind: 'failure' | 'hang' | 'memory'
  signature: string
  detail?: string
}

/** One surface under attack. */
export interface FuzzTarget<T, C> {
  name: string
  /** Starts servers, gateways, keys. */
  setup(): Promise<C>
  teardown(ctx: C): Promise<void>
  arbitrary(ctx: C): fc.Arbitrary<T>
  /** Runs one input; `undefined` is a pass. */
  run(input: T, ctx: C): Promise<Verdict | undefined> | Verdict | undefined
  /** A known-good request after each batch: the surface still works. */
  control?(ctx: C): Promise<Verdict | undefined>
  /** A printable reproduction of the input (JSON or a JS literal). */
  show(input: T): string
  /** Per-input time bound. @default 5000 */
  timeoutMs?: number
}

export interface Finding {
  kind: 'failure' | 'hang' | 'crash' | 'memory'
  target: string
  signature: string
  detail: string
  /** The smallest input found with this signature. */
  input: string
  /** How many inputs had this signature. */
  count: number
}

export interface RunStats {
  target: string
  inputs: number
  shrinkSteps: number
  failures: number
  hangs: number
  controls: number
  findings: Finding[]
  durationMs: number
  maxRssMb: number
  maxHeapMb: number
  heapGrowthMb: number
}

export interface RunOptions {
  runs: number
  seed: number
  /** Inputs between control checks. @default 100 */
  batch?: number
  /** Called before each input with its printable form (the child writes it to disk). */
  onInput?: (shown: string) => void
  /** Called when that input has finished (a hang after this is in generation or shrinking). */
  onInputDone?: () => void
  /** Called after each batch. */
  onProgress?: (stats: RunStats) => void
  /** Shrinking steps allowed per new finding. @default 150 */
  maxShrinkSteps?: number
  /** Heap growth (after GC) that counts as a memory finding. @default 128 MB */
  maxHeapGrowthMb?: number
}

const MB = 1024 * 1024

/** Resolves with `hang` when `work` takes longer than `ms` (async), or measured after the fact (sync). */
export async function withDeadline<V>(
  work: () => Promise<V> | V,
  ms: number,
): Promise<{ value: V } | { error: unknown } | { hang: number }> {
  const started = performance.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<{ hang: number }>((ok) => {
    timer = setTimeout(() => ok({ hang: performance.now() - started }), ms)
  })
  try {
    const outcome = await Promise.race([
      Promise.resolve()
        .then(work)
        .then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        ),
      deadline,
    ])
    const took = performance.now() - started
    if (!('hang' in outcome) && took > ms) return { hang: took }
    return outcome
  } finally {
    clearTimeout(timer)
  }
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc
  if (collect) collect()
}

/**
 * Runs `options.runs` generated inputs against `target`. Never throws for what an input does:
 * every failing input is counted, the first of each signature is shrunk and kept.
 */
export async function runTarget<T, C>(
  target: FuzzTarget<T, C>,
  options: RunOptions,
): Promise<RunStats> {
  const started = performance.now()
  const timeoutMs = target.timeoutMs ?? 5000
  const batch = options.batch ?? 100
  const maxShrink = options.maxShrinkSteps ?? 150
  const findings = new Map<string, Finding>()
  gc()
  const heapAtStart = process.memoryUsage().heapUsed
  const stats: RunStats = {
    target: target.name,
    inputs: 0,
    shrinkSteps: 0,
    failures: 0,
    hangs: 0,
    controls: 0,
    findings: [],
    durationMs: 0,
    maxRssMb: 0,
    maxHeapMb: 0,
    heapGrowthMb: 0,
  }
  const sample = (): void => {
    const m = process.memoryUsage()
    stats.maxRssMb = Math.max(stats.maxRssMb, Math.round(m.rss / MB))
    stats.maxHeapMb = Math.max(stats.maxHeapMb, Math.round(m.heapUsed / MB))
  }
  const note = (verdict: Verdict, shown: string): Finding => {
    const key = `${verdict.kind}|${verdict.signature}`
    let finding = findings.get(key)
    if (!finding) {
      finding = {
        kind: verdict.kind,
        target: target.name,
        signature: verdict.signature,
        detail: verdict.detail ?? '',
        input: shown,
        count: 0,
      }
      findings.set(key, finding)
    }
    finding.count++
    return finding
  }

  const ctx = await target.setup()
  try {
    const arbitrary = target.arbitrary(ctx)
    let done = 0
    let seed = options.seed
    while (done < options.runs) {
      const numRuns = Math.min(batch, options.runs - done)
      // While shrinking, only inputs failing with the signature being hunted count as failing.
      let hunting: string | undefined
      let shrinkSteps = 0
      let executed = 0
      const property = fc.asyncProperty(arbitrary, async (input) => {
        const shown = target.show(input)
        if (hunting === undefined) {
          executed++
          stats.inputs++
        } else {
          if (shrinkSteps >= maxShrink) return true
          shrinkSteps++
          stats.shrinkSteps++
        }
        options.onInput?.(shown)
        const outcome = await withDeadline(() => target.run(input, ctx), timeoutMs)
        options.onInputDone?.()
        let verdict: Verdict | undefined
        if ('hang' in outcome)
          verdict = {
            kind: 'hang',
            signature: 'over the per-input time bound',
            detail: `${Math.round(outcome.hang)} ms > ${timeoutMs} ms`,
          }
        else if ('error' in outcome) {
          const error = outcome.error as Error
          verdict = {
            kind: 'failure',
            signature: `threw ${error?.name ?? typeof error}`,
            detail: String(error?.stack ?? error).slice(0, 600),
          }
        } else verdict = outcome.value
        if (!verdict) return true
        const key = `${verdict.kind}|${verdict.signature}`
        if (hunting !== undefined) {
          if (key !== hunting) return true
          const finding = findings.get(key) as Finding
          if (shown.length <= finding.input.length) finding.input = shown
          return false
        }
        if (verdict.kind === 'hang') stats.hangs++
        else stats.failures++
        const fresh = !findings.has(key)
        note(verdict, shown)
        // Shrink the first input of a new signature (hangs are too slow to shrink).
        if (fresh && verdict.kind !== 'hang') {
          hunting = key
          return false
        }
        return true
      })
      await fc.check(property, { numRuns, seed, verbose: 0 })
      seed++
      done += Math.max(executed, 1)
      if (target.control) {
        stats.controls++
        const outcome = await withDeadline(() => target.control?.(ctx), timeoutMs * 2)
        const verdict: Verdict | undefined =
          'hang' in outcome
            ? { kind: 'hang', signature: 'control request unanswered after a batch' }
            : 'error' in outcome
              ? {
                  kind: 'failure',
                  signature: 'control request threw',
                  detail: String(outcome.error),
                }
              : outcome.value
        if (verdict) note(verdict, `(control after the batch with seed ${seed - 1})`)
      }
      sample()
      options.onProgress?.({ ...stats, findings: [...findings.values()] })
    }
  } finally {
    await target.teardown(ctx)
  }
  gc()
  stats.heapGrowthMb = Math.round((process.memoryUsage().heapUsed - heapAtStart) / MB)
  if (stats.heapGrowthMb > (options.maxHeapGrowthMb ?? 128))
    note(
      {
        kind: 'memory',
        signature: 'heap grew over the run',
        detail: `${stats.heapGrowthMb} MB retained after GC`,
      },
      '(whole run)',
    )
  stats.findings = [...findings.values()]
  stats.durationMs = Math.round(performance.now() - started)
  return stats
}

/**
 * Shortens a string for a report: runs of one character over 16 become `⟪c×n⟫` (so a deep or
 * huge generated input stays reproducible), then the rest is cut at `max` characters.
 */
export function clip(text: string, max = 300): string {
  const packed = text.replace(
    /(.)\1{15,}/gsu,
    (run, c: string) => `⟪${c}×${run.length / c.length}⟫`,
  )
  return packed.length <= max ? packed : `${packed.slice(0, max)}…(${packed.length} chars)`
}
