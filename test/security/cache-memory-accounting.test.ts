// The stage cache's capacity bounds the heap its entries really take (within 1.5×), whatever the
// bodies: small ASCII ones (where per-entry overhead dominates), two-byte text, and strings cut
// from a much larger one (which could keep the whole parent alive). Measured in a real process
// with `--expose-gc` on the built package (dist/): heapUsed after a full fill minus before.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const script = fileURLToPath(new URL('./cache-fill.mjs', import.meta.url))

interface Fill {
  capacity: number
  growth: number
  entries: number
  counted: number
}

function fill(capacityMb: number, body: string): Promise<Fill> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', script, String(capacityMb), body],
      { timeout: 60_000 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as Fill)),
    )
  })
}

describe('cache memory accounting', () => {
  it.each(['ascii', 'wide', 'sliced'])(
    'a 2 MB cache filled with distinct keys (%s bodies) grows the heap by at most 1.5 MB per MB',
    async (body) => {
      const result = await fill(2, body)
      // Full: the counted bytes reached the capacity, with thousands of entries.
      expect(result.counted).toBeGreaterThan(result.capacity * 0.99)
      expect(result.counted).toBeLessThanOrEqual(result.capacity)
      expect(result.entries).toBeGreaterThan(1000)
      expect(result.growth).toBeLessThan(result.capacity * 1.5)
    },
    60_000,
  )
})
