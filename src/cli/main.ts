#!/usr/bin/env node
/**
 * `portico serve <openapi.(yaml|json)> --handlers <module> --stage <name> --port <n>`
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { isPorticoError } from '../errors.js'
import { isTemplate } from '../template/index.js'
import { formatRoutes, loadHandlers, serve } from './serve.js'
import { readParameterOverrides, serveTemplate } from './serve-template.js'

const USAGE = `usage: portico serve <openapi.(yaml|json)> [--handlers <module>] [--stage <name>] [--port <n>] [--host <addr>] [--var name=value ...] [--template-var name=value ...] [--service-endpoint service=url ...]
       portico serve <template.(yaml|json)> [--api <LogicalId>] [--parameter-overrides Key=Value ...] [--handlers <module>] [--port <n>] [--host <addr>] [--service-endpoint service=url ...]
  --service-endpoint dynamodb=http://127.0.0.1:8000 sends AWS integrations for that service there
  (SigV4-signed with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY); '*=url' for every service.`

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
      'template-var': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h' },
      api: { type: 'string' },
      'parameter-overrides': { type: 'string', multiple: true, default: [] },
      'service-endpoint': { type: 'string', multiple: true, default: [] },
    },
  })
  // `--parameter-overrides A=1 B=2` (as sam takes it): the values after the first are positionals.
  const overrides = [...values['parameter-overrides'], ...positionals.slice(2)]
  const extra = values['parameter-overrides'].length > 0 ? [] : positionals.slice(2)
  if (values.help || positionals[0] !== 'serve' || positionals.length < 2 || extra.length > 0) {
    console.log(USAGE)
    return values.help ? 0 : 2
  }
  const variables = readPairs('--var', values.var)
  // Values for a Terraform templatefile() document's `${name}` placeholders.
  const templateVars = readPairs('--template-var', values['template-var'])
  // AWS service endpoints: `--service-endpoint dynamodb=http://127.0.0.1:8000`, `'*=url'`.
  const services = Object.fromEntries(
    Object.entries(readPairs('--service-endpoint', values['service-endpoint'])).map(
      ([name, endpoint]) => [name, { endpoint }],
    ),
  )
  const withServices = values['service-endpoint'].length > 0 ? { services } : {}
  const file = positionals[1] as string
  if (isTemplate(readFileSync(file, 'utf8'))) {
    const servers = await serveTemplate({
      templateFile: file,
      parameters: readParameterOverrides(overrides),
      port: Number(values.port),
      host: values.host,
      ...(values.api !== undefined ? { logicalId: values.api } : {}),
      ...(values.handlers ? { lambdas: await loadHandlers(values.handlers) } : {}),
      ...(values.var.length > 0 ? { variables } : {}),
      ...withServices,
    })
    for (const running of servers) {
      const { definition } = running.gateway
      console.log(
        `portico: serving ${definition.name} (${definition.kind}) at ${running.invokeUrl}\n`,
      )
      console.log(formatRoutes(running.gateway, running.invokeUrl) + '\n')
    }
    const stopAll = (): void => {
      void Promise.all(servers.map((s) => s.close())).then(() => process.exit(0))
    }
    process.once('SIGINT', stopAll)
    process.once('SIGTERM', stopAll)
    return -1
  }
  const options = {
    apiFile: file,
    stageName: values.stage,
    variables,
    port: Number(values.port),
    host: values.host,
    ...(values['template-var'].length > 0 ? { templateVars } : {}),
    ...withServices,
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

function readPairs(flag: string, pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    if (eq < 1) throw new Error(`${flag} expects name=value, got ${pair}`)
    out[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return out
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
