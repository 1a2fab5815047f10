// Handlers from the template, as `sam local start-api` runs them, in process: CodeUri + Handler
// (ESM, CommonJS callback style, nested paths), InlineCode / Code.ZipFile, Environment (with
// Globals), Timeout, MemorySize; stand-ins in options.lambdas; non-Node runtimes.
// Fixture: test/fixtures/templates/sam-basic.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createGateway, importTemplate } from '../../../src/index.js'
import { FakeClock, createRecordingLogger } from '../../../src/testing/index.js'
import { serveTemplate } from '../../../src/cli/serve-template.js'

const dir = fileURLToPath(new URL('../../fixtures/templates/sam-basic/', import.meta.url))
const template = readFileSync(`${dir}template.yaml`, 'utf8')

describe('sam-basic fixture', () => {
  const logger = createRecordingLogger()
  const clock = new FakeClock(Date.UTC(2026, 0, 1))
  const gateway = createGateway({
    api: template,
    baseDir: dir,
    logicalId: 'ServerlessRestApi',
    logger,
    clock,
  })

  it('loads an ES module handler at first invoke, with the function environment (Globals merged)', async () => {
    const res = await gateway.invoke({ method: 'GET', path: '/items/7' })
    expect(res.statusCode).toBe(200)
    expect(JSON.parse(res.body)).toEqual({
      resource: '/items/{id}',
      id: '7',
      stage: 'Prod',
      functionName: 'ItemsFunction',
      memory: '256',
      greeting: 'hello',
      table: 'portico-items-test',
      mode: 'sandbox',
      seenAtLoad: 'portico-items-test',
    })
  })

  it('ends an invocation at the function Timeout: 502, as AWS answers for a failed Lambda', async () => {
    const pending = gateway.invoke({ method: 'GET', path: '/slow' })
    // The module loads (a real import) before the function's clock starts: wait for its timer
    // next to the integration's.
    while (clock.pendingTimers < 2) await new Promise((resolve) => setTimeout(resolve, 5))
    await clock.advance(1000)
    const res = await pending
    expect([res.statusCode, res.body]).toEqual([502, '{"message":"Internal server error"}'])
    expect(
      logger.entries.some(
        (e) => e.level === 'error' && e.message.includes('Task timed out after 1.00 seconds'),
      ),
    ).toBe(true)
  })

  it('warns once at creation about a function that cannot run, and answers 502 when invoked', async () => {
    expect(logger.entries.filter((e) => e.level === 'warn').map((e) => e.message)).toEqual([
      'function PythonFunction cannot run in Portico: runtime python3.12 is not Node.js; invoking it fails as a Lambda error (give a stand-in in options.lambdas)',
    ])
    expect((await gateway.invoke({ method: 'GET', path: '/py' })).statusCode).toBe(502)
  })

  it('runs a CommonJS callback-style handler behind the HTTP API (payload 2.0)', async () => {
    const http = createGateway({
      api: template,
      baseDir: dir,
      logicalId: 'ServerlessHttpApi',
      logger,
    })
    const res = await http.invoke({ method: 'GET', path: '/hello' })
    expect([res.statusCode, res.body]).toEqual([200, 'hi from LegacyFunction (2.0, GET /hello)'])
  })

  it('takes stand-ins by logical id instead of the template code', async () => {
    const stand = createGateway({
      api: template,
      baseDir: dir,
      logicalId: 'ServerlessRestApi',
      logger,
      parameters: { Stage: 'prod' },
      lambdas: { PythonFunction: async () => ({ statusCode: 201, body: 'stand-in' }) },
    })
    expect((await stand.invoke({ method: 'GET', path: '/py' })).statusCode).toBe(201)
  })

  it('lists the functions as importTemplate reads them', () => {
    const { functions } = importTemplate(template, { baseDir: dir })
    expect(
      functions.map((f) => [f.logicalId, f.runtime, f.handler, f.timeout, f.memorySize]),
    ).toEqual([
      ['ItemsFunction', 'nodejs20.x', 'app.items', 2, 256],
      ['LegacyFunction', 'nodejs20.x', 'legacy.handler', 2, 256],
      ['SlowFunction', 'nodejs20.x', 'app.slow', 1, 256],
      ['PythonFunction', 'python3.12', 'app.handler', 2, 256],
    ])
    expect(functions[0]?.codeUri).toBe(`${dir}src`)
  })

  it('portico serve starts one server per API with its stage URL', async () => {
    const servers = await serveTemplate({ templateFile: `${dir}template.yaml`, port: 0, logger })
    try {
      expect(servers.map((s) => s.invokeUrl.replace(/:\d+/, ':PORT'))).toEqual([
        'http://localhost:PORT/Prod',
        'http://localhost:PORT',
      ])
      const res = await fetch(`${servers[1]?.invokeUrl}/hello`)
      expect(await res.text()).toBe('hi from LegacyFunction (2.0, GET /hello)')
    } finally {
      await Promise.all(servers.map((s) => s.close()))
    }
  })
})

describe('inline code and nested handlers', () => {
  const inline = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        swagger: "2.0"
        info: { title: inline }
        paths:
          /inline: { get: { x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Inline.Arn}/invocations" } } }
          /nested: { get: { x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Nested.Arn}/invocations" } } }
  Stage: { Type: AWS::ApiGateway::Stage, Properties: { RestApiId: !Ref Api, StageName: live } }
  Inline:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code:
        ZipFile: |
          const path = require('node:path')
          exports.handler = async (event) => ({ statusCode: 200, body: path.basename(event.path) })
  Nested:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, CodeUri: src, Handler: handlers/nested.routes.echo }
`
  it('runs Code.ZipFile as CommonJS index.js and finds handlers/nested.routes.echo', async () => {
    const gateway = createGateway({ api: inline, baseDir: dir, logger: createRecordingLogger() })
    expect(gateway.stage.name).toBe('live')
    expect((await gateway.invoke({ method: 'GET', path: '/inline' })).body).toBe('inline')
    expect((await gateway.invoke({ method: 'GET', path: '/nested' })).body).toBe('echo /nested')
  })
})
