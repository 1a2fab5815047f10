// A/B of two builds in one process: `node bench/ab.js <distA> <distB>` (each a `dist` directory
// whose parent resolves node_modules). Alternates rounds of gateway.invoke() on the Lambda proxy
// and MOCK routes and reports CPU time per invoke (process.cpuUsage, steadier than wall time on a
// shared machine) and the median per-round ratio B/A. ROUNDS and N set the rounds and invokes.
import { pathToFileURL } from 'node:url'
const [distA, distB] = process.argv.slice(2)
const BODY = JSON.stringify({ id: 7, name: 'Rex', type: 'dog', price: 249.99 })
const api = {
  openapi: '3.0.1',
  info: { title: 'bench', version: '1' },
  paths: Object.assign(
    {},
    ...Array.from({ length: 24 }, (_, i) => ({
      [`/svc${i}/items`]: { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } },
      [`/svc${i}/items/{id}`]: { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } },
    })),
    {
      '/mock': {
        get: {
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: {
              default: { statusCode: '200', responseTemplates: { 'application/json': BODY } },
            },
          },
        },
      },
      '/pets/{id}': {
        get: {
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:GetPet/invocations',
          },
        },
      },
    },
  ),
}
async function make(dist) {
  const m = await import(pathToFileURL(`${dist}/index.js`).href)
  return m.createGateway({
    api,
    stage: { name: 'prod' },
    logger: m.silentLogger,
    lambdas: {
      GetPet: async () => ({
        statusCode: 200,
        headers: { 'Content-Type': 'application/json' },
        body: BODY,
      }),
    },
    accountThrottle: { rateLimit: 1e9, burstLimit: 1e9 },
  })
}
const headers = { Host: 'localhost', 'User-Agent': 'bench', Accept: '*/*' }
const reqs = {
  lambda: { method: 'GET', path: '/pets/7?x=1', headers },
  mock: { method: 'GET', path: '/mock', headers },
}
const gws = { A: await make(distA), B: await make(distB) }
for (const g of Object.values(gws))
  for (const r of Object.values(reqs)) {
    const res = await g.invoke(r)
    if (res.statusCode !== 200 || res.body !== BODY)
      throw new Error('wrong ' + res.statusCode + res.body)
  }
async function time(g, r, n) {
  const s = process.cpuUsage()
  for (let i = 0; i < n; i++) await g.invoke(r)
  const d = process.cpuUsage(s)
  return ((d.user + d.system) * 1000) / n
}
for (const g of Object.values(gws)) for (const r of Object.values(reqs)) await time(g, r, 30000)
const rounds = Number(process.env.ROUNDS ?? 10),
  n = Number(process.env.N ?? 50000)
const out = { lambda: { A: [], B: [] }, mock: { A: [], B: [] } }
for (let k = 0; k < rounds; k++)
  for (const name of ['lambda', 'mock'])
    for (const side of k % 2 ? ['B', 'A'] : ['A', 'B'])
      out[name][side].push(await time(gws[side], reqs[name], n))
const med = (a) => {
  const s = [...a].sort((x, y) => x - y)
  return s[s.length >> 1]
}
for (const name of ['lambda', 'mock']) {
  const ratios = out[name].B.map((b, i) => b / out[name].A[i])
  console.log(
    `${name}: A ${(med(out[name].A) / 1000).toFixed(2)} µs, B ${(med(out[name].B) / 1000).toFixed(2)} µs, median per-round B/A ${med(ratios).toFixed(3)} (rounds ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`,
  )
}
