// splice, tee and vmsplice (fs/splice.c): moving data between a pipe and
// another file, between two pipes, or between a pipe and user memory,
// without a trip through a user buffer. Aramid's pipes hold copies rather
// than page references, so the data is copied through a kernel buffer; the
// pipe side is read with peek() and consumed only as far as the destination
// took it, so an attempt that blocks has changed nothing and simply re-runs.
import { O_APPEND, O_NONBLOCK, type OpenFile } from "../../fs/open-file.js";
import { ByteSource, type Pipe, PipeFile } from "../../fs/pipe.js";
import { EAGAIN, EBADF, EFAULT, EINVAL, EPIPE, ESPIPE } from "../errno.js";
import type { Kernel } from "../kernel.js";
import type { Task } from "../task.js";
import { Blocked } from "../wait.js";
import { writeLimit } from "./file-size-limit.js";
import { notified, readIovecs } from "./io.js";
import * as SYS from "./numbers.js";
import { pipeKernel } from "./pipe.js";
import { int32, uint32, unsigned, type SyscallDef, type SyscallResult } from "./syscall.js";

const SPLICE_F_MOVE = 1;
const SPLICE_F_NONBLOCK = 2;
const SPLICE_F_MORE = 4;
const SPLICE_F_GIFT = 8;
const SPLICE_F_ALL = SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT;

/** fs/read_write.c MAX_RW_COUNT: no single transfer moves more. */
const MAX_RW_COUNT = 0x7ffff000;
const PAGE_SIZE = 4096;

/** Kernel buffer the data passes through, grown to the largest pipe seen (at most pipe-max-size or what root set). */
let scratch = new Uint8Array(1 << 16);
function scratchOf(n: number): Uint8Array {
  if (scratch.length < n) scratch = new Uint8Array(n);
  return scratch.subarray(0, n);
}

function pipeOf(f: OpenFile): Pipe | null {
  return f instanceof PipeFile ? f.pipe : null;
}

/** No reader left on a pipe being filled: SIGPIPE and EPIPE (send_sig in wait_for_space/opipe_prep). */
function broken(k: Kernel, t: Task): number {
  pipeKernel(k).brokenPipe(t);
  return -EPIPE;
}

/** ipipe_prep: null once the input has data or can have no more; else EAGAIN or a sleep. */
function inputReady(p: Pipe, nonblock: boolean): SyscallResult | null {
  if (!p.empty || p.writers === 0) return null;
  return nonblock ? -EAGAIN : p.readSleep;
}

/** opipe_prep / wait_for_space: null once the output has a free slot; else EPIPE, EAGAIN or a sleep. */
function outputReady(k: Kernel, t: Task, p: Pipe, nonblock: boolean): SyscallResult | null {
  if (!p.full) return null;
  if (p.readers === 0) return broken(k, t);
  return nonblock ? -EAGAIN : p.writeSleep;
}

/** splice_pipe_to_pipe (copy = false) and link_pipe (tee, copy = true). */
function pipeToPipe(k: Kernel, t: Task, ip: Pipe, op: Pipe, len: number, nonblock: boolean, copy: boolean): SyscallResult {
  const wait = inputReady(ip, nonblock) ?? outputReady(k, t, op, nonblock);
  if (wait !== null) return wait;
  if (op.readers === 0) return broken(k, t);
  // Whole slots move, so the free slots of the output bound how much of the input goes.
  const n = Math.min(len, ip.frontBytes(op.freeSlots));
  if (n === 0) return 0;
  const buf = scratchOf(n);
  ip.peek(buf);
  const r = op.append(new ByteSource([buf]));
  if (!copy) ip.consume(r.written);
  return r.written;
}

/** splice_file_to_pipe: one read of the file, as much as the pipe's free slots hold. */
function fileToPipe(k: Kernel, t: Task, f: OpenFile, op: Pipe, pos: number | null, len: number, nonblock: boolean): SyscallResult {
  const wait = outputReady(k, t, op, nonblock);
  if (wait !== null) return wait;
  if (op.readers === 0) return broken(k, t);
  const want = Math.min(len, op.freeSlots * PAGE_SIZE);
  const buf = scratchOf(want);
  let got = 0;
  while (got < want) {
    const r = f.read(buf.subarray(got), pos === null ? null : pos + got, t);
    if (r instanceof Blocked || r < 0) {
      if (got > 0) break;
      return r;
    }
    if (r === 0) break;
    got += r;
    if (!f.seekable) break;
  }
  if (got === 0) return 0;
  return op.append(new ByteSource([buf.subarray(0, got)])).written;
}

/** iter_file_splice_write / splice_to_socket: what the pipe holds (up to len) written to the file. */
function pipeToFile(k: Kernel, t: Task, ip: Pipe, f: OpenFile, pos: number | null, len: number, nonblock: boolean): SyscallResult {
  if (ip.empty) {
    if (ip.writers === 0) return 0;
    return nonblock ? -EAGAIN : ip.readSleep;
  }
  const limit = writeLimit(k, t, f, pos, Math.min(len, ip.available));
  if (limit < 0) return limit;
  const buf = scratchOf(limit);
  ip.peek(buf);
  const r = writeKernel(t, f, buf, pos);
  if (typeof r === "number" && r > 0) ip.consume(r);
  return r;
}

/** Writes a kernel buffer to a file: as one request where the file takes those (a socket), else piecewise. */
function writeKernel(t: Task, f: OpenFile, buf: Uint8Array, pos: number | null): SyscallResult {
  if (f.writeRequest) return f.writeRequest(t, [buf]);
  let done = 0;
  while (done < buf.length) {
    const r = f.write(buf.subarray(done), pos === null ? null : pos + done);
    if (r instanceof Blocked || r < 0) return done > 0 ? done : r;
    if (r === 0) break;
    done += r;
  }
  return done;
}

/** Reads the loff_t at addr: null when addr is NULL, "fault" when unreadable. */
function readOffset(t: Task, addr: number): number | null | "fault" {
  if (addr === 0) return null;
  const v = t.mm.readU64(addr);
  if (typeof v === "number") return "fault";
  return Number(BigInt.asIntN(64, v));
}

function splice(
  k: Kernel, t: Task, fdIn: number, offInAddr: number, fdOut: number, offOutAddr: number, len: number, flags: number,
): SyscallResult {
  if (len === 0) return 0;
  if ((flags & ~SPLICE_F_ALL) !== 0) return -EINVAL;
  const fin = t.files.get(fdIn);
  const fout = t.files.get(fdOut);
  if (!fin || !fout) return -EBADF;
  const ip = pipeOf(fin);
  const op = pipeOf(fout);
  if ((ip && offInAddr !== 0) || (op && offOutAddr !== 0)) return -ESPIPE;
  const offIn = readOffset(t, offInAddr);
  const offOut = readOffset(t, offOutAddr);
  if (offIn === "fault" || offOut === "fault") return -EFAULT;
  if (!fin.readable || !fout.writable) return -EBADF;
  let nonblock = (flags & SPLICE_F_NONBLOCK) !== 0;
  const n = Math.min(len, MAX_RW_COUNT);
  if (ip && op) {
    if (ip === op) return -EINVAL;
    if (((fin.flags | fout.flags) & O_NONBLOCK) !== 0) nonblock = true;
    return pipeToPipe(k, t, ip, op, n, nonblock, false);
  }
  if (ip) {
    // FMODE_PWRITE: an offset needs a seekable output.
    if (offOut !== null && !fout.seekable) return -EINVAL;
    if ((fout.flags & O_APPEND) !== 0) return -EINVAL;
    if (offOut !== null && offOut < 0) return -EINVAL;
    if ((fin.flags & O_NONBLOCK) !== 0) nonblock = true;
    const r = notified(fout, pipeToFile(k, t, ip, fout, offOut, n, nonblock), true);
    return storeOffset(t, offOutAddr, offOut, r);
  }
  if (op) {
    if (offIn !== null && !fin.seekable) return -EINVAL;
    if (offIn !== null && offIn < 0) return -EINVAL;
    if ((fout.flags & O_NONBLOCK) !== 0) nonblock = true;
    const r = notified(fin, fileToPipe(k, t, fin, op, offIn, n, nonblock), false);
    return storeOffset(t, offInAddr, offIn, r);
  }
  return -EINVAL;
}

/** With an offset pointer, the transfer moves *off instead of the file position. */
function storeOffset(t: Task, addr: number, off: number | null, r: SyscallResult): SyscallResult {
  if (off === null || typeof r !== "number" || r < 0) return r;
  return t.mm.writeU64(addr, BigInt(off + r)) < 0 ? -EFAULT : r;
}

function tee(k: Kernel, t: Task, fdIn: number, fdOut: number, len: number, flags: number): SyscallResult {
  if ((flags & ~SPLICE_F_ALL) !== 0) return -EINVAL;
  if (len === 0) return 0;
  const fin = t.files.get(fdIn);
  const fout = t.files.get(fdOut);
  if (!fin || !fout) return -EBADF;
  if (!fin.readable || !fout.writable) return -EBADF;
  const ip = pipeOf(fin);
  const op = pipeOf(fout);
  if (!ip || !op || ip === op) return -EINVAL;
  const nonblock = (flags & SPLICE_F_NONBLOCK) !== 0 || ((fin.flags | fout.flags) & O_NONBLOCK) !== 0;
  return pipeToPipe(k, t, ip, op, Math.min(len, MAX_RW_COUNT), nonblock, true);
}

/** vmsplice: user memory into the pipe through its write end, or out of it through its read end. */
function vmsplice(k: Kernel, t: Task, fd: number, iov: number, nrSegs: number, flags: number): SyscallResult {
  if ((flags & ~SPLICE_F_ALL) !== 0) return -EINVAL;
  const f = t.files.get(fd);
  if (!f || (!f.writable && !f.readable)) return -EBADF;
  const vecs = readIovecs(t, iov, nrSegs);
  if (typeof vecs === "number") return vecs;
  const total = vecs.reduce((sum, v) => sum + v.len, 0);
  if (total === 0) return 0;
  const p = pipeOf(f);
  if (!p) return -EBADF;
  const nonblock = (flags & SPLICE_F_NONBLOCK) !== 0;
  const user: Uint8Array[] = [];
  for (const v of vecs) {
    if (v.len === 0) continue;
    const bufs = t.mm.userBuffers(v.base, v.len, !f.writable);
    if (typeof bufs === "number") return -EFAULT;
    for (const b of bufs) user.push(b);
  }
  return f.writable ? userToPipe(k, t, p, user, nonblock) : pipeToUser(p, user, total, nonblock);
}

/** vmsplice_to_pipe: wait for a free slot, then as much as the free slots hold. */
function userToPipe(k: Kernel, t: Task, p: Pipe, user: Uint8Array[], nonblock: boolean): SyscallResult {
  const wait = outputReady(k, t, p, nonblock);
  if (wait !== null) return wait;
  if (p.readers === 0) return broken(k, t);
  return p.append(new ByteSource(user)).written;
}

/** vmsplice_to_user: like readv of the pipe. */
function pipeToUser(p: Pipe, user: Uint8Array[], total: number, nonblock: boolean): SyscallResult {
  if (p.empty) {
    if (p.writers === 0) return 0;
    return nonblock ? -EAGAIN : p.readSleep;
  }
  const buf = scratchOf(Math.min(total, p.available));
  const n = p.peek(buf);
  let at = 0;
  for (const d of user) {
    if (at >= n) break;
    const step = Math.min(d.length, n - at);
    d.set(buf.subarray(at, at + step));
    at += step;
  }
  p.consume(n);
  return n;
}

export const spliceSyscalls: SyscallDef[] = [
  {
    nr: SYS.SYS_splice, args: "dxdxux",
    fn: (k, t, a) => splice(k, t, int32(a[0]), a[1], int32(a[2]), a[3], unsigned(a[4]), uint32(a[5])),
  },
  { nr: SYS.SYS_tee, args: "ddux", fn: (k, t, a) => tee(k, t, int32(a[0]), int32(a[1]), unsigned(a[2]), uint32(a[3])) },
  {
    nr: SYS.SYS_vmsplice, args: "dxux",
    fn: (k, t, a) => vmsplice(k, t, int32(a[0]), a[1], Math.min(unsigned(a[2]), 2 ** 31), uint32(a[3])),
  },
];
