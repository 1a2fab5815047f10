// Parameters, pseudo parameters, conditions and intrinsic functions, observed where a function
// sees them: its Environment.Variables as importTemplate resolves them.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
import { describe, expect, it } from 'vitest'
import { ConfigError, importTemplate } from '../../../src/index.js'

const TEMPLATE = `
Parameters:
  Stage: { Type: String, Default: test, AllowedValues: [test, prod] }
  Zones: { Type: CommaDelimitedList, Default: "a,b,c" }
  Secret: { Type: String }
Mappings:
  Sizes:
    test: { Memory: "128" }
    prod: { Memory: "1024" }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsTest: !Not [!Condition IsProd]
  Both: !And [!Condition IsTest, !Equals [a, a]]
  Either: !Or [!Condition IsProd, !Equals [a, b]]
Resources:
  Table: { Type: AWS::DynamoDB::Table, Properties: { TableName: !Sub "items-\${Stage}" } }
  Queue: { Type: AWS::SQS::Queue }
  Pool: { Type: AWS::Cognito::UserPool }
  Api: { Type: AWS::ApiGateway::RestApi, Properties: { Name: api, Body: { swagger: "2.0", info: { title: api }, paths: {} } } }
  ProdOnly: { Type: AWS::SNS::Topic, Condition: IsProd }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: "exports.handler = async () => ({})" }
      Environment:
        Variables:
          REGION: !Ref AWS::Region
          ACCOUNT: !Ref AWS::AccountId
          STACK: !Ref AWS::StackName
          PARTITION: !Ref AWS::Partition
          SUFFIX: !Ref AWS::URLSuffix
          STAGE: !Ref Stage
          TABLE: !Ref Table
          TABLE_ARN: !GetAtt Table.Arn
          QUEUE_URL: !Ref Queue
          QUEUE_ARN: !GetAtt [Queue, Arn]
          POOL_ARN: !GetAtt Pool.Arn
          SELF: !Ref Fn
          SELF_ARN: !GetAtt Fn.Arn
          API: !Sub "https://\${Api}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/prod"
          ROOT: !GetAtt Api.RootResourceId
          SUB_VARS: !Sub ["\${A}-\${B}", { A: x, B: !Ref Stage }]
          SUB_LITERAL: !Sub "\${!Literal}-\${Stage}"
          SUB_ATT: !Sub "\${Fn.Arn}"
          JOIN: !Join [":", [a, !Ref Stage, !Select [1, !Ref Zones]]]
          SPLIT: !Select [2, !Split ["/", "a/b/c"]]
          IF: !If [IsProd, live, sandbox]
          NOVALUE: !If [IsProd, live, !Ref AWS::NoValue]
          MAP: !FindInMap [Sizes, !Ref Stage, Memory]
          B64: !Base64 hi
          IMPORTED: !ImportValue shared-bucket
          BOTH: !If [Both, yes, no]
          EITHER: !If [Either, yes, no]
          ZONE: !Select [0, !GetAZs ""]
`

/** Variable → value with the defaults (Stage test, region us-east-1, account 123456789012). */
const EXPECTED: Record<string, string> = {
  REGION: 'us-east-1',
  ACCOUNT: '123456789012',
  STACK: 'portico',
  PARTITION: 'aws',
  SUFFIX: 'amazonaws.com',
  STAGE: 'test',
  TABLE: 'items-test',
  TABLE_ARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/items-test',
  QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/Queue',
  QUEUE_ARN: 'arn:aws:sqs:us-east-1:123456789012:Queue',
  SELF: 'orders',
  SELF_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
  SUB_VARS: 'x-test',
  SUB_LITERAL: '${Literal}-test',
  SUB_ATT: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
  JOIN: 'a:test:b',
  SPLIT: 'c',
  IF: 'sandbox',
  MAP: '128',
  B64: 'aGk=',
  IMPORTED: 's3-bucket-name',
  BOTH: 'yes',
  EITHER: 'no',
  ZONE: 'us-east-1a',
}

const options = { parameters: { Secret: 's' }, importValues: { 'shared-bucket': 's3-bucket-name' } }
const envOf = (overrides = {}) => {
  const { functions, warnings } = importTemplate(TEMPLATE, { ...options, ...overrides })
  return { env: functions[0]?.environment ?? {}, warnings }
}

describe('intrinsic functions', () => {
  const { env, warnings } = envOf()

  it.each(Object.entries(EXPECTED))('%s = %s', (name, value) => {
    expect(env[name]).toBe(value)
  })

  it('AWS::NoValue removes the property', () => {
    expect('NOVALUE' in env).toBe(false)
    expect(warnings).toEqual([
      'API Api has no stage in the template: Portico serves it as stage dev',
    ])
  })

  it('an API id is stable, and the same in Ref and Fn::Sub', () => {
    const { apis } = importTemplate(TEMPLATE, options)
    expect(env['API']).toBe(`https://${apis[0]?.apiId}.execute-api.us-east-1.amazonaws.com/prod`)
    expect(env['POOL_ARN']).toMatch(
      /^arn:aws:cognito-idp:us-east-1:123456789012:userpool\/us-east-1_\w+$/,
    )
  })

  it('parameters, region, account and stack name come from the options', () => {
    const { env: prod } = envOf({
      parameters: { Stage: 'prod', Secret: 's', Zones: 'x,y' },
      region: 'cn-north-1',
      accountId: '111122223333',
      stackName: 'shop',
    })
    expect(prod).toMatchObject({
      STAGE: 'prod',
      IF: 'live',
      NOVALUE: 'live',
      MAP: '1024',
      JOIN: 'a:prod:y',
      PARTITION: 'aws-cn',
      SUFFIX: 'amazonaws.com.cn',
      STACK: 'shop',
      SELF_ARN: 'arn:aws-cn:lambda:cn-north-1:111122223333:function:orders',
    })
  })
})

describe('what does not resolve', () => {
  it('a parameter outside AllowedValues is a ConfigError at the parameter', () => {
    expect(() =>
      importTemplate(TEMPLATE, { ...options, parameters: { Stage: 'qa', Secret: 's' } }),
    ).toThrow(
      new ConfigError('Parameters.Stage', 'value "qa" is not one of AllowedValues ["test","prod"]'),
    )
  })

  it('an environment variable that does not resolve is left out with a warning naming it', () => {
    const { env, warnings } = envOf({ parameters: { Secret: 's' }, importValues: {} })
    expect('IMPORTED' in env).toBe(false)
    expect(warnings).toContain(
      'Resources.Fn.Properties.Environment.Variables.IMPORTED is left out: Resources.Fn.Properties.Environment.Variables.IMPORTED.Fn::ImportValue: no value for the export shared-bucket: give it in importValues',
    )
  })

  it.each([
    ['!Ref Missing', 'unknown resource or parameter "Missing"'],
    ['!GetAtt Queue.Nope', 'Portico does not know the attribute Nope of AWS::SQS::Queue (Queue)'],
    ['!Ref ProdOnly', 'resource ProdOnly is not created (its Condition is false)'],
    ['!FindInMap [Sizes, qa, Memory]', 'Mappings.Sizes.qa.Memory does not exist'],
    ['!If [Nope, a, b]', 'unknown condition "Nope"'],
    ['!Select [5, [a]]', 'index 5 is outside the list of 1'],
  ])('in an API body, %s is a ConfigError naming the place', (yaml, message) => {
    const template = `Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body: { swagger: "2.0", info: { title: !Sub "\${AWS::StackName}" }, paths: {}, x-value: ${yaml} }
  Queue: { Type: AWS::SQS::Queue }
  ProdOnly: { Type: AWS::SNS::Topic, Condition: No }
Parameters: { Secret: { Type: String } }
Mappings: { Sizes: { test: { Memory: "1" } } }
Conditions: { No: !Equals [a, b] }`
    try {
      importTemplate(template, { parameters: { Secret: 's' } })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).path).toMatch(/^Resources\.Api\.Properties\.Body\.x-value/)
      expect((error as ConfigError).message).toContain(message)
    }
  })
})

describe('Ref cycle detection (regression: sentinel collision)', () => {
  // The cycle marker was the string 'pending', so a second Ref to a resource whose Ref value is
  // the text "pending" (its logical id, for a type Portico has no id rule for) was reported as
  // a circular reference. Found by typescript-eslint no-redundant-type-constituents.
  it('a resource whose Ref is "pending" can be referenced twice', () => {
    const template = `Resources:
  pending: { Type: Custom::Widget }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: fn
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: "exports.handler = async () => ({})" }
      Environment: { Variables: { A: !Ref pending, B: !Ref pending } }`
    const { functions } = importTemplate(template)
    expect(functions[0]?.environment).toEqual({ A: 'pending', B: 'pending' })
  })
})
