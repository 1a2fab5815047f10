// The in-process test client, SigV4 on @connections, and IAM on HTTP API routes.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi'
import aws4 from 'aws4'
import { afterAll, describe, expect, it } from 'vitest'
import { connectionsHandler } from '../../../src/adapters/ws/index.js'
import {
  createGateway,
  createWebSocketGateway,
  openTestClient,
  silentLogger,
} from '../../../src/index.js'

const CREDS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
}
const resolve = (id: string) =>
  id === CREDS.accessKeyId ? { secretAccessKey: CREDS.secretAccessKey } : undefined

const ws = createWebSocketGateway({
  api: {
    routes: {
      join: { lambda: 'Join', routeResponseSelectionExpression: '$default' },
      $default: { lambda: 'Echo', routeResponseSelectionExpression: '$default' },
    },
  },
  stage: { name: 'prod' },
  lambdas: {
    Join: async (event: { body: string }) => ({
      statusCode: 200,
      body: `joined ${JSON.parse(event.body).room}`,
    }),
    Echo: async (event: { body: string }) => ({ statusCode: 200, body: event.body }),
  },
  logger: silentLogger,
})

describe('openTestClient', () => {
  it('connects, sends, receives and closes without a socket', async () => {
    const client = await openTestClient(ws)
    await client.send({ action: 'join', room: 'cats' })
    expect(await client.receive()).toBe('joined cats')
    await client.send('plain')
    expect(await client.receive()).toBe('plain')
    expect(client.messages).toEqual(['joined cats', 'plain'])
    await client.close()
    expect(ws.connections()).not.toContain(client.id)
  })
})

describe('@connections with SigV4 required', () => {
  let server: Server
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())))

  it('accepts the signed AWS SDK client and refuses unsigned or wrongly signed calls', async () => {
    server = createServer(connectionsHandler(ws, undefined, { credentials: resolve }))
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`
    const client = await openTestClient(ws)
    const signed = new ApiGatewayManagementApiClient({
      endpoint,
      region: 'us-east-1',
      credentials: CREDS,
    })
    await signed.send(
      new PostToConnectionCommand({ ConnectionId: client.id, Data: Buffer.from('signed') }),
    )
    expect(await client.receive()).toBe('signed')
    const wrong = new ApiGatewayManagementApiClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: CREDS.accessKeyId, secretAccessKey: 'wrong' },
    })
    await expect(
      wrong.send(new PostToConnectionCommand({ ConnectionId: client.id, Data: Buffer.from('x') })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } })
    const unsigned = await fetch(`${endpoint}/@connections/${client.id}`, {
      method: 'POST',
      body: 'x',
    })
    expect(unsigned.status).toBe(403)
    expect(client.messages).toEqual(['signed'])
  })
})

describe('IAM on HTTP API routes', () => {
  it('verifies SigV4 on the route and fills requestContext.authorizer.iam', async () => {
    const events: Array<{ requestContext: { authorizer?: unknown } }> = []
    const gateway = createGateway({
      api: {
        openapi: '3.0.1',
        info: { title: 'iam-http', version: '1' },
        paths: {
          '/pets': {
            get: {
              'x-amazon-apigateway-auth': { type: 'AWS_IAM' },
              'x-amazon-apigateway-integration': {
                payloadFormatVersion: '2.0',
                type: 'aws_proxy',
                httpMethod: 'POST',
                uri: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
              },
            },
          },
        },
        'x-amazon-apigateway-importexport-version': '1.0',
      },
      credentials: (id) =>
        id === CREDS.accessKeyId
          ? { secretAccessKey: CREDS.secretAccessKey, arn: 'arn:aws:iam::1:user/ana' }
          : undefined,
      lambdas: {
        Fn: async (event: (typeof events)[number]) => (events.push(event), { statusCode: 200 }),
      },
      logger: silentLogger,
    })
    const signed = aws4.sign(
      {
        host: 'h.example.com',
        method: 'GET',
        path: '/pets',
        service: 'execute-api',
        region: 'us-east-1',
      },
      CREDS,
    )
    const ok = await gateway.invoke({
      method: 'GET',
      path: '/pets',
      headers: signed.headers as Record<string, string>,
    })
    expect(ok.statusCode).toBe(200)
    expect(events[0]?.requestContext.authorizer).toEqual({
      iam: { accessKey: CREDS.accessKeyId, accountId: null, userArn: 'arn:aws:iam::1:user/ana' },
    })
    const unsigned = await gateway.invoke({ method: 'GET', path: '/pets' })
    expect([unsigned.statusCode, unsigned.body]).toEqual([403, '{"message":"Forbidden"}'])
  })
})
