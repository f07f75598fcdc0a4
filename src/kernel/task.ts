// A task is one guest thread (Linux's task_struct). It owns its saved
// register context while it is off the CPU, and shares its address space,
// file table and filesystem context with the rest of its thread group.
import { HART_CONTEXT_BYTES } from "../cpu/layout.js";
import type { Dentry } from "../fs/dentry.js";
import type { FdTable } from "../fs/fd-table.js";
import type { AddressSpace } from "../mm/address-space.js";
import type { Credentials } from "./credentials.js";
import type { Rlimit } from "./rlimits.js";
import type { SigAction } from "./signal-action.js";
import type { Blocked } from "./wait.js";

/** The state letters /proc shows (fs/proc/array.c task_state_array). */
export type TaskState = "R" | "S" | "D" | "T" | "t" | "Z" | "X";

/** Per-process filesystem context (struct fs_struct): root, cwd, umask. */
export interface FsContext {
  root: Dentry;
  cwd: Dentry;
  umask: number;
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
  /** Wait status once the task has exited (as wait4 reports it). */
  exitStatus = 0;
  comm = "";
  argv: Uint8Array[] = [];
  envp: Uint8Array[] = [];
  /** set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken at exit. */
  clearChildTid = 0;
  robustListHead = 0;
  robustListLen = 0;
  sigMask = 0n;
  /** Signals sent but not yet delivered (blocked, or waiting for handler delivery). */
  sigPending = 0n;
  pending: PendingSyscall | null = null;
  /** Handler state that survives between attempts of a blocked syscall. */
  syscallState: unknown = null;
  /** CPU time in ns, measured at the user/kernel boundary (DESIGN.md §5). */
  utimeNs = 0;
  stimeNs = 0;
  minFaults = 0;
  majFaults = 0;
  /** Monotonic ns at creation. */
  readonly startNs: number;

  constructor(
    readonly tid: number,
    public tgid: number,
    public parent: Task | null,
    public mm: AddressSpace,
    public files: FdTable,
    public fs: FsContext,
    public creds: Credentials,
    public rlimits: Rlimit[],
    public sigActions: SigAction[],
    public exe: Dentry,
    nowNs: number,
  ) {
    this.startNs = nowNs;
  }

  get pid(): number {
    return this.tgid;
  }
}
