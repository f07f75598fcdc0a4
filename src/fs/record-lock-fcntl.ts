// fcntl's record-lock commands (F_GETLK/F_SETLK/F_SETLKW and the OFD forms)
// on a regular file: decoding struct flock (32 bytes on 64-bit: l_type,
// l_whence, l_start, l_len, l_pid) into a byte range and calling src/fs/locks.ts.
import { EBADF, EFAULT, EINVAL } from "../kernel/errno.js";
import type { Task } from "../kernel/task.js";
import { F_RDLCK, F_UNLCK, F_WRLCK, setRecordLock, testRecordLock } from "./locks.js";
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
 * Runs one record-lock command. F_SETLKW cannot sleep through fcntl's
 * number-only hook yet, so a conflicting request answers EAGAIN like F_SETLK.
 */
export function recordLockFcntl(t: Task, f: OpenFile, cmd: number, addr: number): number {
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
  const r = setRecordLock(inode, owner, a.type, a.start, a.end, ofd ? -1 : t.tgid, false);
  return typeof r === "number" ? r : 0;
}
