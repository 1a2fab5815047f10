/**
 * What `portico serve` prints when a server starts: the API and its invoke URL, other stages,
 * and the route table; and which port the next API takes.
 */
import { formatRoutes, type RunningServer } from './serve.js'

/** The port after the last REST/HTTP server's (0 stays 0: each server picks a free port). */
export function nextPort(servers: readonly RunningServer[], port: number): number {
  if (port === 0) return 0
  const address = servers[servers.length - 1]?.server.address()
  return typeof address === 'object' && address ? address.port + 1 : port
}

/** Prints a server's banner: API, kind, invoke URL, its other stages, and the route table. */
export function printBanner(server: RunningServer): void {
  const { gateway } = server
  const { definition } = gateway
  const lines = [`portico: serving ${definition.name} (${definition.kind}) at ${server.invokeUrl}`]
  const base = server.invokeUrl.slice(
    0,
    server.invokeUrl.length - urlStage(gateway.stage.name).length,
  )
  for (const name of gateway.stageNames().slice(1))
    lines.push(`         stage ${name} at ${base}${urlStage(name)}`)
  process.stdout.write(lines.join('\n') + '\n\n' + formatRoutes(gateway, server.invokeUrl) + '\n\n')
}

const urlStage = (name: string): string => (name === '$default' ? '' : `/${name}`)
