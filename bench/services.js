/* global Response */
// AWS service endpoint cost: a DynamoDB GetItem through a REST AWS integration (template,
// SigV4 signing, fetch, integration response) vs the same call made directly, both with aws4 +
// fetch and with the AWS SDK's DynamoDBClient, all against dynalite on loopback, alternating,
// same run.
import { createRequire } from 'node:module'
import aws4 from 'aws4'
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb'
import { createGateway, silentLogger } from '../dist/index.js'

const require = createRequire(import.meta.url)
const CREDS = { accessKeyId: 'bench', secretAccessKey: 'bench' }

async function time(fn, iterations) {
  for (let i = 0; i < Math.min(iterations, 300); i++) await fn()
  const start = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) await fn()
  return Number(process.hrtime.bigint() - start) / iterations / 1000
}

function direct(endpoint, target, body) {
  const url = new URL(endpoint)
  const text = JSON.stringify(body)
  const signed = aws4.sign(
    {
      host: url.host,
      path: '/',
      method: 'POST',
      service: 'dynamodb',
      region: 'us-east-1',
      body: text,
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': `DynamoDB_20120810.${target}`,
      },
    },
    CREDS,
  )
  delete signed.headers.Host
  delete signed.headers['Content-Length']
  return fetch(`${endpoint}/`, { method: 'POST', headers: signed.headers, body: text }).then((r) =>
    r.text(),
  )
}

export async function runServicesBench(quick) {
  const server = require('dynalite')({ createTableMs: 0 })
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok))
  const endpoint = `http://127.0.0.1:${server.address().port}`
  await direct(endpoint, 'CreateTable', {
    TableName: 'Items',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
  })
  await direct(endpoint, 'PutItem', { TableName: 'Items', Item: { id: { S: '7' }, v: { S: 'x' } } })
  const options = {
    logger: silentLogger,
    services: { dynamodb: { endpoint, credentials: CREDS } },
    api: {
      swagger: '2.0',
      info: { title: 'svc', version: '1' },
      paths: {
        '/items/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
            responses: { 200: { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'aws',
              httpMethod: 'POST',
              uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/GetItem',
              requestTemplates: {
                'application/json': `{"TableName": "Items", "Key": {"id": {"S": "$input.params('id')"}}}`,
              },
              responses: { default: { statusCode: '200' } },
            },
          },
        },
      },
    },
  }
  const gateway = createGateway(options)
  // Portico's own work per call (template, SigV4, integration response) with a fetch that
  // answers at once: no network, no server.
  const canned = await (await fetch(`${endpoint}/`, { method: 'POST' })).text()
  const offline = createGateway({
    ...options,
    fetch: async () =>
      new Response(canned, { headers: { 'content-type': 'application/x-amz-json-1.0' } }),
  })
  const request = { method: 'GET', path: '/items/7' }
  const check = await gateway.invoke(request)
  if (check.statusCode !== 200 || !check.body.includes('"x"'))
    throw new Error(`services bench: wrong answer ${check.statusCode} ${check.body}`)
  const getItem = { TableName: 'Items', Key: { id: { S: '7' } } }
  const n = quick ? 300 : 2000
  const portico = []
  const sdk = []
  const client = []
  const dynamo = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: CREDS })
  for (let round = 0; round < 3; round++) {
    sdk.push(await time(() => direct(endpoint, 'GetItem', getItem), n))
    client.push(await time(() => dynamo.send(new GetItemCommand(getItem)), n))
    portico.push(await time(() => gateway.invoke(request), n))
  }
  dynamo.destroy()
  const own = await time(() => offline.invoke(request), quick ? 2000 : 20000)
  await new Promise((ok) => server.close(ok))
  const median = (values) => [...values].sort((a, b) => a - b)[1]
  return { portico: median(portico), direct: median(sdk), sdkClient: median(client), own }
}
