// Issue 14, "Mapping-template overrides live across both phases": AWS-recorded behaviour of
// $context.requestOverride / $context.responseOverride in MOCK integrations. Each row's source is
// the LocalStack test (tests/aws/services/apigateway/*.py) whose snapshot recorded AWS's answer.
import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { openApi } from '../../fixtures/mini-api.js'

const INTEGRATIONS = 'localstack test_apigateway_integrations.py'
const SQS = 'localstack test_apigateway_sqs.py::test_sqs_amz_json_protocol'

interface Row {
  name: string
  source: string
  path?: string
  requestTemplate: string
  /** undefined: the integration response has no template */
  responseTemplate?: string
  status: number
  headers?: Record<string, string>
  /** exact body, or a JSON value the body must parse to */
  body?: string
  json?: unknown
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64')

const rows: Row[] = [
  ...['path1', 'path2', 'whatever'].map((message, i) => ({
    name: `request override read in the response template (message ${message})`,
    source: `${INTEGRATIONS}::test_integration_mock_with_request_overrides_in_response_template`,
    path: `/${b64({ message })}`,
    requestTemplate: `#set($body = $util.base64Decode($input.params('testPath')))
#set($context.requestOverride.path.body = $body)
{
  "statusCode": 200
}
`,
    responseTemplate: `
#set($body = $util.parseJson($context.requestOverride.path.body))
#set($inputBody = $body.message)
#if($inputBody == "path1")
{
   "response": "path was path one"
}
#elseif($inputBody == "path2")
{
   "response": "path was path two"
}
#else
{
  "response": "this is the else clause"
}
#end
`,
    status: 200,
    json: {
      response: ['path was path one', 'path was path two', 'this is the else clause'][i],
    },
  })),
  {
    name: 'response overrides set in the request template apply and are readable in the response template',
    source: `${INTEGRATIONS}::test_integration_mock_with_response_override_in_request_template[True]`,
    requestTemplate: `
#set($context.responseOverride.status = 444)
#set($context.responseOverride.header.foo = "bar")
#set($context.responseOverride.custom = "is also passed around")
{
  "statusCode": 200
}
`,
    responseTemplate: `
#set($statusOverride = $context.responseOverride.status)
#set($fooHeader = $context.responseOverride.header.foo)
#set($custom = $context.responseOverride.custom)
{
    "statusOverride": "$statusOverride",
    "fooHeader": "$fooHeader",
    "custom": "$custom"
}
`,
    status: 444,
    headers: { foo: 'bar' },
    json: { statusOverride: '444', fooHeader: 'bar', custom: 'is also passed around' },
  },
  {
    name: 'response overrides set in the request template apply with no response template (empty body)',
    source: `${INTEGRATIONS}::test_integration_mock_with_response_override_in_request_template[False]`,
    requestTemplate: `
#set($context.responseOverride.status = 444)
#set($context.responseOverride.header.foo = "bar")
#set($context.responseOverride.custom = "is also passed around")
{
  "statusCode": 200
}
`,
    status: 444,
    headers: { foo: 'bar' },
    body: '',
  },
  {
    name: 'three map-write syntaxes; a bare put() prints nothing',
    source: `${INTEGRATIONS}::test_integration_mock_with_vtl_map_assignation`,
    requestTemplate: `
#set($paramName = "foo")
#set($context.requestOverride.querystring[$paramName] = "bar")
#set($paramPutName = "putfoo")
$context.requestOverride.querystring.put($paramPutName, "putBar")
#set($context["requestOverride"].querystring["nestedfoo"] = "nestedFoo")
{
  "statusCode": 200
}
`,
    responseTemplate: `
#set($value = $context.requestOverride.querystring["foo"])
#set($value2 = $context.requestOverride.querystring["putfoo"])
#set($value3 = $context.requestOverride.querystring["nestedfoo"])
{
    "value": "$value",
    "value2": "$value2",
    "value3": "$value3"
}
`,
    status: 200,
    json: { value: 'bar', value2: 'putBar', value3: 'nestedFoo' },
  },
  {
    name: 'a bare put() prints nothing; the other two syntaxes write too',
    source: `${INTEGRATIONS}::test_integration_mock_with_vtl_map_assignation`,
    requestTemplate: '{"statusCode": 200}',
    responseTemplate:
      "#set($k = 'a')#set($m = {})$m.put($k, 'v1')#set($m[$k] = 'v2')$context.responseOverride.header.put('x-put', 'p')#set($context['responseOverride'].header['x-set'] = 's')[$m.a]",
    status: 200,
    headers: { 'x-put': 'p', 'x-set': 's' },
    body: '[v2]',
  },
  {
    name: 'initial shape: requestOverride has path, header, querystring; responseOverride only header; all print empty',
    source: `${SQS} (snapshot: "requestOverride": {"path": "", "header": "", "querystring": ""}, "responseOverride": {"header": ""})`,
    requestTemplate: '{"statusCode": 200}',
    responseTemplate:
      '{"requestOverride": {#foreach( $key in $context.requestOverride.keySet() )"$key": "$context.requestOverride.get($key)"#if($foreach.hasNext),#end#end},' +
      '"responseOverride": {#foreach( $key in $context.responseOverride.keySet() )"$key": "$context.responseOverride.get($key)"#if($foreach.hasNext),#end#end}}',
    status: 200,
    body: '{"requestOverride": {"path": "","header": "","querystring": ""},"responseOverride": {"header": ""}}',
  },
  {
    name: 'nested $context maps print empty through $context.get(key)',
    source: `${SQS} (snapshot: "identity": "", "requestOverride": "", "responseOverride": "")`,
    requestTemplate: '{"statusCode": 200}',
    responseTemplate:
      '{"identity": "$context.get(\'identity\')", "requestOverride": "$context.get(\'requestOverride\')", "responseOverride": "$context.get(\'responseOverride\')"}',
    status: 200,
    json: { identity: '', requestOverride: '', responseOverride: '' },
  },
  {
    name: 'nested $context maps and their sub-maps print empty inside a string',
    source: `${SQS} (issue 14: "Nested $context maps print empty")`,
    requestTemplate: '{"statusCode": 200}',
    responseTemplate:
      '{"a": "$context.identity", "b": "$context.requestOverride", "c": "$context.responseOverride", "d": "$context.requestOverride.path", "e": "$context.requestOverride.header", "f": "$context.requestOverride.querystring", "g": "$context.responseOverride.header"}',
    status: 200,
    json: { a: '', b: '', c: '', d: '', e: '', f: '', g: '' },
  },
  {
    name: 'identity values are still readable one by one',
    source: `${SQS} (snapshot: identity.userAgent)`,
    requestTemplate: '{"statusCode": 200}',
    responseTemplate: '{"ua": "$context.identity.userAgent"}',
    status: 200,
    json: { ua: 'python/requests/tests' },
  },
]

describe('overrides live across both phases (AWS-recorded)', () => {
  it.each(rows)('$name ($source)', async (row) => {
    const integrationResponse: Record<string, unknown> = { statusCode: '200' }
    if (row.responseTemplate !== undefined)
      integrationResponse['responseTemplates'] = { 'application/json': row.responseTemplate }
    const gateway = createGateway({
      api: openApi({
        [row.path ? '/{testPath}' : '/']: {
          get: {
            responses: { 200: { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': row.requestTemplate },
              responses: { '2\\d{2}': integrationResponse },
            },
          },
        },
      }),
      logger: silentLogger,
    })
    const res = await gateway.invoke({
      method: 'GET',
      path: row.path ?? '/',
      headers: { 'User-Agent': 'python/requests/tests' },
    })
    expect(res.statusCode).toBe(row.status)
    for (const [name, value] of Object.entries(row.headers ?? {}))
      expect(res.headers[name]).toBe(value)
    if (row.body !== undefined) expect(res.body).toBe(row.body)
    if (row.json !== undefined) expect(JSON.parse(res.body)).toEqual(row.json)
  })
})
