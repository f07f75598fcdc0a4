// Blocking. A syscall that cannot complete now returns a Blocked value: the
// task sleeps until one of its wait queues is notified or its deadline
// passes, and then the kernel runs the same syscall handler again with the
// same arguments. State that must survive between the attempts (a sleep's
// deadline) lives in task.syscallState, cleared when the syscall completes.

export type Waker = () => void;

/** Something a task can sleep on: a pipe's readers, a tty's input, a futex word. */
export class WaitQueue {
  private waiters = new Set<Waker>();
  /** An empty set to swap in while notifying (null while one is being notified): no allocation per wake-up. */
  private spare: Set<Waker> | null = new Set<Waker>();

  add(w: Waker): void {
    this.waiters.add(w);
  }
  remove(w: Waker): void {
    this.waiters.delete(w);
  }
  /** Wakes every sleeper; each re-checks its own condition when it runs. */
  notifyAll(): void {
    if (this.waiters.size === 0) return;
    // Sleepers queued by the wakers themselves go into the fresh set and wait for the next notification.
    const list = this.waiters;
    this.waiters = this.spare ?? new Set<Waker>();
    this.spare = null;
    for (const w of list) w();
    list.clear();
    this.spare = list;
  }
  get size(): number {
    return this.waiters.size;
  }
}

/** What a signal does to a sleeping syscall (the kernel's -ERESTART* codes, or plain EINTR). */
export const RESTART_SYS = 512; // ERESTARTSYS: EINTR, or restarted under SA_RESTART
export const RESTART_NOINTR = 513; // ERESTARTNOINTR: always restarted
export const RESTART_NOHAND = 514; // ERESTARTNOHAND: EINTR when a handler runs
export const RESTART_BLOCK = 516; // ERESTART_RESTARTBLOCK: EINTR with a handler, else resumed
export const NO_RESTART = 4; // EINTR in every case (epoll_wait, …)

export class Blocked {
  /** How a signal ends this sleep: a RESTART_* code. */
  restart = RESTART_SYS;
  /** "rerun": signals wake the task to run the syscall again (rt_sigtimedwait). */
  onSignal: "interrupt" | "rerun" = "interrupt";
  /** Undo the sleep's bookkeeping when a signal ends it (a futex waiter leaves its queue). */
  onInterrupt: (() => void) | null = null;

  constructor(
    /** Queues whose notification makes the task runnable again. */
    readonly queues: WaitQueue[],
    /** Monotonic deadline in ns after which the task runs again, or null. */
    readonly deadlineNs: number | null = null,
    /** Linux state letter while asleep: S (interruptible) or D. */
    readonly interruptible = true,
  ) {}

  withRestart(code: number): this {
    this.restart = code;
    return this;
  }
}

export function isBlocked(r: unknown): r is Blocked {
  return r instanceof Blocked;
}
