// The console's JSON endpoints, its live stream and its limits, over a real socket.
import { request as httpRequest, get as httpGet, type IncomingMessage } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { percentiles } from '../../src/console/recorder.js'
import { KEY_VALUE, serveWithConsole, type Served } from './fixture.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read loosely
type Json = any

let served: Served | undefined
afterEach(async () => {
  await served?.close()
  served = undefined
})

async function start(options: Parameters<typeof serveWithConsole>[0] = {}): Promise<Served> {
  served = await serveWithConsole(options)
  return served
}

const json = async (url: string, init?: RequestInit): Promise<{ status: number; body: Json }> => {
  const res = await fetch(url, init)
  return { status: res.status, body: await res.json() }
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  json(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

/** A raw request with any Host header. */
function raw(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    // Host, port and the path as written (a URL object would resolve `..` and `%2e%2e`).
    const { hostname, port } = new URL(url)
    const path = url.slice(url.indexOf('/', 'http://'.length))
    const req = httpRequest({ hostname, port, path, headers }, (res) => {
      let text = ''
      res.on('data', (c: Buffer) => (text += c.toString()))
      res.on('end', () => ok({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', fail)
    req.end()
  })
}

describe('console endpoints', () => {
  it('lists the API, its stage and routes with integration, target and authorization', async () => {
    const s = await start()
    const { status, body } = await json(`${s.url}/_portico/api/apis`)
    expect(status).toBe(200)
    expect(body).toHaveLength(1)
    expect(body[0]).toMatchObject({ name: 'ConsolePets', kind: 'REST', testInvoke: true })
    expect(body[0].stages).toEqual([{ name: 'dev', variables: { owner: 'ana' } }])
    expect(body[0].routes).toContainEqual({
      method: 'GET',
      path: '/pets/{id}',
      integration: 'AWS_PROXY',
      target: 'GetPet',
      auth: 'NONE',
      apiKeyRequired: false,
    })
    expect(body[0].routes).toContainEqual(
      expect.objectContaining({ path: '/report', integration: 'MOCK', apiKeyRequired: true }),
    )
  })

  it('keeps each request with its execution log, in AWS wording', async () => {
    const s = await start()
    expect((await fetch(`${s.url}/dev/pets?type=cat`)).status).toBe(200)
    expect((await fetch(`${s.url}/dev/pets/7`)).status).toBe(200)
    const { body: list } = await json(`${s.url}/_portico/api/requests`)
    expect(list.map((r: Json) => [r.method, r.path, r.status, r.integration, r.target])).toEqual([
      ['GET', '/pets', 200, 'MOCK', null],
      ['GET', '/pets/7', 200, 'AWS_PROXY', 'GetPet'],
    ])
    expect(list[1].hasLog).toBe(true)
    expect(list[1].integrationLatency).toBeGreaterThan(0)
    const { status, body } = await json(`${s.url}/_portico/api/requests/${list[0].requestId}`)
    expect(status).toBe(200)
    expect(body.log).toContain(`Execution log for request ${list[0].requestId}`)
    expect(body.log).toContain('HTTP Method: GET, Resource Path: /pets')
    expect(body.log).toContain('Method request query string: {type=cat}')
    expect(body.log).toContain('Method completed with status: 200')
    expect((await json(`${s.url}/_portico/api/requests/nope`)).status).toBe(404)
    expect((await json(`${s.url}/_portico/api/requests/%E0%A4%A`)).status).toBe(404)
  })

  it('keeps only the last maxRequests requests and their logs', async () => {
    const s = await start({ maxRequests: 3 })
    for (let i = 0; i < 5; i++) await fetch(`${s.url}/dev/pets/${i}`)
    const { body: list } = await json(`${s.url}/_portico/api/requests`)
    expect(list.map((r: Json) => r.path)).toEqual(['/pets/2', '/pets/3', '/pets/4'])
    expect(list.map((r: Json) => r.seq)).toEqual([3, 4, 5])
  })

  it('streams each finished request to listening pages (server-sent events)', async () => {
    const s = await start()
    const res = await new Promise<IncomingMessage>((ok) =>
      httpGet(`${s.url}/_portico/api/events`, ok),
    )
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    let text = ''
    const got = new Promise<void>((ok) =>
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString()
        if (text.includes('event: request')) ok()
      }),
    )
    await fetch(`${s.url}/dev/pets/42`)
    await got
    const data = /event: request\ndata: (.*)\n\n/.exec(text)?.[1]
    expect(JSON.parse(data ?? 'null')).toMatchObject({
      method: 'GET',
      path: '/pets/42',
      status: 200,
    })
    res.destroy()
  })

  it('refuses more than maxClients listening pages, and frees a slot when one closes', async () => {
    const s = await start({ maxClients: 2 })
    const open = () =>
      new Promise<IncomingMessage>((ok) => httpGet(`${s.url}/_portico/api/events`, ok))
    const a = await open()
    const b = await open()
    const c = await open()
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([200, 200, 503])
    c.resume()
    a.destroy()
    await new Promise((ok) => setTimeout(ok, 50))
    const d = await open()
    expect(d.statusCode).toBe(200)
    b.destroy()
    d.destroy()
  })

  it('counts AWS metrics per time bucket: Count, 4XXError, 5XXError, cache, latency percentiles', async () => {
    const s = await start()
    await fetch(`${s.url}/dev/pets/1`)
    await fetch(`${s.url}/dev/nowhere`) // 403 Missing Authentication Token
    await fetch(`${s.url}/dev/broken`) // 500 from the MOCK
    await fetch(`${s.url}/dev/cached`)
    await fetch(`${s.url}/dev/cached`)
    const { body } = await json(`${s.url}/_portico/api/metrics?api=0`)
    expect(body.intervalMs).toBe(5000)
    const sum = (name: string) => body.points.reduce((n: number, p: Json) => n + p[name], 0)
    expect(sum('Count')).toBe(5)
    expect(sum('4XXError')).toBe(1)
    expect(sum('5XXError')).toBe(1)
    expect(sum('CacheHitCount')).toBe(1)
    // On a stage with a cache, every request the backend served is a miss (AWS's CacheMissCount).
    expect(sum('CacheMissCount')).toBe(3)
    const last = body.points.findLast((p: Json) => p.Count > 0)
    expect(last.Latency.p50).not.toBeNull()
    expect(last.Latency.p99).toBeGreaterThanOrEqual(last.Latency.p50)
    expect((await json(`${s.url}/_portico/api/metrics?api=9`)).status).toBe(404)
  })

  it('shows usage-plan usage per API key (used and remaining of the quota)', async () => {
    const s = await start()
    for (let i = 0; i < 2; i++)
      expect(
        (await fetch(`${s.url}/dev/report`, { headers: { 'x-api-key': KEY_VALUE } })).status,
      ).toBe(200)
    const { body } = await json(`${s.url}/_portico/api/usage?api=0`)
    expect(body).toEqual([
      {
        usagePlanId: 'gold',
        usagePlanName: 'Gold',
        keyId: 'k1',
        keyName: 'ana',
        enabled: true,
        quota: { limit: 100, period: 'DAY' },
        usedToday: 2,
        used: 2,
        remaining: 98,
      },
    ])
  })
})

describe('console test-invoke', () => {
  it('runs gateway.testInvoke with the stage variables given and returns its log', async () => {
    const s = await start()
    const { status, body } = await post(`${s.url}/_portico/api/test-invoke`, {
      api: 0,
      method: 'GET',
      pathWithQueryString: '/report?x=1',
      headers: { Accept: 'application/json' },
      stageVariables: { owner: 'bo' },
    })
    expect(status).toBe(200)
    expect(body.status).toBe(200)
    expect(JSON.parse(body.body)).toEqual({ report: 'bo' })
    expect(body.log).toContain('Method request query string: {x=1}')
    expect(body.log).toContain('Method completed with status: 200')
    expect(typeof body.latency).toBe('number')
    // Listed on AWS's stage name for test invokes, and not counted in the metrics.
    const { body: list } = await json(`${s.url}/_portico/api/requests`)
    expect(list.map((r: Json) => [r.stage, r.path])).toEqual([['test-invoke-stage', '/report']])
    const { body: metrics } = await json(`${s.url}/_portico/api/metrics?api=0`)
    expect(metrics.points.reduce((n: number, p: Json) => n + p.Count, 0)).toBe(0)
  })

  it.each([
    ['a form post (text/plain)', { 'Content-Type': 'text/plain' }, 403],
    ['another origin', { Origin: 'http://evil.example' }, 403],
    ['a malformed origin', { Origin: 'null' }, 403],
  ])('refuses %s (cross-site request forgery)', async (_name, headers, expected) => {
    const s = await start()
    const res = await fetch(`${s.url}/_portico/api/test-invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ method: 'GET', pathWithQueryString: '/pets' }),
    })
    expect(res.status).toBe(expected)
  })

  it('accepts its own origin, and refuses GET, bad input, an unknown stage and big bodies', async () => {
    const s = await start({ maxBodyBytes: 1000 })
    const url = `${s.url}/_portico/api/test-invoke`
    const ok = await post(url, { method: 'GET', pathWithQueryString: '/pets' }, { Origin: s.url })
    expect(ok.body.status).toBe(200)
    expect((await fetch(url)).status).toBe(405)
    expect(await post(url, '{')).toEqual({ status: 400, body: { message: 'the body is not JSON' } })
    expect((await post(url, { method: 'BREW' })).status).toBe(400)
    expect((await post(url, { method: 'GET', pathWithQueryString: 'pets' })).status).toBe(400)
    expect((await post(url, { method: 'GET', headers: { a: 1 } })).body).toEqual({
      message: 'headers.a must be a string',
    })
    expect((await post(url, { method: 'GET', stage: 'prod' })).status).toBe(400)
    expect((await post(url, { api: 3, method: 'GET' })).status).toBe(404)
    const big = await post(url, { method: 'POST', body: 'x'.repeat(2000) })
    expect(big.status).toBe(413)
  })
})

describe('console pages and hosts', () => {
  it('serves the page with a strict content security policy, and uPlot from node_modules', async () => {
    const s = await start()
    const page = await fetch(`${s.url}/_portico/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    expect(await page.text()).toContain('vendor/uPlot.iife.min.js')
    const uplot = await fetch(`${s.url}/_portico/vendor/uPlot.iife.min.js`)
    expect(uplot.status).toBe(200)
    expect(await uplot.text()).toContain('uPlot')
    expect((await raw(`${s.url}/_portico/%2e%2e/package.json`, { Host: 'localhost' })).status).toBe(
      404,
    )
    expect((await raw(`${s.url}/_portico/../package.json`, { Host: 'localhost' })).status).toBe(404)
    expect((await fetch(`${s.url}/_portico/constructor`)).status).toBe(404)
    const bare = await fetch(`${s.url}/_portico`, { redirect: 'manual' })
    expect([bare.status, bare.headers.get('location')]).toEqual([308, '/_portico/'])
  })

  it('answers only to localhost names and IP addresses (DNS rebinding)', async () => {
    const s = await start()
    const url = `${s.url}/_portico/api/apis`
    expect((await raw(url, { Host: 'evil.example' })).status).toBe(403)
    expect((await raw(url, { Host: 'localhost:1234' })).status).toBe(200)
    expect((await raw(url, { Host: '[::1]:80' })).status).toBe(200)
    expect((await raw(url, { Host: 'app.localhost' })).status).toBe(200)
  })

  it('leaves other paths to the host (the API)', async () => {
    const s = await start()
    expect((await fetch(`${s.url}/dev/pets`)).status).toBe(200)
    expect((await fetch(`${s.url}/_porticox`)).status).toBe(403) // the API's Missing Authentication Token
  })
})

describe('percentiles', () => {
  // Nearest rank, as CloudWatch's pNN statistics.
  it.each([
    [[], { p50: null, p90: null, p99: null }],
    [[5], { p50: 5, p90: 5, p99: 5 }],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { p50: 5, p90: 9, p99: 10 }],
  ])('of %j', (values, expected) => {
    expect(percentiles(values)).toEqual(expected)
  })
})
