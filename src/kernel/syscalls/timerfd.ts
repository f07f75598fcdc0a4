// timerfd_create, timerfd_settime and timerfd_gettime (fs/timerfd.c).
import { TimerFdFile } from "../../fs/anon/timerfd-file.js";
import { O_CLOEXEC, O_NONBLOCK, O_RDWR } from "../../fs/open-file.js";
import { capable } from "../capabilities.js";
import { NSEC_PER_SEC } from "../clock.js";
import { EBADF, EFAULT, EINVAL, EPERM } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../rlimits.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { int32, type SyscallDef } from "./syscall.js";
import { CLOCK_BOOTTIME, CLOCK_BOOTTIME_ALARM, CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_REALTIME_ALARM } from "./time.js";

const TFD_CLOEXEC = O_CLOEXEC;
const TFD_NONBLOCK = O_NONBLOCK;
const TFD_TIMER_ABSTIME = 1;
const TFD_TIMER_CANCEL_ON_SET = 2;
const CAP_WAKE_ALARM = 35;
const NSEC = BigInt(NSEC_PER_SEC);

const CLOCKS = new Set([CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME, CLOCK_REALTIME_ALARM, CLOCK_BOOTTIME_ALARM]);
const WALL_CLOCKS = new Set([CLOCK_REALTIME, CLOCK_REALTIME_ALARM]);

function timerfdCreate(k: Kernel, t: Task, clockId: number, flags: number): number {
  if ((flags & ~(TFD_CLOEXEC | TFD_NONBLOCK)) !== 0 || !CLOCKS.has(clockId)) return -EINVAL;
  const alarm = clockId === CLOCK_REALTIME_ALARM || clockId === CLOCK_BOOTTIME_ALARM;
  if (alarm && !capable(t, CAP_WAKE_ALARM)) return -EPERM;
  const file = new TimerFdFile(k, clockId, O_RDWR | (flags & TFD_NONBLOCK));
  return t.files.install(file, (flags & TFD_CLOEXEC) !== 0, rlimitNumber(t.rlimits[RLIMIT_NOFILE].cur));
}

/** struct itimerspec: interval then value, each { i64 sec; i64 nsec }, kept as BigInt ns. */
interface Spec {
  intervalNs: bigint;
  valueNs: bigint;
}

function readSpec(t: Task, addr: number): Spec | number {
  const raw = t.mm.read(addr, 32);
  if (typeof raw === "number") return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, 32);
  const part = (at: number): bigint | null => {
    const sec = v.getBigInt64(at, true);
    const nsec = v.getBigInt64(at + 8, true);
    return sec < 0n || nsec < 0n || nsec >= NSEC ? null : sec * NSEC + nsec;
  };
  const intervalNs = part(0);
  const valueNs = part(16);
  if (intervalNs === null || valueNs === null) return -EINVAL;
  return { intervalNs, valueNs };
}

function writeSpec(t: Task, addr: number, s: { valueNs: number; intervalNs: number }): number {
  const b = new Uint8Array(32);
  const v = new DataView(b.buffer);
  const put = (at: number, ns: number): void => {
    v.setBigInt64(at, BigInt(Math.floor(ns / NSEC_PER_SEC)), true);
    v.setBigInt64(at + 8, BigInt(ns % NSEC_PER_SEC), true);
  };
  put(0, s.intervalNs);
  put(16, s.valueNs);
  return t.mm.write(addr, b) < 0 ? -EFAULT : 0;
}

function timerFile(t: Task, fd: number): TimerFdFile | number {
  const f = t.files.get(fd);
  if (!f) return -EBADF;
  return f instanceof TimerFdFile ? f : -EINVAL;
}

/** The expiry as monotonic ns; an absolute wall-clock time is moved by the clocks' (fixed) offset. */
function expiryNs(k: Kernel, file: TimerFdFile, valueNs: bigint, abs: boolean): number {
  const now = k.clock.monotonicNs();
  if (!abs) return now + Number(valueNs);
  if (!WALL_CLOCKS.has(file.clockId)) return Number(valueNs);
  const rt = k.clock.realtime();
  const rtNow = BigInt(rt.sec) * NSEC + BigInt(rt.nsec);
  return now + Number(valueNs - rtNow);
}

function timerfdSettime(k: Kernel, t: Task, fd: number, flags: number, newAddr: number, oldAddr: number): number {
  const spec = readSpec(t, newAddr);
  if (typeof spec === "number") return spec === -EFAULT ? spec : -EINVAL;
  if ((flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) !== 0) return -EINVAL;
  const file = timerFile(t, fd);
  if (typeof file === "number") return file;
  const old = file.get();
  const abs = (flags & TFD_TIMER_ABSTIME) !== 0;
  // it_value zero disarms; the clock is never set here, so CANCEL_ON_SET never cancels.
  file.settimeFlags = flags;
  file.set(spec.valueNs === 0n ? null : expiryNs(k, file, spec.valueNs, abs), Number(spec.intervalNs));
  return oldAddr === 0 ? 0 : writeSpec(t, oldAddr, old);
}

function timerfdGettime(t: Task, fd: number, addr: number): number {
  const file = timerFile(t, fd);
  if (typeof file === "number") return file;
  return writeSpec(t, addr, file.get());
}

export const timerfdSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_timerfd_create, args: "dx", fn: (k, t, a) => timerfdCreate(k, t, int32(a[0]), int32(a[1])) },
  {
    nr: SYS.SYS_timerfd_settime, args: "dxxx",
    fn: (k, t, a) => timerfdSettime(k, t, int32(a[0]), int32(a[1]), a[2], a[3]),
  },
  { nr: SYS.SYS_timerfd_gettime, args: "dx", fn: (_k, t, a) => timerfdGettime(t, int32(a[0]), a[1]) },
];
