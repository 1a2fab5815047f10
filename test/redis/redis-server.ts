// Starts a real redis-server on a free port for the Redis store tests.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

export interface RedisServer {
  readonly port: number
  readonly url: string
  stop(): Promise<void>
  restart(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => ok(port))
    })
  })
}

function launch(port: number): Promise<ChildProcess> {
  return new Promise((ok, fail) => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData)
        ok(child)
      }
    }
    child.stdout?.on('data', onData)
    child.once('error', (error) =>
      fail(
        new Error(
          `redis-server could not start (install it: apt-get install redis-server): ${error.message}`,
        ),
      ),
    )
    child.once('exit', (code) => fail(new Error(`redis-server exited with ${code}: ${out}`)))
  })
}

/** Starts redis-server; `stop()` kills it (SIGKILL, like a crash), `restart()` brings it back on the same port. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort()
  let child: ChildProcess | undefined = await launch(port)
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const running = child
      child = undefined
      if (!running || running.exitCode !== null) return
      await new Promise<void>((ok) => {
        running.once('exit', () => ok())
        running.kill('SIGKILL')
      })
    },
    async restart() {
      child = await launch(port)
    },
  }
}
