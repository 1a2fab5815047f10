// A small stand-in for AWS's demo PetStore backend (petstore-demo-endpoint.execute-api.com),
// so the example needs no internet: GET/POST /petstore/pets, GET /petstore/pets/{id}.
import { createServer } from 'node:http'

const TYPES = ['dog', 'cat', 'fish', 'bird', 'gecko']
const pets = [
  { id: 1, type: 'dog', price: 249.99 },
  { id: 2, type: 'cat', price: 124.99 },
  { id: 3, type: 'fish', price: 0.99 },
]

function json(res, status, value) {
  const body = JSON.stringify(value, null, 2)
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}

/** Starts the backend on an ephemeral port of 127.0.0.1. Resolves to { server, host }. */
export function startBackend(port = 0) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const match = /^\/petstore\/pets(?:\/([^/]+))?\/?$/.exec(url.pathname)
      if (!match) return json(res, 404, { message: 'not found' })
      if (match[1] !== undefined) {
        const pet = pets.find((p) => String(p.id) === match[1])
        return pet ? json(res, 200, pet) : json(res, 404, { message: `pet ${match[1]} not found` })
      }
      if (req.method === 'POST') {
        let input
        try {
          input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
        } catch {
          return json(res, 400, { message: 'invalid JSON' })
        }
        if (!TYPES.includes(input.type))
          return json(res, 400, { message: `type must be one of ${TYPES.join(', ')}` })
        const pet = { id: pets.length + 1, type: input.type, price: Number(input.price) || 0 }
        pets.push(pet)
        return json(res, 200, { pet, message: 'success' })
      }
      const type = url.searchParams.get('type')
      const page = Math.max(1, Number(url.searchParams.get('page')) || 1)
      const list = pets.filter((p) => !type || p.type === type).slice((page - 1) * 3, page * 3)
      return json(res, 200, list)
    })
  })
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve({ server, host: `127.0.0.1:${server.address().port}` }),
    ),
  )
}
