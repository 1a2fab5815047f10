// Without the ioredis package, a redis:// URL fails when the store is created, not silently at
// the first request (which would fail open and turn off every throttle and quota).
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const dist = fileURLToPath(new URL('../../dist/', import.meta.url))

describe('createRedisStore without ioredis', () => {
  it('throws a ConfigError at creation for a URL (fails loudly, not open)', () => {
    // The built package alone, where no node_modules can resolve ioredis.
    const dir = mkdtempSync(join(tmpdir(), 'portico-no-ioredis-'))
    cpSync(join(dist, 'adapters', 'redis'), join(dir, 'dist', 'adapters', 'redis'), {
      recursive: true,
    })
    cpSync(join(dist, 'errors.js'), join(dir, 'dist', 'errors.js'))
    const script = `
      const { createRedisStore, createRedisCache, createRedisRelay } = await import(${JSON.stringify(join(dir, 'dist', 'adapters', 'redis', 'index.js'))})
      const out = []
      for (const make of [createRedisStore, createRedisCache, createRedisRelay]) {
        try { make('redis://user:secret@127.0.0.1:6379'); out.push('created') }
        catch (error) { out.push(error.name + ': ' + error.message) }
      }
      // A client object needs no package.
      createRedisStore({ eval: async () => 1, hgetall: async () => ({}), call: async () => null })
      console.log(JSON.stringify(out))`
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
      encoding: 'utf8',
    })
    expect(result.stderr).toBe('')
    const lines = JSON.parse(result.stdout) as string[]
    expect(lines).toHaveLength(3)
    for (const line of lines) {
      expect(line).toMatch(/^ConfigError: .*needs the ioredis package: npm install ioredis/)
      expect(line).not.toContain('secret')
    }
  })
})
