// A presigned URL's X-Amz-Expires is whole seconds from 1 to 604800 (7 days), counted from
// X-Amz-Date on the injected clock; anything else is refused before the signature is checked.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html (X-Amz-Expires:
// "Minimum value of 1. Maximum value of 604800"); wording for execute-api unconfirmed, S3's used.
import { describe, expect, it } from 'vitest'
import { gateways, presign, presignRaw, type Api } from './sigv4-fixtures.js'

const WEEK = 604_800

/** [X-Amz-Expires as sent, message of the 403, or undefined when the URL verifies] */
const EXPIRES: Array<[string, string | undefined]> = [
  ['1', undefined],
  ['300', undefined],
  [String(WEEK), undefined],
  [String(WEEK + 1), 'X-Amz-Expires must be less than a week (in seconds) that is 604800'],
  ['999999999', 'X-Amz-Expires must be less than a week (in seconds) that is 604800'],
  ['0', 'X-Amz-Expires must be at least 1 (in seconds)'],
  ['-5', 'X-Amz-Expires must be non-negative'],
  ['abc', 'X-Amz-Expires should be a number'],
  ['', 'X-Amz-Expires should be a number'],
  ['1e9', 'X-Amz-Expires should be a number'],
  ['300.5', 'X-Amz-Expires should be a number'],
  [' 300', 'X-Amz-Expires should be a number'],
  ['0x10', 'X-Amz-Expires should be a number'],
  ['Infinity', 'X-Amz-Expires should be a number'],
]

/** [seconds after signing when the request arrives, expiresIn, verifies?] */
const WINDOW: Array<[number, number, boolean]> = [
  [0, 60, true],
  [60, 60, true],
  [61, 60, false],
  [WEEK, WEEK, true],
  [WEEK + 1, WEEK, false],
  // a URL signed for the future is "not yet current" beyond the 5-minute skew
  [-300, 60, true],
  [-301, 60, false],
]

describe('sigv4-presign-expiry', () => {
  const apis: Api[] = ['REST', 'HTTP']
  for (const api of apis) {
    it.each(EXPIRES)(`${api}: X-Amz-Expires=%j`, async (expires, message) => {
      const { apis: all, received } = gateways()
      const { gateway, prefix } = all[api]
      const res = await gateway.invoke(presignRaw(prefix, '/pets', expires))
      if (message === undefined) {
        expect(res.statusCode).toBe(200)
        return
      }
      expect(res.statusCode).toBe(403)
      expect(received).toEqual([])
      // HTTP APIs answer every IAM failure {"message":"Forbidden"}; REST gives AWS's reason.
      if (api === 'REST') {
        expect(JSON.parse(res.body)).toEqual({ message })
        expect(res.headers['x-amzn-ErrorType']).toBe('IncompleteSignatureException')
      }
    })

    it.each(WINDOW)(
      `${api}: arriving %is after signing, expiresIn %i`,
      async (after, expiresIn, ok) => {
        const { apis: all, clock } = gateways()
        const { gateway, prefix } = all[api]
        const request = await presign(prefix, '/pets', expiresIn)
        await clock.advance(after * 1000)
        expect((await gateway.invoke(request)).statusCode).toBe(ok ? 200 : 403)
      },
    )
  }
})
