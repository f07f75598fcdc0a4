// Scheduling attributes (kernel/sys.c get/setpriority, kernel/sched/
// syscalls.c): nice, policy, real-time priority, SCHED_DEADLINE parameters,
// reset-on-fork, CPU affinity. The values are recorded on the task; the
// scheduler is free to use them (nice first). One CPU exists: CPU 0.
import { TICK_NS } from "../clock.js";
import { CAP_SYS_NICE, capable } from "../capabilities.js";
import { E2BIG, EACCES, EBUSY, EFAULT, EINVAL, EOPNOTSUPP, EPERM, ESRCH } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { RLIMIT_NICE, RLIMIT_RTPRIO } from "../rlimits.js";
import {
  BASE_SLICE_NS, SCHED_BATCH, SCHED_DEADLINE, SCHED_FIFO, SCHED_IDLE, SCHED_NORMAL, SCHED_RR,
  attrsOf, isRealtimePolicy,
} from "../task-attrs.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { allProcesses } from "./session.js";
import { int32, uint32, type SyscallDef } from "./syscall.js";

const PRIO_PROCESS = 0;
const PRIO_PGRP = 1;
const PRIO_USER = 2;
const MIN_NICE = -20;
const MAX_NICE = 19;
const MAX_RT_PRIO = 100;

const SCHED_RESET_ON_FORK = 0x40000000;
/** sched_setparam's "keep the policy" (kernel/sched/sched.h SETPARAM_POLICY). */
const SETPARAM_POLICY = -1;
const SCHED_FLAG_RESET_ON_FORK = 0x01n;
const SCHED_FLAG_RECLAIM = 0x02n;
const SCHED_FLAG_DL_OVERRUN = 0x04n;
const SCHED_FLAG_KEEP_POLICY = 0x08n;
const SCHED_FLAG_KEEP_PARAMS = 0x10n;
const SCHED_FLAG_UTIL_CLAMP = 0x60n;
const SCHED_FLAG_ALL = 0x7fn;

const SCHED_ATTR_SIZE_VER0 = 48;
const SCHED_ATTR_SIZE_VER1 = 56;
const PAGE_SIZE = 4096;

/** RR_TIMESLICE: 100 ms. */
const RR_TIMESLICE_NS = 100_000_000;
/** SCHED_DEADLINE: period limits (sysctl_sched_dl_period_min/max, in ns) and DL_SCALE. */
const DL_PERIOD_MIN = 100_000n;
const DL_PERIOD_MAX = (1n << 22n) * 1000n;
const DL_MIN_RUNTIME = 1n << 10n;
/** Deadline tasks may use 95% of the CPU (sched_rt_runtime_us / sched_rt_period_us). */
const DL_BW_LIMIT = 0.95;
const CPUMASK_BYTES = 8;

/** struct sched_attr, as the kernel works on it. */
interface SchedAttr {
  policy: number;
  flags: bigint;
  nice: number;
  priority: number;
  runtime: bigint;
  deadline: bigint;
  period: bigint;
}

function fairPolicy(policy: number): boolean {
  return policy === SCHED_NORMAL || policy === SCHED_BATCH;
}

function rtPolicy(policy: number): boolean {
  return policy === SCHED_FIFO || policy === SCHED_RR;
}

function validPolicy(policy: number): boolean {
  return fairPolicy(policy) || rtPolicy(policy) || policy === SCHED_IDLE || policy === SCHED_DEADLINE;
}

/** find_process_by_pid: pid 0 is the caller; any thread id names that thread. */
function findTask(k: Kernel, t: Task, pid: number): Task | undefined {
  return pid === 0 ? t : k.task(pid);
}

function rlimitCur(p: Task, resource: number): number {
  const cur = p.rlimits[resource].cur;
  return cur > 1000n ? 1000 : Number(cur);
}

/** nice_to_rlimit: nice 19..-20 as 1..40, the scale RLIMIT_NICE and getpriority use. */
function niceToRlimit(nice: number): number {
  return MAX_NICE - nice + 1;
}

/** check_same_owner: the caller's euid is the target's real or effective uid. */
function sameOwner(t: Task, p: Task): boolean {
  return t.creds.euid === p.creds.euid || t.creds.euid === p.creds.uid;
}

// ---- getpriority / setpriority ----

/** The tasks PRIO_PROCESS/PGRP/USER names (none: ESRCH). */
function prioTargets(k: Kernel, t: Task, which: number, who: number): Task[] {
  if (which === PRIO_PROCESS) {
    const p = findTask(k, t, who);
    return p ? [p] : [];
  }
  if (which === PRIO_PGRP) {
    const pgid = who === 0 ? t.group.pgid : who;
    return allProcesses(k).filter((g) => g.pgid === pgid).flatMap((g) => [...g.threads]);
  }
  const uid = who === 0 ? t.creds.uid : who >>> 0;
  return k.liveTasks().filter((p) => p.creds.uid === uid);
}

function getpriority(k: Kernel, t: Task, which: number, who: number): number {
  if (which < PRIO_PROCESS || which > PRIO_USER) return -EINVAL;
  let best = -ESRCH;
  for (const p of prioTargets(k, t, which, who)) best = Math.max(best, niceToRlimit(p.nice));
  return best;
}

/** set_one_prio: the owner (or CAP_SYS_NICE) may renice; lowering nice needs RLIMIT_NICE room or CAP_SYS_NICE. */
function setOnePrio(t: Task, p: Task, nice: number, error: number): number {
  const owner = p.creds.uid === t.creds.euid || p.creds.euid === t.creds.euid || capable(t, CAP_SYS_NICE);
  if (!owner) return -EPERM;
  if (nice < p.nice && niceToRlimit(nice) > rlimitCur(p, RLIMIT_NICE) && !capable(t, CAP_SYS_NICE)) return -EACCES;
  p.nice = nice;
  return error === -ESRCH ? 0 : error;
}

function setpriority(k: Kernel, t: Task, which: number, who: number, niceval: number): number {
  if (which < PRIO_PROCESS || which > PRIO_USER) return -EINVAL;
  const nice = Math.min(MAX_NICE, Math.max(MIN_NICE, niceval));
  let error = -ESRCH;
  // As in Linux, the last failure is reported, but one success clears "no such process".
  for (const p of prioTargets(k, t, which, who)) error = setOnePrio(t, p, nice, error);
  return error;
}

// ---- the policy core (__sched_setscheduler) ----

/** __checkparam_dl: 1 µs-ish runtime ≤ deadline ≤ period, period within the sysctl limits. */
function dlParamsValid(a: SchedAttr): boolean {
  const top = 1n << 63n;
  if (a.deadline === 0n || a.runtime < DL_MIN_RUNTIME) return false;
  if ((a.deadline & top) !== 0n || (a.period & top) !== 0n) return false;
  const period = a.period === 0n ? a.deadline : a.period;
  if (period < a.deadline || a.deadline < a.runtime) return false;
  return period >= DL_PERIOD_MIN && period <= DL_PERIOD_MAX;
}

/** user_check_sched_setscheduler: what an unprivileged caller may not do needs CAP_SYS_NICE. */
function needsPrivilege(p: Task, a: SchedAttr, policy: number, resetOnFork: boolean): boolean {
  const niceRoom = (nice: number): boolean => niceToRlimit(nice) <= rlimitCur(p, RLIMIT_NICE);
  if (fairPolicy(policy) && a.nice < p.nice && !niceRoom(a.nice)) return true;
  if (rtPolicy(policy)) {
    const rtprio = rlimitCur(p, RLIMIT_RTPRIO);
    if (policy !== p.policy && rtprio === 0) return true;
    if (a.priority > p.rtPriority && a.priority > rtprio) return true;
  }
  if (policy === SCHED_DEADLINE) return true;
  // SCHED_IDLE counts as nice 20: leaving it needs the room to be at the current nice.
  if (p.policy === SCHED_IDLE && policy !== SCHED_IDLE && !niceRoom(p.nice)) return true;
  return attrsOf(p).resetOnFork && !resetOnFork;
}

/** Deadline bandwidth admission on the one CPU: at most 95% in total, else EBUSY. */
function dlAdmits(k: Kernel, p: Task, a: SchedAttr): boolean {
  const bw = (runtime: bigint, period: bigint): number => Number(runtime) / Number(period);
  let total = bw(a.runtime, a.period === 0n ? a.deadline : a.period);
  for (const o of k.liveTasks()) {
    if (o !== p && o.policy === SCHED_DEADLINE) total += bw(attrsOf(o).dlRuntime, attrsOf(o).dlPeriod);
  }
  return total <= DL_BW_LIMIT;
}

function checkSchedAttr(k: Kernel, t: Task, p: Task, a: SchedAttr, policy: number, resetOnFork: boolean): number {
  if ((a.flags & ~SCHED_FLAG_ALL) !== 0n) return -EINVAL;
  if (a.priority > MAX_RT_PRIO - 1) return -EINVAL;
  if (policy === SCHED_DEADLINE && !dlParamsValid(a)) return -EINVAL;
  if (rtPolicy(policy) !== (a.priority !== 0)) return -EINVAL;
  const privileged = needsPrivilege(p, a, policy, resetOnFork) || !sameOwner(t, p);
  if (privileged && !capable(t, CAP_SYS_NICE)) return -EPERM;
  // Utilization clamping is not built in (as with CONFIG_UCLAMP_TASK=n).
  if ((a.flags & SCHED_FLAG_UTIL_CLAMP) !== 0n) return -EOPNOTSUPP;
  if (policy === SCHED_DEADLINE && !dlAdmits(k, p, a)) return -EBUSY;
  return 0;
}

/** __setscheduler_params: records the new policy and its parameters on the task. */
function applySchedAttr(p: Task, a: SchedAttr, policy: number): void {
  const x = attrsOf(p);
  p.policy = policy;
  if (policy === SCHED_DEADLINE) {
    x.dlRuntime = a.runtime;
    x.dlDeadline = a.deadline;
    x.dlPeriod = a.period === 0n ? a.deadline : a.period;
  } else if (fairPolicy(policy)) {
    p.nice = a.nice;
    const clamp = (v: bigint): bigint => (v < 100_000n ? 100_000n : v > 100_000_000n ? 100_000_000n : v);
    x.sliceNs = a.runtime === 0n ? BASE_SLICE_NS : clamp(a.runtime);
  }
  p.rtPriority = a.priority;
  // Real-time tasks have no timer slack; leaving real time restores the default.
  if (isRealtimePolicy(policy)) x.timerSlackNs = 0;
  else if (x.timerSlackNs === 0) x.timerSlackNs = x.defaultSlackNs;
}

function setScheduler(k: Kernel, t: Task, p: Task, a: SchedAttr): number {
  let policy = a.policy;
  let resetOnFork: boolean;
  if (policy < 0) {
    resetOnFork = attrsOf(p).resetOnFork;
    policy = p.policy;
  } else {
    resetOnFork = (a.flags & SCHED_FLAG_RESET_ON_FORK) !== 0n;
    if (!validPolicy(policy)) return -EINVAL;
  }
  const err = checkSchedAttr(k, t, p, a, policy, resetOnFork);
  if (err < 0) return err;
  attrsOf(p).resetOnFork = resetOnFork;
  // SCHED_FLAG_KEEP_PARAMS: neither the policy nor its parameters change.
  if ((a.flags & SCHED_FLAG_KEEP_PARAMS) === 0n) applySchedAttr(p, a, policy);
  return 0;
}

/** get_params: the parameters that go with the task's policy. */
function getParams(p: Task, a: SchedAttr): void {
  const x = attrsOf(p);
  if (p.policy === SCHED_DEADLINE) {
    a.priority = p.rtPriority;
    a.runtime = x.dlRuntime;
    a.deadline = x.dlDeadline;
    a.period = x.dlPeriod;
  } else if (rtPolicy(p.policy)) {
    a.priority = p.rtPriority;
  } else {
    a.nice = p.nice;
    a.runtime = x.sliceNs;
  }
}

// ---- sched_setscheduler / sched_setparam / getters ----

/** do_sched_setscheduler: the legacy calls, expressed as a sched_attr. */
function doSetscheduler(k: Kernel, t: Task, pid: number, policy: number, param: number): number {
  if (param === 0 || pid < 0) return -EINVAL;
  // sched_param's int priority becomes sched_attr's unsigned one: a negative value is out of range.
  const prio = t.mm.readU32(param);
  if (prio < 0) return -EFAULT;
  const p = findTask(k, t, pid);
  if (!p) return -ESRCH;
  const a: SchedAttr = { policy, flags: 0n, nice: p.nice, priority: prio, runtime: 0n, deadline: 0n, period: 0n };
  // The legacy SCHED_RESET_ON_FORK bit in the policy becomes the flag.
  if (policy !== SETPARAM_POLICY && (policy & SCHED_RESET_ON_FORK) !== 0) {
    a.flags |= SCHED_FLAG_RESET_ON_FORK;
    a.policy = policy & ~SCHED_RESET_ON_FORK;
  }
  if (p.policy !== SCHED_DEADLINE) return setScheduler(k, t, p, a);
  // A deadline task keeps its parameters across setparam (they are not in sched_param).
  const x = attrsOf(p);
  return setScheduler(k, t, p, { ...a, runtime: x.dlRuntime, deadline: x.dlDeadline, period: x.dlPeriod });
}

function getscheduler(k: Kernel, t: Task, pid: number): number {
  if (pid < 0) return -EINVAL;
  const p = findTask(k, t, pid);
  if (!p) return -ESRCH;
  return p.policy | (attrsOf(p).resetOnFork ? SCHED_RESET_ON_FORK : 0);
}

function getparam(k: Kernel, t: Task, pid: number, param: number): number {
  if (param === 0 || pid < 0) return -EINVAL;
  const p = findTask(k, t, pid);
  if (!p) return -ESRCH;
  const prio = rtPolicy(p.policy) ? p.rtPriority : 0;
  return t.mm.writeU32(param, prio) < 0 ? -EFAULT : 0;
}

// ---- sched_setattr / sched_getattr ----

/** Bytes past the kernel's struct must be zero (copy_struct_from_user). */
function tailIsZero(t: Task, addr: number, len: number): boolean | number {
  if (len <= 0) return true;
  const tail = t.mm.read(addr, len);
  if (typeof tail === "number") return -EFAULT;
  return tail.every((b) => b === 0);
}

/** sched_copy_attr: a size of 0 means VER0; an unknown size is E2BIG, and the kernel's size is written back. */
function copyAttrFromUser(t: Task, uattr: number): SchedAttr | number {
  const raw = t.mm.readU32(uattr);
  if (raw < 0) return -EFAULT;
  const size = raw === 0 ? SCHED_ATTR_SIZE_VER0 : raw >>> 0;
  const tooBig = (): number => (t.mm.writeU32(uattr, SCHED_ATTR_SIZE_VER1), -E2BIG);
  if (size < SCHED_ATTR_SIZE_VER0 || size > PAGE_SIZE) return tooBig();
  const zero = tailIsZero(t, uattr + SCHED_ATTR_SIZE_VER1, size - SCHED_ATTR_SIZE_VER1);
  if (zero !== true) return zero === false ? tooBig() : -EFAULT;
  const bytes = t.mm.read(uattr, Math.min(size, SCHED_ATTR_SIZE_VER1));
  if (typeof bytes === "number") return -EFAULT;
  const full = new Uint8Array(SCHED_ATTR_SIZE_VER1);
  full.set(bytes);
  const v = new DataView(full.buffer);
  const a: SchedAttr = {
    policy: v.getInt32(4, true), flags: v.getBigUint64(8, true), nice: v.getInt32(16, true),
    priority: v.getUint32(20, true), runtime: v.getBigUint64(24, true), deadline: v.getBigUint64(32, true),
    period: v.getBigUint64(40, true),
  };
  if ((a.flags & SCHED_FLAG_UTIL_CLAMP) !== 0n && size < SCHED_ATTR_SIZE_VER1) return -EINVAL;
  a.nice = Math.min(MAX_NICE, Math.max(MIN_NICE, a.nice));
  return a;
}

function setattr(k: Kernel, t: Task, pid: number, uattr: number, flags: number): number {
  if (uattr === 0 || pid < 0 || flags !== 0) return -EINVAL;
  const a = copyAttrFromUser(t, uattr);
  if (typeof a === "number") return a;
  if (a.policy < 0) return -EINVAL;
  if ((a.flags & SCHED_FLAG_KEEP_POLICY) !== 0n) a.policy = SETPARAM_POLICY;
  const p = findTask(k, t, pid);
  if (!p) return -ESRCH;
  if ((a.flags & SCHED_FLAG_KEEP_PARAMS) !== 0n) getParams(p, a);
  return setScheduler(k, t, p, a);
}

function getattr(k: Kernel, t: Task, pid: number, uattr: number, usize: number, flags: number): number {
  if (uattr === 0 || pid < 0 || usize > PAGE_SIZE || usize < SCHED_ATTR_SIZE_VER0) return -EINVAL;
  // SCHED_GETATTR_FLAG_DL_DYNAMIC is newer than the kernel Aramid follows (6.18 still refuses it).
  if (flags !== 0) return -EINVAL;
  const p = findTask(k, t, pid);
  if (!p) return -ESRCH;
  const a: SchedAttr = { policy: p.policy, flags: 0n, nice: 0, priority: 0, runtime: 0n, deadline: 0n, period: 0n };
  if (attrsOf(p).resetOnFork) a.flags |= SCHED_FLAG_RESET_ON_FORK;
  getParams(p, a);
  const size = Math.min(usize, SCHED_ATTR_SIZE_VER1);
  const v = new DataView(new ArrayBuffer(SCHED_ATTR_SIZE_VER1));
  v.setUint32(0, size, true);
  v.setUint32(4, a.policy, true);
  v.setBigUint64(8, a.flags & SCHED_FLAG_ALL, true);
  v.setInt32(16, a.nice, true);
  v.setUint32(20, a.priority, true);
  v.setBigUint64(24, a.runtime, true);
  v.setBigUint64(32, a.deadline, true);
  v.setBigUint64(40, a.period, true);
  return t.mm.write(uattr, new Uint8Array(v.buffer, 0, size)) < 0 ? -EFAULT : 0;
}

// ---- priority ranges, RR interval, affinity ----

function priorityMax(policy: number): number {
  if (rtPolicy(policy)) return MAX_RT_PRIO - 1;
  return fairPolicy(policy) || policy === SCHED_IDLE || policy === SCHED_DEADLINE ? 0 : -EINVAL;
}

function priorityMin(policy: number): number {
  if (rtPolicy(policy)) return 1;
  return fairPolicy(policy) || policy === SCHED_IDLE || policy === SCHED_DEADLINE ? 0 : -EINVAL;
}

/** The time slice in whole jiffies: 100 ms for SCHED_RR, the fair slice rounded down, 0 for FIFO and deadline. */
function rrInterval(k: Kernel, t: Task, pid: number, addr: number): number {
  if (pid < 0) return -EINVAL;
  const p = findTask(k, t, pid);
  if (!p) return -ESRCH;
  let ns = 0;
  if (p.policy === SCHED_RR) ns = RR_TIMESLICE_NS;
  else if (!isRealtimePolicy(p.policy)) ns = Math.floor(Number(attrsOf(p).sliceNs) / TICK_NS) * TICK_NS;
  const sec = Math.floor(ns / 1e9);
  if (t.mm.writeU64(addr, BigInt(sec)) < 0 || t.mm.writeU64(addr + 8, BigInt(ns - sec * 1e9)) < 0) return -EFAULT;
  return 0;
}

/** get_user_cpu_mask: a short mask is zero-extended, a long one is cut to the kernel's cpumask size. */
function readCpuMask(t: Task, len: number, addr: number): Uint8Array | number {
  const mask = new Uint8Array(CPUMASK_BYTES);
  const n = Math.min(len, CPUMASK_BYTES);
  if (n === 0) return mask;
  const bytes = t.mm.read(addr, n);
  if (typeof bytes === "number") return -EFAULT;
  mask.set(bytes);
  return mask;
}

function setaffinity(k: Kernel, t: Task, pid: number, len: number, addr: number): number {
  const mask = readCpuMask(t, len, addr);
  if (typeof mask === "number") return mask;
  const p = findTask(k, t, pid);
  if (!p) return -ESRCH;
  if (!sameOwner(t, p) && !capable(t, CAP_SYS_NICE)) return -EPERM;
  // The only CPU is CPU 0: a mask without it names no CPU that exists.
  return (mask[0] & 1) === 0 ? -EINVAL : 0;
}

function getaffinity(k: Kernel, t: Task, pid: number, len: number, addr: number): number {
  if (len * 8 < 1 || (len & 7) !== 0) return -EINVAL;
  const p = findTask(k, t, pid);
  if (!p) return -ESRCH;
  const bytes = new Uint8Array(CPUMASK_BYTES);
  bytes[0] = 1;
  return t.mm.write(addr, bytes) < 0 ? -EFAULT : CPUMASK_BYTES;
}

export const schedSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_getpriority, args: "dd", fn: (k, t, a) => getpriority(k, t, int32(a[0]), int32(a[1])) },
  { nr: SYS.SYS_setpriority, args: "ddd", fn: (k, t, a) => setpriority(k, t, int32(a[0]), int32(a[1]), int32(a[2])) },
  {
    nr: SYS.SYS_sched_setscheduler, args: "ddx",
    fn: (k, t, a) => (int32(a[1]) < 0 ? -EINVAL : doSetscheduler(k, t, int32(a[0]), int32(a[1]), a[2])),
  },
  { nr: SYS.SYS_sched_setparam, args: "dx", fn: (k, t, a) => doSetscheduler(k, t, int32(a[0]), SETPARAM_POLICY, a[1]) },
  { nr: SYS.SYS_sched_getscheduler, args: "d", fn: (k, t, a) => getscheduler(k, t, int32(a[0])) },
  { nr: SYS.SYS_sched_getparam, args: "dx", fn: (k, t, a) => getparam(k, t, int32(a[0]), a[1]) },
  { nr: SYS.SYS_sched_setattr, args: "dxu", fn: (k, t, a) => setattr(k, t, int32(a[0]), a[1], uint32(a[2])) },
  {
    nr: SYS.SYS_sched_getattr, args: "dxuu",
    fn: (k, t, a) => getattr(k, t, int32(a[0]), a[1], uint32(a[2]), uint32(a[3])),
  },
  { nr: SYS.SYS_sched_get_priority_max, args: "d", fn: (_k, _t, a) => priorityMax(int32(a[0])) },
  { nr: SYS.SYS_sched_get_priority_min, args: "d", fn: (_k, _t, a) => priorityMin(int32(a[0])) },
  { nr: SYS.SYS_sched_rr_get_interval, args: "dx", fn: (k, t, a) => rrInterval(k, t, int32(a[0]), a[1]) },
  { nr: SYS.SYS_sched_setaffinity, args: "dux", fn: (k, t, a) => setaffinity(k, t, int32(a[0]), uint32(a[1]), a[2]) },
  { nr: SYS.SYS_sched_getaffinity, args: "dux", fn: (k, t, a) => getaffinity(k, t, int32(a[0]), uint32(a[1]), a[2]) },
  // One CPU and no run-queue hook from here: yielding is a no-op (the slice ends on its own).
  {
    // The slice ends after this call and the others runnable go first (see Kernel.runSliceUnguarded).
    nr: SYS.SYS_sched_yield, args: "", fn: (k) => {
      k.yieldRequested = true;
      return 0;
    },
  },
];
