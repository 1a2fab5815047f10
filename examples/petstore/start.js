// `npm start`: the PetStore example on PORT (default 3000), stage "dev", with its own backend.
import { fileURLToPath } from 'node:url'
import { formatRoutes, serve } from '../../dist/cli/serve.js'
import { prepareConsole } from '../../dist/cli/console-server.js'
import { startBackend } from './backend.js'

const here = (file) => fileURLToPath(new URL(file, import.meta.url))
const backend = await startBackend()
// The web console (portico/console) on PORT + 100: routes, live requests, Test, metrics.
const web = prepareConsole(
  () => [{ gateway: running.gateway, invokeUrl: running.invokeUrl }],
  process.env.HOST,
)
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
const running = await serve({
  apiFile: here('./api.yaml'),
  handlersFile: here('./handlers.js'),
  stageName: process.env.STAGE ?? 'dev',
  variables: { backend: backend.host },
  port,
  host,
  gatewayOptions: { recordExecutionLog: true, onRequestComplete: web.console.onRequestComplete },
})
const consoleServer = await web.listen(port === 0 ? 0 : port + 100, host, true)
console.log(`PetStore example: ${running.invokeUrl}  (backend on ${backend.host})\n`)
console.log(formatRoutes(running.gateway, running.invokeUrl))
console.log(`\ntry: curl ${running.invokeUrl}/pets`)
console.log(`console: ${consoleServer.url}`)

const stop = () => {
  Promise.all([running.close(), consoleServer.close()]).then(() =>
    backend.server.close(() => process.exit(0)),
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
