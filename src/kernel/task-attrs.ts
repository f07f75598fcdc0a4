// Per-task and per-process attributes that Task and ThreadGroup do not
// (yet) have fields for: scheduler extras (reset-on-fork, the fair slice,
// SCHED_DEADLINE parameters), timer slack, THP-disable, and whether a
// process has exec'd since fork (PF_FORKNOEXEC, for setpgid's EACCES).
// They live in weak maps so that they go away with their task.
//
// Two hooks keep them right over a task's life; the core calls them:
//   inheritTaskAttrs(parent, child)  from clone(), once the child Task exists
//   execTaskAttrs(t)                 from execve, past the point of no return
import { commitCreds, execCaps, prepareCreds, setCaps } from "./capabilities.js";
import type { Task } from "./task.js";
import type { ThreadGroup } from "./thread-group.js";

export const SCHED_NORMAL = 0;
export const SCHED_FIFO = 1;
export const SCHED_RR = 2;
export const SCHED_BATCH = 3;
export const SCHED_IDLE = 5;
export const SCHED_DEADLINE = 6;

/** kernel/time/hrtimer.c: the default timer slack, 50 µs. */
export const DEFAULT_TIMER_SLACK_NS = 50_000;
/**
 * sysctl_sched_base_slice for one CPU (normalized 0.7 ms, times
 * 1 + ilog2(ncpus) = 1): what sched_getattr reports as a fair task's runtime.
 */
export const BASE_SLICE_NS = 700_000n;

export interface TaskAttrs {
  /** SCHED_RESET_ON_FORK. */
  resetOnFork: boolean;
  /** A fair task's slice (sched_attr.sched_runtime); BASE_SLICE_NS unless set. */
  sliceNs: bigint;
  dlRuntime: bigint;
  dlDeadline: bigint;
  dlPeriod: bigint;
  /** PR_SET_TIMERSLACK; 0 while the task has a real-time policy. */
  timerSlackNs: number;
  /** What PR_SET_TIMERSLACK 0 restores: the parent's slack at fork. */
  defaultSlackNs: number;
  /** PR_SET_IO_FLUSHER (recorded; memory reclaim does not consult it). */
  ioFlusher: boolean;
  /** ioprio_set's class and level (0: none set); copied on fork as copy_io does. */
  ioprio: number;
}

export interface GroupAttrs {
  /** PR_SET_THP_DISABLE: 0, 1, or 1 | PR_THP_DISABLE_EXCEPT_ADVISED. */
  thpDisable: number;
  /** The process has run execve since it was forked (PF_FORKNOEXEC clear). */
  execed: boolean;
}

const taskAttrs = new WeakMap<Task, TaskAttrs>();
const groupAttrs = new WeakMap<ThreadGroup, GroupAttrs>();

function defaultTaskAttrs(): TaskAttrs {
  return {
    resetOnFork: false, sliceNs: BASE_SLICE_NS, dlRuntime: 0n, dlDeadline: 0n, dlPeriod: 0n,
    timerSlackNs: DEFAULT_TIMER_SLACK_NS, defaultSlackNs: DEFAULT_TIMER_SLACK_NS, ioFlusher: false, ioprio: 0,
  };
}

export function attrsOf(t: Task): TaskAttrs {
  let a = taskAttrs.get(t);
  if (!a) {
    a = defaultTaskAttrs();
    taskAttrs.set(t, a);
  }
  return a;
}

export function groupAttrsOf(g: ThreadGroup): GroupAttrs {
  let a = groupAttrs.get(g);
  if (!a) {
    // Not exec'd until execTaskAttrs says so: a wrong EACCES would break job-control shells.
    a = { thpDisable: 0, execed: false };
    groupAttrs.set(g, a);
  }
  return a;
}

export function isRealtimePolicy(policy: number): boolean {
  return policy === SCHED_FIFO || policy === SCHED_RR || policy === SCHED_DEADLINE;
}

/**
 * What a new task takes from the task that cloned it (kernel/fork.c
 * copy_process, kernel/sched/core.c sched_fork): nice, policy and priority
 * (reset by SCHED_RESET_ON_FORK), no_new_privs, timer slack, the
 * personality and PF_RANDOMIZE; a new process
 * also inherits THP-disable and dumpable (mm flags, copied by fork) and
 * starts as not-yet-exec'd.
 */
export function inheritTaskAttrs(parent: Task, child: Task): void {
  const p = attrsOf(parent);
  const c: TaskAttrs = { ...p, defaultSlackNs: p.timerSlackNs };
  child.nice = parent.nice;
  child.policy = parent.policy;
  child.rtPriority = parent.rtPriority;
  if (p.resetOnFork) {
    if (isRealtimePolicy(parent.policy)) {
      child.policy = SCHED_NORMAL;
      child.rtPriority = 0;
      // The slack stays 0 (a real-time parent's), and so does the child's default: Linux does not restore it here.
      child.nice = 0;
    } else if (child.nice < 0) {
      child.nice = 0;
    }
    c.resetOnFork = false;
  }
  child.noNewPrivs = parent.noNewPrivs;
  child.personality = parent.personality;
  child.randomized = parent.randomized;
  taskAttrs.set(child, c);
  if (child.group === parent.group) return;
  groupAttrs.set(child.group, { thpDisable: groupAttrsOf(parent.group).thpDisable, execed: false });
  child.group.dumpable = parent.group.dumpable;
}

/**
 * execve's effect on what this module tracks, and on credentials
 * (fs/exec.c begin_new_exec, commoncap.c cap_bprm_creds_from_file): the
 * saved and fs ids become the effective ones, capabilities are recomputed,
 * and the process counts as exec'd for setpgid.
 */
export function execTaskAttrs(t: Task): void {
  groupAttrsOf(t.group).execed = true;
  const c = prepareCreds(t.creds);
  c.suid = c.fsuid = c.euid;
  c.sgid = c.fsgid = c.egid;
  setCaps(c, execCaps(t.creds));
  // A program run with real and effective ids apart may hold secrets: not dumpable (suid_dumpable 0).
  t.group.dumpable = c.uid === c.euid && c.gid === c.egid ? 1 : 0;
  commitCreds(t, c);
}
