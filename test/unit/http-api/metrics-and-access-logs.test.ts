// HTTP API (v2) metrics with AWS's HTTP API names (Count, 4xx, 5xx, Latency, IntegrationLatency,
// DataProcessed) and access logs from accessLogSettings.format, on the fake clock.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type RequestMetrics } from '../../../src/index.js'
import { FakeClock, seededRandom } from '../../../src/testing/index.js'

const lambda = (name: string) => ({
  'x-amazon-apigateway-integration': {
    payloadFormatVersion: '2.0',
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    connectionType: 'INTERNET',
  },
})

const exported = {
  openapi: '3.0.1',
  info: { title: 'pets-http', version: '1' },
  paths: { '/pets': { get: lambda('Ok'), post: lambda('Ok') }, '/boom': { get: lambda('Boom') } },
  'x-amazon-apigateway-importexport-version': '1.0',
}

const FORMAT =
  '$context.requestId $context.httpMethod $context.path $context.routeKey $context.status ' +
  '$context.protocol $context.responseLength $context.identity.sourceIp [$context.requestTime] ' +
  '$context.integrationLatency $context.integrationStatus "$context.integrationErrorMessage" ' +
  '$context.stage $stageVariables.color'

function setup(options: { format?: string; sink?: boolean; listener?: boolean } = {}) {
  const clock = new FakeClock(Date.UTC(2026, 10, 21, 6, 19, 0))
  const lines: string[] = []
  const emitted: RequestMetrics[] = []
  const gateway = createGateway({
    api: exported,
    apiId: 'h77abc',
    stage: {
      name: 'prod',
      variables: { color: 'blue' },
      ...(options.format !== undefined
        ? { accessLogSettings: { format: options.format, destinationArn: 'arn:aws:logs:x' } }
        : {}),
    },
    clock,
    random: seededRandom(1),
    lambdas: {
      Ok: async () => {
        await clock.advance(25) // the integration takes 25 ms
        return { statusCode: 200, body: 'hello' }
      },
      Boom: async () => {
        await clock.advance(10)
        throw new Error('kaboom')
      },
    },
    ...(options.listener === false ? {} : { onMetrics: (m: RequestMetrics) => emitted.push(m) }),
    ...(options.sink === false ? {} : { accessLog: (line: string) => lines.push(line) }),
    logger: silentLogger,
  })
  const run = async () => {
    const ok = await gateway.invoke(
      { method: 'POST', path: '/pets', body: 'abc' },
      { stage: 'prod' },
    )
    const missing = await gateway.invoke({ method: 'GET', path: '/nowhere' }, { stage: 'prod' })
    const failed = await gateway.invoke({ method: 'GET', path: '/boom' }, { stage: 'prod' })
    return { ok, missing, failed }
  }
  return { gateway, lines, emitted, run }
}

describe('HTTP API metrics', () => {
  it('counts per stage and per route with the HTTP API names', async () => {
    const { gateway, run } = setup()
    const { ok, missing, failed } = await run()
    expect([ok.statusCode, missing.statusCode, failed.statusCode]).toEqual([200, 404, 500])
    const { stage, methods } = gateway.metrics()
    const bytes = 3 + 5 + missing.body.length + failed.body.length
    expect(stage).toMatchObject({
      ApiName: 'pets-http',
      Stage: 'prod',
      Count: 3,
      '4xx': 1,
      '5xx': 1,
      DataProcessed: bytes,
      // The REST names stay in the shape, with the same counts.
      '4XXError': 1,
      '5XXError': 1,
      CacheHitCount: 0,
      CacheMissCount: 0,
      Latency: { SampleCount: 3, Sum: 35, Minimum: 0, Maximum: 25 },
      IntegrationLatency: { SampleCount: 2, Sum: 35, Minimum: 10, Maximum: 25 },
    })
    // The unmatched request counts for the stage only.
    expect(methods).toEqual([
      expect.objectContaining({
        Method: 'POST',
        Resource: '/pets',
        Count: 1,
        '4xx': 0,
        '5xx': 0,
        DataProcessed: 8,
        IntegrationLatency: { SampleCount: 1, Sum: 25, Minimum: 25, Maximum: 25 },
      }),
      expect.objectContaining({ Method: 'GET', Resource: '/boom', Count: 1, '5xx': 1 }),
    ])
  })

  it('emits one metrics record per request to onMetrics', async () => {
    const { emitted, run } = setup()
    const { missing, failed } = await run()
    expect(emitted).toEqual([
      {
        dimensions: { ApiName: 'pets-http', Stage: 'prod', Method: 'POST', Resource: '/pets' },
        Count: 1,
        '4xx': 0,
        '5xx': 0,
        '4XXError': 0,
        '5XXError': 0,
        Latency: 25,
        IntegrationLatency: 25,
        DataProcessed: 8,
      },
      {
        dimensions: { ApiName: 'pets-http', Stage: 'prod' },
        Count: 1,
        '4xx': 1,
        '5xx': 0,
        '4XXError': 1,
        '5XXError': 0,
        Latency: 0,
        DataProcessed: missing.body.length,
      },
      {
        dimensions: { ApiName: 'pets-http', Stage: 'prod', Method: 'GET', Resource: '/boom' },
        Count: 1,
        '4xx': 0,
        '5xx': 1,
        '4XXError': 0,
        '5XXError': 1,
        Latency: 10,
        IntegrationLatency: 10,
        DataProcessed: failed.body.length,
      },
    ])
  })
})

describe('HTTP API access logs', () => {
  it('writes one line per request with HTTP API $context variables', async () => {
    const { lines, run } = setup({ format: FORMAT })
    const { ok, missing, failed } = await run()
    const id = (r: typeof ok) => r.headers['Apigw-Requestid']
    const time = '21/Nov/2026:06:19:00 +0000'
    expect(lines).toEqual([
      `${id(ok)} POST /prod/pets POST /pets 200 HTTP/1.1 5 127.0.0.1 [${time}] 25 200 "-" prod blue`,
      `${id(missing)} GET /prod/nowhere - 404 HTTP/1.1 ${missing.body.length} 127.0.0.1 [${time}] - - "-" prod blue`,
      `${id(failed)} GET /prod/boom GET /boom 500 HTTP/1.1 ${failed.body.length} 127.0.0.1 [21/Nov/2026:06:19:00 +0000] 10 200 "kaboom" prod blue`,
    ])
  })

  it('writes nothing without a format or without a sink, and still counts', async () => {
    for (const options of [{}, { format: FORMAT, sink: false }]) {
      const { gateway, lines, run } = setup(options)
      await run()
      expect(lines).toEqual([])
      expect(gateway.metrics().stage.Count).toBe(3)
    }
    const { gateway } = setup({ format: FORMAT, listener: false })
    await gateway.invoke({ method: 'GET', path: '/pets' }, { stage: 'prod' })
    expect(gateway.metrics().stage['4xx']).toBe(0)
  })

  it('refuses a format without a request id, as AWS does', () => {
    expect(() => setup({ format: '$context.status' })).toThrow(/requestId/)
  })
})
