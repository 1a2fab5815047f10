// A WebSocket gateway process for the relay test: holds one connection (an in-memory
// transport) and reports to the parent what the connection receives.
import { createWebSocketGateway } from '../../dist/index.js'
import { createRedisRelay } from '../../dist/adapters/redis/index.js'

const url = process.argv[2]
const gateway = createWebSocketGateway({
  api: { routes: { $default: { lambda: 'Noop' } } },
  lambdas: { Noop: async () => ({ statusCode: 200 }) },
  stage: { name: 'prod' },
  relay: createRedisRelay(url, { prefix: 'xproc:' }),
})
await new Promise((ok) => setTimeout(ok, 200)) // subscribed
const id = await gateway.connect(
  { sourceIp: '10.9.9.9' },
  {
    send: (data) => process.send?.({ received: data }),
    close: (code) => process.send?.({ closed: code }),
  },
)
process.send?.({ connectionId: id })
process.on('message', (m) => m === 'stop' && process.exit(0))
