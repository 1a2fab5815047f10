// A/B micro-benchmark of the per-request cache operations, two builds side by side: the stage
// response cache (get hit, get miss, set with eviction), the compiled-pattern and JSON-path
// caches (lookup of a cached entry), the compiled-template cache (hit) and the expiring cache
// behind authorizer results and verified tokens (get hit, set). Not a test; for comparing two
// builds of the same operations (e.g. before and after a change in src/cache or src/core).
//
// Run: npm run build && node bench/ab-caches.js <old dist dir> [new dist dir, default dist]
// (build the old one from a checkout of the older commit: git archive <commit> | tar -x -C /tmp/old,
// link node_modules, npx tsc -p tsconfig.json). Rounds alternate old and new, and the median of
// each is printed, so a busy machine slows both alike.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const [oldDir, newDir = 'dist'] = process.argv.slice(2)
if (!oldDir) {
  console.error('usage: node bench/ab-caches.js <old dist dir> [new dist dir]')
  process.exit(2)
}

async function load(dir) {
  const at = (file) => import(pathToFileURL(resolve(dir, file)).href)
  const [cache, expiring, regex, jsonPath, render] = await Promise.all([
    at('cache/response-cache.js'),
    at('core/expiring-cache.js'),
    at('mapping/vtl/java-regex.js'),
    at('mapping/vtl/json-path.js'),
    at('mapping/vtl/render.js'),
  ])
  return { ...cache, ...expiring, ...regex, ...jsonPath, ...render }
}

const KEYS = 2000
const response = (i) => ({
  statusCode: 200,
  headers: [
    ['Content-Type', 'application/json'],
    ['X-Request', `r${i}`],
  ],
  body: `{"id":${i},"name":"item ${i}","tags":["a","b","c"]}`,
  isBase64Encoded: false,
})
const keys = Array.from({ length: KEYS }, (_, i) => `GET /prod/items/{id} id=${i}`)
const patterns = Array.from({ length: 100 }, (_, i) => `^item-${i}-[a-z]+\\d*$`)
const paths = Array.from({ length: 100 }, (_, i) => `$.items[${i}].name`)
const templates = Array.from({ length: 50 }, (_, i) => `{"id": "$input.params('id')", "n": ${i}}`)

/** Operations on one build: each runs `n` times and returns nothing. */
function operations(m) {
  // Room for about half the keys, so sets of new keys evict.
  const cache = new m.ResponseCache(500_000)
  for (let i = 0; i < KEYS; i++) cache.set(keys[i], response(i), 3_600_000, 0)
  const live = keys.filter((key) => cache.get(key, 1) !== undefined)
  const expiring = new m.ExpiringCache(10_000)
  for (let i = 0; i < KEYS; i++) expiring.set(keys[i], i, 1e15)
  for (const p of patterns) m.javaRegex(p)
  for (const p of paths) m.compileJsonPath(p)
  for (const t of templates) m.cachedTemplate(t)
  let next = 0
  return {
    'ResponseCache.get (hit)': (n) => {
      for (let i = 0; i < n; i++) cache.get(live[i % live.length], 1)
    },
    'ResponseCache.get (miss)': (n) => {
      for (let i = 0; i < n; i++) cache.get('absent', 1)
    },
    'ResponseCache.set (new key, evicts)': (n) => {
      for (let i = 0; i < n; i++) {
        const k = next++ % KEYS
        cache.set(keys[k], response(k), 3_600_000, 1)
      }
    },
    'javaRegex (cached)': (n) => {
      for (let i = 0; i < n; i++) m.javaRegex(patterns[i % patterns.length])
    },
    'compileJsonPath (cached)': (n) => {
      for (let i = 0; i < n; i++) m.compileJsonPath(paths[i % paths.length])
    },
    'cachedTemplate (hit)': (n) => {
      for (let i = 0; i < n; i++) m.cachedTemplate(templates[i % templates.length])
    },
    'ExpiringCache.get (hit)': (n) => {
      for (let i = 0; i < n; i++) expiring.get(keys[i % KEYS], 1)
    },
    'ExpiringCache.set (replace)': (n) => {
      for (let i = 0; i < n; i++) expiring.set(keys[i % KEYS], i, 1e15)
    },
  }
}

function nsPerOp(op, n) {
  const start = process.hrtime.bigint()
  op(n)
  return Number(process.hrtime.bigint() - start) / n
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const builds = { old: operations(await load(oldDir)), new: operations(await load(newDir)) }
const ROUNDS = 15
const N = 100_000
console.log(`ns per operation: fastest and median of ${ROUNDS} alternating rounds of ${N}`)
console.log(
  'operation'.padEnd(38),
  'old min'.padStart(8),
  'new min'.padStart(8),
  'old med'.padStart(8),
  'new med'.padStart(8),
)
for (const name of Object.keys(builds.old)) {
  const times = { old: [], new: [] }
  for (const which of ['old', 'new']) nsPerOp(builds[which][name], N) // warm up
  for (let r = 0; r < ROUNDS; r++)
    for (const which of r % 2 === 0 ? ['old', 'new'] : ['new', 'old'])
      times[which].push(nsPerOp(builds[which][name], N))
  const figures = [
    Math.min(...times.old),
    Math.min(...times.new),
    median(times.old),
    median(times.new),
  ]
  console.log(name.padEnd(38), ...figures.map((f) => f.toFixed(1).padStart(8)))
}
