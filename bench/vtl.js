// VTL render cost: Portico's compiled templates vs velocityjs's interpreter (AST cached) in the
// same run, on a typical request template and a 100-item #foreach.
import velocity from 'velocityjs'
import { renderMappingTemplate } from '../dist/index.js'

const items = Array.from({ length: 100 }, (_, i) => ({ id: i, name: `pet ${i}`, price: i * 1.5 }))
const body = JSON.stringify({ items, owner: { name: 'Ana', id: 'u-1' } })

export const templates = {
  typical: `{
  "owner": "$input.path('$.owner.name')",
  "id": "$input.params('id')",
  "agent": "$util.escapeJavaScript($input.params('User-Agent'))",
  "count": $input.path('$.items').size(),
  "stage": "$context.stage"
}`,
  foreach100: `[
#foreach($item in $input.path('$.items'))
  {"id": $item.id, "name": "$item.name", "price": $item.price}#if($foreach.hasNext),#end
#end
]`,
}

const params = { path: { id: '7' }, querystring: {}, header: { 'User-Agent': 'bench "1"' } }

function velocityContext() {
  // velocityjs with JS semantics: the closest a plain velocityjs setup gets.
  let parsed
  const root = () => (parsed ??= JSON.parse(body))
  const path = (p) =>
    p
      .split('.')
      .slice(1)
      .reduce((v, k) => v?.[k], root())
  return {
    input: {
      path,
      json: (p) => JSON.stringify(path(p)),
      params: (n) => params.path[n] ?? params.header[n] ?? '',
    },
    util: { escapeJavaScript: (s) => String(s).replace(/["'\\]/g, '\\$&') },
    context: { stage: 'prod' },
  }
}

function time(fn, iterations) {
  for (let i = 0; i < Math.min(iterations, 2000); i++) fn()
  const start = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) fn()
  return Number(process.hrtime.bigint() - start) / iterations / 1000
}

/** Hand-written JavaScript producing the same text, the floor any engine is measured against. */
const handWritten = {
  typical: () => {
    const data = JSON.parse(body)
    const agent = params.header['User-Agent'].replace(/["'\\]/g, '\\$&')
    return `{\n  "owner": "${data.owner.name}",\n  "id": "${params.path.id}",\n  "agent": "${agent}",\n  "count": ${data.items.length},\n  "stage": "prod"\n}`
  },
  foreach100: () => {
    const data = JSON.parse(body)
    let out = '[\n'
    data.items.forEach((item, i) => {
      out += `  {"id": ${item.id}, "name": "${item.name}", "price": ${item.price}}${i < data.items.length - 1 ? ',' : ''}\n`
    })
    return `${out}]`
  },
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]

/**
 * Each contender is timed in five interleaved rounds (median kept). Every contender parses the
 * body once per render, as a gateway must; "engine" is the total minus that parse.
 */
export function runVtlBench(quick) {
  const rows = []
  const n = quick ? 1000 : 10000
  for (const [name, template] of Object.entries(templates)) {
    const compiled = new velocity.Compile(velocity.parse(template))
    const contenders = {
      parse: () => JSON.parse(body),
      velocityjs: () => compiled.render(velocityContext()),
      portico: () => renderMappingTemplate(template, { body, params, context: { stage: 'prod' } }),
      hand: handWritten[name],
    }
    const samples = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]))
    for (let round = 0; round < 5; round++)
      for (const [key, fn] of Object.entries(contenders)) samples[key].push(time(fn, n))
    const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
    rows.push({ name, ...m })
  }
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of runVtlBench(process.argv.includes('--quick')))
    console.log(
      `${r.name.padEnd(11)} parse ${r.parse.toFixed(1)} µs | total: velocityjs ${r.velocityjs.toFixed(1)}, portico ${r.portico.toFixed(1)}, hand-written ${r.hand.toFixed(1)} µs | engine (minus parse): velocityjs ${(r.velocityjs - r.parse).toFixed(1)}, portico ${(r.portico - r.parse).toFixed(1)}, hand-written ${(r.hand - r.parse).toFixed(1)} µs → ${((r.velocityjs - r.parse) / (r.portico - r.parse)).toFixed(1)}x faster than velocityjs`,
    )
}
