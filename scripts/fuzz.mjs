// `npm run fuzz`: the standing attack suite. Builds test/fuzz and src with tsc into a temporary
// directory, then runs each target (test/fuzz/targets) in its own child process with a share of
// FUZZ_RUNS inputs. A child that dies (V8 abort, out of memory) is a crash, one whose event loop
// stops heartbeating for FUZZ_HANG_MS is a hang, one over FUZZ_MAX_RSS_MB is a memory finding;
// each is reported with the input it was running, and the target restarts on a new seed with
// the inputs it had left. Prints the counts; exits 1 when anything was found.
//
// Environment: FUZZ_RUNS (total inputs, default 100000), FUZZ_SEED (default 1), FUZZ_TARGETS
// (comma-separated names), FUZZ_JOBS (children at once, default 2), FUZZ_HANG_MS (default
// 20000), FUZZ_MAX_RSS_MB (default 1536), FUZZ_REPORT (write the JSON report there),
// FUZZ_SKIP_BUILD=1 (reuse the last build).
import { execFileSync, fork } from 'node:child_process'
import { clearInterval, setInterval } from 'node:timers'
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const env = process.env
const TOTAL = Number(env.FUZZ_RUNS ?? 100_000)
const SEED = Number(env.FUZZ_SEED ?? 1)
const JOBS = Math.max(1, Number(env.FUZZ_JOBS ?? 2))
const HANG_MS = Number(env.FUZZ_HANG_MS ?? 20_000)
const MAX_RSS_MB = Number(env.FUZZ_MAX_RSS_MB ?? 1536)
const MAX_RESTARTS = 25
const out = join(tmpdir(), `portico-fuzz-${process.getuid?.() ?? 'u'}`)

function build() {
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'package.json'), '{"type": "module"}\n')
  if (!existsSync(join(out, 'node_modules')))
    symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'), 'dir')
  const started = performance.now()
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(root, 'test/fuzz/tsconfig.build.json'),
      '--outDir',
      out,
    ],
    { stdio: 'inherit' },
  )
  console.log(
    `built test/fuzz and src into ${out} in ${Math.round(performance.now() - started)} ms`,
  )
}

async function listTargets() {
  const { TARGETS } = await import(join(out, 'test/fuzz/targets/index.js'))
  const wanted = env.FUZZ_TARGETS
    ? env.FUZZ_TARGETS.split(',').map((t) => t.trim())
    : Object.keys(TARGETS)
  const shares = wanted.map((name) => {
    if (!TARGETS[name])
      throw new Error(`unknown fuzz target ${name} (have ${Object.keys(TARGETS).join(', ')})`)
    return TARGETS[name].share
  })
  const sum = shares.reduce((a, b) => a + b, 0)
  return wanted.map((name, i) => ({
    name,
    runs: Math.max(1, Math.round((TOTAL * shares[i]) / sum)),
  }))
}

function readInput(file) {
  try {
    return readFileSync(file, 'utf8') || '(none recorded)'
  } catch {
    return '(none recorded)'
  }
}

/** Runs one child for `runs` inputs; resolves with what it did, however it ended. */
function runChild(name, runs, seed, attempt) {
  return new Promise((done) => {
    const inputFile = join(out, `last-input-${name}.txt`)
    const child = fork(join(out, 'test/fuzz/child.js'), [], {
      execArgv: ['--expose-gc', `--max-old-space-size=${Math.max(256, MAX_RSS_MB - 256)}`],
      env: {
        ...env,
        FUZZ_TARGET: name,
        FUZZ_CHILD_RUNS: String(runs),
        FUZZ_SEED: String(seed),
        FUZZ_INPUT_FILE: inputFile,
      },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk.toString()).slice(-4000)
    })
    // Until the first heartbeat the child is loading and setting up: a longer grace.
    let lastBeat = performance.now() + 120_000
    let count = 0
    let maxRss = 0
    let progress
    let final
    let killedFor
    child.on('message', (message) => {
      if (message.type === 'heartbeat') {
        lastBeat = performance.now()
        count = message.count
        maxRss = Math.max(maxRss, message.rss)
        if (message.rss > MAX_RSS_MB * 1024 * 1024 && !killedFor) {
          killedFor = 'memory'
          child.kill('SIGKILL')
        }
      } else if (message.type === 'progress') progress = message.stats
      else if (message.type === 'done') final = message.stats
    })
    const watchdog = setInterval(() => {
      if (performance.now() - lastBeat > HANG_MS && !killedFor && !final) {
        killedFor = 'hang'
        child.kill('SIGKILL')
      }
    }, 500)
    child.on('exit', (code, signal) => {
      clearInterval(watchdog)
      const maxRssMb = Math.round(maxRss / 1024 / 1024)
      if (final && !killedFor)
        return done({ stats: { ...final, maxRssMb: Math.max(final.maxRssMb, maxRssMb) } })
      const input = readInput(inputFile)
      const kind = killedFor ?? 'crash'
      const fatal = stderr.split('\n').find((l) => /FATAL|Fatal|Error|Abort|heap/.test(l)) ?? ''
      const signature =
        kind === 'hang'
          ? `event loop blocked over ${HANG_MS} ms (child killed)`
          : kind === 'memory'
            ? `RSS over ${MAX_RSS_MB} MB (child killed)`
            : `process died (${signal ?? `exit ${code}`}) ${fatal
                .replace(/0x[0-9a-f]+/g, '')
                .replace(/\d+/g, 'N')
                .trim()
                .slice(0, 100)}`
      const stats = progress ?? {
        target: name,
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
      done({
        stats: {
          ...stats,
          inputs: Math.max(stats.inputs, count),
          maxRssMb: Math.max(stats.maxRssMb, maxRssMb),
        },
        death: {
          kind,
          target: name,
          signature,
          detail: `attempt ${attempt}, seed ${seed}; stderr: ${stderr.slice(-800)}`,
          input,
          count: 1,
        },
      })
    })
  })
}

async function runTargetToCompletion({ name, runs }) {
  const total = {
    target: name,
    inputs: 0,
    shrinkSteps: 0,
    failures: 0,
    hangs: 0,
    crashes: 0,
    memory: 0,
    controls: 0,
    durationMs: 0,
    maxRssMb: 0,
    maxHeapMb: 0,
    heapGrowthMb: 0,
    restarts: 0,
  }
  const findings = new Map()
  const add = (f) => {
    const key = `${f.kind}|${f.signature}`
    const seen = findings.get(key)
    if (!seen) findings.set(key, { ...f })
    else {
      seen.count += f.count
      if (f.input.length < seen.input.length) seen.input = f.input
    }
  }
  const started = performance.now()
  let left = runs
  let attempt = 0
  while (left > 0 && attempt <= MAX_RESTARTS) {
    const { stats, death } = await runChild(name, left, SEED + attempt * 7919, attempt)
    for (const k of ['inputs', 'shrinkSteps', 'failures', 'hangs', 'controls'])
      total[k] += stats[k] ?? 0
    total.maxRssMb = Math.max(total.maxRssMb, stats.maxRssMb ?? 0)
    total.maxHeapMb = Math.max(total.maxHeapMb, stats.maxHeapMb ?? 0)
    total.heapGrowthMb = Math.max(total.heapGrowthMb, stats.heapGrowthMb ?? 0)
    for (const f of stats.findings ?? []) add(f)
    left -= Math.max(stats.inputs ?? 0, 1)
    if (death) {
      add(death)
      if (death.kind === 'crash') total.crashes++
      else if (death.kind === 'hang') total.hangs++
      else total.memory++
      total.restarts++
      attempt++
      console.log(
        `  ${name}: ${death.kind} (${death.signature}); restarting with ${Math.max(left, 0)} inputs left`,
      )
    } else break
  }
  total.memory += [...findings.values()].filter(
    (f) => f.kind === 'memory' && !f.signature.includes('child killed'),
  ).length
  total.durationMs = Math.round(performance.now() - started)
  return { total, findings: [...findings.values()] }
}

async function main() {
  const started = performance.now()
  if (env.FUZZ_SKIP_BUILD !== '1' || !existsSync(join(out, 'test/fuzz/child.js'))) build()
  const plan = await listTargets()
  console.log(
    `fuzz: ${TOTAL} inputs over ${plan.map((p) => `${p.name} ${p.runs}`).join(', ')}; seed ${SEED}, ${JOBS} at a time, hang bound ${HANG_MS} ms, RSS bound ${MAX_RSS_MB} MB`,
  )
  const results = []
  const queue = [...plan]
  await Promise.all(
    Array.from({ length: JOBS }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const result = await runTargetToCompletion(next)
        console.log(
          `  ${next.name}: ${result.total.inputs} inputs in ${result.total.durationMs} ms`,
        )
        results.push(result)
      }
    }),
  )
  results.sort(
    (a, b) =>
      plan.findIndex((p) => p.name === a.total.target) -
      plan.findIndex((p) => p.name === b.total.target),
  )
  const rows = results.map((r) => r.total)
  const sum = (k) => rows.reduce((a, r) => a + r[k], 0)
  const findings = results.flatMap((r) => r.findings)
  console.log(
    '\ntarget        inputs  shrinks  failing  hangs  crashes  memory  controls  maxRSS(MB)  heapGrowth(MB)  ms',
  )
  for (const r of [
    ...rows,
    {
      target: 'TOTAL',
      inputs: sum('inputs'),
      shrinkSteps: sum('shrinkSteps'),
      failures: sum('failures'),
      hangs: sum('hangs'),
      crashes: sum('crashes'),
      memory: sum('memory'),
      controls: sum('controls'),
      maxRssMb: Math.max(0, ...rows.map((x) => x.maxRssMb)),
      heapGrowthMb: Math.max(0, ...rows.map((x) => x.heapGrowthMb)),
      durationMs: Math.round(performance.now() - started),
    },
  ])
    console.log(
      [
        r.target.padEnd(10),
        String(r.inputs).padStart(8),
        String(r.shrinkSteps).padStart(8),
        String(r.failures).padStart(8),
        String(r.hangs).padStart(6),
        String(r.crashes).padStart(8),
        String(r.memory).padStart(7),
        String(r.controls).padStart(9),
        String(r.maxRssMb).padStart(11),
        String(r.heapGrowthMb).padStart(15),
        String(r.durationMs).padStart(7),
      ].join(' '),
    )
  console.log(`\n${findings.length} distinct finding(s)`)
  for (const f of findings) {
    console.log(`\n[${f.kind}] ${f.target}: ${f.signature}  (×${f.count})`)
    if (f.detail)
      console.log(`  detail: ${f.detail.replaceAll('\n', '\n          ').slice(0, 1200)}`)
    console.log(`  input:  ${f.input}`)
  }
  if (env.FUZZ_REPORT)
    writeFileSync(env.FUZZ_REPORT, JSON.stringify({ totals: rows, findings }, null, 2))
  process.exitCode = findings.length > 0 ? 1 : 0
}

await main()
