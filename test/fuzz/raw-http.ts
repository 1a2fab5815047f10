// A raw HTTP/1.1 exchange over `net`, so the client normalises nothing: the bytes sent are the
// bytes generated, and the reply is parsed strictly enough to call its framing valid or not.
import { Buffer } from 'node:buffer'
import { connect } from 'node:net'

export interface RawReply {
  /** Final status (interim 100 Continue skipped); undefined when no status line came. */
  status?: number
  headers: Array<[string, string]>
  body: Buffer
  /** The server closed without a complete reply, or the socket errored. */
  incomplete: boolean
  /** The deadline passed first. */
  timedOut: boolean
  /** Framing problems: both Content-Length and Transfer-Encoding, bad chunks, junk status line. */
  framing?: string | undefined
  error?: string
}

interface Parsed {
  done: boolean
  reply?: Omit<RawReply, 'incomplete' | 'timedOut'>
}

function parse(data: Buffer, head: boolean, closed: boolean): Parsed {
  let offset = 0
  for (;;) {
    const end = data.indexOf('\r\n\r\n', offset)
    if (end === -1) return { done: false }
    const lines = data.subarray(offset, end).toString('latin1').split('\r\n')
    const match = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0] ?? '')
    if (!match)
      return {
        done: true,
        reply: {
          headers: [],
          body: Buffer.alloc(0),
          framing: `bad status line ${JSON.stringify(lines[0]?.slice(0, 80))}`,
        },
      }
    const status = Number(match[1])
    const headers: Array<[string, string]> = []
    let framing: string | undefined
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':')
      if (colon <= 0) framing ??= `bad header line ${JSON.stringify(line.slice(0, 80))}`
      headers.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()])
    }
    const bodyStart = end + 4
    if (status === 100 || status === 102 || status === 103) {
      offset = bodyStart // interim: a final status must follow
      continue
    }
    const te = headers.filter(([n]) => n === 'transfer-encoding').map(([, v]) => v.toLowerCase())
    const cls = headers.filter(([n]) => n === 'content-length').map(([, v]) => v)
    if (te.length > 0 && cls.length > 0) framing ??= 'both Transfer-Encoding and Content-Length'
    if (new Set(cls).size > 1) framing ??= 'conflicting Content-Length values'
    if (te.length > 1) framing ??= 'several Transfer-Encoding headers'
    const noBody = head || status === 204 || status === 304 || (status >= 100 && status < 200)
    if (noBody) return { done: true, reply: { status, headers, body: Buffer.alloc(0), framing } }
    const rest = data.subarray(bodyStart)
    if (te.length > 0) {
      if (te[te.length - 1] !== 'chunked') {
        if (!closed) return { done: false }
        return { done: true, reply: { status, headers, body: rest, framing } }
      }
      const chunks: Buffer[] = []
      let at = 0
      for (;;) {
        const lineEnd = rest.indexOf('\r\n', at)
        if (lineEnd === -1) return { done: false }
        const sizeText = rest.subarray(at, lineEnd).toString('latin1').split(';')[0] as string
        if (!/^[0-9a-fA-F]+$/.test(sizeText.trim()))
          return {
            done: true,
            reply: { status, headers, body: Buffer.concat(chunks), framing: 'bad chunk size' },
          }
        const size = parseInt(sizeText, 16)
        if (size === 0) {
          if (rest.indexOf('\r\n\r\n', lineEnd) === -1 && rest.length < lineEnd + 4)
            return { done: false }
          return { done: true, reply: { status, headers, body: Buffer.concat(chunks), framing } }
        }
        if (rest.length < lineEnd + 2 + size + 2) return { done: false }
        chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size))
        at = lineEnd + 2 + size + 2
      }
    }
    if (cls.length > 0) {
      const length = Number(cls[0])
      if (!Number.isSafeInteger(length) || length < 0)
        return { done: true, reply: { status, headers, body: rest, framing: 'bad Content-Length' } }
      if (rest.length < length) return { done: false }
      return { done: true, reply: { status, headers, body: rest.subarray(0, length), framing } }
    }
    if (!closed) return { done: false }
    return { done: true, reply: { status, headers, body: rest, framing } }
  }
}

/** Sends `request` to 127.0.0.1:`port` and reads one reply, within `timeoutMs`. */
export function rawExchange(
  port: number,
  request: Buffer,
  timeoutMs: number,
  options: { head?: boolean } = {},
): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const received: Buffer[] = []
    let settled = false
    const finish = (closed: boolean, extra: Partial<RawReply> = {}): void => {
      if (settled) return
      const data = Buffer.concat(received)
      const parsed = parse(data, options.head ?? false, true)
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve({
        headers: [],
        body: Buffer.alloc(0),
        ...parsed.reply,
        incomplete: !parsed.done || (!closed && !parsed.reply),
        timedOut: false,
        ...extra,
      })
    }
    const timer = setTimeout(() => {
      const parsed = parse(Buffer.concat(received), options.head ?? false, false)
      if (parsed.done) finish(false)
      else finish(false, { timedOut: true, incomplete: true })
    }, timeoutMs)
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk)
      const parsed = parse(Buffer.concat(received), options.head ?? false, false)
      if (parsed.done) finish(false)
    })
    socket.on('error', (error) => finish(true, { error: error.message }))
    socket.on('close', () => finish(true))
    socket.write(request, () => {})
  })
}

/** The first value of a reply header. */
export function replyHeader(reply: RawReply, name: string): string | undefined {
  return reply.headers.find(([n]) => n === name)?.[1]
}
