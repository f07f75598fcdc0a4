// Clocks and sleeping: clock_gettime, clock_getres, gettimeofday,
// nanosleep and clock_nanosleep.
import { NSEC_PER_SEC, splitNs, TICK_NS, type TimeSpec } from "../clock.js";
import { EFAULT, EINVAL, ESRCH } from "../errno.js";
import type { Kernel } from "../kernel.js";
import type { Task } from "../task.js";
import { Blocked, RESTART_BLOCK } from "../wait.js";
import * as SYS from "./numbers.js";
import { int32, type SyscallDef, type SyscallResult } from "./syscall.js";

export const CLOCK_REALTIME = 0;
export const CLOCK_MONOTONIC = 1;
export const CLOCK_PROCESS_CPUTIME_ID = 2;
export const CLOCK_THREAD_CPUTIME_ID = 3;
export const CLOCK_MONOTONIC_RAW = 4;
export const CLOCK_REALTIME_COARSE = 5;
export const CLOCK_MONOTONIC_COARSE = 6;
export const CLOCK_BOOTTIME = 7;
export const CLOCK_REALTIME_ALARM = 8;
export const CLOCK_BOOTTIME_ALARM = 9;
export const CLOCK_TAI = 11;
const TIMER_ABSTIME = 1;

/** CPU-time clock ids (kernel/time/posix-cpu-timers.c): ~pid << 3 | thread << 2 | which. */
function cpuClock(k: Kernel, t: Task, id: number): TimeSpec | number {
  const which = id & 3;
  if (which === 3) return -EINVAL;
  const perThread = (id & 4) !== 0;
  const pid = ~(id >> 3);
  const target = pid === 0 ? t : k.task(pid);
  if (!target || target.state === "Z") return -ESRCH;
  if (!perThread && target.tgid !== pid && pid !== 0) return -EINVAL;
  return splitNs(perThread ? cpuNs(target) : k.groupCpuNs(target));
}

function cpuNs(t: Task): number {
  return t.utimeNs + t.stimeNs;
}

export function clockNow(k: Kernel, t: Task, id: number): TimeSpec | number {
  switch (id) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
    case CLOCK_REALTIME_ALARM:
    case CLOCK_TAI:
      return k.clock.realtime();
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
    case CLOCK_BOOTTIME_ALARM:
      // Nothing suspends this machine, so boot time and monotonic time agree.
      return k.clock.monotonic();
    case CLOCK_PROCESS_CPUTIME_ID:
      return splitNs(k.groupCpuNs(t));
    case CLOCK_THREAD_CPUTIME_ID:
      return splitNs(cpuNs(t));
    default:
      return id < 0 ? cpuClock(k, t, id) : -EINVAL;
  }
}

function encodeTimespec(ts: TimeSpec): Uint8Array {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setBigInt64(0, BigInt(ts.sec), true);
  v.setBigInt64(8, BigInt(ts.nsec), true);
  return b;
}

function readTimespec(t: Task, addr: number): TimeSpec | number {
  const raw = t.mm.read(addr, 16);
  if (typeof raw === "number") return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, 16);
  const sec = v.getBigInt64(0, true);
  const nsec = v.getBigInt64(8, true);
  if (sec < 0n || nsec < 0n || nsec >= BigInt(NSEC_PER_SEC)) return -EINVAL;
  // Far-future sleeps are capped (KTIME_MAX is about 292 years).
  const s = sec > 9_000_000_000n ? 9_000_000_000 : Number(sec);
  return { sec: s, nsec: Number(nsec) };
}

function clockGettime(k: Kernel, t: Task, id: number, buf: number): number {
  const now = clockNow(k, t, id);
  if (typeof now === "number") return now;
  return t.mm.write(buf, encodeTimespec(now)) < 0 ? -EFAULT : 0;
}

function clockGetres(k: Kernel, t: Task, id: number, buf: number): number {
  const now = clockNow(k, t, id);
  if (typeof now === "number") return now;
  if (buf === 0) return 0;
  const coarse = id === CLOCK_REALTIME_COARSE || id === CLOCK_MONOTONIC_COARSE;
  return t.mm.write(buf, encodeTimespec({ sec: 0, nsec: coarse ? TICK_NS : 1 })) < 0 ? -EFAULT : 0;
}

function gettimeofday(k: Kernel, t: Task, tv: number, tz: number): number {
  if (tv !== 0) {
    const now = k.clock.realtime();
    const b = encodeTimespec({ sec: now.sec, nsec: Math.floor(now.nsec / 1000) });
    if (t.mm.write(tv, b) < 0) return -EFAULT;
  }
  // sys_tz is zero unless settimeofday set it.
  if (tz !== 0 && t.mm.write(tz, new Uint8Array(8)) < 0) return -EFAULT;
  return 0;
}

/**
 * Sleeps until the monotonic deadline kept in syscallState (computed on the
 * first attempt). A signal with a handler ends the sleep with EINTR and the
 * time left in `rem`; otherwise the sleep resumes towards the same deadline
 * (ERESTART_RESTARTBLOCK).
 */
function sleepUntil(k: Kernel, t: Task, deadline: () => number | null, rem = 0): SyscallResult {
  if (typeof t.syscallState !== "number") {
    const d = deadline();
    if (d === null) return 0;
    t.syscallState = d;
  }
  const due = t.syscallState as number;
  if (k.clock.monotonicNs() >= due) return 0;
  const b = new Blocked([], due).withRestart(RESTART_BLOCK);
  if (rem !== 0) b.onInterrupt = () => void t.mm.write(rem, encodeTimespec(splitNs(Math.max(0, due - k.clock.monotonicNs()))));
  return b;
}

function nanosleep(k: Kernel, t: Task, req: number, rem: number): SyscallResult {
  if (t.syscallState === null) {
    const ts = readTimespec(t, req);
    if (typeof ts === "number") return ts;
    const start = k.clock.monotonicNs();
    return sleepUntil(k, t, () => start + ts.sec * NSEC_PER_SEC + ts.nsec, rem);
  }
  return sleepUntil(k, t, () => null, rem);
}

function clockNanosleep(k: Kernel, t: Task, id: number, flags: number, req: number, rem: number): SyscallResult {
  // An absolute sleep has no time left to report; it is simply resumed.
  const remAddr = (flags & TIMER_ABSTIME) !== 0 ? 0 : rem;
  if (t.syscallState !== null) return sleepUntil(k, t, () => null, remAddr);
  if (id === CLOCK_THREAD_CPUTIME_ID) return -EINVAL;
  const now = clockNow(k, t, id);
  if (typeof now === "number") return now;
  if (id === CLOCK_PROCESS_CPUTIME_ID || id < 0) return -EINVAL; // CPU-clock sleeps need CPU timers
  const ts = readTimespec(t, req);
  if (typeof ts === "number") return ts;
  const mono = k.clock.monotonicNs();
  const reqNs = ts.sec * NSEC_PER_SEC + ts.nsec;
  const wait = (flags & TIMER_ABSTIME) !== 0 ? reqNs - (now.sec * NSEC_PER_SEC + now.nsec) : reqNs;
  return sleepUntil(k, t, () => (wait <= 0 ? null : mono + wait), remAddr);
}

export const timeSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_clock_gettime, args: "dx", fn: (k, t, a) => clockGettime(k, t, int32(a[0]), a[1]) },
  { nr: SYS.SYS_clock_getres, args: "dx", fn: (k, t, a) => clockGetres(k, t, int32(a[0]), a[1]) },
  { nr: SYS.SYS_gettimeofday, args: "xx", fn: (k, t, a) => gettimeofday(k, t, a[0], a[1]) },
  { nr: SYS.SYS_nanosleep, args: "xx", fn: (k, t, a) => nanosleep(k, t, a[0], a[1]) },
  { nr: SYS.SYS_clock_nanosleep, args: "ddxx", fn: (k, t, a) => clockNanosleep(k, t, int32(a[0]), int32(a[1]), a[2], a[3]) },
];
