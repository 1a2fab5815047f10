/**
 * The per-frame size limit of WebSocket APIs. AWS closes a connection with 1009 when one frame
 * carries more than 32 KB, while a message of up to 128 KB split over several frames is
 * delivered (AWS WebSocket quotas table and its footnote). The `ws` library limits only whole
 * messages (`maxPayload`), so the adapter reads the frame headers itself, from the same bytes
 * `ws` reads: a passive observer of the socket's `data` events that never changes the stream.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 * @see https://www.rfc-editor.org/rfc/rfc6455#section-5.2
 * @module
 */
import type { Buffer } from 'node:buffer'

/**
 * Follows the frames of a client's byte stream (RFC 6455 §5.2 base framing) and calls `over`
 * once, when a data frame's header declares a payload longer than `maxFrameBytes`. Control
 * frames (close, ping, pong) are at most 125 bytes by the protocol and are only skipped.
 *
 * Work is constant per header and per chunk: payload bytes are skipped by count, never copied.
 *
 * @param maxFrameBytes - the largest payload one data frame may declare
 * @param over - called once, with the declared length, for the first frame over the limit
 * @returns a `data` listener to put before `ws`'s own (`socket.prependListener('data', …)`)
 */
export function createFrameLimit(
  maxFrameBytes: number,
  over: (declared: number) => void,
): (chunk: Buffer) => void {
  // The longest header: 2 bytes, 8 of extended length, 4 of mask key.
  const header = new Uint8Array(14)
  let have = 0 // header bytes held
  let skip = 0 // payload bytes of the current frame still to pass
  let tripped = false
  /** Header length once its first two bytes are known. */
  const headerLength = (): number => {
    const len7 = (header[1] as number) & 0x7f
    const extended = len7 === 126 ? 2 : len7 === 127 ? 8 : 0
    return 2 + extended + ((header[1] as number) & 0x80 ? 4 : 0)
  }
  const payloadLength = (): number => {
    const len7 = (header[1] as number) & 0x7f
    if (len7 < 126) return len7
    if (len7 === 126) return ((header[2] as number) << 8) | (header[3] as number)
    let length = 0
    for (let i = 2; i < 10; i++) length = length * 256 + (header[i] as number)
    return length // past 2^53 it is inexact, and still over any limit
  }
  return (chunk) => {
    if (tripped) return
    let at = 0
    while (at < chunk.length) {
      if (skip > 0) {
        const step = Math.min(skip, chunk.length - at)
        skip -= step
        at += step
        continue
      }
      header[have++] = chunk[at++] as number
      if (have < 2 || have < headerLength()) continue
      have = 0
      const length = payloadLength()
      const opcode = (header[0] as number) & 0x0f
      if (opcode < 0x8 && length > maxFrameBytes) {
        tripped = true
        over(length)
        return
      }
      skip = length
    }
  }
}
