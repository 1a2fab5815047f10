/**
 * A local HTTP server that records each request whole (for services with no protocol server on
 * npm: SQS, SNS, Step Functions, EventBridge), and a check of a recorded request's SigV4
 * signature with the AWS SDK's signer (`@smithy/signature-v4`).
 */
import { SignatureV4 } from '@smithy/signature-v4'
import { createHash, createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Recorded {
  readonly method: string
  /** Path and query as received. */
  readonly url: string
  readonly headers: IncomingHttpHeaders
  readonly body: Buffer
}

export interface Recorder {
  readonly endpoint: string
  readonly requests: Recorded[]
  /** What the next requests get. @default 200 `{}` */
  reply: { status: number; headers?: Record<string, string>; body: string; delayMs?: number }
  close(): Promise<void>
}

export async function startRecorder(): Promise<Recorder> {
  const requests: Recorded[] = []
  const recorder = {
    endpoint: '',
    requests,
    reply: { status: 200, body: '{}' } as Recorder['reply'],
    close: () => Promise.resolve(),
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      })
      const { status, headers, body, delayMs } = recorder.reply
      const send = () => {
        if (res.destroyed) return
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...headers })
        res.end(body)
      }
      if (delayMs) setTimeout(send, delayMs)
      else send()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  recorder.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  recorder.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return recorder
}

class Sha256 {
  readonly #hash
  constructor(secret?: unknown) {
    this.#hash = secret ? createHmac('sha256', secret as string) : createHash('sha256')
  }
  update(data: Uint8Array | string) {
    this.#hash.update(data)
  }
  async digest() {
    return new Uint8Array(this.#hash.digest())
  }
}

/**
 * Re-signs a recorded request with the AWS SDK's signer, from the scope, date and signed headers
 * it carries, and answers whether the signatures are the same.
 *
 * @returns the scope the request was signed for, and whether the SDK computes the same signature
 */
export async function verifyWithSdk(
  recorded: Recorded,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): Promise<{ valid: boolean; region: string; service: string; signedHeaders: string[] }> {
  const authorization = String(recorded.headers['authorization'] ?? '')
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    )
  if (!match) return { valid: false, region: '', service: '', signedHeaders: [] }
  const [, , , region, service, signed, signature] = match as unknown as string[]
  const signedHeaders = (signed as string).split(';')
  const amzDate = String(recorded.headers['x-amz-date'])
  const date = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  )
  const [path, rawQuery = ''] = recorded.url.split('?', 2) as [string, string?]
  const query: Record<string, string> = {}
  for (const pair of rawQuery.split('&').filter(Boolean)) {
    const [name, value = ''] = pair.split('=', 2) as [string, string?]
    query[decodeURIComponent(name)] = decodeURIComponent(value)
  }
  const headers: Record<string, string> = {}
  for (const name of signedHeaders) headers[name] = String(recorded.headers[name] ?? '')
  const signer = new SignatureV4({
    credentials,
    region: region as string,
    service: service as string,
    sha256: Sha256,
    uriEscapePath: service !== 's3',
    applyChecksum: false,
  })
  const resigned = await signer.sign(
    {
      method: recorded.method,
      protocol: 'http:',
      hostname: String(recorded.headers['host']),
      path,
      query,
      headers,
      body: recorded.body,
    },
    { signingDate: date },
  )
  const expected = String(resigned.headers['authorization'] ?? '')
  return {
    valid:
      expected.endsWith(`Signature=${signature}`) && expected.includes(`SignedHeaders=${signed}`),
    region: region as string,
    service: service as string,
    signedHeaders,
  }
}
