// Interval timers (getitimer/setitimer) and POSIX timers (timer_create,
// timer_settime, timer_gettime, timer_getoverrun, timer_delete).
import { NSEC_PER_SEC } from "../clock.js";
import { EFAULT, EINVAL, EOPNOTSUPP } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { SIGALRM } from "../signal-numbers.js";
import type { Task } from "../task.js";
import { itimerFor, posixTimerInfo, SignalTimer, type TimerClock } from "../timers.js";
import * as SYS from "./numbers.js";
import { int32, type SyscallDef } from "./syscall.js";
import {
  CLOCK_BOOTTIME, CLOCK_BOOTTIME_ALARM, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_REALTIME,
  CLOCK_REALTIME_ALARM, CLOCK_TAI, CLOCK_THREAD_CPUTIME_ID,
} from "./time.js";

const USEC = 1000;
const TIMER_ABSTIME = 1;
const SIGEV_SIGNAL = 0;
const SIGEV_NONE = 1;
const SIGEV_THREAD_ID = 4;

interface Pair {
  intervalNs: number;
  valueNs: number;
}

/** Reads struct itimerval (timevals) or itimerspec (timespecs): interval first, then value. */
function readPair(t: Task, addr: number, unitNs: number, maxFrac: number): Pair | number {
  const raw = t.mm.read(addr, 32);
  if (typeof raw === "number") return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, 32);
  const part = (at: number): number | null => {
    const sec = Number(v.getBigInt64(at, true));
    const frac = Number(v.getBigInt64(at + 8, true));
    if (sec < 0 || frac < 0 || frac >= maxFrac) return null;
    return sec * NSEC_PER_SEC + frac * unitNs;
  };
  const intervalNs = part(0);
  const valueNs = part(16);
  if (intervalNs === null || valueNs === null) return -EINVAL;
  return { intervalNs, valueNs };
}

function encodePair(p: Pair, unitNs: number): Uint8Array {
  const b = new Uint8Array(32);
  const v = new DataView(b.buffer);
  const put = (at: number, ns: number): void => {
    // Round up to the unit so an armed timer never reads back as disarmed.
    const units = Math.ceil(ns / unitNs);
    const perSec = NSEC_PER_SEC / unitNs;
    v.setBigInt64(at, BigInt(Math.floor(units / perSec)), true);
    v.setBigInt64(at + 8, BigInt(units % perSec), true);
  };
  put(0, p.intervalNs);
  put(16, p.valueNs);
  return b;
}

function current(k: Kernel, timer: SignalTimer): Pair {
  return { intervalNs: timer.intervalNs, valueNs: timer.remainingNs(k) };
}

function getitimer(k: Kernel, t: Task, which: number, addr: number): number {
  if (which < 0 || which > 2) return -EINVAL;
  return t.mm.write(addr, encodePair(current(k, itimerFor(t.group, which)), USEC)) < 0 ? -EFAULT : 0;
}

function setitimer(k: Kernel, t: Task, which: number, newAddr: number, oldAddr: number): number {
  if (which < 0 || which > 2) return -EINVAL;
  // Linux takes a NULL new value as all zeroes: the timer is disarmed.
  const next = newAddr === 0 ? { intervalNs: 0, valueNs: 0 } : readPair(t, newAddr, USEC, 1_000_000);
  if (typeof next === "number") return next;
  const timer = itimerFor(t.group, which);
  const old = current(k, timer);
  if (next.valueNs === 0) timer.disarm(k);
  else timer.set(k, timer.now(k) + next.valueNs, next.intervalNs);
  if (oldAddr !== 0 && t.mm.write(oldAddr, encodePair(old, USEC)) < 0) return -EFAULT;
  return 0;
}

function timerClock(id: number, t: Task): TimerClock | number {
  // CPU-time clocks of a process or thread (clock_getcpuclockid): ~pid << 3 | thread << 2 | CPUCLOCK_SCHED.
  if (id < 0) {
    const pid = ~(id >> 3);
    if ((id & 3) === 3) return -EINVAL;
    if (pid !== 0 && pid !== t.tgid && pid !== t.tid) return -EINVAL;
    return (id & 4) !== 0 ? "thread-cpu" : "process-cpu";
  }
  switch (id) {
    case CLOCK_REALTIME:
    case CLOCK_MONOTONIC:
    case CLOCK_BOOTTIME:
    case CLOCK_TAI:
    case CLOCK_REALTIME_ALARM:
    case CLOCK_BOOTTIME_ALARM:
      return "real";
    case CLOCK_PROCESS_CPUTIME_ID:
      return "process-cpu";
    case CLOCK_THREAD_CPUTIME_ID:
      return "thread-cpu";
    default:
      return id < 0 || id > CLOCK_TAI ? -EINVAL : -EOPNOTSUPP;
  }
}

function freeTimerId(t: Task): number {
  let id = 0;
  while (t.group.posixTimers.has(id)) id++;
  return id;
}

function timerCreate(_k: Kernel, t: Task, clockId: number, sevp: number, idAddr: number): number {
  const clock = timerClock(clockId, t);
  if (typeof clock === "number") return clock;
  const id = freeTimerId(t);
  let notify = SIGEV_SIGNAL;
  let signo = SIGALRM;
  let value = BigInt(id);
  let thread: Task | null = null;
  if (sevp !== 0) {
    const raw = t.mm.read(sevp, 20);
    if (typeof raw === "number") return -EFAULT;
    const v = new DataView(raw.buffer, raw.byteOffset, 20);
    value = v.getBigUint64(0, true);
    signo = v.getInt32(8, true);
    notify = v.getInt32(12, true);
    if (notify === SIGEV_THREAD_ID) {
      const target = [...t.group.threads].find((x) => x.tid === v.getInt32(16, true) && x.alive);
      if (!target) return -EINVAL;
      thread = target;
    } else if (notify !== SIGEV_SIGNAL && notify !== SIGEV_NONE) {
      return -EINVAL;
    }
    if (notify !== SIGEV_NONE && (signo < 1 || signo > 64)) return -EINVAL;
  }
  if (clock === "thread-cpu") thread ??= t;
  const info = notify === SIGEV_NONE ? null : posixTimerInfo(signo, id, value);
  const target = notify === SIGEV_THREAD_ID || clock === "thread-cpu" ? thread : null;
  const timer = new SignalTimer(clock, t.group, target, signo, info, WALL_CLOCKS.has(clockId));
  if (t.mm.writeU32(idAddr, id) < 0) return -EFAULT;
  t.group.posixTimers.set(id, timer);
  return 0;
}

function timerOf(t: Task, id: number): SignalTimer | number {
  return t.group.posixTimers.get(id) ?? -EINVAL;
}

function timerSettime(k: Kernel, t: Task, id: number, flags: number, newAddr: number, oldAddr: number): number {
  const timer = timerOf(t, id);
  if (typeof timer === "number") return timer;
  if ((flags & ~TIMER_ABSTIME) !== 0) return -EINVAL;
  const next = readPair(t, newAddr, 1, NSEC_PER_SEC);
  if (typeof next === "number") return next;
  const old = current(k, timer);
  if (next.valueNs === 0) {
    timer.disarm(k);
  } else {
    const abs = (flags & TIMER_ABSTIME) !== 0;
    timer.set(k, abs ? absoluteToClock(k, timer, next.valueNs) : timer.now(k) + next.valueNs, next.intervalNs);
    timer.check(k);
  }
  if (oldAddr !== 0 && t.mm.write(oldAddr, encodePair(old, 1)) < 0) return -EFAULT;
  return 0;
}

/** An absolute wall-clock expiry becomes one on the monotonic clock the timer runs on. */
function absoluteToClock(k: Kernel, timer: SignalTimer, ns: number): number {
  if (!timer.wallClock) return ns;
  const now = k.clock.realtime();
  return k.clock.monotonicNs() + (ns - (now.sec * NSEC_PER_SEC + now.nsec));
}

const WALL_CLOCKS = new Set([CLOCK_REALTIME, CLOCK_TAI, CLOCK_REALTIME_ALARM]);

export const timerSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_getitimer, args: "dx", fn: (k, t, a) => getitimer(k, t, int32(a[0]), a[1]) },
  { nr: SYS.SYS_setitimer, args: "dxx", fn: (k, t, a) => setitimer(k, t, int32(a[0]), a[1], a[2]) },
  { nr: SYS.SYS_timer_create, args: "dxx", fn: (k, t, a) => timerCreate(k, t, int32(a[0]), a[1], a[2]) },
  {
    nr: SYS.SYS_timer_settime, args: "ddxx",
    fn: (k, t, a) => timerSettime(k, t, int32(a[0]), int32(a[1]), a[2], a[3]),
  },
  {
    nr: SYS.SYS_timer_gettime, args: "dx", fn: (k, t, a) => {
      const timer = timerOf(t, int32(a[0]));
      if (typeof timer === "number") return timer;
      return t.mm.write(a[1], encodePair(current(k, timer), 1)) < 0 ? -EFAULT : 0;
    },
  },
  {
    nr: SYS.SYS_timer_getoverrun, args: "d", fn: (_k, t, a) => {
      const timer = timerOf(t, int32(a[0]));
      return typeof timer === "number" ? timer : Math.min(timer.lastOverrun, 0x7fffffff);
    },
  },
  {
    nr: SYS.SYS_timer_delete, args: "d", fn: (k, t, a) => {
      const timer = timerOf(t, int32(a[0]));
      if (typeof timer === "number") return timer;
      timer.disarm(k);
      t.group.posixTimers.delete(int32(a[0]));
      return 0;
    },
  },
];
