/**
 * Many deadlines on one host timer. Every Lambda call and backend request sets a timeout that
 * almost never fires; arming and clearing a real timer for each costs more than the rest of a
 * request. Here a timeout is a set entry, and one host timer is armed for the earliest deadline.
 */
import type { CancelTimer } from './types.js'

/** The host timer primitives the queue drives (Node's timers by default). */
export interface HostTimers<Handle> {
  now(): number
  setTimeout(fn: () => void, ms: number): Handle
  clearTimeout(handle: Handle): void
  /** Lets the process exit while no deadline is pending (Node's `unref`). */
  unref?(handle: Handle): void
  /** Keeps the process alive while a deadline is pending (Node's `ref`). */
  ref?(handle: Handle): void
}

interface Deadline {
  readonly at: number
  readonly fn: () => void
}

/**
 * Creates a `setTimer` that keeps one host timer for all its deadlines.
 *
 * @example
 * ```ts
 * const setTimer = createSharedTimer({ now: Date.now, setTimeout, clearTimeout })
 * const cancel = setTimer(29_000, () => console.log('timed out'))
 * cancel()
 * ```
 *
 * @param host - the clock and timer primitives
 * @returns `setTimer(ms, fn)` returning a cancel function
 */
export function createSharedTimer<Handle>(
  host: HostTimers<Handle>,
): (ms: number, fn: () => void) => CancelTimer {
  const pending = new Set<Deadline>()
  let handle: Handle | undefined
  let armedAt = Infinity
  let referenced = false

  const hold = (on: boolean): void => {
    if (handle === undefined || referenced === on) return
    referenced = on
    if (on) host.ref?.(handle)
    else host.unref?.(handle)
  }

  const arm = (at: number): void => {
    if (handle !== undefined) host.clearTimeout(handle)
    armedAt = at
    handle = host.setTimeout(fire, Math.max(0, at - host.now()))
    referenced = true
  }

  function fire(): void {
    handle = undefined
    armedAt = Infinity
    const now = host.now()
    const due: Deadline[] = []
    let next = Infinity
    for (const deadline of pending) {
      if (deadline.at <= now) due.push(deadline)
      else if (deadline.at < next) next = deadline.at
    }
    for (const deadline of due) pending.delete(deadline)
    if (next !== Infinity) arm(next)
    for (const deadline of due) deadline.fn()
  }

  return (ms, fn) => {
    const deadline: Deadline = { at: host.now() + Math.max(0, ms), fn }
    pending.add(deadline)
    if (deadline.at < armedAt) arm(deadline.at)
    else hold(true)
    return () => {
      if (pending.delete(deadline) && pending.size === 0) hold(false)
    }
  }
}
