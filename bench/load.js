// A bounded load test over loopback: toNodeHandler with stage throttling and caching on, a
// fixed duration, reporting requests admitted vs. the limit's bound and latency percentiles.
import { createServer } from 'node:http'
import autocannon from 'autocannon'
import { createGateway, silentLogger } from '../dist/index.js'
import { toNodeHandler } from '../dist/node.js'

const RATE = 500
const BURST = 100

export async function runLoadTest(seconds = 5) {
  let integrationCalls = 0
  const gateway = createGateway({
    api: {
      openapi: '3.0.1',
      info: { title: 'load', version: '1' },
      paths: {
        '/pets/{id}': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Pets/invocations',
              cacheKeyParameters: ['method.request.path.id'],
            },
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          },
        },
      },
    },
    stage: {
      name: 'prod',
      cacheClusterEnabled: true,
      methodSettings: {
        '*/*': { throttlingRateLimit: RATE, throttlingBurstLimit: BURST, cacheTtlInSeconds: 60 },
      },
    },
    lambdas: { Pets: async () => (integrationCalls++, { statusCode: 200, body: '{"ok":true}' }) },
    logger: silentLogger,
  })
  const server = createServer(toNodeHandler(gateway))
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address()
  const started = Date.now()
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 20,
    duration: seconds,
    requests: [
      { method: 'GET', path: '/prod/pets/1' },
      { method: 'GET', path: '/prod/pets/2' },
    ],
  })
  const elapsed = (Date.now() - started) / 1000
  await new Promise((ok) => server.close(ok))
  const admitted = result['2xx']
  const throttled = result.non2xx
  const bound = BURST + RATE * elapsed
  return {
    seconds: elapsed,
    sent: result.requests.total,
    admitted,
    throttled,
    bound: Math.floor(bound),
    integrationCalls,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runLoadTest(process.argv.includes('--quick') ? 2 : 5)
  console.log(JSON.stringify(r, null, 2))
  if (r.admitted > r.bound) {
    console.error(`admitted ${r.admitted} > bound ${r.bound}`)
    process.exit(1)
  }
}
