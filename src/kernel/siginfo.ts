// siginfo_t (128 bytes; RISCV-ABI.md §3.2): what a handler, sigtimedwait or
// waitid learns about a signal. The union member follows the source.
export const SI_USER = 0;
export const SI_KERNEL = 0x80;
export const SI_QUEUE = -1;
export const SI_TIMER = -2;
export const SI_TKILL = -6;
export const SEGV_MAPERR = 1;
export const SEGV_ACCERR = 2;
export const BUS_ADRALN = 1;
export const BUS_ADRERR = 2;
export const ILL_ILLOPC = 1;
export const TRAP_BRKPT = 1;
export const CLD_EXITED = 1;
export const CLD_KILLED = 2;
export const CLD_DUMPED = 3;
export const CLD_STOPPED = 5;
export const CLD_CONTINUED = 6;
export const SIGINFO_SIZE = 128;

export interface SigInfo {
  signo: number;
  code: number;
  errno?: number;
  /** _kill/_rt/_sigchld: sender or child. */
  pid?: number;
  uid?: number;
  /** _rt/_timer: si_value (64 bits, kept exactly). */
  value?: bigint;
  /** _sigchld */
  status?: number;
  utime?: number;
  stime?: number;
  /** _sigfault: the faulting address. */
  addr?: number;
  /** _timer */
  timerId?: number;
  overrun?: number;
  /** The raw 128 bytes a rt_sigqueueinfo caller supplied (delivered as given). */
  raw?: Uint8Array;
  /** Called when the signal leaves the queue (a POSIX timer fills in si_overrun then). */
  onDequeue?: (info: SigInfo) => void;
}

/** Signals whose info says where a fault happened (the _sigfault member). */
const FAULT_SIGNALS = new Set([4, 5, 7, 8, 11]);

export function encodeSigInfo(info: SigInfo): Uint8Array {
  if (info.raw) return info.raw.slice(0, SIGINFO_SIZE);
  const b = new Uint8Array(SIGINFO_SIZE);
  const v = new DataView(b.buffer);
  v.setInt32(0, info.signo, true);
  v.setInt32(4, info.errno ?? 0, true);
  v.setInt32(8, info.code, true);
  if (FAULT_SIGNALS.has(info.signo) && info.code > 0 && info.code !== SI_KERNEL) {
    v.setBigUint64(16, BigInt(info.addr ?? 0), true);
  } else if (info.code === SI_TIMER) {
    v.setInt32(16, info.timerId ?? 0, true);
    v.setInt32(20, info.overrun ?? 0, true);
    v.setBigUint64(24, info.value ?? 0n, true);
  } else if (info.signo === 17 && info.code > 0) {
    v.setInt32(16, info.pid ?? 0, true);
    v.setInt32(20, info.uid ?? 0, true);
    v.setInt32(24, info.status ?? 0, true);
    v.setBigInt64(32, BigInt(info.utime ?? 0), true);
    v.setBigInt64(40, BigInt(info.stime ?? 0), true);
  } else if (info.code <= 0) {
    v.setInt32(16, info.pid ?? 0, true);
    v.setInt32(20, info.uid ?? 0, true);
    if (info.value !== undefined) v.setBigUint64(24, info.value, true);
  }
  return b;
}
