import { describe, expect, it } from 'vitest'
import { ConfigError, createGateway, silentLogger } from '../../src/index.js'
import { lambdaUri, openApi } from '../fixtures/mini-api.js'

// Patterns that take exponential (or, for the last, polynomial) time on a backtracking engine
// against a long run of `a`s with no match at the end. Source: OWASP "Regular expression Denial
// of Service - ReDoS" (evil regexes `(a+)+`, `(a|a)*`, `(.*a){x}`).
const EVIL: readonly string[] = ['(a+)+b', '(a|a)*b', '(.*a){20}b', '(a|aa)+b', '(\\w+\\s?)+b']
const LONG = 'a'.repeat(50_000)

const responses = { 200: { description: 'ok' }, 400: { description: 'bad' } }

/** A Lambda custom integration whose function throws the request body as its error message. */
function throwingLambda(selectionPattern: string) {
  return {
    responses,
    'x-amazon-apigateway-integration': {
      type: 'aws',
      httpMethod: 'POST',
      uri: lambdaUri('Echo'),
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

/** A Lambda custom integration whose request template runs `expression`; the function echoes. */
function templated(expression: string) {
  return {
    responses: { 200: { description: 'ok' } },
    'x-amazon-apigateway-integration': {
      type: 'aws',
      httpMethod: 'POST',
      uri: lambdaUri('Return'),
      requestTemplates: { 'application/json': `{"r": "${expression}"}` },
      responses: { default: { statusCode: '200' } },
    },
  }
}

const lambdas = {
  Echo: async (event: { text: string }) => {
    throw new Error(event.text)
  },
  Return: async (event: { r: string }) => event.r,
}

describe('regex denial of service', () => {
  describe('selectionPattern against a client-controlled Lambda errorMessage', () => {
    const paths: Record<string, unknown> = {}
    EVIL.forEach((pattern, i) => (paths[`/evil${i}`] = { post: throwingLambda(pattern) }))
    paths['/multiline'] = { post: throwingLambda('Bad:.*') }
    paths['/dotall'] = { post: throwingLambda('(?s)Bad:.*') }
    const gateway = createGateway({ api: openApi(paths), lambdas, logger: silentLogger })

    it.each(EVIL.map((pattern, i) => [pattern, i] as const))(
      '%j answers at once: the default response, not selected',
      async (_pattern, i) => {
        const reply = await gateway.invoke({
          method: 'POST',
          path: `/evil${i}`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: LONG }),
        })
        expect(reply.statusCode).toBe(200)
        expect(JSON.parse(reply.body)).toMatchObject({ errorMessage: LONG })
      },
    )

    it('still selects when the whole message matches', async () => {
      const reply = await gateway.invoke({
        method: 'POST',
        path: '/evil0',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: `${LONG}b` }),
      })
      expect(reply.statusCode).toBe(400)
      expect(reply.body).toBe('{"selected": true}')
    })

    it('a multi-line message needs (?s), as in Java (AWS docs: `.` does not match a newline)', async () => {
      const send = (path: string) =>
        gateway.invoke({
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'Bad: one\ntwo' }),
        })
      expect((await send('/multiline')).statusCode).toBe(200)
      expect((await send('/dotall')).statusCode).toBe(400)
    })
  })

  describe('template string methods on the client-controlled body', () => {
    const body = JSON.stringify({ s: LONG })
    const json = { 'content-type': 'application/json' }
    const cases: ReadonlyArray<readonly [string, string, string]> = [
      ['matches', "$input.path('$.s').matches('(a+)+b')", 'false'],
      ['matches', "$input.path('$.s').matches('(a|a)*b')", 'false'],
      ['replaceAll', "$input.path('$.s').replaceAll('(a+)+b', 'x').length()", '50000'],
      ['replaceFirst', "$input.path('$.s').replaceFirst('(.*a){20}b', 'x').length()", '50000'],
      ['split', "$input.path('$.s').split('(a|a)*b').size()", '1'],
      ['replaceAll', "$input.path('$.s').replaceAll('(a+)+', 'x')", 'x'],
    ]
    const paths: Record<string, unknown> = {}
    cases.forEach(([, expression], i) => (paths[`/t${i}`] = { post: templated(expression) }))
    paths['/client-pattern'] = {
      post: templated("$input.path('$.s').matches($input.params('p'))"),
    }
    paths['/quadratic'] = { post: templated("$input.path('$.s').replaceAll('a*b|a', 'x')") }
    const gateway = createGateway({ api: openApi(paths), lambdas, logger: silentLogger })

    it.each(cases.map(([name, expression, expected], i) => [name, expression, expected, i]))(
      '%s: %s answers %j at once',
      async (_name, _expression, expected, i) => {
        const reply = await gateway.invoke({ method: 'POST', path: `/t${i}`, headers: json, body })
        expect(reply.statusCode).toBe(200)
        expect(reply.body).toBe(JSON.stringify(expected))
      },
    )

    it('a pattern from the client runs on the linear engine too', async () => {
      const ask = (p: string) =>
        gateway.invoke({
          method: 'POST',
          path: `/client-pattern?p=${encodeURIComponent(p)}`,
          headers: json,
          body,
        })
      expect((await ask('((a+)+)+b')).body).toBe('"false"')
      expect((await ask('a{50000}')).statusCode).toBe(500) // over RE2's repetition limit
      expect((await ask('(')).statusCode).toBe(500) // a compile error is a template error
      expect((await ask('(?=a)a*')).statusCode).toBe(500) // lookahead: not run at all
      expect((await ask('a'.repeat(40_000))).statusCode).toBe(500) // longer than the limit
      expect((await ask('a*')).body).toBe('"true"')
    })

    it('a search that would scan the rest of the input for every match fails instead of hanging', async () => {
      const reply = await gateway.invoke({
        method: 'POST',
        path: '/quadratic',
        headers: json,
        body,
      })
      expect(reply.statusCode).toBe(500)
      expect(JSON.parse(reply.body)).toEqual({ message: 'Internal server error' })
      // The same pattern over a short input still answers.
      const short = await gateway.invoke({
        method: 'POST',
        path: '/quadratic',
        headers: json,
        body: JSON.stringify({ s: 'aab' }),
      })
      expect(short.body).toBe('"x"')
    })
  })

  describe('patterns in the definition', () => {
    it.each(['(?=a).*', '(a)\\1', '(?>a+)'])(
      'a selectionPattern needing backtracking (%j) is a ConfigError naming the place',
      (pattern) => {
        const create = () =>
          createGateway({ api: openApi({ '/x': { post: throwingLambda(pattern) } }), lambdas })
        expect(create).toThrow(ConfigError)
        expect(create).toThrow(/responses/)
      },
    )
  })
})
