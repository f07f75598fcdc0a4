// A task is one guest thread (Linux's task_struct). It owns its saved
// register context while it is off the CPU, and shares its address space,
// file table, filesystem context and signal handlers with the tasks that
// clone() told it to share them with.
import { HART_CONTEXT_BYTES } from "../cpu/layout.js";
import type { Dentry } from "../fs/dentry.js";
import type { FdTable } from "../fs/fd-table.js";
import type { AddressSpace } from "../mm/address-space.js";
import type { Credentials } from "./credentials.js";
import type { Rlimit } from "./rlimits.js";
import type { SigAction } from "./signal-action.js";
import type { ThreadGroup } from "./thread-group.js";
import type { Blocked } from "./wait.js";
import { SigQueue } from "./sigqueue.js";
import { SS_DISABLE, type AltStack } from "./signals.js";

/** The state letters /proc shows (fs/proc/array.c task_state_array). */
export type TaskState = "R" | "S" | "D" | "T" | "t" | "Z" | "X";

/** Per-process filesystem context (struct fs_struct): root, cwd, umask. */
export interface FsContext {
  root: Dentry;
  cwd: Dentry;
  umask: number;
}

/** Signal dispositions, shared between tasks cloned with CLONE_SIGHAND. */
export class SignalHandlers {
  constructor(public actions: SigAction[]) {}
}

/** A syscall waiting to be run again once the task wakes up. */
export interface PendingSyscall {
  nr: number;
  args: Float64Array;
  blocked: Blocked;
}

export class Task {
  /** Saved x/f registers, pc, fcsr and reservation while the task is off the hart. */
  readonly context = new Uint8Array(HART_CONTEXT_BYTES);
  state: TaskState = "R";
  /** This thread's own exit code as a wait status. */
  exitStatus = 0;
  /** Signal sent to the parent when this (leader) task's process dies; 0 for none. */
  exitSignal = 17;
  comm = "";
  argv: Uint8Array[] = [];
  envp: Uint8Array[] = [];
  /** set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken at exit. */
  clearChildTid = 0;
  robustListHead = 0;
  robustListLen = 0;
  sigMask = 0n;
  /** Signals sent to this thread and not yet delivered. */
  readonly signals = new SigQueue();
  /** sigsuspend's mask to restore when the handler returns (uc_sigmask). */
  savedSigMask: bigint | null = null;
  /** Signals rt_sigtimedwait is waiting for: they wake the thread though blocked. */
  waitSigset = 0n;
  altStack: AltStack = { sp: 0, size: 0, flags: SS_DISABLE };
  /** A signal woke the task out of a sleeping syscall. */
  interrupted = false;
  pending: PendingSyscall | null = null;
  /** The record `pending` points at while a call sleeps, reused from one sleep to the next. */
  pendingCall: PendingSyscall | null = null;
  /** Handler state that survives between attempts of a blocked syscall. */
  syscallState: unknown = null;
  /** Undoes a sleep's wait-queue and timer registrations (set while asleep). */
  cancelSleep: (() => void) | null = null;
  /**
   * The sleep in progress: what the task waits on and its deadline timer.
   * The waker and canceller closures are made once per task (the kernel's),
   * so going to sleep allocates nothing.
   */
  sleepingOn: Blocked | null = null;
  sleepTimer: (() => void) | null = null;
  waker: (() => void) | null = null;
  sleepCanceller: (() => void) | null = null;
  /** A vfork parent sleeping until this child execs or exits. */
  vforkParent: Task | null = null;
  /** Scheduling: nice (-20..19), policy (SCHED_*), real-time priority. */
  nice = 0;
  policy = 0;
  rtPriority = 0;
  /** /proc/PID/io: bytes and calls through read/write-family syscalls. */
  readonly io = { rchar: 0, wchar: 0, syscr: 0, syscw: 0 };
  /** PF_FORKNOEXEC: created by fork/clone and not yet exec'd. */
  forkNoExec = false;
  /** PF_RANDOMIZE: exec laid this task's address space out at random (loader/aslr.ts). */
  randomized = false;
  /** personality(2): the execution domain (low byte) and flags such as ADDR_NO_RANDOMIZE. */
  personality = 0;
  /** CFS virtual runtime in ns: CPU time scaled by 1024 / weight. */
  vruntime = 0;
  /** Context switches: voluntary (it slept) and involuntary (its slice ended). */
  nvcsw = 0;
  nivcsw = 0;
  /** PR_SET_PDEATHSIG: signal sent to this task when its parent thread dies (0 = none). */
  pdeathSignal = 0;
  /** PR_SET_NO_NEW_PRIVS. */
  noNewPrivs = false;
  /** CPU time in ns, measured at the user/kernel boundary (DESIGN.md §5). */
  utimeNs = 0;
  stimeNs = 0;
  minFaults = 0;
  majFaults = 0;
  /** Monotonic ns at creation (a thread that execs takes over the leader's). */
  startNs: number;

  constructor(
    /** The thread id; changes only when a non-leader thread execs and becomes the leader. */
    public tid: number,
    public group: ThreadGroup,
    public mm: AddressSpace,
    public files: FdTable,
    public fs: FsContext,
    public creds: Credentials,
    public sighand: SignalHandlers,
    public exe: Dentry,
    nowNs: number,
  ) {
    this.startNs = nowNs;
  }

  get tgid(): number {
    return this.group.tgid;
  }
  get pid(): number {
    return this.group.tgid;
  }
  get rlimits(): Rlimit[] {
    return this.group.rlimits;
  }
  get sigActions(): SigAction[] {
    return this.sighand.actions;
  }
  /** The parent process (for getppid), or null for pid 1. */
  get parentGroup(): ThreadGroup | null {
    return this.group.parent;
  }
  get alive(): boolean {
    return this.state !== "Z" && this.state !== "X";
  }
  get isLeader(): boolean {
    return this.tid === this.group.tgid;
  }
}
