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

/** SIG_IGN and caught (handler) masks, built in 32-bit halves: BigInt arithmetic per signal is slow. */
function dispositionMasks(t: Task): { ignored: bigint; caught: bigint } {
  const ign = [0, 0];
  const cgt = [0, 0];
  const acts = t.sigActions;
  for (let sig = 1; sig <= 64; sig++) {
    const h = acts[sig].handler;
    if (h === SIG_DFL) continue;
    const half = sig <= 32 ? 0 : 1;
    const bit = 1 << ((sig - 1) & 31);
    if (h === SIG_IGN) ign[half] |= bit;
    else cgt[half] |= bit;
  }
  const join = (m: number[]): bigint => (BigInt(m[1] >>> 0) << 32n) | BigInt(m[0] >>> 0);
  return { ignored: join(ign), caught: join(cgt) };
}

export function viewOf(k: Kernel, t: Task, whole: boolean): TaskView {
  const g = t.group;
  const alive = t.alive || (!g.zombie && g.liveThreads > 0);
  let minFaults = 0;
  let majFaults = 0;
  if (whole) {
    minFaults = g.deadMinFaults;
    majFaults = g.deadMajFaults;
    for (const m of g.threads) {
      if (!m.alive) continue;
      minFaults += m.minFaults;
      majFaults += m.majFaults;
    }
  } else {
    minFaults = t.minFaults;
    majFaults = t.majFaults;
  }
  const mmAlive = alive && !g.zombie;
  const { ignored, caught } = dispositionMasks(t);
  return {
    task: t, group: g, whole,
    threads: g.zombie ? 1 : g.liveThreads,
    minFaults, majFaults,
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
