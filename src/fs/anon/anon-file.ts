// Files with no inode in any tree (fs/anon_inodes.c): eventfd, epoll,
// timerfd and signalfd descriptions all share one anonymous inode, which is
// what fstat reports for them (mode 0600 with no type bits, owned by root).
import { fsNow } from "../fs-clock.js";
import { OpenFile } from "../open-file.js";
import { makeDev, type Stat } from "../types.js";

/** anon_inodefs's device; its single inode number. */
const ANON_DEV = makeDev(0, 0x0e);
const ANON_INO = 0x0d;
const PAGE_SIZE = 4096;

export abstract class AnonFile extends OpenFile {
  /** The name anon_inode_getfile gave it, shown by /proc/PID/fd as "anon_inode:NAME" ("[eventfd]"...). */
  abstract readonly anonName: string;

  constructor(flags: number) {
    super(null, flags);
  }

  /** The lines its show_fdinfo adds to /proc/PID/fdinfo/N after "ino:" (none by default). */
  fdinfo(): string {
    return "";
  }

  override get seekable(): boolean {
    return false;
  }

  /** eventfd, epoll, timerfd and signalfd use noop_llseek: lseek succeeds and moves nothing. */
  override lseek(): number {
    return this.offset;
  }

  override stat(): Stat {
    const now = fsNow();
    return {
      dev: ANON_DEV, ino: ANON_INO, mode: 0o600, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0,
      blksize: PAGE_SIZE, blocks: 0, atime: now, mtime: now, ctime: now,
    };
  }
}

/** Concatenates a write request's page-split buffers (an 8-byte value may straddle a page). */
export function gather(bufs: Uint8Array[]): Uint8Array {
  if (bufs.length === 1) return bufs[0];
  const total = bufs.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const b of bufs) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
