/**
 * The Terraform corpus (issue 17): the route table of every API in each public repository under
 * test/terraform/corpus/, derived by reading its .tf files by hand (the repository, commit,
 * licence and what was trimmed are in each folder's SOURCE.md).
 *
 * A route's `function` is the Lambda function name its integration (or authorizer) invokes, or
 * `null` when the configuration cannot say (the function is made by a registry or remote git
 * module that `terraform init` would fetch): Portico must then report a diagnostic rather than
 * invent a name.
 *
 * Terraform defaults these tables rely on:
 * - `aws_apigatewayv2_integration.payload_format_version` defaults to `1.0` (unlike the console,
 *   which picks 2.0): https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_integration
 *   ("Default is 1.0", also in the bridged docs at
 *   https://pub.dev/documentation/pulumi_aws/latest/apigatewayv2/Integration/payloadFormatVersion.html).
 * - A legacy `aws_api_gateway_deployment.stage_name` creates that stage:
 *   https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_deployment
 * - `terraform.env` is the pre-0.12 name of `terraform.workspace` (`default` unless selected).
 * - `toset()` of strings is ordered lexically: https://developer.hashicorp.com/terraform/language/functions/toset
 */

/** One route: `METHOD /path` (REST), or the v2 route key (HTTP, WebSocket). */
export interface ExpectedRoute {
  readonly route: string
  /** `AWS_PROXY`, `AWS`, `HTTP_PROXY`, `MOCK`…; HTTP APIs add the payload version: `AWS_PROXY 1.0`. */
  readonly integration: string
  /** The function name the integration invokes; null when no configuration names it. */
  readonly function: string | null
  /**
   * The route's authorizer: the Lambda authorizer's function name (REST CUSTOM methods, HTTP
   * REQUEST authorizers, WebSocket `$connect`), or `JWT` for an HTTP API JWT authorizer.
   */
  readonly authorizer?: string | null
  /** REST `api_key_required`. */
  readonly apiKeyRequired?: true
  /**
   * What of the route only `apply` can tell (besides a null `function`), e.g. a JWT issuer built
   * from a Cognito pool id, and the addresses of which a diagnostic naming the route must
   * mention one (as its address, in its reference chain or its message). Portico may disable
   * such a route.
   */
  readonly unknowable?: { readonly what: string; readonly mentions: readonly string[] }
}

export interface ExpectedApi {
  /** The API's Terraform resource address. */
  readonly address: string
  readonly kind: 'REST' | 'HTTP' | 'WEBSOCKET'
  /** The API's name, when the configuration gives it (not a random_pet or registry module). */
  readonly name?: string
  /** Stage names, sorted. */
  readonly stages: readonly string[]
  readonly routes: readonly ExpectedRoute[]
  /** WebSocket `route_selection_expression`. */
  readonly routeSelectionExpression?: string
  /** HTTP API CORS (sorted lists). */
  readonly cors?: {
    readonly allowOrigins: readonly string[]
    readonly allowMethods: readonly string[]
  }
}

export interface ExpectedFunction {
  /** Its Terraform address (checked when Portico reports one). */
  readonly address: string
  readonly handler: string
  readonly runtime: string
  readonly environment?: Readonly<Record<string, string>>
  /** The code directory, relative to the corpus entry's folder, when `archive_file` names it. */
  readonly code?: string
}

export interface CorpusCase {
  /** Folder under test/terraform/corpus/ (`owner--repo`). */
  readonly entry: string
  /** The root module, relative to the entry's folder. */
  readonly root: string
  /** What the case exercises (docs/compatibility.md lists the same). */
  readonly constructs: string
  /** `-var` values the repository leaves to its user (HCL literals for complex types). */
  readonly vars?: Readonly<Record<string, string>>
  readonly apis: readonly ExpectedApi[]
  /** Every function the configuration defines, by function name. */
  readonly functions: Readonly<Record<string, ExpectedFunction>>
  readonly usagePlans?: readonly string[]
  readonly apiKeys?: readonly string[]
  /**
   * Where Portico does not match the table yet, and why (the test of that part is expected to
   * fail; when it passes, remove the entry). The table above stays what the files mean.
   */
  readonly knownGaps?: { readonly routes?: string; readonly functions?: string }
}

const ACCOUNT = '123456789012'

export const CORPUS: readonly CorpusCase[] = [
  {
    entry: 'aws-samples--serverless-patterns',
    root: 'apigw-openapi-lambda-dynamodb-xray-terraform/infra',
    constructs:
      'OpenAPI body via data.template_file + file(); local module; remote git modules; stage, method_settings; dynamic',
    apis: [
      {
        address: 'module.openapi_demo_rest_api.aws_api_gateway_rest_api.this',
        kind: 'REST',
        name: 'open-api-demo',
        stages: ['prod'],
        // The URIs come from module.openapi_demo_lambda_function (a github.com module source).
        routes: [
          { route: 'DELETE /customers/{id}', integration: 'AWS_PROXY', function: null },
          { route: 'GET /customers/{id}', integration: 'AWS_PROXY', function: null },
          { route: 'POST /customers', integration: 'AWS_PROXY', function: null },
          { route: 'PUT /customers/{id}', integration: 'AWS_PROXY', function: null },
        ],
      },
    ],
    functions: {},
  },
  {
    entry: 'hashicorp--terraform-provider-aws',
    root: 'examples/api-gateway-websocket-chat-app',
    constructs:
      'WebSocket API; archive_file source_file with path.module; aws_region/partition data',
    apis: [
      {
        address: 'aws_apigatewayv2_api.SimpleChatWebSocket',
        kind: 'WEBSOCKET',
        name: 'SimpleChatWebSocket',
        stages: ['Prod'],
        routeSelectionExpression: '$request.body.message',
        routes: [
          { route: '$connect', integration: 'AWS_PROXY', function: 'OnConnectFunction' },
          { route: '$disconnect', integration: 'AWS_PROXY', function: 'OnDisconnectFunction' },
          { route: 'sendmessage', integration: 'AWS_PROXY', function: 'SendMessageFunction' },
        ],
      },
    ],
    functions: {
      OnConnectFunction: {
        address: 'aws_lambda_function.OnConnectFunction',
        handler: 'app.handler',
        runtime: 'nodejs24.x',
        code: 'examples/api-gateway-websocket-chat-app/onconnect',
      },
      OnDisconnectFunction: {
        address: 'aws_lambda_function.OnDisconnectFunction',
        handler: 'app.handler',
        runtime: 'nodejs24.x',
        code: 'examples/api-gateway-websocket-chat-app/ondisconnect',
      },
      SendMessageFunction: {
        address: 'aws_lambda_function.SendMessageFunction',
        handler: 'app.handler',
        runtime: 'nodejs24.x',
        code: 'examples/api-gateway-websocket-chat-app/sendmessage',
      },
    },
  },
  {
    entry: 'terraform-aws-modules--terraform-aws-apigateway-v2',
    root: 'examples/websocket',
    constructs:
      'WebSocket API via local module with count, for_each over for-expressions, dynamic, optional() defaults; registry lambda modules',
    apis: [
      {
        address: 'module.api_gateway.aws_apigatewayv2_api.this[0]',
        kind: 'WEBSOCKET',
        // local.name = "ex-${basename(path.cwd)}", run from examples/websocket as its README says.
        name: 'ex-websocket',
        stages: ['prod'],
        routeSelectionExpression: '$request.body.action',
        // The URIs come from module.*_lambda_function (registry module terraform-aws-modules/lambda/aws).
        routes: [
          { route: '$connect', integration: 'AWS_PROXY', function: null },
          { route: '$disconnect', integration: 'AWS_PROXY', function: null },
          { route: 'sendmessage', integration: 'AWS_PROXY', function: null },
        ],
      },
    ],
    functions: {},
  },
  {
    entry: 'localstack-samples--localstack-terraform-samples',
    root: 'sample-archive/apigateway-rest-lambda-api-key',
    constructs:
      'REST; REQUEST authorizer; api_key_required; API key, usage plan and key; deployment triggers',
    apis: [
      {
        address: 'aws_api_gateway_rest_api.api',
        kind: 'REST',
        name: 'rest',
        stages: ['dev'],
        routes: [
          {
            route: 'GET /auth',
            integration: 'AWS_PROXY',
            function: 'integration-lambda',
            authorizer: 'authorizer-lambda',
            apiKeyRequired: true,
          },
        ],
      },
    ],
    functions: {
      'integration-lambda': {
        address: 'aws_lambda_function.lambda',
        handler: 'lambda.lambda_handler',
        runtime: 'python3.10',
        environment: { foo: 'bar' },
      },
      'authorizer-lambda': {
        address: 'aws_lambda_function.lambda_auth',
        handler: 'lambda_auth.lambda_handler',
        runtime: 'python3.10',
        environment: { foo: 'bar' },
      },
    },
    usagePlans: ['my_usage_plan'],
    apiKeys: ['api-key'],
  },
  {
    entry: 'localstack-samples--localstack-terraform-samples',
    root: 'apigatewayv2-ws-sample',
    constructs: 'WebSocket; REQUEST authorizer on $connect; deployment and stage',
    apis: [
      {
        address: 'aws_apigatewayv2_api.ws',
        kind: 'WEBSOCKET',
        name: 'websocket-api',
        stages: ['beta'],
        routeSelectionExpression: '$request.body.action',
        routes: [
          {
            route: '$connect',
            integration: 'AWS_PROXY',
            function: 'lambda',
            authorizer: 'lambda-auth',
          },
          { route: '$disconnect', integration: 'AWS_PROXY', function: 'lambda-disconnect' },
        ],
      },
    ],
    functions: {
      lambda: {
        address: 'aws_lambda_function.lambda',
        handler: 'lambda-connect.handler',
        runtime: 'nodejs18.x',
        environment: { foo: 'bar' },
      },
      'lambda-disconnect': {
        address: 'aws_lambda_function.lambda_disconnect',
        handler: 'lambda-disconnect.handler',
        runtime: 'nodejs18.x',
        environment: { foo: 'bar' },
      },
      'lambda-auth': {
        address: 'aws_lambda_function.lambda_auth',
        handler: 'lambda-auth.handler',
        runtime: 'nodejs18.x',
        environment: { foo: 'bar' },
      },
    },
  },
  {
    entry: 'techjacker--terraform-aws-lambda-api-gateway',
    root: '.',
    constructs: 'legacy 0.11 "${}" syntax, terraform.env; local modules; {proxy+} ANY',
    vars: {
      project: 'demo',
      owner: 'team',
      costcenter: 'cc1',
      service: 'api',
      vpc_cidr: '10.0.0.0/16',
      igw_cidr: '0.0.0.0/0',
      public_subnets_cidr: '["10.0.1.0/24"]',
      private_subnets_cidr: '["10.0.2.0/24"]',
      nat_cidr: '["10.0.3.0/24"]',
      azs: '["us-east-1a"]',
      lambda_runtime: 'python3.6',
      lambda_zip_path: 'dist/app.zip',
      lambda_handler: 'app.handler',
      region: 'us-east-1',
      account_id: ACCOUNT,
    },
    apis: [
      {
        address: 'module.api.aws_api_gateway_rest_api.api',
        kind: 'REST',
        // name = module.lambda.name = "${var.project}-${terraform.env}-${var.lambda_function_name}"
        name: 'demo-default-HttpServer',
        stages: ['default'],
        routes: [
          { route: 'ANY /{proxy+}', integration: 'AWS_PROXY', function: 'demo-default-HttpServer' },
        ],
      },
    ],
    functions: {
      'demo-default-HttpServer': {
        address: 'module.lambda.aws_lambda_function.lambda',
        handler: 'app.handler',
        runtime: 'python3.6',
      },
    },
  },
  {
    entry: 'leandro-mana--aws-terraform-workspaces-serverless-example',
    root: 'terraform',
    constructs:
      'HTTP; module count; nested modules; integrations/${module.x.id}; archive_file source_dir; dynamic environment',
    vars: {
      environment: 'dev',
      project: 'demo',
      owner: 'team',
      log_retention_in_days: '7',
      deploy_s3_artifact_bucket: 'true',
      deploy_api_gw: 'true',
      deploy_utils_lambda_layer: 'true',
      deploy_hello_app: 'true',
      deploy_movies_app: 'true',
      deploy_secret_app: 'true',
      movies_app_ddb_table: 'movies',
      movies_app_ddb_billing_mode: 'PROVISIONED',
      movies_app_ddb_read_capacity: '1',
      movies_app_ddb_write_capacity: '1',
      movies_app_ddb_hash_key: 'year',
      movies_app_ddb_range_key: 'title',
      secret_app_secret_value: '{ token = "not-a-secret" }',
    },
    apis: [
      {
        address: 'module.api_gateway[0].aws_apigatewayv2_api.api_gw',
        kind: 'HTTP',
        name: 'hello_app',
        stages: ['hello_app-stage', 'movies_app-stage', 'secret_app-stage'],
        routes: [
          { route: 'GET /hello', integration: 'AWS_PROXY 1.0', function: 'hello_app' },
          { route: 'GET /secret', integration: 'AWS_PROXY 1.0', function: 'secret_app' },
          { route: 'POST /movies', integration: 'AWS_PROXY 1.0', function: 'movies_app' },
        ],
      },
    ],
    functions: {
      hello_app: {
        address: 'module.hello_app[0].module.lambda_hello_app.aws_lambda_function.lambda_function',
        handler: 'hello.lambda_handler',
        runtime: 'python3.8',
      },
      movies_app: {
        address:
          'module.movies_app[0].module.lambda_movies_app.aws_lambda_function.lambda_function',
        handler: 'movies.lambda_handler',
        runtime: 'python3.8',
        environment: { DDB_TABLE: 'movies' },
      },
      secret_app: {
        address:
          'module.secret_app[0].module.lambda_secret_app.aws_lambda_function.lambda_function',
        handler: 'secret.lambda_handler',
        runtime: 'python3.8',
      },
    },
  },
  {
    entry: 'cludden--tf-lambda-api-gateway-example',
    root: 'terraform',
    constructs: 'REST; data.template_file; archive_file source_file; uri string template',
    apis: [
      {
        address: 'aws_api_gateway_rest_api.example',
        kind: 'REST',
        name: 'example-lambda-api-dev-us-east-1',
        stages: ['example_lambda_dev'],
        routes: [
          { route: 'POST /hello', integration: 'AWS_PROXY', function: 'hello-world-dev-us-east-1' },
        ],
      },
    ],
    functions: {
      'hello-world-dev-us-east-1': {
        address: 'aws_lambda_function.hello_world',
        handler: 'hello-world.handler',
        runtime: 'nodejs10.x',
        environment: { NODE_ENV: 'production' },
      },
    },
  },
  {
    entry: 'kraig-mcfadden--terraform-aws-lambda-api-gateway',
    root: '.',
    constructs:
      'HTTP; module for_each over a map; route for_each over a for-expression; CORS from flatten/for',
    vars: {
      app_name: 'mail',
      domain: 'example.com',
      subdomain_prefix: 'api',
      lambdas: `{
        emails = {
          routes   = [{ method = "get", path = "/emails" }, { method = " post ", path = " /emails/{id}" }]
          env_vars = { TABLE = "emails" }
        }
        health = {
          routes   = [{ method = "GET", path = "/health" }]
          env_vars = {}
        }
      }`,
    },
    apis: [
      {
        address: 'aws_apigatewayv2_api.api_gateway',
        kind: 'HTTP',
        name: 'mail-lambda-api',
        stages: ['api'],
        routes: [
          { route: 'GET /emails', integration: 'AWS_PROXY 1.0', function: 'emails' },
          { route: 'GET /health', integration: 'AWS_PROXY 1.0', function: 'health' },
          { route: 'POST /emails/{id}', integration: 'AWS_PROXY 1.0', function: 'emails' },
        ],
        cors: { allowOrigins: ['https://example.com'], allowMethods: ['GET', 'POST'] },
      },
    ],
    functions: {
      emails: {
        address: 'module.lambdas["emails"].aws_lambda_function.lambda',
        handler: 'doesnt.matter',
        runtime: 'provided.al2023',
        environment: { TABLE: 'emails' },
      },
      health: {
        address: 'module.lambdas["health"].aws_lambda_function.lambda',
        handler: 'doesnt.matter',
        runtime: 'provided.al2023',
      },
    },
  },
  {
    entry: 'clouddrove--terraform-aws-api-gateway',
    root: 'examples/complete/rest-api-gateway',
    constructs:
      'REST via local module with count/for_each/dynamic; registry modules for name and function',
    apis: [
      {
        address: 'module.rest_api.aws_api_gateway_rest_api.rest_api[0]',
        kind: 'REST',
        // name = module.labels.id (registry module clouddrove/labels/aws): not known.
        stages: ['default'],
        // uri = module.lambda.invoke_arn (registry module clouddrove/lambda/aws).
        routes: [
          { route: 'ANY /', integration: 'AWS_PROXY', function: null },
          { route: 'ANY /cards', integration: 'AWS_PROXY', function: null },
          { route: 'ANY /users', integration: 'AWS_PROXY', function: null },
        ],
      },
    ],
    functions: {},
  },
  {
    entry: 'hashicorp-guides--lambda-api-gateway-stack',
    root: 'api-gateway',
    constructs: 'HTTP; random_pet name; integration URI from a -var (stack component)',
    vars: {
      lambda_function_name: 'hello-world',
      lambda_invoke_arn: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:${ACCOUNT}:function:hello-world/invocations`,
    },
    apis: [
      {
        address: 'aws_apigatewayv2_api.lambda',
        kind: 'HTTP',
        stages: ['serverless_lambda_stage'],
        routes: [{ route: 'GET /hello', integration: 'AWS_PROXY 1.0', function: 'hello-world' }],
      },
    ],
    functions: {},
  },
  {
    entry: 'TailorDev--hello-lambda',
    root: '.',
    constructs:
      'legacy 0.11 syntax (2016); local modules used twice; AWS (non-proxy) integrations with string-built URIs',
    vars: {
      aws_account_id: ACCOUNT,
      aws_access_key: 'AKIDEXAMPLE',
      aws_secret_key: 'not-a-secret',
    },
    apis: [
      {
        address: 'aws_api_gateway_rest_api.hello_api',
        kind: 'REST',
        name: 'Hello API',
        stages: ['production'],
        // uri = ".../functions/arn:aws:lambda:${var.region}:${var.account_id}:function:${var.lambda}/invocations"
        routes: [
          { route: 'GET /hello', integration: 'AWS', function: 'hello_lambda_handler' },
          { route: 'POST /hello', integration: 'AWS', function: 'hello_lambda_post_handler' },
        ],
      },
    ],
    functions: {
      hello_lambda_handler: {
        address: 'module.lambda.aws_lambda_function.lambda',
        handler: 'hello_lambda.handler',
        runtime: 'python2.7',
      },
      hello_lambda_post_handler: {
        address: 'module.lambda_post.aws_lambda_function.lambda',
        handler: 'hello_lambda.post_handler',
        runtime: 'python2.7',
      },
    },
  },
  {
    entry: 'eugene-infosec--ai-security-gateway',
    root: 'infra/terraform',
    constructs:
      'HTTP; JWT authorizer from a Cognito pool in the same config; {proxy+}; payload 2.0',
    apis: [
      {
        address: 'aws_apigatewayv2_api.http_api',
        kind: 'HTTP',
        name: 'ai-security-gateway-dev',
        stages: ['dev'],
        routes: [
          {
            route: 'ANY /{proxy+}',
            integration: 'AWS_PROXY 2.0',
            function: 'ai-security-gateway-dev',
            authorizer: 'JWT',
            unknowable: {
              what: 'the JWT issuer and audience: the Cognito user pool and client ids',
              mentions: ['aws_apigatewayv2_authorizer.jwt', 'aws_cognito_user_pool.pool'],
            },
          },
          {
            route: 'GET /health',
            integration: 'AWS_PROXY 2.0',
            function: 'ai-security-gateway-dev',
          },
          {
            route: 'OPTIONS /{proxy+}',
            integration: 'AWS_PROXY 2.0',
            function: 'ai-security-gateway-dev',
          },
        ],
      },
    ],
    functions: {
      'ai-security-gateway-dev': {
        address: 'aws_lambda_function.gateway',
        handler: 'app.main.handler',
        runtime: 'python3.12',
        environment: { LOG_LEVEL: 'INFO', ENV: 'dev', TABLE_NAME: '', AUTH_MODE: 'jwt' },
      },
    },
  },
]
