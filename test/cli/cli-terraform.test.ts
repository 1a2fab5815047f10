// `portico serve <directory of .tf files>` (issue 17 item 1): every API of the Terraform root
// module over real sockets, the handler found through archive_file; diagnostics on stderr;
// --tf-var, --strict and the flags that are for Terraform only.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { runCli, serveCli } from './run-cli.js'

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/terraform/${name}`, import.meta.url))

describe('portico serve <terraform directory>', () => {
  it('serves the REST API with the handler on disk, and says which route is disabled', async () => {
    const cli = await serveCli(['.'], {
      cwd: fixture('rest-archive'),
      env: { TF_VAR_greeting: 'hi' },
    })
    try {
      const res = await fetch(`${cli.url}/people/ada`)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ name: 'ada', stage: 'dev', greeting: 'hello' })
      expect(cli.url).toMatch(/\/dev$/)
      await cli.waitFor(/\[unset-variable\].*legacy_arn.*disabled: POST \//, 'stderr')
      expect((await fetch(`${cli.url}/`, { method: 'POST' })).status).toBe(403)
    } finally {
      await cli.stop()
    }
  })

  it('serves the shipped examples/terraform as its README says', async () => {
    const example = fileURLToPath(new URL('../../examples/terraform', import.meta.url))
    const cli = await serveCli(['.', '--tf-var', 'greeting=Hey'], { cwd: example })
    try {
      expect(cli.url).toMatch(/\/local$/)
      const pet = await fetch(`${cli.url}/pets/1`)
      expect(pet.status).toBe(200)
      await cli.waitFor(/portico-example-http \(HTTP\) at/, 'stdout')
      const hello = /portico-example-http \(HTTP\) at (http:\/\/\S+)/.exec(cli.stdout())
      expect(hello).not.toBeNull()
      const res = await fetch(`${(hello as RegExpExecArray)[1] as string}/hello?name=Ada`)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('Hey')
    } finally {
      await cli.stop()
    }
  })

  it('--tf-var sets a variable: the disabled route is served', async () => {
    const cli = await serveCli(
      [fixture('rest-archive'), '--tf-var', 'legacy_arn=legacy', '--tf-var', 'stage=qa'],
      { cwd: fixture('http-ws') },
    )
    try {
      expect(cli.url).toMatch(/\/qa$/)
      expect(cli.stdout()).toMatch(/POST\s+\S*\/qa\/?\s/)
      expect(cli.stderr()).not.toMatch(/unset-variable/)
    } finally {
      await cli.stop()
    }
  })

  it('serves the HTTP API and the WebSocket API of a directory, each on its port', async () => {
    const cli = await serveCli(['.'], { cwd: fixture('http-ws') })
    try {
      const res = await fetch(`${cli.url}/hello`)
      expect([res.status, await res.json()]).toEqual([
        200,
        { route: 'GET /hello', stage: '$default' },
      ])
      await cli.waitFor(/aws_apigatewayv2_api\.ws \(WEBSOCKET\) at ws:\/\/\S+/, 'stdout')
      const wsUrl = (/\(WEBSOCKET\) at (ws:\/\/\S+)/.exec(cli.stdout()) as RegExpExecArray)[1]
      const client = new WebSocket((wsUrl as string).replace('localhost', '127.0.0.1'))
      await new Promise<void>((ok, fail) => {
        client.once('open', () => ok())
        client.once('error', fail)
      })
      const reply = new Promise<string>((ok) => client.once('message', (data) => ok(String(data))))
      client.send(JSON.stringify({ action: 'echo' }))
      expect(JSON.parse(await reply)).toEqual({ route: 'echo', stage: 'prod' })
      client.close()
    } finally {
      await cli.stop()
    }
  })

  it('--strict fails on an error diagnostic, naming the variable and the fix', async () => {
    const { code, stderr } = await runCli([
      'serve',
      fixture('rest-archive'),
      '--strict',
      '--port',
      '0',
    ])
    expect(code).toBe(1)
    expect(stderr).toMatch(
      /aws_api_gateway_integration\.legacy: .*\[unset-variable\].*pass -var 'legacy_arn=value'/,
    )
  })

  it('Terraform flags on a file are a usage error', async () => {
    const { code, stderr } = await runCli(['serve', 'api.yaml', '--tf-var', 'a=b'])
    expect([code, stderr]).toEqual([2, expect.stringMatching(/are for a Terraform directory/)])
  })
})
