// futex(2): the operations glibc and musl use for every lock, condition
// variable, join and once. Priority-inheritance futexes are not implemented.
import { NSEC_PER_SEC } from "../clock.js";
import { EFAULT, EINVAL, ENOSYS } from "../errno.js";
import {
  FUTEX_CLOCK_REALTIME, FUTEX_CMP_REQUEUE, FUTEX_PRIVATE_FLAG, FUTEX_REQUEUE, FUTEX_WAIT, FUTEX_WAIT_BITSET,
  FUTEX_WAKE, FUTEX_WAKE_BITSET, FUTEX_WAKE_OP, futexRequeue, futexWait, futexWakeOp, futexWakeOpCmp,
} from "../futex.js";
import type { Kernel } from "../kernel.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { int32, uint32, type SyscallDef, type SyscallResult } from "./syscall.js";

/** Reads the timeout as a monotonic deadline: relative for WAIT, absolute for WAIT_BITSET. */
function deadline(k: Kernel, t: Task, addr: number, absolute: boolean, realtime: boolean): number | null | -1 {
  if (addr === 0) return null;
  const raw = t.mm.read(addr, 16);
  if (typeof raw === "number") return -1;
  const v = new DataView(raw.buffer, raw.byteOffset, 16);
  const sec = Number(v.getBigInt64(0, true));
  const nsec = Number(v.getBigInt64(8, true));
  if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC) return -2;
  const ns = sec * NSEC_PER_SEC + nsec;
  const mono = k.clock.monotonicNs();
  if (!absolute) return mono + ns;
  if (!realtime) return ns;
  const now = k.clock.realtime();
  return mono + (ns - (now.sec * NSEC_PER_SEC + now.nsec));
}

function futex(k: Kernel, t: Task, a: Float64Array): SyscallResult {
  const addr = a[0];
  const op = int32(a[1]);
  const val = uint32(a[2]);
  const cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
  const priv = (op & FUTEX_PRIVATE_FLAG) !== 0;
  const realtime = (op & FUTEX_CLOCK_REALTIME) !== 0;
  // FUTEX_CLOCK_REALTIME goes only with WAIT_BITSET (and the PI calls, not implemented).
  if (realtime && cmd !== FUTEX_WAIT_BITSET) return -ENOSYS;
  switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
      const bitset = cmd === FUTEX_WAIT ? 0xffffffff : uint32(a[5]);
      let dl: number | null = null;
      if (t.syscallState === null) {
        const d = deadline(k, t, a[3], cmd === FUTEX_WAIT_BITSET, realtime);
        if (d === -1) return -EFAULT;
        if (d === -2) return -EINVAL;
        dl = d;
      }
      return futexWait(k, t, { addr, val, priv, bitset, deadlineNs: dl });
    }
    case FUTEX_WAKE:
      return futexWakeOp(k, t, addr, int32(a[2]), 0xffffffff, priv);
    case FUTEX_WAKE_BITSET:
      return futexWakeOp(k, t, addr, int32(a[2]), uint32(a[5]), priv);
    case FUTEX_REQUEUE:
      return futexRequeue(k, t, addr, int32(a[2]), int32(a[3]), a[4], null, priv);
    case FUTEX_CMP_REQUEUE:
      return futexRequeue(k, t, addr, int32(a[2]), int32(a[3]), a[4], uint32(a[5]), priv);
    case FUTEX_WAKE_OP:
      return futexWakeOpCmp(k, t, addr, int32(a[2]), int32(a[3]), a[4], uint32(a[5]), priv);
    default:
      return -ENOSYS;
  }
}

export const futexSyscalls: SyscallDef[] = [{ nr: SYS.SYS_futex, args: "xdxxxx", fn: futex }];
