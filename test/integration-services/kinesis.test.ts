/**
 * AWS's "Tutorial: Create a REST API as an Amazon Kinesis proxy" (PutRecord through its VTL
 * template) and an HTTP API `Kinesis-PutRecord` integration subtype, against kinesalite.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/integrating-api-with-aws-services-kinesis.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'
import { toNodeHandler } from '../../src/node.js'
import { TEST_CREDENTIALS, jsonCall, startKinesalite, type RunningServer } from './servers.js'

const putRecordTemplate = `{
    "StreamName": "$input.params('stream-name')",
    "Data": "$util.base64Encode($input.json('$.Data'))",
    "PartitionKey": "$input.path('$.PartitionKey')"
}`

const restApi = {
  swagger: '2.0',
  info: { title: 'kinesis-proxy', version: '1' },
  paths: {
    '/streams/{stream-name}/record': {
      put: {
        parameters: [{ name: 'stream-name', in: 'path', required: true, type: 'string' }],
        responses: { '200': { description: 'ok' }, '400': { description: 'bad' } },
        'x-amazon-apigateway-integration': {
          type: 'aws',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:kinesis:action/PutRecord',
          credentials: 'arn:aws:iam::123456789012:role/apigAwsProxyRole',
          requestTemplates: { 'application/json': putRecordTemplate },
          responses: {
            default: { statusCode: '200' },
            '400': {
              statusCode: '400',
              responseTemplates: { 'application/json': `{"error": "$input.path('$.__type')"}` },
            },
          },
        },
      },
    },
  },
}

const httpApi = {
  openapi: '3.0.1',
  info: { title: 'kinesis-subtype', version: '1' },
  paths: {
    '/events': {
      post: {
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          integrationSubtype: 'Kinesis-PutRecord',
          credentials: 'arn:aws:iam::123456789012:role/api-kinesis',
          payloadFormatVersion: '1.0',
          requestParameters: {
            StreamName: 'orders',
            Data: '$request.body.data',
            PartitionKey: '$request.body.key',
          },
        },
      },
    },
  },
}

let kinesis: RunningServer

async function readRecords(stream: string): Promise<string[]> {
  const described = await jsonCall(
    kinesis.endpoint,
    'kinesis',
    'Kinesis_20131202.DescribeStream',
    '1.1',
    {
      StreamName: stream,
    },
  )
  const shards = (described.json['StreamDescription'] as { Shards: Array<{ ShardId: string }> })
    .Shards
  const out: string[] = []
  for (const shard of shards) {
    const iterator = await jsonCall(
      kinesis.endpoint,
      'kinesis',
      'Kinesis_20131202.GetShardIterator',
      '1.1',
      {
        StreamName: stream,
        ShardId: shard.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      },
    )
    const records = await jsonCall(
      kinesis.endpoint,
      'kinesis',
      'Kinesis_20131202.GetRecords',
      '1.1',
      {
        ShardIterator: iterator.json['ShardIterator'],
      },
    )
    for (const record of records.json['Records'] as Array<{ Data: string }>)
      out.push(Buffer.from(record.Data, 'base64').toString('utf8'))
  }
  return out
}

beforeAll(async () => {
  kinesis = await startKinesalite()
  for (const name of ['orders', 'clicks']) {
    const created = await jsonCall(
      kinesis.endpoint,
      'kinesis',
      'Kinesis_20131202.CreateStream',
      '1.1',
      {
        StreamName: name,
        ShardCount: 1,
      },
    )
    expect(created.status).toBe(200)
  }
  // kinesalite makes a stream ACTIVE on its next tick, even with createStreamMs 0.
  await new Promise((resolve) => setTimeout(resolve, 50))
})

afterAll(() => kinesis.close())

describe('Kinesis proxy API against kinesalite', () => {
  it('PutRecord through the tutorial template: the record lands in the stream', async () => {
    const gateway = createGateway({
      api: restApi,
      logger: silentLogger,
      services: { kinesis: { endpoint: kinesis.endpoint, credentials: TEST_CREDENTIALS } },
    })
    const res = await gateway.invoke({
      method: 'PUT',
      path: '/streams/clicks/record',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Data: { page: 'home' }, PartitionKey: 'u1' }),
    })
    expect(res.statusCode).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ ShardId: 'shardId-000000000000' })
    expect(await readRecords('clicks')).toEqual(['{"page":"home"}'])

    const missing = await gateway.invoke({
      method: 'PUT',
      path: '/streams/nope/record',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Data: 'x', PartitionKey: 'u1' }),
    })
    expect(missing.statusCode).toBe(400)
    expect(JSON.parse(missing.body)).toEqual({ error: 'ResourceNotFoundException' })
  })

  it('an HTTP API Kinesis-PutRecord subtype over a real socket (portico/node) reaches kinesalite', async () => {
    const gateway = createGateway({
      api: httpApi,
      logger: silentLogger,
      services: { '*': { endpoint: kinesis.endpoint, credentials: TEST_CREDENTIALS } },
    })
    const server = createServer(toNodeHandler(gateway))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as AddressInfo).port
      const res = await fetch(`http://127.0.0.1:${port}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: 'b3JkZXItMQ==', key: 'o1' }),
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/application\/x-amz-json-1\.1/)
      expect(await res.json()).toMatchObject({ ShardId: 'shardId-000000000000' })
      expect(await readRecords('orders')).toEqual(['order-1'])
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
})
