// Kind: resource exhaustion. Behind Koa, a request body past 10 MB got its 413 with
// `Connection: keep-alive`, and the adapter went on reading and discarding: an endless chunked
// body was read without end (1.18 GB in 8 s in the review of issue 18). Now the 413 closes the
// connection, as the node and Express adapters do.
import { connect, type AddressInfo } from 'node:net'
import Koa from 'koa'
import { describe, expect, it } from 'vitest'
import { toKoaMiddleware } from '../../src/adapters/koa/index.js'
import { createGateway, silentLogger } from '../../src/index.js'

const api = {
  openapi: '3.0.1',
  info: { title: 'koa-body', version: '1' },
  paths: {
    '/echo': {
      post: {
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: { default: { statusCode: '200' } },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
}

describe('koa oversized body connection', () => {
  it('an endless chunked body gets 413 and the connection closes soon after 10 MB', async () => {
    const gateway = createGateway({ api, logger: silentLogger })
    const app = new Koa()
    app.use(toKoaMiddleware(gateway))
    const server = app.listen(0, '127.0.0.1')
    await new Promise((ok) => server.once('listening', ok))
    const { port } = server.address() as AddressInfo
    const socket = connect(port, '127.0.0.1')
    socket.on('error', () => {}) // the server may reset it mid-write
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')))
    const closed = new Promise<void>((ok) => socket.once('close', () => ok()))
    let isClosed = false
    void closed.then(() => (isClosed = true))
    await new Promise<void>((ok) => socket.once('connect', () => ok()))
    socket.write(
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    )
    const chunk = Buffer.alloc(64 * 1024, 97)
    const frame = Buffer.concat([
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from('\r\n'),
    ])
    let sent = 0
    while (!isClosed && sent < 64 * 1024 * 1024) {
      if (!socket.write(frame)) await new Promise((ok) => setTimeout(ok, 5))
      sent += chunk.length
      if (sent % (1024 * 1024) === 0) await new Promise((ok) => setImmediate(ok))
    }
    await Promise.race([closed, new Promise((ok) => setTimeout(ok, 5000))])
    socket.destroy()
    server.close()
    // The server may reset the socket while the client still writes; the answer read before
    // that, when there is one, is the 413 that announces the close.
    if (answer !== '') {
      expect(answer.slice(0, 40)).toMatch(/^HTTP\/1.1 413/)
      expect(answer.toLowerCase()).toContain('connection: close')
    }
    expect(isClosed).toBe(true)
    expect(sent).toBeLessThan(48 * 1024 * 1024)
  })
})
