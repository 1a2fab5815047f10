// A server for the HTTP benchmark, in its own process: `bare` answers like the Lambda does,
// `portico` serves the same body through toNodeHandler(gateway), `floor` is the least work the
// Lambda proxy route needs (bench/floor.js).
import { createServer } from 'node:http'
import { toNodeHandler } from '../dist/node.js'
import { floorHandler } from './floor.js'
import { BODY, benchGateway } from './scenarios.js'

const kind = process.argv[2]
const bare = (req, res) => {
  req.resume()
  req.on('end', () => {
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(BODY),
    })
    res.end(BODY)
  })
}
// The same answer with the headers API Gateway adds (same lengths), to show what the wire costs.
const bareAws = (req, res) => {
  req.resume()
  req.on('end', () => {
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'x-amzn-RequestId': '6ba1a043-d93e-43a4-a16a-de279f4a89ce',
      'x-amz-apigw-id': 'mi/scpRE0PksrcB=',
      'X-Amzn-Trace-Id': 'Root=1-6b013cc9-5f0654cb2f0c58eb9c6d8dd8;Sampled=0',
      'Content-Length': Buffer.byteLength(BODY),
    })
    res.end(BODY)
  })
}
const handlers = { bare, 'bare+aws-headers': bareAws, floor: floorHandler }

/**
 * Counts requests and the process's CPU time from a `reset` message on, and reports both on
 * `stop` (the server's CPU per request is the measure least moved by a noisy machine).
 */
function report(server, close) {
  let count = 0
  let cpu = process.cpuUsage()
  server.on('request', () => count++)
  process.on('message', (m) => {
    if (m === 'reset') {
      count = 0
      cpu = process.cpuUsage()
      process.send('ready')
    } else if (m === 'stop') {
      const used = process.cpuUsage(cpu)
      process.send({ requests: count, cpuMicros: used.user + used.system })
      close()
    }
  })
}

if (kind === 'fastify') {
  // The reference the issue cites, measured in the same harness to calibrate it.
  const { default: Fastify } = await import('fastify')
  const app = Fastify()
  app.get('/prod/pets/:id', (req, reply) => {
    reply.header('content-type', 'application/json').send(BODY)
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  report(app.server, () => app.close().then(() => process.exit(0)))
  process.send?.({ port: app.server.address().port })
} else {
  const server = createServer(handlers[kind] ?? toNodeHandler(benchGateway()))
  report(server, () => server.close(() => process.exit(0)))
  server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }))
}
