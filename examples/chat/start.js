// `npm run chat`: a WebSocket chat with rooms on ws://127.0.0.1:3001/chat
// (connect with ?name=you, then send {"action":"join","room":"cats"}, {"action":"send","text":"hi"},
// {"action":"quit"} or {"action":"delete","room":"cats"}).
import { createServer } from 'node:http'
import { createWebSocketGateway } from '../../dist/index.js'
import { attachWebSocket, connectionsHandler } from '../../dist/adapters/ws/index.js'
import { createHandlers } from './handlers.js'

export async function startChat({ port = 3001, host = '127.0.0.1' } = {}) {
  const server = createServer()
  await new Promise((ok) => server.listen(port, host, ok))
  const address = `${host}:${server.address().port}`
  const lambdas = createHandlers(`http://${address}/chat`)
  const gateway = createWebSocketGateway({
    api: {
      name: 'chat',
      routeSelectionExpression: '$request.body.action',
      routes: {
        $connect: { lambda: 'Connect' },
        $disconnect: { lambda: 'Disconnect' },
        join: { lambda: 'Join' },
        send: { lambda: 'Send', routeResponseSelectionExpression: '$default' },
        quit: { lambda: 'Quit' },
        delete: { lambda: 'Delete' },
        $default: { lambda: 'Default', routeResponseSelectionExpression: '$default' },
      },
    },
    stage: { name: 'chat' },
    lambdas,
  })
  server.on('request', connectionsHandler(gateway))
  const detach = attachWebSocket(server, gateway)
  return {
    url: `ws://${address}/chat`,
    gateway,
    close: () =>
      new Promise((ok) => {
        detach()
        server.close(() => ok())
        server.closeAllConnections()
      }),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const chat = await startChat({ port: Number(process.env.PORT ?? 3001) })
  console.log(`chat: ${chat.url}?name=you  (try: npx wscat -c "${chat.url}?name=ana")`)
  const stop = () => chat.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
