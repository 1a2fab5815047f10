// Fills a stage cache with distinct `?q=` keys and prints heap growth against the capacity.
// Run: node --expose-gc cache-fill.mjs <capacityMB> <body: ascii|wide|sliced>
// (on the built package, dist/; spawned by cache-memory-accounting.test.ts)
import { createGateway } from '../../dist/index.js'

const capacityMb = Number(process.argv[2])
const kind = process.argv[3]
const uri =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Fn/invocations'
// A large string each sliced body is cut from (a slice may keep its parent alive).
const parent = 'p'.repeat(64 * 1024)
let n = 0
const gateway = createGateway({
  api: {
    swagger: '2.0',
    info: { title: 'cache-fill', version: '1' },
    paths: {
      '/s': {
        get: {
          parameters: [{ name: 'q', in: 'query', type: 'string' }],
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri,
            cacheKeyParameters: ['method.request.querystring.q'],
          },
        },
      },
    },
  },
  stage: {
    name: 'p',
    cacheClusterEnabled: true,
    cacheClusterSize: String(capacityMb / 1024),
    methodSettings: { '*/*': { cacheTtlInSeconds: 3600 } },
  },
  accountThrottle: { rateLimit: 1e9, burstLimit: 1e9 },
  lambdas: {
    Fn: async () => {
      n++
      const body =
        kind === 'wide'
          ? `\u4e2d${n}`
          : kind === 'sliced'
            ? (String(n).padStart(8, '0') + parent).slice(0, 40)
            : `ok ${n}`
      return { statusCode: 200, headers: { 'X-N': String(n) }, body }
    },
  },
  logger: { debug() {}, info() {}, warn() {}, error() {} },
})

const capacity = capacityMb * 1024 * 1024
async function fill(tag) {
  // Enough distinct keys to fill the cache about twice (each entry counts 700–900 bytes).
  const count = Math.ceil(capacity / 400)
  for (let i = 0; i < count; i++)
    await gateway.invoke({ method: 'GET', path: `/s?q=${tag}-${i.toString(36)}` })
}
// Warm up (compile every code path), then empty the cache and measure a second fill.
await fill('warm')
await gateway.flushCache()
globalThis.gc()
globalThis.gc()
const before = process.memoryUsage().heapUsed
await fill('measured')
globalThis.gc()
globalThis.gc()
const after = process.memoryUsage().heapUsed
const cache = gateway.stage.cache
process.stdout.write(
  JSON.stringify({
    capacity,
    growth: after - before,
    entries: cache.size,
    counted: cache.bytes,
  }),
  () => process.exit(0),
)
