// A header-signed request must arrive within 5 minutes either side of its X-Amz-Date, on the
// injected clock. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html
// ("the request must reach AWS within five minutes of the time stamp in the request")
import { describe, expect, it } from 'vitest'
import { gateways, signHeader, type Api } from './sigv4-fixtures.js'

/** [seconds the clock moves after signing at NOW, REST status, message] */
const CASES: Array<[number, number, string | undefined]> = [
  [0, 200, undefined],
  [300, 200, undefined],
  [
    301,
    403,
    'Signature expired: 20261121T120000Z is now earlier than 20261121T120001Z (20261121T120501Z - 5 min.)',
  ],
  [-300, 200, undefined],
  [
    -301,
    403,
    'Signature not yet current: 20261121T120000Z is still later than 20261121T115959Z (20261121T115459Z + 5 min.)',
  ],
]

describe('sigv4-time-window', () => {
  const apis: Api[] = ['REST', 'HTTP']
  for (const api of apis) {
    it.each(CASES)(`${api}: clock moved %is after signing`, async (seconds, status, message) => {
      const { apis: all, clock } = gateways()
      const { gateway, prefix } = all[api]
      const request = signHeader(prefix, 'POST', '/pets', '{"a":1}')
      await clock.advance(seconds * 1000)
      const res = await gateway.invoke(request)
      expect(res.statusCode).toBe(status)
      if (api === 'REST' && message !== undefined) {
        expect(JSON.parse(res.body)).toEqual({ message })
        expect(res.headers['x-amzn-ErrorType']).toBe('InvalidSignatureException')
      }
    })
  }
})
