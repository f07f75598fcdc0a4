// A process's file descriptor table: lowest free number first, a close-on-exec
// flag per descriptor, open file descriptions shared by dup and fork.
import { EBADF, EMFILE } from "../kernel/errno.js";
import { notifyClose } from "./inotify/fsnotify.js";
import { releaseLocks } from "./locks.js";
import { O_PATH, type OpenFile } from "./open-file.js";

interface FdEntry {
  file: OpenFile;
  cloexec: boolean;
}

/** Whether some descriptor still refers to f (epoll drops items whose file is gone, like eventpoll_release). */
export function isOpen(f: OpenFile): boolean {
  return f.fdRefs > 0;
}

function hold(f: OpenFile): void {
  f.fdRefs++;
}
/**
 * Lets go of one reference from `table`: the table's POSIX record locks on the
 * file go with any close (fs/locks.c locks_remove_posix), the description's
 * flock and OFD locks with its last close.
 */
function drop(f: OpenFile, table: FdTable): void {
  if (f.inode) releaseLocks(f.inode, table);
  f.fdRefs = Math.max(f.fdRefs, 1) - 1;
  if (f.fdRefs === 0) {
    if (f.inode) {
      releaseLocks(f.inode, f);
      if ((f.flags & O_PATH) === 0) notifyClose(f.dentry, f.inode, f.writable);
    }
    f.release();
  }
}

export class FdTable {
  private entries: (FdEntry | null)[] = [];

  get(fd: number): OpenFile | null {
    if (!Number.isInteger(fd) || fd < 0 || fd >= this.entries.length) return null;
    return this.entries[fd]?.file ?? null;
  }

  /**
   * Linux's fdget(): the file for an operation on its content or attributes,
   * where an O_PATH descriptor counts as not open (EBADF); get() is
   * fdget_raw(), for *at() dirfds, fstat, fchdir, dup, fcntl and close.
   */
  getIo(fd: number): OpenFile | null {
    const f = this.get(fd);
    return f !== null && (f.flags & O_PATH) === 0 ? f : null;
  }

  /** Installs `file` at the lowest free descriptor ≥ minFd, below `limit` (RLIMIT_NOFILE). */
  install(file: OpenFile, cloexec: boolean, limit: number, minFd = 0): number {
    let fd = minFd;
    while (fd < this.entries.length && this.entries[fd] !== null) fd++;
    if (fd >= limit) return -EMFILE;
    while (this.entries.length <= fd) this.entries.push(null);
    this.entries[fd] = { file, cloexec };
    hold(file);
    return fd;
  }

  /** Puts `file` at exactly `fd`, closing what was there (dup2/dup3). */
  installAt(fd: number, file: OpenFile, cloexec: boolean): void {
    while (this.entries.length <= fd) this.entries.push(null);
    const old = this.entries[fd];
    this.entries[fd] = { file, cloexec };
    hold(file);
    if (old) drop(old.file, this);
  }

  close(fd: number): number {
    const e = fd >= 0 && fd < this.entries.length ? this.entries[fd] : null;
    if (!e) return -EBADF;
    this.entries[fd] = null;
    drop(e.file, this);
    return 0;
  }

  getCloexec(fd: number): boolean | null {
    const e = this.entries[fd];
    return e ? e.cloexec : null;
  }
  setCloexec(fd: number, on: boolean): void {
    const e = this.entries[fd];
    if (e) e.cloexec = on;
  }

  /** Descriptor numbers in use, ascending (for /proc/PID/fd and close_range). */
  openFds(): number[] {
    const out: number[] = [];
    this.entries.forEach((e, i) => {
      if (e) out.push(i);
    });
    return out;
  }

  /** A copy sharing the same open file descriptions (fork without CLONE_FILES). */
  clone(): FdTable {
    const t = new FdTable();
    t.entries = this.entries.map((e) => {
      if (!e) return null;
      hold(e.file);
      return { file: e.file, cloexec: e.cloexec };
    });
    return t;
  }

  closeOnExec(): void {
    this.entries.forEach((e, i) => {
      if (e?.cloexec) this.close(i);
    });
  }

  closeAll(): void {
    this.entries.forEach((e, i) => {
      if (e) this.close(i);
    });
  }
}
