/**
 * An unknown route or method requested with an `Authorization` header: REST APIs answer 403
 * `IncompleteSignatureException` with SigV4's parse error for the header, not Missing
 * Authentication Token. Through `invoke()` and `portico/node` over a real socket.
 */
import type { AddressInfo } from 'node:net'
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { toNodeHandler } from '../../../src/node.js'
import { mockMethod, openApi } from '../../fixtures/mini-api.js'

const REPORTS =
  'apickli/apickli#112, AstronomyAPI/Samples#20, amazon-archives/aws-cognito-angular-quickstart#50 ("will return for any invalid endpoints"), serverless/serverless#3205'
const REQUIRES = 'bKash-developer/webhook-endpoint-php#3, brendanhay/amazonka#316'

interface Row {
  case: string
  method: string
  path: string
  headers: Record<string, string>
  status: number
  errorType: string
  message: string
  source: string
}

const ROWS: Row[] = [
  {
    case: 'Bearer token on an unknown path',
    method: 'GET',
    path: '/nope',
    headers: { Authorization: 'Bearer x' },
    status: 403,
    errorType: 'IncompleteSignatureException',
    message:
      "'x' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer x'.",
    source: REPORTS,
  },
  {
    case: 'Bearer token, unknown method on a known path',
    method: 'DELETE',
    path: '/pets',
    headers: { authorization: 'Bearer eyJhbGciOi.x.y' },
    status: 403,
    errorType: 'IncompleteSignatureException',
    message:
      "'eyJhbGciOi.x.y' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer eyJhbGciOi.x.y'.",
    source: REPORTS,
  },
  {
    case: 'Basic credentials',
    method: 'GET',
    path: '/nope',
    headers: { Authorization: 'Basic ZDQ6c2VjcmV0' },
    status: 403,
    errorType: 'IncompleteSignatureException',
    message:
      "'ZDQ6c2VjcmV0' not a valid key=value pair (missing equal-sign) in Authorization header: 'Basic ZDQ6c2VjcmV0'.",
    source: 'AstronomyAPI/Samples#20',
  },
  {
    case: 'a bare token (no parameters at all)',
    method: 'GET',
    path: '/nope',
    headers: { Authorization: 'token' },
    status: 403,
    errorType: 'IncompleteSignatureException',
    message:
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=token",
    source: REQUIRES,
  },
  {
    case: 'no Authorization header',
    method: 'GET',
    path: '/nope',
    headers: {},
    status: 403,
    errorType: 'MissingAuthenticationTokenException',
    message: 'Missing Authentication Token',
    source: 'spec/pipeline.md §1 step 2',
  },
  {
    case: 'a known route ignores the header (no authorizer)',
    method: 'GET',
    path: '/pets',
    headers: { Authorization: 'Bearer x' },
    status: 200,
    errorType: '',
    message: '',
    source: 'spec/pipeline.md §1 (routing first)',
  },
]

const gateway = createGateway({
  api: openApi({ '/pets': { get: mockMethod() } }),
  stage: { name: 'prod' },
  logger: silentLogger,
})

let server: Server
let base = ''
beforeAll(async () => {
  server = createServer(toNodeHandler(gateway))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`
})
afterAll(() => new Promise<void>((ok) => (server.closeAllConnections(), server.close(() => ok()))))

function expectRow(
  row: Row,
  status: number,
  errorType: string | undefined | null,
  body: string,
): void {
  expect(status, row.source).toBe(row.status)
  if (row.status === 200) return
  expect(errorType, row.source).toBe(row.errorType)
  expect(JSON.parse(body), row.source).toEqual({ message: row.message })
}

describe('unknown route with an Authorization header', () => {
  it.each(ROWS)('invoke(): $case', async (row) => {
    const res = await gateway.invoke({ method: row.method, path: row.path, headers: row.headers })
    expectRow(row, res.statusCode, res.headers['x-amzn-ErrorType'], res.body)
  })

  it.each(ROWS)('portico/node: $case', async (row) => {
    const res = await fetch(`${base}${row.path}`, { method: row.method, headers: row.headers })
    expectRow(row, res.status, res.headers.get('x-amzn-errortype'), await res.text())
  })

  it('quotes a very long header value cut short (bounded answer)', async () => {
    const res = await gateway.invoke({
      method: 'GET',
      path: '/nope',
      headers: { Authorization: `Bearer ${'a'.repeat(9000)}` },
    })
    expect(res.statusCode).toBe(403)
    expect(res.body.length).toBeLessThan(4500)
  })
})
