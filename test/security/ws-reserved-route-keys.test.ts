// A message's route selection value names a custom route or falls to `$default`: `$connect` and
// `$disconnect` run only when a connection opens or closes ("API Gateway calls a custom route
// after the route selection expression is evaluated against the message"; "If the route
// selection expression cannot be evaluated against the message or if no matching route is
// found, API Gateway invokes the $default route":
// https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html).
// A client must not be able to run them with a message (its own $disconnect while connected, or
// $connect again without the authorizer).
import { describe, expect, it } from 'vitest'
import { createWebSocketGateway, openTestClient, silentLogger } from '../../src/index.js'

function setup() {
  const calls: string[] = []
  const lambda = (name: string) => () => {
    calls.push(name)
    return { statusCode: 200, body: name }
  }
  const ws = createWebSocketGateway({
    api: {
      routeSelectionExpression: '$request.body.action',
      routes: {
        $connect: { lambda: 'Connect' },
        $disconnect: { lambda: 'Disconnect' },
        $default: { lambda: 'Default', routeResponseSelectionExpression: '$default' },
      },
    },
    stage: { name: 'live' },
    lambdas: {
      Connect: lambda('Connect'),
      Disconnect: lambda('Disconnect'),
      Default: lambda('Default'),
    },
    logger: silentLogger,
  })
  return { ws, calls }
}

describe('WebSocket route selection and the connection routes', () => {
  it.each(['$connect', '$disconnect'])(
    'auth-bypass: a message with action %s goes to $default',
    async (action) => {
      const { ws, calls } = setup()
      const client = await openTestClient(ws)
      await client.send({ action })
      expect(await client.receive()).toBe('Default')
      expect(calls).toEqual(['Connect', 'Default'])
      await client.close()
      expect(calls).toEqual(['Connect', 'Default', 'Disconnect'])
    },
  )
})
