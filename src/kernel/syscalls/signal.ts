// Signal dispositions and masks: rt_sigaction and rt_sigprocmask. They are
// recorded with Linux's rules so a program reads back what it set; delivery
// to handlers arrives with the signal frame (the processes-and-signals issue).
import { EFAULT, EINVAL, ESRCH } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { SIGKILL, SIGSTOP } from "../signal-numbers.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { int32, unsigned, type SyscallDef } from "./syscall.js";

const SIGSET_SIZE = 8;
const SIG_BLOCK = 0;
const SIG_UNBLOCK = 1;
const SIG_SETMASK = 2;
/** include/linux/signal_types.h UAPI_SA_FLAGS: the sa_flags bits the kernel keeps. */
const UAPI_SA_FLAGS = 0x1n | 0x2n | 0x4n | 0x08000000n | 0x10000000n | 0x40000000n | 0x80000000n | 0x00000800n;
/** SIGKILL and SIGSTOP can never be blocked. */
const UNBLOCKABLE = (1n << BigInt(SIGKILL - 1)) | (1n << BigInt(SIGSTOP - 1));

function rtSigaction(_k: Kernel, t: Task, sig: number, act: number, oact: number, size: number): number {
  if (size !== SIGSET_SIZE) return -EINVAL;
  if (sig < 1 || sig > 64) return -EINVAL;
  if (act !== 0 && (sig === SIGKILL || sig === SIGSTOP)) return -EINVAL;
  let next = null;
  if (act !== 0) {
    const raw = t.mm.read(act, 24);
    if (typeof raw === "number") return -EFAULT;
    const v = new DataView(raw.buffer, raw.byteOffset, 24);
    next = {
      handler: v.getBigUint64(0, true),
      flags: v.getBigUint64(8, true) & UAPI_SA_FLAGS,
      restorer: 0n,
      mask: v.getBigUint64(16, true) & ~UNBLOCKABLE,
    };
  }
  const old = t.sigActions[sig];
  if (oact !== 0) {
    const b = new Uint8Array(24);
    const v = new DataView(b.buffer);
    v.setBigUint64(0, old.handler, true);
    v.setBigUint64(8, old.flags, true);
    v.setBigUint64(16, old.mask, true);
    if (t.mm.write(oact, b) < 0) return -EFAULT;
  }
  if (next) t.sigActions[sig] = next;
  return 0;
}

function rtSigprocmask(k: Kernel, t: Task, how: number, set: number, oset: number, size: number): number {
  if (size !== SIGSET_SIZE) return -EINVAL;
  let next: bigint | null = null;
  if (set !== 0) {
    const s = t.mm.readU64(set);
    if (typeof s === "number") return -EFAULT;
    if (how === SIG_BLOCK) next = t.sigMask | s;
    else if (how === SIG_UNBLOCK) next = t.sigMask & ~s;
    else if (how === SIG_SETMASK) next = s;
    else return -EINVAL;
  }
  if (oset !== 0 && t.mm.writeU64(oset, t.sigMask) < 0) return -EFAULT;
  if (next !== null) {
    t.sigMask = next & ~UNBLOCKABLE;
    k.deliverUnblocked(t);
  }
  return 0;
}

function validSignal(sig: number): boolean {
  return sig >= 0 && sig <= 64;
}

/** kill(2): pid > 0 one process, 0 the caller's group, -1 every process but init and the caller. */
function kill(k: Kernel, t: Task, pid: number, sig: number): number {
  if (!validSignal(sig)) return -EINVAL;
  if (pid === -1) {
    const targets = k.liveTasks().filter((x) => x.tid === x.tgid && x.tgid !== 1 && x.tgid !== t.tgid);
    for (const x of targets) k.sendSignal(x, sig);
    return targets.length > 0 ? 0 : -ESRCH;
  }
  // Process groups arrive with job control; until then a process is its own group.
  const target = pid === 0 ? t : k.task(Math.abs(pid));
  if (!target || target.state === "Z" || target.tid !== target.tgid) return -ESRCH;
  k.sendSignal(target, sig);
  return 0;
}

function tgkill(k: Kernel, tgid: number, tid: number, sig: number): number {
  if (!validSignal(sig) || tid <= 0 || (tgid !== -1 && tgid <= 0)) return -EINVAL;
  const target = k.task(tid);
  if (!target || target.state === "Z" || (tgid !== -1 && target.tgid !== tgid)) return -ESRCH;
  k.sendSignal(target, sig);
  return 0;
}

export const signalSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_kill, args: "dd", fn: (k, t, a) => kill(k, t, int32(a[0]), int32(a[1])) },
  { nr: SYS.SYS_tgkill, args: "ddd", fn: (k, _t, a) => tgkill(k, int32(a[0]), int32(a[1]), int32(a[2])) },
  { nr: SYS.SYS_tkill, args: "dd", fn: (k, _t, a) => tgkill(k, -1, int32(a[0]), int32(a[1])) },
  {
    nr: SYS.SYS_rt_sigpending, args: "xu", fn: (_k, t, a) => {
      if (unsigned(a[1]) > SIGSET_SIZE) return -EINVAL;
      return t.mm.writeU64(a[0], t.sigPending & t.sigMask) < 0 ? -EFAULT : 0;
    },
  },
  {
    nr: SYS.SYS_rt_sigaction, args: "dxxu",
    fn: (k, t, a) => rtSigaction(k, t, int32(a[0]), a[1], a[2], unsigned(a[3])),
  },
  {
    nr: SYS.SYS_rt_sigprocmask, args: "dxxu",
    fn: (k, t, a) => rtSigprocmask(k, t, int32(a[0]), a[1], a[2], unsigned(a[3])),
  },
];
