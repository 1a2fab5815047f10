// A script that invokes a gateway once and lets the process end on its own: with a handler that
// never settles, the process must stay up until the integration timeout answers (504); with one
// that answers, it must exit at once (no timer holding it for 29 s).
import { createGateway, silentLogger } from '../../dist/index.js'

const never = process.argv[2] === 'never'
const uri =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Fn/invocations'
const gateway = createGateway({
  api: {
    openapi: '3.0.1',
    info: { title: 'lifetime', version: '1' },
    paths: {
      '/x': {
        get: {
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri,
            // Short when the handler never settles; long otherwise, so a timer that held the
            // process would show.
            timeoutInMillis: never ? 300 : 10_000,
          },
        },
      },
    },
  },
  lambdas: { Fn: never ? () => new Promise(() => {}) : async () => ({ statusCode: 200 }) },
  logger: silentLogger,
})
const started = Date.now()
gateway.invoke({ method: 'GET', path: '/x' }).then((res) => {
  process.stdout.write(JSON.stringify({ status: res.statusCode, ms: Date.now() - started }))
})
