// A Lambda REQUEST authorizer on $connect, with query-string identity.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
import { describe, expect, it } from 'vitest'
import {
  ConnectionError,
  createWebSocketGateway,
  silentLogger,
  type ConnectionTransport,
} from '../../../src/index.js'

type Event = {
  requestContext: Record<string, unknown>
  queryStringParameters?: Record<string, string>
  methodArn?: string
}

function setup() {
  const calls: Event[] = []
  const messages: Event[] = []
  const gateway = createWebSocketGateway({
    api: {
      routes: { $connect: { lambda: 'Connect' }, $default: { lambda: 'Message' } },
      authorizer: { lambda: 'Auth', identitySource: ['route.request.querystring.token'] },
    },
    stage: { name: 'prod' },
    apiId: 'wsapi1',
    lambdas: {
      Auth: async (event: Event) => {
        calls.push(event)
        const token = event.queryStringParameters?.['token']
        if (token === 'unauthorized') throw new Error('Unauthorized')
        return {
          principalId: 'ana',
          policyDocument: {
            Statement: [
              {
                Effect: token === 'good' ? 'Allow' : 'Deny',
                Action: 'execute-api:Invoke',
                Resource: event.methodArn,
              },
            ],
          },
          context: { room: 'cats', level: 2 },
        }
      },
      Connect: async () => ({ statusCode: 200 }),
      Message: async (event: Event) => (messages.push(event), { statusCode: 200 }),
    },
    logger: silentLogger,
  })
  const transport: ConnectionTransport = { send: () => {}, close: () => {} }
  const status = (query: string) =>
    gateway.connect({ query }, transport).then(
      () => 200,
      (error: unknown) => (error instanceof ConnectionError ? error.statusCode : 0),
    )
  return { gateway, calls, messages, status, transport }
}

describe('$connect authorizer', () => {
  it('refuses a missing identity source with 401 without calling the authorizer', async () => {
    const { status, calls } = setup()
    expect(await status('')).toBe(401)
    expect(calls).toHaveLength(0)
  })

  it('answers a Deny with 403, "Unauthorized" with 401, and admits an Allow', async () => {
    const { status, calls } = setup()
    expect(await status('token=bad')).toBe(403)
    expect(await status('token=unauthorized')).toBe(401)
    expect(await status('token=good')).toBe(200)
    expect(calls[0]?.methodArn).toBe(
      'arn:aws:execute-api:us-east-1:123456789012:wsapi1/prod/$connect',
    )
  })

  it('puts the authorizer context in every event of the connection', async () => {
    const { gateway, messages, transport } = setup()
    const id = await gateway.connect({ query: 'token=good' }, transport)
    await gateway.receive(id, 'hello')
    expect(messages[0]?.requestContext['authorizer']).toEqual({
      principalId: 'ana',
      room: 'cats',
      level: '2',
    })
  })
})
