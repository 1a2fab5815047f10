// The least work a Lambda proxy route needs, written by hand for the HTTP benchmark: route the
// path, build the payload 1.0 event (the fields API Gateway sends, with fresh maps), await the
// async handler, and write its reply with API Gateway's headers. No validation, metrics,
// throttling, timeout, gateway responses or error handling. Portico's distance from this is its
// own overhead; this one's distance from bare node:http is what the route costs anywhere.
import { createExtendedRequestId, createRequestId, createTraceId } from '../dist/core/ids.js'
import { compileApi } from '../dist/pipeline/compile-api.js'
import { importOpenApi } from '../dist/index.js'
import { BODY, benchApi } from './scenarios.js'

const api = compileApi(importOpenApi(benchApi()))
const handler = async () => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: BODY,
})
const hasGet = (resource) => resource.methods.GET !== undefined

export function floorHandler(req, res) {
  const url = req.url.slice('/prod'.length)
  const q = url.indexOf('?')
  const path = q === -1 ? url : url.slice(0, q)
  const match = api.tree.match(path, hasGet)
  const headers = {}
  const multiValueHeaders = {}
  const raw = req.rawHeaders
  for (let i = 0; i < raw.length; i += 2) {
    headers[raw[i]] = raw[i + 1]
    multiValueHeaders[raw[i]] = [raw[i + 1]]
  }
  const query = {}
  const multiQuery = {}
  if (q !== -1) {
    for (const part of url.slice(q + 1).split('&')) {
      const [name, value = ''] = part.split('=')
      query[name] = value
      multiQuery[name] = [value]
    }
  }
  const now = Date.now()
  const requestId = createRequestId(Math.random)
  const extendedRequestId = createExtendedRequestId(Math.random)
  const event = {
    resource: match.value.path,
    path,
    httpMethod: req.method,
    headers,
    multiValueHeaders,
    queryStringParameters: query,
    multiValueQueryStringParameters: multiQuery,
    pathParameters: { [match.params[0]]: match.params[1] },
    stageVariables: null,
    requestContext: {
      resourceId: 'abc123',
      resourcePath: match.value.path,
      httpMethod: req.method,
      extendedRequestId,
      requestTime: '21/Nov/2026:06:19:00 +0000',
      path: `/prod${path}`,
      accountId: '123456789012',
      protocol: 'HTTP/1.1',
      stage: 'prod',
      domainPrefix: 'localhost',
      requestTimeEpoch: now,
      requestId,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: req.socket.remoteAddress,
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent: headers['User-Agent'] ?? null,
        user: null,
      },
      domainName: 'localhost',
      deploymentId: 'abc123',
      apiId: 'abc123',
    },
    body: null,
    isBase64Encoded: false,
  }
  handler(event, {}, () => {}).then((reply) => {
    res.writeHead(reply.statusCode, [
      'Content-Type',
      reply.headers['Content-Type'],
      'X-Amzn-Trace-Id',
      createTraceId(now, Math.random, ';Sampled=0'),
      'x-amzn-RequestId',
      requestId,
      'x-amz-apigw-id',
      extendedRequestId,
      'Content-Length',
      String(Buffer.byteLength(reply.body)),
    ])
    res.end(reply.body)
  })
}
