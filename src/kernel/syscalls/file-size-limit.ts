// RLIMIT_FSIZE (mm/filemap.c generic_write_check_limits, fs/attr.c
// inode_newsize_ok): a regular file may not grow past the limit. A write that
// starts at or beyond it fails with EFBIG and raises SIGXFSZ; one that
// crosses it is cut short; a truncate past it is EFBIG with SIGXFSZ.
import type { Inode } from "../../fs/inode.js";
import { O_APPEND, type OpenFile } from "../../fs/open-file.js";
import { EFBIG } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { RLIM_INFINITY, RLIMIT_FSIZE, rlimitNumber } from "../rlimits.js";
import { SI_USER } from "../siginfo.js";
import { SIGXFSZ } from "../signal-numbers.js";
import { sendSignal } from "../signals.js";
import type { Task } from "../task.js";

/** The soft limit in bytes, or null when unlimited. */
function fsizeLimit(t: Task): number | null {
  const cur = t.rlimits[RLIMIT_FSIZE].cur;
  return cur === RLIM_INFINITY ? null : rlimitNumber(cur);
}

// send_sig(SIGXFSZ, current, 0): to the writing thread, as from user space.
function raiseXfsz(k: Kernel, t: Task): number {
  sendSignal(k, t, { signo: SIGXFSZ, code: SI_USER, pid: t.tgid, uid: t.creds.uid }, false);
  return -EFBIG;
}

/** How many of `count` bytes a write at `pos` (null: the file offset) may store, or -EFBIG. */
export function writeLimit(k: Kernel, t: Task, f: OpenFile, pos: number | null, count: number): number {
  const inode = f.inode;
  if (count === 0 || inode === null || !inode.isRegular()) return count;
  const limit = fsizeLimit(t);
  if (limit === null) return count;
  const at = (f.flags & O_APPEND) !== 0 ? f.size() : pos ?? f.offset;
  if (at >= limit) return raiseXfsz(k, t);
  return Math.min(count, limit - at);
}

/** 0, or -EFBIG when growing `inode` to `size` would pass the limit. */
export function truncateLimit(k: Kernel, t: Task, inode: Inode, size: number): number {
  const limit = fsizeLimit(t);
  if (limit === null || size <= limit || size <= inode.stat().size) return 0;
  return raiseXfsz(k, t);
}
