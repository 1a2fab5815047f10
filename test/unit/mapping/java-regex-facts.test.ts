// Issue 14, "Java regexes": selectionPattern and template regexes take Java's syntax, including
// (?s) and possessive quantifiers, on the linear-time engine. Possessive quantifiers run as
// greedy ones where that is provably the same; elsewhere the pattern is refused (a ConfigError in
// a definition, a 500 in a template), never run with a different answer.
// Source for every expected answer: java.util.regex.Pattern semantics,
// https://docs.oracle.com/javase/8/docs/api/java/util/regex/Pattern.html (possessive quantifiers,
// embedded flags), as OpenJDK's String.matches / replaceAll answer.
import { describe, expect, it } from 'vitest'
import { ConfigError, createGateway, silentLogger } from '../../../src/index.js'
import { lambdaUri, openApi } from '../../fixtures/mini-api.js'

const JAVA = 'java.util.regex.Pattern'

/** A Lambda custom integration whose error message is selected by `pattern`. */
function selectionGateway(pattern: string) {
  return createGateway({
    api: openApi({
      '/fn': {
        post: {
          responses: { 200: { description: 'ok' }, 400: { description: 'matched' } },
          'x-amazon-apigateway-integration': {
            type: 'aws',
            httpMethod: 'POST',
            uri: lambdaUri('Fn'),
            responses: {
              default: { statusCode: '200' },
              [pattern]: { statusCode: '400' },
            },
          },
        },
      },
    }),
    lambdas: {
      Fn: async (event: { message: string }) => {
        throw new Error(event.message)
      },
    },
    logger: silentLogger,
  })
}

describe('selectionPattern with Java syntax', () => {
  const rows = [
    { pattern: '(?s)Error:.*', message: 'Error: line one\nline two', matches: true, source: JAVA },
    { pattern: 'Error:.*', message: 'Error: line one\nline two', matches: false, source: JAVA },
    { pattern: '\\++', message: '+++', matches: true, source: `${JAVA} (escaped + then +)` },
    { pattern: 'a\\++b', message: 'a++b', matches: true, source: JAVA },
    { pattern: '\\d++ not found', message: '404 not found', matches: true, source: JAVA },
    { pattern: '[A-Z]\\w*+: .*', message: 'Bad: input', matches: true, source: JAVA },
    { pattern: 'x?+y', message: 'xy', matches: true, source: JAVA },
    { pattern: '\\d{1,3}+-\\d++', message: '123-45', matches: true, source: JAVA },
    { pattern: '\\s*+\\S.*', message: '  x', matches: true, source: JAVA },
    { pattern: '\\d++(\\.\\d+)? ms', message: '12.5 ms', matches: true, source: JAVA },
    { pattern: '\\w++(?:-|\\.)(x|y)', message: 'ab-y', matches: true, source: JAVA },
  ]
  it.each(rows)('$pattern against $message → $matches ($source)', async (row) => {
    const res = await selectionGateway(row.pattern).invoke({
      method: 'POST',
      path: '/fn',
      body: JSON.stringify({ message: row.message }),
    })
    expect(res.statusCode).toBe(row.matches ? 400 : 200)
  })

  const refused = [
    {
      pattern: 'a*+a',
      why: 'Java never matches it (the possessive a*+ leaves no a); greedy would',
    },
    { pattern: '.*+x', why: '. can match the x that follows' },
    { pattern: '(?i)a*+A', why: 'under (?i) a and A are the same character' },
    { pattern: '(\\d++|x)5', why: 'the 5 after the group can be a digit' },
    { pattern: 'x*+(y|x)w', why: 'the group can start with x' },
    { pattern: 'x*+(y|)x', why: 'the group can be empty, and x follows' },
  ]
  it.each(refused)(
    '$pattern is a ConfigError naming the place and the pattern ($why)',
    ({ pattern }) => {
      let error: unknown
      try {
        selectionGateway(pattern)
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as Error).message).toContain('x-amazon-apigateway-integration.responses.')
      expect((error as Error).message).toContain(JSON.stringify(pattern))
      expect((error as Error).message).toContain('possessive')
    },
  )
})

describe('template regexes with Java syntax', () => {
  const gateway = createGateway({
    api: openApi({
      '/t': {
        post: {
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: {
              default: {
                statusCode: '200',
                responseTemplates: {
                  'application/json':
                    "$input.params('s').replaceAll($input.params('p'), $input.params('r'))",
                },
              },
            },
          },
        },
      },
    }),
    logger: silentLogger,
  })
  const rows = [
    { s: 'a+++b', p: '\\++', r: '-', out: 'a-b', source: JAVA },
    { s: 'a\nb', p: '(?s)a.b', r: 'X', out: 'X', source: JAVA },
    { s: 'a\nb', p: 'a.b', r: 'X', out: 'a\nb', source: JAVA },
    { s: 'aaa1', p: 'a++1', r: 'X', out: 'X', source: JAVA },
    { s: '12ab', p: '\\d*+', r: '#', out: '##a#b#', source: JAVA },
  ]
  it.each(rows)('"$s".replaceAll("$p", "$r") → "$out" ($source)', async (row) => {
    const query = new URLSearchParams({ s: row.s, p: row.p, r: row.r }).toString()
    const res = await gateway.invoke({ method: 'POST', path: `/t?${query}` })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe(row.out)
  })
  it('a possessive pattern that cannot run as greedy is a 500 (a*+a)', async () => {
    const query = new URLSearchParams({ s: 'aaa', p: 'a*+a', r: 'X' }).toString()
    const res = await gateway.invoke({ method: 'POST', path: `/t?${query}` })
    expect(res.statusCode).toBe(500)
    expect(res.body).toBe('{"message":"Internal server error"}')
  })
})
