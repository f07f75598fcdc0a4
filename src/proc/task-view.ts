// The facts about a task that several /proc files print, gathered once per
// generation (fs/proc/array.c computes them in do_task_stat and
// proc_pid_status). "whole" means the process view (/proc/PID/...), which
// sums thread counters over the group; otherwise the thread's own
// (/proc/PID/task/TID/...).
import type { Kernel } from "../kernel/kernel.js";
import { SIG_DFL, SIG_IGN } from "../kernel/signal-action.js";
import type { Task } from "../kernel/task.js";
import type { ThreadGroup } from "../kernel/thread-group.js";
import type { MmStats } from "../mm/accounting.js";
import type { ImageLayout } from "../loader/exec.js";
import { sigBit } from "../kernel/sigqueue.js";

export interface TaskView {
  task: Task;
  group: ThreadGroup;
  whole: boolean;
  /** Live threads of the process (1 for a zombie, whose leader is still counted). */
  threads: number;
  minFaults: number;
  majFaults: number;
  utimeNs: number;
  stimeNs: number;
  /** The address space, or null for a zombie (no mm fields are shown). */
  mm: MmStats | null;
  layout: ImageLayout | null;
  ignored: bigint;
  caught: bigint;
  exitCode: number;
}

export function viewOf(k: Kernel, t: Task, whole: boolean): TaskView {
  const g = t.group;
  const alive = t.alive || (!g.zombie && g.liveThreads > 0);
  const members = whole ? [...g.threads].filter((m) => m.alive) : t.alive ? [t] : [];
  const sum = (f: (m: Task) => number, dead: number): number =>
    members.reduce((n, m) => n + f(m), whole ? dead : 0) + (!whole && !t.alive ? f(t) : 0);
  let ignored = 0n;
  let caught = 0n;
  t.sigActions.forEach((a, sig) => {
    if (sig === 0) return;
    if (a.handler === SIG_IGN) ignored |= sigBit(sig);
    else if (a.handler !== SIG_DFL) caught |= sigBit(sig);
  });
  const mmAlive = alive && !g.zombie;
  return {
    task: t, group: g, whole,
    threads: g.zombie ? 1 : g.liveThreads,
    minFaults: sum((m) => m.minFaults, g.deadMinFaults),
    majFaults: sum((m) => m.majFaults, g.deadMajFaults),
    utimeNs: whole ? g.utimeNs() : t.utimeNs,
    stimeNs: whole ? g.stimeNs() : t.stimeNs,
    mm: mmAlive ? t.mm.stats() : null,
    layout: mmAlive ? k.images.get(t.mm) ?? null : null,
    ignored, caught,
    exitCode: whole && g.groupExitStatus !== null ? g.groupExitStatus : g.zombie && whole ? g.exitStatus : t.exitStatus,
  };
}

/** task_prio(): 20 + nice for normal tasks, -1 - rt_priority for real-time ones. */
export function priorityOf(t: Task): number {
  return t.policy === 1 || t.policy === 2 ? -1 - t.rtPriority : 20 + t.nice;
}
