// A gateway process for the Redis test: sends `count` requests through a gateway whose limits
// live in the shared Redis, and reports how many were admitted.
import { Redis } from 'ioredis'
import { createGateway } from '../../dist/index.js'
import { createRedisStore } from '../../dist/adapters/redis/index.js'

const [url, count] = [process.argv[2], Number(process.argv[3])]
const client = new Redis(url, { enableOfflineQueue: false, lazyConnect: true })
await client.connect()
const gateway = createGateway({
  api: {
    openapi: '3.0.1',
    info: { title: 'shared', version: '1' },
    paths: {
      '/pets': {
        get: {
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: { default: { statusCode: '200' } },
          },
        },
      },
    },
  },
  stage: {
    name: 'prod',
    methodSettings: { '*/*': { throttlingRateLimit: 0, throttlingBurstLimit: 40 } },
  },
  store: createRedisStore(client, { prefix: 'shared-test:', timeoutMs: 2000 }),
})
process.send?.('ready')
await new Promise((ok) => process.once('message', ok))
const results = await Promise.all(
  Array.from({ length: count }, () => gateway.invoke({ method: 'GET', path: '/pets' })),
)
process.send?.({
  admitted: results.filter((r) => r.statusCode === 200).length,
  throttled: results.filter((r) => r.statusCode === 429).length,
})
client.disconnect()
