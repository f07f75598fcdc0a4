// Data through descriptors: read/write and their vector and positional
// forms, lseek, ioctl, dup/dup3, fcntl and close_range.
import { inotifyActive, notifyAccess, notifyModify } from "../../fs/inotify/fsnotify.js";
import { O_APPEND, O_NONBLOCK, O_CLOEXEC, type OpenFile } from "../../fs/open-file.js";
import { EBADF, EFAULT, EINVAL, ESPIPE } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { unshareFiles } from "../lifecycle.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../rlimits.js";
import type { Task } from "../task.js";
import { Blocked } from "../wait.js";
import { writeLimit } from "./file-size-limit.js";
import * as SYS from "./numbers.js";
import { int32, uint32, unsigned, type SyscallDef, type SyscallResult } from "./syscall.js";

/** fs/read_write.c: a single read or write moves at most INT_MAX rounded down to a page. */
const MAX_RW_COUNT = 0x7ffff000;
const UIO_MAXIOV = 1024;
/** Kernel bounce buffer for reads: data is copied out only as far as it was read. */
const bounce = new Uint8Array(1 << 16);

const FIONCLEX = 0x5450;
const FIOCLEX = 0x5451;
const FIONBIO = 0x5421;

function readableFile(t: Task, fd: number): OpenFile | number {
  const f = t.files.get(fd);
  return f && f.readable ? f : -EBADF;
}
function writableFile(t: Task, fd: number): OpenFile | number {
  const f = t.files.get(fd);
  return f && f.writable ? f : -EBADF;
}

/** Reads up to `count` bytes into user memory; whole-count for seekable files, one read otherwise. */
function readInto(t: Task, f: OpenFile, addr: number, count: number, pos: number | null): SyscallResult {
  let done = 0;
  while (done < count) {
    const want = Math.min(count - done, bounce.length);
    // The destination must be writable before anything is consumed from the file (a pipe's data stays).
    const dest = t.mm.userBuffers(addr + done, want, true);
    if (typeof dest === "number") return done > 0 ? done : -EFAULT;
    // Within one page the file reads straight into the user's memory; otherwise through the bounce buffer.
    const chunk = dest.length === 1 ? dest[0] : bounce.subarray(0, want);
    const r = f.read(chunk, pos === null ? null : pos + done, t);
    if (r instanceof Blocked || r < 0) return done > 0 ? done : r;
    if (r === 0) break;
    if (dest.length > 1) scatter(chunk.subarray(0, r), dest);
    done += r;
    if (r < want || !f.seekable) break;
  }
  return done;
}

/** Copies `src` across the user's page views in order (as far as it goes). */
function scatter(src: Uint8Array, dest: Uint8Array[]): void {
  let at = 0;
  for (const d of dest) {
    if (at >= src.length) return;
    const n = Math.min(d.length, src.length - at);
    d.set(src.subarray(at, at + n));
    at += n;
  }
}

function writeFrom(t: Task, f: OpenFile, addr: number, count: number, pos: number | null): SyscallResult {
  if (count === 0) return 0;
  const bufs = t.mm.userBuffers(addr, count, false);
  if (typeof bufs === "number") return -EFAULT;
  if (f.writeRequest) return f.writeRequest(t, bufs);
  let done = 0;
  for (const b of bufs) {
    const r = f.write(b, pos === null ? null : pos + done);
    if (r instanceof Blocked || r < 0) return done > 0 ? done : r;
    done += r;
    if (r < b.length) break;
  }
  return done;
}

function clampCount(count: number): number {
  return Math.min(unsigned(count), MAX_RW_COUNT);
}

/** pread/pwrite refuse a non-seekable file (ESPIPE) before looking at its access mode (FMODE_PREAD). */
function positionalCheck(t: Task, fd: number, pos: number | null): number {
  if (pos === null) return 0;
  const f = t.files.get(fd);
  if (!f) return -EBADF;
  return f.seekable ? 0 : -ESPIPE;
}

function read(t: Task, fd: number, buf: number, count: number, pos: number | null): SyscallResult {
  const bad = positionalCheck(t, fd, pos);
  if (bad < 0) return bad;
  const f = readableFile(t, fd);
  if (typeof f === "number") return f;
  if (pos !== null && !f.seekable) return -ESPIPE;
  if (pos !== null && pos < 0) return -EINVAL;
  return countRead(t, notified(f, readInto(t, f, buf, clampCount(count), pos), false));
}

function write(k: Kernel, t: Task, fd: number, buf: number, count: number, pos: number | null): SyscallResult {
  const bad = positionalCheck(t, fd, pos);
  if (bad < 0) return bad;
  const f = writableFile(t, fd);
  if (typeof f === "number") return f;
  if (pos !== null && !f.seekable) return -ESPIPE;
  if (pos !== null && pos < 0) return -EINVAL;
  const n = writeLimit(k, t, f, pos, clampCount(count));
  if (n < 0) return n;
  return countWrite(t, notified(f, writeFrom(t, f, buf, n, pos), true));
}

/** inotify: a read that moved data is IN_ACCESS, a write IN_MODIFY (fsnotify_access/fsnotify_modify). */
export function notified(f: OpenFile, r: SyscallResult, wrote: boolean): SyscallResult {
  if (inotifyActive() && typeof r === "number" && r > 0 && f.inode) {
    if (wrote) notifyModify(f.dentry, f.inode);
    else notifyAccess(f.dentry, f.inode);
  }
  return r;
}

/** /proc/PID/io accounting (rchar/syscr): counted when a read completes. */
function countRead(t: Task, r: SyscallResult): SyscallResult {
  if (typeof r === "number") {
    t.io.syscr++;
    if (r > 0) t.io.rchar += r;
  }
  return r;
}

function countWrite(t: Task, r: SyscallResult): SyscallResult {
  if (typeof r === "number") {
    t.io.syscw++;
    if (r > 0) t.io.wchar += r;
  }
  return r;
}

export interface IoVec {
  base: number;
  len: number;
}

/** Reads an iovec array, with import_iovec's checks (count, negative lengths, total clamp). */
export function readIovecs(t: Task, addr: number, count: number): IoVec[] | number {
  if (count < 0 || count > UIO_MAXIOV) return -EINVAL;
  if (count === 0) return [];
  const raw = t.mm.read(addr, count * 16);
  if (typeof raw === "number") return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: IoVec[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const len = v.getBigInt64(i * 16 + 8, true);
    if (len < 0n) return -EINVAL;
    const n = Math.min(Number(len), MAX_RW_COUNT - total);
    out.push({ base: Number(v.getBigUint64(i * 16, true)), len: n });
    total += n;
  }
  return out;
}

function vectored(
  k: Kernel, t: Task, fd: number, iov: number, cnt: number, pos: number | null, forWrite: boolean,
): SyscallResult {
  const f = forWrite ? writableFile(t, fd) : readableFile(t, fd);
  if (typeof f === "number") return f;
  if (pos !== null && !f.seekable) return -ESPIPE;
  if (pos !== null && pos < 0) return -EINVAL;
  let vecs = readIovecs(t, iov, cnt);
  if (typeof vecs === "number") return vecs;
  if (forWrite) {
    const total = vecs.reduce((sum, v) => sum + v.len, 0);
    const n = writeLimit(k, t, f, pos, total);
    if (n < 0) return n;
    if (n < total) vecs = clipVecs(vecs, n);
  }
  const r = notified(f, transferVecs(t, f, vecs, pos, forWrite), forWrite);
  return forWrite ? countWrite(t, r) : countRead(t, r);
}

/** The first `n` bytes of an iovec list. */
function clipVecs(vecs: IoVec[], n: number): IoVec[] {
  const out: IoVec[] = [];
  for (const v of vecs) {
    if (n <= 0) break;
    out.push({ ...v, len: Math.min(v.len, n) });
    n -= v.len;
  }
  return out;
}

function transferVecs(t: Task, f: OpenFile, vecs: IoVec[], pos: number | null, forWrite: boolean): SyscallResult {
  if (forWrite && f.writeRequest) return writeGathered(t, f, vecs);
  let done = 0;
  for (const v of vecs) {
    if (v.len === 0) continue;
    const at = pos === null ? null : pos + done;
    const r = forWrite ? writeFrom(t, f, v.base, v.len, at) : readInto(t, f, v.base, v.len, at);
    if (r instanceof Blocked || r < 0) return done > 0 ? done : r;
    done += r;
    if (r < v.len) break;
  }
  return done;
}

/** writev to a file that takes whole requests (a pipe): one request, so that PIPE_BUF atomicity covers it. */
function writeGathered(t: Task, f: OpenFile, vecs: IoVec[]): SyscallResult {
  const all: Uint8Array[] = [];
  for (const v of vecs) {
    if (v.len === 0) continue;
    const bufs = t.mm.userBuffers(v.base, v.len, false);
    if (typeof bufs === "number") return -EFAULT;
    for (const b of bufs) all.push(b);
  }
  if (all.length === 0 || !f.writeRequest) return 0;
  return f.writeRequest(t, all);
}

function ioctl(_k: Kernel, t: Task, fd: number, cmd: number, arg: number): number {
  const f = t.files.getIo(fd);
  if (!f) return -EBADF;
  switch (cmd) {
    case FIOCLEX:
    case FIONCLEX:
      t.files.setCloexec(fd, cmd === FIOCLEX);
      return 0;
    case FIONBIO: {
      const on = t.mm.readU32(arg);
      if (on < 0) return -EFAULT;
      f.flags = on !== 0 ? f.flags | O_NONBLOCK : f.flags & ~O_NONBLOCK;
      return 0;
    }
    default:
      return f.ioctl(t, cmd, arg);
  }
}

const F_DUPFD = 0;
const F_GETFD = 1;
const F_SETFD = 2;
const F_GETFL = 3;
const F_SETFL = 4;
const F_DUPFD_CLOEXEC = 1030;
const FD_CLOEXEC = 1;
/** The status flags F_SETFL may change (fs/fcntl.c SETFL_MASK, less O_DIRECT/O_NOATIME/FASYNC which need more). */
const SETFL_MASK = O_APPEND | O_NONBLOCK;

function nofile(t: Task): number {
  return rlimitNumber(t.rlimits[RLIMIT_NOFILE].cur);
}

function fcntl(_k: Kernel, t: Task, fd: number, cmd: number, arg: number): SyscallResult {
  const f = t.files.get(fd);
  if (!f) return -EBADF;
  switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
      if (arg < 0 || arg >= nofile(t)) return -EINVAL;
      return t.files.install(f, cmd === F_DUPFD_CLOEXEC, nofile(t), arg);
    case F_GETFD:
      return t.files.getCloexec(fd) ? FD_CLOEXEC : 0;
    case F_SETFD:
      t.files.setCloexec(fd, (arg & FD_CLOEXEC) !== 0);
      return 0;
    case F_GETFL:
      return f.flags;
    case F_SETFL:
      f.flags = (f.flags & ~SETFL_MASK) | (arg & SETFL_MASK);
      return 0;
    default:
      return f.fcntl(t, cmd, arg) ?? -EINVAL;
  }
}

function dup3(_k: Kernel, t: Task, oldfd: number, newfd: number, flags: number): number {
  if ((flags & ~O_CLOEXEC) !== 0) return -EINVAL;
  if (oldfd === newfd) return -EINVAL;
  const f = t.files.get(oldfd);
  if (!f) return -EBADF;
  if (newfd < 0 || newfd >= nofile(t)) return -EBADF;
  t.files.installAt(newfd, f, (flags & O_CLOEXEC) !== 0);
  return newfd;
}

const CLOSE_RANGE_UNSHARE = 2;
const CLOSE_RANGE_CLOEXEC = 4;

/** fs/file.c close_range: closes (or marks close-on-exec) every open descriptor in [first, last]. */
function closeRange(k: Kernel, t: Task, first: number, last: number, flags: number): number {
  if ((flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) !== 0) return -EINVAL;
  if (first > last) return -EINVAL;
  // A table shared by CLONE_FILES is copied first, so that only this process loses the descriptors.
  if ((flags & CLOSE_RANGE_UNSHARE) !== 0) unshareFiles(k, t);
  for (const fd of t.files.openFds()) {
    if (fd < first || fd > last) continue;
    if ((flags & CLOSE_RANGE_CLOEXEC) !== 0) t.files.setCloexec(fd, true);
    else t.files.close(fd);
  }
  return 0;
}

export const ioSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_read, args: "dxu", fn: (_k, t, a) => read(t, int32(a[0]), a[1], a[2], null) },
  { nr: SYS.SYS_write, args: "dxu", fn: (k, t, a) => write(k, t, int32(a[0]), a[1], a[2], null) },
  { nr: SYS.SYS_pread64, args: "dxud", fn: (_k, t, a) => read(t, int32(a[0]), a[1], a[2], a[3]) },
  { nr: SYS.SYS_pwrite64, args: "dxud", fn: (k, t, a) => write(k, t, int32(a[0]), a[1], a[2], a[3]) },
  { nr: SYS.SYS_readv, args: "dxd", fn: (k, t, a) => vectored(k, t, int32(a[0]), a[1], int32(a[2]), null, false) },
  { nr: SYS.SYS_writev, args: "dxd", fn: (k, t, a) => vectored(k, t, int32(a[0]), a[1], int32(a[2]), null, true) },
  { nr: SYS.SYS_preadv, args: "dxdd", fn: (k, t, a) => vectored(k, t, int32(a[0]), a[1], int32(a[2]), a[3], false) },
  { nr: SYS.SYS_pwritev, args: "dxdd", fn: (k, t, a) => vectored(k, t, int32(a[0]), a[1], int32(a[2]), a[3], true) },
  {
    nr: SYS.SYS_lseek, args: "ddd", fn: (_k, t, a) => {
      const f = t.files.get(int32(a[0]));
      return f ? f.lseek(a[1], uint32(a[2])) : -EBADF;
    },
  },
  { nr: SYS.SYS_ioctl, args: "dxx", fn: (k, t, a) => ioctl(k, t, int32(a[0]), uint32(a[1]), a[2]) },
  { nr: SYS.SYS_fcntl, args: "ddx", fn: (k, t, a) => fcntl(k, t, int32(a[0]), int32(a[1]), a[2]) },
  {
    nr: SYS.SYS_dup, args: "d", fn: (_k, t, a) => {
      const f = t.files.get(int32(a[0]));
      return f ? t.files.install(f, false, nofile(t)) : -EBADF;
    },
  },
  { nr: SYS.SYS_dup3, args: "ddx", fn: (k, t, a) => dup3(k, t, int32(a[0]), int32(a[1]), int32(a[2])) },
  { nr: SYS.SYS_close_range, args: "uux", fn: (k, t, a) => closeRange(k, t, uint32(a[0]), uint32(a[1]), uint32(a[2])) },
];
