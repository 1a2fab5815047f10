// WebSocket events go through the observe step REST and HTTP APIs use: AWS's WebSocket metric
// names and access-log lines with WebSocket $context variables.
// Source: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-logging.html
// (metrics ConnectCount, MessageCount, IntegrationError, ClientError, ExecutionError,
// IntegrationLatency; access-log variables connectionId, eventType, routeKey, status…).
import { describe, expect, it } from 'vitest'
import {
  ConnectionError,
  createWebSocketGateway,
  silentLogger,
  type ConnectionTransport,
  type RequestMetrics,
} from '../../../src/index.js'
import { FakeClock } from '../../../src/testing/index.js'

const transport = (): ConnectionTransport & { sent: string[]; closed: number[] } => {
  const sent: string[] = []
  const closed: number[] = []
  return {
    sent,
    closed,
    send: (data) => void sent.push(data),
    close: (code) => void closed.push(code),
  }
}

function setup() {
  const lines: string[] = []
  const emitted: RequestMetrics[] = []
  const clock = new FakeClock(Date.UTC(2026, 10, 30, 12, 0, 0))
  const gateway = createWebSocketGateway({
    api: {
      name: 'chat',
      routes: {
        $connect: { lambda: 'Connect' },
        $disconnect: { lambda: 'Disconnect' },
        join: { lambda: 'Join', routeResponseSelectionExpression: '$default' },
        fail: { lambda: 'Fail' },
      },
    },
    stage: {
      name: 'prod',
      accessLogSettings: {
        format:
          '$context.requestId $context.eventType $context.routeKey $context.status $context.connectionId $context.integrationLatency $context.responseLength',
      },
    },
    accessLog: (line) => lines.push(line),
    onMetrics: (metrics) => emitted.push(metrics),
    lambdas: {
      Connect: async (event: { queryStringParameters?: Record<string, string> }) => {
        await clock.advance(3)
        return { statusCode: event.queryStringParameters?.['token'] === 'ok' ? 200 : 403 }
      },
      Disconnect: async () => ({ statusCode: 200 }),
      Join: async () => ({ statusCode: 200, body: 'joined' }),
      Fail: async () => {
        throw new Error('boom')
      },
    },
    clock,
    logger: silentLogger,
    maxMessageBytes: 64,
  })
  return { gateway, lines, emitted }
}

describe('WebSocket metrics and access logs', () => {
  it('counts connects, messages and each kind of error with AWS names', async () => {
    const { gateway, emitted } = setup()
    const socket = transport()
    const id = await gateway.connect({ query: 'token=ok' }, socket)
    await expect(gateway.connect({ query: 'token=no' }, transport())).rejects.toBeInstanceOf(
      ConnectionError,
    )
    await gateway.receive(id, JSON.stringify({ action: 'join' }))
    await gateway.receive(id, JSON.stringify({ action: 'nothing' })) // no $default route: 403
    await gateway.receive(id, JSON.stringify({ action: 'fail' })) // the integration throws
    await gateway.receive(id, 'x'.repeat(65)) // over maxMessageBytes: closed 1009
    expect(socket.closed).toEqual([1009])
    await new Promise((resolve) => setImmediate(resolve))

    const stage = gateway.metrics?.().stage
    expect(stage).toMatchObject({
      ApiName: 'chat',
      Stage: 'prod',
      ConnectCount: 2,
      MessageCount: 4,
      ClientError: 2,
      IntegrationError: 1,
      ExecutionError: 1,
    })
    expect(stage?.IntegrationLatency.SampleCount).toBe(5) // 2 connects, join, fail, disconnect
    expect(emitted[0]).toMatchObject({ ConnectCount: 1, MessageCount: 0, IntegrationLatency: 3 })
    expect(emitted[1]).toMatchObject({ ConnectCount: 1, IntegrationError: 1, '4XXError': 1 })
  })

  it('writes one access-log line per event with WebSocket $context values', async () => {
    const { gateway, lines } = setup()
    const id = await gateway.connect({ query: 'token=ok' }, transport())
    await gateway.receive(id, JSON.stringify({ action: 'join' }))
    await gateway.disconnected(id)
    expect(lines).toHaveLength(3)
    const fields = lines.map((line) => line.split(' '))
    expect(fields.map((f) => f.slice(1, 5))).toEqual([
      ['CONNECT', '$connect', '200', id],
      ['MESSAGE', 'join', '200', id],
      ['DISCONNECT', '$disconnect', '200', id],
    ])
    expect(fields[0]?.[5]).toBe('3') // integrationLatency on the fake clock
    expect(fields[1]?.[6]).toBe('6') // responseLength of the route response "joined"
    expect(new Set(fields.map((f) => f[0])).size).toBe(3) // a request id per event
  })
})
