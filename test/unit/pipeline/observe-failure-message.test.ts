// Regression (found by typescript-eslint no-unnecessary-condition on `(error as Error)?.message`):
// an access-log sink that throws something other than an Error was logged as
// "metrics or access log failed: undefined".
import { describe, expect, it, vi } from 'vitest'
import { createGateway } from '../../../src/index.js'
import { createRecordingLogger } from '../../../src/testing/index.js'
import { mockMethod, openApi } from '../../fixtures/mini-api.js'

const ACCESS_LOG = {
  format: '$context.requestId',
  destinationArn: 'arn:aws:logs:us-east-1:1:log-group:x',
}

describe('a failing access-log sink', () => {
  it.each([
    ['a string', 'sink broke', 'sink broke'],
    ['an object', { reason: 'full' }, '{"reason":"full"}'],
    ['an Error', new Error('disk full'), 'disk full'],
  ])('throwing %s is logged with its text; the request succeeds', async (_, thrown, text) => {
    const logger = createRecordingLogger()
    const gateway = createGateway({
      api: openApi({ '/ok': { get: mockMethod() } }),
      stage: { accessLogSettings: ACCESS_LOG },
      accessLog: () => {
        throw thrown
      },
      logger,
    })
    const res = await gateway.invoke({ method: 'GET', path: '/ok' })
    expect(res.statusCode).toBe(200)
    // The line is written after the response is handed back.
    await vi.waitFor(() => {
      const warnings = logger.entries.filter((e) => e.level === 'warn').map((e) => e.message)
      expect(warnings).toContain(`metrics or access log failed: ${text}`)
    })
  })
})
