// A thread group is a process (Linux's signal_struct plus what the kernel
// keeps per process): its threads, its place in the process tree, the wait
// status its parent collects, and accounting folded in from exited threads
// and reaped children — kept as counters, never recomputed by scanning.
import type { Rlimit } from "./rlimits.js";
import type { Task } from "./task.js";
import { SigQueue } from "./sigqueue.js";
import type { SignalTimer } from "./timers.js";
import { WaitQueue } from "./wait.js";

/** What the kernel needs to know of a controlling terminal (for /proc and job control). */
export interface ControllingTty {
  /** The terminal's device number (new_encode_dev), /proc/PID/stat tty_nr. */
  readonly rdev: number;
  /** The terminal's foreground process group, or -1 when none. */
  foregroundPgid(): number;
}

export class ThreadGroup {
  readonly threads = new Set<Task>();
  /** Threads that have not exited yet. */
  liveThreads = 0;
  readonly children = new Set<ThreadGroup>();
  /** Sleepers in wait4/waitid on this process's children. */
  readonly childEvents = new WaitQueue();
  /** Set once every thread has exited: the process is a zombie until reaped. */
  zombie = false;
  /** An exit_group or fatal signal is ending every thread; its wait status. */
  groupExitStatus: number | null = null;
  /** The wait status the parent will collect. */
  exitStatus = 0;
  /** PR_SET_CHILD_SUBREAPER: orphaned descendants are reparented here. */
  subreaper = false;
  /**
   * The controlling terminal of the session this process belongs to (set on
   * the session leader by TIOCSCTTY; inherited through fork), or null.
   */
  ctty: ControllingTty | null = null;
  /** /proc/PID/oom_score_adj (-1000..1000), inherited by children. */
  oomScoreAdj = 0;
  /** The cgroup v2 path the process belongs to ("/" is the root cgroup). */
  cgroup = "/";
  /** PR_SET_DUMPABLE / PR_GET_DUMPABLE (SUID_DUMP_USER = 1 by default). */
  dumpable = 1;
  /** Signals sent to the process as a whole and not yet delivered. */
  readonly shared = new SigQueue();
  /** signalfd readers and pollers: notified whenever a signal is queued here or on a thread (signalfd_wqh). */
  readonly signalfdWait = new WaitQueue();
  /** setitimer's REAL, VIRTUAL and PROF timers (created on first use). */
  readonly itimers: (SignalTimer | undefined)[] = [undefined, undefined, undefined];
  /** timer_create's timers by id. */
  readonly posixTimers = new Map<number, SignalTimer>();
  /** Armed timers on CPU-time clocks, checked after the process's threads run. */
  readonly cpuTimers = new Set<SignalTimer>();
  /** The stop signal while the process is stopped (job control), else 0. */
  stopSignal = 0;
  /** A stop or continue the parent has not collected with wait yet. */
  waitReport: "stopped" | "continued" | null = null;
  /** CPU time and faults of threads that have exited, in ns and counts. */
  deadUtimeNs = 0;
  deadStimeNs = 0;
  deadMinFaults = 0;
  deadMajFaults = 0;
  /** Reaped children's totals (cutime, cstime, cminflt, cmajflt). */
  childUtimeNs = 0;
  childStimeNs = 0;
  childMinFaults = 0;
  childMajFaults = 0;

  constructor(
    readonly tgid: number,
    public parent: ThreadGroup | null,
    public pgid: number,
    public sid: number,
    public rlimits: Rlimit[],
  ) {}

  get leader(): Task | undefined {
    for (const t of this.threads) if (t.tid === this.tgid) return t;
    return undefined;
  }

  /** utime of every thread, live and exited, in ns. */
  utimeNs(): number {
    let ns = this.deadUtimeNs;
    for (const t of this.threads) if (t.alive) ns += t.utimeNs;
    return ns;
  }

  stimeNs(): number {
    let ns = this.deadStimeNs;
    for (const t of this.threads) if (t.alive) ns += t.stimeNs;
    return ns;
  }
}
