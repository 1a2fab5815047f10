/**
 * Many deadlines on one host timer. Every Lambda call and backend request sets a timeout that
 * almost never fires; arming and clearing a real timer for each costs more than the rest of a
 * request. Here a timeout is a list entry, and one host timer is armed for the earliest deadline.
 *
 * The host timer does not keep the process alive by itself (toggling that per call cost as much
 * again): when the process runs out of other work while a deadline is pending (a handler that
 * never settles), the idle hook holds it until the deadline fires, so the call still gets its
 * timeout answer.
 */
import type { CancelTimer } from './types.js'

/** The host timer primitives the queue drives (Node's timers by default). */
export interface HostTimers<Handle> {
  now(): number
  setTimeout(fn: () => void, ms: number): Handle
  clearTimeout(handle: Handle): void
  /** Lets the process exit while the timer is pending (Node's `unref`). */
  unref?(handle: Handle): void
  /** Keeps the process alive until the timer fires (Node's `ref`). */
  ref?(handle: Handle): void
  /**
   * Registers `fn` to run when the process is about to exit for lack of work (Node's
   * `beforeExit`); `fn` may schedule more.
   */
  onIdle?(fn: () => void): void
}

/** A pending deadline, linked into the queue's list (no hash set: nothing rehashes on removal). */
class Deadline {
  prev: Deadline | undefined = undefined
  next: Deadline | undefined = undefined
  linked = true
  readonly at: number
  readonly fn: () => void
  constructor(at: number, fn: () => void) {
    this.at = at
    this.fn = fn
  }
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
  let head: Deadline | undefined
  let handle: Handle | undefined
  let armedAt = Infinity

  const arm = (at: number): void => {
    if (handle !== undefined) host.clearTimeout(handle)
    armedAt = at
    handle = host.setTimeout(fire, Math.max(0, at - host.now()))
    host.unref?.(handle)
  }

  // Out of other work with a deadline pending: hold the process until the deadline fires.
  host.onIdle?.(() => {
    if (head !== undefined && handle !== undefined) host.ref?.(handle)
  })

  const unlink = (deadline: Deadline): void => {
    deadline.linked = false
    if (deadline.prev) deadline.prev.next = deadline.next
    else head = deadline.next
    if (deadline.next) deadline.next.prev = deadline.prev
    deadline.prev = deadline.next = undefined
  }

  function fire(): void {
    handle = undefined
    armedAt = Infinity
    const now = host.now()
    const due: Deadline[] = []
    let next = Infinity
    for (let deadline = head; deadline; deadline = deadline.next) {
      if (deadline.at <= now) due.push(deadline)
      else if (deadline.at < next) next = deadline.at
    }
    for (const deadline of due) unlink(deadline)
    if (next !== Infinity) arm(next)
    for (const deadline of due) deadline.fn()
  }

  return (ms, fn) => {
    const deadline = new Deadline(host.now() + Math.max(0, ms), fn)
    if (head) {
      head.prev = deadline
      deadline.next = head
    }
    head = deadline
    if (deadline.at < armedAt) arm(deadline.at)
    return () => {
      if (deadline.linked) unlink(deadline)
    }
  }
}
