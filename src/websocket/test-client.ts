/**
 * The in-process WebSocket test client: a connection without a socket or port.
 *
 * @module
 */
import type { ConnectRequest, WebSocketGateway } from './gateway.js'

/** A WebSocket client without a socket, for tests. */
export interface TestClient {
  /** The connection id (`$context.connectionId`). */
  readonly id: string
  /** Every message the client has received, in order. */
  readonly messages: readonly string[]
  /** Sends a message, as a frame from the client; resolves when its route has run. */
  send(data: string | object): Promise<void>
  /** The next message not yet taken (waits for it). */
  receive(): Promise<string>
  /** The close the gateway sent, if any: `[code, reason]`. */
  readonly closed: readonly [number, string] | undefined
  /** Closes from the client side (runs `$disconnect`). */
  close(code?: number, reason?: string): Promise<void>
}

/**
 * Connects a test client to a WebSocket gateway in process: `connect`, `send`, `receive`,
 * `close`, with no socket or port.
 *
 * @example
 * ```ts
 * const client = await openTestClient(gateway, { query: 'token=abc' })
 * await client.send({ action: 'join', room: 'cats' })
 * expect(await client.receive()).toBe('joined cats')
 * ```
 *
 * @param gateway - from `createWebSocketGateway`
 * @param request - handshake headers, query string, source IP
 * @returns the client; rejects with a `ConnectionError` when `$connect` refuses
 */
export async function openTestClient(
  gateway: WebSocketGateway,
  request: ConnectRequest = {},
): Promise<TestClient> {
  const messages: string[] = []
  let taken = 0
  const waiters: Array<() => void> = []
  let closed: [number, string] | undefined
  const id = await gateway.connect(request, {
    send(data) {
      messages.push(data)
      waiters.shift()?.()
    },
    close(code, reason) {
      closed = [code, reason]
    },
  })
  return {
    id,
    messages,
    get closed() {
      return closed
    },
    send: (data) => gateway.receive(id, typeof data === 'string' ? data : JSON.stringify(data)),
    receive: () =>
      new Promise<string>((resolve) => {
        const take = (): void => resolve(messages[taken++] as string)
        if (taken < messages.length) take()
        else waiters.push(take)
      }),
    close: (code = 1000, reason = '') => gateway.disconnected(id, code, reason),
  }
}
