// epoll_create1, epoll_ctl, epoll_pwait and epoll_pwait2 (fs/eventpoll.c).
// riscv64 has only these: glibc's epoll_create and epoll_wait call them.
import { EpollFile } from "../../fs/anon/epoll-file.js";
import {
  EPOLLERR, EPOLLEXCLUSIVE, EPOLLEXCLUSIVE_OK_BITS, EPOLLHUP, EPOLLWAKEUP, eventBits,
} from "../../fs/anon/epoll-events.js";
import { OpenFile, O_CLOEXEC, O_RDWR } from "../../fs/open-file.js";
import { NSEC_PER_SEC } from "../clock.js";
import { EBADF, EEXIST, EFAULT, EINVAL, ELOOP, ENOENT, EPERM } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../rlimits.js";
import { UNBLOCKABLE } from "../signals.js";
import type { Task } from "../task.js";
import { Blocked, NO_RESTART } from "../wait.js";
import * as SYS from "./numbers.js";
import { int32, type SyscallDef, type SyscallResult } from "./syscall.js";

const EPOLL_CLOEXEC = O_CLOEXEC;
const EPOLL_CTL_ADD = 1;
const EPOLL_CTL_DEL = 2;
const EPOLL_CTL_MOD = 3;
const EVENT_SIZE = 16;
/** INT_MAX / sizeof(struct epoll_event). */
const EP_MAX_EVENTS = Math.floor(0x7fffffff / EVENT_SIZE);
const SIGSET_SIZE = 8;
/** Nesting limit of epoll instances watching each other (EP_MAX_NESTS). */
const EP_MAX_NESTS = 4;

function epollCreate1(t: Task, flags: number): number {
  if ((flags & ~EPOLL_CLOEXEC) !== 0) return -EINVAL;
  return t.files.install(new EpollFile(O_RDWR), (flags & EPOLL_CLOEXEC) !== 0, rlimitNumber(t.rlimits[RLIMIT_NOFILE].cur));
}

/** file_can_poll: files that never block (regular files, /dev/null) have no poll and cannot be watched. */
function canPoll(f: OpenFile): boolean {
  return f.poll !== OpenFile.prototype.poll;
}

function epollCtl(t: Task, epfd: number, op: number, fd: number, eventAddr: number): number {
  let events = 0;
  let data = 0n;
  if (op !== EPOLL_CTL_DEL) {
    const raw = t.mm.read(eventAddr, EVENT_SIZE);
    if (typeof raw === "number") return -EFAULT;
    const v = new DataView(raw.buffer, raw.byteOffset, EVENT_SIZE);
    events = v.getUint32(0, true);
    data = v.getBigUint64(8, true);
  }
  const ep = t.files.get(epfd);
  const target = t.files.get(fd);
  if (!ep || !target) return -EBADF;
  if (!canPoll(target)) return -EPERM;
  // Without CAP_BLOCK_SUSPEND, EPOLLWAKEUP is silently dropped; nothing here suspends.
  events = eventBits(events & ~EPOLLWAKEUP);
  if (ep === target || !(ep instanceof EpollFile)) return -EINVAL;
  if ((events & EPOLLEXCLUSIVE) !== 0) {
    if (op === EPOLL_CTL_MOD) return -EINVAL;
    if (op === EPOLL_CTL_ADD && (target instanceof EpollFile || (events & ~EPOLLEXCLUSIVE_OK_BITS) !== 0)) return -EINVAL;
  }
  const item = ep.find(target, fd);
  switch (op) {
    case EPOLL_CTL_ADD:
      if (item) return -EEXIST;
      // ep_loop_check: no cycles, and no chain of watching epolls longer than EP_MAX_NESTS.
      if (target instanceof EpollFile && target.depthBelow(ep) + ep.depthAbove() > EP_MAX_NESTS) return -ELOOP;
      ep.add(target, fd, eventBits(events | EPOLLERR | EPOLLHUP), data);
      return 0;
    case EPOLL_CTL_DEL:
      if (!item) return -ENOENT;
      ep.remove(item);
      return 0;
    case EPOLL_CTL_MOD:
      if (!item) return -ENOENT;
      if ((item.events & EPOLLEXCLUSIVE) !== 0) return -EINVAL;
      ep.modify(item, eventBits(events | EPOLLERR | EPOLLHUP), data);
      return 0;
    default:
      return -EINVAL;
  }
}

/** What the first attempt of a wait decided, kept for the attempts after a wakeup. */
interface WaitCall {
  deadlineNs: number | null;
  /** The caller's mask, put back when the call returns without a handler running. */
  restoreMask: bigint | null;
}

/** set_user_sigmask: installs the temporary mask (sigreturn restores the saved one after a handler). */
function installMask(t: Task, maskAddr: number, size: number): bigint | null | number {
  if (maskAddr === 0) return null;
  if (size !== SIGSET_SIZE) return -EINVAL;
  const m = t.mm.readU64(maskAddr);
  if (typeof m === "number") return -EFAULT;
  const old = t.sigMask;
  t.savedSigMask = old;
  t.sigMask = m & ~UNBLOCKABLE;
  return old;
}

function finish(t: Task, call: WaitCall, result: number): number {
  if (call.restoreMask !== null) {
    t.sigMask = call.restoreMask;
    t.savedSigMask = null;
  }
  return result;
}

/** A timespec timeout as an absolute monotonic deadline; null for none (pwait2 with NULL). */
function readTimespec(k: Kernel, t: Task, addr: number): number | null | { err: number } {
  if (addr === 0) return null;
  const raw = t.mm.read(addr, 16);
  if (typeof raw === "number") return { err: -EFAULT };
  const v = new DataView(raw.buffer, raw.byteOffset, 16);
  const sec = Number(v.getBigInt64(0, true));
  const nsec = Number(v.getBigInt64(8, true));
  if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC) return { err: -EINVAL };
  return k.clock.monotonicNs() + sec * NSEC_PER_SEC + nsec;
}

type Timeout = { ms: number } | { ts: number };

function beginWait(k: Kernel, t: Task, timeout: Timeout, maskAddr: number, size: number): WaitCall | number {
  if (t.syscallState) return t.syscallState as WaitCall;
  let deadlineNs: number | null;
  if ("ms" in timeout) deadlineNs = timeout.ms < 0 ? null : k.clock.monotonicNs() + timeout.ms * 1e6;
  else {
    const d = readTimespec(k, t, timeout.ts);
    if (d !== null && typeof d === "object") return d.err;
    deadlineNs = d;
  }
  const restoreMask = installMask(t, maskAddr, size);
  if (typeof restoreMask === "number") return restoreMask;
  const call = { deadlineNs, restoreMask };
  t.syscallState = call;
  return call;
}

function checkWaitArgs(t: Task, epfd: number, max: number): EpollFile | number {
  if (max <= 0 || max > EP_MAX_EVENTS) return -EINVAL;
  const ep = t.files.get(epfd);
  if (!ep) return -EBADF;
  return ep instanceof EpollFile ? ep : -EINVAL;
}

function writeEvents(t: Task, addr: number, list: { events: number; data: bigint }[]): number {
  const b = new Uint8Array(list.length * EVENT_SIZE);
  const v = new DataView(b.buffer);
  list.forEach((e, i) => {
    v.setUint32(i * EVENT_SIZE, e.events, true);
    v.setBigUint64(i * EVENT_SIZE + 8, e.data, true);
  });
  return t.mm.write(addr, b) < 0 ? -EFAULT : list.length;
}

/** ep_poll: report what is ready, or sleep until an item's file notifies, a signal, or the deadline. */
function epollWait(
  k: Kernel, t: Task, epfd: number, addr: number, max: number, timeout: Timeout, mask: number, size: number,
): SyscallResult {
  const call = beginWait(k, t, timeout, mask, size);
  if (typeof call === "number") return call;
  const ep = checkWaitArgs(t, epfd, max);
  if (typeof ep === "number") return finish(t, call, ep);
  const ready = ep.collect(max);
  if (ready.length > 0) return finish(t, call, writeEvents(t, addr, ready));
  if (call.deadlineNs !== null && k.clock.monotonicNs() >= call.deadlineNs) return finish(t, call, 0);
  // A signal always ends epoll_wait with EINTR, never a restart.
  return new Blocked([ep.wq], call.deadlineNs).withRestart(NO_RESTART);
}

export const epollSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_epoll_create1, args: "x", fn: (_k, t, a) => epollCreate1(t, int32(a[0])) },
  {
    nr: SYS.SYS_epoll_ctl, args: "dddx",
    fn: (_k, t, a) => epollCtl(t, int32(a[0]), int32(a[1]), int32(a[2]), a[3]),
  },
  {
    nr: SYS.SYS_epoll_pwait, args: "dxddxu",
    fn: (k, t, a) => epollWait(k, t, int32(a[0]), a[1], int32(a[2]), { ms: int32(a[3]) }, a[4], a[5]),
  },
  {
    nr: SYS.SYS_epoll_pwait2, args: "dxdxxu",
    fn: (k, t, a) => epollWait(k, t, int32(a[0]), a[1], int32(a[2]), { ts: a[3] }, a[4], a[5]),
  },
];
