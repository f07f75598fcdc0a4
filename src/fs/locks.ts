// Advisory file locks (fs/locks.c). flock(2) locks belong to an open file
// description and cover the whole file. Record locks (fcntl F_SETLK) cover
// byte ranges and belong either to a process's descriptor table (classic
// POSIX locks: any close of the file by that process drops them all) or to
// an open file description (OFD locks). A conflicting request either fails
// or gives the caller a queue to sleep on until a lock is released.
import { EAGAIN, EINVAL, EWOULDBLOCK } from "../kernel/errno.js";
import { WaitQueue } from "../kernel/wait.js";
import type { Inode } from "./inode.js";

export const LOCK_SH = 1;
export const LOCK_EX = 2;
export const LOCK_NB = 4;
export const LOCK_UN = 8;

export const F_RDLCK = 0;
export const F_WRLCK = 1;
export const F_UNLCK = 2;

/** What a lock request answers: done (0), an error, or a queue to sleep on before retrying. */
export type LockResult = number | WaitQueue;

// ---- flock ----

interface FlockState {
  holders: Map<object, number>; // open file description → LOCK_SH | LOCK_EX
  wait: WaitQueue;
}
const flocks = new WeakMap<Inode, FlockState>();

function flockState(inode: Inode): FlockState {
  let s = flocks.get(inode);
  if (!s) {
    s = { holders: new Map(), wait: new WaitQueue() };
    flocks.set(inode, s);
  }
  return s;
}

export function flock(inode: Inode, file: object, op: number): LockResult {
  const kind = op & ~LOCK_NB;
  if (kind !== LOCK_SH && kind !== LOCK_EX && kind !== LOCK_UN) return -EINVAL;
  const s = flockState(inode);
  if (kind === LOCK_UN) {
    if (s.holders.delete(file)) s.wait.notifyAll();
    return 0;
  }
  for (const [other, held] of s.holders) {
    if (other !== file && (held === LOCK_EX || kind === LOCK_EX)) return (op & LOCK_NB) !== 0 ? -EWOULDBLOCK : s.wait;
  }
  // A conversion first drops the old lock, as Linux does (it is not atomic).
  s.holders.set(file, kind);
  return 0;
}

// ---- record locks ----

export interface RecordLock {
  owner: object;
  type: number; // F_RDLCK or F_WRLCK
  start: number;
  end: number; // inclusive; Infinity for "to end of file"
  pid: number;
}

interface RecordState {
  locks: RecordLock[];
  wait: WaitQueue;
}
const records = new WeakMap<Inode, RecordState>();

function recordState(inode: Inode): RecordState {
  let s = records.get(inode);
  if (!s) {
    s = { locks: [], wait: new WaitQueue() };
    records.set(inode, s);
  }
  return s;
}

function overlaps(l: RecordLock, start: number, end: number): boolean {
  return l.start <= end && start <= l.end;
}

/** The queue F_SETLKW sleepers wait on: notified whenever a record lock on the inode is released or changed. */
export function lockWaitQueue(inode: Inode): WaitQueue {
  return recordState(inode).wait;
}

/** F_GETLK: the first lock of another owner that would block the request, or null. */
export function testRecordLock(inode: Inode, owner: object, type: number, start: number, end: number): RecordLock | null {
  const s = records.get(inode);
  if (!s) return null;
  return s.locks.find((l) => l.owner !== owner && overlaps(l, start, end) && (l.type === F_WRLCK || type === F_WRLCK)) ?? null;
}

/** F_SETLK(W): takes, changes or (F_UNLCK) releases [start, end] for `owner`. */
export function setRecordLock(inode: Inode, owner: object, type: number, start: number, end: number, pid: number, wait: boolean): LockResult {
  const s = recordState(inode);
  if (type !== F_UNLCK && testRecordLock(inode, owner, type, start, end)) return wait ? s.wait : -EAGAIN;
  // Cut the owner's existing locks around the range, then add the new one.
  const kept: RecordLock[] = [];
  for (const l of s.locks) {
    if (l.owner !== owner || !overlaps(l, start, end)) {
      kept.push(l);
      continue;
    }
    if (l.start < start) kept.push({ ...l, end: start - 1 });
    if (l.end > end) kept.push({ ...l, start: end + 1 });
  }
  if (type !== F_UNLCK) kept.push({ owner, type, start, end, pid });
  s.locks = mergeAdjacent(kept, owner);
  s.wait.notifyAll();
  return 0;
}

/** Joins touching ranges of the same owner and type, so F_GETLK reports whole locks. */
function mergeAdjacent(locks: RecordLock[], owner: object): RecordLock[] {
  const mine = locks.filter((l) => l.owner === owner).sort((a, b) => a.start - b.start);
  const others = locks.filter((l) => l.owner !== owner);
  const merged: RecordLock[] = [];
  for (const l of mine) {
    const last = merged[merged.length - 1];
    if (last && last.type === l.type && last.end + 1 >= l.start) last.end = Math.max(last.end, l.end);
    else merged.push({ ...l });
  }
  return others.concat(merged);
}

/** Drops every lock `owner` holds on the inode (a close by that process, or the description's last close). */
export function releaseLocks(inode: Inode, owner: object): void {
  const s = records.get(inode);
  if (s) {
    const before = s.locks.length;
    s.locks = s.locks.filter((l) => l.owner !== owner);
    if (s.locks.length !== before) s.wait.notifyAll();
  }
  const f = flocks.get(inode);
  if (f && f.holders.delete(owner)) f.wait.notifyAll();
}
