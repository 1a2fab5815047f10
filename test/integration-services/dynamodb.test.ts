/**
 * The DynamoDB proxy API of AWS's "Using Amazon API Gateway as a proxy for DynamoDB" (AWS Compute
 * Blog) and the developer guide's DynamoDB action integrations, run end to end against dynalite:
 * PutItem / GetItem / Query through the guide's VTL templates, over signed AWS JSON 1.0 calls.
 *
 * @see https://aws.amazon.com/blogs/compute/using-amazon-api-gateway-as-a-proxy-for-dynamodb/
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'
import { TEST_CREDENTIALS, jsonCall, startDynalite, type RunningServer } from './servers.js'

const ROLE = 'arn:aws:iam::123456789012:role/ApiGatewayDynamoDB'

const putTemplate = `{
    "TableName": "Comments",
    "Item": {
        "commentId": { "S": "$context.requestId" },
        "pageId": { "S": "$input.path('$.pageId')" },
        "userName": { "S": "$input.path('$.userName')" },
        "message": { "S": "$input.path('$.message')" }
    }
}`

const queryTemplate = `{
    "TableName": "Comments",
    "IndexName": "pageId-index",
    "KeyConditionExpression": "pageId = :v1",
    "ExpressionAttributeValues": {
        ":v1": { "S": "$input.params('pageId')" }
    }
}`

const queryResponse = `#set($inputRoot = $input.path('$'))
{
    "comments": [
        #foreach($elem in $inputRoot.Items) {
            "commentId": "$elem.commentId.S",
            "userName": "$elem.userName.S",
            "message": "$elem.message.S"
        }#if($foreach.hasNext),#end
    #end
    ]
}`

const getTemplate = `{
    "TableName": "Comments",
    "Key": { "commentId": { "S": "$input.params('id')" } }
}`

const errorResponses = {
  '400': {
    statusCode: '400',
    responseTemplates: {
      'application/json': `{"error": "$input.path('$.__type')", "message": "$input.path('$.message')"}`,
    },
  },
}

const api = {
  swagger: '2.0',
  info: { title: 'comments', version: '1' },
  paths: {
    '/comments': {
      post: {
        responses: { '200': { description: 'ok' }, '400': { description: 'bad' } },
        'x-amazon-apigateway-integration': {
          type: 'aws',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
          credentials: ROLE,
          requestTemplates: { 'application/json': putTemplate },
          responses: {
            default: {
              statusCode: '200',
              responseTemplates: { 'application/json': '{"id": "$context.requestId"}' },
            },
            ...errorResponses,
          },
        },
      },
    },
    '/comments/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
        responses: { '200': { description: 'ok' }, '404': { description: 'missing' } },
        'x-amazon-apigateway-integration': {
          type: 'aws',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/GetItem',
          credentials: ROLE,
          requestTemplates: { 'application/json': getTemplate },
          responses: {
            default: {
              statusCode: '200',
              responseTemplates: {
                'application/json': `#set($item = $input.path('$.Item'))#if("$!item" == "")#set($context.responseOverride.status = 404){"message": "not found"}#else{"message": "$item.message.S", "pageId": "$item.pageId.S"}#end`,
              },
            },
          },
        },
      },
    },
    '/pages/{pageId}/comments': {
      get: {
        parameters: [{ name: 'pageId', in: 'path', required: true, type: 'string' }],
        responses: { '200': { description: 'ok' }, '400': { description: 'bad' } },
        'x-amazon-apigateway-integration': {
          type: 'aws',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/Query',
          credentials: ROLE,
          requestTemplates: { 'application/json': queryTemplate },
          responses: {
            default: {
              statusCode: '200',
              responseTemplates: { 'application/json': queryResponse },
            },
            ...errorResponses,
          },
        },
      },
    },
  },
}

let dynamo: RunningServer

beforeAll(async () => {
  dynamo = await startDynalite()
  const created = await jsonCall(
    dynamo.endpoint,
    'dynamodb',
    'DynamoDB_20120810.CreateTable',
    '1.0',
    {
      TableName: 'Comments',
      AttributeDefinitions: [
        { AttributeName: 'commentId', AttributeType: 'S' },
        { AttributeName: 'pageId', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'commentId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'pageId-index',
          KeySchema: [{ AttributeName: 'pageId', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
          ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
        },
      ],
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
    },
  )
  expect(created.status).toBe(200)
})

afterAll(() => dynamo.close())

describe('DynamoDB proxy API against dynalite', () => {
  const roles: Array<string | undefined> = []
  const gateway = () =>
    createGateway({
      api,
      logger: silentLogger,
      services: {
        dynamodb: {
          endpoint: dynamo.endpoint,
          credentials: (request) => {
            roles.push(request.roleArn)
            return TEST_CREDENTIALS
          },
        },
      },
    })

  it('PutItem, GetItem and Query through the VTL templates', async () => {
    const g = gateway()
    const ids: string[] = []
    for (const message of ['first', 'second']) {
      const put = await g.invoke({
        method: 'POST',
        path: '/comments',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pageId: 'p1', userName: 'ana', message }),
      })
      expect(put.statusCode).toBe(200)
      ids.push((JSON.parse(put.body) as { id: string }).id)
    }
    const got = await g.invoke({ method: 'GET', path: `/comments/${ids[1]}` })
    expect(got.statusCode).toBe(200)
    expect(JSON.parse(got.body)).toEqual({ message: 'second', pageId: 'p1' })

    const missing = await g.invoke({ method: 'GET', path: '/comments/nope' })
    expect(missing.statusCode).toBe(404)

    const query = await g.invoke({ method: 'GET', path: '/pages/p1/comments' })
    expect(query.statusCode).toBe(200)
    const comments = (JSON.parse(query.body) as { comments: Array<{ message: string }> }).comments
    expect(comments.map((c) => c.message).sort()).toEqual(['first', 'second'])
    // The integration's credentials role is passed to the resolver.
    expect(new Set(roles)).toEqual(new Set([ROLE]))
  })

  it('a service error (400 ResourceNotFoundException) selects the integration response by status', async () => {
    const wrongTable = structuredClone(api)
    const post = wrongTable.paths['/comments'].post['x-amazon-apigateway-integration']
    post.requestTemplates['application/json'] = putTemplate.replace('"Comments"', '"Missing"')
    const g = createGateway({
      api: wrongTable,
      logger: silentLogger,
      services: { dynamodb: { endpoint: dynamo.endpoint, credentials: TEST_CREDENTIALS } },
    })
    const res = await g.invoke({
      method: 'POST',
      path: '/comments',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pageId: 'p1', userName: 'ana', message: 'hi' }),
    })
    expect(res.statusCode).toBe(400)
    expect(JSON.parse(res.body)).toEqual({
      error: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      message: 'Requested resource not found',
    })
  })
})
