import { describe, expect, it } from 'vitest'
import { createSharedTimer, type HostTimers } from '../../../src/core/shared-timer.js'

/** A host whose timers only move when the test says so, counting what the queue asks of it. */
function fakeHost() {
  let now = 1000
  let seq = 0
  const timers = new Map<number, { at: number; fn: () => void }>()
  const stats = { set: 0, cleared: 0, refs: 0, unrefs: 0 }
  const idle: Array<() => void> = []
  const host: HostTimers<number> = {
    now: () => now,
    setTimeout(fn, ms) {
      stats.set++
      timers.set(++seq, { at: now + ms, fn })
      return seq
    },
    clearTimeout(handle) {
      stats.cleared++
      timers.delete(handle)
    },
    ref: () => void stats.refs++,
    unref: () => void stats.unrefs++,
    onIdle: (fn) => void idle.push(fn),
  }
  const advance = (ms: number) => {
    now += ms
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= now).sort((a, b) => a[1].at - b[1].at)[0]
      if (!due) return
      timers.delete(due[0])
      due[1].fn()
    }
  }
  return {
    host,
    advance,
    stats,
    armed: () => timers.size,
    goIdle: () => idle.forEach((fn) => fn()),
  }
}

describe('createSharedTimer', () => {
  it('arms one host timer for many deadlines and fires each when due', () => {
    const { host, advance, stats, armed } = fakeHost()
    const setTimer = createSharedTimer(host)
    const fired: string[] = []
    setTimer(300, () => fired.push('c'))
    setTimer(100, () => fired.push('a'))
    setTimer(200, () => fired.push('b'))
    expect(armed()).toBe(1)
    advance(150)
    expect(fired).toEqual(['a'])
    advance(100)
    expect(fired).toEqual(['a', 'b'])
    advance(100)
    expect(fired).toEqual(['a', 'b', 'c'])
    expect(armed()).toBe(0)
    expect(stats.set).toBeLessThanOrEqual(4)
  })

  it('never fires a cancelled deadline and does not re-arm for each new one', () => {
    const { host, advance, stats } = fakeHost()
    const setTimer = createSharedTimer(host)
    let fired = 0
    for (let i = 0; i < 1000; i++) setTimer(29_000, () => fired++)()
    expect(stats.set).toBe(1)
    advance(30_000)
    expect(fired).toBe(0)
  })

  it('never holds the process per call, only when it would exit with a deadline pending', () => {
    const { host, stats, goIdle } = fakeHost()
    const setTimer = createSharedTimer(host)
    for (let i = 0; i < 100; i++) setTimer(1000, () => {})()
    // The host timer is unreferenced once, when armed; calls toggle nothing.
    expect(stats.unrefs).toBe(1)
    expect(stats.refs).toBe(0)
    goIdle()
    expect(stats.refs).toBe(0) // nothing pending: the process may exit
    setTimer(2000, () => {})
    goIdle()
    expect(stats.refs).toBe(1) // a pending deadline holds it until it fires
  })

  it('re-arms earlier when a shorter deadline arrives', () => {
    const { host, advance } = fakeHost()
    const setTimer = createSharedTimer(host)
    const fired: number[] = []
    setTimer(29_000, () => fired.push(29))
    setTimer(50, () => fired.push(0))
    advance(60)
    expect(fired).toEqual([0])
    advance(29_000)
    expect(fired).toEqual([0, 29])
  })
})
