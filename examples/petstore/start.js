// `npm start`: the PetStore example on PORT (default 3000), stage "dev", with its own backend.
import { fileURLToPath } from 'node:url'
import { formatRoutes, serve } from '../../dist/cli/serve.js'
import { startBackend } from './backend.js'

const here = (file) => fileURLToPath(new URL(file, import.meta.url))
const backend = await startBackend()
const running = await serve({
  apiFile: here('./api.yaml'),
  handlersFile: here('./handlers.js'),
  stageName: process.env.STAGE ?? 'dev',
  variables: { backend: backend.host },
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
})
console.log(`PetStore example: ${running.invokeUrl}  (backend on ${backend.host})\n`)
console.log(formatRoutes(running.gateway, running.invokeUrl))
console.log(`\ntry: curl ${running.invokeUrl}/pets`)

const stop = () => {
  running.close().then(() => backend.server.close(() => process.exit(0)))
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
