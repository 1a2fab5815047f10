// Template text → objects: CloudFormation's short-form YAML tags in long form, and telling a
// template from an OpenAPI document.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
import { describe, expect, it } from 'vitest'
import { ConfigError, createGateway, importTemplate, isPorticoError } from '../../../src/index.js'
import { isTemplate, parseTemplate } from '../../../src/template/index.js'

/** Short form (YAML) → long form, as the CloudFormation user guide writes each function. */
const SHORT_FORMS: Array<[yaml: string, long: unknown]> = [
  ['!Ref Stage', { Ref: 'Stage' }],
  ['!Sub "arn:${AWS::Partition}:x"', { 'Fn::Sub': 'arn:${AWS::Partition}:x' }],
  ['!Sub ["${A}-b", { A: !Ref P }]', { 'Fn::Sub': ['${A}-b', { A: { Ref: 'P' } }] }],
  ['!GetAtt Fn.Arn', { 'Fn::GetAtt': ['Fn', 'Arn'] }],
  ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
  ['!GetAtt [Fn, Arn]', { 'Fn::GetAtt': ['Fn', 'Arn'] }],
  ['!Join ["-", [a, !Ref B]]', { 'Fn::Join': ['-', ['a', { Ref: 'B' }]] }],
  ['!If [IsProd, a, !Ref AWS::NoValue]', { 'Fn::If': ['IsProd', 'a', { Ref: 'AWS::NoValue' }] }],
  ['!Select [0, !Split [",", "a,b"]]', { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] }],
  ['!FindInMap [M, k, v]', { 'Fn::FindInMap': ['M', 'k', 'v'] }],
  ['!ImportValue shared-table', { 'Fn::ImportValue': 'shared-table' }],
  ['!Base64 hi', { 'Fn::Base64': 'hi' }],
  ['!Equals [!Ref S, prod]', { 'Fn::Equals': [{ Ref: 'S' }, 'prod'] }],
  [
    '!And [!Condition A, !Not [!Condition B]]',
    { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Not': [{ Condition: 'B' }] }] },
  ],
  ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
  ['!Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
  ['!GetAZs ""', { 'Fn::GetAZs': '' }],
]

describe('parseTemplate', () => {
  it.each(SHORT_FORMS)('%s', (yaml, long) => {
    expect(parseTemplate(`Resources: {}\nValue: ${yaml}`)['Value']).toEqual(long)
  })

  it('reads JSON and objects as they are', () => {
    const doc = { Resources: { A: { Type: 'AWS::SNS::Topic' } } }
    expect(parseTemplate(JSON.stringify(doc))).toEqual(doc)
    expect(parseTemplate(doc)).toBe(doc)
  })

  it.each([
    ['Resources: [', 'template is not valid YAML'],
    ['{"Resources": ', 'template is not valid JSON'],
    ['AWSTemplateFormatVersion: "2010-09-09"', 'a template needs a Resources object'],
  ])('%j is a ConfigError', (text, message) => {
    expect(() => importTemplate(text)).toThrow(ConfigError)
    expect(() => importTemplate(text)).toThrow(message)
  })
})

describe('isTemplate', () => {
  it.each([
    ['Transform: AWS::Serverless-2016-10-31\nResources: {}', true],
    ['AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: { Type: AWS::SNS::Topic }', true],
    ['{"Resources": {}}', true],
    [{ Resources: {} }, true],
    ['openapi: 3.0.1\ninfo: { title: t }\npaths: {}', false],
    [{ swagger: '2.0', paths: {} }, false],
    ['{"openapi": "3.0.1", "x-Resources": {}}', false],
  ])('%j → %s', (input, expected) => {
    expect(isTemplate(input)).toBe(expected)
  })

  it('createGateway still takes OpenAPI documents', async () => {
    const gateway = createGateway({
      api: {
        openapi: '3.0.1',
        info: { title: 't', version: '1' },
        paths: {
          '/': {
            get: {
              'x-amazon-apigateway-integration': {
                type: 'mock',
                requestTemplates: { 'application/json': '{"statusCode": 200}' },
                responses: { default: { statusCode: '200' } },
              },
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      },
    })
    expect((await gateway.invoke({ method: 'GET', path: '/' })).statusCode).toBe(200)
  })

  it('a template error is a Portico error, never a TypeError', () => {
    try {
      createGateway({ api: 'Resources:\n  Fn:\n    Properties: {}' })
      expect.unreachable()
    } catch (error) {
      expect(isPorticoError(error)).toBe(true)
      expect((error as ConfigError).path).toBe('Resources.Fn.Type')
    }
  })
})
