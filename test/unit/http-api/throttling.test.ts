// HTTP API route throttling: stage defaultRouteSettings and routeSettings, on the fake clock.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { FakeClock } from '../../../src/testing/index.js'

const lambda = {
  'x-amazon-apigateway-integration': {
    payloadFormatVersion: '2.0',
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
  },
}

describe('HTTP API route throttling', () => {
  it('applies routeSettings over defaultRouteSettings, per route, refilling over time', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 21))
    const gateway = createGateway({
      api: {
        openapi: '3.0.1',
        info: { title: 'throttle', version: '1' },
        paths: { '/a': { get: lambda }, '/b': { get: lambda } },
        'x-amazon-apigateway-importexport-version': '1.0',
      },
      stage: {
        name: '$default',
        defaultRouteSettings: { throttlingRateLimit: 1, throttlingBurstLimit: 2 },
        routeSettings: { 'GET /b': { throttlingRateLimit: 0, throttlingBurstLimit: 1 } },
      },
      clock,
      lambdas: { Fn: async () => ({ statusCode: 200 }) },
      logger: silentLogger,
    })
    const codes = async (path: string, n: number) => {
      const out: number[] = []
      for (let i = 0; i < n; i++)
        out.push((await gateway.invoke({ method: 'GET', path })).statusCode)
      return out
    }
    expect(await codes('/a', 3)).toEqual([200, 200, 429])
    expect(await codes('/b', 2)).toEqual([200, 429])
    const res = await gateway.invoke({ method: 'GET', path: '/a' })
    expect(res.body).toBe('{"message":"Too Many Requests"}')
    await clock.advance(1000)
    expect(await codes('/a', 2)).toEqual([200, 429])
    expect(await codes('/b', 1)).toEqual([429])
  })
})
