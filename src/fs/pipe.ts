// Anonymous pipes (Linux's fs/pipe.c). A pipe is a ring of page-sized
// buffers ("slots"); its capacity is a number of slots, not bytes. A write
// first tries to merge its sub-page remainder into the last slot and then
// fills whole new slots, so a write of at most PIPE_BUF (= one page) bytes
// always lands in one step: either it merges, or it takes one free slot, or
// it waits — which is what makes such writes atomic, exactly as in Linux.
//
// Not here yet: named FIFOs (Pipe.open already counts O_RDWR opens, but the
// open-time waiting for the other side is not written), and the per-user
// pipe-user-pages-soft/hard accounting.
import { EAGAIN, EBUSY, EFAULT, EINVAL, ENOTTY, EPERM, EPIPE } from "../kernel/errno.js";
import { CAP_SYS_RESOURCE, capable } from "../kernel/capabilities.js";
import type { Task } from "../kernel/task.js";
import { Blocked, WaitQueue } from "../kernel/wait.js";
import {
  F_GETPIPE_SZ, F_SETPIPE_SZ, O_ACCMODE, O_DIRECT, O_NONBLOCK, O_RDONLY, O_WRONLY, OpenFile, type IoResult,
} from "./open-file.js";
import { POLLERR, POLLHUP, POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM, type PollState } from "./poll-events.js";
import { makeDev, S_IFIFO, type Stat, type Timestamp } from "./types.js";

const PAGE_SIZE = 4096;
/** Writes of at most this many bytes are never interleaved with other writers'. */
export const PIPE_BUF = PAGE_SIZE;
/** Slots in a new pipe: 64 KiB. */
export const PIPE_DEF_BUFFERS = 16;
/** /proc/sys/fs/pipe-max-size: the largest size F_SETPIPE_SZ grants without CAP_SYS_RESOURCE. */
export const PIPE_MAX_SIZE = 1 << 20;

export const FIONREAD = 0x541b;
export { F_GETPIPE_SZ, F_SETPIPE_SZ };

/** st_dev of pipefs (the same anonymous device the host-stdio pipes report). */
export const PIPEFS_DEV = makeDev(0, 0x0c);

// pipe_buffer flags.
const BUF_CAN_MERGE = 1;
const BUF_PACKET = 2;

class PipeBuffer {
  offset = 0;
  len = 0;
  constructor(
    readonly page: Uint8Array,
    readonly flags: number,
  ) {}
}

/** Below this many bytes a loop beats subarray()+set(), which allocate a view per copy. */
const SMALL_COPY = 128;

/** dest[at..at+n) = src[from..from+n), without allocating for small copies. */
function copyBytes(dest: Uint8Array, at: number, src: Uint8Array, from: number, n: number): void {
  if (n < SMALL_COPY) for (let i = 0; i < n; i++) dest[at + i] = src[from + i];
  else dest.set(src.subarray(from, from + n), at);
}

/** pipefs inode numbers; they start above the host-stdio pipes' 1–3. */
let nextIno = 0x1000;

/**
 * The rest of one write request: the user's buffers (one per page, as the
 * memory manager hands them out), less what earlier attempts already wrote.
 */
export class ByteSource {
  private index = 0;
  private offset = 0;
  remaining: number;

  constructor(
    private readonly bufs: readonly Uint8Array[],
    skip = 0,
  ) {
    this.remaining = bufs.reduce((n, b) => n + b.length, 0);
    this.advance(skip);
  }

  private advance(n: number): void {
    this.remaining -= n;
    this.offset += n;
    // Step over consumed (and empty) buffers; the skip of a re-run may span several.
    while (this.index < this.bufs.length && this.offset >= this.bufs[this.index].length) {
      this.offset -= this.bufs[this.index].length;
      this.index++;
    }
  }

  /** Copies the next `n` bytes (n ≤ remaining) into dest at `at`. */
  copyTo(dest: Uint8Array, at: number, n: number): void {
    let done = 0;
    while (done < n) {
      const b = this.bufs[this.index];
      const step = Math.min(b.length - this.offset, n - done);
      copyBytes(dest, at + done, b, this.offset, step);
      done += step;
      this.advance(step);
    }
  }
}

/** How one write attempt ended: everything written, out of slots, or no readers left. */
export interface WriteAttempt {
  written: number;
  stop: "done" | "full" | "broken";
}

/** fs/pipe.c round_pipe_size: a power-of-two number of pages, at least one; 0 when too large. */
export function roundPipeSize(size: number): number {
  if (size > 2 ** 31) return 0;
  let p = PAGE_SIZE;
  while (p < size) p *= 2;
  return p;
}

/** The pipe itself (struct pipe_inode_info), shared by its read and write ends. */
export class Pipe {
  private bufs: PipeBuffer[] = [];
  /** One freed page kept for the next slot (Linux's tmp_page), to spare the allocator. */
  private spare: Uint8Array | null = null;
  /** Capacity in slots. */
  maxUsage = PIPE_DEF_BUFFERS;
  readers = 0;
  writers = 0;
  /** Opens for writing so far (pipe->w_counter): a reader sees HUP only once a writer came and went. */
  writerOpens = 0;
  /** Readers wait here for data or for the last writer to go; writers for room or the last reader. */
  readonly rdWait = new WaitQueue();
  readonly wrWait = new WaitQueue();
  /** The sleeps of a reader waiting for data and of a writer waiting for room: shared by every sleeper, so frozen. */
  readonly readSleep: Blocked = Object.freeze(new Blocked([this.rdWait]));
  readonly writeSleep: Blocked = Object.freeze(new Blocked([this.wrWait]));
  readonly ino = nextIno++;
  atime: Timestamp;
  mtime: Timestamp;
  ctime: Timestamp;

  constructor(
    /** Realtime clock for the inode's timestamps. */
    private readonly now: () => Timestamp,
    readonly uid = 0,
    readonly gid = 0,
  ) {
    const t = now();
    this.atime = t;
    this.mtime = t;
    this.ctime = t;
  }

  get full(): boolean {
    return this.bufs.length >= this.maxUsage;
  }
  get empty(): boolean {
    return this.bufs.length === 0;
  }
  /** Slots in use. */
  get occupancy(): number {
    return this.bufs.length;
  }
  /** Bytes waiting to be read (FIONREAD). */
  get available(): number {
    return this.bufs.reduce((n, b) => n + b.len, 0);
  }
  /** Capacity in bytes (F_GETPIPE_SZ). */
  get size(): number {
    return this.maxUsage * PAGE_SIZE;
  }

  /**
   * pipe_read: takes what is there, up to dest.length (one packet at most
   * for a packet slot). Blocks only when nothing at all was read.
   */
  read(dest: Uint8Array, nonblock: boolean): IoResult {
    if (dest.length === 0) return 0;
    const got = this.take(dest);
    if (got > 0) {
      this.atime = this.now();
      return got;
    }
    if (this.writers === 0) return 0;
    if (nonblock) return -EAGAIN;
    return this.readSleep;
  }

  private take(dest: Uint8Array): number {
    let got = 0;
    let want = dest.length;
    let freed = false;
    while (want > 0 && this.bufs.length > 0) {
      const buf = this.bufs[0];
      const n = Math.min(buf.len, want);
      copyBytes(dest, got, buf.page, buf.offset, n);
      got += n;
      buf.offset += n;
      buf.len -= n;
      // A packet is read whole or not at all: what did not fit is dropped.
      if ((buf.flags & BUF_PACKET) !== 0) {
        want = n;
        buf.len = 0;
      }
      if (buf.len === 0) {
        this.bufs.shift();
        this.spare = buf.page;
        freed = true;
      }
      want -= n;
    }
    if (freed) this.wrWait.notifyAll();
    return got;
  }

  /**
   * One attempt of pipe_write. `fresh` is false when an earlier attempt of the
   * same write blocked: Linux checks for readers and merges into the last slot
   * only once, at the start of the call, then fills whole slots after waiting.
   */
  write(src: ByteSource, fresh: boolean, packet: boolean): WriteAttempt {
    if (this.readers === 0) return { written: 0, stop: "broken" };
    let written = fresh ? this.merge(src) : 0;
    for (;;) {
      if (src.remaining === 0) return this.wrote(written, "done");
      if (this.readers === 0) return this.wrote(written, "broken");
      if (this.full) return this.wrote(written, "full");
      const buf = new PipeBuffer(this.page(), packet ? BUF_PACKET : BUF_CAN_MERGE);
      const n = Math.min(PAGE_SIZE, src.remaining);
      src.copyTo(buf.page, 0, n);
      buf.len = n;
      this.bufs.push(buf);
      written += n;
    }
  }

  /** Puts the request's sub-page remainder into the last slot when it fits there whole. */
  private merge(src: ByteSource): number {
    const chars = src.remaining & (PAGE_SIZE - 1);
    const last = this.bufs[this.bufs.length - 1];
    if (chars === 0 || last === undefined || (last.flags & BUF_CAN_MERGE) === 0) return 0;
    const end = last.offset + last.len;
    if (end + chars > PAGE_SIZE) return 0;
    src.copyTo(last.page, end, chars);
    last.len += chars;
    return chars;
  }

  private wrote(written: number, stop: WriteAttempt["stop"]): WriteAttempt {
    if (written > 0) {
      const t = this.now();
      this.mtime = t;
      this.ctime = t;
      this.rdWait.notifyAll();
    }
    return { written, stop };
  }

  private page(): Uint8Array {
    const p = this.spare;
    this.spare = null;
    return p ?? new Uint8Array(PAGE_SIZE);
  }

  /**
   * For splice/tee/vmsplice, which move data without a user buffer: copies up
   * to dest.length bytes from the front without consuming them, so that the
   * caller consumes only what its destination took.
   */
  peek(dest: Uint8Array): number {
    let got = 0;
    for (const buf of this.bufs) {
      if (got >= dest.length) break;
      const n = Math.min(buf.len, dest.length - got);
      copyBytes(dest, got, buf.page, buf.offset, n);
      got += n;
    }
    return got;
  }

  /** Bytes held in the first `slots` slots: what moving whole slots (splice between pipes) can carry. */
  frontBytes(slots: number): number {
    let n = 0;
    for (let i = 0; i < slots && i < this.bufs.length; i++) n += this.bufs[i].len;
    return n;
  }

  /** Free slots. */
  get freeSlots(): number {
    return Math.max(0, this.maxUsage - this.bufs.length);
  }

  /** Drops the first n bytes (n ≤ available) as a read of them would, waking writers. */
  consume(n: number): void {
    let left = n;
    while (left > 0 && this.bufs.length > 0) {
      const buf = this.bufs[0];
      const step = Math.min(buf.len, left);
      buf.offset += step;
      buf.len -= step;
      left -= step;
      if (buf.len === 0) {
        this.bufs.shift();
        this.spare = buf.page;
      }
    }
    if (n > 0) {
      this.atime = this.now();
      this.wrWait.notifyAll();
    }
  }

  /** Appends kernel bytes in new slots (no merge: splice adds whole buffers), as far as slots are free. */
  append(src: ByteSource): WriteAttempt {
    return this.write(src, false, false);
  }

  /** pipe_set_size: F_SETPIPE_SZ with the argument as the unsigned int Linux takes. */
  setSize(arg: number, privileged: boolean): number {
    const size = roundPipeSize(arg);
    const slots = size / PAGE_SIZE;
    if (slots === 0) return -EINVAL;
    // Growing past pipe-max-size needs CAP_SYS_RESOURCE; shrinking is always allowed.
    if (slots > this.maxUsage && size > PIPE_MAX_SIZE && !privileged) return -EPERM;
    if (slots < this.bufs.length) return -EBUSY;
    this.maxUsage = slots;
    this.wrWait.notifyAll();
    return this.size;
  }

  /** A new open file description on this pipe, counted as a reader and/or writer by its access mode. */
  open(flags: number, kernel: PipeKernel): PipeFile {
    const mode = flags & O_ACCMODE;
    const file = new PipeFile(this, flags, kernel);
    // fifo_open: a non-blocking reader that finds no writer suppresses POLLHUP until one has opened.
    if (mode === O_RDONLY && this.writers === 0 && (flags & O_NONBLOCK) !== 0) file.hupAfterOpens = this.writerOpens;
    if (mode !== O_WRONLY) this.readers++;
    if (mode !== O_RDONLY) {
      this.writers++;
      this.writerOpens++;
    }
    return file;
  }

  /** The last close of a description: its side may be gone, so wake the other side to notice. */
  close(flags: number): void {
    const mode = flags & O_ACCMODE;
    if (mode !== O_WRONLY && --this.readers === 0) this.wrWait.notifyAll();
    if (mode !== O_RDONLY && --this.writers === 0) this.rdWait.notifyAll();
  }
}

/** What a pipe needs from the kernel about the task writing to it. */
export interface PipeKernel {
  /** Sends SIGPIPE to the writer. */
  brokenPipe(t: Task): void;
  /** Whether t has a signal pending that it does not block (signal_pending()). */
  signalPending(t: Task): boolean;
}

/** Progress of a write that blocked, kept in the task's syscallState for the re-run. */
class PipeWriteProgress {
  constructor(
    readonly pipe: Pipe,
    readonly done: number,
  ) {}
}

/** One end of a pipe (the read end O_RDONLY, the write end O_WRONLY). */
export class PipeFile extends OpenFile {
  /** The access mode it was opened with: F_SETFL cannot change it, and close must undo it. */
  private readonly openMode: number;
  /** The pipe's writerOpens at which this reader does not see HUP yet (f_pipe); -1: always may. */
  hupAfterOpens = -1;

  constructor(
    readonly pipe: Pipe,
    flags: number,
    private readonly kernel: PipeKernel,
  ) {
    super(null, flags);
    this.openMode = flags & O_ACCMODE;
  }

  override get seekable(): boolean {
    return false;
  }

  private get nonblock(): boolean {
    return (this.flags & O_NONBLOCK) !== 0;
  }

  override read(dest: Uint8Array): IoResult {
    return this.pipe.read(dest, this.nonblock);
  }

  /**
   * A write with no task to signal or to keep progress in (kernel-internal
   * callers): whatever one attempt achieves, and EPIPE without SIGPIPE.
   */
  override write(src: Uint8Array): IoResult {
    if (src.length === 0) return 0;
    const r = this.pipe.write(new ByteSource([src]), true, this.packet);
    if (r.written > 0) return r.written;
    if (r.stop === "broken") return -EPIPE;
    return this.nonblock ? -EAGAIN : this.pipe.writeSleep;
  }

  /** O_DIRECT on the write end: every slot written is a packet. */
  private get packet(): boolean {
    return (this.flags & O_DIRECT) !== 0;
  }

  /**
   * write(2)/writev(2) on the write end, the whole request at once. A write
   * that blocks keeps its progress in t.syscallState, so the re-run goes on
   * where it stopped and the count returned at the end covers every attempt.
   */
  override writeRequest(t: Task, bufs: Uint8Array[]): IoResult {
    const prev = t.syscallState instanceof PipeWriteProgress && t.syscallState.pipe === this.pipe ? t.syscallState : null;
    const before = prev?.done ?? 0;
    const src = new ByteSource(bufs, before);
    if (src.remaining === 0) return before;
    const r = this.pipe.write(src, prev === null, this.packet);
    const done = before + r.written;
    if (r.stop === "done") return done;
    if (r.stop === "broken") {
      // Linux signals even when part of the request went through.
      this.kernel.brokenPipe(t);
      return done > 0 ? done : -EPIPE;
    }
    if (this.nonblock) return done > 0 ? done : -EAGAIN;
    // A signal ends a write that got somewhere with the count so far (`ret ?: -ERESTARTSYS`).
    if (done > 0 && this.kernel.signalPending(t)) return done;
    t.syscallState = new PipeWriteProgress(this.pipe, done);
    const b = new Blocked([this.pipe.wrWait]);
    // With nothing written the kernel's ERESTARTSYS rules apply; once something
    // is, a signal must run the call again (to return that count), never restart it.
    if (done > 0) b.onSignal = "rerun";
    return b;
  }

  override stat(): Stat {
    const p = this.pipe;
    return {
      dev: PIPEFS_DEV, ino: p.ino, mode: S_IFIFO | 0o600, nlink: 1, uid: p.uid, gid: p.gid,
      rdev: 0, size: 0, blksize: PAGE_SIZE, blocks: 0, atime: p.atime, mtime: p.mtime, ctime: p.ctime,
    };
  }

  override ioctl(task: Task, cmd: number, arg: number): number {
    if (cmd !== FIONREAD) return -ENOTTY;
    return task.mm.writeU32(arg, this.pipe.available) < 0 ? -EFAULT : 0;
  }

  override fcntl(t: Task, cmd: number, arg: number): number | null {
    if (cmd === F_GETPIPE_SZ) return this.pipe.size;
    if (cmd === F_SETPIPE_SZ) return this.pipe.setSize(arg >>> 0, capable(t, CAP_SYS_RESOURCE));
    return null;
  }

  /** pipe_poll: readable when not empty, writable when a slot is free; HUP with no writers, ERR with no readers. */
  override poll(): PollState {
    const p = this.pipe;
    let events = 0;
    if (this.openMode !== O_WRONLY) {
      if (!p.empty) events |= POLLIN | POLLRDNORM;
      if (p.writers === 0 && p.writerOpens !== this.hupAfterOpens) events |= POLLHUP;
    }
    if (this.openMode !== O_RDONLY) {
      if (!p.full) events |= POLLOUT | POLLWRNORM;
      if (p.readers === 0) events |= POLLERR;
    }
    return { events, queues: [p.rdWait, p.wrWait] };
  }

  override release(): void {
    this.pipe.close(this.openMode);
  }
}
