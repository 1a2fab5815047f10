// `portico` as a user runs it: the built CLI in a child process, over real sockets.
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, runCli, serveCli } from './run-cli.js'

const NO_STACK = /^\s+at /m
const KEY = 'test-key-0123456789abcdef'

describe('portico: user mistakes get one line and an exit code, never a stack', () => {
  // [args, exit code, stderr pattern]
  const cases: Array<[string[], number, RegExp]> = [
    [['serve', 'api.yaml', '--bogus'], 2, /Unknown option '--bogus'.*--help/],
    [['serve', 'nope.yaml'], 2, /nope\.yaml: no such file \(the definition\)/],
    [['serve', '.'], 2, /\.: is a directory with no \.tf files; expected the definition file/],
    [['serve', 'api.yaml', '--var', 'foo'], 2, /--var expects name=value, got "foo"/],
    [['serve', 'api.yaml', '--port', 'abc'], 2, /--port expects a port number 0-65535, got "abc"/],
    [['serve', 'api.yaml', '--port', '70000'], 2, /--port expects a port number/],
    [['serve', 'api.yaml', '--log-format', 'xml'], 2, /--log-format is text or json/],
    [['serve'], 2, /needs a definition file/],
    [['frobnicate'], 2, /unknown command "frobnicate"/],
    [
      ['serve', 'api.yaml', '--config', 'missing.json'],
      2,
      /missing\.json: no such file \(the config\)/,
    ],
    [['serve', 'api.yaml', '--handlers', 'nothing.mjs'], 2, /nothing\.mjs: no such file/],
    [['serve', 'api.yaml', '--api', 'X'], 2, /--parameter-overrides and --api are for templates/],
  ]
  it.concurrent.each(cases)('portico %j exits %i', async (args, code, pattern) => {
    const result = await runCli(args)
    expect(result.code).toBe(code)
    expect(result.stderr).toMatch(pattern)
    expect(result.stderr).not.toMatch(NO_STACK)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('a syntax error in the handlers module names the file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-cli-'))
    copyFileSync(join(FIXTURES, 'api.yaml'), join(dir, 'api.yaml'))
    writeFileSync(join(dir, 'broken.mjs'), 'export async function Hello() {\n  return {\n}\n')
    const result = await runCli(['serve', 'api.yaml', '--handlers', 'broken.mjs'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^portico: broken\.mjs: syntax error at .*broken\.mjs:\d+: /)
    expect(result.stderr).not.toMatch(NO_STACK)
  })

  it('a bad config file names the file and the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-cli-'))
    copyFileSync(join(FIXTURES, 'api.yaml'), join(dir, 'api.yaml'))
    const bad: Array<[string, string, RegExp]> = [
      [
        'portico.config.json',
        '{"apiKeys":[{"id":"k","value":"short"}]}',
        /portico\.config\.json: apiKeys\[0\]\.value: must NOT have fewer than 20 characters/,
      ],
      [
        'portico.config.json',
        '{"stage":{"varibles":{}}, "stagez": 1}',
        /portico\.config\.json: stagez: unknown key/,
      ],
      [
        'portico.config.json',
        '{"usagePlans":[{"id":"p","quota":{"limit":1,"period":"YEAR"}}]}',
        /usagePlans\[0\]\.quota\.period: must be one of "DAY", "WEEK", "MONTH"/,
      ],
      ['portico.config.json', '{"apiKeys": [', /portico\.config\.json: .*JSON/],
      [
        'portico.config.yaml',
        'redis: http://nope',
        /portico\.config\.yaml: redis: must match pattern/,
      ],
    ]
    for (const [name, text, pattern] of bad) {
      writeFileSync(join(dir, name), text)
      const result = await runCli(['serve', 'api.yaml', '--config', name], dir)
      expect(result.code, result.stderr).toBe(1)
      expect(result.stderr).toMatch(pattern)
      expect(result.stderr).not.toMatch(NO_STACK)
    }
  })

  it('a busy port is named, with what to do', async () => {
    const blocker = createServer()
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok))
    const port = String((blocker.address() as { port: number }).port)
    try {
      const result = await runCli(['serve', 'api.yaml', '--port', port])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(new RegExp(`port ${port} is in use on 127.0.0.1 .*--port 0`))
      expect(result.stderr).not.toMatch(NO_STACK)
    } finally {
      blocker.close()
    }
  })
})

describe('portico --help and --version', () => {
  it('--version prints package.json version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    const result = await runCli(['--version'])
    expect(result).toMatchObject({ code: 0, stdout: `portico ${pkg.version}\n` })
  })

  it('serve --help lists every flag with its default', async () => {
    const result = await runCli(['serve', '--help'])
    expect(result.code).toBe(0)
    for (const flag of [
      'config',
      'handlers',
      'stage',
      'port',
      'host',
      'var',
      'api',
      'parameter-overrides',
      'log-format',
      'console-port',
      'no-console',
      'watch',
    ])
      expect(result.stdout).toMatch(new RegExp(`--${flag}\\b[^\\n]*\\n[^\\n]+\\n\\s+default: `))
    expect((await runCli(['--help'])).stdout).toMatch(/serve <definition>/)
  })
})

describe('portico serve with a config file', () => {
  it('uses API keys, usage plans and stage variables from portico.config.json in the cwd, logging each request', async () => {
    const cli = await serveCli(['api.yaml'])
    try {
      expect(cli.url).toMatch(/\/test$/)
      expect(await (await fetch(`${cli.url}/hello`)).json()).toEqual({ hello: 'configured' })
      expect((await fetch(`${cli.url}/keyed`)).status).toBe(403)
      expect((await fetch(`${cli.url}/keyed`, { headers: { 'x-api-key': KEY } })).status).toBe(200)
      await cli.waitFor(/GET \/keyed 200 [\d.]+ms AWS_PROXY Hello/, 'stdout')
      expect(cli.stdout()).toMatch(/GET \/hello 200 [\d.]+ms AWS_PROXY Hello\n/)
      expect(cli.stdout()).toMatch(/GET \/keyed 403 [\d.]+ms AWS_PROXY Hello INVALID_API_KEY\n/)
      // NO_COLOR: plain text.
      expect(cli.stdout()).not.toContain('\u001b[')
      // The missing handler is a startup warning; the configured key silences the key warning.
      expect(cli.stderr()).toMatch(/GET \/missing: no handler for Lambda function Nowhere/)
      expect(cli.stderr()).not.toMatch(/require.* an API key/)
    } finally {
      await cli.stop()
    }
  })

  it('--log-format json writes one JSON object per request', async () => {
    const cli = await serveCli(['api.yaml', '--log-format', 'json'])
    try {
      await fetch(`${cli.url}/hello?x=1`)
      await fetch(`${cli.url}/nowhere`)
      await cli.waitFor(/"path":"\/nowhere"/, 'stdout')
      const lines = cli
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line))
      expect(lines[0]).toMatchObject({
        method: 'GET',
        path: '/hello',
        resource: '/hello',
        stage: 'test',
        status: 200,
        integrationType: 'AWS_PROXY',
        integrationTarget: 'Hello',
        cache: null,
      })
      expect(typeof lines[0].latencyMs).toBe('number')
      expect(lines[1]).toMatchObject({
        status: 403,
        resource: null,
        errorType: 'MISSING_AUTHENTICATION_TOKEN',
      })
    } finally {
      await cli.stop()
    }
  })

  it('logs a throwing handler with its stack', async () => {
    const cli = await serveCli(['api.yaml'])
    try {
      expect((await fetch(`${cli.url}/boom`)).status).toBe(502)
      await cli.waitFor(
        /Lambda function Boom failed\n\s+Error: kaboom from the handler\n\s+at Boom \(.*handlers\.mjs:\d+:\d+\)/,
        'stderr',
      )
    } finally {
      await cli.stop()
    }
  })

  it('warns at startup about an unset stage variable and keyed routes without a key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-cli-'))
    copyFileSync(join(FIXTURES, 'api.yaml'), join(dir, 'api.yaml'))
    copyFileSync(join(FIXTURES, 'handlers.cjs'), join(dir, 'handlers.cjs'))
    const bare = await serveCli(['api.yaml', '--handlers', 'handlers.cjs'], { cwd: dir })
    try {
      await bare.waitFor(/no enabled key/, 'stderr')
      expect(bare.stderr()).toMatch(
        /stage variable backendHost is used by GET \/backend but stage dev does not set it/,
      )
      expect(bare.stderr()).toMatch(
        /GET \/keyed requires an API key, but no enabled key is in a usage plan for stage dev/,
      )
      expect(bare.stderr()).toMatch(/GET \/boom: no handler for Lambda function Boom/)
      // A CommonJS handlers module: exports by function name.
      expect(await (await fetch(`${bare.url}/hello`)).json()).toEqual({ hello: 'cjs' })
    } finally {
      await bare.stop()
    }
  })
})

describe('portico serve with a template', () => {
  it("uses the template's usage plan and key, printing the key's value", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-cli-'))
    writeFileSync(
      join(dir, 'template.yaml'),
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Api:',
        '    Type: AWS::Serverless::Api',
        '    Properties:',
        '      StageName: live',
        '      Auth:',
        '        ApiKeyRequired: true',
        '        UsagePlan: { CreateUsagePlan: PER_API, Quota: { Limit: 100, Period: DAY } }',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Runtime: nodejs20.x',
        '      Handler: index.handler',
        `      InlineCode: "exports.handler = async () => ({ statusCode: 200, body: 'tpl' })"`,
        '      Events:',
        '        Get: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /t, Method: get } }',
        '',
      ].join('\n'),
    )
    const cli = await serveCli(['template.yaml'], { cwd: dir })
    try {
      await cli.waitFor(/x-api-key: (\S+)/, 'stdout')
      const key = /x-api-key: (\S+)/.exec(cli.stdout())?.[1] as string
      expect(cli.url).toMatch(/\/live$/)
      expect((await fetch(`${cli.url}/t`)).status).toBe(403)
      const res = await fetch(`${cli.url}/t`, { headers: { 'x-api-key': key } })
      expect([res.status, await res.text()]).toEqual([200, 'tpl'])
      await cli.waitFor(/GET \/t 200 [\d.]+ms AWS_PROXY Fn/, 'stdout')
      expect(cli.stderr()).not.toMatch(/require.* an API key/)
    } finally {
      await cli.stop()
    }
  })
})

describe('portico serve: $default and --watch', () => {
  it("an HTTP API's $default stage is served, and printed, at the root", async () => {
    const cli = await serveCli(['http-api.yaml', '--stage', '$default'])
    try {
      expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(cli.stdout()).not.toContain('/$default')
      expect(cli.stdout()).toMatch(/GET\s+http:\/\/localhost:\d+\/hello\s+AWS_PROXY/)
      expect((await fetch(`${cli.url}/hello`)).status).toBe(200)
    } finally {
      await cli.stop()
    }
  })

  it('--watch reloads handlers and the definition, keeping quota state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-cli-'))
    copyFileSync(join(FIXTURES, 'api.yaml'), join(dir, 'api.yaml'))
    writeFileSync(
      join(dir, 'handlers.mjs'),
      'export const Hello = async () => ({ statusCode: 200, body: "v1" })\n',
    )
    writeFileSync(
      join(dir, 'portico.config.json'),
      JSON.stringify({
        handlers: './handlers.mjs',
        apiKeys: [{ id: 'k1', value: KEY }],
        usagePlans: [
          { id: 'p1', apiStages: [{ stage: 'dev' }], quota: { limit: 2, period: 'DAY' } },
        ],
        usagePlanKeys: [{ usagePlanId: 'p1', keyId: 'k1' }],
      }),
    )
    const cli = await serveCli(['api.yaml', '--watch'], { cwd: dir })
    try {
      await cli.waitFor(/watching/, 'stdout')
      expect(await (await fetch(`${cli.url}/hello`)).text()).toBe('v1')
      expect((await fetch(`${cli.url}/keyed`, { headers: { 'x-api-key': KEY } })).status).toBe(200)
      writeFileSync(
        join(dir, 'handlers.mjs'),
        'export const Hello = async () => ({ statusCode: 200, body: "v2" })\n',
      )
      await cli.waitFor(/reloaded/, 'stdout')
      expect(await (await fetch(`${cli.url}/hello`)).text()).toBe('v2')
      // The quota (2 a day) carries over the reload: one left, then 429.
      expect((await fetch(`${cli.url}/keyed`, { headers: { 'x-api-key': KEY } })).status).toBe(200)
      expect((await fetch(`${cli.url}/keyed`, { headers: { 'x-api-key': KEY } })).status).toBe(429)
      // A broken edit keeps the previous version serving.
      writeFileSync(join(dir, 'api.yaml'), 'openapi: 3.0.1\npaths: [\n')
      await cli.waitFor(/reload failed, still serving the previous version/, 'stderr')
      expect(await (await fetch(`${cli.url}/hello`)).text()).toBe('v2')
    } finally {
      await cli.stop()
    }
  })
})
