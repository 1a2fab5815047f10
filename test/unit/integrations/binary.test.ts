// Binary payloads in a non-proxy (HTTP) integration: the contentHandling table of
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { openApi } from '../../fixtures/mini-api.js'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff])

function gateway(options: {
  requestHandling?: string
  responseHandling?: string
  reply: { type: string; body: Buffer | string }
}) {
  const received: Buffer[] = []
  const gw = createGateway({
    api: openApi(
      {
        '/img': {
          post: {
            responses: { 200: { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'http',
              httpMethod: 'POST',
              uri: 'http://backend.test/img',
              ...(options.requestHandling ? { contentHandling: options.requestHandling } : {}),
              responses: {
                default: {
                  statusCode: '200',
                  ...(options.responseHandling
                    ? { contentHandling: options.responseHandling }
                    : {}),
                },
              },
            },
          },
        },
      },
      { 'x-amazon-apigateway-binary-media-types': ['image/png'] },
    ),
    fetch: async (_url, init) => {
      const body = init.body
      received.push(
        body === undefined || body === null
          ? Buffer.alloc(0)
          : typeof body === 'string'
            ? Buffer.from(body)
            : Buffer.from(body as Uint8Array),
      )
      return new Response(options.reply.body, { headers: { 'Content-Type': options.reply.type } })
    },
    logger: silentLogger,
  })
  return { gw, received }
}

const textReply = { type: 'application/json', body: '{"ok":true}' }

describe('request payloads', () => {
  it('sends binary bytes as they came (contentHandling unset)', async () => {
    const { gw, received } = gateway({ reply: textReply })
    await gw.invoke({
      method: 'POST',
      path: '/img',
      body: PNG,
      headers: { 'Content-Type': 'image/png' },
    })
    expect(received[0]).toEqual(PNG)
  })

  it('CONVERT_TO_TEXT sends binary as base64 text', async () => {
    const { gw, received } = gateway({ requestHandling: 'CONVERT_TO_TEXT', reply: textReply })
    await gw.invoke({
      method: 'POST',
      path: '/img',
      body: PNG,
      headers: { 'Content-Type': 'image/png' },
    })
    expect(received[0]?.toString()).toBe(PNG.toString('base64'))
  })

  it('CONVERT_TO_BINARY decodes a base64 text body; invalid base64 is a 500', async () => {
    const { gw, received } = gateway({ requestHandling: 'CONVERT_TO_BINARY', reply: textReply })
    await gw.invoke({
      method: 'POST',
      path: '/img',
      body: PNG.toString('base64'),
      headers: { 'Content-Type': 'text/plain' },
    })
    expect(received[0]).toEqual(PNG)
    const bad = await gw.invoke({
      method: 'POST',
      path: '/img',
      body: 'not base64!',
      headers: { 'Content-Type': 'text/plain' },
    })
    expect(bad.statusCode).toBe(500)
  })
})

describe('response payloads', () => {
  const pngReply = { type: 'image/png', body: PNG }

  it('binary body to a client that accepts binary: bytes (base64 + isBase64Encoded)', async () => {
    const { gw } = gateway({ reply: pngReply })
    const res = await gw.invoke({ method: 'POST', path: '/img', headers: { Accept: 'image/png' } })
    expect(res.isBase64Encoded).toBe(true)
    expect(Buffer.from(res.body, 'base64')).toEqual(PNG)
  })

  it('binary body to a client that accepts text: base64 text', async () => {
    const { gw } = gateway({ reply: pngReply })
    const res = await gw.invoke({
      method: 'POST',
      path: '/img',
      headers: { Accept: 'application/json' },
    })
    expect([res.isBase64Encoded, res.body]).toEqual([false, PNG.toString('base64')])
  })

  it('CONVERT_TO_TEXT returns base64 text even to a binary Accept', async () => {
    const { gw } = gateway({ responseHandling: 'CONVERT_TO_TEXT', reply: pngReply })
    const res = await gw.invoke({ method: 'POST', path: '/img', headers: { Accept: 'image/png' } })
    expect([res.isBase64Encoded, res.body]).toEqual([false, PNG.toString('base64')])
  })

  it('a base64 text body to a binary Accept is decoded; CONVERT_TO_BINARY decodes always', async () => {
    const base64Reply = { type: 'text/plain', body: PNG.toString('base64') }
    const accepts = await gateway({ reply: base64Reply }).gw.invoke({
      method: 'POST',
      path: '/img',
      headers: { Accept: 'image/png' },
    })
    expect(Buffer.from(accepts.body, 'base64')).toEqual(PNG)
    expect(accepts.isBase64Encoded).toBe(true)
    const forced = await gateway({
      responseHandling: 'CONVERT_TO_BINARY',
      reply: base64Reply,
    }).gw.invoke({
      method: 'POST',
      path: '/img',
    })
    expect(forced.isBase64Encoded).toBe(true)
  })

  it('text that is not base64, converted to binary, is a 500', async () => {
    const { gw } = gateway({ responseHandling: 'CONVERT_TO_BINARY', reply: textReply })
    const res = await gw.invoke({ method: 'POST', path: '/img' })
    expect(res.statusCode).toBe(500)
  })
})
