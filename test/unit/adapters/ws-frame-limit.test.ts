// The frame-header observer of portico/ws (RFC 6455 §5.2 framing), fed the bytes a client would
// send, whole or one byte at a time: it must find every header wherever TCP splits the stream.
import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { createFrameLimit } from '../../../src/adapters/ws/frame-limit.js'

/** A client frame: FIN and opcode, masked, with the shortest length encoding. */
function frame(opcode: number, size: number, fin = true): Buffer {
  const head =
    size < 126
      ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | size])
      : size < 65536
        ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 126, size >> 8, size & 0xff])
        : Buffer.concat([
            Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 127]),
            (() => {
              const b = Buffer.alloc(8)
              b.writeBigUInt64BE(BigInt(size))
              return b
            })(),
          ])
  return Buffer.concat([head, Buffer.from([1, 2, 3, 4]), Buffer.alloc(size, 0x61)])
}

function feed(stream: Buffer, limit: number, split: 'whole' | 'bytes'): number[] {
  const seen: number[] = []
  const observe = createFrameLimit(limit, (declared) => seen.push(declared))
  if (split === 'whole') observe(stream)
  else for (let i = 0; i < stream.length; i++) observe(stream.subarray(i, i + 1))
  return seen
}

describe('createFrameLimit', () => {
  const rows: Array<{ case: string; stream: Buffer; limit: number; over: number[] }> = [
    {
      case: 'small text frames',
      stream: Buffer.concat([frame(1, 5), frame(1, 125)]),
      limit: 200,
      over: [],
    },
    { case: 'a 16-bit length at the limit', stream: frame(1, 300), limit: 300, over: [] },
    { case: 'a 16-bit length over the limit', stream: frame(1, 301), limit: 300, over: [301] },
    {
      case: 'a 64-bit length over the limit, after a frame under it',
      stream: Buffer.concat([frame(2, 200), frame(1, 70_000)]),
      limit: 65_536,
      over: [70_000],
    },
    {
      case: 'fragments each under the limit (the message may be longer)',
      stream: Buffer.concat([frame(1, 300, false), frame(0, 300, false), frame(0, 300)]),
      limit: 300,
      over: [],
    },
    {
      case: 'a continuation fragment over the limit',
      stream: Buffer.concat([frame(1, 10, false), frame(0, 400)]),
      limit: 300,
      over: [400],
    },
    {
      case: 'control frames are skipped, the data frame after them is checked',
      stream: Buffer.concat([frame(9, 4), frame(10, 0), frame(1, 301)]),
      limit: 300,
      over: [301],
    },
    {
      case: 'only the first frame over the limit is reported',
      stream: Buffer.concat([frame(1, 301), frame(1, 302)]),
      limit: 300,
      over: [301],
    },
  ]

  it.each(rows)('$case', ({ stream, limit, over }) => {
    expect(feed(stream, limit, 'whole')).toEqual(over)
    expect(feed(stream, limit, 'bytes')).toEqual(over)
  })
})
