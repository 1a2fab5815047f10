// Startup time, spawn → first 200, median of N runs (docs/performance.md):
//   node scripts/measure-startup.mjs [runs]
// 1. `npm start` (PetStore example, build current: prestart finds nothing to rebuild);
// 2. `portico serve examples/petstore/api.yaml` (the built CLI, with the console, its default),
//    and with --no-console;
// 3. a bare node:http server, the floor on this machine.
import { spawn } from 'node:child_process'

const runs = Number(process.argv[2] ?? 10)
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms))

async function firstOk(url, started, child) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before answering`)
    try {
      const res = await fetch(url)
      await res.arrayBuffer()
      if (res.status === 200) return performance.now() - started
    } catch {
      // not listening yet
    }
    await sleep(5)
  }
}

async function measure(label, command, args, url, env) {
  const times = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: 'ignore',
      detached: true,
    })
    try {
      times.push(await firstOk(url, started, child))
    } finally {
      process.kill(-child.pid, 'SIGTERM')
      await new Promise((ok) => (child.exitCode !== null ? ok() : child.once('exit', ok)))
      await sleep(100)
    }
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]
  console.log(
    `${label}: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)} (n=${runs})`,
  )
}

await measure('npm start → first 200', 'npm', ['start'], 'http://127.0.0.1:3471/dev/', {
  PORT: '3471',
})
const serveArgs = (port) => [
  'dist/cli/main.js',
  'serve',
  'examples/petstore/api.yaml',
  '--handlers',
  'examples/petstore/handlers.js',
  '--port',
  String(port),
]
await measure(
  'portico serve → first 200',
  process.execPath,
  serveArgs(3472),
  'http://127.0.0.1:3472/dev/',
  {},
)
await measure(
  'portico serve --no-console → first 200',
  process.execPath,
  [...serveArgs(3473), '--no-console'],
  'http://127.0.0.1:3473/dev/',
  {},
)
await measure(
  'a bare node:http server (the floor)',
  process.execPath,
  ['-e', "require('node:http').createServer((q, s) => s.end('ok')).listen(3474)"],
  'http://127.0.0.1:3474/dev/',
  {},
)
