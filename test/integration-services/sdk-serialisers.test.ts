/**
 * For SQS, Step Functions and EventBridge, which have no protocol server on npm (issue 15 item
 * 4): the wire request Portico sends for an HTTP API service integration is the one the AWS
 * SDK's own serialiser builds for the same call. Both go to one recording server; method, path,
 * `Content-Type`, `X-Amz-Target` and the JSON body must agree, and both must verify with the
 * SDK's SigV4 signer.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge'
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn'
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'
import { startRecorder, verifyWithSdk, type Recorded, type Recorder } from './recorder.js'

const CREDS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
}
const BODY = '{"item":"tea"}'
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/q'
const MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:M'

let recorder: Recorder
beforeAll(async () => {
  recorder = await startRecorder()
})
afterAll(async () => {
  await recorder.close()
})

function httpApi(subtype: string, requestParameters: Record<string, string>) {
  return {
    openapi: '3.0.1',
    info: { title: 'sdk-wire', version: '1' },
    paths: {
      '/call': {
        post: {
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            integrationSubtype: subtype,
            payloadFormatVersion: '1.0',
            requestParameters,
          },
        },
      },
    },
  }
}

async function viaPortico(subtype: string, parameters: Record<string, string>): Promise<Recorded> {
  const before = recorder.requests.length
  await createGateway({
    api: httpApi(subtype, parameters),
    logger: silentLogger,
    region: 'eu-west-1',
    services: { '*': { endpoint: recorder.endpoint, credentials: CREDS } },
  }).invoke({
    method: 'POST',
    path: '/call',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  })
  return recorder.requests[before] as Recorded
}

async function viaSdk(send: () => Promise<unknown>): Promise<Recorded> {
  const before = recorder.requests.length
  await send().catch(() => undefined) // the recorder's `{}` reply need not satisfy the SDK
  return recorder.requests[before] as Recorded
}

const client = { region: 'eu-west-1', credentials: CREDS, maxAttempts: 1 }

const cases: Array<{
  subtype: string
  source: string
  parameters: Record<string, string>
  sdk: () => Promise<unknown>
}> = [
  {
    subtype: 'SQS-SendMessage',
    source:
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html',
    parameters: { QueueUrl: QUEUE, MessageBody: '$request.body' },
    sdk: () =>
      new SQSClient({ ...client, endpoint: recorder.endpoint }).send(
        new SendMessageCommand({ QueueUrl: QUEUE, MessageBody: BODY }),
      ),
  },
  {
    subtype: 'StepFunctions-StartExecution',
    source:
      'https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html',
    parameters: { StateMachineArn: MACHINE, Input: '$request.body' },
    sdk: () =>
      new SFNClient({ ...client, endpoint: recorder.endpoint }).send(
        new StartExecutionCommand({ stateMachineArn: MACHINE, input: BODY }),
      ),
  },
  {
    subtype: 'EventBridge-PutEvents',
    source: 'https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html',
    parameters: { Detail: '$request.body', DetailType: 'order', Source: 'shop' },
    sdk: () =>
      new EventBridgeClient({ ...client, endpoint: recorder.endpoint }).send(
        new PutEventsCommand({ Entries: [{ Detail: BODY, DetailType: 'order', Source: 'shop' }] }),
      ),
  },
]

describe('HTTP API service integrations send what the AWS SDK serialiser sends', () => {
  it.each(cases)('$subtype ($source)', async ({ subtype, parameters, sdk }) => {
    const ours = await viaPortico(subtype, parameters)
    const theirs = await viaSdk(sdk)
    expect(ours).toBeDefined()
    expect(theirs).toBeDefined()
    expect(ours.method).toBe(theirs.method)
    expect(ours.url).toBe(theirs.url)
    expect(ours.headers['content-type']).toBe(theirs.headers['content-type'])
    expect(ours.headers['x-amz-target']).toBe(theirs.headers['x-amz-target'])
    expect(JSON.parse(ours.body.toString())).toEqual(JSON.parse(theirs.body.toString()))
    expect((await verifyWithSdk(ours, CREDS)).valid).toBe(true)
  })
})
