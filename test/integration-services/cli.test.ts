/**
 * `portico serve --service-endpoint dynamodb=URL`: the CLI's AWS integrations reach a real
 * DynamoDB-protocol server (dynalite), signed with the environment's credentials.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { jsonCall, startDynalite, type RunningServer } from './servers.js'

let dynamo: RunningServer
const dir = mkdtempSync(join(tmpdir(), 'portico-cli-svc-'))

beforeAll(async () => {
  dynamo = await startDynalite()
  await jsonCall(dynamo.endpoint, 'dynamodb', 'DynamoDB_20120810.CreateTable', '1.0', {
    TableName: 'Pets',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
  })
  await jsonCall(dynamo.endpoint, 'dynamodb', 'DynamoDB_20120810.PutItem', '1.0', {
    TableName: 'Pets',
    Item: { id: { S: '7' }, name: { S: 'Rex' } },
  })
})
afterAll(async () => {
  await dynamo.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Serves a DynamoDB GetItem API with `portico serve …flags` and checks the item comes back. */
async function servesGetItem(flags: string[], env: Record<string, string>): Promise<void> {
  const file = join(dir, 'api.json')
  writeFileSync(
    file,
    JSON.stringify({
      swagger: '2.0',
      info: { title: 'pets', version: '1' },
      paths: {
        '/pets/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'aws',
              httpMethod: 'POST',
              uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/GetItem',
              requestTemplates: {
                'application/json': `{"TableName": "Pets", "Key": {"id": {"S": "$input.params('id')"}}}`,
              },
              responses: {
                default: {
                  statusCode: '200',
                  responseTemplates: {
                    'application/json': `{"name": "$input.path('$.Item.name.S')"}`,
                  },
                },
              },
            },
          },
        },
      },
    }),
  )
  const child = spawn(
    process.execPath,
    ['dist/cli/main.js', 'serve', file, '--port', '0', ...flags],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const match = /at (http:\/\/localhost:\d+\/dev)/.exec(out)
        if (match) resolve(match[1] as string)
      })
      child.once('exit', (code) => reject(new Error(`CLI exited ${code}: ${out}`)))
    })
    const res = await fetch(`${url}/pets/7`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ name: 'Rex' })
  } finally {
    child.kill()
  }
}

it('serve --service-endpoint sends the DynamoDB call to the given server', async () => {
  await servesGetItem(['--service-endpoint', `dynamodb=${dynamo.endpoint}`], {
    AWS_ACCESS_KEY_ID: 'cli',
    AWS_SECRET_ACCESS_KEY: 'cli',
  })
})

it('a portico.config.json with services sends the call there, with its credentials', async () => {
  const config = join(dir, 'portico.config.json')
  writeFileSync(
    config,
    JSON.stringify({
      services: {
        dynamodb: {
          endpoint: dynamo.endpoint,
          credentials: { accessKeyId: 'cfg', secretAccessKey: 'cfg' },
        },
      },
    }),
  )
  await servesGetItem(['--config', config], { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' })
})
