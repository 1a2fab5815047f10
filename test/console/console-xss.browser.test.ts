// xss: request data shown by the console (path, headers, bodies in execution logs, the Test
// form's answer, the API's title) is text, never markup. Each payload, if
// parsed as HTML, would add an <img> and set a window flag; Chromium must show neither.
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createConsole, type PorticoConsole } from '../../src/console/index.js'
import { createGateway, silentLogger, type Gateway } from '../../src/index.js'
import { toNodeHandler } from '../../src/node.js'

const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const payload = (where: string): string =>
  `<img src=x class=pwn onerror="window.__xss=(window.__xss||[]).concat('${where}')">`

/** A path payload without spaces, so it can be sent unescaped. */
const PATH_PAYLOAD = "<img/src=x/class=pwn/onerror=window.__xss=['path']>"

/** POSTs the body payload with a raw path (fetch would escape it). */
function send(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    const { hostname, port } = new URL(url)
    const req = request({ hostname, port, path, method: 'POST', headers }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString()))
      res.on('end', () => ok({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', fail)
    req.end(payload('body'))
  })
}

let browser: Browser
let server: Server
let web: PorticoConsole
let url = ''

beforeAll(async () => {
  const gateways: Gateway[] = []
  web = createConsole({ gateways })
  const echo = {
    responses: { 200: { description: 'ok' } },
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      responses: {
        default: {
          statusCode: '200',
          responseParameters: { 'method.response.header.X-Echo': 'method.request.header.X-Evil' },
          responseTemplates: { 'application/json': "$input.body $input.params('q')" },
        },
      },
    },
  }
  gateways.push(
    createGateway({
      api: {
        openapi: '3.0.1',
        info: { title: payload('title'), version: '1' },
        paths: {
          '/{proxy+}': {
            post: {
              ...echo,
              responses: {
                200: {
                  description: 'ok',
                  headers: { 'X-Echo': { schema: { type: 'string' } } },
                },
              },
            },
          },
        },
      },
      stage: {
        name: 'dev',
        methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } },
      },
      logger: silentLogger,
      recordExecutionLog: true,
      onRequestComplete: web.onRequestComplete,
    }),
  )
  const api = toNodeHandler(gateways[0] as Gateway, { stagePrefix: true })
  server = createServer((req, res) => {
    if (!web.handle(req, res)) void api(req, res)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] })
}, 30_000)

afterAll(async () => {
  await browser?.close()
  web?.close()
  if (server)
    await new Promise<void>((ok) => {
      server.close(() => ok())
      server.closeAllConnections()
    })
})

it('xss: paths, headers, bodies, and API titles are shown as text', async () => {
  const page = await browser.newPage()
  await page.goto(`${url}/_portico/`)
  await page.waitForSelector('body[data-ready="true"]')
  await page.click('#tabs button[data-tab="requests"]')
  // The path as the client wrote it, unescaped (a browser would escape it; curl need not).
  const res = await send(`/dev/${PATH_PAYLOAD}?q=${encodeURIComponent(payload('query'))}`, {
    'Content-Type': 'application/json',
    'X-Evil': payload('header'),
  })
  expect(res.status).toBe(200)
  expect(res.text).toContain(payload('query'))
  const row = page.locator('#request-rows tr.request').first()
  await expect.poll(() => row.count()).toBe(1)
  expect(await row.locator('td').nth(2).textContent()).toBe(`/${PATH_PAYLOAD}`)
  await row.click()
  const log = page.locator('#request-rows tr.log-row pre')
  await expect.poll(() => log.textContent()).toContain('Method completed with status: 200')
  expect(await log.textContent()).toContain(payload('header'))
  expect(await log.textContent()).toContain(payload('body'))

  // The Test form shows the answer's body, headers and log.
  await page.click('#tabs button[data-tab="test"]')
  await page.selectOption('#test-method', 'POST')
  await page.fill(
    '#test-path',
    `/${payload('test path')}?q=${encodeURIComponent(payload('test query'))}`,
  )
  await page.fill('#test-headers', `X-Evil: ${payload('test header')}`)
  await page.fill('#test-body', payload('test body'))
  await page.click('#test-run')
  await page.waitForSelector('#test-result:not([hidden])')
  expect(await page.textContent('#test-response-body')).toContain(payload('test query'))
  expect(await page.textContent('#test-log')).toContain(payload('test body'))
  expect(await page.textContent('#test-response-headers')).toContain(payload('test header'))
  expect(await page.textContent('#test-log')).toContain(payload('test path'))

  await page.click('#tabs button[data-tab="routes"]')
  expect(await page.textContent('#api')).toContain(payload('title'))

  // No payload became an element, and none ran.
  await page.waitForTimeout(200)
  expect(await page.locator('img.pwn').count()).toBe(0)
  expect(await page.evaluate(() => (globalThis as { __xss?: string[] }).__xss)).toBeUndefined()
  await page.close()
}, 30_000)
