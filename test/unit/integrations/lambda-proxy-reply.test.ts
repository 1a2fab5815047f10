import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import table from '../../conformance/integrations/lambda-proxy-replies.json' with { type: 'json' }
import { openApi, proxyMethod } from '../../fixtures/mini-api.js'

interface ReplyCase {
  name: string
  reply: unknown
  accept?: string
  status: number
  body?: string
  headers?: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
  isBase64Encoded?: boolean
}

describe('Lambda proxy reply validation (AWS-recorded cases)', () => {
  let reply: unknown
  const gateway = createGateway({
    api: openApi(
      { '/fn': { get: proxyMethod('Fn') } },
      { 'x-amazon-apigateway-binary-media-types': ['image/*'] },
    ),
    lambdas: { Fn: async () => reply },
    logger: silentLogger,
  })

  it.each((table.cases as ReplyCase[]).map((c) => [c.name, c] as const))('%s', async (_, c) => {
    reply = c.reply
    const res = await gateway.invoke({
      method: 'GET',
      path: '/fn',
      headers: c.accept ? { Accept: c.accept } : {},
    })
    expect(res.statusCode).toBe(c.status)
    if (c.body !== undefined) expect(res.body).toBe(c.body)
    for (const [name, value] of Object.entries(c.headers ?? {}))
      expect(res.headers[name]).toBe(value)
    for (const [name, value] of Object.entries(c.multiValueHeaders ?? {}))
      expect(res.multiValueHeaders[name]).toEqual(value)
    if (c.isBase64Encoded !== undefined) expect(res.isBase64Encoded).toBe(c.isBase64Encoded)
    if (c.status === 502)
      expect(res.headers['x-amzn-ErrorType']).toBe('InternalServerErrorException')
  })
})
