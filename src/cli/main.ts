#!/usr/bin/env node
/**
 * `portico serve <openapi.(yaml|json)> --handlers <module> --stage <name> --port <n>`
 */
import { parseArgs } from 'node:util'
import { isPorticoError } from '../errors.js'
import { formatRoutes, serve } from './serve.js'

const USAGE = `usage: portico serve <openapi.(yaml|json)> [--handlers <module>] [--stage <name>] [--port <n>] [--host <addr>] [--var name=value ...]`

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      handlers: { type: 'string' },
      stage: { type: 'string', default: 'dev' },
      port: { type: 'string', default: process.env['PORT'] ?? '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      var: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help || positionals[0] !== 'serve' || positionals.length !== 2) {
    console.log(USAGE)
    return values.help ? 0 : 2
  }
  const variables: Record<string, string> = {}
  for (const pair of values.var) {
    const eq = pair.indexOf('=')
    if (eq < 1) throw new Error(`--var expects name=value, got ${pair}`)
    variables[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  const options = {
    apiFile: positionals[1] as string,
    stageName: values.stage,
    variables,
    port: Number(values.port),
    host: values.host,
  }
  const running = await serve(
    values.handlers ? { ...options, handlersFile: values.handlers } : options,
  )
  console.log(`portico: serving ${running.gateway.definition.name} at ${running.invokeUrl}\n`)
  console.log(formatRoutes(running.gateway, running.invokeUrl))
  const stop = (): void => {
    void running.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return -1
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code
  },
  (error: unknown) => {
    console.error(isPorticoError(error) ? `portico: ${error.message}` : error)
    process.exitCode = 1
  },
)
