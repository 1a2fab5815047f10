/**
 * `portico serve`'s web console: `portico/console` on its own port (API paths stay the API's,
 * even `/_portico/...`), `/` redirecting to `/_portico/`.
 */
import { createServer, type Server } from 'node:http'
import { isIP } from 'node:net'
import { createConsole, type ConsoleApi, type PorticoConsole } from '../console/index.js'
import { errorMessage } from '../core/index.js'
import { UsageError } from './args.js'

/** The console's server. */
export interface ConsoleServer {
  readonly console: PorticoConsole
  readonly server: Server
  /** `http://localhost:{port}/_portico/`. */
  readonly url: string
  close(): Promise<void>
}

/**
 * Creates the console (before the gateways, which feed it) and listens later.
 *
 * @param apis - the APIs served now (called per page request: `--watch` replaces gateways)
 * @param host - the `--host` address: a name is allowed in the `Host` header besides localhost;
 *   an address beyond loopback lets other machines use the console
 * @returns the console, and `listen` for its port
 */
export function prepareConsole(
  apis: () => readonly ConsoleApi[],
  host?: string,
): {
  console: PorticoConsole
  listen(port: number, host: string, fallback: boolean): Promise<ConsoleServer>
} {
  // `--host myname.lan`: that name is this machine's too (IP addresses and localhost always are).
  const allowedHosts = host !== undefined && isIP(host) === 0 ? [host] : []
  // Bound beyond loopback (`--host 0.0.0.0`, a LAN address, a container): the user chose to be
  // reached from other machines, so the console is too (docs/security.md).
  const allowRemoteClients = host !== undefined && !isLoopbackHost(host)
  const web = createConsole({ gateways: apis, allowedHosts, allowRemoteClients })
  return {
    console: web,
    async listen(port, host, fallback) {
      const server = createServer((req, res) => {
        if (web.handle(req, res)) return
        res.writeHead(req.url === '/' ? 302 : 404, { Location: web.basePath })
        res.end()
      })
      const tryListen = (p: number): Promise<void> =>
        new Promise<void>((ok, fail) => {
          server.once('error', fail)
          server.listen(p, host, () => {
            server.off('error', fail)
            ok()
          })
        })
      try {
        await tryListen(port).catch((error: unknown) => {
          // The default port (API port + 100) taken: any free port will do.
          if (fallback && (error as NodeJS.ErrnoException).code === 'EADDRINUSE')
            return tryListen(0)
          throw error
        })
      } catch (error) {
        web.close()
        throw new UsageError(
          `cannot listen on ${host}:${port} for the console: ${errorMessage(error)} (choose another with --console-port, or --no-console)`,
          1,
        )
      }
      const address = server.address()
      const actual = typeof address === 'object' && address ? address.port : port
      return {
        console: web,
        server,
        url: `http://localhost:${actual}${web.basePath}`,
        close: () =>
          new Promise<void>((ok) => {
            web.close()
            server.close(() => ok())
            server.closeAllConnections()
          }),
      }
    },
  }
}

/**
 * Whether a `--host` value is reached from this machine only.
 *
 * @param host - an address or name
 * @returns true for `localhost`, `127.x.y.z` and `::1`
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '')
  return name === 'localhost' || name === '::1' || (isIP(name) === 4 && name.startsWith('127.'))
}
