// Resolving the (dirfd, pathname, flags) triple of the *at() syscalls.
import type { Dentry } from "../../fs/dentry.js";
import type { OpenFile } from "../../fs/open-file.js";
import { PATH_MAX, walk, type WalkOptions } from "../../fs/path-walk.js";
import { MAY_EXEC, permission } from "../../fs/permission.js";
import { EBADF, ENOENT, ENOTDIR } from "../errno.js";
import type { Task } from "../task.js";

export const AT_FDCWD = -100;
export const AT_SYMLINK_NOFOLLOW = 0x100;
export const AT_EACCESS = 0x200;
export const AT_REMOVEDIR = 0x200;
export const AT_SYMLINK_FOLLOW = 0x400;
export const AT_NO_AUTOMOUNT = 0x800;
export const AT_EMPTY_PATH = 0x1000;
export const AT_STATX_SYNC_TYPE = 0x6000;

/** Reads a pathname argument: -EFAULT, -ENAMETOOLONG, or the string. */
export function readPath(t: Task, addr: number): string | number {
  return t.mm.readCString(addr, PATH_MAX);
}

/** The directory a relative path starts from: the cwd or the directory open on dirfd. */
export function startDir(t: Task, dirfd: number, path: string): Dentry | number {
  // An empty name fails before dirfd is looked at (getname), unless AT_EMPTY_PATH was handled earlier.
  if (path.length === 0) return -ENOENT;
  if (path.startsWith("/") || dirfd === AT_FDCWD) return t.fs.cwd;
  const f = t.files.get(dirfd);
  if (!f) return -EBADF;
  if (!f.dentry || !f.dentry.inode.isDirectory()) return -ENOTDIR;
  return f.dentry;
}

/** Walk options for `t`: directories walked through need search (execute) permission. */
export function walkOptions(t: Task, followFinal: boolean): WalkOptions {
  return { followFinal, mayExec: (dir) => permission(dir, MAY_EXEC, t.creds) };
}

export function lookupAt(t: Task, dirfd: number, path: string, followFinal: boolean): Dentry | number {
  const start = startDir(t, dirfd, path);
  if (typeof start === "number") return start;
  return walk(t.fs, start, path, walkOptions(t, followFinal));
}

/** What an *at() call names: a path, or with AT_EMPTY_PATH and "" the open file on dirfd itself. */
export type AtTarget = { dentry: Dentry; file: null } | { dentry: null; file: OpenFile };

export function resolveAt(t: Task, dirfd: number, pathAddr: number, flags: number): AtTarget | number {
  const path = readPath(t, pathAddr);
  if (typeof path === "number") return path;
  if (path.length === 0) {
    if ((flags & AT_EMPTY_PATH) === 0) return -ENOENT;
    if (dirfd === AT_FDCWD) return { dentry: t.fs.cwd, file: null };
    const f = t.files.get(dirfd);
    if (!f) return -EBADF;
    return { dentry: null, file: f };
  }
  const d = lookupAt(t, dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) === 0);
  if (typeof d === "number") return d;
  return { dentry: d, file: null };
}
