import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type LambdaProxyEvent } from '../../../src/index.js'
import { parsePathTemplate } from '../../../src/routing/path-template.js'
import { ResourceTree } from '../../../src/routing/resource-tree.js'
import table from '../../conformance/routing/rest-resource-matching.json' with { type: 'json' }
import { openApi, proxyMethod } from '../../fixtures/mini-api.js'

interface RoutingCase {
  api: keyof typeof table.apis
  method: string
  path: string
  resource?: string
  method_used?: string
  params?: Record<string, string> | null
  status?: number
}

function gatewayFor(resources: Record<string, string[]>) {
  const paths: Record<string, Record<string, unknown>> = {}
  const lambdas: Record<string, (e: LambdaProxyEvent) => Promise<unknown>> = {}
  for (const [path, methods] of Object.entries(resources)) {
    paths[path] = {}
    for (const method of methods) {
      const fn = `F${Object.keys(lambdas).length}`
      lambdas[fn] = async (event) => ({
        body: JSON.stringify({ resource: event.resource, method, params: event.pathParameters }),
      })
      paths[path][method === 'ANY' ? 'x-amazon-apigateway-any-method' : method.toLowerCase()] =
        proxyMethod(fn)
    }
  }
  return createGateway({ api: openApi(paths), lambdas, logger: silentLogger })
}

describe('REST resource matching (conformance table)', () => {
  const gateways = Object.fromEntries(
    Object.entries(table.apis).map(([name, resources]) => [name, gatewayFor(resources)]),
  )

  it.each(
    (table.cases as RoutingCase[]).map(
      (c) => [`${c.api}: ${c.method || '(empty)'} ${c.path}`, c] as const,
    ),
  )('%s', async (_, c) => {
    const res = await gateways[c.api]!.invoke({ method: c.method, path: c.path })
    if (c.status === 403) {
      expect(res.statusCode).toBe(403)
      expect(res.body).toBe('{"message":"Missing Authentication Token"}')
      expect(res.headers['x-amzn-ErrorType']).toBe('MissingAuthenticationTokenException')
      return
    }
    expect(res.statusCode).toBe(200)
    const body = JSON.parse(res.body)
    expect(body.resource).toBe(c.resource)
    expect(body.params).toEqual(c.params)
    if (c.method_used) expect(body.method).toBe(c.method_used)
  })
})

describe('ResourceTree', () => {
  it('refuses conflicting sibling parameters and a second greedy child', () => {
    const tree = new ResourceTree<string>()
    tree.add(parsePathTemplate('/a/{id}', 'x'), 'a', 'paths./a/{id}')
    expect(() => tree.add(parsePathTemplate('/a/{name}/b', 'y'), 'b', 'paths./a/{name}/b')).toThrow(
      /paths\.\/a\/\{name\}\/b: sibling path parameters/,
    )
    tree.add(parsePathTemplate('/{p+}', 'z'), 'p', 'paths./{p+}')
    expect(() => tree.add(parsePathTemplate('/{q+}', 'w'), 'q', 'paths./{q+}')).toThrow(
      /one greedy child/,
    )
  })

  it('rejects templates AWS refuses', () => {
    expect(() => parsePathTemplate('/a/{p+}/b', 'paths./a/{p+}/b')).toThrow(/must be the last part/)
    expect(() => parsePathTemplate('/a/x{p}', 'paths./a/x{p}')).toThrow(/whole-segment/)
    expect(() => parsePathTemplate('/a b', 'paths./a b')).toThrow(/invalid resource path part/)
    expect(() => parsePathTemplate('nope', 'paths.nope')).toThrow(/must start with/)
  })
})
