// AWS's execution log and test-invoke (issue 16 item 2). Line wording: src/observability/execution-log.ts,
// each row with a public AWS log it reproduces.
// https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeMethod.html
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { gateway, lines, START, texts } from './fixture.js'
import { createGateway, silentLogger } from '../../../src/index.js'
import {
  EXECUTION_LOG_LINES,
  formatLogMap,
  formatLogTime,
} from '../../../src/observability/index.js'
import { redactLogValue } from '../../../src/observability/execution-log.js'
import { lambdaUri } from '../../fixtures/mini-api.js'

describe('execution-log lines, row by row against the AWS logs they come from', () => {
  for (const [key, row] of Object.entries(EXECUTION_LOG_LINES)) {
    it(`${key}: ${row.example.text.slice(0, 60)} (${row.source.slice(0, 50)})`, () => {
      const format = row.format as (...args: readonly unknown[]) => string
      expect(format(...row.example.args)).toBe(row.example.text)
      expect(row.source.length).toBeGreaterThan(10)
    })
  }
  it('timestamps as Java Date.toString() in UTC (zero-padded day)', () => {
    expect(formatLogTime(START)).toBe('Mon Nov 30 16:04:53 UTC 2026')
    expect(formatLogTime(Date.UTC(2017, 4, 7, 5, 37, 15))).toBe('Sun May 07 05:37:15 UTC 2017')
  })
  it('maps as Java Map.toString(), long values truncated', () => {
    expect(formatLogMap({})).toBe('{}')
    expect(formatLogMap({ a: '1', b: ['2', '3'] })).toBe('{a=1, b=2,3}')
    const long = formatLogMap({ x: 'y'.repeat(2000) })
    expect(long.endsWith(' [TRUNCATED]')).toBe(true)
    expect(long.length).toBe(1000 + ' [TRUNCATED]'.length)
  })
})

describe('security: credentials in the execution log', () => {
  // AWS redacts authorization header and API key values in execution logs, keeping the last
  // 6 characters (`Authorization=****…aa6a3b` in a public 2019 test-invoke log).
  it('security: Authorization and x-api-key values are starred but for their last 6 characters', async () => {
    expect(redactLogValue('Bearer abcdef123456')).toBe('*************123456')
    expect(redactLogValue('abc')).toBe('***')
    const line = EXECUTION_LOG_LINES.methodRequestHeaders.format({
      Accept: '*/*',
      authorization: 'eyJhbGciOiJSUzI1NiJ9.secret.signature',
      'X-API-Key': ['alice-key-0123456789abcdef'],
    })
    expect(line).toBe(
      `Method request headers: {Accept=*/*, authorization=${'*'.repeat(31)}nature, X-API-Key=${'*'.repeat(20)}abcdef}`,
    )
    expect(EXECUTION_LOG_LINES.endpointRequestHeaders.format({ Authorization: 'AWS4 sig' })).toBe(
      'Endpoint request headers: {Authorization=**S4 sig}',
    )
    // Through a test-invoke: no header line shows the credentials (bodies are logged as they
    // are, as AWS does: a Lambda proxy event carries the headers).
    const g = gateway()
    const token = 'tok-0123456789-SECRET-abcdef'
    const result = await g.testInvoke({
      method: 'GET',
      pathWithQueryString: '/fn',
      headers: { Authorization: token, 'x-api-key': 'key-SECRET-0123456789' },
    })
    const headerLine = texts(result.log).find((l) => l.startsWith('Method request headers:'))
    expect(headerLine).toContain('Authorization=**********************abcdef')
    expect(headerLine).toContain('x-api-key=***************456789')
    expect(headerLine).not.toContain('SECRET')
  })
})

describe('gateway.testInvoke', () => {
  it('VTL route: the log shows the bodies before and after each transformation, in AWS order', async () => {
    const result = await gateway().testInvoke({
      method: 'POST',
      pathWithQueryString: '/pets/7?x=1',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name": "Rex"}',
      stageVariables: { v: 'two' },
    })
    expect(result.status).toBe(200)
    expect(JSON.parse(result.body)).toEqual({ pet: '7', stage: 'test-invoke-stage', v: 'two' })
    expect(result.headers).toEqual({ 'Content-Type': 'application/json' })
    expect(result.multiValueHeaders).toEqual({ 'Content-Type': ['application/json'] })
    expect(result.latency).toBe(0)
    const all = lines(result.log)
    expect(all[0]).toMatch(/^Execution log for request [0-9a-f-]{36}$/)
    for (const l of all.slice(1)) expect(l.startsWith('Mon Nov 30 16:04:53 UTC 2026 : ')).toBe(true)
    expect(texts(result.log)).toEqual([
      expect.stringMatching(/^Starting execution for request: /),
      'HTTP Method: POST, Resource Path: /pets/{id}',
      'Method request path: {id=7}',
      'Method request query string: {x=1}',
      'Method request headers: {Content-Type=application/json}',
      'Method request body before transformations: {"name": "Rex"}',
      'Endpoint request body after transformations: {"statusCode": 200, "id": "7", "name": "Rex"}',
      'Endpoint response body before transformations: ',
      'Method response body after transformations: {"pet": "7", "stage": "test-invoke-stage", "v": "two"}',
      'Method response headers: {Content-Type=application/json}',
      'Successfully completed execution',
      'Method completed with status: 200',
    ])
  })

  it('skips the authorizer and the API key, as AWS test-invoke does', async () => {
    const g = gateway()
    expect((await g.invoke({ method: 'GET', path: '/fn' })).statusCode).toBe(401)
    const result = await g.testInvoke({ method: 'GET', pathWithQueryString: '/fn' })
    expect(result.status).toBe(200)
    expect(result.body).toBe('hi')
    const t = texts(result.log)
    expect(t).toContain(
      'Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Fn/invocations',
    )
    expect(
      t.some((l) => l.startsWith('Endpoint request body after transformations: {"resource":"/fn"')),
    ).toBe(true)
    expect(t).toContain('Received response. Status: 200, Integration latency: 0 ms')
    expect(t).toContain(
      'Endpoint response body before transformations: {"statusCode":200,"headers":{"Content-Type":"text/plain"},"body":"hi"}',
    )
    expect(t.at(-1)).toBe('Method completed with status: 200')
  })

  it('a failing Lambda: customer function error, 502', async () => {
    const result = await gateway().testInvoke({ method: 'GET', pathWithQueryString: '/broken' })
    expect(result.status).toBe(502)
    const t = texts(result.log)
    expect(t.slice(-4)).toEqual([
      'Endpoint response headers: {Content-Type=application/json, x-amzn-RequestId=' +
        t[0]!.slice('Starting execution for request: '.length) +
        ', X-Amz-Executed-Version=$LATEST, X-Amz-Function-Error=Unhandled}',
      'Endpoint response body before transformations: {"errorType":"Error","errorMessage":"kaput"}',
      `Lambda execution failed with status 200 due to customer function error: kaput. Lambda request id: ${t[0]!.slice('Starting execution for request: '.length)}`,
      'Method completed with status: 502',
    ])
    expect(t).not.toContain('Successfully completed execution')
  })

  it('HTTP APIs have no test-invoke (as in AWS)', async () => {
    const http = createGateway({
      api: {
        openapi: '3.0.1',
        info: { title: 'h', version: '1' },
        paths: {
          $default: {
            'x-amazon-apigateway-any-method': {
              'x-amazon-apigateway-integration': {
                type: 'aws_proxy',
                uri: lambdaUri('Fn'),
                payloadFormatVersion: '2.0',
              },
            },
          },
        },
      },
      lambdas: { Fn: async () => ({ statusCode: 200 }) },
      logger: silentLogger,
    })
    await expect(http.testInvoke({ method: 'GET' })).rejects.toThrow(/REST APIs only/)
  })
})

describe('the docstring example of Gateway.testInvoke runs', () => {
  it('as written in src/gateway-types.ts', async () => {
    const source = readFileSync(new URL('../../../src/gateway-types.ts', import.meta.url), 'utf8')
    const doc = source.slice(source.indexOf("AWS's `TestInvokeMethod`"))
    const code = /```ts\n([\s\S]*?)```/
      .exec(doc)![1]!
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''))
      .filter((l) => !/^result\.\S+.*\/\/ /.test(l))
      .join('\n')
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<{ status: number; log: string }>
    const run = new AsyncFunction('createGateway', 'silentLogger', `${code}\nreturn result`)
    const result = await run(createGateway, silentLogger)
    expect(result.status).toBe(200)
    expect(result.log.includes('Method completed with status: 200')).toBe(true)
  })
})

describe('HTTP integration lines, against a real local backend', () => {
  it('URI, headers, body after transformations, status and latency', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Backend': 'yes' })
      res.end('{"ok":true}')
    })
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    const port = (server.address() as AddressInfo).port
    try {
      const g = createGateway({
        api: {
          openapi: '3.0.1',
          info: { title: 'h', version: '1' },
          paths: {
            '/items': {
              post: {
                responses: { 201: { description: 'made' } },
                'x-amazon-apigateway-integration': {
                  type: 'http',
                  httpMethod: 'POST',
                  uri: `http://127.0.0.1:${port}/backend`,
                  requestTemplates: { 'application/json': '{"wrapped": $input.json(\'$\')}' },
                  responses: {
                    default: {
                      statusCode: '201',
                      responseTemplates: { 'application/json': '{"made": $input.json(\'$.ok\')}' },
                    },
                  },
                },
              },
            },
          },
        },
        logger: silentLogger,
      })
      const result = await g.testInvoke({
        method: 'POST',
        pathWithQueryString: '/items',
        headers: { 'Content-Type': 'application/json' },
        body: '{"a":1}',
      })
      expect(result.status).toBe(201)
      expect(result.body).toBe('{"made": true}')
      const t = texts(result.log)
      const at = (prefix: string) => t.findIndex((l) => l.startsWith(prefix))
      expect(t[at('Endpoint request URI: ')]).toBe(
        `Endpoint request URI: http://127.0.0.1:${port}/backend`,
      )
      expect(t[at('Endpoint request body after transformations: ')]).toBe(
        'Endpoint request body after transformations: {"wrapped": {"a":1}}',
      )
      expect(t[at('Received response. ')]).toMatch(
        /^Received response\. Status: 201, Integration latency: \d+ ms$/,
      )
      expect(t[at('Endpoint response headers: ')]).toMatch(/x-backend=yes/)
      expect(t[at('Endpoint response body before transformations: ')]).toBe(
        'Endpoint response body before transformations: {"ok":true}',
      )
      expect(t[at('Method response body after transformations: ')]).toBe(
        'Method response body after transformations: {"made": true}',
      )
      const order = [
        'Method request body before',
        'Endpoint request URI',
        'Endpoint request headers',
        'Endpoint request body after',
        'Sending request to',
        'Received response',
        'Endpoint response headers',
        'Endpoint response body before',
        'Method response body after',
        'Method response headers',
        'Successfully completed execution',
        'Method completed with status: 201',
      ].map(at)
      expect(order.every((i) => i >= 0)).toBe(true)
      expect([...order].sort((x, y) => x - y)).toEqual(order)
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()))
    }
  })
})

describe('AWS service integration lines', () => {
  it('the rendered request template is the endpoint request body', async () => {
    const g = createGateway({
      api: {
        openapi: '3.0.1',
        info: { title: 'q', version: '1' },
        paths: {
          '/queue': {
            post: {
              responses: { 200: { description: 'ok' } },
              'x-amazon-apigateway-integration': {
                type: 'aws',
                httpMethod: 'POST',
                uri: 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/jobs',
                requestParameters: {
                  'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'",
                },
                requestTemplates: {
                  'application/json': 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)',
                },
                responses: { default: { statusCode: '200' } },
              },
            },
          },
        },
      },
      services: { sqs: async () => ({ statusCode: 200, body: '<SendMessageResponse/>' }) },
      logger: silentLogger,
    })
    const result = await g.testInvoke({
      method: 'POST',
      pathWithQueryString: '/queue',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
    })
    expect(result.status).toBe(200)
    const t = texts(result.log)
    expect(t).toContain(
      'Endpoint request URI: https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
    )
    expect(t).toContain(
      'Endpoint request body after transformations: Action=SendMessage&MessageBody=%7B%22a%22%3A1%7D',
    )
    expect(
      t.some((l) => /^Received response\. Status: 200, Integration latency: \d+ ms$/.test(l)),
    ).toBe(true)
    expect(t).toContain('Endpoint response body before transformations: <SendMessageResponse/>')
  })
})
