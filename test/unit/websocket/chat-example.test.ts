// The chat example (examples/chat) end to end: two clients, rooms, broadcast through
// @connections with the AWS SDK client. It runs the built package (npm ci builds it).
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'

interface Chat {
  url: string
  close(): Promise<void>
}

function client(url: string) {
  return new Promise<{ ws: WebSocket; next: () => Promise<Record<string, unknown>> }>(
    (ok, fail) => {
      const ws = new WebSocket(url)
      const inbox: Array<Record<string, unknown>> = []
      const waiters: Array<(m: Record<string, unknown>) => void> = []
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as Record<string, unknown>
        const waiter = waiters.shift()
        if (waiter) waiter(message)
        else inbox.push(message)
      })
      ws.on('open', () =>
        ok({
          ws,
          next: () =>
            new Promise((resolve) =>
              inbox.length ? resolve(inbox.shift()!) : waiters.push(resolve),
            ),
        }),
      )
      ws.on('unexpected-response', (_q, res) => fail(new Error(`handshake ${res.statusCode}`)))
    },
  )
}

describe('examples/chat', () => {
  it('joins a room and broadcasts messages between two clients', async () => {
    if (!existsSync(new URL('../../../dist/index.js', import.meta.url)))
      throw new Error('dist/ is missing: run npm run build (npm ci does it)')
    const { startChat } = (await import(
      new URL('../../../examples/chat/start.js', import.meta.url).href
    )) as {
      startChat(o: { port: number }): Promise<Chat>
    }
    const chat = await startChat({ port: 0 })
    try {
      await expect(client(chat.url)).rejects.toThrow('handshake 401')
      const ana = await client(`${chat.url}?name=ana`)
      const bob = await client(`${chat.url}?name=bob`)
      ana.ws.send(JSON.stringify({ action: 'join', room: 'cats' }))
      expect(await ana.next()).toMatchObject({ type: 'joined', room: 'cats' })
      bob.ws.send(JSON.stringify({ action: 'join', room: 'cats' }))
      expect(await bob.next()).toMatchObject({ type: 'joined' })
      expect(await ana.next()).toMatchObject({ type: 'joined' })
      bob.ws.send(JSON.stringify({ action: 'send', text: 'meow' }))
      expect(await ana.next()).toMatchObject({ type: 'message', text: 'meow' })
      expect(await bob.next()).toMatchObject({ type: 'message', text: 'meow' })
      bob.ws.send(JSON.stringify({ action: 'quit' }))
      expect(await ana.next()).toMatchObject({ type: 'left' })
      ana.ws.send('hello?')
      expect(await ana.next()).toEqual({ error: 'actions: join, send, quit, delete' })
      ana.ws.close()
      bob.ws.close()
    } finally {
      await chat.close()
    }
  }, 15_000)
})
