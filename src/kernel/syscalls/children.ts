// Creating and collecting processes: clone, clone3, wait4, waitid,
// getrusage and times.
import { EFAULT, EINVAL, E2BIG, ECHILD } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { clone, CLONE_VFORK, CSIGNAL, reap, vforkWait, type CloneRequest } from "../lifecycle.js";
import { SIGCHLD } from "../signal-numbers.js";
import type { Task } from "../task.js";
import type { ThreadGroup } from "../thread-group.js";
import { Blocked } from "../wait.js";
import * as SYS from "./numbers.js";
import { int32, unsigned, type SyscallDef, type SyscallResult } from "./syscall.js";

const WNOHANG = 1;
const WUNTRACED = 2;
const WSTOPPED = 2;
const WEXITED = 4;
const WCONTINUED = 8;
const WNOWAIT = 0x01000000;
const __WNOTHREAD = 0x20000000;
const __WALL = 0x40000000;
const __WCLONE = 0x80000000;
const P_ALL = 0;
const P_PID = 1;
const P_PGID = 2;
const CLD_EXITED = 1;
const CLD_KILLED = 2;
const CLD_DUMPED = 3;
const CLONE_ARGS_SIZE_VER0 = 64;
const CLONE_ARGS_SIZE = 88;
const USER_HZ = 100;

/** clone and clone3 share this: create, then for vfork wait for the child to let go. */
function doClone(k: Kernel, t: Task, req: CloneRequest): SyscallResult {
  if (typeof t.syscallState === "number") {
    const tid = t.syscallState;
    return vforkWait(t, k.task(tid), tid);
  }
  const tid = clone(k, t, req);
  if (tid < 0 || (req.flags % 2 ** 32 & CLONE_VFORK) === 0) return tid;
  const child = k.task(tid);
  if (child) child.vforkParent = t;
  t.syscallState = tid;
  return vforkWait(t, child, tid);
}

function cloneSyscall(k: Kernel, t: Task, a: Float64Array): SyscallResult {
  // clone's flags are an unsigned long of which only the low 32 bits count.
  const flags = (a[0] % 2 ** 32 + 2 ** 32) % 2 ** 32;
  return doClone(k, t, {
    flags: flags - (flags & CSIGNAL), exitSignal: flags & CSIGNAL, stack: unsigned(a[1]),
    parentTid: a[2], tls: a[3], childTid: a[4],
  });
}

function clone3(k: Kernel, t: Task, argsAddr: number, size: number): SyscallResult {
  if (typeof t.syscallState === "number") return doClone(k, t, { flags: 0, exitSignal: 0, stack: 0, parentTid: 0, childTid: 0, tls: 0 });
  if (size < CLONE_ARGS_SIZE_VER0) return -EINVAL;
  if (size > 4096) return -E2BIG;
  const raw = t.mm.read(argsAddr, size);
  if (typeof raw === "number") return -EFAULT;
  // Fields this kernel does not know must be zero (copy_struct_from_user).
  for (let i = CLONE_ARGS_SIZE; i < size; i++) if (raw[i] !== 0) return -E2BIG;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const u = (at: number): number => (at + 8 <= size ? Number(v.getBigUint64(at, true)) : 0);
  const exitSignal = u(32);
  const stack = u(40);
  const stackSize = u(48);
  if (exitSignal > CSIGNAL) return -EINVAL;
  if ((stack === 0) !== (stackSize === 0)) return -EINVAL;
  if (u(64) !== 0 || u(72) !== 0) return -EINVAL; // set_tid arrays need pid namespaces
  return doClone(k, t, {
    flags: u(0), exitSignal, stack: stack === 0 ? 0 : stack + stackSize, parentTid: u(24), childTid: u(16), tls: u(56),
  });
}

type Selector = (c: ThreadGroup) => boolean;

/** Which children a wait applies to: by pid and by the __WCLONE/__WALL rule on exit signals. */
function matching(k: Kernel, t: Task, sel: Selector, options: number, pid = 0): ThreadGroup[] {
  return [...candidates(k, t, pid)].filter((c) => {
    if (!sel(c)) return false;
    if ((options & __WALL) !== 0) return true;
    const cloneChild = (c.leader?.exitSignal ?? SIGCHLD) !== SIGCHLD;
    return cloneChild === ((options & __WCLONE) !== 0);
  });
}

/**
 * The children a wait looks at: a wait for one pid looks it up (do_wait_pid)
 * instead of scanning every child, so reaping n children one by one is not
 * quadratic; otherwise all of them.
 */
function candidates(k: Kernel, t: Task, pid: number): Iterable<ThreadGroup> {
  if (pid <= 0) return t.group.children;
  const g = k.group(pid);
  return g && t.group.children.has(g) ? [g] : [];
}

function pidSelector(t: Task, pid: number): Selector {
  if (pid > 0) return (c) => c.tgid === pid;
  if (pid === -1) return () => true;
  const pgid = pid === 0 ? t.group.pgid : -pid;
  return (c) => c.pgid === pgid;
}

function encodeRusage(utimeNs: number, stimeNs: number, minflt: number, majflt: number): Uint8Array {
  const b = new Uint8Array(144);
  const v = new DataView(b.buffer);
  const tv = (at: number, ns: number): void => {
    const us = Math.floor(ns / 1000);
    v.setBigInt64(at, BigInt(Math.floor(us / 1e6)), true);
    v.setBigInt64(at + 8, BigInt(us % 1e6), true);
  };
  tv(0, utimeNs);
  tv(16, stimeNs);
  v.setBigInt64(64, BigInt(minflt), true);
  v.setBigInt64(72, BigInt(majflt), true);
  return b;
}

/** A reaped child's usage: its own threads plus the children it reaped (RUSAGE_BOTH). */
function childRusage(c: ThreadGroup): Uint8Array {
  return encodeRusage(c.utimeNs() + c.childUtimeNs, c.stimeNs() + c.childStimeNs,
    c.deadMinFaults + c.childMinFaults, c.deadMajFaults + c.childMajFaults);
}

function wait4(k: Kernel, t: Task, pid: number, statusAddr: number, options: number, ruAddr: number): SyscallResult {
  if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)) !== 0) return -EINVAL;
  const kids = matching(k, t, pidSelector(t, pid), options, pid);
  if (kids.length === 0) return -ECHILD;
  const z = kids.find((c) => c.zombie);
  if (!z) {
    const changed = stateChange(kids, options);
    if (changed) return reportStateChange(t, changed, statusAddr, options);
    return (options & WNOHANG) !== 0 ? 0 : new Blocked([t.group.childEvents]);
  }
  const ru = childRusage(z);
  reap(k, t.group, z);
  if (statusAddr !== 0 && t.mm.writeU32(statusAddr, z.exitStatus) < 0) return -EFAULT;
  if (ruAddr !== 0 && t.mm.write(ruAddr, ru) < 0) return -EFAULT;
  return z.tgid;
}

/** A stopped (WUNTRACED) or continued (WCONTINUED) child whose change is not yet collected. */
function stateChange(kids: ThreadGroup[], options: number): ThreadGroup | undefined {
  return kids.find((c) => (c.waitReport === "stopped" && c.stopSignal !== 0 && (options & WUNTRACED) !== 0) ||
    (c.waitReport === "continued" && (options & WCONTINUED) !== 0));
}

/** wait status of a stop, (sig << 8) | 0x7f, or of a continue, 0xffff. */
function changeStatus(c: ThreadGroup): number {
  return c.waitReport === "stopped" ? (c.stopSignal << 8) | 0x7f : 0xffff;
}

function reportStateChange(t: Task, c: ThreadGroup, statusAddr: number, options: number): number {
  const status = changeStatus(c);
  if ((options & WNOWAIT) === 0) c.waitReport = null;
  if (statusAddr !== 0 && t.mm.writeU32(statusAddr, status) < 0) return -EFAULT;
  return c.tgid;
}

function encodeChildInfo(c: ThreadGroup | null): Uint8Array {
  const b = new Uint8Array(128);
  if (!c) return b;
  const v = new DataView(b.buffer);
  const st = c.exitStatus;
  const sig = st & 0x7f;
  v.setInt32(0, SIGCHLD, true);
  v.setInt32(8, sig === 0 ? CLD_EXITED : (st & 0x80) !== 0 ? CLD_DUMPED : CLD_KILLED, true);
  v.setInt32(16, c.tgid, true);
  v.setInt32(20, c.leader?.creds.uid ?? 0, true);
  v.setInt32(24, sig === 0 ? (st >> 8) & 0xff : sig, true);
  v.setBigInt64(32, BigInt(Math.floor((c.utimeNs() * USER_HZ) / 1e9)), true);
  v.setBigInt64(40, BigInt(Math.floor((c.stimeNs() * USER_HZ) / 1e9)), true);
  return b;
}

function waitid(k: Kernel, t: Task, idtype: number, id: number, infop: number, options: number, ruAddr: number): SyscallResult {
  if ((options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)) !== 0) return -EINVAL;
  if ((options & (WEXITED | WSTOPPED | WCONTINUED)) === 0) return -EINVAL;
  let sel: Selector;
  if (idtype === P_ALL) sel = () => true;
  else if (idtype === P_PID && id > 0) sel = (c) => c.tgid === id;
  else if (idtype === P_PGID && id >= 0) sel = (c) => c.pgid === (id === 0 ? t.group.pgid : id);
  else return -EINVAL;
  const kids = matching(k, t, sel, options, idtype === P_PID ? id : 0);
  if (kids.length === 0) return -ECHILD;
  const z = (options & WEXITED) !== 0 ? kids.find((c) => c.zombie) : undefined;
  const changed = z ? undefined : stateChange(kids, options);
  if (changed) {
    const info = encodeChildInfo(changed);
    const v = new DataView(info.buffer);
    const stopped = changed.waitReport === "stopped";
    v.setInt32(8, stopped ? 5 : 6, true); // CLD_STOPPED or CLD_CONTINUED
    v.setInt32(24, stopped ? changed.stopSignal : 18, true);
    if ((options & WNOWAIT) === 0) changed.waitReport = null;
    return infop !== 0 && t.mm.write(infop, info) < 0 ? -EFAULT : 0;
  }
  if (!z) {
    if ((options & WNOHANG) === 0) return new Blocked([t.group.childEvents]);
    return infop !== 0 && t.mm.write(infop, encodeChildInfo(null)) < 0 ? -EFAULT : 0;
  }
  const info = encodeChildInfo(z);
  const ru = childRusage(z);
  if ((options & WNOWAIT) === 0) reap(k, t.group, z);
  if (infop !== 0 && t.mm.write(infop, info) < 0) return -EFAULT;
  if (ruAddr !== 0 && t.mm.write(ruAddr, ru) < 0) return -EFAULT;
  return 0;
}

const RUSAGE_SELF = 0;
const RUSAGE_CHILDREN = -1;
const RUSAGE_THREAD = 1;

function getrusage(_k: Kernel, t: Task, who: number, addr: number): number {
  const g = t.group;
  let ru: Uint8Array;
  if (who === RUSAGE_SELF) {
    let minflt = g.deadMinFaults;
    let majflt = g.deadMajFaults;
    for (const m of g.threads) if (m.alive) {
      minflt += m.minFaults;
      majflt += m.majFaults;
    }
    ru = encodeRusage(g.utimeNs(), g.stimeNs(), minflt, majflt);
  } else if (who === RUSAGE_CHILDREN) {
    ru = encodeRusage(g.childUtimeNs, g.childStimeNs, g.childMinFaults, g.childMajFaults);
  } else if (who === RUSAGE_THREAD) {
    ru = encodeRusage(t.utimeNs, t.stimeNs, t.minFaults, t.majFaults);
  } else {
    return -EINVAL;
  }
  return t.mm.write(addr, ru) < 0 ? -EFAULT : 0;
}

function ticks(ns: number): bigint {
  return BigInt(Math.floor((ns * USER_HZ) / 1e9));
}

function times(k: Kernel, t: Task, addr: number): number {
  const g = t.group;
  if (addr !== 0) {
    const b = new Uint8Array(32);
    const v = new DataView(b.buffer);
    v.setBigInt64(0, ticks(g.utimeNs()), true);
    v.setBigInt64(8, ticks(g.stimeNs()), true);
    v.setBigInt64(16, ticks(g.childUtimeNs), true);
    v.setBigInt64(24, ticks(g.childStimeNs), true);
    if (t.mm.write(addr, b) < 0) return -EFAULT;
  }
  return Number(ticks(k.clock.monotonicNs()));
}

export const childrenSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_clone, args: "xxxxx", fn: cloneSyscall },
  { nr: SYS.SYS_clone3, args: "xu", fn: (k, t, a) => clone3(k, t, a[0], unsigned(a[1])) },
  { nr: SYS.SYS_wait4, args: "dxxx", fn: (k, t, a) => wait4(k, t, int32(a[0]), a[1], int32(a[2]), a[3]) },
  { nr: SYS.SYS_waitid, args: "ddxxx", fn: (k, t, a) => waitid(k, t, int32(a[0]), int32(a[1]), a[2], int32(a[3]), a[4]) },
  { nr: SYS.SYS_getrusage, args: "dx", fn: (k, t, a) => getrusage(k, t, int32(a[0]), a[1]) },
  { nr: SYS.SYS_times, args: "x", fn: (k, t, a) => times(k, t, a[0]) },
];
