// Contents of the smaller per-process files (fs/proc/base.c): limits, io,
// wchan, oom_score(_adj), fd links and fdinfo, mountinfo, mounts, cgroup.
import type { Dentry } from "../fs/dentry.js";
import type { Mount } from "../fs/mount.js";
import { AnonFile } from "../fs/anon/anon-file.js";
import { O_CLOEXEC, type OpenFile } from "../fs/open-file.js";
import { devMajor, devMinor } from "../fs/types.js";
import type { Kernel } from "../kernel/kernel.js";
import { RLIM_INFINITY } from "../kernel/rlimits.js";
import { SYSCALL_NAMES } from "../kernel/syscalls/numbers.js";
import type { Task } from "../kernel/task.js";
import { PAGE_SIZE } from "./units.js";

const LIMIT_NAMES: [string, string][] = [
  ["Max cpu time", "seconds"], ["Max file size", "bytes"], ["Max data size", "bytes"], ["Max stack size", "bytes"],
  ["Max core file size", "bytes"], ["Max resident set", "bytes"], ["Max processes", "processes"],
  ["Max open files", "files"], ["Max locked memory", "bytes"], ["Max address space", "bytes"],
  ["Max file locks", "locks"], ["Max pending signals", "signals"], ["Max msgqueue size", "bytes"],
  ["Max nice priority", ""], ["Max realtime priority", ""], ["Max realtime timeout", "us"],
];

export function limitsFile(t: Task): string {
  const v = (x: bigint): string => (x === RLIM_INFINITY ? "unlimited" : x.toString());
  let out = `${"Limit".padEnd(25)} ${"Soft Limit".padEnd(20)} ${"Hard Limit".padEnd(20)} ${"Units".padEnd(10)}\n`;
  t.rlimits.forEach((r, i) => {
    const [name, unit] = LIMIT_NAMES[i];
    out += `${name.padEnd(25)} ${v(r.cur).padEnd(20)} ${v(r.max).padEnd(20)} `;
    out += unit ? `${unit.padEnd(10)}\n` : "\n";
  });
  return out;
}

/** /proc/PID/io: the process's totals (the leader plus every other live thread). */
export function ioFile(t: Task, whole: boolean): string {
  const members = whole ? [...t.group.threads].filter((m) => m.alive || m === t) : [t];
  const sum = (f: (m: Task) => number): number => members.reduce((n, m) => n + f(m), 0);
  return `rchar: ${sum((m) => m.io.rchar)}\nwchar: ${sum((m) => m.io.wchar)}\nsyscr: ${sum((m) => m.io.syscr)}\n` +
    `syscw: ${sum((m) => m.io.syscw)}\nread_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n`;
}

/** Where a sleeping task waits, named like the Linux function it would sleep in. */
const WCHAN_BY_SYSCALL: Record<string, string> = {
  wait4: "do_wait", waitid: "do_wait", futex: "futex_wait_queue", nanosleep: "hrtimer_nanosleep",
  clock_nanosleep: "hrtimer_nanosleep", ppoll: "do_sys_poll", pselect6: "do_select", read: "pipe_read",
  readv: "pipe_read", write: "pipe_write", writev: "pipe_write", rt_sigsuspend: "sigsuspend",
  rt_sigtimedwait: "do_sigtimedwait", clone: "wait_for_vfork_done", clone3: "wait_for_vfork_done",
  epoll_pwait: "ep_poll", epoll_pwait2: "ep_poll",
};

export function wchanFile(t: Task): string {
  if (t.state === "R" || !t.alive) return "0";
  if (t.state === "T") return "do_signal_stop";
  // The built-in init never makes a syscall: it waits for children inside the kernel.
  if (!t.pending) return "do_wait";
  const name = SYSCALL_NAMES.get(t.pending.nr);
  return (name && WCHAN_BY_SYSCALL[name]) ?? "do_sys_sleep";
}

/** proc_oom_score: badness (RSS + page tables) scaled to 0..2000, shifted by oom_score_adj. */
export function oomScore(k: Kernel, t: Task): number {
  if (!t.alive) return 0;
  const total = k.frames.total;
  const st = t.mm.stats();
  let badness = st.rssAnon + st.rssFile + st.rssShmem + Math.ceil(st.pageTableBytes / PAGE_SIZE);
  badness += Math.trunc((t.group.oomScoreAdj * total) / 1000);
  return Math.max(0, Math.floor(((1000 + Math.trunc((badness * 1000) / total)) * 2) / 3));
}

/** /proc/PID/fdinfo/N (seq_show): flags in octal with the fd's close-on-exec, then the file type's own lines. */
export function fdinfoFile(f: OpenFile, cloexec: boolean): string {
  const st = f.stat();
  const ino = typeof st === "number" ? 0 : st.ino;
  const flags = f.flags | (cloexec ? O_CLOEXEC : 0);
  const mntId = f.dentry?.mount?.id ?? 1;
  const extra = f instanceof AnonFile ? f.fdinfo() : "";
  return `pos:\t${f.offset}\nflags:\t0${flags.toString(8)}\nmnt_id:\t${mntId}\nino:\t${ino}\n${extra}`;
}

/** The path of a mount as seen from `root`, or null when it lies outside it. */
function mountPath(m: Mount, root: Dentry): string | null {
  const p = m.root.pathFrom(root);
  return p.startsWith("/") ? p : null;
}

/** /proc/PID/mountinfo (fs/proc_namespace.c show_mountinfo), for the mounts below the task's root. */
export function mountinfoFile(k: Kernel, t: Task): string {
  let out = "";
  for (const m of k.mounts.list()) {
    const at = mountPath(m, t.fs.root);
    if (at === null) continue;
    const dev = m.fs.dev;
    out += `${m.id} ${m.parent ? m.parent.id : m.id} ${devMajor(dev)}:${devMinor(dev)} ${escapeMount(m.fsRootPath)} ` +
      `${escapeMount(at)} ${m.options()} - ${m.fstype} ${escapeMount(m.source)} ${m.fs.superOptions()}\n`;
  }
  return out;
}

/** /proc/PID/mounts (show_vfsmnt): source mountpoint type options 0 0. */
export function mountsFile(k: Kernel, t: Task): string {
  let out = "";
  for (const m of k.mounts.list()) {
    const at = mountPath(m, t.fs.root);
    if (at === null) continue;
    const extra = m.fs.superOptions().split(",").filter((o) => o !== "rw" && o !== "ro" && o.length > 0);
    out += `${escapeMount(m.source)} ${escapeMount(at)} ${m.fstype} ${[m.options(), ...extra].join(",")} 0 0\n`;
  }
  return out;
}

/** mangle(): space, tab, newline and backslash become octal escapes. */
function escapeMount(s: string): string {
  return s.replace(/[ \t\n\\]/g, (c) => "\\" + c.charCodeAt(0).toString(8).padStart(3, "0"));
}
