// One fuzz target in its own process (started by scripts/fuzz.mjs): reports progress and its
// result over IPC, writes each input to FUZZ_INPUT_FILE before running it (so a crash or a
// blocked event loop leaves the input behind), and heartbeats so the parent can detect hangs.
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs'
import { runTarget } from './core.js'
import { TARGETS } from './targets/index.js'

const name = process.env['FUZZ_TARGET'] ?? ''
const entry = TARGETS[name]
const send = (message: unknown): void => {
  if (process.send) process.send(message)
}
if (!entry) {
  send({ type: 'error', message: `unknown target ${name}` })
  process.exit(2)
}
const inputFile = process.env['FUZZ_INPUT_FILE']
const fd = inputFile ? openSync(inputFile, 'w') : undefined
let count = 0
let written = 0
const heartbeat = setInterval(() => {
  const m = process.memoryUsage()
  send({ type: 'heartbeat', rss: m.rss, heap: m.heapUsed, count })
}, 250)

const stats = await runTarget(entry.target, {
  runs: Number(process.env['FUZZ_CHILD_RUNS'] ?? 1000),
  seed: Number(process.env['FUZZ_SEED'] ?? 1),
  onInput(shown) {
    count++
    if (fd === undefined) return
    ftruncateSync(fd, 0)
    writeSync(fd, shown, 0)
    written = Buffer.byteLength(shown)
  },
  onInputDone() {
    if (fd !== undefined)
      writeSync(fd, '\n(this input finished; the process stopped after it)', written)
  },
  onProgress(progress) {
    send({ type: 'progress', stats: progress })
  },
})
clearInterval(heartbeat)
if (fd !== undefined) closeSync(fd)
// Exit once the result is sent: an input the runner stopped waiting for (a backend call that
// runs to its 29 s integration timeout) would otherwise hold the process on its deadline.
if (process.send) process.send({ type: 'done', stats }, () => process.exit(0))
else process.exit(0)
