// The limits step, shared by every API kind, reads a table keyed by kind.
import { describe, expect, it } from 'vitest'
import { RequestHeaders } from '../../../src/core/headers.js'
import { exceedsRequestLimits, REQUEST_LIMITS } from '../../../src/core/limits.js'
import { parseQueryString } from '../../../src/core/query.js'
import type { RequestView } from '../../../src/core/request-view.js'
import { depsFromOptions } from '../../../src/core/deps.js'

const MB = 1024 * 1024

// [kind, maxBodyBytes, maxHeaderBytes, source]
const TABLE = [
  [
    'REST',
    10 * MB,
    10240,
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
  ],
  [
    'HTTP',
    10 * MB,
    10240,
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html',
  ],
  ['WEBSOCKET', 128 * 1024, undefined, 'spec/websocket.md §9 (message payload 128 KB)'],
] as const

function view(bodyBytes: number, headerValueBytes: number): RequestView {
  return {
    method: 'POST',
    rawPath: '/',
    path: '/',
    rawQuery: '',
    headers: new RequestHeaders({ 'x-big': 'h'.repeat(headerValueBytes) }),
    query: parseQueryString(''),
    bodySize: () => bodyBytes,
    bodyBytes: () => null,
    bodyText: () => undefined,
    sourceIp: '127.0.0.1',
    stage: { name: 'dev', variables: {} },
    requestTimeEpoch: 0,
    requestId: 'r',
    deps: depsFromOptions({}),
  }
}

describe('REQUEST_LIMITS', () => {
  it.each(TABLE)('%s: body %d bytes, headers %s bytes (%s)', (kind, body, headers) => {
    const limits = REQUEST_LIMITS[kind]
    expect(limits.maxBodyBytes).toBe(body)
    expect(limits.maxHeaderBytes).toBe(headers)
    expect(exceedsRequestLimits(view(body, 0), limits)).toBe(false)
    expect(exceedsRequestLimits(view(body + 1, 0), limits)).toBe(true)
    // Header bytes count names and values: 'x-big' plus the value.
    const atHeaderLimit = view(0, (headers ?? 20000) - 'x-big'.length)
    expect(exceedsRequestLimits(atHeaderLimit, limits)).toBe(false)
    expect(exceedsRequestLimits(view(0, 20000), limits)).toBe(headers !== undefined)
  })
})
