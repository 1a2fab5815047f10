/**
 * The Lambda `context` object and handler signature, as the Node.js runtime passes them and as
 * `@types/aws-lambda` declares them (`Context`, `Callback`, `Handler`), so handlers typed for
 * AWS plug into Portico without casts and Portico handlers can be deployed as they are.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
 */

/** `context.identity`: the Amazon Cognito identity of a mobile SDK caller (never set by API Gateway). */
export interface LambdaCognitoIdentity {
  cognitoIdentityId: string
  cognitoIdentityPoolId: string
}

/** `context.clientContext`: the mobile SDK client's context (never set by API Gateway). */
export interface LambdaClientContext {
  client: {
    installationId: string
    appTitle: string
    appVersionName: string
    appVersionCode: string
    appPackageName: string
  }
  custom?: unknown
  env: { platformVersion: string; platform: string; make: string; model: string; locale: string }
}

/**
 * The `context` argument of a Lambda handler: the Node.js runtime's fields, including the
 * legacy `done`/`fail`/`succeed` methods (still present in the runtime and in
 * `@types/aws-lambda`'s `Context`), which settle the invocation like the callback does.
 *
 * Shape (what a handler sees for function `Fn`):
 * `{ callbackWaitsForEmptyEventLoop: true, functionName: 'Fn', functionVersion: '$LATEST',
 *   invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
 *   memoryLimitInMB: '128', awsRequestId, logGroupName: '/aws/lambda/Fn',
 *   logStreamName: 'portico', identity: undefined, clientContext: undefined, … }`
 *
 * @example
 * ```ts
 * const handler: LambdaHandler = async (event, context) => ({
 *   statusCode: 200,
 *   body: `${context.functionName} has ${context.getRemainingTimeInMillis()} ms left`,
 * })
 * ```
 */
export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean
  functionName: string
  functionVersion: string
  invokedFunctionArn: string
  /** A string, as in the runtime (`'128'`). */
  memoryLimitInMB: string
  awsRequestId: string
  logGroupName: string
  logStreamName: string
  identity?: LambdaCognitoIdentity | undefined
  clientContext?: LambdaClientContext | undefined
  tenantId?: string | undefined
  /** Milliseconds until the invocation times out (the integration timeout, on the injected clock). */
  getRemainingTimeInMillis(): number
  /** @deprecated Legacy: settles the invocation like `callback(error, result)`. */
  done(error?: Error, result?: unknown): void
  /** @deprecated Legacy: fails the invocation with `error`. */
  fail(error: Error | string): void
  /** @deprecated Legacy: succeeds the invocation with the value. */
  succeed(messageOrObject: unknown): void
  /** @deprecated Legacy: succeeds the invocation with `message` (the object is ignored, as in the runtime). */
  succeed(message: string, object: unknown): void
}

/**
 * The Node.js callback: `callback(error)` fails the invocation, `callback(null, result)`
 * succeeds with `result`. The same type as `@types/aws-lambda`'s `Callback`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors @types/aws-lambda's default
export type LambdaCallback<TResult = any> = (
  error?: Error | string | null,
  result?: TResult,
) => void

/**
 * A Lambda handler: async (returns a promise), Node's callback style, or (a Portico
 * convenience, with fewer than three parameters) a plain returned value. With the default type
 * arguments it is the same type as `@types/aws-lambda`'s `Handler`, in both directions; give
 * `TEvent` (e.g. {@link LambdaProxyEvent}) to type an inline handler's event.
 *
 * @example
 * ```ts
 * const getPet: LambdaHandler<HttpApiProxyEventV2> = async (event) => ({
 *   statusCode: 200,
 *   body: JSON.stringify({ id: event.pathParameters?.['id'] }),
 * })
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors @types/aws-lambda's Handler
export type LambdaHandler<TEvent = any, TResult = any> = (
  event: TEvent,
  context: LambdaContext,
  callback: LambdaCallback<TResult>,
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- callback-style handlers return nothing
) => void | TResult | Promise<TResult>

/** Handlers by function name, `name:qualifier`, or full function ARN. */
export type LambdaHandlers = Readonly<Record<string, LambdaHandler>>

/** The function a context describes. */
export interface ContextTarget {
  readonly functionName: string
  readonly functionArn: string
  /** `/aws/lambda/{functionName}`. */
  readonly logGroupName: string
}

/**
 * Builds the context for one invocation.
 *
 * @param target - the function
 * @param requestId - `awsRequestId`
 * @param remaining - `getRemainingTimeInMillis`
 * @param callback - settles the invocation; `done`, `fail` and `succeed` go through it
 * @returns the context
 */
export function createLambdaContext(
  target: ContextTarget,
  requestId: string,
  remaining: () => number,
  callback: (error?: unknown, result?: unknown) => void,
): LambdaContext {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: target.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: target.functionArn,
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: target.logGroupName,
    logStreamName: 'portico',
    identity: undefined,
    clientContext: undefined,
    getRemainingTimeInMillis: remaining,
    /* eslint-disable @typescript-eslint/no-deprecated -- the legacy methods are defined here */
    done: callback,
    // Optional: JavaScript handlers call `context.fail()` with nothing and still fail.
    fail: (error?: Error | string) => callback(error ?? new Error(String(error))),
    succeed: (value: unknown) => callback(null, value),
    /* eslint-enable @typescript-eslint/no-deprecated */
  }
}
