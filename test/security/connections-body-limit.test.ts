// Kind: unbounded buffering of a client body. The @connections API read the whole body before
// any check; now it reads at most 128 KB (AWS's PostToConnection limit), after SigV4.
import { createHash } from 'node:crypto'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi'
import aws4 from 'aws4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CREDS,
  expectServing,
  openClient,
  rawExchange,
  resolveCreds,
  startHarness,
  type Harness,
} from './ws-harness.js'

const LIMIT = 128 * 1024

/** Streams `total` bytes in 16 KB chunks (chunked encoding) and resolves with the answer as
 *  soon as it comes, whether or not the body was all sent. */
function streamBody(
  port: number,
  path: string,
  total: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve) => {
    let sent = 0
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path, headers })
    req.on('error', () => undefined)
    req.on('response', (res: IncomingMessage) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }))
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body, sent }))
    })
    const chunk = Buffer.alloc(16 * 1024, 0x61)
    const pump = (): void => {
      while (sent < total && !req.destroyed) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (sent >= total) req.end()
    }
    pump()
  })
}

describe('unbounded @connections bodies', () => {
  let open: Harness
  let signed: Harness
  beforeAll(async () => {
    open = await startHarness()
    signed = await startHarness({ credentials: resolveCreds })
  })
  afterAll(async () => {
    await open.close()
    await signed.close()
  })

  it('answers 413 PayloadTooLargeException to a declared length over 128 KB, unread', async () => {
    // Headers only: the 400 MB body is never sent, the answer comes anyway.
    const reply = await rawExchange(
      open.port,
      'POST /prod/@connections/abc HTTP/1.1\r\nHost: x\r\nContent-Length: 400000000\r\n\r\n',
    )
    expect(reply).toMatch(/^HTTP\/1\.1 413 /)
    expect(reply).toMatch(/x-amzn-ErrorType: PayloadTooLargeException/i)
    expect(reply).toMatch(/Connection: close/i)
    await expectServing(open)
  })

  it('stops reading a chunked body at 128 KB and answers 413 before it ends', async () => {
    const answer = await streamBody(open.port, '/prod/@connections/abc', 64 * 1024 * 1024)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body)).toEqual({ message: 'Message too long' })
    expect(answer.sent).toBeLessThan(64 * 1024 * 1024)
    await expectServing(open)
  })

  it('delivers a body of exactly 128 KB and refuses one byte more (AWS SDK client)', async () => {
    const ws = await openClient(open.port)
    const received = new Promise<string>((ok) => ws.once('message', (d) => ok(String(d))))
    const id = open.connects.at(-1) as string
    const sdk = new ApiGatewayManagementApiClient({
      endpoint: `http://127.0.0.1:${open.port}/prod`,
      region: 'us-east-1',
      credentials: CREDS,
    })
    await sdk.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.alloc(LIMIT, 98) }))
    expect((await received).length).toBe(LIMIT)
    await expect(
      sdk.send(
        new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.alloc(LIMIT + 1, 98) }),
      ),
    ).rejects.toMatchObject({
      name: 'PayloadTooLargeException',
      $metadata: { httpStatusCode: 413 },
    })
    ws.close()
  })

  it('checks SigV4 before reading: unsigned and wrongly signed big bodies are 403, unread', async () => {
    const unsigned = await rawExchange(
      signed.port,
      'POST /prod/@connections/abc HTTP/1.1\r\nHost: x\r\nContent-Length: 400000000\r\n\r\n',
    )
    expect(unsigned).toMatch(/^HTTP\/1\.1 403 /)
    const headers = aws4.sign(
      {
        host: `127.0.0.1:${signed.port}`,
        method: 'POST',
        path: '/prod/@connections/abc',
        service: 'execute-api',
        region: 'us-east-1',
        headers: { 'X-Amz-Content-Sha256': createHash('sha256').update('x').digest('hex') },
      },
      { accessKeyId: CREDS.accessKeyId, secretAccessKey: 'wrong' },
    ).headers as Record<string, string>
    const answer = await streamBody(signed.port, '/prod/@connections/abc', 64 * 1024 * 1024, {
      ...headers,
    })
    expect(answer.status).toBe(403)
    expect(answer.sent).toBeLessThan(64 * 1024 * 1024)
    await expectServing(signed)
  })

  it('refuses a body that does not match its signed x-amz-content-sha256', async () => {
    const ws = await openClient(signed.port)
    const id = signed.connects.at(-1) as string
    const path = `/prod/@connections/${id.replace(/=/g, '%3D')}`
    const sign = (body: string, hashOf: string) =>
      aws4.sign(
        {
          host: `127.0.0.1:${signed.port}`,
          method: 'POST',
          path,
          service: 'execute-api',
          region: 'us-east-1',
          body,
          headers: { 'X-Amz-Content-Sha256': createHash('sha256').update(hashOf).digest('hex') },
        },
        CREDS,
      ).headers as Record<string, string>
    const url = `http://127.0.0.1:${signed.port}${path}`
    const strip = ({ Host: _host, 'Content-Length': _length, ...rest }: Record<string, string>) =>
      rest
    const tampered = strip(sign('signed', 'signed'))
    const bad = await fetch(url, { method: 'POST', headers: tampered, body: 'tampered' })
    expect(bad.status).toBe(403)
    const good = strip(sign('signed', 'signed'))
    const received = new Promise<string>((ok) => ws.once('message', (d) => ok(String(d))))
    const ok = await fetch(url, { method: 'POST', headers: good, body: 'signed' })
    expect(ok.status).toBe(200)
    expect(await received).toBe('signed')
    ws.close()
  })
})
