// /proc/PID/status and /proc/PID/task/TID/status (fs/proc/array.c
// proc_pid_status), every line in Linux 6.x order as `Key:\tvalue`.
import type { Kernel } from "../kernel/kernel.js";
import { RLIMIT_SIGPENDING } from "../kernel/rlimits.js";
import type { Task, TaskState } from "../kernel/task.js";
import type { MmStats } from "../mm/accounting.js";
import type { ImageLayout } from "../loader/exec.js";
import { viewOf } from "./task-view.js";
import { PAGE_SIZE, sigsetHex, ulong } from "./units.js";

const STATE_NAMES: Record<TaskState, string> = {
  R: "R (running)", S: "S (sleeping)", D: "D (disk sleep)", T: "T (stopped)", t: "t (tracing stop)",
  X: "X (dead)", Z: "Z (zombie)",
};
/** Every capability of Linux 6.x (CAP_LAST_CAP 40). */
const CAP_FULL = "000001ffffffffff";
const CAP_NONE = "0000000000000000";

/** proc_task_name with escaping: a newline and a backslash are the only characters escaped. */
function escapedName(comm: string): string {
  if (comm.indexOf("\\") < 0 && comm.indexOf("\n") < 0) return comm;
  return comm.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** Spaces to right-align a number in 8 columns ("%8lu"), by how many digits it has. */
const PADS = ["        ", "       ", "      ", "     ", "    ", "   ", "  ", " ", ""];

function col8(n: number): string {
  const s = String(n);
  return s.length < 8 ? PADS[s.length] + s : s;
}

function kb(pages: number): string {
  return `${col8(pages * (PAGE_SIZE / 1024))} kB`;
}

/** FDSize: the fd table's allocated slots (64, then 128 × a power of two as it grows). */
function fdSize(t: Task): number {
  const fds = t.files.openFds();
  const max = fds.length > 0 ? fds[fds.length - 1] : 0;
  if (max < 64) return 64;
  let n = 1;
  while (n < Math.floor(max / 128) + 1) n *= 2;
  return n * 128;
}

/** task_mem: the Vm* block. VmExe is the text span, VmLib the rest of the executable mappings. */
function memLines(mm: MmStats, lay: ImageLayout | null): string {
  const rss = mm.rssAnon + mm.rssFile + mm.rssShmem;
  const textBytes = lay ? Math.ceil(lay.endCode / PAGE_SIZE) * PAGE_SIZE - Math.floor(lay.startCode / PAGE_SIZE) * PAGE_SIZE : 0;
  const exe = Math.min(Math.max(0, textBytes / PAGE_SIZE), mm.execVm);
  // One template: the constant text between the values stays in long pieces (ps and top read this often).
  return `VmPeak:\t${kb(Math.max(mm.peakVm, mm.totalVm))}
VmSize:\t${kb(mm.totalVm)}
VmLck:\t${kb(mm.lockedVm)}
VmPin:\t       0 kB
VmHWM:\t${kb(Math.max(mm.hiwaterRss, rss))}
VmRSS:\t${kb(rss)}
RssAnon:\t${kb(mm.rssAnon)}
RssFile:\t${kb(mm.rssFile)}
RssShmem:\t${kb(mm.rssShmem)}
VmData:\t${kb(mm.dataVm)}
VmStk:\t${kb(mm.stackVm)}
VmExe:\t${kb(exe)}
VmLib:\t${kb(mm.execVm - exe)}
VmPTE:\t${col8(Math.ceil(mm.pageTableBytes / 1024))} kB
VmSwap:\t       0 kB
HugetlbPages:\t       0 kB
CoreDumping:\t0
THP_enabled:\t1
untag_mask:\t0xffffffffffffffff
`;
}

export function taskStatus(k: Kernel, t: Task, whole: boolean): string {
  const v = viewOf(k, t, whole);
  const g = v.group;
  const c = t.creds;
  const capable = c.euid === 0;
  // Each group followed by a space; an empty list still prints one.
  let groups = c.groups.length === 0 ? " " : "";
  for (const x of c.groups) groups += `${x} `;
  const umask = t.fs.umask.toString(8);
  const cap = capable ? CAP_FULL : CAP_NONE;
  return `Name:\t${escapedName(t.comm)}
Umask:\t${umask.length >= 3 ? "0" + umask : "0" + "000".slice(umask.length) + umask}
State:\t${STATE_NAMES[t.state]}
Tgid:\t${t.tgid}
Ngid:\t0
Pid:\t${t.tid}
PPid:\t${g.parent?.tgid ?? 0}
TracerPid:\t0
Uid:\t${c.uid}\t${c.euid}\t${c.suid}\t${c.fsuid}
Gid:\t${c.gid}\t${c.egid}\t${c.sgid}\t${c.fsgid}
FDSize:\t${fdSize(t)}
Groups:\t${groups}
NStgid:\t${t.tgid}
NSpid:\t${t.tid}
NSpgid:\t${g.pgid}
NSsid:\t${g.sid}
Kthread:\t0
${v.mm ? memLines(v.mm, v.layout) : ""}Threads:\t${v.threads}
SigQ:\t${t.signals.count + g.shared.count}/${ulong(g.rlimits[RLIMIT_SIGPENDING].cur)}
SigPnd:\t${sigsetHex(t.signals.mask)}
ShdPnd:\t${sigsetHex(g.shared.mask)}
SigBlk:\t${sigsetHex(t.sigMask)}
SigIgn:\t${sigsetHex(v.ignored)}
SigCgt:\t${sigsetHex(v.caught)}
CapInh:\t${CAP_NONE}
CapPrm:\t${cap}
CapEff:\t${cap}
CapBnd:\t${CAP_FULL}
CapAmb:\t${CAP_NONE}
NoNewPrivs:\t${t.noNewPrivs ? 1 : 0}
Seccomp:\t0
Seccomp_filters:\t0
Speculation_Store_Bypass:\tunknown
SpeculationIndirectBranch:\tunsupported
Cpus_allowed:\t1
Cpus_allowed_list:\t0
Mems_allowed:\t1
Mems_allowed_list:\t0
voluntary_ctxt_switches:\t${t.nvcsw}
nonvoluntary_ctxt_switches:\t${t.nivcsw}
`;
}

/** /proc/PID/statm: size resident shared text lib data dt, in pages (task_statm). */
export function taskStatm(k: Kernel, t: Task): string {
  const v = viewOf(k, t, true);
  const mm = v.mm;
  if (!mm) return "0 0 0 0 0 0 0\n";
  const lay = v.layout;
  const text = lay ? Math.ceil(lay.endCode / PAGE_SIZE) - Math.floor(lay.startCode / PAGE_SIZE) : 0;
  const shared = mm.rssFile + mm.rssShmem;
  return `${mm.totalVm} ${mm.rssAnon + shared} ${shared} ${text} 0 ${mm.dataVm + mm.stackVm} 0\n`;
}
