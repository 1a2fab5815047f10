// Runs test/conformance/mapping/templates.json: every case through renderMappingTemplate, and
// through a gateway: as the request template of an HTTP integration whose backend echoes the
// rendered body, and (when the case has no body, since a MOCK's response template sees an empty
// payload) as a MOCK response template.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createGateway, renderMappingTemplate, silentLogger } from '../../src/index.js'
import type { MappingTemplateInput } from '../../src/index.js'
import { openApi } from '../fixtures/mini-api.js'

interface Case {
  name: string
  template: string
  input: MappingTemplateInput
  expected: string
}
interface Group {
  group: string
  source: string
  cases: Case[]
}

const table = JSON.parse(
  readFileSync(new URL('./mapping/templates.json', import.meta.url), 'utf8'),
) as { groups: Group[] }

function gatewayFor(testCase: Case, kind: 'http' | 'mock') {
  const pathNames = Object.keys(testCase.input.params?.path ?? {})
  const resource = `/c${pathNames.map((n) => `/{${n}}`).join('')}`
  const responses = { 200: { description: 'ok' } }
  const integration =
    kind === 'http'
      ? {
          type: 'http',
          httpMethod: 'POST',
          uri: 'http://backend.test/echo',
          requestTemplates: { 'application/json': testCase.template },
          responses: { default: { statusCode: '200' } },
        }
      : {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: {
            default: {
              statusCode: '200',
              responseTemplates: { 'application/json': testCase.template },
            },
          },
        }
  return createGateway({
    api: openApi({
      [resource]: { post: { responses, 'x-amazon-apigateway-integration': integration } },
    }),
    stage: { name: 'prod', variables: { ...testCase.input.stageVariables } },
    // The backend answers with exactly what the template rendered.
    fetch: async (_url, init) =>
      new Response(init.body as string, { headers: { 'Content-Type': 'application/json' } }),
    logger: silentLogger,
  })
}

function requestFor(testCase: Case) {
  const params = testCase.input.params ?? {}
  const path = Object.values(params.path ?? {})
    .map((v) => `/${encodeURIComponent(v)}`)
    .join('')
  const query = new URLSearchParams(params.querystring ?? {}).toString()
  return {
    method: 'POST',
    path: `/c${path}${query ? `?${query}` : ''}`,
    headers: { ...params.header },
    body: testCase.input.body ?? null,
  }
}

const total = table.groups.reduce((n, g) => n + g.cases.length, 0)
it('holds at least 80 cases, each group with its source', () => {
  expect(total).toBeGreaterThanOrEqual(80)
  for (const group of table.groups) expect(group.source.length).toBeGreaterThan(10)
})

for (const group of table.groups) {
  describe(`${group.group} (${group.source.split(';')[0]})`, () => {
    for (const testCase of group.cases) {
      it(`${testCase.name}: renderMappingTemplate`, () => {
        expect(renderMappingTemplate(testCase.template, testCase.input)).toBe(testCase.expected)
      })
      // $context comes from the gateway itself, so cases that inject one run only above.
      if (testCase.input.context !== undefined) continue
      it(`${testCase.name}: gateway, HTTP integration request template`, async () => {
        const res = await gatewayFor(testCase, 'http').invoke(requestFor(testCase))
        expect([res.statusCode, res.body]).toEqual([200, testCase.expected])
      })
      if (testCase.input.body !== undefined) continue
      it(`${testCase.name}: gateway, MOCK response template`, async () => {
        const res = await gatewayFor(testCase, 'mock').invoke(requestFor(testCase))
        expect([res.statusCode, res.body]).toEqual([200, testCase.expected])
      })
    }
  })
}
