// The console in a real Chromium (Debian's package, driven by playwright-core): the route table,
// the live request log and an execution log, a Test-form invoke of a VTL route, the charts and
// usage per key. .ci/run installs chromium when missing (scripts/ensure-chromium.sh); without it
// this test fails rather than skips.
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEY_VALUE, serveWithConsole, type Served } from './fixture.js'

/** The part of a canvas element the chart check reads (the test type-checks without DOM types). */
interface Canvas {
  width: number
  height: number
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> }
  }
}

const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

let browser: Browser
let served: Served
let page: Page
const pageErrors: string[] = []

beforeAll(async () => {
  served = await serveWithConsole({ metricsIntervalMs: 1000 })
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] })
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text())
  })
}, 30_000)

afterAll(async () => {
  await browser?.close()
  await served?.close()
})

describe('the console in Chromium', () => {
  it('shows the route table, the live log, execution logs, Test, charts and usage', async () => {
    await page.goto(`${served.url}/_portico/`)
    await page.waitForSelector('body[data-ready="true"]')

    // Routes: integration type, target and authorization per route.
    const routes = page.locator('#route-rows tr')
    await expect.poll(() => routes.count()).toBe(5)
    const proxy = page.locator('#route-rows tr', { hasText: '/pets/{id}' })
    expect(await proxy.locator('td').allTextContents()).toEqual([
      'GET',
      '/pets/{id}',
      'AWS_PROXY',
      'GetPet',
      'NONE',
      '',
    ])
    await page.waitForSelector('#live.on')

    // Requests to the API appear live (server-sent events).
    await page.click('#tabs button[data-tab="requests"]')
    await fetch(`${served.url}/dev/pets?type=cat`)
    await fetch(`${served.url}/dev/pets/7`)
    await fetch(`${served.url}/dev/broken`)
    for (let i = 0; i < 3; i++)
      await fetch(`${served.url}/dev/report`, { headers: { 'x-api-key': KEY_VALUE } })
    const rows = page.locator('#request-rows tr.request')
    await expect.poll(() => rows.count()).toBe(6)
    expect(await rows.first().locator('td').nth(2).textContent()).toBe('/report')
    expect(await page.locator('#request-count').textContent()).toBe('6')

    // One expands to its execution log.
    await page.locator('#request-rows tr.request', { hasText: '/pets' }).last().click()
    const log = page.locator('#request-rows tr.log-row pre')
    await expect.poll(() => log.textContent()).toContain('Method request query string: {type=cat}')
    expect(await log.textContent()).toContain('Method completed with status: 200')

    // Test form: a MOCK route's VTL, with a stage variable, and its execution log.
    await page.click('#tabs button[data-tab="routes"]')
    await page.locator('#route-rows tr', { hasText: '/report' }).click()
    expect(await page.locator('#test').isVisible()).toBe(true)
    expect(await page.inputValue('#test-path')).toBe('/report')
    await page.fill('#test-path', '/report?verbose=1')
    await page.fill('#test-variables', 'owner=bo')
    await page.click('#test-run')
    await page.waitForSelector('#test-result:not([hidden])')
    expect(await page.textContent('#test-status')).toBe('200')
    expect(JSON.parse((await page.textContent('#test-response-body')) ?? '')).toEqual({
      report: 'bo',
    })
    const testLog = (await page.textContent('#test-log')) ?? ''
    expect(testLog).toContain('Method request query string: {verbose=1}')
    expect(testLog).toContain('Method completed with status: 200')

    // Charts: uPlot drew each of the four with data.
    await page.click('#tabs button[data-tab="metrics"]')
    await page.waitForSelector('#charts .uplot canvas')
    const charts = await page.$$eval('#charts .uplot', (plots) =>
      plots.map((plot) => {
        const canvas = plot.querySelector('canvas') as unknown as Canvas
        const title = plot.querySelector('.u-title')?.textContent ?? ''
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
        let painted = 0
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] as number) > 0) painted++
        return { title, width: canvas.width, height: canvas.height, painted }
      }),
    )
    expect(charts.map((c) => c.title)).toEqual([
      'Count, 4XXError, 5XXError',
      'Latency (ms)',
      'IntegrationLatency (ms)',
      'CacheHitCount, CacheMissCount',
    ])
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(100)
      expect(chart.height).toBeGreaterThan(100)
      expect(chart.painted).toBeGreaterThan(0)
    }
    // The Count series holds the six requests (the test invoke is not counted, as in AWS).
    const counted = await page.evaluate(async () => {
      const res = await fetch('api/metrics?api=0')
      const body = (await res.json()) as { points: Array<{ Count: number }> }
      return body.points.reduce((n, p) => n + p.Count, 0)
    })
    expect(counted).toBe(6)

    // Usage per key: three requests of the quota of 100.
    await page.click('#tabs button[data-tab="usage"]')
    const usage = page.locator('#usage-rows tr.usage[data-key-id="k1"] td')
    await expect.poll(() => usage.count()).toBe(6)
    expect(await usage.allTextContents()).toEqual([
      'Gold',
      'ana (k1)',
      '100 per DAY',
      '3',
      '3 ',
      '97',
    ])

    expect(pageErrors).toEqual([])
  }, 30_000)
})
