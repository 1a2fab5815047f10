/**
 * `createConsole`: the live web console as a Node request handler under a base path. The page
 * (assets/) reads JSON endpoints and a server-sent event stream; `POST api/test-invoke` runs
 * `gateway.testInvoke`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Gateway } from '../gateway.js'
import type { RequestSummary } from '../observability/index.js'
import { errorMessage } from '../core/index.js'
import { serveAsset } from './assets.js'
import { describeApi, type ConsoleApi } from './describe.js'
import {
  BodyTooLarge,
  isAllowedHost,
  isLoopbackAddress,
  readBody,
  sameOriginProblem,
  SECURITY_HEADERS,
  sendJson,
} from './http.js'
import { Recorder } from './recorder.js'
import { parseTestInvoke } from './test-invoke-input.js'
import { readKeyUsage } from './usage.js'

/** Options of {@link createConsole}. */
export interface ConsoleOptions {
  /**
   * The APIs to show: gateways, or `{ gateway, invokeUrl, apiKeys, usagePlans, usagePlanKeys }`
   * for their URL and usage per key; a function is called on each page request (for hosts that
   * replace gateways, like `portico serve --watch`).
   */
  gateways: ReadonlyArray<Gateway | ConsoleApi> | (() => ReadonlyArray<Gateway | ConsoleApi>)
  /** Where the console answers. @default `/_portico/` */
  basePath?: string
  /** Requests kept with their execution logs (the oldest go first). @default 500 */
  maxRequests?: number
  /** Pages listening to the live log at once (more get 503). @default 20 */
  maxClients?: number
  /** Largest `POST api/test-invoke` body, bytes (more get 413). @default 1048576 */
  maxBodyBytes?: number
  /** Width of a metrics bucket, milliseconds. @default 5000 */
  metricsIntervalMs?: number
  /** Buckets kept per API. @default 360 (30 minutes of 5-second buckets) */
  metricsBuckets?: number
  /**
   * Host names (without port) the console answers to besides `localhost`, `*.localhost` and IP
   * addresses; other `Host` headers get 403 (DNS rebinding). @default []
   */
  allowedHosts?: string[]
  /**
   * Answer clients on other machines too. By default only loopback clients are answered (others
   * get 403): the `Host` check stops browsers (DNS rebinding), not a client that writes its own
   * `Host`, and `testInvoke` skips authorizers and API keys. A reverse proxy on the same machine
   * looks local: do not route public traffic to the console. @default false
   */
  allowRemoteClients?: boolean
  /** Epoch milliseconds. @default Date.now */
  now?: () => number
}

/** A console: mount {@link PorticoConsole.handle} and feed it {@link PorticoConsole.onRequestComplete}. */
export interface PorticoConsole {
  /**
   * Answers a request under the base path and returns true, or returns false (and does nothing)
   * for any other path, so the host can pass the request on.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean
  /** Give this to `GatewayOptions.onRequestComplete` (with `recordExecutionLog: true`). */
  readonly onRequestComplete: (summary: RequestSummary) => void
  /** The base path, with its trailing slash. */
  readonly basePath: string
  /** Ends the live-log streams and stops the keep-alive timer. */
  close(): void
}

/**
 * Creates the live web console: the APIs and their routes, the last requests with their
 * execution logs (live, over server-sent events), a Test form (`testInvoke`), AWS's metrics over
 * time and usage-plan usage per key. See docs/guides/debugging.md.
 *
 * @param options - the gateways, base path and bounds
 * @returns the console
 * @throws TypeError for a base path that does not start and end with `/`
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { createGateway } from 'portico'
 * import { toNodeHandler } from 'portico/node'
 * import { createConsole } from 'portico/console'
 *
 * const gateways: Gateway[] = []
 * const console = createConsole({ gateways })
 * gateways.push(createGateway({ api, recordExecutionLog: true, onRequestComplete: console.onRequestComplete }))
 * const api = toNodeHandler(gateways[0])
 * createServer((req, res) => console.handle(req, res) || api(req, res)).listen(3000)
 * // http://localhost:3000/_portico/
 * ```
 */
export function createConsole(options: ConsoleOptions): PorticoConsole {
  const base = options.basePath ?? '/_portico/'
  if (!base.startsWith('/') || !base.endsWith('/'))
    throw new TypeError(`basePath must start and end with "/", got ${JSON.stringify(base)}`)
  const now = options.now ?? Date.now
  const recorder = new Recorder(
    {
      maxRequests: options.maxRequests ?? 500,
      maxClients: options.maxClients ?? 20,
      bucketMs: options.metricsIntervalMs ?? 5000,
      maxBuckets: options.metricsBuckets ?? 360,
      maxSamples: 1000,
    },
    now,
  )
  const maxBody = options.maxBodyBytes ?? 1024 * 1024
  const allowedHosts = (options.allowedHosts ?? []).map((h) => h.toLowerCase())
  const apis = (): ConsoleApi[] => {
    const list = typeof options.gateways === 'function' ? options.gateways() : options.gateways
    return list.map((item) => ('invoke' in item ? { gateway: item } : item))
  }
  const heartbeat = setInterval(() => recorder.heartbeat(), 15_000)
  heartbeat.unref()

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const rest = url.pathname.slice(base.length)
    const method = req.method ?? 'GET'
    if (rest === 'api/test-invoke') {
      if (method !== 'POST') {
        notAllowed(res, 'POST')
        return
      }
      await testInvoke(req, res)
      return
    }
    if (method !== 'GET' && method !== 'HEAD') {
      notAllowed(res, 'GET')
      return
    }
    const list = apis()
    const pick = (): ConsoleApi | undefined => list[Number(url.searchParams.get('api') ?? '0')]
    if (rest === 'api/apis') {
      sendJson(res, 200, list.map(describeApi))
      return
    }
    if (rest === 'api/requests') {
      sendJson(res, 200, recorder.requests())
      return
    }
    if (rest.startsWith('api/requests/')) {
      // Request ids are UUIDs: nothing to decode, and a malformed escape is simply not found.
      const found = recorder.request(rest.slice('api/requests/'.length))
      if (found) sendJson(res, 200, found)
      else sendJson(res, 404, { message: 'no such request (the console keeps the last ones)' })
      return
    }
    if (rest === 'api/metrics') {
      const api = pick()
      if (!api) {
        sendJson(res, 404, { message: 'no such API' })
        return
      }
      sendJson(res, 200, {
        intervalMs: options.metricsIntervalMs ?? 5000,
        points: recorder.metrics(api.gateway.apiId),
      })
      return
    }
    if (rest === 'api/usage') {
      const api = pick()
      if (!api) {
        sendJson(res, 404, { message: 'no such API' })
        return
      }
      sendJson(res, 200, await readKeyUsage(api, now()))
      return
    }
    if (rest === 'api/events') {
      if (method === 'HEAD') {
        // The stream's headers only: a HEAD has no body to keep open, nor a listener slot.
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Type': 'text/event-stream; charset=utf-8',
        })
        res.end()
      } else events(res)
      return
    }
    if (!serveAsset(rest, res)) sendJson(res, 404, { message: 'not found' })
  }

  const events = (res: ServerResponse): void => {
    if (!recorder.listen(res)) {
      sendJson(res, 503, { message: 'too many console pages are listening' })
      return
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    })
    res.write('retry: 2000\n\n')
  }

  const testInvoke = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const problem = sameOriginProblem(req)
    if (problem) {
      sendJson(res, 403, { message: problem })
      return
    }
    let text: string
    try {
      text = await readBody(req, maxBody)
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close')
        sendJson(res, 413, { message: `the body is larger than ${maxBody} bytes` })
        return
      }
      throw error
    }
    const input = parseTestInvoke(text)
    if (typeof input === 'string') {
      sendJson(res, 400, { message: input })
      return
    }
    const api = apis()[input.api]
    if (!api) {
      sendJson(res, 404, { message: 'no such API' })
      return
    }
    try {
      const result = await api.gateway.testInvoke(
        input.request,
        input.stage !== undefined ? { stage: input.stage } : undefined,
      )
      sendJson(res, 200, result)
    } catch (error) {
      sendJson(res, 400, { message: errorMessage(error) })
    }
  }

  return {
    basePath: base,
    onRequestComplete: (summary) => recorder.add(summary),
    handle(req, res) {
      const path = (req.url ?? '/').split('?')[0] ?? '/'
      if (path !== base.slice(0, -1) && !path.startsWith(base)) return false
      if (options.allowRemoteClients !== true && !isLoopbackAddress(req.socket.remoteAddress)) {
        sendJson(res, 403, {
          message: 'the console answers this machine only (allowRemoteClients)',
        })
        return true
      }
      if (!isAllowedHost(req.headers.host, allowedHosts)) {
        sendJson(res, 403, { message: 'the console answers on localhost only (allowedHosts)' })
        return true
      }
      if (path === base.slice(0, -1)) {
        res.writeHead(308, { ...SECURITY_HEADERS, Location: base })
        res.end()
        return true
      }
      const url = new URL(req.url ?? '/', 'http://console.invalid')
      route(req, res, url).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { message: errorMessage(error) })
        else res.destroy()
      })
      return true
    },
    close() {
      clearInterval(heartbeat)
      recorder.close()
    },
  }
}

function notAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow)
  sendJson(res, 405, { message: `use ${allow}` })
}
