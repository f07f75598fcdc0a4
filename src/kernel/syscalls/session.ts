// Process groups and sessions (kernel/sys.c setpgid, getpgid, getsid,
// setsid). A process's pgid and sid live on its ThreadGroup; a session
// leader is a process whose sid is its own pid. riscv64 has no getpgrp
// syscall: glibc implements it as getpgid(0).
import { EACCES, EINVAL, EPERM, ESRCH } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { groupAttrsOf } from "../task-attrs.js";
import type { Task } from "../task.js";
import type { ThreadGroup } from "../thread-group.js";
import * as SYS from "./numbers.js";
import { int32, type SyscallDef } from "./syscall.js";

/** Every process, zombies included: the tree under pid 1 holds them all (orphans are reparented). */
export function allProcesses(k: Kernel): ThreadGroup[] {
  const out: ThreadGroup[] = [];
  const stack = [k.init];
  while (stack.length > 0) {
    const g = stack.pop() as ThreadGroup;
    out.push(g);
    for (const c of g.children) stack.push(c);
  }
  return out;
}

/** Some process in process group `pgid`; unlike Kernel.processGroup, a zombie counts (as in Linux). */
export function pgrpExists(k: Kernel, pgid: number): ThreadGroup | undefined {
  return allProcesses(k).find((g) => g.pgid === pgid);
}

function isSessionLeader(g: ThreadGroup): boolean {
  return g.sid === g.tgid;
}

/** The task a pid names, zombies included; pid 0 is the caller. */
function findTask(k: Kernel, t: Task, pid: number): Task | undefined {
  return pid === 0 ? t : k.task(pid);
}

/** Who may move `p`: itself, or a child of the caller's process that has not exec'd, in the same session. */
function checkSetpgidTarget(t: Task, p: Task): number {
  if (!p.isLeader) return -EINVAL;
  const me = t.group;
  if (p.group.parent === me) {
    if (p.group.sid !== me.sid) return -EPERM;
    if (groupAttrsOf(p.group).execed) return -EACCES;
  } else if (p.group !== me) {
    return -ESRCH;
  }
  return isSessionLeader(p.group) ? -EPERM : 0;
}

function setpgid(k: Kernel, t: Task, pid: number, pgid: number): number {
  if (pid === 0) pid = t.tgid;
  if (pgid === 0) pgid = pid;
  if (pgid < 0) return -EINVAL;
  const p = k.task(pid);
  if (!p) return -ESRCH;
  const err = checkSetpgidTarget(t, p);
  if (err < 0) return err;
  if (pgid !== pid) {
    // Joining a group needs one to exist in the caller's session.
    const member = pgrpExists(k, pgid);
    if (!member || member.sid !== t.group.sid) return -EPERM;
  }
  p.group.pgid = pgid;
  return 0;
}

function setsid(k: Kernel, t: Task): number {
  const g = t.group;
  if (isSessionLeader(g)) return -EPERM;
  // A process group with this pid already exists (we lead it, or our pid names someone else's group).
  if (pgrpExists(k, g.tgid)) return -EPERM;
  g.sid = g.tgid;
  g.pgid = g.tgid;
  // A new session starts without a controlling terminal (proc_clear_tty).
  g.ctty = null;
  return g.tgid;
}

function getpgid(k: Kernel, t: Task, pid: number): number {
  const p = findTask(k, t, pid);
  return p ? p.group.pgid : -ESRCH;
}

function getsid(k: Kernel, t: Task, pid: number): number {
  const p = findTask(k, t, pid);
  return p ? p.group.sid : -ESRCH;
}

export const sessionSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_setpgid, args: "dd", fn: (k, t, a) => setpgid(k, t, int32(a[0]), int32(a[1])) },
  { nr: SYS.SYS_getpgid, args: "d", fn: (k, t, a) => getpgid(k, t, int32(a[0])) },
  { nr: SYS.SYS_setsid, args: "", fn: (k, t) => setsid(k, t) },
  { nr: SYS.SYS_getsid, args: "d", fn: (k, t, a) => getsid(k, t, int32(a[0])) },
];
