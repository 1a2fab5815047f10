/**
 * `templateVars`: the `${name}` placeholders of an OpenAPI document written for Terraform's
 * `templatefile()`, substituted as Terraform does.
 * Rules: https://developer.hashicorp.com/terraform/language/functions/templatefile and
 * https://developer.hashicorp.com/terraform/language/expressions/strings (escape sequences).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, createGateway, importOpenApi } from '../../../src/index.js'
import { serve } from '../../../src/cli/serve.js'

const TF_STRINGS = 'https://developer.hashicorp.com/terraform/language/expressions/strings'
const TF_TEMPLATEFILE = 'https://developer.hashicorp.com/terraform/language/functions/templatefile'

/** A document whose one integration's request template is `template`. */
const yamlWith = (template: string): string =>
  [
    'openapi: 3.0.1',
    'info:',
    '  title: t',
    'paths:',
    '  /a:',
    '    get:',
    '      x-amazon-apigateway-integration:',
    '        type: http',
    '        httpMethod: GET',
    '        uri: "https://${backend}/a"',
    '        requestTemplates:',
    `          application/json: '${template}'`,
  ].join('\n')
const vars = { backend: 'example.com', n: 7, on: true }
const read = (template: string): string | undefined =>
  importOpenApi(yamlWith(template), { templateVars: vars }).resources[1]?.methods.GET?.integration
    ?.requestTemplates['application/json']

// [case, source, written, read]
const SUBSTITUTED: Array<[string, string, string, string]> = [
  ['${name} is the value', TF_TEMPLATEFILE, 'host ${backend}', 'host example.com'],
  ['spaces inside the braces', TF_STRINGS, 'host ${ backend }', 'host example.com'],
  ['numbers and booleans as text', TF_TEMPLATEFILE, '${n} ${on}', '7 true'],
  [
    '$${ is a literal ${',
    TF_STRINGS,
    '$${stageVariables.x} $${backend}',
    '${stageVariables.x} ${backend}',
  ],
  ['%%{ is a literal %{', TF_STRINGS, '%%{x}', '%{x}'],
  [
    '${stageVariables.x} (not a bare name) is left as written',
    'Portico choice (docs/templates.md)',
    '${stageVariables.x}',
    '${stageVariables.x}',
  ],
  [
    '${AWS::Region} is left as written',
    'Portico choice (docs/templates.md)',
    '${AWS::Region}',
    '${AWS::Region}',
  ],
  ['a lone $ or { is text', TF_STRINGS, '$x {y} $', '$x {y} $'],
]

describe('templateVars (Terraform templatefile placeholders)', () => {
  it.each(SUBSTITUTED)('%s (%s)', (_, _source, written, expected) => {
    expect(read(written)).toBe(expected)
  })

  it('substitutes in the whole text, before parsing (a URI here)', () => {
    const api = importOpenApi(yamlWith('x'), { templateVars: vars })
    expect(api.resources[1]?.methods.GET?.integration?.uri).toBe('https://example.com/a')
  })

  it('without templateVars nothing is substituted', () => {
    const api = importOpenApi(yamlWith('$${x}'))
    expect(api.resources[1]?.methods.GET?.integration?.uri).toBe('https://${backend}/a')
    expect(api.resources[1]?.methods.GET?.integration?.requestTemplates['application/json']).toBe(
      '$${x}',
    )
  })

  it('a ${name} without a value is a ConfigError giving the line, as templatefile fails', () => {
    expect(() => read('${missing}')).toThrow(ConfigError)
    expect(() => read('${missing}')).toThrow('line 12: ${missing} has no value in templateVars')
  })

  it('a %{ directive is a ConfigError (not run by Portico)', () => {
    expect(() => read('%{ if on }x%{ endif }')).toThrow(/directives .* are not supported/)
  })

  it('in a document object, every string is substituted and errors name the place', () => {
    const document = {
      openapi: '3.0.1',
      info: { title: '${title}' },
      paths: {
        '/a': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'http',
              httpMethod: 'GET',
              uri: 'https://${backend}/',
            },
          },
        },
      },
    }
    const api = importOpenApi(document, { templateVars: { ...vars, title: 'T' } })
    expect(api.name).toBe('T')
    expect(api.resources[1]?.methods.GET?.integration?.uri).toBe('https://example.com/')
    expect(() => importOpenApi(document, { templateVars: vars })).toThrow(
      expect.objectContaining({
        path: 'info.title',
        message: 'info.title: ${title} has no value in templateVars',
      }),
    )
  })

  it('a result over 6 MB is a ConfigError, not an allocation', () => {
    const big = 'x'.repeat(1024 * 1024)
    expect(() =>
      importOpenApi(yamlWith('${b}'.repeat(10)), { templateVars: { ...vars, b: big } }),
    ).toThrow(/larger than the 6 MB/)
  })

  it('createGateway({ templateVars }) serves the substituted document, once', async () => {
    const gateway = createGateway({
      api: [
        'openapi: 3.0.1',
        'info: { title: t }',
        'paths:',
        '  /a:',
        '    get:',
        "      responses: { '200': { description: ok } }",
        '      x-amazon-apigateway-integration:',
        '        type: mock',
        '        requestTemplates: { application/json: \'{"statusCode": 200}\' }',
        '        responses:',
        '          default:',
        '            statusCode: 200',
        '            responseTemplates:',
        '              application/json: \'{"env": "${env}", "literal": "$${AWS::Region}", "stage": "$context.stage"}\'',
      ].join('\n'),
      templateVars: { env: 'prod' },
    })
    const response = await gateway.invoke({ method: 'GET', path: '/a' })
    // `$${AWS::Region}` became a literal `${AWS::Region}`, which the mapping template prints.
    expect(JSON.parse(response.body)).toEqual({
      env: 'prod',
      literal: '${AWS::Region}',
      stage: 'dev',
    })
  })

  it('portico serve --template-var: serve() passes templateVars (real socket)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-tv-'))
    const file = join(dir, 'api.yaml')
    writeFileSync(
      file,
      [
        'openapi: 3.0.1',
        'info: { title: t }',
        'paths:',
        '  /a:',
        '    get:',
        "      responses: { '200': { description: ok } }",
        '      x-amazon-apigateway-integration:',
        '        type: mock',
        '        requestTemplates: { application/json: \'{"statusCode": ${code}}\' }',
        '        responses: { default: { statusCode: 200, responseTemplates: { application/json: "${greeting}" } } }',
      ].join('\n'),
    )
    const running = await serve({
      apiFile: file,
      port: 0,
      templateVars: { code: '200', greeting: 'hello' },
    })
    try {
      const response = await fetch(`${running.invokeUrl}/a`)
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('hello')
    } finally {
      await running.close()
    }
  })
})

describe('templateVars limits', () => {
  it('a document object nested too deep is a ConfigError, not a stack overflow', () => {
    let deep: Record<string, unknown> = { leaf: '${x}' }
    for (let i = 0; i < 5000; i++) deep = { d: deep }
    expect(() =>
      importOpenApi({ openapi: '3.0.1', paths: {}, 'x-deep': deep }, { templateVars: { x: 1 } }),
    ).toThrow(/nested deeper than 1000 levels/)
  })
})
