// The README's end-to-end path ("Serving with API keys, a usage plan and Cognito"), run as a new
// user would from examples/serve-config: `portico serve api.yaml` with portico.config.json (an
// API key in a usage plan, a Cognito pool's JWKS, execution logging on), one request-log line
// per request, the console's routes and usage, and a test-invoke of the VTL route.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveCli, type ServingCli } from './run-cli.js'

const EXAMPLE = fileURLToPath(new URL('../../examples/serve-config/', import.meta.url))
const KEY = 'alice-key-0123456789abcdef'
const CONSOLE_LINE = /portico: console at (http:\/\/\S+)/

let cli: ServingCli
let consoleUrl = ''
beforeAll(async () => {
  cli = await serveCli(['api.yaml'], { cwd: EXAMPLE })
  await cli.waitFor(CONSOLE_LINE, 'stdout')
  consoleUrl = (CONSOLE_LINE.exec(cli.stdout())?.[1] as string).replace('localhost', '127.0.0.1')
}, 20_000)
afterAll(() => cli?.stop())

describe('examples/serve-config through portico serve', () => {
  it('applies the config file: API key and usage plan, Cognito authorizer, VTL route', async () => {
    const vtl = await fetch(`${cli.url}/pets?limit=2`)
    expect(await vtl.json()).toEqual({ limit: '2', pets: ['Rex', 'Tom'] })
    expect((await fetch(`${cli.url}/pets/7`)).status).toBe(403)
    const keyed = await fetch(`${cli.url}/pets/7`, { headers: { 'x-api-key': KEY } })
    expect([keyed.status, await keyed.text()]).toEqual([200, '{"id":"7"}'])
    expect((await fetch(`${cli.url}/me`)).status).toBe(401)
    const { stdout: token } = await promisify(execFile)(process.execPath, ['token.mjs'], {
      cwd: EXAMPLE,
    })
    const me = await fetch(`${cli.url}/me`, { headers: { Authorization: token.trim() } })
    expect([me.status, await me.json()]).toEqual([200, { email: 'ana@example.com' }])

    // One request-log line each, with the API key and authorizer verdicts.
    await cli.waitFor(/GET \/me 200 .*auth=allow/, 'stdout')
    expect(cli.stdout()).toMatch(/GET \/pets 200 \S+ MOCK/)
    expect(cli.stdout()).toMatch(/GET \/pets\/7 403 \S+ AWS_PROXY GetPet INVALID_API_KEY/)
    expect(cli.stdout()).toMatch(/GET \/pets\/7 200 \S+ AWS_PROXY GetPet/)
    expect(cli.stdout()).toMatch(/GET \/me 401 \S+ MOCK auth=deny UNAUTHORIZED/)
  })

  it('bug: the stage methodSettings loggingLevel of the config file writes execution logs to stderr', async () => {
    const res = await fetch(`${cli.url}/pets?limit=5`)
    const requestId = res.headers.get('x-amzn-RequestId') as string
    await cli.waitFor(/Method response body after transformations: \{"limit": "5"/, 'stderr')
    expect(cli.stderr()).toContain(`(${requestId}) Method request query string: {limit=5}`)
    // Header lines star credentials, as AWS's logs do (the proxy event body carries them as is).
    await fetch(`${cli.url}/pets/8`, { headers: { 'x-api-key': KEY } })
    await cli.waitFor(/x-api-key=\*+abcdef/, 'stderr')
    const headerLines = cli
      .stderr()
      .split('\n')
      .filter((l) => l.includes('request headers:'))
    expect(headerLines.length).toBeGreaterThan(0)
    expect(headerLines.filter((l) => l.includes(KEY))).toEqual([])
  })

  it('the console shows the routes and usage per key, and test-invokes the VTL route', async () => {
    const [api] = (await (await fetch(`${consoleUrl}api/apis`)).json()) as Array<{
      routes: Array<{ path: string; auth: string; apiKeyRequired: boolean }>
    }>
    expect(api?.routes.map((r) => [r.path, r.auth, r.apiKeyRequired])).toEqual([
      ['/me', 'COGNITO_USER_POOLS pool', false],
      ['/pets', 'NONE', false],
      ['/pets/{petId}', 'NONE', true],
    ])
    const usage = (await (await fetch(`${consoleUrl}api/usage?api=0`)).json()) as Array<{
      keyId: string
      used: number
    }>
    expect(usage[0]?.keyId).toBe('k1')
    expect(usage[0]?.used).toBeGreaterThanOrEqual(1)

    const res = await fetch(`${consoleUrl}api/test-invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'GET', pathWithQueryString: '/pets?limit=3' }),
    })
    const result = (await res.json()) as { status: number; body: string; log: string }
    expect(result.status).toBe(200)
    expect(JSON.parse(result.body)).toEqual({ limit: '3', pets: ['Rex', 'Tom'] })
    expect(result.log).toContain('Endpoint request body after transformations: {"statusCode": 200}')
    expect(result.log).toContain(
      'Method response body after transformations: {"limit": "3", "pets": ["Rex", "Tom"]}',
    )
  })
})

describe('portico serve --host beyond loopback', () => {
  it('security: warns that the console is reachable from other machines', async () => {
    const wide = await serveCli(['api.yaml', '--host', '0.0.0.0'], { cwd: EXAMPLE })
    try {
      await wide.waitFor(/console is reachable from other machines \(--host 0\.0\.0\.0\)/, 'stderr')
    } finally {
      await wide.stop()
    }
    expect(cli.stderr()).not.toContain('reachable from other machines')
  }, 20_000)
})
