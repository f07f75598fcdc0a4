// Futexes (kernel/futex/): tasks sleep on a 32-bit word of user memory until
// another task wakes that word. A private futex is named by (address space,
// address); a shared one by the physical word, so processes sharing a page
// meet there. A waiter records whether it was woken, because the word's
// value alone cannot say (the re-run after wake-up must return 0, not wait again).
import type { AddressSpace } from "../mm/address-space.js";
import { EAGAIN, EFAULT, EINVAL, ENOSYS, ETIMEDOUT } from "./errno.js";
import type { Kernel } from "./kernel.js";
import type { Task } from "./task.js";
import { Blocked, WaitQueue } from "./wait.js";

export const FUTEX_WAIT = 0;
export const FUTEX_WAKE = 1;
export const FUTEX_REQUEUE = 3;
export const FUTEX_CMP_REQUEUE = 4;
export const FUTEX_WAKE_OP = 5;
export const FUTEX_WAIT_BITSET = 9;
export const FUTEX_WAKE_BITSET = 10;
export const FUTEX_PRIVATE_FLAG = 128;
export const FUTEX_CLOCK_REALTIME = 256;
const FUTEX_BITSET_MATCH_ANY = 0xffffffff;

interface Waiter {
  task: Task;
  key: string;
  bitset: number;
  woken: boolean;
  queue: WaitQueue;
}

const mmIds = new WeakMap<AddressSpace, number>();
let nextMmId = 1;

function mmId(mm: AddressSpace): number {
  let id = mmIds.get(mm);
  if (id === undefined) {
    id = nextMmId++;
    mmIds.set(mm, id);
  }
  return id;
}

/** The futex's name, or -EFAULT when the word is not mapped readable. */
function futexKey(mm: AddressSpace, addr: number, priv: boolean): string | number {
  if (priv) return `p${mmId(mm)}:${addr}`;
  // A shared futex is named by where the word lives in guest RAM.
  const view = mm.userBuffers(addr, 4, false);
  if (typeof view === "number" || view.length !== 1) return -EFAULT;
  return `s${view[0].byteOffset}`;
}

export class FutexTable {
  private buckets = new Map<string, Waiter[]>();

  add(w: Waiter): void {
    const list = this.buckets.get(w.key);
    if (list) list.push(w);
    else this.buckets.set(w.key, [w]);
  }

  remove(w: Waiter): void {
    const list = this.buckets.get(w.key);
    if (!list) return;
    const i = list.indexOf(w);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.buckets.delete(w.key);
  }

  /** Wakes up to n live waiters on key whose bitset intersects; returns how many. */
  wake(key: string, n: number, bitset = FUTEX_BITSET_MATCH_ANY): number {
    const list = this.buckets.get(key);
    if (!list) return 0;
    let woken = 0;
    for (const w of [...list]) {
      if (woken >= n) break;
      if (!w.task.alive) {
        this.remove(w);
        continue;
      }
      if ((w.bitset & bitset) === 0) continue;
      this.remove(w);
      w.woken = true;
      w.queue.notifyAll();
      woken++;
    }
    return woken;
  }

  /** Moves up to n waiters from one key to another (FUTEX_REQUEUE). */
  requeue(from: string, to: string, n: number): number {
    const list = this.buckets.get(from);
    if (!list) return 0;
    let moved = 0;
    for (const w of [...list]) {
      if (moved >= n) break;
      this.remove(w);
      w.key = to;
      this.add(w);
      moved++;
    }
    return moved;
  }
}

/** Wakes a futex word in `mm` the way exit's clear_child_tid does (a shared wake). */
export function futexWake(k: Kernel, mm: AddressSpace, addr: number, n: number): number {
  const key = futexKey(mm, addr, false);
  return typeof key === "number" ? 0 : k.futexes.wake(key, n);
}

interface WaitState {
  waiter: Waiter;
  deadlineNs: number | null;
}

export interface FutexWaitRequest {
  addr: number;
  val: number;
  priv: boolean;
  bitset: number;
  /** Monotonic deadline in ns, or null to wait forever. */
  deadlineNs: number | null;
}

export function futexWait(k: Kernel, t: Task, req: FutexWaitRequest): number | Blocked {
  const st = t.syscallState as WaitState | null;
  if (st) {
    if (st.waiter.woken) return 0;
    if (st.deadlineNs !== null && k.clock.monotonicNs() >= st.deadlineNs) {
      k.futexes.remove(st.waiter);
      return -ETIMEDOUT;
    }
    return interruptible(k, st);
  }
  if (req.addr % 4 !== 0) return -EINVAL;
  if (req.bitset === 0) return -EINVAL;
  const key = futexKey(t.mm, req.addr, req.priv);
  if (typeof key === "number") return key;
  const cur = t.mm.readU32(req.addr);
  if (cur < 0) return -EFAULT;
  if (cur !== req.val >>> 0) return -EAGAIN;
  if (req.deadlineNs !== null && k.clock.monotonicNs() >= req.deadlineNs) return -ETIMEDOUT;
  const waiter: Waiter = { task: t, key, bitset: req.bitset, woken: false, queue: new WaitQueue() };
  k.futexes.add(waiter);
  const state: WaitState = { waiter, deadlineNs: req.deadlineNs };
  t.syscallState = state;
  return interruptible(k, state);
}

/** A futex sleep a signal can end: the waiter then leaves its queue (ERESTARTSYS). */
function interruptible(k: Kernel, st: WaitState): Blocked {
  const b = new Blocked([st.waiter.queue], st.deadlineNs);
  b.onInterrupt = () => k.futexes.remove(st.waiter);
  return b;
}

export function futexWakeOp(
  k: Kernel, t: Task, addr: number, n: number, bitset: number, priv: boolean,
): number {
  if (addr % 4 !== 0 || bitset === 0) return -EINVAL;
  const key = futexKey(t.mm, addr, priv);
  if (typeof key === "number") return key;
  return k.futexes.wake(key, n, bitset);
}

export function futexRequeue(
  k: Kernel, t: Task, addr: number, n: number, moveMax: number, addr2: number, cmp: number | null, priv: boolean,
): number {
  if (addr % 4 !== 0 || addr2 % 4 !== 0) return -EINVAL;
  if (n < 0 || moveMax < 0) return -EINVAL;
  const key = futexKey(t.mm, addr, priv);
  const key2 = futexKey(t.mm, addr2, priv);
  if (typeof key === "number") return key;
  if (typeof key2 === "number") return key2;
  if (cmp !== null) {
    const cur = t.mm.readU32(addr);
    if (cur < 0) return -EFAULT;
    if (cur !== cmp >>> 0) return -EAGAIN;
  }
  const woken = k.futexes.wake(key, n);
  return woken + k.futexes.requeue(key, key2, moveMax);
}

/** FUTEX_WAKE_OP: change *addr2, wake addr, and wake addr2 too if the old value passes the test. */
export function futexWakeOpCmp(
  k: Kernel, t: Task, addr: number, n: number, n2: number, addr2: number, val3: number, priv: boolean,
): number {
  if (addr % 4 !== 0 || addr2 % 4 !== 0) return -EINVAL;
  const op = (val3 >>> 28) & 7;
  const shift = (val3 >>> 31) & 1;
  const cmp = (val3 >>> 24) & 15;
  let oparg = ((val3 >>> 12) & 0xfff) << 20 >> 20;
  const cmparg = (val3 & 0xfff) << 20 >> 20;
  if (shift) oparg = 1 << (oparg & 31);
  const key = futexKey(t.mm, addr, priv);
  const key2 = futexKey(t.mm, addr2, priv);
  if (typeof key === "number") return key;
  if (typeof key2 === "number") return key2;
  const old = t.mm.readU32(addr2);
  if (old < 0) return -EFAULT;
  const oldS = old | 0;
  const next = [oparg, oldS + oparg, oldS | oparg, oldS & ~oparg, oldS ^ oparg][op];
  if (next === undefined || cmp > 5) return -ENOSYS;
  if (t.mm.writeU32(addr2, next >>> 0) < 0) return -EFAULT;
  let woken = k.futexes.wake(key, n);
  const pass = [oldS === cmparg, oldS !== cmparg, oldS < cmparg, oldS <= cmparg, oldS > cmparg, oldS >= cmparg][cmp];
  if (pass) woken += k.futexes.wake(key2, n2);
  return woken;
}

const FUTEX_WAITERS = 0x80000000;
const FUTEX_OWNER_DIED = 0x40000000;
const FUTEX_TID_MASK = 0x3fffffff;
const ROBUST_LIST_LIMIT = 2048;

/**
 * A dying thread's robust futexes (kernel/futex/core.c exit_robust_list):
 * every lock it still holds is marked FUTEX_OWNER_DIED and one waiter is
 * woken, so the next locker sees EOWNERDEAD instead of hanging.
 */
export function exitRobustList(k: Kernel, t: Task): void {
  const head = t.robustListHead;
  if (head === 0) return;
  const entryAt = (addr: number): { ptr: number; pi: boolean } | null => {
    const v = t.mm.readU64(addr);
    if (typeof v === "number") return null;
    return { ptr: Number(v & ~1n), pi: (v & 1n) === 1n };
  };
  const offset = t.mm.readU64(head + 8);
  const first = entryAt(head);
  const pending = entryAt(head + 16);
  if (!first || !pending || typeof offset === "number") return;
  const off = Number(BigInt.asIntN(64, offset));
  let entry = first;
  for (let limit = ROBUST_LIST_LIMIT; entry.ptr !== head && limit > 0; limit--) {
    const next = entryAt(entry.ptr);
    if (entry.ptr !== pending.ptr) ownerDied(k, t, entry.ptr + off, entry.pi, false);
    if (!next) return;
    entry = next;
  }
  if (pending.ptr !== 0) ownerDied(k, t, pending.ptr + off, pending.pi, true);
}

function ownerDied(k: Kernel, t: Task, addr: number, pi: boolean, pendingOp: boolean): void {
  if (addr % 4 !== 0) return;
  const val = t.mm.readU32(addr);
  if (val < 0) return;
  if (pendingOp && !pi && val === 0) {
    futexWake(k, t.mm, addr, 1);
    return;
  }
  if ((val & FUTEX_TID_MASK) !== t.tid) return;
  if (t.mm.writeU32(addr, ((val & FUTEX_WAITERS) | FUTEX_OWNER_DIED) >>> 0) < 0) return;
  if (!pi && (val & FUTEX_WAITERS) !== 0) futexWake(k, t.mm, addr, 1);
}
