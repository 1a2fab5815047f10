// Every regex call and $util function charges the render's step budget for the work it does
// (characters the engine reads × program size, searches started, matches replaced, characters
// walked), so no body up to the 10 MB limit makes a template block the event loop: the work
// within the budget answers, the rest is AWS's 500 for a failed template. The elapsed-time
// checks are hang guards only; the assertions are about answers.
import { describe, expect, it } from 'vitest'
import {
  createGateway,
  renderMappingTemplate,
  silentLogger,
  TemplateRuntimeError,
} from '../../src/index.js'
import { lambdaUri, openApi, tokenAuthorizerScheme } from '../fixtures/mini-api.js'

const INTERNAL = { message: 'Internal server error' }
const json = { 'content-type': 'application/json' }
const GUARD_MS = 3000

/** Renders `template` over `body`, failing the test if it takes longer than the hang guard. */
function timed<T>(run: () => T): T {
  const started = performance.now()
  try {
    return run()
  } finally {
    const elapsed = performance.now() - started
    expect(elapsed, `blocked for ${Math.round(elapsed)} ms`).toBeLessThan(GUARD_MS)
  }
}

const render = (template: string, body: unknown): string =>
  timed(() =>
    renderMappingTemplate(template, {
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  )
const refused = (template: string, body: unknown): void => {
  expect(() => render(template, body)).toThrow(TemplateRuntimeError)
}

/** A Lambda custom integration whose request template is `template`; the function echoes `r`. */
function templated(template: string) {
  return {
    responses: { 200: { description: 'ok' }, 400: { description: 'bad' } },
    'x-amazon-apigateway-integration': {
      type: 'aws',
      httpMethod: 'POST',
      uri: lambdaUri('Return'),
      requestTemplates: { 'application/json': template },
      responses: { default: { statusCode: '200' } },
    },
  }
}

/** A Lambda custom integration whose function throws the client's text; one error pattern. */
function throwing(selectionPattern: string) {
  return {
    responses: { 200: { description: 'ok' }, 400: { description: 'bad' } },
    'x-amazon-apigateway-integration': {
      type: 'aws',
      httpMethod: 'POST',
      uri: lambdaUri('Throw'),
      requestTemplates: { 'application/json': '{"text": $input.json(\'$.text\')}' },
      responses: {
        default: { statusCode: '200' },
        [selectionPattern]: {
          statusCode: '400',
          responseTemplates: { 'application/json': '{"selected": true}' },
        },
      },
    },
  }
}

const gateway = createGateway({
  api: openApi({
    '/quote': {
      post: templated(`{"name": "$input.path('$.name').replaceAll('"', '\\\\"')"}`),
    },
    '/first': {
      post: templated(`{"r": $input.path('$.s').replaceFirst($input.path('$.p'), '').length()}`),
    },
    '/select': { post: throwing('.*(?:a?){700}a{700}c') },
  }),
  lambdas: {
    Return: async (event: unknown) => event,
    Throw: async (event: { text: string }) => {
      throw new Error(event.text)
    },
  },
  logger: silentLogger,
})

async function invoke(path: string, body: unknown) {
  const started = performance.now()
  const reply = await gateway.invoke({
    method: 'POST',
    path,
    headers: json,
    body: JSON.stringify(body),
  })
  const elapsed = performance.now() - started
  expect(elapsed, `blocked for ${Math.round(elapsed)} ms`).toBeLessThan(GUARD_MS)
  return { status: reply.statusCode, body: JSON.parse(reply.body) as unknown }
}

describe('template CPU budget', () => {
  describe('literal patterns run natively, charged per match', () => {
    it("escapes quotes with replaceAll('\"', '\\\\\"') (a Java-escaped replacement)", async () => {
      expect(await invoke('/quote', { name: 'say "hi"' })).toEqual({
        status: 200,
        body: { name: 'say "hi"' },
      })
      const many = '"'.repeat(100_000)
      expect(await invoke('/quote', { name: many })).toEqual({ status: 200, body: { name: many } })
    })

    it('refuses millions of quotes with a 500 instead of hanging', async () => {
      expect(await invoke('/quote', { name: '"'.repeat(2_000_000) })).toEqual({
        status: 500,
        body: INTERNAL,
      })
    })

    it('replaceAll and split with the empty pattern keep Java semantics', () => {
      expect(render("$input.path('$.s').replaceAll('', 'bb')", { s: 'ab' })).toBe('bbabbbbb')
      expect(render("$input.path('$.s').replaceFirst('', '-')", { s: 'ab' })).toBe('-ab')
      expect(render("$input.path('$.s').split('')", { s: 'abc' })).toBe('[a, b, c]')
      expect(render("$input.path('$.s').replaceAll('', '-')", { s: '' })).toBe('-')
      expect(render("$input.path('$.s').replace('', '-')", { s: '' })).toBe('-')
      expect(() => render("$input.path('$.s').split('(')", { s: '' })).toThrow()
      refused("$input.path('$.s').replaceAll('', 'bb').length()", { s: 'a'.repeat(2_000_000) })
      refused("$input.path('$.s').split('').size()", { s: 'a'.repeat(2_000_000) })
    })

    it('a replacement with a dangling backslash or a group still fails like Java', () => {
      expect(() => render("$input.path('$.s').replaceAll('a', '\\')", { s: 'a' })).toThrow()
      expect(() => render("$input.path('$.s').replaceAll('a', '$1')", { s: 'a' })).toThrow()
      expect(render("$input.path('$.s').replaceAll('a', '\\$0')", { s: 'ab' })).toBe('$0b')
      expect(render("$input.path('$.s').replaceAll('a', '<$0>')", { s: 'ab' })).toBe('<a>b')
      // Java only parses the replacement when something matched.
      expect(render("$input.path('$.s').replaceAll('x', '$9')", { s: 'ab' })).toBe('ab')
    })
  })

  describe('regex calls are charged per character read and per search', () => {
    it('replaceAll with a group reference: small answers, millions of matches are refused', () => {
      const template = "$input.path('$.s').replaceAll('([\"\\\\])', '\\\\$1')"
      expect(render(template, { s: 'a"b\\c' })).toBe('a\\"b\\\\c')
      refused(`${template}.length()`, { s: '"'.repeat(500_000) })
    })

    it('replaceAll of a class, and of a group repeated, over a long body fails', () => {
      expect(render("$input.path('$.s').replaceAll('[^A-Za-z0-9]', '')", { s: 'a-b_c' })).toBe(
        'abc',
      )
      refused("$input.path('$.s').replaceAll('[^A-Za-z0-9]', '').length()", {
        s: '-'.repeat(1_000_000),
      })
      expect(render("$input.path('$.s').replaceAll('(a)', '$1$1$1$1')", { s: 'ab' })).toBe('aaaab')
      refused("$input.path('$.s').replaceAll('(a)', '$1$1$1$1').length()", {
        s: 'a'.repeat(1_000_000),
      })
    })

    it('split with a client pattern is charged like replaceAll', () => {
      const template = "$input.path('$.s').split($input.path('$.p'))"
      expect(render(template, { s: 'a"b', p: '"|x' })).toBe('[a, b]')
      refused(`${template}.size()`, { s: '"'.repeat(1_000_000), p: '"|x' })
    })

    it('a large client program over a long input fails, for replaceFirst as for replaceAll', async () => {
      const p = '(?:a?){700}a{700}b'
      expect(await invoke('/first', { s: `${'a'.repeat(1000)}b`, p })).toEqual({
        status: 200,
        body: { r: 0 },
      })
      expect(await invoke('/first', { s: `${'a'.repeat(300_000)}b`, p })).toEqual({
        status: 500,
        body: INTERNAL,
      })
      refused("$input.path('$.s').replaceAll($input.path('$.p'), '').length()", {
        s: `${'a'.repeat(100_000)}b`,
        p,
      })
    })

    it('matches is charged too: an anchored search that dies early answers, one that cannot is refused', () => {
      const template = "$input.path('$.s').matches($input.path('$.p'))"
      const s = `${'a'.repeat(300_000)}b`
      expect(render(template, { s, p: '(?:a?){700}a{700}b' })).toBe('false')
      refused(template, { s, p: '.*(?:a?){700}a{700}c' })
    })

    it('many small calls share one budget', () => {
      const loop = (n: number) =>
        `#foreach($i in [1..${n}])#set($x = $input.path('$.s').replaceAll('[^a]', '-'))#end$x.length()`
      const body = { s: 'ab'.repeat(512) }
      expect(render(loop(10), body)).toBe('1024')
      refused(loop(1000), body)
    })

    it('a selectionPattern gets a budget of its own: too much work is a 500, not a hang', async () => {
      expect(await invoke('/select', { text: `${'a'.repeat(1000)}c` })).toEqual({
        status: 400,
        body: { selected: true },
      })
      const reply = await invoke('/select', { text: 'a'.repeat(100_000) })
      expect(reply.status).toBe(500)
    })
  })

  it('an identityValidationExpression gets a budget of its own: a 10 KB token cannot hang it', async () => {
    const guarded = createGateway({
      api: {
        swagger: '2.0',
        info: { title: 'token', version: '1' },
        securityDefinitions: {
          tok: tokenAuthorizerScheme({ identityValidationExpression: '.*(?:a?){700}a{700}c' }),
        },
        paths: {
          '/x': {
            get: {
              security: [{ tok: [] }],
              'x-amazon-apigateway-integration': {
                type: 'aws_proxy',
                httpMethod: 'POST',
                uri: lambdaUri('Fn'),
              },
            },
          },
        },
      },
      lambdas: {
        Auth: async () => ({
          principalId: 'u',
          policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        }),
        Fn: async () => ({ statusCode: 200, body: 'in' }),
      },
      logger: silentLogger,
    })
    const ask = async (token: string) => {
      const started = performance.now()
      const reply = await guarded.invoke({
        method: 'GET',
        path: '/x',
        headers: { authorization: token },
      })
      expect(performance.now() - started).toBeLessThan(GUARD_MS)
      return reply
    }
    expect((await ask(`${'a'.repeat(1000)}c`)).body).toBe('in')
    const reply = await ask('a'.repeat(10_000))
    expect(reply.statusCode).toBeGreaterThanOrEqual(400)
    expect(reply.body).not.toBe('in')
  })

  describe('$util functions walk once and charge per character', () => {
    it('urlDecode and urlEncode over large bodies answer, and their repeats are refused', () => {
      const plus = '+'.repeat(2_000_000)
      expect(render('$util.urlDecode($input.body).length()', plus)).toBe('2000000')
      refused('#foreach($i in [1..20])#set($x = $util.urlDecode($input.body))#end$x.length()', plus)
      expect(render('$util.urlEncode($input.body).length()', 'é'.repeat(100_000))).toBe('600000')
      // 2 M é encode to 12 M characters: refused before they are built.
      refused('$util.urlEncode($input.body).length()', 'é'.repeat(2_000_000))
    })

    it('urlDecode follows Java: bad escapes fail, malformed UTF-8 becomes U+FFFD', () => {
      expect(render("$util.urlDecode('a+b%21%C3%A9%E2%82%AC')", '{}')).toBe('a b!é€')
      expect(render("$util.urlDecode('%FF')", '{}')).toBe('\uFFFD')
      expect(() => render("$util.urlDecode('%4')", '{}')).toThrow(TemplateRuntimeError)
      expect(() => render("$util.urlDecode('%zz')", '{}')).toThrow(TemplateRuntimeError)
      expect(render("$util.urlEncode('a b*~😀')", '{}')).toBe('a+b*%7E%F0%9F%98%80')
    })
  })
})
