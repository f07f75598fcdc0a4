// Signal generation and delivery (kernel/signal.c, arch/riscv/kernel/signal.c).
// A signal is queued on a thread or its process; the thread that can take it
// is woken; on the way back to user mode the kernel dequeues deliverable
// signals (synchronous faults first, then lowest number) and acts: ignore,
// stop the process, end it, or build an rt_sigframe on the user stack and
// enter the handler, which returns through the vDSO's rt_sigreturn.
import { HART_BASE, HART_F, HART_FCSR, HART_PC, HART_X } from "../cpu/layout.js";
import { EINTR, ERESTART_RESTARTBLOCK, ERESTARTNOHAND, ERESTARTNOINTR, ERESTARTSYS } from "./errno.js";
import type { Kernel } from "./kernel.js";
import { exitGroup } from "./lifecycle.js";
import {
  SA_NOCLDSTOP, SA_NODEFER, SA_ONSTACK, SA_RESETHAND, SA_RESTART, SIG_DFL, SIG_IGN, type SigAction,
} from "./signal-action.js";
import { defaultAction } from "./signal-default.js";
import * as S from "./signal-numbers.js";
import { CLD_CONTINUED, CLD_STOPPED, encodeSigInfo, SI_KERNEL, type SigInfo } from "./siginfo.js";
import { sigBit } from "./sigqueue.js";
import type { Task } from "./task.js";
import type { ThreadGroup } from "./thread-group.js";

export const FRAME_SIZE = 1088;
const UC_OFFSET = 128;
const UC_STACK = UC_OFFSET + 16;
const UC_SIGMASK = UC_OFFSET + 40;
const MCONTEXT = UC_OFFSET + 176;
const FP_REGS = MCONTEXT + 256;
const FP_FCSR = FP_REGS + 256;
const EXT_RESERVED = 1076;
const EXT_HDR = 1080;
export const SS_ONSTACK = 1;
export const SS_DISABLE = 2;
export const SS_AUTODISARM = 0x80000000;

export const UNBLOCKABLE = sigBit(S.SIGKILL) | sigBit(S.SIGSTOP);
const SYNCHRONOUS = [S.SIGSEGV, S.SIGBUS, S.SIGILL, S.SIGTRAP, S.SIGFPE, S.SIGSYS];
const STOP_SIGNALS = [S.SIGSTOP, S.SIGTSTP, S.SIGTTIN, S.SIGTTOU];

/** The alternate signal stack of a thread (sigaltstack). */
export interface AltStack {
  sp: number;
  size: number;
  flags: number;
}

/** Whether t has anything to look at on the way back to user mode (cheap test first). */
export function signalsPending(t: Task): boolean {
  return t.signals.mask !== 0n || t.group.shared.mask !== 0n;
}

function deliverable(t: Task): bigint {
  return (t.signals.mask | t.group.shared.mask) & ~t.sigMask;
}

/** A signal is pending that the task does not block: it must not sleep. */
export function hasDeliverableSignal(t: Task): boolean {
  return signalsPending(t) && deliverable(t) !== 0n;
}

function ignored(t: Task, sig: number): boolean {
  if ((t.sigMask & sigBit(sig)) !== 0n || (t.waitSigset & sigBit(sig)) !== 0n) return false;
  const h = t.sigActions[sig].handler;
  return h === SIG_IGN || (h === SIG_DFL && defaultAction(sig) === "ignore");
}

/** Sends a signal to one thread (tkill, faults) or to its whole process (kill). */
export function sendSignal(k: Kernel, target: Task, info: SigInfo, toGroup: boolean): void {
  const sig = info.signo;
  if (sig === 0 || !target.alive) return;
  const g = target.group;
  if (STOP_SIGNALS.includes(sig)) discardEverywhere(g, S.SIGCONT);
  if (sig === S.SIGCONT) {
    for (const s of STOP_SIGNALS) discardEverywhere(g, s);
    if (g.stopSignal !== 0) continueGroup(k, g);
  }
  if (sig === S.SIGKILL) {
    exitGroup(k, target, S.SIGKILL);
    return;
  }
  if (ignored(target, sig)) return;
  (toGroup ? g.shared : target.signals).add(info);
  g.signalfdWait.notifyAll();
  const t = toGroup ? pickThread(target, sig) : target;
  if (t) wakeForSignal(k, t, sig);
}

function discardEverywhere(g: ThreadGroup, sig: number): void {
  g.shared.discard(sig);
  for (const t of g.threads) t.signals.discard(sig);
}

/** A thread of the process that does not block sig (the target first), as complete_signal chooses. */
function pickThread(target: Task, sig: number): Task | undefined {
  const ok = (t: Task): boolean => t.alive && ((t.sigMask & sigBit(sig)) === 0n || (t.waitSigset & sigBit(sig)) !== 0n);
  if (ok(target)) return target;
  for (const t of target.group.threads) if (ok(t)) return t;
  return undefined;
}

/** Ends the process at once for a fatal signal; otherwise wakes a thread sleeping interruptibly. */
function wakeForSignal(k: Kernel, t: Task, sig: number): void {
  const blocked = (t.sigMask & sigBit(sig)) !== 0n;
  if (!blocked && t.sigActions[sig].handler === SIG_DFL) {
    const a = defaultAction(sig);
    if (a === "term" || a === "core") {
      exitGroup(k, t, sig);
      return;
    }
  }
  // Only a signal the thread will take (unblocked, or one sigtimedwait waits for) ends its sleep.
  if (t.state === "S" && (!blocked || (t.waitSigset & sigBit(sig)) !== 0n)) {
    t.cancelSleep?.();
    t.interrupted = true;
    k.wake(t, true);
  }
}

/**
 * A synchronous fault: the thread gets the signal even if it blocks or
 * ignores it (force_sig_info resets such a disposition to the default).
 */
export function forceSignal(t: Task, info: SigInfo): void {
  const act = t.sigActions[info.signo];
  const bit = sigBit(info.signo);
  if (act.handler === SIG_IGN || (t.sigMask & bit) !== 0n) {
    act.handler = SIG_DFL;
    t.sigMask &= ~bit;
  }
  t.signals.add(info);
}

/**
 * The next signal to deliver (dequeue_signal): the thread's own pending set
 * first, then the process's; within each, synchronous faults first, then
 * the lowest number.
 */
function dequeue(t: Task): SigInfo | undefined {
  for (const q of [t.signals, t.group.shared]) {
    const ready = q.mask & ~t.sigMask;
    if (ready === 0n) continue;
    return q.take(firstSignal(ready));
  }
  return undefined;
}

function firstSignal(ready: bigint): number {
  for (const s of SYNCHRONOUS) if ((ready & sigBit(s)) !== 0n) return s;
  for (let s = 1; s <= 64; s++) if ((ready & sigBit(s)) !== 0n) return s;
  return 0;
}

/** How an interrupted syscall ends (the kernel's -ERESTART* codes). */
export interface Interrupted {
  code: number;
  /** The original a0 (all 64 bits), to re-execute the ecall. */
  origA0: bigint;
  /** The task still has a sleeping syscall that can simply be run again. */
  sleeping: boolean;
}

/**
 * On the way back to user mode: acts on every deliverable signal. Returns
 * whether t still runs (false: it stopped or died).
 */
export function deliverSignals(k: Kernel, t: Task, interrupted: Interrupted | null): boolean {
  let pendingRestart = interrupted;
  for (;;) {
    if (!t.alive) return false;
    const info = dequeue(t);
    if (!info) {
      if (pendingRestart) restartWithoutHandler(k, t, pendingRestart);
      return true;
    }
    const sig = info.signo;
    const act = t.sigActions[sig];
    if (act.handler === SIG_IGN) continue;
    if (act.handler === SIG_DFL) {
      const a = defaultAction(sig);
      if (a === "ignore") continue;
      if (a === "stop") {
        // Terminal stops are discarded for an orphaned process group: nobody could continue it.
        if (sig !== S.SIGSTOP && pgrpOrphaned(k, t.group)) continue;
        if (pendingRestart) restartWithoutHandler(k, t, pendingRestart);
        stopGroup(k, t.group, sig);
        return false;
      }
      exitGroup(k, t, sig);
      return false;
    }
    if (pendingRestart) {
      restartWithHandler(k, t, pendingRestart, act);
      pendingRestart = null;
    }
    if (!setupFrame(k, t, info, act)) {
      // The frame could not be written: the thread dies of SIGSEGV (force_sigsegv).
      exitGroup(k, t, S.SIGSEGV);
      return false;
    }
  }
}

function restartEcall(k: Kernel, t: Task, origA0: bigint): void {
  t.pending = null;
  t.syscallState = null;
  k.pc = k.pc - 4;
  k.cpu.setX(0, 10, origA0);
}

function restartWithHandler(k: Kernel, t: Task, r: Interrupted, act: SigAction): void {
  if (r.code !== EINTR && (r.code === ERESTARTNOINTR || (r.code === ERESTARTSYS && (act.flags & SA_RESTART) !== 0n))) {
    restartEcall(k, t, r.origA0);
    return;
  }
  t.pending = null;
  t.syscallState = null;
  k.setReg(10, -EINTR);
}

/** No handler ran (the signal was ignored, or it stopped the process): the call resumes. */
function restartWithoutHandler(k: Kernel, t: Task, r: Interrupted): void {
  if (r.code === EINTR) {
    t.pending = null;
    t.syscallState = null;
    k.setReg(10, -EINTR);
    return;
  }
  // A sleeping call is simply run again later, keeping its deadline (restart_block).
  if (r.sleeping) return;
  restartEcall(k, t, r.origA0);
}

export function isRestartCode(r: number): boolean {
  return r === -ERESTARTSYS || r === -ERESTARTNOINTR || r === -ERESTARTNOHAND || r === -ERESTART_RESTARTBLOCK;
}

// ---- the frame ----

function onAltStack(t: Task, sp: number): boolean {
  const a = t.altStack;
  return a.flags !== SS_DISABLE && sp > a.sp && sp - a.sp <= a.size;
}

/** ss_flags as sigaltstack and uc_stack report them (sas_ss_flags). */
export function altStackFlags(t: Task, sp: number): number {
  if (t.altStack.flags === SS_DISABLE || t.altStack.size === 0) return SS_DISABLE;
  return (onAltStack(t, sp) ? SS_ONSTACK : 0) | (t.altStack.flags & SS_AUTODISARM);
}

function hart(k: Kernel): Uint8Array {
  return new Uint8Array(k.memory.buffer, HART_BASE, 0x220);
}

function setupFrame(k: Kernel, t: Task, info: SigInfo, act: SigAction): boolean {
  const regs = hart(k);
  const hv = new DataView(regs.buffer, regs.byteOffset, regs.byteLength);
  const sp = k.reg(2);
  let top = sp;
  // sigsp(): switch to the alternate stack when asked, one is set up, and we are not already on it.
  const useAlt = (act.flags & SA_ONSTACK) !== 0n && (altStackFlags(t, sp) & (SS_DISABLE | SS_ONSTACK)) === 0;
  if (useAlt) top = t.altStack.sp + t.altStack.size;
  const frame = top - FRAME_SIZE - ((top - FRAME_SIZE) % 16 + 16) % 16;
  if (onAltStack(t, sp) && frame <= t.altStack.sp) return false;
  const b = new Uint8Array(FRAME_SIZE);
  const v = new DataView(b.buffer);
  b.set(encodeSigInfo(info), 0);
  v.setBigUint64(UC_STACK, BigInt(t.altStack.sp), true);
  v.setInt32(UC_STACK + 8, altStackFlags(t, sp), true);
  v.setBigUint64(UC_STACK + 16, BigInt(t.altStack.size), true);
  v.setBigUint64(UC_SIGMASK, t.savedSigMask ?? t.sigMask, true);
  v.setBigUint64(MCONTEXT, hv.getBigUint64(HART_PC, true), true);
  b.set(regs.subarray(HART_X + 8, HART_X + 256), MCONTEXT + 8);
  b.set(regs.subarray(HART_F, HART_F + 256), FP_REGS);
  v.setUint32(FP_FCSR, hv.getUint32(HART_FCSR, true), true);
  v.setUint32(EXT_RESERVED, 0, true);
  v.setBigUint64(EXT_HDR, 0n, true);
  if (t.mm.write(frame, b) < 0) return false;
  if (useAlt && (t.altStack.flags & SS_AUTODISARM) !== 0) t.altStack = { sp: 0, size: 0, flags: SS_DISABLE };
  k.pc = Number(act.handler);
  k.setReg(2, frame);
  k.setReg(10, info.signo);
  k.setReg(11, frame);
  k.setReg(12, frame + UC_OFFSET);
  k.setReg(1, k.vdsoSigreturn(t.mm));
  t.sigMask = (t.sigMask | act.mask | ((act.flags & SA_NODEFER) !== 0n ? 0n : sigBit(info.signo))) & ~UNBLOCKABLE;
  t.savedSigMask = null;
  if ((act.flags & SA_RESETHAND) !== 0n) act.handler = SIG_DFL;
  return true;
}

/** rt_sigreturn: restores what setupFrame saved from the frame at sp. False if the frame is bad. */
export function restoreFrame(k: Kernel, t: Task): boolean {
  const sp = k.reg(2);
  const b = t.mm.read(sp, FRAME_SIZE);
  if (typeof b === "number") return false;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (v.getUint32(EXT_RESERVED, true) !== 0 || v.getBigUint64(EXT_HDR, true) !== 0n) return false;
  const regs = hart(k);
  const hv = new DataView(regs.buffer, regs.byteOffset, regs.byteLength);
  t.sigMask = v.getBigUint64(UC_SIGMASK, true) & ~UNBLOCKABLE;
  hv.setBigUint64(HART_PC, v.getBigUint64(MCONTEXT, true), true);
  regs.set(b.subarray(MCONTEXT + 8, MCONTEXT + 256), HART_X + 8);
  regs.set(b.subarray(FP_REGS, FP_REGS + 256), HART_F);
  hv.setUint32(HART_FCSR, v.getUint32(FP_FCSR, true) & 0xff, true);
  const ssSp = Number(v.getBigUint64(UC_STACK, true));
  const ssFlags = v.getInt32(UC_STACK + 8, true) >>> 0;
  const ssSize = Number(v.getBigUint64(UC_STACK + 16, true));
  // restore_altstack: reinstates the altstack the handler was entered with.
  if (!onAltStack(t, k.reg(2))) {
    t.altStack = (ssFlags & SS_DISABLE) !== 0 ? { sp: 0, size: 0, flags: SS_DISABLE }
      : { sp: ssSp, size: ssSize, flags: ssFlags & SS_AUTODISARM };
  }
  return true;
}

// ---- job control ----

/**
 * is_current_pgrp_orphaned: no member has a parent in another process group
 * of the same session (a shell that could bring it back to the foreground).
 */
export function pgrpOrphaned(k: Kernel, g: ThreadGroup): boolean {
  for (const m of k.processGroup(g.pgid)) {
    const p = m.parent;
    if (p && !p.zombie && p.pgid !== m.pgid && p.sid === m.sid) return false;
  }
  return true;
}

/** A stop signal's default action: every thread of the process stops (state T). */
export function stopGroup(k: Kernel, g: ThreadGroup, sig: number): void {
  g.stopSignal = sig;
  g.waitReport = "stopped";
  for (const t of g.threads) {
    if (!t.alive) continue;
    t.cancelSleep?.();
    t.state = "T";
    k.dequeue(t);
  }
  notifyParentOfStop(k, g, CLD_STOPPED, sig);
}

export function continueGroup(k: Kernel, g: ThreadGroup): void {
  g.stopSignal = 0;
  g.waitReport = "continued";
  for (const t of g.threads) {
    if (t.state !== "T") continue;
    t.state = "R";
    k.enqueue(t);
  }
  notifyParentOfStop(k, g, CLD_CONTINUED, S.SIGCONT);
}

function notifyParentOfStop(k: Kernel, g: ThreadGroup, code: number, status: number): void {
  const parent = g.parent;
  if (!parent) return;
  const pt = [...parent.threads].find((t) => t.alive);
  if (pt && (pt.sigActions[S.SIGCHLD].flags & SA_NOCLDSTOP) === 0n) {
    sendSignal(k, pt, { signo: S.SIGCHLD, code, pid: g.tgid, uid: g.leader?.creds.uid ?? 0, status }, true);
  }
  parent.childEvents.notifyAll();
}

export { SI_KERNEL };
