// A server for the HTTP benchmark, in its own process: `bare` answers like the Lambda does,
// `portico` serves the same body through toNodeHandler(gateway).
import { createServer } from 'node:http'
import { toNodeHandler } from '../dist/node.js'
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
const server = createServer(kind === 'bare' ? bare : toNodeHandler(benchGateway()))
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }))
process.on('message', (m) => m === 'stop' && server.close(() => process.exit(0)))
