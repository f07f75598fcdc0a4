// The open file description (Linux's `struct file`): what open() creates and
// dup()/fork() share — the status flags and the file offset.
import { EBADF, EINVAL, EISDIR, ENOTDIR, ENOTTY, ESPIPE, EOVERFLOW } from "../kernel/errno.js";
import type { Dentry } from "./dentry.js";
import { DEFAULT_POLLMASK, type PollState } from "./poll-events.js";
import type { Inode } from "./inode.js";
import { isRecordLockCommand, recordLockFcntl } from "./record-lock-fcntl.js";
import type { Blocked } from "../kernel/wait.js";
import type { Task } from "../kernel/task.js";
import type { DirEntry, Stat } from "./types.js";

export const O_ACCMODE = 3;
export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DSYNC = 0o10000;
export const O_DIRECT = 0o40000;
export const O_LARGEFILE = 0o100000;
export const O_DIRECTORY = 0o200000;
export const O_NOFOLLOW = 0o400000;
export const O_NOATIME = 0o1000000;
export const O_CLOEXEC = 0o2000000;
export const O_SYNC = 0o4010000;
export const O_PATH = 0o10000000;
export const O_TMPFILE = 0o20200000;

/** fcntl commands that only pipes answer (fs/pipe.c pipe_fcntl). */
export const F_SETPIPE_SZ = 1031;
export const F_GETPIPE_SZ = 1032;

export const SEEK_SET = 0;
export const SEEK_CUR = 1;
export const SEEK_END = 2;

/** Largest file offset (MAX_LFS_FILESIZE on 64-bit). */
const MAX_OFFSET = Number.MAX_SAFE_INTEGER;

export type IoResult = number | Blocked;

export abstract class OpenFile {
  offset = 0;
  /** Where the file was opened (for *at() calls relative to it, fchdir, /proc/PID/fd). */
  dentry: Dentry | null = null;
  /** How many descriptors refer to this description, across fd tables (kept by FdTable). */
  fdRefs = 0;

  constructor(
    readonly inode: Inode | null,
    public flags: number,
  ) {}

  get readable(): boolean {
    return (this.flags & O_ACCMODE) !== O_WRONLY && (this.flags & O_PATH) === 0;
  }
  get writable(): boolean {
    return (this.flags & O_ACCMODE) !== O_RDONLY && (this.flags & O_PATH) === 0;
  }

  /**
   * Reads into dest at `pos`, or at the file offset (advancing it) when pos
   * is null. `task` is the reader, for files whose reads depend on who asks
   * (a terminal stops a background process group with SIGTTIN).
   */
  read(_dest: Uint8Array, _pos: number | null, _task?: Task): IoResult {
    return -EINVAL;
  }
  write(_src: Uint8Array, _pos: number | null): IoResult {
    return -EINVAL;
  }
  /** Whether pread/pwrite/lseek apply (false for pipes, sockets and ttys: ESPIPE). */
  get seekable(): boolean {
    return true;
  }
  /** The size SEEK_END counts from. */
  size(): number {
    return this.inode ? this.inode.stat().size : 0;
  }

  lseek(offset: number, whence: number): number {
    if (!this.seekable) return -ESPIPE;
    let base: number;
    if (whence === 0) base = 0;
    else if (whence === 1) base = this.offset;
    else if (whence === 2) base = this.size();
    else return -EINVAL;
    const target = base + offset;
    if (target < 0) return -EINVAL;
    if (target > MAX_OFFSET) return -EOVERFLOW;
    this.offset = target;
    return target;
  }

  stat(): Stat | number {
    return this.inode ? this.inode.stat() : -EBADF;
  }

  /** Directory entries for getdents64; the offset counts entries. */
  entries(): DirEntry[] | number {
    return -ENOTDIR;
  }

  ioctl(_task: Task, _cmd: number, _arg: number): number {
    return -ENOTTY;
  }

  /** Readiness for poll/select/epoll; files that never block are always ready. */
  poll(): PollState {
    return { events: DEFAULT_POLLMASK, queues: [] };
  }

  /**
   * write(2)/writev(2) given the whole request as the user's buffers, for
   * files whose semantics need all of it at once (a pipe: PIPE_BUF atomicity,
   * progress across blocked attempts, SIGPIPE to the writer). Files without
   * it have write() called once per buffer instead.
   */
  writeRequest?(task: Task, bufs: Uint8Array[]): IoResult;

  /** fcntl commands particular to a kind of file; null when `cmd` is not one of them. */
  fcntl(task: Task, cmd: number, arg: number): number | Blocked | null {
    if (isRecordLockCommand(cmd)) return recordLockFcntl(task, this, cmd, arg);
    // get_pipe_info() fails on anything but a pipe.
    return cmd === F_SETPIPE_SZ || cmd === F_GETPIPE_SZ ? -EBADF : null;
  }

  /** Called when the last descriptor referring to this description is closed. */
  release(): void {}
}

/** A regular file whose content the inode serves by offset. */
export class InodeFile extends OpenFile {
  constructor(inode: Inode, flags: number) {
    super(inode, flags);
  }
  private get node(): Inode {
    return this.inode as Inode;
  }

  override read(dest: Uint8Array, pos: number | null): IoResult {
    const at = pos ?? this.offset;
    // Stores through MAP_SHARED mappings are visible to read() at once.
    this.node.mapped?.writeBackRange(at, dest.length);
    const n = this.node.readAt(at, dest);
    if (n > 0 && pos === null) this.offset += n;
    return n;
  }

  override write(src: Uint8Array, pos: number | null): IoResult {
    // O_APPEND writes at the end even for pwrite (Linux's documented bug).
    const at = (this.flags & O_APPEND) !== 0 ? this.size() : pos ?? this.offset;
    const mapped = this.node.mapped;
    mapped?.writeBackRange(at, src.length);
    const n = this.node.writeAt(at, src);
    if (n > 0) mapped?.reload(at, n);
    if (n > 0 && pos === null) this.offset = at + n;
    return n;
  }
}

/** A directory opened for reading its entries. */
export class DirectoryFile extends OpenFile {
  private cached: DirEntry[] | null = null;

  override read(): IoResult {
    return -EISDIR;
  }

  override entries(): DirEntry[] | number {
    // Snapshot at the first getdents (and after a rewind) so that offsets stay stable.
    if (this.cached === null || this.offset === 0) {
      const list = (this.inode as Inode).readdir();
      if (typeof list === "number") return list;
      this.cached = list;
    }
    return this.cached;
  }

  override size(): number {
    return 0;
  }
}
