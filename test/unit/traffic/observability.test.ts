// Metrics with AWS's names and access logs from accessLogSettings.format, on the fake clock.
import { describe, expect, it } from 'vitest'
import {
  ACCESS_LOG_FORMATS,
  createGateway,
  silentLogger,
  type LambdaProxyEvent,
  type RequestMetrics,
} from '../../../src/index.js'
import { FakeClock, seededRandom } from '../../../src/testing/index.js'
import { lambdaUri } from '../../fixtures/mini-api.js'

function setup(format?: string) {
  const clock = new FakeClock(Date.UTC(2026, 10, 21, 6, 19, 0))
  const lines: string[] = []
  const emitted: RequestMetrics[] = []
  const gateway = createGateway({
    api: {
      swagger: '2.0',
      info: { title: 'Pets ✓', version: '1' },
      paths: {
        '/pets/{id}': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: lambdaUri('Fn'),
            },
          },
        },
      },
    },
    stage: {
      name: 'prod',
      cacheClusterEnabled: true,
      ...(format
        ? { accessLogSettings: { format, destinationArn: 'arn:aws:logs:us-east-1:1:log-group:x' } }
        : {}),
    },
    clock,
    random: seededRandom(1),
    lambdas: {
      Fn: async (event: LambdaProxyEvent) => {
        await clock.advance(25) // the integration takes 25 ms
        return { statusCode: event.pathParameters?.['id'] === 'boom' ? 503 : 200, body: 'hello' }
      },
    },
    onMetrics: (m) => emitted.push(m),
    accessLog: (line) => lines.push(line),
    logger: silentLogger,
  })
  return { gateway, lines, emitted }
}

describe('metrics', () => {
  it('counts per stage and per method with AWS names, including cache hits and errors', async () => {
    const { gateway, emitted } = setup()
    await gateway.invoke({ method: 'GET', path: '/pets/1' }) // miss, integration 25 ms
    await gateway.invoke({ method: 'GET', path: '/pets/1' }) // hit
    await gateway.invoke({ method: 'GET', path: '/nowhere' }) // 403 from the gateway
    const { stage, methods } = gateway.metrics()
    expect(stage).toMatchObject({
      ApiName: 'Pets ',
      Stage: 'prod',
      Count: 3,
      '4XXError': 1,
      '5XXError': 0,
      CacheHitCount: 1,
      CacheMissCount: 1,
      IntegrationLatency: { SampleCount: 1, Sum: 25, Minimum: 25, Maximum: 25 },
      Latency: { SampleCount: 3, Sum: 25, Minimum: 0, Maximum: 25 },
    })
    expect(methods).toEqual([
      expect.objectContaining({
        Method: 'GET',
        Resource: '/pets/{id}',
        Count: 2,
        CacheHitCount: 1,
      }),
    ])
    expect(emitted[0]).toEqual({
      dimensions: { ApiName: 'Pets ', Stage: 'prod', Method: 'GET', Resource: '/pets/{id}' },
      Count: 1,
      '4XXError': 0,
      '5XXError': 0,
      Latency: 25,
      IntegrationLatency: 25,
      CacheHitCount: 0,
      CacheMissCount: 1,
    })
    expect(emitted[2]?.dimensions).toEqual({ ApiName: 'Pets ', Stage: 'prod' })
  })

  it('counts a 5XX from the integration', async () => {
    const { gateway } = setup()
    await gateway.invoke({ method: 'GET', path: '/pets/boom' })
    expect(gateway.metrics().stage['5XXError']).toBe(1)
  })
})

describe('access logs', () => {
  it('writes the CLF preset with log-only variables; absent values are "-"', async () => {
    const { gateway, lines } = setup(ACCESS_LOG_FORMATS.CLF)
    const res = await gateway.invoke({ method: 'GET', path: '/pets/7', sourceIp: '10.0.0.1' })
    expect(lines).toEqual([
      `10.0.0.1 - - [21/Nov/2026:06:19:00 +0000] "GET /pets/{id} HTTP/1.1" 200 5 ${res.headers['x-amzn-RequestId']} ${res.headers['x-amz-apigw-id']}`,
    ])
  })

  it('writes the JSON preset as valid JSON, with integration latency and status in a custom format', async () => {
    const { gateway, lines } = setup(
      '{"id":"$context.requestId","status":$context.status,"integrationLatency":$context.integrationLatency,"integrationStatus":$context.integration.status}',
    )
    await gateway.invoke({ method: 'GET', path: '/pets/1' })
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      status: 200,
      integrationLatency: 25,
      integrationStatus: 200,
    })
    const json = setup(ACCESS_LOG_FORMATS.JSON)
    await json.gateway.invoke({ method: 'GET', path: '/pets/1' })
    expect(JSON.parse(json.lines[0] as string)).toMatchObject({
      httpMethod: 'GET',
      status: '200',
      responseLength: '5',
    })
  })

  it('rejects a format without a request id', () => {
    expect(() => setup('$context.status')).toThrow(
      /stage\.accessLogSettings\.format: must contain \$context\.requestId/,
    )
  })
})
