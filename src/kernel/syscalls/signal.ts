// Signal syscalls: dispositions, masks, sending (kill, tgkill, tkill,
// rt_sigqueueinfo), waiting (rt_sigsuspend, rt_sigtimedwait, rt_sigpending),
// the alternate stack, and rt_sigreturn.
import { NSEC_PER_SEC } from "../clock.js";
import { EAGAIN, EFAULT, EINTR, EINVAL, ENOMEM, EPERM, ESRCH } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { exitGroup } from "../lifecycle.js";
import { SIGCONT, SIGKILL, SIGSEGV, SIGSTOP } from "../signal-numbers.js";
import { SIG_DFL, SIG_IGN } from "../signal-action.js";
import { defaultAction } from "../signal-default.js";
import { capable, CAP_KILL } from "../capabilities.js";
import type { ThreadGroup } from "../thread-group.js";
import { SI_TKILL, SI_USER, SIGINFO_SIZE, encodeSigInfo, type SigInfo } from "../siginfo.js";
import {
  altStackFlags, restoreFrame, sendSignal, signalsPending, SS_AUTODISARM, SS_DISABLE, SS_ONSTACK, UNBLOCKABLE,
} from "../signals.js";
import { sigBit } from "../sigqueue.js";
import type { Task } from "../task.js";
import { Blocked, RESTART_NOHAND } from "../wait.js";
import * as SYS from "./numbers.js";
import { int32, KEEP_REGISTERS, unsigned, type SyscallDef, type SyscallResult } from "./syscall.js";

const SIGSET_SIZE = 8;
const SIG_BLOCK = 0;
const SIG_UNBLOCK = 1;
const SIG_SETMASK = 2;
/** include/linux/signal_types.h UAPI_SA_FLAGS: the sa_flags bits the kernel keeps. */
const UAPI_SA_FLAGS = 0x1n | 0x2n | 0x4n | 0x08000000n | 0x10000000n | 0x40000000n | 0x80000000n | 0x00000800n;
/** The minimum sigaltstack size (MINSIGSTKSZ). */
const MINSIGSTKSZ = 2048;

function rtSigaction(t: Task, sig: number, act: number, oact: number, size: number): number {
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
  if (next) {
    t.sigActions[sig] = next;
    // An action that ignores the signal (SIG_IGN, or SIG_DFL whose default is to ignore)
    // discards it where it is pending, even blocked (do_sigaction).
    const ignores = next.handler === SIG_IGN || (next.handler === SIG_DFL && defaultAction(sig) === "ignore");
    if (ignores) {
      for (const m of t.group.threads) m.signals.discard(sig);
      t.group.shared.discard(sig);
    }
  }
  return 0;
}

function rtSigprocmask(t: Task, how: number, set: number, oset: number, size: number): number {
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
  if (next !== null) t.sigMask = next & ~UNBLOCKABLE;
  return 0;
}

function validSignal(sig: number): boolean {
  return sig >= 0 && sig <= 64;
}

function senderInfo(t: Task, sig: number, code: number): SigInfo {
  return { signo: sig, code, pid: t.tgid, uid: t.creds.uid };
}

/** kill_ok_by_cred: CAP_KILL, or the sender's real or effective uid is the target's real or saved uid. */
function mayKill(t: Task, target: Task, sig: number): boolean {
  if (capable(t, CAP_KILL)) return true;
  const a = t.creds;
  const b = target.creds;
  if (a.euid === b.suid || a.euid === b.uid || a.uid === b.suid || a.uid === b.uid) return true;
  // SIGCONT within the same session is always allowed.
  return sig === SIGCONT && t.group.sid === target.group.sid;
}

/** A process's representative thread for signalling: a live one, or the zombie leader. */
function anyThread(g: ThreadGroup): Task | undefined {
  let zombie: Task | undefined;
  for (const x of g.threads) {
    if (x.alive) return x;
    zombie ??= x;
  }
  return zombie;
}

/** Sends to one process; signalling a zombie succeeds and does nothing. */
function killOne(k: Kernel, t: Task, g: ThreadGroup, info: SigInfo): number {
  const target = anyThread(g);
  if (!target) return -ESRCH;
  if (!mayKill(t, target, info.signo)) return -EPERM;
  if (target.alive) sendSignal(k, target, info, true);
  return 0;
}

/** kill(2): pid > 0 one process, 0 the caller's group, -1 all it may signal but init and itself, < -1 a group. */
function kill(k: Kernel, t: Task, pid: number, sig: number): number {
  if (!validSignal(sig)) return -EINVAL;
  const info = senderInfo(t, sig, SI_USER);
  if (pid > 0) {
    const g = k.group(pid);
    return g ? killOne(k, t, g, info) : -ESRCH;
  }
  const pgid = pid === 0 ? t.group.pgid : -pid;
  const groups = new Set<ThreadGroup>();
  for (const x of k.allTasks()) {
    const g = x.group;
    if (pid === -1 ? g.tgid !== 1 && g !== t.group : g.pgid === pgid) groups.add(g);
  }
  if (pid === -1) {
    // kill_something_info: every process counts as attempted and EPERM is not an error here.
    let result = 0;
    for (const g of groups) {
      const r = killOne(k, t, g, info);
      if (r !== -EPERM) result = r;
    }
    return groups.size > 0 ? result : -ESRCH;
  }
  // A process group: success if any member got the signal, else the last error.
  let result = -ESRCH;
  let sent = false;
  for (const g of groups) {
    const r = killOne(k, t, g, info);
    if (r === 0) sent = true;
    else result = r;
  }
  return sent ? 0 : result;
}

function tgkill(k: Kernel, t: Task, tgid: number, tid: number, sig: number): number {
  if (!validSignal(sig) || tid <= 0 || (tgid !== -1 && tgid <= 0)) return -EINVAL;
  const target = k.task(tid);
  if (!target || (tgid !== -1 && target.tgid !== tgid)) return -ESRCH;
  if (!mayKill(t, target, sig)) return -EPERM;
  if (target.alive) sendSignal(k, target, senderInfo(t, sig, SI_TKILL), false);
  return 0;
}

/** rt_sigqueueinfo / rt_tgsigqueueinfo: the caller supplies the siginfo (with limits on si_code). */
function sigqueue(k: Kernel, t: Task, tgid: number, tid: number | null, sig: number, uinfo: number): number {
  if (!validSignal(sig)) return -EINVAL;
  const raw = t.mm.read(uinfo, SIGINFO_SIZE);
  if (typeof raw === "number") return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, SIGINFO_SIZE);
  const code = v.getInt32(8, true);
  const target = tid === null ? k.group(tgid) && [...(k.group(tgid)?.threads ?? [])].find((x) => x.alive) : k.task(tid);
  if (!target || !target.alive || (tid !== null && target.tgid !== tgid)) return -ESRCH;
  if (!mayKill(t, target, sig)) return -EPERM;
  // Only the kernel may claim kernel-generated codes, except towards oneself.
  if ((code >= 0 || code === SI_TKILL) && target.tgid !== t.tgid) return -EPERM;
  const bytes = raw.slice();
  new DataView(bytes.buffer).setInt32(0, sig, true);
  sendSignal(k, target, { signo: sig, code, raw: bytes }, tid === null);
  return 0;
}

/** rt_sigsuspend: waits with a temporary mask until a handler runs (then EINTR) or the process dies. */
function rtSigsuspend(t: Task, maskAddr: number, size: number): SyscallResult {
  if (t.syscallState === null) {
    if (size !== SIGSET_SIZE) return -EINVAL;
    const mask = t.mm.readU64(maskAddr);
    if (typeof mask === "number") return -EFAULT;
    t.savedSigMask = t.sigMask;
    t.sigMask = mask & ~UNBLOCKABLE;
    t.syscallState = true;
  }
  return new Blocked([]).withRestart(RESTART_NOHAND);
}

interface TimedWait {
  set: bigint;
  deadlineNs: number | null;
}

function rtSigtimedwait(k: Kernel, t: Task, setAddr: number, infoAddr: number, timeout: number, size: number): SyscallResult {
  let st = t.syscallState as TimedWait | null;
  if (!st) {
    if (size !== SIGSET_SIZE) return -EINVAL;
    const set = t.mm.readU64(setAddr);
    if (typeof set === "number") return -EFAULT;
    let deadlineNs: number | null = null;
    if (timeout !== 0) {
      const raw = t.mm.read(timeout, 16);
      if (typeof raw === "number") return -EFAULT;
      const v = new DataView(raw.buffer, raw.byteOffset, 16);
      const sec = Number(v.getBigInt64(0, true));
      const nsec = Number(v.getBigInt64(8, true));
      if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC) return -EINVAL;
      deadlineNs = k.clock.monotonicNs() + sec * NSEC_PER_SEC + nsec;
    }
    st = { set: set & ~UNBLOCKABLE, deadlineNs };
    t.syscallState = st;
  }
  const info = takeFromSet(t, st.set);
  if (info) {
    t.waitSigset = 0n;
    if (infoAddr !== 0 && t.mm.write(infoAddr, encodeSigInfo(info)) < 0) return -EFAULT;
    return info.signo;
  }
  // Another, unblocked signal arrived: let it be delivered (its handler interrupts the wait).
  if (signalsPending(t) && ((t.signals.mask | t.group.shared.mask) & ~t.sigMask) !== 0n) {
    t.waitSigset = 0n;
    return -EINTR;
  }
  if (st.deadlineNs !== null && k.clock.monotonicNs() >= st.deadlineNs) {
    t.waitSigset = 0n;
    return -EAGAIN;
  }
  t.waitSigset = st.set;
  const b = new Blocked([], st.deadlineNs);
  b.onSignal = "rerun";
  return b;
}

function takeFromSet(t: Task, set: bigint): SigInfo | undefined {
  const ready = (t.signals.mask | t.group.shared.mask) & set;
  if (ready === 0n) return undefined;
  for (let s = 1; s <= 64; s++) {
    if ((ready & sigBit(s)) === 0n) continue;
    return t.signals.take(s) ?? t.group.shared.take(s);
  }
  return undefined;
}

function sigaltstack(k: Kernel, t: Task, ss: number, oss: number): number {
  const sp = k.reg(2);
  const cur = t.altStack;
  let next = null;
  if (ss !== 0) {
    const raw = t.mm.read(ss, 24);
    if (typeof raw === "number") return -EFAULT;
    const v = new DataView(raw.buffer, raw.byteOffset, 24);
    const ssSp = Number(v.getBigUint64(0, true));
    const flags = v.getInt32(8, true) >>> 0;
    const size = Number(v.getBigUint64(16, true));
    if (altStackFlags(t, sp) & SS_ONSTACK) return -EPERM;
    const mode = flags & ~SS_AUTODISARM;
    if (mode !== SS_DISABLE && mode !== SS_ONSTACK && mode !== 0) return -EINVAL;
    if (mode === SS_DISABLE) next = { sp: 0, size: 0, flags: SS_DISABLE };
    else if (size < MINSIGSTKSZ) return -ENOMEM;
    else next = { sp: ssSp, size, flags: flags & SS_AUTODISARM };
  }
  if (oss !== 0) {
    const b = new Uint8Array(24);
    const v = new DataView(b.buffer);
    v.setBigUint64(0, BigInt(cur.sp), true);
    v.setInt32(8, altStackFlags(t, sp), true);
    v.setBigUint64(16, BigInt(cur.size), true);
    if (t.mm.write(oss, b) < 0) return -EFAULT;
  }
  if (next) t.altStack = next;
  return 0;
}

function rtSigreturn(k: Kernel, t: Task): number {
  if (!restoreFrame(k, t)) {
    // A corrupt frame: the thread dies of SIGSEGV, as Linux's badframe path does.
    exitGroup(k, t, SIGSEGV);
    return 0;
  }
  return KEEP_REGISTERS;
}

export const signalSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_rt_sigaction, args: "dxxu", fn: (_k, t, a) => rtSigaction(t, int32(a[0]), a[1], a[2], unsigned(a[3])) },
  { nr: SYS.SYS_rt_sigprocmask, args: "dxxu", fn: (_k, t, a) => rtSigprocmask(t, int32(a[0]), a[1], a[2], unsigned(a[3])) },
  { nr: SYS.SYS_kill, args: "dd", fn: (k, t, a) => kill(k, t, int32(a[0]), int32(a[1])) },
  { nr: SYS.SYS_tgkill, args: "ddd", fn: (k, t, a) => tgkill(k, t, int32(a[0]), int32(a[1]), int32(a[2])) },
  { nr: SYS.SYS_tkill, args: "dd", fn: (k, t, a) => tgkill(k, t, -1, int32(a[0]), int32(a[1])) },
  { nr: SYS.SYS_rt_sigqueueinfo, args: "ddx", fn: (k, t, a) => sigqueue(k, t, int32(a[0]), null, int32(a[1]), a[2]) },
  {
    nr: SYS.SYS_rt_tgsigqueueinfo, args: "dddx",
    fn: (k, t, a) => sigqueue(k, t, int32(a[0]), int32(a[1]), int32(a[2]), a[3]),
  },
  {
    nr: SYS.SYS_rt_sigpending, args: "xu", fn: (_k, t, a) => {
      if (unsigned(a[1]) > SIGSET_SIZE) return -EINVAL;
      return t.mm.writeU64(a[0], (t.signals.mask | t.group.shared.mask) & t.sigMask) < 0 ? -EFAULT : 0;
    },
  },
  { nr: SYS.SYS_rt_sigsuspend, args: "xu", fn: (_k, t, a) => rtSigsuspend(t, a[0], unsigned(a[1])) },
  {
    nr: SYS.SYS_rt_sigtimedwait, args: "xxxu",
    fn: (k, t, a) => rtSigtimedwait(k, t, a[0], a[1], a[2], unsigned(a[3])),
  },
  { nr: SYS.SYS_sigaltstack, args: "xx", fn: (k, t, a) => sigaltstack(k, t, a[0], a[1]) },
  { nr: SYS.SYS_rt_sigreturn, args: "", fn: (k, t) => rtSigreturn(k, t) },
];

