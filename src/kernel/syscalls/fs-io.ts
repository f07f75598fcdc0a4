// flock(2), and the in-kernel copies sendfile(2) and copy_file_range(2):
// data moves from a file's pages to another file without passing through
// the caller's memory.
import { notifyAccess, notifyModify } from "../../fs/inotify/fsnotify.js";
import { flock as flockInode } from "../../fs/locks.js";
import { O_APPEND, type OpenFile } from "../../fs/open-file.js";
import { isBlocked, Blocked } from "../wait.js";
import { EBADF, EFAULT, EINVAL, EISDIR, EOVERFLOW } from "../errno.js";
import type { Kernel } from "../kernel.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { int32, type SyscallDef, type SyscallResult } from "./syscall.js";

const CHUNK = 1 << 16;
/** MAX_RW_COUNT: one call moves at most this much (INT_MAX rounded down to a page). */
const MAX_RW = 0x7ffff000;

function flock(t: Task, fd: number, op: number): SyscallResult {
  const f = t.files.getIo(fd);
  if (!f || !f.inode) return -EBADF;
  const r = flockInode(f.inode, f, op);
  return typeof r === "number" ? r : new Blocked([r]);
}

/** Reads *addr as an off_t (null pointer: null). */
function readOffset(t: Task, addr: number): number | null | "fault" {
  if (addr === 0) return null;
  const b = t.mm.read(addr, 8);
  if (typeof b === "number") return "fault";
  return Number(new DataView(b.buffer, b.byteOffset, 8).getBigInt64(0, true));
}

function writeOffset(t: Task, addr: number, value: number): boolean {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, BigInt(value), true);
  return t.mm.write(addr, b) >= 0;
}

/**
 * Copies up to `count` bytes from `src` at `from` to `dst` (at `to`, or its
 * offset when null). Returns bytes moved, or what the first write answered.
 */
function copyData(src: OpenFile, from: number, dst: OpenFile, to: number | null, count: number): SyscallResult {
  let done = 0;
  const buf = new Uint8Array(Math.min(CHUNK, count));
  while (done < count) {
    const want = buf.subarray(0, Math.min(buf.length, count - done));
    const n = src.read(want, from + done);
    if (isBlocked(n)) return done > 0 ? done : n;
    if (n < 0) return done > 0 ? done : n;
    if (n === 0) break;
    const w = dst.write(want.subarray(0, n), to === null ? null : to + done);
    if (isBlocked(w) || w < 0) return done > 0 ? done : w;
    done += w;
    if (w < n) break;
  }
  return done;
}

/** inotify after a copy that moved data: IN_ACCESS on the source, IN_MODIFY on the destination. */
function notifyCopied(src: OpenFile, dst: OpenFile, moved: number): void {
  if (moved <= 0) return;
  if (src.inode) notifyAccess(src.dentry, src.inode);
  if (dst.inode) notifyModify(dst.dentry, dst.inode);
}

function sendfile(t: Task, outFd: number, inFd: number, offAddr: number, count: number): SyscallResult {
  const input = t.files.get(inFd);
  const output = t.files.get(outFd);
  if (!input || !output || !input.readable || !output.writable) return -EBADF;
  if ((output.flags & O_APPEND) !== 0) return -EINVAL;
  if (!input.inode || !input.inode.isRegular() || !input.seekable) return -EINVAL;
  if (count < 0) return -EINVAL;
  const off = readOffset(t, offAddr);
  if (off === "fault") return -EFAULT;
  if (off !== null && off < 0) return -EINVAL;
  const start = off ?? input.offset;
  const r = copyData(input, start, output, null, Math.min(count, MAX_RW));
  if (isBlocked(r) || r < 0) return r;
  notifyCopied(input, output, r);
  if (off === null) input.offset = start + r;
  else if (!writeOffset(t, offAddr, start + r)) return -EFAULT;
  return r;
}

function copyFileRange(t: Task, inFd: number, inOffAddr: number, outFd: number, outOffAddr: number, len: number, flags: number): SyscallResult {
  if (flags !== 0) return -EINVAL;
  const input = t.files.get(inFd);
  const output = t.files.get(outFd);
  if (!input || !output || !input.readable || !output.writable) return -EBADF;
  if ((output.flags & O_APPEND) !== 0) return -EBADF;
  if (!input.inode || !output.inode) return -EINVAL;
  if (input.inode.isDirectory() || output.inode.isDirectory()) return -EISDIR;
  if (!input.inode.isRegular() || !output.inode.isRegular()) return -EINVAL;
  const inOff = readOffset(t, inOffAddr);
  const outOff = readOffset(t, outOffAddr);
  if (inOff === "fault" || outOff === "fault") return -EFAULT;
  const from = inOff ?? input.offset;
  const to = outOff ?? output.offset;
  if (from < 0 || to < 0) return -EINVAL;
  if (from + len > Number.MAX_SAFE_INTEGER || to + len > Number.MAX_SAFE_INTEGER) return -EOVERFLOW;
  // Overlapping ranges of one file are EINVAL.
  if (input.inode === output.inode && from < to + len && to < from + len) return -EINVAL;
  const r = copyData(input, from, output, to, Math.min(len, MAX_RW));
  if (isBlocked(r) || r < 0) return r;
  notifyCopied(input, output, r);
  if (inOff === null) input.offset = from + r;
  else if (!writeOffset(t, inOffAddr, from + r)) return -EFAULT;
  if (outOff === null) output.offset = to + r;
  else if (!writeOffset(t, outOffAddr, to + r)) return -EFAULT;
  return r;
}

export const fsIoSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_flock, args: "dd", fn: (_k: Kernel, t, a) => flock(t, int32(a[0]), int32(a[1])) },
  { nr: SYS.SYS_sendfile, args: "ddxu", fn: (_k, t, a) => sendfile(t, int32(a[0]), int32(a[1]), a[2], a[3]) },
  {
    nr: SYS.SYS_copy_file_range, args: "dxdxux",
    fn: (_k, t, a) => copyFileRange(t, int32(a[0]), a[1], int32(a[2]), a[3], a[4], a[5] >>> 0),
  },
];

