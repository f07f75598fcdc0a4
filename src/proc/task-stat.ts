// /proc/PID/stat and /proc/PID/task/TID/stat (fs/proc/array.c do_task_stat):
// 52 fields on one line, single spaces, comm in parentheses unescaped.
import type { Kernel } from "../kernel/kernel.js";
import { RLIMIT_RSS } from "../kernel/rlimits.js";
import { PF_RANDOMIZE } from "../loader/aslr.js";
import type { Task } from "../kernel/task.js";
import { priorityOf, viewOf } from "./task-view.js";
import { PAGE_SIZE, sigsetLow31, ticks, ulong } from "./units.js";

const PF_EXITING = 0x4;
const PF_FORKNOEXEC = 0x40;

/**
 * `permitted`: the reader may see addresses (ptrace_may_access); otherwise
 * code/stack/data addresses print as Linux hides them.
 */
export function taskStat(k: Kernel, t: Task, whole: boolean, permitted: boolean): string {
  const v = viewOf(k, t, whole);
  const g = v.group;
  const tty = g.ctty;
  const lay = v.layout;
  const mm = v.mm;
  const flags = (t.forkNoExec ? PF_FORKNOEXEC : 0) | (g.groupExitStatus !== null && g.liveThreads > 0 ? PF_EXITING : 0) |
    (t.randomized ? PF_RANDOMIZE : 0);
  const addr = (x: number | undefined, hidden: number): number => (!mm ? 0 : permitted ? x ?? 0 : hidden);
  const sleeping = t.state !== "R";
  const wchan = permitted && sleeping && t.alive && (!whole || v.threads < 2) ? 1 : 0;
  // One string built field by field: no array of 52 fields to join (ps reads this for every process).
  const rss = mm ? mm.rssAnon + mm.rssFile + mm.rssShmem : 0;
  let line = `${t.tid} (${t.comm}) ${t.state} ${g.parent?.tgid ?? 0} ${g.pgid} ${g.sid} ${tty ? tty.rdev : 0}`;
  line += ` ${tty ? tty.foregroundPgid() : -1} ${flags} ${v.minFaults} ${g.childMinFaults} ${v.majFaults}`;
  line += ` ${g.childMajFaults} ${ticks(v.utimeNs)} ${ticks(v.stimeNs)} ${ticks(g.childUtimeNs)} ${ticks(g.childStimeNs)}`;
  line += ` ${priorityOf(t)} ${t.nice} ${v.threads} 0 ${ticks(t.startNs)} ${mm ? mm.totalVm * PAGE_SIZE : 0} ${rss}`;
  line += ` ${ulong(g.rlimits[RLIMIT_RSS].cur)} ${addr(lay?.startCode, 1)} ${addr(lay?.endCode, 1)}`;
  line += ` ${addr(lay?.startStack, 0)} 0 0 ${sigsetLow31(t.signals.mask)} ${sigsetLow31(t.sigMask)}`;
  line += ` ${sigsetLow31(v.ignored)} ${sigsetLow31(v.caught)} ${wchan} 0 0 ${t.isLeader ? t.exitSignal : -1} 0`;
  line += ` ${t.rtPriority} ${t.policy} 0 0 0`;
  if (mm && permitted && lay) {
    line += ` ${lay.startData} ${lay.endData} ${t.mm.brkStart} ${lay.argStart} ${lay.argEnd} ${lay.envStart} ${lay.envEnd}`;
  } else {
    line += " 0 0 0 0 0 0 0";
  }
  return `${line} ${permitted ? v.exitCode : 0}\n`;
}
