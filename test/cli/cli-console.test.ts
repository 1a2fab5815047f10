// `portico serve` serves the web console on its own port: the banner names it, it sees every
// request with its execution log and the config file's usage plans; --no-console turns it off.
import { describe, expect, it } from 'vitest'
import { serveCli } from './run-cli.js'

const CONSOLE_LINE = /portico: console at (http:\/\/\S+)/

describe('portico serve: the web console', () => {
  it('prints its URL and shows the routes, each request with its execution log, and usage', async () => {
    const cli = await serveCli(['api.yaml'])
    try {
      await cli.waitFor(CONSOLE_LINE, 'stdout')
      const base = (CONSOLE_LINE.exec(cli.stdout())?.[1] as string).replace(
        'localhost',
        '127.0.0.1',
      )
      expect(base).toMatch(/\/_portico\/$/)
      const page = await fetch(base)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<title>Portico console</title>')
      // Its own port: `/` leads to the console, and API paths are not the console's.
      const root = await fetch(base.replace('/_portico/', '/'), { redirect: 'manual' })
      expect([root.status, root.headers.get('location')]).toEqual([302, '/_portico/'])
      expect(new URL(base).port).not.toBe(new URL(cli.url).port)

      const apis = (await (await fetch(`${base}api/apis`)).json()) as Array<{
        invokeUrl: string
        routes: Array<{ path: string; target: string | null }>
      }>
      expect(apis[0]?.invokeUrl).toBe(cli.url.replace('127.0.0.1', 'localhost'))
      expect(apis[0]?.routes).toContainEqual(
        expect.objectContaining({ path: '/hello', target: 'Hello' }),
      )

      expect((await fetch(`${cli.url}/hello?name=ana`)).status).toBe(200)
      const list = (await (await fetch(`${base}api/requests`)).json()) as Array<{
        requestId: string
        path: string
      }>
      expect(list.map((r) => r.path)).toEqual(['/hello'])
      const { log } = (await (await fetch(`${base}api/requests/${list[0]?.requestId}`)).json()) as {
        log: string
      }
      expect(log).toContain('Method request query string: {name=ana}')
      expect(log).toContain('Method completed with status: 200')

      // The config file's usage plans and keys.
      const usage = (await (await fetch(`${base}api/usage?api=0`)).json()) as unknown[]
      expect(usage.length).toBeGreaterThan(0)
    } finally {
      await cli.stop()
    }
  })

  it('--no-console serves no console', async () => {
    const cli = await serveCli(['api.yaml', '--no-console'])
    try {
      expect((await fetch(`${cli.url}/hello`)).status).toBe(200)
      expect(cli.stdout()).not.toMatch(CONSOLE_LINE)
    } finally {
      await cli.stop()
    }
  })
})
