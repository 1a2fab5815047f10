// The CI short profile of the standing attack suite (`npm run fuzz` runs the full one): a few
// hundred inputs per target with a fixed seed, in this process. Targets whose inputs still find
// open bugs are listed in KNOWN_OPEN with the finding signatures they may report; once those
// are fixed, empty the list so any finding fails CI.
import { describe, expect, it } from 'vitest'
import { runTarget, type Finding } from './core.js'
import { TARGETS } from './targets/index.js'

const RUNS: Record<string, number> = { http: 150, vtl: 300, definitions: 60, auth: 400, ws: 40 }

/** Signatures of findings open on the current code, per target (being fixed in parallel). */
const KNOWN_OPEN: Record<string, RegExp[]> = {}

describe('fuzz short profile (fixed seed)', () => {
  for (const [name, { target }] of Object.entries(TARGETS)) {
    const runs = RUNS[name] ?? 100
    it.skipIf(runs === 0)(
      `${name}: ${runs} inputs, no crash, hang or unexpected finding`,
      async () => {
        const stats = await runTarget(target, { runs, seed: 42, batch: 50, maxShrinkSteps: 20 })
        const unexpected = stats.findings.filter(
          (f: Finding) => !(KNOWN_OPEN[name] ?? []).some((known) => known.test(f.signature)),
        )
        expect(stats.inputs).toBeGreaterThanOrEqual(runs)
        expect(
          unexpected.map((f) => `[${f.kind}] ${f.signature}: ${f.input.slice(0, 300)}`),
        ).toEqual([])
      },
    )
  }
})
