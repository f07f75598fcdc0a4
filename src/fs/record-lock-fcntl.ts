// fcntl's record-lock commands (F_GETLK/F_SETLK/F_SETLKW and the OFD forms)
// on a regular file: decoding struct flock (32 bytes on 64-bit: l_type,
// l_whence, l_start, l_len, l_pid) into a byte range and calling src/fs/locks.ts.
import { EBADF, EDEADLK, EFAULT, EINVAL } from "../kernel/errno.js";
import type { Task } from "../kernel/task.js";
import { Blocked } from "../kernel/wait.js";
import { F_RDLCK, F_UNLCK, F_WRLCK, lockWaitQueue, setRecordLock, testRecordLock, type RecordLock } from "./locks.js";
import type { Inode } from "./inode.js";
import type { OpenFile } from "./open-file.js";

export const F_GETLK = 5;
export const F_SETLK = 6;
export const F_SETLKW = 7;
export const F_OFD_GETLK = 36;
export const F_OFD_SETLK = 37;
export const F_OFD_SETLKW = 38;

const FLOCK_SIZE = 32;

export function isRecordLockCommand(cmd: number): boolean {
  return (cmd >= F_GETLK && cmd <= F_SETLKW) || (cmd >= F_OFD_GETLK && cmd <= F_OFD_SETLKW);
}

interface FlockArg {
  type: number;
  start: number;
  end: number;
  pid: number;
}

function readFlock(t: Task, f: OpenFile, addr: number): FlockArg | number {
  const b = t.mm.read(addr, FLOCK_SIZE);
  if (typeof b === "number") return -EFAULT;
  const v = new DataView(b.buffer, b.byteOffset, FLOCK_SIZE);
  const type = v.getInt16(0, true);
  const whence = v.getInt16(2, true);
  let start = Number(v.getBigInt64(8, true));
  let len = Number(v.getBigInt64(16, true));
  const pid = v.getInt32(24, true);
  if (type !== F_RDLCK && type !== F_WRLCK && type !== F_UNLCK) return -EINVAL;
  if (whence === 1) start += f.offset;
  else if (whence === 2) start += f.size();
  else if (whence !== 0) return -EINVAL;
  if (len < 0) {
    start += len;
    len = -len;
  }
  if (start < 0) return -EINVAL;
  return { type, start, end: len === 0 ? Infinity : start + len - 1, pid };
}

function writeFlock(t: Task, addr: number, a: FlockArg): number {
  const b = new Uint8Array(FLOCK_SIZE);
  const v = new DataView(b.buffer);
  v.setInt16(0, a.type, true);
  v.setInt16(2, 0, true);
  v.setBigInt64(8, BigInt(a.start), true);
  v.setBigInt64(16, BigInt(a.end === Infinity ? 0 : a.end - a.start + 1), true);
  v.setInt32(24, a.pid, true);
  return t.mm.write(addr, b) < 0 ? -EFAULT : 0;
}

/**
 * POSIX lock owners (descriptor tables) asleep in F_SETLKW, and the owner
 * of the lock each waits for (fs/locks.c blocked_hash): what the deadlock
 * check walks. A waiter that died while asleep is skipped.
 */
const waitingFor = new Map<object, { blocker: object; task: Task }>();

/** Linux follows at most this many waits (MAX_DEADLK_ITERATIONS). */
const MAX_DEADLOCK_STEPS = 10;

/** posix_locks_deadlock: would `owner` waiting for `blocker` close a cycle of waiters? */
function wouldDeadlock(owner: object, blocker: RecordLock): boolean {
  let o: object = blocker.owner;
  for (let i = 0; i < MAX_DEADLOCK_STEPS; i++) {
    const w = waitingFor.get(o);
    if (!w || !w.task.alive) return false;
    if (w.blocker === owner) return true;
    o = w.blocker;
  }
  return false;
}

/**
 * F_SETLKW/F_OFD_SETLKW finding a conflicting lock: EDEADLK when sleeping would
 * close a cycle of POSIX waiters (never checked for OFD locks, as Linux), else
 * a sleep until some lock on the inode changes; the retry tests again.
 */
function waitForLock(t: Task, inode: Inode, owner: object, ofd: boolean, blocker: RecordLock): Blocked | number {
  if (!ofd) {
    if (wouldDeadlock(owner, blocker)) return -EDEADLK;
    waitingFor.set(owner, { blocker: blocker.owner, task: t });
  }
  const b = new Blocked([lockWaitQueue(inode)]);
  if (!ofd) b.onInterrupt = () => waitingFor.delete(owner);
  return b;
}

/** Runs one record-lock command; F_SETLKW and F_OFD_SETLKW sleep while the range is held. */
export function recordLockFcntl(t: Task, f: OpenFile, cmd: number, addr: number): number | Blocked {
  const inode = f.inode;
  if (!inode) return -EBADF;
  const a = readFlock(t, f, addr);
  if (typeof a === "number") return a;
  const ofd = cmd >= F_OFD_GETLK;
  if (ofd && a.pid !== 0) return -EINVAL;
  const owner: object = ofd ? f : t.files;
  if (cmd === F_GETLK || cmd === F_OFD_GETLK) {
    if (a.type === F_UNLCK) return -EINVAL;
    const c = testRecordLock(inode, owner, a.type, a.start, a.end);
    return writeFlock(t, addr, c ? { type: c.type, start: c.start, end: c.end, pid: c.pid } : { ...a, type: F_UNLCK });
  }
  if (a.type === F_RDLCK && !f.readable) return -EBADF;
  if (a.type === F_WRLCK && !f.writable) return -EBADF;
  if ((cmd === F_SETLKW || cmd === F_OFD_SETLKW) && a.type !== F_UNLCK) {
    const c = testRecordLock(inode, owner, a.type, a.start, a.end);
    if (c) return waitForLock(t, inode, owner, ofd, c);
    if (!ofd) waitingFor.delete(owner);
  }
  const r = setRecordLock(inode, owner, a.type, a.start, a.end, ofd ? -1 : t.tgid, false);
  return typeof r === "number" ? r : 0;
}
