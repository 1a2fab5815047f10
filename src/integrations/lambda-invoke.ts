/**
 * Lambda functions as in-process handlers: resolution from the integration URI and invocation
 * with the Lambda context (lambda-events/), a timeout on the injected clock, and callback support.
 */
import { getOwn } from '../core/index.js'
import { ConfigError } from '../errors.js'
import type { Deps } from '../core/index.js'
import { substituteStageVariables } from '../stages/index.js'
import {
  createLambdaContext,
  type LambdaHandler,
  type LambdaHandlers,
} from '../lambda-events/index.js'

export type { LambdaContext, LambdaHandler, LambdaHandlers } from '../lambda-events/index.js'

/** A function reference from an integration URI. */
export interface LambdaTarget {
  readonly functionArn: string
  readonly functionName: string
  readonly qualifier: string | undefined
  /** `/aws/lambda/{functionName}`, for the handler's context. */
  readonly logGroupName: string
}

const INVOCATION_URI =
  /^arn:aws[\w-]*:apigateway:[^:]*:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/
const FUNCTION_ARN = /^arn:aws[\w-]*:lambda:([^:]*):([^:]*):function:([^:]+)(?::([^:]+))?$/

/**
 * Reads the function from a Lambda invocation URI (or a function ARN or name).
 *
 * @param functionRef - the function ARN or name, stage variables already substituted
 * @returns the target, or undefined when it is not a function reference
 */
export function parseFunctionReference(
  functionRef: string,
  accountId: string,
  region: string,
): LambdaTarget | undefined {
  const arn = FUNCTION_ARN.exec(functionRef)
  if (arn) {
    const functionName = arn[3] as string
    return {
      functionArn: functionRef,
      functionName,
      qualifier: arn[4],
      logGroupName: `/aws/lambda/${functionName}`,
    }
  }
  const plain = /^([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?$/.exec(functionRef)
  if (!plain) return undefined
  const functionName = plain[1] as string
  return {
    functionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionRef}`,
    functionName,
    qualifier: plain[2],
    logGroupName: `/aws/lambda/${functionName}`,
  }
}

/**
 * Compiles an integration URI into a resolver of the function per stage.
 *
 * @param uri - `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations`
 * @param where - its place in the definition
 * @returns a function from stage variables to the target (undefined if it does not resolve)
 * @throws ConfigError when the URI is not a Lambda invocation URI
 */
export function compileLambdaUri(
  uri: string,
  where: string,
  accountId: string,
  region: string,
): (variables: Readonly<Record<string, string>>) => LambdaTarget | undefined {
  const match = INVOCATION_URI.exec(uri)
  if (!match)
    throw new ConfigError(
      where,
      `not a Lambda invocation URI: ${JSON.stringify(uri)} (expected arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations)`,
    )
  const functionRef = match[1] as string
  if (!functionRef.includes('${')) {
    const target = parseFunctionReference(functionRef, accountId, region)
    if (!target) throw new ConfigError(where, `invalid function ARN ${JSON.stringify(functionRef)}`)
    return () => target
  }
  return (variables) =>
    parseFunctionReference(substituteStageVariables(functionRef, variables), accountId, region)
}

/**
 * Finds the handler for a target: `name:qualifier`, then `name`, then the full ARN.
 *
 * @param handlers - the gateway's handlers
 * @param target - the function
 * @returns the handler, or undefined
 */
export function resolveHandler(
  handlers: LambdaHandlers,
  target: LambdaTarget,
): LambdaHandler | undefined {
  if (target.qualifier !== undefined) {
    const qualified = getOwn(handlers, `${target.functionName}:${target.qualifier}`)
    if (qualified) return qualified
  }
  // Own properties only: a function named `constructor` or `toString` is not Object.prototype's.
  return getOwn(handlers, target.functionName) ?? getOwn(handlers, target.functionArn)
}

/** How an invocation ended. */
export type InvokeOutcome =
  | { readonly kind: 'result'; readonly value: unknown }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'timeout' }

/**
 * Invokes a handler as Lambda would: async or callback style, errors caught, a deadline kept.
 *
 * @example
 * ```ts
 * const outcome = await invokeHandler(handler, target, event, requestId, 29_000, deps)
 * if (outcome.kind === 'result') console.log(outcome.value)
 * ```
 *
 * @param handler - the function
 * @param target - which function it is (for the context)
 * @param event - the event
 * @param requestId - `context.awsRequestId`
 * @param timeoutMs - the integration timeout
 * @param deps - clock and timers
 * @param then - turns the outcome into the promised value in the same step (one promise
 *   instead of two on the request path); if it throws, the promise rejects
 * @returns the outcome (or what `then` made of it); rejects only if `then` throws
 */
export function invokeHandler<T = InvokeOutcome>(
  handler: LambdaHandler,
  target: LambdaTarget,
  event: unknown,
  requestId: string,
  timeoutMs: number,
  deps: Deps,
  then: (outcome: InvokeOutcome) => T = asIs as (outcome: InvokeOutcome) => T,
): Promise<T> {
  const deadline = deps.now() + timeoutMs
  return new Promise<T>((resolve, reject) => {
    let settled = false
    const settle = (outcome: InvokeOutcome): void => {
      if (settled) return
      settled = true
      cancel()
      try {
        resolve(then(outcome))
      } catch (error) {
        reject(error)
      }
    }
    const cancel = deps.setTimer(timeoutMs, () => settle(TIMED_OUT))
    const callback = (error?: unknown, result?: unknown): void => {
      settle(
        error !== undefined && error !== null
          ? { kind: 'error', error }
          : { kind: 'result', value: result },
      )
    }
    const context = createLambdaContext(
      target,
      requestId,
      () => Math.max(0, deadline - deps.now()),
      callback,
    )
    try {
      const returned: unknown = handler(event, context, callback)
      if (
        returned !== null &&
        typeof returned === 'object' &&
        typeof (returned as Promise<unknown>).then === 'function'
      ) {
        ;(returned as Promise<unknown>).then(
          (value) => settle({ kind: 'result', value }),
          (error: unknown) => settle({ kind: 'error', error }),
        )
      } else if (handler.length < 3) {
        settle({ kind: 'result', value: returned })
      }
    } catch (error) {
      settle({ kind: 'error', error })
    }
  })
}

const TIMED_OUT: InvokeOutcome = { kind: 'timeout' }

function asIs(outcome: InvokeOutcome): InvokeOutcome {
  return outcome
}
