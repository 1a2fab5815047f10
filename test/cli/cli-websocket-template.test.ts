// `portico serve template.yaml` serves every API of the template (issue 13 item 7): a REST API
// from a function's Api event, and a WebSocket API from AWS::ApiGatewayV2 resources, each on its
// own port, the WebSocket one through `portico/ws` with its `@connections` API.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { serveCli } from './run-cli.js'

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: |
        exports.handler = async (event) => ({
          statusCode: 200,
          body: JSON.stringify({ route: (event.requestContext && event.requestContext.routeKey) || 'rest' }),
        })
      Events:
        Hello: { Type: Api, Properties: { Path: /hello, Method: get } }
  Ws: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action } }
  Prod: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: !Ref Ws, StageName: prod } }
  Integ: { Type: AWS::ApiGatewayV2::Integration, Properties: { ApiId: !Ref Ws, IntegrationType: AWS_PROXY, IntegrationUri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations" } }
  Echo: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: echo, Target: !Sub "integrations/\${Integ}" } }
  EchoResponse: { Type: AWS::ApiGatewayV2::RouteResponse, Properties: { ApiId: !Ref Ws, RouteId: !Ref Echo, RouteResponseKey: $default } }
`

describe('portico serve: a template with a WebSocket API', () => {
  it('serves the REST API and the WebSocket API, each with the template function', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-cli-ws-'))
    writeFileSync(join(dir, 'template.yaml'), TEMPLATE)
    const cli = await serveCli(['template.yaml'], { cwd: dir })
    try {
      const rest = await fetch(`${cli.url}/hello`)
      expect(rest.status).toBe(200)
      expect(await rest.json()).toEqual({ route: 'rest' })
      await cli.waitFor(/\(WEBSOCKET\) at ws:\/\/\S+/, 'stdout')
      const wsUrl = (/\(WEBSOCKET\) at (ws:\/\/\S+)/.exec(cli.stdout()) as RegExpExecArray)[1]
      const client = new WebSocket((wsUrl as string).replace('localhost', '127.0.0.1'))
      await new Promise<void>((ok, fail) => {
        client.once('open', () => ok())
        client.once('error', fail)
      })
      const reply = new Promise<string>((ok) => client.once('message', (data) => ok(String(data))))
      client.send(JSON.stringify({ action: 'echo' }))
      expect(JSON.parse(await reply)).toEqual({ route: 'echo' })
      client.close()
    } finally {
      await cli.stop()
    }
  })
})
