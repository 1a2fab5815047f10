// Screenshots of the web console for the docs (docs/images/console-*.png): the PetStore example
// with the console, some traffic, then each tab in Debian's chromium (playwright-core).
// Run after `npm run build`: node scripts/console-screenshots.mjs
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { chromium } from 'playwright-core'
import { createGateway, silentLogger } from '../dist/index.js'
import { toNodeHandler } from '../dist/node.js'
import { createConsole } from '../dist/console/index.js'
import { startBackend } from '../examples/petstore/backend.js'
import * as handlers from '../examples/petstore/handlers.js'

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms))
const backend = await startBackend()
const gateways = []
const web = createConsole({
  gateways: () => gateways.map((gateway) => ({ gateway, invokeUrl: `${base}/dev` })),
  metricsIntervalMs: 1000,
})
const gateway = createGateway({
  api: readFileSync('examples/petstore/api.yaml', 'utf8'),
  stage: { name: 'dev', variables: { backend: backend.host } },
  lambdas: { ...handlers },
  logger: silentLogger,
  recordExecutionLog: true,
  onRequestComplete: web.onRequestComplete,
})
gateways.push(gateway)
const api = toNodeHandler(gateway)
const server = createServer((req, res) => web.handle(req, res) || api(req, res))
await new Promise((ok) => server.listen(0, '127.0.0.1', ok))
const base = `http://localhost:${server.address().port}`

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
})
const page = await browser.newPage({ viewport: { width: 1280, height: 760 } })
await page.goto(`${base}/_portico/`)
await page.waitForSelector('#live.on')
await page.screenshot({ path: 'docs/images/console-routes.png' })

// Traffic over a few seconds, so the charts have points.
const paths = ['/pets', '/pets?type=dog', '/pets/1', '/pets/2', '/pets/1/health', '/nowhere']
for (let second = 0; second < 12; second++) {
  for (let i = 0; i < 4 + (second % 5); i++) {
    const path = paths[(second * 3 + i) % paths.length]
    await fetch(`${base}/dev${path}`)
  }
  if (second % 4 === 0)
    await fetch(`${base}/dev/pets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'cat', price: 19.5 }),
    })
  await sleep(1000)
}

await page.click('#tabs button[data-tab="requests"]')
await page.locator('#request-rows tr.request', { hasText: '/pets' }).nth(1).click()
await page.waitForFunction("document.querySelector('tr.log-row pre')?.textContent !== 'loading…'")
await page.screenshot({ path: 'docs/images/console-requests.png' })

await page.click('#tabs button[data-tab="routes"]')
await page.locator('#route-rows tr', { hasText: 'MOCK' }).first().click()
await page.click('#test-run')
await page.waitForSelector('#test-result:not([hidden])')
await page.screenshot({ path: 'docs/images/console-test.png', fullPage: false })

await page.click('#tabs button[data-tab="metrics"]')
await page.waitForSelector('#charts .uplot canvas')
await sleep(300)
await page.screenshot({ path: 'docs/images/console-metrics.png' })

await browser.close()
web.close()
server.close()
server.closeAllConnections()
backend.server.close()
console.log('docs/images/console-{routes,requests,test,metrics}.png')
