import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const script = fileURLToPath(new URL('./pending-lambda.mjs', import.meta.url))

function run(mode: string): Promise<{ out: string; ms: number }> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, mode], { timeout: 20_000 }, (error, stdout) =>
      error ? reject(error) : resolve({ out: stdout, ms: Date.now() - started }),
    )
  })
}

// Real processes on the built package (dist/), with Node's own timers.
describe('process lifetime with the default timers', () => {
  it('keeps the process up for a pending Lambda until its timeout answers 504', async () => {
    const { out } = await run('never')
    const result = JSON.parse(out) as { status: number; ms: number }
    expect(result.status).toBe(504)
    expect(result.ms).toBeGreaterThanOrEqual(290)
  })

  it('lets the process exit as soon as the request is answered', async () => {
    const { out, ms } = await run('answers')
    expect(JSON.parse(out)).toMatchObject({ status: 200 })
    // The armed timer points 10 s ahead: the process must not wait for it.
    expect(ms).toBeLessThan(5_000)
  })
})
