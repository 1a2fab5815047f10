// The console under attack, over real sockets: cross-site requests to its Test endpoint, DNS
// rebinding, file names that try to leave the asset table, malformed request ids, nested JSON,
// and a live-log page that stops reading. Each pins a property docs/security.md states.
import { createServer, request } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { prepareConsole } from '../../src/cli/console-server.js'
import { createConsole } from '../../src/console/index.js'
import { isLoopbackAddress } from '../../src/console/http.js'
import { createGateway, silentLogger } from '../../src/index.js'
import { API, serveWithConsole, type Served } from './fixture.js'

let served: Served | undefined
afterEach(async () => {
  await served?.close()
  served = undefined
})

/** Sends raw HTTP/1.1 bytes and returns the status and the whole answer. */
function rawHttp(port: number, text: string): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()))
    socket.on('end', () =>
      ok({ status: Number(/^HTTP\/1\.\d (\d{3})/.exec(answer)?.[1]), text: answer }),
    )
    socket.on('error', fail)
    socket.end(text)
  })
}

const portOf = (s: Served): number => Number(new URL(s.url).port)

const testInvokeBody = JSON.stringify({ method: 'GET', pathWithQueryString: '/pets' })

describe('csrf: POST api/test-invoke from another page', () => {
  it.each([
    ['an url-encoded form', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['a multipart form', { 'Content-Type': 'multipart/form-data; boundary=x' }],
    ['a text/plain form', { 'Content-Type': 'text/plain' }],
    ['no content type', {}],
    [
      'JSON from another origin',
      { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
    ],
    [
      'JSON from a sandboxed frame (Origin: null)',
      { 'Content-Type': 'application/json', Origin: 'null' },
    ],
    [
      'JSON from another port of this host',
      { 'Content-Type': 'application/json', Origin: 'http://127.0.0.1:1' },
    ],
  ])('csrf: refuses %s, and runs nothing', async (_name, headers: Record<string, string>) => {
    const s = (served = await serveWithConsole())
    const res = await fetch(`${s.url}/_portico/api/test-invoke`, {
      method: 'POST',
      headers,
      body: testInvokeBody,
    })
    expect(res.status).toBe(403)
    const list = (await (await fetch(`${s.url}/_portico/api/requests`)).json()) as unknown[]
    expect(list).toEqual([])
  })

  it('csrf: grants no CORS preflight', async () => {
    const s = (served = await serveWithConsole())
    const res = await fetch(`${s.url}/_portico/api/test-invoke`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    })
    expect(res.status).toBe(405)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('dns rebinding: the Host header', () => {
  it.each(['localhost.evil.example', '127.0.0.1.nip.io', 'localhost.', 'evil.example:80'])(
    'dns rebinding: refuses Host %s',
    async (host) => {
      const s = (served = await serveWithConsole())
      const res = await rawHttp(
        portOf(s),
        `GET /_portico/api/requests HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      )
      expect(res.status).toBe(403)
    },
  )

  it('dns rebinding: refuses a request without Host (HTTP/1.0)', async () => {
    const s = (served = await serveWithConsole())
    const res = await rawHttp(portOf(s), 'GET /_portico/api/apis HTTP/1.0\r\n\r\n')
    expect(res.status).toBe(403)
  })
})

describe('path traversal: asset names', () => {
  it.each([
    '../package.json',
    '..%2fpackage.json',
    '%2e%2e/%2e%2e/package.json',
    'vendor/..%2f..%2f..%2fpackage.json',
    'vendor/uPlot.iife.min.js%00.json',
    'app.js/',
    '__proto__',
    'constructor',
    'hasOwnProperty',
  ])('path traversal: %s is not a file', async (name) => {
    const s = (served = await serveWithConsole())
    const res = await rawHttp(
      portOf(s),
      `GET /_portico/${name} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    )
    expect(res.status).toBe(404)
    expect(res.text).not.toContain('"devDependencies"')
  })
})

describe('malformed request ids', () => {
  it.each(['%', '%E0%A4%A', '__proto__', 'constructor', 'x'.repeat(8000), '..%2F..%2Fapis'])(
    'answers 404 for request id %#',
    async (id) => {
      const s = (served = await serveWithConsole())
      await fetch(`${s.url}/dev/pets`)
      const res = await rawHttp(
        portOf(s),
        `GET /_portico/api/requests/${id} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
      )
      expect(res.status).toBe(404)
    },
  )
})

describe('dos: bodies and listeners', () => {
  it('dos: deeply nested JSON under the body limit is a 400, and the console still answers', async () => {
    const s = (served = await serveWithConsole())
    for (const body of [
      '['.repeat(400_000) + ']'.repeat(400_000),
      `{"method":"GET","headers":${'{"a":'.repeat(150_000)}1${'}'.repeat(150_000)}}`,
    ]) {
      const res = await fetch(`${s.url}/_portico/api/test-invoke`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      })
      expect(res.status).toBe(400)
    }
    expect((await fetch(`${s.url}/_portico/api/apis`)).status).toBe(200)
  })

  it('dos: HEAD api/events answers at once and takes no listener slot', async () => {
    const s = (served = await serveWithConsole({ maxClients: 1 }))
    const head = await fetch(`${s.url}/_portico/api/events`, { method: 'HEAD' })
    expect([head.status, head.headers.get('content-type')]).toEqual([
      200,
      'text/event-stream; charset=utf-8',
    ])
    const controller = new AbortController()
    const live = await fetch(`${s.url}/_portico/api/events`, { signal: controller.signal })
    expect(live.status).toBe(200)
    controller.abort()
  })

  it('dos: a live-log page that stops reading is dropped, not buffered without bound', async () => {
    const s = (served = await serveWithConsole())
    const socket = connect(portOf(s), '127.0.0.1')
    socket.write('GET /_portico/api/events HTTP/1.1\r\nHost: localhost\r\n\r\n')
    await new Promise((ok) => socket.once('data', ok))
    socket.pause() // reads nothing more
    const count = (): Promise<number> =>
      new Promise((ok) => s.server.getConnections((_e, n) => ok(n)))
    expect(await count()).toBe(1)
    // ~8 KB per event: far more than the socket buffers and the 1 MB queue allowed.
    const path = `/pets/${'x'.repeat(8000)}`
    for (let i = 0; i < 3000 && (await count()) > 0; i++)
      await s.gateway.invoke({ method: 'GET', path })
    await expect.poll(count, { timeout: 5000 }).toBe(0)
    socket.destroy()
  }, 30_000)
})

/** This machine's first non-loopback IPv4 address (a client from it is not loopback). */
function outsideAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a !== undefined && !a.internal && a.family === 'IPv4')?.address
}

/** A test-invoke with `Host: localhost`, sent to `host` (its address is the client's). */
function postFrom(host: string, port: number): Promise<number> {
  return new Promise<number>((ok, fail) => {
    const req = request(
      {
        host,
        port,
        path: '/_portico/api/test-invoke',
        method: 'POST',
        headers: { Host: 'localhost', 'Content-Type': 'application/json' },
      },
      (res) => {
        res.resume()
        ok(res.statusCode ?? 0)
      },
    )
    req.on('error', fail)
    req.end(testInvokeBody)
  })
}

describe('security: clients on other machines', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.0.2.7', false],
    ['::ffff:192.0.2.7', false],
    ['fd00::2', false],
    ['::', false],
    [undefined, false],
  ])('isLoopbackAddress(%s) is %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected)
  })

  const outside = outsideAddress()

  it.skipIf(outside === undefined)(
    'security: portico serve lets other machines use its console only with a --host beyond loopback',
    async () => {
      const gateway = createGateway({ api: API, stage: { name: 'dev' }, logger: silentLogger })
      for (const [host, remote] of [
        ['127.0.0.1', 403],
        ['0.0.0.0', 200],
      ] as const) {
        const served = await prepareConsole(() => [{ gateway }], host).listen(0, '0.0.0.0', false)
        try {
          const port = Number(new URL(served.url).port)
          expect(await postFrom('127.0.0.1', port)).toBe(200)
          expect(await postFrom(outside as string, port)).toBe(remote)
        } finally {
          await served.close()
        }
      }
    },
  )
  it.skipIf(outside === undefined)(
    'security: a console answers loopback clients only, whatever Host they send, unless allowRemoteClients',
    async () => {
      const gateway = createGateway({ api: API, stage: { name: 'dev' }, logger: silentLogger })
      for (const allowRemoteClients of [false, true]) {
        const web = createConsole({ gateways: [gateway], allowRemoteClients })
        const server = createServer((req, res) => {
          if (!web.handle(req, res)) res.end()
        })
        await new Promise<void>((ok) => server.listen(0, '0.0.0.0', ok))
        const { port } = server.address() as AddressInfo
        try {
          expect(await postFrom('127.0.0.1', port)).toBe(200)
          expect(await postFrom(outside as string, port)).toBe(allowRemoteClients ? 200 : 403)
        } finally {
          web.close()
          await new Promise<void>((ok) => server.close(() => ok()))
        }
      }
    },
  )
})
