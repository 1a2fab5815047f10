/**
 * The HTTP API integration subtypes: each one's service (the name `options.services` knows it
 * by), action, AWS JSON protocol target, and parameters (required ones, their field in the
 * service's JSON input, their type there).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
 */
/** How one parameter enters the service's JSON input. */
export type Kind = 'string' | 'number' | 'json' | 'list'

export interface Parameter {
  /** The parameter's name in the service's JSON input, when it differs. */
  readonly field?: string
  readonly required?: true
  readonly kind?: Kind
}

export interface Subtype {
  readonly service: string
  readonly action: string
  /** AWS JSON protocol: `x-amz-target` prefix and content type version. */
  readonly target?: readonly [prefix: string, json: '1.0' | '1.1']
  readonly parameters: Readonly<Record<string, Parameter>>
  /** Builds the service input from the evaluated values (default: one field per parameter). */
  readonly input?: (fields: Record<string, unknown>) => unknown
}

const R = { required: true } as const
const SQS: readonly [string, '1.0'] = ['AmazonSQS', '1.0']
const STATES: readonly [string, '1.0'] = ['AWSStepFunctions', '1.0']

/** AWS's integration subtypes and their parameters (the reference's tables). */
export const INTEGRATION_SUBTYPES: Readonly<Record<string, Subtype>> = {
  'EventBridge-PutEvents': {
    service: 'events',
    action: 'PutEvents',
    target: ['AWSEvents', '1.1'],
    parameters: {
      Detail: R,
      DetailType: R,
      Source: R,
      Time: {},
      EventBusName: {},
      Resources: { kind: 'list' },
      TraceHeader: {},
    },
    input: (fields) => ({ Entries: [fields] }),
  },
  'SQS-SendMessage': {
    service: 'sqs',
    action: 'SendMessage',
    target: SQS,
    parameters: {
      QueueUrl: R,
      MessageBody: R,
      DelaySeconds: { kind: 'number' },
      MessageAttributes: { kind: 'json' },
      MessageDeduplicationId: {},
      MessageGroupId: {},
      MessageSystemAttributes: { kind: 'json' },
    },
  },
  'SQS-ReceiveMessage': {
    service: 'sqs',
    action: 'ReceiveMessage',
    target: SQS,
    parameters: {
      QueueUrl: R,
      AttributeNames: { kind: 'list' },
      MaxNumberOfMessages: { kind: 'number' },
      MessageAttributeNames: { kind: 'list' },
      ReceiveRequestAttemptId: {},
      VisibilityTimeout: { kind: 'number' },
      WaitTimeSeconds: { kind: 'number' },
    },
  },
  'SQS-DeleteMessage': {
    service: 'sqs',
    action: 'DeleteMessage',
    target: SQS,
    parameters: { ReceiptHandle: R, QueueUrl: R },
  },
  'SQS-PurgeQueue': {
    service: 'sqs',
    action: 'PurgeQueue',
    target: SQS,
    parameters: { QueueUrl: R },
  },
  'AppConfig-GetConfiguration': {
    service: 'appconfig',
    action: 'GetConfiguration',
    parameters: {
      Application: R,
      Environment: R,
      Configuration: R,
      ClientId: R,
      ClientConfigurationVersion: {},
    },
  },
  'Kinesis-PutRecord': {
    service: 'kinesis',
    action: 'PutRecord',
    target: ['Kinesis_20131202', '1.1'],
    parameters: {
      StreamName: R,
      Data: R,
      PartitionKey: R,
      SequenceNumberForOrdering: {},
      ExplicitHashKey: {},
    },
  },
  'StepFunctions-StartExecution': {
    service: 'states',
    action: 'StartExecution',
    target: STATES,
    parameters: {
      StateMachineArn: { ...R, field: 'stateMachineArn' },
      Name: { field: 'name' },
      Input: { field: 'input' },
    },
  },
  'StepFunctions-StartSyncExecution': {
    service: 'states',
    action: 'StartSyncExecution',
    target: STATES,
    parameters: {
      StateMachineArn: { ...R, field: 'stateMachineArn' },
      Name: { field: 'name' },
      Input: { field: 'input' },
      TraceHeader: { field: 'traceHeader' },
    },
  },
  'StepFunctions-StopExecution': {
    service: 'states',
    action: 'StopExecution',
    target: STATES,
    parameters: {
      ExecutionArn: { ...R, field: 'executionArn' },
      Cause: { field: 'cause' },
      Error: { field: 'error' },
    },
  },
}
