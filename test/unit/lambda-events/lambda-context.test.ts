// The Lambda context a handler gets: every field of the Node.js runtime's context, and the
// legacy done/fail/succeed methods settling the invocation as the callback does.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type LambdaHandler } from '../../../src/index.js'
import { FakeClock } from '../../../src/testing/index.js'
import { openApi, proxyMethod } from '../../fixtures/mini-api.js'

function gatewayWith(handler: LambdaHandler, clock = new FakeClock(Date.UTC(2026, 10, 21))) {
  const gateway = createGateway({
    api: openApi({ '/fn': { get: proxyMethod('Fn') } }),
    lambdas: { Fn: handler },
    clock,
    logger: silentLogger,
  })
  return () => gateway.invoke({ method: 'GET', path: '/fn' })
}

const ok = { statusCode: 200, body: 'done' }

describe('Lambda context', () => {
  it('has every field of the Node.js runtime context', async () => {
    let seen: Record<string, unknown> = {}
    const clock = new FakeClock(Date.UTC(2026, 10, 21))
    const call = gatewayWith(async (_event, context) => {
      const before = context.getRemainingTimeInMillis()
      await clock.advance(1000)
      seen = { ...context, remaining: [before, context.getRemainingTimeInMillis()] }
      return ok
    }, clock)
    expect((await call()).body).toBe('done')
    expect(seen).toMatchObject({
      callbackWaitsForEmptyEventLoop: true,
      functionName: 'Fn',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
      memoryLimitInMB: '128',
      logGroupName: '/aws/lambda/Fn',
      logStreamName: 'portico',
      remaining: [29_000, 28_000],
    })
    expect(seen['awsRequestId']).toEqual(expect.any(String))
    for (const method of ['getRemainingTimeInMillis', 'done', 'fail', 'succeed'])
      expect(seen[method]).toBeTypeOf('function')
    // Present and undefined, as in the runtime when no mobile SDK sent them.
    expect(Object.keys(seen)).toEqual(expect.arrayContaining(['identity', 'clientContext']))
    expect([seen['identity'], seen['clientContext']]).toEqual([undefined, undefined])
  })

  it('context.succeed settles the invocation with its value, also later', async () => {
    const call = gatewayWith((_event, context, _callback) => {
      setImmediate(() => context.succeed(ok))
    })
    const res = await call()
    expect([res.statusCode, res.body]).toEqual([200, 'done'])
  })

  it('context.done(null, result) succeeds and context.done(error) fails, like the callback', async () => {
    const succeeded = await gatewayWith((_event, context, _callback) =>
      context.done(undefined, ok),
    )()
    expect([succeeded.statusCode, succeeded.body]).toEqual([200, 'done'])
    const failed = await gatewayWith((_event, context, _callback) =>
      context.done(new Error('boom')),
    )()
    expect([failed.statusCode, failed.body]).toEqual([502, '{"message":"Internal server error"}'])
  })

  it('context.fail fails the invocation (a Lambda error: 502 on a proxy route)', async () => {
    const res = await gatewayWith((_event, context, _callback) => context.fail('nope'))()
    expect([res.statusCode, res.body]).toEqual([502, '{"message":"Internal server error"}'])
  })

  it('the first of callback, succeed and a returned promise wins', async () => {
    const res = await gatewayWith(async (_event, context) => {
      context.succeed({ statusCode: 201, body: 'first' })
      return ok
    })()
    expect([res.statusCode, res.body]).toEqual([201, 'first'])
  })
})
