// I/O priorities (block/ioprio.c): a class (none, real-time, best-effort,
// idle) and a level per task, set and read by process, process group or
// user. Aramid has no block-I/O scheduler that uses them; they are recorded,
// inherited on fork and reported exactly as Linux does (psutil's ionice(),
// util-linux's ionice).
import { CAP_SYS_ADMIN, CAP_SYS_NICE, capable } from "../capabilities.js";
import { EINVAL, EPERM, ESRCH } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { attrsOf } from "../task-attrs.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { int32, type SyscallDef } from "./syscall.js";

const IOPRIO_CLASS_SHIFT = 13;
const IOPRIO_CLASS_MASK = 7;
const IOPRIO_LEVEL_MASK = 7;
const IOPRIO_CLASS_NONE = 0;
const IOPRIO_CLASS_RT = 1;
const IOPRIO_CLASS_BE = 2;
const IOPRIO_CLASS_IDLE = 3;
/** The level ioprio_best gives a task without an explicit class. */
const IOPRIO_BE_NORM = 4;

const IOPRIO_WHO_PROCESS = 1;
const IOPRIO_WHO_PGRP = 2;
const IOPRIO_WHO_USER = 3;

function ioprioClass(prio: number): number {
  return (prio >>> IOPRIO_CLASS_SHIFT) & IOPRIO_CLASS_MASK;
}

/** ioprio_check_cap: a known class; class NONE carries no level; RT needs privilege. */
function checkPrio(t: Task, prio: number): number {
  switch (ioprioClass(prio)) {
    case IOPRIO_CLASS_RT:
      return capable(t, CAP_SYS_NICE) || capable(t, CAP_SYS_ADMIN) ? 0 : -EPERM;
    case IOPRIO_CLASS_BE:
    case IOPRIO_CLASS_IDLE:
      return 0;
    case IOPRIO_CLASS_NONE:
      return (prio & IOPRIO_LEVEL_MASK) !== 0 ? -EINVAL : 0;
    default:
      return -EINVAL;
  }
}

/** ioprio_valid: a class other than NONE was set. */
function valid(prio: number): boolean {
  const c = ioprioClass(prio);
  return c > IOPRIO_CLASS_NONE && c <= IOPRIO_CLASS_IDLE;
}

/** ioprio_best: the lower value wins; a task without a class counts as best-effort, normal level. */
function best(a: number, b: number): number {
  const norm = (p: number): number => (valid(p) ? p : (IOPRIO_CLASS_BE << IOPRIO_CLASS_SHIFT) | IOPRIO_BE_NORM);
  return Math.min(norm(a), norm(b));
}

/** The tasks (threads) `which`/`who` names; null for an unknown `which`. */
function targets(k: Kernel, t: Task, which: number, who: number): Task[] | null {
  switch (which) {
    case IOPRIO_WHO_PROCESS: {
      const p = who === 0 ? t : k.task(who);
      return p ? [p] : [];
    }
    case IOPRIO_WHO_PGRP: {
      const pgid = who === 0 ? t.group.pgid : who;
      return k.liveTasks().filter((p) => p.group.pgid === pgid);
    }
    case IOPRIO_WHO_USER: {
      const uid = who === 0 ? t.creds.uid : who >>> 0;
      return k.liveTasks().filter((p) => p.creds.uid === uid);
    }
    default:
      return null;
  }
}

/** set_task_ioprio: the target's real uid is the caller's real or effective uid, or CAP_SYS_NICE. */
function setOne(t: Task, p: Task, prio: number): number {
  const uid = p.creds.uid;
  if (uid !== t.creds.euid && uid !== t.creds.uid && !capable(t, CAP_SYS_NICE)) return -EPERM;
  // ioc->ioprio is an unsigned short.
  attrsOf(p).ioprio = prio & 0xffff;
  return 0;
}

function ioprioSet(k: Kernel, t: Task, which: number, who: number, prio: number): number {
  const err = checkPrio(t, prio);
  if (err !== 0) return err;
  const ps = targets(k, t, which, who);
  if (ps === null) return -EINVAL;
  let ret = -ESRCH;
  for (const p of ps) {
    ret = setOne(t, p, prio);
    if (ret !== 0) break;
  }
  return ret;
}

function ioprioGet(k: Kernel, t: Task, which: number, who: number): number {
  const ps = targets(k, t, which, who);
  if (ps === null) return -EINVAL;
  // One named process reports its own value; a group or user reports the best of its tasks.
  if (which === IOPRIO_WHO_PROCESS) return ps.length > 0 ? attrsOf(ps[0]).ioprio : -ESRCH;
  let ret = -ESRCH;
  for (const p of ps) ret = ret === -ESRCH ? attrsOf(p).ioprio : best(ret, attrsOf(p).ioprio);
  return ret;
}

export const ioprioSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_ioprio_set, args: "ddx", fn: (k, t, a) => ioprioSet(k, t, int32(a[0]), int32(a[1]), int32(a[2])) },
  { nr: SYS.SYS_ioprio_get, args: "dd", fn: (k, t, a) => ioprioGet(k, t, int32(a[0]), int32(a[1])) },
];
