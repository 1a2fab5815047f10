// `npm run bench`: in-process invoke cost, route lookup cost, and HTTP throughput of
// toNodeHandler vs a bare node:http server in the same run (a ratio, robust to machine noise).
import { execFileSync, fork } from 'node:child_process'
import os from 'node:os'
import autocannon from 'autocannon'
import { compileApi } from '../dist/pipeline/compile-api.js'
import { importOpenApi } from '../dist/index.js'
import { benchApi, benchGateway, scenarios } from './scenarios.js'
import { runVtlBench } from './vtl.js'
import { runAuthBench } from './auth.js'
import { runServicesBench } from './services.js'
import { runLoadTest } from './load.js'

const quick = process.argv.includes('--quick')

function measure(fn, iterations) {
  for (let i = 0; i < Math.min(iterations, 20_000); i++) fn()
  const start = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) fn()
  return Number(process.hrtime.bigint() - start) / iterations
}

async function measureAsync(fn, iterations) {
  for (let i = 0; i < Math.min(iterations, 20_000); i++) await fn()
  const start = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) await fn()
  return Number(process.hrtime.bigint() - start) / iterations
}

// `--http` runs only the HTTP comparison (section 6).
if (!process.argv.includes('--http')) {
  const results = []
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}\n`)

  // 1. In-process invoke (scenarios double as correctness checks).
  const gateway = benchGateway()
  for (const scenario of scenarios) {
    const res = await gateway.invoke(scenario.request)
    if (res.statusCode !== 200 || res.body !== scenario.expect)
      throw new Error(`${scenario.name}: wrong answer ${res.statusCode} ${res.body}`)
    const ns = await measureAsync(() => gateway.invoke(scenario.request), quick ? 20_000 : 200_000)
    results.push([
      scenario.name,
      `${(ns / 1000).toFixed(2)} µs/op`,
      `${Math.round(1e9 / ns).toLocaleString('en')} ops/s`,
    ])
  }

  // 2. VTL rendering: Portico's compiled templates vs velocityjs, same run.
  for (const r of runVtlBench(quick)) {
    results.push([
      `VTL ${r.name} (engine, minus parse)`,
      `${(r.portico - r.parse).toFixed(1)} µs`,
      `velocityjs ${(r.velocityjs - r.parse).toFixed(1)} µs (${((r.velocityjs - r.parse) / (r.portico - r.parse)).toFixed(1)}x)`,
    ])
    results.push([
      `VTL ${r.name} (total with JSON parse)`,
      `${r.portico.toFixed(1)} µs`,
      `velocityjs ${r.velocityjs.toFixed(1)}, hand JS ${r.hand.toFixed(1)}`,
    ])
  }

  // 3. Cognito authorizer: a repeated token (verified-token cache) vs an uncached RS256 verify.
  {
    const r = await runAuthBench(quick)
    results.push([
      'Cognito route, token cached',
      `${r.cached.toFixed(2)} µs/op`,
      `same route without auth ${r.open.toFixed(2)} µs; jose RS256 verify ${r.verify.toFixed(1)} µs`,
    ])
  }

  // 3b. An AWS service endpoint (DynamoDB GetItem on dynalite) vs the same call direct (aws4 and the SDK).
  {
    const r = await runServicesBench(quick)
    results.push([
      'DynamoDB GetItem via endpoint (dynalite)',
      `${r.portico.toFixed(0)} µs/op`,
      `direct aws4+fetch ${r.direct.toFixed(0)} µs; added ${(r.portico - r.direct).toFixed(0)} µs`,
    ])
    results.push([
      '  same, AWS SDK DynamoDBClient direct',
      `${r.sdkClient.toFixed(0)} µs/op`,
      `added by Portico over the SDK call: ${(r.portico - r.sdkClient).toFixed(0)} µs`,
    ])
    results.push([
      '  same, fetch answering at once',
      `${r.own.toFixed(1)} µs/op`,
      "Portico's own work",
    ])
  }

  // 4. Route lookup on 50 resources.
  const api = compileApi(importOpenApi(benchApi()))
  const accepts = (r) => r.methods.GET !== undefined
  const paths = ['/svc17/items/42', '/svc3/items', '/pets/7', '/nope/x']
  let i = 0
  const lookupNs = measure(
    () => api.tree.match(paths[i++ & 3], accepts),
    quick ? 200_000 : 2_000_000,
  )
  results.push(['route lookup, 50 resources', `${lookupNs.toFixed(0)} ns/op`, ''])
  for (const row of results) console.log(row[0].padEnd(40), row[1].padStart(14), '  ', row[2])

  // 5. A bounded load test: throttling and caching on, over loopback.
  {
    const r = await runLoadTest(quick ? 2 : 5)
    console.log(
      `\nLoad test ${r.seconds.toFixed(1)} s, 20 connections, throttle 500 rps / burst 100, cache on: ` +
        `${r.sent} sent, ${r.admitted} admitted (bound ${r.bound}), ${r.throttled} throttled, ` +
        `${r.integrationCalls} integration calls; latency p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms`,
    )
    if (r.admitted > r.bound) throw new Error('load test: a bucket admitted more than its bound')
  }
}

// 6. HTTP throughput: bare node:http, fastify and toNodeHandler, alternating rounds, each
// server in its own process, warmed up, then measured: requests/s and the server's CPU time per
// request. `--wrk` uses wrk (C, lighter on the shared cores) instead of autocannon when present.
const useWrk = process.argv.includes('--wrk') && hasWrk()
function hasWrk() {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' })
    return true
  } catch (error) {
    // wrk prints its version and exits 1; only a missing binary is ENOENT.
    return error.code !== 'ENOENT'
  }
}
async function startServer(kind) {
  const child = fork(new URL('./http-server.js', import.meta.url), [kind], { stdio: 'inherit' })
  const { port } = await new Promise((ok) => child.once('message', ok))
  return { child, port }
}
async function load(port, path, seconds) {
  const url = `http://127.0.0.1:${port}${path}`
  if (useWrk) {
    const out = execFileSync('wrk', ['-t1', '-c50', `-d${seconds}s`, url]).toString()
    if (/Non-2xx|Socket errors/.test(out)) throw new Error(`bench: wrk saw errors\n${out}`)
    return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1])
  }
  const result = await autocannon({ url, connections: 50, pipelining: 1, duration: seconds })
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`bench: ${result.non2xx} non-2xx, ${result.errors} errors`)
  return result.requests.average
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const rounds = quick ? 1 : 5
const kinds = ['bare', 'fastify', 'floor', 'portico']
const rps = { bare: [], fastify: [], floor: [], portico: [] }
const cpu = { bare: [], fastify: [], floor: [], portico: [] }
console.log(
  `\nHTTP (${useWrk ? 'wrk' : 'autocannon'}), 50 connections, ${rounds} alternating rounds`,
)
for (let r = 0; r < rounds; r++) {
  for (const kind of kinds) {
    const { child, port } = await startServer(kind)
    await load(port, '/prod/pets/7?x=1', 1) // warm-up: JIT and connections
    child.send('reset')
    await new Promise((ok) => child.once('message', ok))
    const measured = await load(port, '/prod/pets/7?x=1', quick ? 3 : 6)
    child.send('stop')
    const usage = await new Promise((ok) => child.once('message', ok))
    await new Promise((ok) => child.once('exit', ok))
    rps[kind].push(measured)
    cpu[kind].push(usage.cpuMicros / usage.requests)
    console.log(
      `  round ${r + 1} ${kind.padEnd(8)} ${Math.round(measured).toLocaleString('en').padStart(8)} req/s` +
        `  ${(usage.cpuMicros / usage.requests).toFixed(1).padStart(6)} µs server CPU/request`,
    )
  }
}
// Each round's ratio compares servers measured minutes apart at most; the median of those is
// steadier than a ratio of medians when the shared machine's speed drifts between rounds.
const ratios = (kind) => rps[kind].map((value, round) => value / (rps.bare[round] ?? value))
const row = (label, kind) =>
  console.log(
    `${label.padEnd(29)}${Math.round(median(rps[kind])).toLocaleString('en').padStart(8)} req/s` +
      `  ratio ${median(ratios(kind)).toFixed(2)}x (rounds ${ratios(kind)
        .map((r) => r.toFixed(2))
        .join(' ')})` +
      `  ${median(cpu[kind]).toFixed(1).padStart(6)} µs CPU/request`,
  )
console.log('\nmedians')
row('bare node:http', 'bare')
row('fastify (reference)', 'fastify')
row('hand-written proxy floor', 'floor')
row('toNodeHandler (Lambda proxy)', 'portico')
