/**
 * The public corpus (docs/compatibility.md): real API definitions and templates from public
 * repositories, each loaded as deployed through the public API. The table pins today's outcome
 * of every document, failures included, so a change in what Portico accepts shows up as a diff
 * here and in docs/compatibility.md. Sources and licenses: test/corpus/sources.json.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  CORPUS_DIR,
  loadCorpusDocument,
  type ApiOutcome,
  type CorpusSource,
  type Outcome,
} from './load.js'

const sources = JSON.parse(readFileSync(`${CORPUS_DIR}sources.json`, 'utf8')) as Record<
  string,
  CorpusSource
>

/**
 * Today's outcome per document. `error` is a prefix of the message (`ConfigError: path: …`);
 * `warnings` are what Portico said it ignored (missing handler code is left out).
 */
const EXPECTED: Record<string, Outcome> = {
  'aws-samples__serverless-patterns__vtl-transformation.yaml': {
    apis: { MyApi: { kind: 'REST', routes: 1 } },
  },
  'aws-samples__serverless-patterns__httpapi-sqs-definitionbody.yaml': {
    apis: { HttpApi: { kind: 'HTTP', routes: 1 } },
  },
  'aws-samples__serverless-patterns__cfn-rest-kinesis.yaml': {
    apis: { Api: { kind: 'REST', routes: 4 } },
  },
  'aws-samples__serverless-patterns__sam-usage-plans.yaml': {
    apis: { UsagePlanAPI: { kind: 'REST', routes: 2 } },
  },
  'aws-samples__serverless-patterns__sam-httpapi-cognito.yaml': {
    // With sources.json's nestedStackOutputs (the nested application is not deployed).
    apis: { AppApi: { kind: 'HTTP', routes: 1 } },
  },
  'aws-samples__serverless-patterns__openapi-include-crud': {
    apis: { CrudAPI: { kind: 'REST', routes: 5 } },
  },
  'aws-samples__simple-websockets-chat-app__websocket-chat.yaml': {
    apis: { SimpleChatWebSocket: { kind: 'WEBSOCKET', routes: 3 } },
  },
  'localstack__localstack__petstore-swagger2.json': {
    apis: { document: { kind: 'REST', routes: 6 } },
  },
  'localstack__localstack__terraform-openapi.json': {
    apis: { document: { kind: 'REST', routes: 2 } },
  },
  'localstack__localstack__pulumi-swagger.json': {
    apis: { document: { kind: 'REST', routes: 2 } },
  },
  'localstack__localstack__shopping-cart-mock-cors.json': {
    apis: { document: { kind: 'REST', routes: 4 } },
  },
  'localstack__localstack__cognito-auth-openapi.json': {
    apis: { document: { kind: 'REST', routes: 4 } },
  },
  'localstack__localstack__cdk-apigw-stack.json': {
    apis: { restapi39D779F7: { kind: 'REST', routes: 1 } },
  },
  'localstack__localstack__sam-api.yaml': { apis: { Api: { kind: 'REST', routes: 1 } } },
  'localstack__localstack__serverless-framework-update-stack.json': {
    apis: { ApiGatewayRestApi: { kind: 'REST', routes: 2 } },
  },
  'awslabs__aws-sam-cli__cdk-synth-output.yaml': {
    apis: { EndpointEEF1FD8F: { kind: 'REST', routes: 2 } },
  },
  'awslabs__aws-sam-cli__serverless-framework-output.yaml': {
    // Serverless's CORS preflight template is `{statusCode:200}`, not JSON: AWS accepts it.
    apis: { ApiGatewayRestApi: { kind: 'REST', routes: 2 } },
  },
  'awslabs__aws-sam-cli__cfn-httpapi-body.yaml': {
    apis: { HTTPAPIGateway: { kind: 'HTTP', routes: 1 } },
  },
  'awslabs__aws-sam-cli__sam-rest-and-http.yaml': {
    apis: {
      ServerlessRestApi: { kind: 'REST', routes: 2 },
      ServerlessHttpApi: { kind: 'HTTP', routes: 1 },
    },
  },
  'awslabs__aws-lambda-web-adapter__expressjs-zip.yaml': {
    apis: { ServerlessRestApi: { kind: 'REST', routes: 2 } },
  },
  'awslabs__aws-lambda-web-adapter__fastapi-zip.yaml': {
    apis: { ServerlessHttpApi: { kind: 'HTTP', routes: 1 } },
  },
  'aws-powertools__powertools-lambda-python__event-handler-rest.yaml': {
    apis: { ServerlessRestApi: { kind: 'REST', routes: 2 } },
  },
  'aws-powertools__powertools-lambda-python__micro-functions.yaml': {
    apis: { ServerlessRestApi: { kind: 'REST', routes: 4 } },
  },
  'getmoto__moto__vpc-link-openapi.yaml': { apis: { document: { kind: 'REST', routes: 2 } } },
  'getmoto__moto__petstore-openapi3-plain.yaml': {
    error: 'ConfigError: paths./pet.post: No integration defined for method',
  },
  'aws-cloudformation__aws-cloudformation-templates__rest-lambda-integration.yaml': {
    apis: { RestApi: { kind: 'REST', routes: 1 } },
    warnings: [
      // `rain deploy` replaces the tag with the file's content; the handler is not in the corpus.
      'YAML warning: Unresolved tag: !Rain::Embed at line 109, column 18',
      'API RestApi has no stage in the template: Portico serves it as stage dev',
    ],
  },
  'aws__serverless-application-model__sam-integ-api-with-request-models.yaml': {
    // As stored, without SAM's Transform line (its test harness adds it): CloudFormation refuses it.
    error: 'ConfigError: Resources.MyApi.Type: AWS::Serverless::Api needs the SAM transform',
  },
  'nationalarchives__tdr-terraform-environments__sign-cookies-api.json.tpl': {
    apis: { document: { kind: 'REST', routes: 2 } },
  },
  'nationalarchives__tdr-terraform-environments__create-keycloak-users.json.tpl': {
    apis: { document: { kind: 'HTTP', routes: 2 } },
  },
  'aws__aws-cdk__websocket-mock-integration.json': {
    // Both routes are MOCK: left out with a warning each (WebSocket routes are Lambda only).
    apis: { mywsapi32E6CE11: { kind: 'WEBSOCKET', routes: 0 } },
    warnings: [
      "Resources.mywsapidefaultRouteDefaultIntegrationFFCB3BA9.Properties.IntegrationType MOCK is not served by Portico's WebSocket gateway (AWS_PROXY only): route $default is left out",
      "Resources.mywsapisendmessageRouteDefaultIntegration702159AD.Properties.IntegrationType MOCK is not served by Portico's WebSocket gateway (AWS_PROXY only): route sendmessage is left out",
    ],
  },
  'aws__aws-cdk__rest-cors-preflight.json': {
    // CDK's CORS preflight template is `{ statusCode: 200 }`, not JSON: AWS accepts it.
    apis: { corsapitest8682546E: { kind: 'REST', routes: 3 } },
  },
  'aws__aws-cdk__http-proxy-integrations.json': {
    apis: {
      LambdaProxyApi67594471: { kind: 'HTTP', routes: 1 },
      HttpProxyApiD0217C67: { kind: 'HTTP', routes: 1 },
    },
  },
  'aws-samples__serverless-patterns__sam-resource-policy.yaml': {
    apis: { AppApi: { kind: 'REST', routes: 1 } },
  },
  'aws-samples__serverless-patterns__sam-models-request-model.yaml': {
    apis: { MainApi: { kind: 'REST', routes: 1 } },
  },
  'terraform-aws-modules__terraform-aws-apigateway-v2__complete-http.yaml.tpl': {
    apis: { document: { kind: 'HTTP', routes: 1 } },
  },
  'CodeGenieApp__serverless-express__basic-starter-rest.yaml': {
    apis: { ExpressApi: { kind: 'REST', routes: 2 } },
  },
  'CodeGenieApp__serverless-express__basic-starter-httpapi.yaml': {
    apis: { ExpressApi: { kind: 'HTTP', routes: 1 } },
  },
}

describe('public corpus', () => {
  it('has a source, commit and license for every document, and a row for each', () => {
    const files = readdirSync(CORPUS_DIR).filter(
      (name) => !name.endsWith('.ts') && name !== 'sources.json',
    )
    expect(Object.keys(sources).sort()).toEqual(files.sort())
    expect(Object.keys(EXPECTED).sort()).toEqual(files.sort())
    for (const [file, source] of Object.entries(sources)) {
      expect(source.source, file).toMatch(
        new RegExp(`^https://github\\.com/${source.repository}/blob/${source.commit}/`),
      )
      expect(source.license, file).toMatch(/^(MIT|MIT-0|Apache-2\.0)$/)
      if (/\.ya?ml(\.tpl)?$/.test(file)) {
        const firstLine = readFileSync(`${CORPUS_DIR}${file}`, 'utf8').split('\n', 1)[0]
        expect(firstLine, file).toBe(`# Source: ${source.source} (license: ${source.license})`)
      }
    }
    expect(files.length).toBeGreaterThanOrEqual(30)
  })

  it.each(Object.keys(EXPECTED))('%s', async (file) => {
    const source = sources[file]
    expect(source).toBeDefined()
    expect(
      shape(await loadCorpusDocument(file, source as CorpusSource), EXPECTED[file] as Outcome),
    ).toEqual(EXPECTED[file])
  })
})

/**
 * `actual` with each error message cut to the length of the recorded prefix, so the table
 * pins the start of a message and a change anywhere else shows as a readable diff.
 */
function shape(actual: Outcome, expected: Outcome): Outcome {
  const cut = (message: string, prefix: string | undefined): string =>
    prefix === undefined ? message : message.slice(0, prefix.length)
  if ('error' in actual)
    return { error: cut(actual.error, 'error' in expected ? expected.error : undefined) }
  const apis: Record<string, ApiOutcome> = {}
  for (const [id, api] of Object.entries(actual.apis)) {
    const want = 'apis' in expected ? expected.apis[id] : undefined
    apis[id] =
      'error' in api
        ? { error: cut(api.error, want && 'error' in want ? want.error : undefined) }
        : api
  }
  return actual.warnings ? { apis, warnings: actual.warnings } : { apis }
}
