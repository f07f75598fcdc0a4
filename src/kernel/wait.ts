// Blocking. A syscall that cannot complete now returns a Blocked value: the
// task sleeps until one of its wait queues is notified or its deadline
// passes, and then the kernel runs the same syscall handler again with the
// same arguments. State that must survive between the attempts (a sleep's
// deadline) lives in task.syscallState, cleared when the syscall completes.

export type Waker = () => void;

/** Something a task can sleep on: a pipe's readers, a tty's input, a futex word. */
export class WaitQueue {
  private waiters = new Set<Waker>();

  add(w: Waker): void {
    this.waiters.add(w);
  }
  remove(w: Waker): void {
    this.waiters.delete(w);
  }
  /** Wakes every sleeper; each re-checks its own condition when it runs. */
  notifyAll(): void {
    if (this.waiters.size === 0) return;
    const list = [...this.waiters];
    this.waiters.clear();
    for (const w of list) w();
  }
  get size(): number {
    return this.waiters.size;
  }
}

export class Blocked {
  constructor(
    /** Queues whose notification makes the task runnable again. */
    readonly queues: WaitQueue[],
    /** Monotonic deadline in ns after which the task runs again, or null. */
    readonly deadlineNs: number | null = null,
    /** Linux state letter while asleep: S (interruptible) or D. */
    readonly interruptible = true,
  ) {}
}

export function isBlocked(r: unknown): r is Blocked {
  return r instanceof Blocked;
}
