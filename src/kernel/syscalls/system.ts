// Whole-system facts: uname, sysinfo, getrandom, riscv_hwprobe and
// riscv_flush_icache.
import { TASK_SIZE } from "../../loader/layout.js";
import { EFAULT, EINVAL } from "../errno.js";
import type { Kernel } from "../kernel.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { int32, uint32, unsigned, type SyscallDef } from "./syscall.js";

export const UTS_SYSNAME = "Linux";
export const UTS_RELEASE = "6.12.0-aramid";
export const UTS_VERSION = "#1 SMP PREEMPT_DYNAMIC Aramid";
export const UTS_MACHINE = "riscv64";
export const UTS_NODENAME = "aramid";
const UTS_FIELD = 65;

const GRND_NONBLOCK = 1;
const GRND_RANDOM = 2;
const GRND_INSECURE = 4;
const MAX_RW_COUNT = 0x7ffff000;

function uname(_k: Kernel, t: Task, buf: number): number {
  const out = new Uint8Array(UTS_FIELD * 6);
  const fields = [UTS_SYSNAME, UTS_NODENAME, UTS_RELEASE, UTS_VERSION, UTS_MACHINE, "(none)"];
  const enc = new TextEncoder();
  fields.forEach((f, i) => out.set(enc.encode(f).subarray(0, UTS_FIELD - 1), i * UTS_FIELD));
  return t.mm.write(buf, out) < 0 ? -EFAULT : 0;
}

function sysinfo(k: Kernel, t: Task, buf: number): number {
  const b = new Uint8Array(112);
  const v = new DataView(b.buffer);
  const up = k.clock.monotonic();
  v.setBigInt64(0, BigInt(up.sec + (up.nsec > 0 ? 1 : 0)), true);
  k.loadAverage.update(k.clock.monotonicNs(), () => k.activeTasks());
  k.loadAverage.sysinfoLoads().forEach((l, i) => v.setBigUint64(8 + 8 * i, BigInt(l), true));
  v.setBigUint64(32, BigInt(k.frames.total) * 4096n, true);
  v.setBigUint64(40, BigInt(k.frames.free) * 4096n, true);
  v.setUint16(80, k.taskCount(), true);
  v.setUint32(104, 1, true);
  return t.mm.write(buf, b) < 0 ? -EFAULT : 0;
}

function getrandom(k: Kernel, t: Task, buf: number, len: number, flags: number): number {
  if ((flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) !== 0) return -EINVAL;
  if ((flags & GRND_INSECURE) !== 0 && (flags & GRND_RANDOM) !== 0) return -EINVAL;
  const n = Math.min(len, MAX_RW_COUNT);
  if (n === 0) return 0;
  const bytes = new Uint8Array(n);
  for (let at = 0; at < n; at += 65536) k.host.randomBytes(bytes.subarray(at, Math.min(n, at + 65536)));
  return t.mm.write(buf, bytes) < 0 ? -EFAULT : n;
}

// riscv_hwprobe keys (RISCV-ABI.md §6.2) and Aramid's answers: exactly the
// implemented ISA (IMA + F/D + C), fast misaligned scalar accesses (the wasm
// CPU does them natively), the 10 MHz timebase of the time CSR.
const HWPROBE_KEY_VALUES = new Map<number, bigint>([
  [0, 0n], // MVENDORID
  [1, 0n], // MARCHID
  [2, 0n], // MIMPID
  [3, 1n], // BASE_BEHAVIOR: IMA
  [4, 1n | 2n], // IMA_EXT_0: IMA_FD | IMA_C
  [5, 3n], // CPUPERF_0: MISALIGNED_FAST
  [6, 0n], // ZICBOZ_BLOCK_SIZE: no Zicboz
  [7, BigInt(TASK_SIZE)], // HIGHEST_VIRT_ADDRESS
  [8, 10_000_000n], // TIME_CSR_FREQ
  [9, 3n], // MISALIGNED_SCALAR_PERF: FAST
  [10, 4n], // MISALIGNED_VECTOR_PERF: UNSUPPORTED (no V)
  [11, 0n], // VENDOR_EXT_THEAD_0
  [12, 0n], // ZICBOM_BLOCK_SIZE
  [13, 0n], // VENDOR_EXT_SIFIVE_0
  [14, 0n], // VENDOR_EXT_MIPS_0
  [15, 0n], // ZICBOP_BLOCK_SIZE
  [16, 0n], // IMA_EXT_1
]);
const HWPROBE_WHICH_CPUS = 1;

function hwprobe(_k: Kernel, t: Task, pairs: number, count: number, setsize: number, cpus: number, flags: number): number {
  if (flags !== 0 && flags !== HWPROBE_WHICH_CPUS) return -EINVAL;
  const set = readCpuSet(t, setsize, cpus);
  if (typeof set === "number") return set;
  const raw = t.mm.read(pairs, count * 16);
  if (typeof raw === "number") return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  let matches = true;
  for (let i = 0; i < count; i++) {
    const key = Number(v.getBigInt64(i * 16, true));
    const value = HWPROBE_KEY_VALUES.get(key);
    if (flags === HWPROBE_WHICH_CPUS) {
      const want = v.getBigUint64(i * 16 + 8, true);
      matches &&= value !== undefined && (key === 4 || key === 3 ? (value & want) === want : value === want);
      continue;
    }
    if (value === undefined) v.setBigInt64(i * 16, -1n, true);
    v.setBigUint64(i * 16 + 8, value ?? 0n, true);
  }
  if (flags === HWPROBE_WHICH_CPUS) {
    // The only CPU either matches every pair or the set becomes empty.
    const out = new Uint8Array(Math.min(setsize, 8));
    if (out.length > 0) out[0] = matches && set ? 1 : 0;
    return out.length === 0 || t.mm.write(cpus, out) >= 0 ? 0 : -EFAULT;
  }
  return t.mm.write(pairs, raw) < 0 ? -EFAULT : 0;
}

/** Whether CPU 0 (the only one) is in the caller's set; true for "all CPUs" (size 0, NULL). */
function readCpuSet(t: Task, setsize: number, cpus: number): boolean | number {
  if (setsize === 0 && cpus === 0) return true;
  if (setsize === 0) return -EINVAL;
  const first = t.mm.read(cpus, 1);
  if (typeof first === "number") return -EFAULT;
  const inSet = (first[0] & 1) !== 0;
  return inSet ? true : -EINVAL;
}

const SYS_RISCV_FLUSH_ICACHE_LOCAL = 1;

export const systemSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_uname, args: "x", fn: (k, t, a) => uname(k, t, a[0]) },
  { nr: SYS.SYS_sysinfo, args: "x", fn: (k, t, a) => sysinfo(k, t, a[0]) },
  { nr: SYS.SYS_getrandom, args: "xux", fn: (k, t, a) => getrandom(k, t, a[0], unsigned(a[1]), uint32(a[2])) },
  {
    nr: SYS.SYS_riscv_hwprobe, args: "xuuxx",
    fn: (k, t, a) => hwprobe(k, t, a[0], unsigned(a[1]), unsigned(a[2]), a[3], uint32(a[4])),
  },
  {
    // The interpreter decodes every instruction afresh, so there is nothing
    // to flush; the flags are still checked as Linux does.
    nr: SYS.SYS_riscv_flush_icache, args: "xxx",
    fn: (_k, _t, a) => ((int32(a[2]) & ~SYS_RISCV_FLUSH_ICACHE_LOCAL) !== 0 ? -EINVAL : 0),
  },
];
