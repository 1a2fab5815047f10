/**
 * Runs the built CLI (`node dist/cli/main.js`) as a user would, over real sockets.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url))
export const FIXTURES = fileURLToPath(new URL('../fixtures/cli/', import.meta.url))

/** A finished CLI run. */
export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs the CLI to its end.
 *
 * @param args - the arguments
 * @param cwd - the working directory
 * @returns exit code and output
 */
export function runCli(args: string[], cwd = FIXTURES): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A CLI that is serving. */
export interface ServingCli {
  readonly child: ChildProcess
  /** The first invoke URL the banner printed. */
  readonly url: string
  stdout(): string
  stderr(): string
  /** Waits until stdout or stderr matches. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<void>
  stop(): Promise<void>
}

/**
 * Starts `portico serve` and waits for its banner.
 *
 * @param args - the arguments after `serve`
 * @param options - working directory and environment
 * @returns the serving CLI
 */
export async function serveCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<ServingCli> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args, '--port', '0'], {
    cwd: options.cwd ?? FIXTURES,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env },
  })
  const out = { stdout: '', stderr: '' }
  const waiters: Array<() => void> = []
  const onData = (stream: 'stdout' | 'stderr') => (d: Buffer) => {
    out[stream] += d.toString()
    for (const w of [...waiters]) w()
  }
  child.stdout.on('data', onData('stdout'))
  child.stderr.on('data', onData('stderr'))
  const waitFor = (pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `timed out waiting for ${pattern}\nstdout: ${out.stdout}\nstderr: ${out.stderr}`,
          ),
        )
      }, 10_000)
      const check = (): void => {
        const text = stream ? out[stream] : out.stdout + out.stderr
        if (pattern.test(text)) {
          clearTimeout(timer)
          waiters.splice(waiters.indexOf(check), 1)
          resolve()
        }
      }
      waiters.push(check)
      check()
    })
  child.on('close', () => {
    for (const w of [...waiters]) w()
  })
  await waitFor(/portico: serving .* at (http:\/\/\S+)/, 'stdout')
  const url = /portico: serving .* at (http:\/\/\S+)/.exec(out.stdout)?.[1] as string
  return {
    child,
    url: url.replace('localhost', '127.0.0.1'),
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    waitFor,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('close', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
