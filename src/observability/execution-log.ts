/**
 * API Gateway's execution log: the lines `TestInvokeMethod` returns in `log` and CloudWatch
 * execution logging writes (stage `methodSettings` `loggingLevel` INFO/ERROR, `dataTraceEnabled`).
 *
 * Each line's wording is kept in {@link EXECUTION_LOG_LINES} with an example copied from a
 * public AWS log and where it was found. A request gathers lines only when someone wants them
 * (a test-invoke, or a stage with execution logging on): steps call `state.trace?.add(...)`,
 * and with no trace the arguments are not even evaluated.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeMethod.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
import {
  formatLogMap,
  formatLogTime,
  redactHeaders,
  redactLogValue,
  truncate,
  LOG_VALUE_LIMIT,
  type LogMap,
} from './execution-log-format.js'

export { formatLogMap, formatLogTime, redactLogValue, LOG_VALUE_LIMIT, type LogMap }

/** A real test-invoke log (aws-cli 2.15.51, 2024-06-11), published in a GitHub README. */
const TEST_INVOKE_2024 =
  'public `aws apigateway test-invoke-method` output, Lambda proxy, 2024-06-11 (GitHub README, found with find_string "Endpoint request body after transformations")'
/** LocalStack's AWS-validated template of the same log. */
const LOCALSTACK =
  'localstack/localstack services/apigateway/next_gen/execute_api/test_invoke.py (TEST_INVOKE_TEMPLATE)'
const SERVERLESS_8671 = 'https://github.com/serverless/serverless/issues/8671'
const LAMBDA_GO_72 = 'https://github.com/aws/aws-lambda-go/issues/72'
const AMPLIFY_11391 = 'https://github.com/aws-amplify/amplify-js/issues/11391'
const AUTHORIZER_2017 =
  'awslabs aws-serverless-auth-reference-app workshop notes: console "Test your authorizer" log, 2017-05-07'

/** One line kind of the execution log. */
export interface ExecutionLogLine<A extends readonly unknown[]> {
  /** The line's text from its values. */
  readonly format: (...args: A) => string
  /** Only with `dataTraceEnabled` in CloudWatch (headers and bodies). Test-invoke shows all. */
  readonly data: boolean
  /** Kept at `loggingLevel` ERROR (failures). */
  readonly error: boolean
  /** A line as AWS printed it, and the values that reproduce it with `format`. */
  readonly example: { readonly args: A; readonly text: string }
  /** Where the example was found. */
  readonly source: string
}

/** The line kinds and the values each takes. */
export interface ExecutionLogLines {
  readonly start: ExecutionLogLine<[requestId: string]>
  readonly httpMethod: ExecutionLogLine<[method: string, resourcePath: string]>
  readonly methodRequestPath: ExecutionLogLine<[parameters: LogMap]>
  readonly methodRequestQuery: ExecutionLogLine<[parameters: LogMap]>
  readonly methodRequestHeaders: ExecutionLogLine<[headers: LogMap]>
  readonly methodRequestBody: ExecutionLogLine<[body: string]>
  readonly endpointRequestUri: ExecutionLogLine<[uri: string]>
  readonly endpointRequestHeaders: ExecutionLogLine<[headers: LogMap]>
  readonly endpointRequestBody: ExecutionLogLine<[body: string]>
  readonly sending: ExecutionLogLine<[uri: string]>
  readonly received: ExecutionLogLine<[status: number, latencyMs: number]>
  readonly endpointResponseHeaders: ExecutionLogLine<[headers: LogMap]>
  readonly endpointResponseBody: ExecutionLogLine<[body: string]>
  readonly methodResponseBody: ExecutionLogLine<[body: string]>
  readonly methodResponseHeaders: ExecutionLogLine<[headers: LogMap]>
  readonly success: ExecutionLogLine<[]>
  readonly failure: ExecutionLogLine<[message: string]>
  readonly lambdaError: ExecutionLogLine<[message: string, lambdaRequestId: string]>
  readonly completed: ExecutionLogLine<[status: number]>
  readonly authorizerStart: ExecutionLogLine<[authorizerId: string, requestId: string]>
  readonly authorizerIdentity: ExecutionLogLine<[identity: string]>
  readonly authorizerResult: ExecutionLogLine<[body: string]>
  readonly authorizerPolicy: ExecutionLogLine<[principalId: string]>
  readonly authorizerSuccess: ExecutionLogLine<[]>
}

/** The execution-log lines Portico writes, in the order AWS writes them. */
export const EXECUTION_LOG_LINES: ExecutionLogLines = {
  start: {
    format: (requestId: string) => `Starting execution for request: ${requestId}`,
    data: false,
    error: false,
    example: {
      args: ['542762a3-b458-4c03-bf58-55f008af79a2'],
      text: 'Starting execution for request: 542762a3-b458-4c03-bf58-55f008af79a2',
    },
    source: TEST_INVOKE_2024,
  },
  httpMethod: {
    format: (method: string, resourcePath: string) =>
      `HTTP Method: ${method}, Resource Path: ${resourcePath}`,
    data: false,
    error: false,
    example: { args: ['GET', '/employees'], text: 'HTTP Method: GET, Resource Path: /employees' },
    source: TEST_INVOKE_2024,
  },
  methodRequestPath: {
    format: (parameters: LogMap) => `Method request path: ${formatLogMap(parameters)}`,
    data: true,
    error: false,
    example: { args: [{}], text: 'Method request path: {}' },
    source: TEST_INVOKE_2024,
  },
  methodRequestQuery: {
    format: (parameters: LogMap) => `Method request query string: ${formatLogMap(parameters)}`,
    data: true,
    error: false,
    example: { args: [{}], text: 'Method request query string: {}' },
    source: TEST_INVOKE_2024,
  },
  methodRequestHeaders: {
    format: (headers: LogMap) => `Method request headers: ${formatLogMap(redactHeaders(headers))}`,
    data: true,
    error: false,
    example: {
      args: [{ Accept: 'application/json', 'User-Agent': 'axios/0.17.1' }],
      text: 'Method request headers: {Accept=application/json, User-Agent=axios/0.17.1}',
    },
    source: AMPLIFY_11391,
  },
  methodRequestBody: {
    format: (body: string) => `Method request body before transformations: ${truncate(body)}`,
    data: true,
    error: false,
    example: { args: [''], text: 'Method request body before transformations: ' },
    source: TEST_INVOKE_2024,
  },
  endpointRequestUri: {
    format: (uri: string) => `Endpoint request URI: ${uri}`,
    data: false,
    error: false,
    example: {
      args: [
        'https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:640156597816:function:test-de-development-get-employees/invocations',
      ],
      text: 'Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:640156597816:function:test-de-development-get-employees/invocations',
    },
    source: TEST_INVOKE_2024,
  },
  endpointRequestHeaders: {
    format: (headers: LogMap) =>
      `Endpoint request headers: ${formatLogMap(redactHeaders(headers))}`,
    data: true,
    error: false,
    example: {
      args: [{ 'x-amzn-apigateway-api-id': 'oqhfojxjvb', Accept: 'application/json' }],
      text: 'Endpoint request headers: {x-amzn-apigateway-api-id=oqhfojxjvb, Accept=application/json}',
    },
    source: TEST_INVOKE_2024,
  },
  endpointRequestBody: {
    format: (body: string) => `Endpoint request body after transformations: ${truncate(body)}`,
    data: true,
    error: false,
    example: {
      args: ['{"resource":"/employees"}'],
      text: 'Endpoint request body after transformations: {"resource":"/employees"}',
    },
    source: TEST_INVOKE_2024,
  },
  sending: {
    format: (uri: string) => `Sending request to ${uri}`,
    data: false,
    error: false,
    example: {
      args: ['https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/f/invocations'],
      text: 'Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/f/invocations',
    },
    source: TEST_INVOKE_2024,
  },
  received: {
    format: (status: number, latencyMs: number) =>
      `Received response. Status: ${status}, Integration latency: ${latencyMs} ms`,
    data: false,
    error: false,
    example: {
      args: [200, 1702],
      text: 'Received response. Status: 200, Integration latency: 1702 ms',
    },
    source: `${TEST_INVOKE_2024}; ${LOCALSTACK}`,
  },
  endpointResponseHeaders: {
    format: (headers: LogMap) => `Endpoint response headers: ${formatLogMap(headers)}`,
    data: true,
    error: false,
    example: {
      args: [{ 'Content-Type': 'application/json', 'X-Amz-Executed-Version': '$LATEST' }],
      text: 'Endpoint response headers: {Content-Type=application/json, X-Amz-Executed-Version=$LATEST}',
    },
    source: TEST_INVOKE_2024,
  },
  endpointResponseBody: {
    format: (body: string) => `Endpoint response body before transformations: ${truncate(body)}`,
    data: true,
    error: false,
    example: {
      args: ['{"statusCode": 200, "body": "[]"}'],
      text: 'Endpoint response body before transformations: {"statusCode": 200, "body": "[]"}',
    },
    source: TEST_INVOKE_2024,
  },
  methodResponseBody: {
    format: (body: string) => `Method response body after transformations: ${truncate(body)}`,
    data: true,
    error: false,
    example: { args: ['[]'], text: 'Method response body after transformations: []' },
    source: TEST_INVOKE_2024,
  },
  methodResponseHeaders: {
    format: (headers: LogMap) => `Method response headers: ${formatLogMap(headers)}`,
    data: true,
    error: false,
    example: {
      args: [{ 'X-Amzn-Trace-Id': 'Root=1-6667c4be-9f1a8f06e05396ad46af454b' }],
      text: 'Method response headers: {X-Amzn-Trace-Id=Root=1-6667c4be-9f1a8f06e05396ad46af454b}',
    },
    source: TEST_INVOKE_2024,
  },
  success: {
    format: () => 'Successfully completed execution',
    data: false,
    error: false,
    example: { args: [], text: 'Successfully completed execution' },
    source: `${TEST_INVOKE_2024}; ${LOCALSTACK}`,
  },
  /** A failure, worded where it happened ("Execution failed due to configuration error: …"). */
  failure: {
    format: (message: string) => message,
    data: false,
    error: true,
    example: {
      args: ['Execution failed due to configuration error: Malformed Lambda proxy response'],
      text: 'Execution failed due to configuration error: Malformed Lambda proxy response',
    },
    source: LAMBDA_GO_72,
  },
  lambdaError: {
    format: (message: string, lambdaRequestId: string) =>
      `Lambda execution failed with status 200 due to customer function error: ${message}. Lambda request id: ${lambdaRequestId}`,
    data: false,
    error: true,
    example: {
      args: ['Bad handler', 'c0ffee'],
      text: 'Lambda execution failed with status 200 due to customer function error: Bad handler. Lambda request id: c0ffee',
    },
    source: SERVERLESS_8671,
  },
  completed: {
    format: (status: number) => `Method completed with status: ${status}`,
    data: false,
    error: false,
    example: { args: [502], text: 'Method completed with status: 502' },
    source: LAMBDA_GO_72,
  },
  authorizerStart: {
    format: (authorizerId: string, requestId: string) =>
      `Starting authorizer: ${authorizerId} for request: ${requestId}`,
    data: false,
    error: false,
    example: {
      args: ['2egbc3', 'test-request'],
      text: 'Starting authorizer: 2egbc3 for request: test-request',
    },
    source: AUTHORIZER_2017,
  },
  authorizerIdentity: {
    format: (identity: string) => `Incoming identity: ${truncate(identity)}`,
    data: true,
    error: false,
    example: { args: ['eyJraWQ'], text: 'Incoming identity: eyJraWQ' },
    source: AUTHORIZER_2017,
  },
  authorizerResult: {
    format: (body: string) => `Authorizer result body before parsing: ${truncate(body)}`,
    data: true,
    error: false,
    example: {
      args: ['{"principalId":""}'],
      text: 'Authorizer result body before parsing: {"principalId":""}',
    },
    source: AUTHORIZER_2017,
  },
  authorizerPolicy: {
    format: (principalId: string) => `Using valid authorizer policy for principal: ${principalId}`,
    data: false,
    error: false,
    example: { args: [''], text: 'Using valid authorizer policy for principal: ' },
    source: AUTHORIZER_2017,
  },
  authorizerSuccess: {
    format: () => 'Successfully completed authorizer execution',
    data: false,
    error: false,
    example: { args: [], text: 'Successfully completed authorizer execution' },
    source: AUTHORIZER_2017,
  },
}

/** The kinds of line. */
export type ExecutionLogKey = keyof ExecutionLogLines
type ArgsOf<K extends ExecutionLogKey> = Parameters<ExecutionLogLines[K]['format']>

/** One gathered line. */
export interface ExecutionLogEntry {
  /** Epoch milliseconds. */
  readonly at: number
  readonly key: ExecutionLogKey
  readonly text: string
}

/** The lines of one request, gathered while it runs. */
export class ExecutionLog {
  readonly entries: ExecutionLogEntry[] = []
  readonly #now: () => number

  constructor(now: () => number) {
    this.#now = now
  }

  /**
   * Adds a line.
   *
   * @param key - which line ({@link EXECUTION_LOG_LINES})
   * @param args - its values
   */
  add<K extends ExecutionLogKey>(key: K, ...args: ArgsOf<K>): void {
    const format = EXECUTION_LOG_LINES[key].format as (...a: ArgsOf<K>) => string
    this.entries.push({ at: this.#now(), key, text: format(...args) })
  }

  /** Whether a line of this kind was added. */
  has(key: ExecutionLogKey): boolean {
    return this.entries.some((entry) => entry.key === key)
  }

  /**
   * The log as `TestInvokeMethod` returns it: a heading, then `{time} : {line}` per line.
   *
   * @param requestId - the request's id
   * @returns the text, ending with a newline
   */
  toTestInvokeLog(requestId: string): string {
    let text = `Execution log for request ${requestId}\n`
    for (const entry of this.entries) text += `${formatLogTime(entry.at)} : ${entry.text}\n`
    return text
  }

  /**
   * The lines CloudWatch execution logging would keep, each as `({requestId}) {line}`.
   *
   * @param requestId - the request's id
   * @param level - the method's `loggingLevel`
   * @param dataTrace - the method's `dataTraceEnabled`
   * @returns the lines
   */
  cloudWatchLines(requestId: string, level: 'ERROR' | 'INFO', dataTrace: boolean): string[] {
    const out: string[] = []
    for (const entry of this.entries) {
      const row = EXECUTION_LOG_LINES[entry.key]
      if (level === 'ERROR' && !row.error) continue
      if (row.data && !dataTrace) continue
      out.push(`(${requestId}) ${entry.text}`)
    }
    return out
  }
}
