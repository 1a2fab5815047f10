/**
 * A REST API as evaluated aws_api_gateway_* instances, with a Lambda function whose code (on
 * disk, in a temporary directory) is found through archive_file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inst, tok } from './build.js'

export const code = mkdtempSync(join(tmpdir(), 'portico-tf-rest-'))
writeFileSync(
  join(code, 'index.js'),
  `exports.handler = async (event, context) => ({
    statusCode: 200,
    body: JSON.stringify({ path: event.path, id: event.pathParameters && event.pathParameters.id, stage: event.requestContext.stage, color: event.stageVariables && event.stageVariables.color, fn: context.functionName }),
  })\n`,
)

export const API = 'aws_api_gateway_rest_api.api'
const api = { rest_api_id: tok(API, 'id') }
const USERS = 'aws_api_gateway_resource.users'
const USER = 'aws_api_gateway_resource.user'

export const REST_INSTANCES = [
  inst('data.archive_file.zip', {
    type: 'zip',
    source_dir: code,
    output_path: '/infra/build/fn.zip',
  }),
  inst('aws_lambda_function.fn', {
    function_name: 'users-fn',
    handler: 'index.handler',
    runtime: 'nodejs20.x',
    filename: tok('data.archive_file.zip', 'output_path'),
    environment: [{ variables: { TABLE: 'users' } }],
    timeout: 10,
    memory_size: 256,
  }),
  inst(API, { name: 'users-api', binary_media_types: ['image/png'] }),
  inst(USERS, { ...api, parent_id: tok(API, 'root_resource_id'), path_part: 'users' }),
  inst(USER, { ...api, parent_id: tok(USERS, 'id'), path_part: '{id}' }),
  inst('aws_api_gateway_method.get_user', {
    ...api,
    resource_id: tok(USER, 'id'),
    http_method: 'GET',
    authorization: 'NONE',
    request_parameters: { 'method.request.path.id': true },
  }),
  inst('aws_api_gateway_integration.get_user', {
    ...api,
    resource_id: tok(USER, 'id'),
    http_method: tok('aws_api_gateway_method.get_user', 'http_method'),
    type: 'AWS_PROXY',
    integration_http_method: 'POST',
    uri: tok('aws_lambda_function.fn', 'invoke_arn'),
    credentials: tok('aws_iam_role.exec', 'arn'),
  }),
  inst('aws_api_gateway_method.post_users', {
    ...api,
    resource_id: tok(USERS, 'id'),
    http_method: 'POST',
    authorization: 'NONE',
    api_key_required: true,
    request_models: { 'application/json': tok('aws_api_gateway_model.user', 'name') },
    request_validator_id: tok('aws_api_gateway_request_validator.body', 'id'),
  }),
  inst('aws_api_gateway_model.user', {
    ...api,
    name: 'User',
    content_type: 'application/json',
    schema: JSON.stringify({ type: 'object', required: ['name'] }),
  }),
  inst('aws_api_gateway_request_validator.body', {
    ...api,
    name: 'body',
    validate_request_body: true,
    validate_request_parameters: false,
  }),
  inst('aws_api_gateway_integration.post_users', {
    ...api,
    resource_id: tok(USERS, 'id'),
    http_method: 'POST',
    type: 'MOCK',
    request_templates: { 'application/json': '{"statusCode": 201}' },
  }),
  inst('aws_api_gateway_method_response.post_users', {
    ...api,
    resource_id: tok(USERS, 'id'),
    http_method: 'POST',
    status_code: '201',
  }),
  inst('aws_api_gateway_integration_response.post_users', {
    ...api,
    resource_id: tok(USERS, 'id'),
    http_method: 'POST',
    status_code: tok('aws_api_gateway_method_response.post_users', 'status_code'),
    response_templates: { 'application/json': '{"created": true}' },
  }),
  inst('aws_api_gateway_gateway_response.missing_key', {
    ...api,
    response_type: 'API_CONFIGURATION_ERROR',
    status_code: '500',
  }),
  inst('aws_api_gateway_gateway_response.forbidden', {
    ...api,
    response_type: 'MISSING_AUTHENTICATION_TOKEN',
    status_code: '404',
    response_templates: { 'application/json': '{"message":"no such route"}' },
  }),
  inst('aws_api_gateway_deployment.d', { ...api, triggers: { redeploy: 'x' } }),
  inst('aws_api_gateway_stage.v1', {
    ...api,
    stage_name: 'v1',
    deployment_id: tok('aws_api_gateway_deployment.d', 'id'),
    variables: { color: 'blue' },
  }),
  inst('aws_api_gateway_method_settings.all', {
    ...api,
    stage_name: tok('aws_api_gateway_stage.v1', 'stage_name'),
    method_path: '*/*',
    settings: [{ throttling_rate_limit: 100, throttling_burst_limit: 50, metrics_enabled: true }],
  }),
  inst('aws_api_gateway_method_settings.user', {
    ...api,
    stage_name: 'v1',
    method_path: 'users/{id}/GET',
    settings: [{ throttling_rate_limit: 1, throttling_burst_limit: 1 }],
  }),
  inst('aws_api_gateway_usage_plan.basic', {
    name: 'basic',
    api_stages: [
      {
        api_id: tok(API, 'id'),
        stage: tok('aws_api_gateway_stage.v1', 'stage_name'),
        throttle: [],
      },
    ],
    quota_settings: [{ limit: 1000, period: 'DAY' }],
    throttle_settings: [{ burst_limit: 5, rate_limit: 10 }],
  }),
  inst('aws_api_gateway_api_key.alice', { name: 'alice', value: 'alice-key-0123456789abcdef' }),
  inst('aws_api_gateway_usage_plan_key.alice', {
    key_id: tok('aws_api_gateway_api_key.alice', 'id'),
    key_type: 'API_KEY',
    usage_plan_id: tok('aws_api_gateway_usage_plan.basic', 'id'),
  }),
]
