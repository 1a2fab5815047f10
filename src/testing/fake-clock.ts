/**
 * A clock whose time moves only when a test says so; timers fire as it passes them.
 */
import type { CancelTimer } from '../core/index.js'

interface Timer {
  readonly at: number
  readonly seq: number
  readonly fn: () => void
}

/**
 * A manual clock for tests: pass it as `createGateway({ clock })`.
 *
 * @example
 * ```ts
 * const clock = new FakeClock(Date.UTC(2026, 0, 1))
 * const pending = gateway.invoke({ method: 'GET', path: '/slow' })
 * await clock.advance(29_000) // the integration times out: 504
 * ```
 */
export class FakeClock {
  #now: number
  #seq = 0
  #timers: Timer[] = []

  /** @param start - the starting time, epoch ms @default 2026-01-01T00:00:00Z */
  constructor(start: number = Date.UTC(2026, 0, 1)) {
    this.#now = start
  }

  /** The current time, epoch ms. */
  now = (): number => this.#now

  /** Calls `fn` when the clock reaches now + `ms`. */
  setTimer = (ms: number, fn: () => void): CancelTimer => {
    const timer: Timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn }
    this.#timers.push(timer)
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer)
    }
  }

  /** Timers not yet fired. */
  get pendingTimers(): number {
    return this.#timers.length
  }

  /**
   * Moves time forward, firing due timers in order. Waits for pending promise callbacks first,
   * so work already started gets to set its timers.
   *
   * @param ms - how far
   */
  async advance(ms: number): Promise<void> {
    await flushMicrotasks()
    const target = this.#now + ms
    for (;;) {
      const due = this.#timers
        .filter((t) => t.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0]
      if (!due) break
      this.#timers = this.#timers.filter((t) => t !== due)
      this.#now = due.at
      due.fn()
      await flushMicrotasks()
    }
    this.#now = target
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}
