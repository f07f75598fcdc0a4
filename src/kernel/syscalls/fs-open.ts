// open(2)'s path half (fs/namei.c path_openat, do_open, may_open): lookup or
// creation of the final name, the permission and type checks, then opening
// the object — a regular file or directory through its inode, a FIFO through
// its pipe, a device through the character-device registry.
import type { Dentry } from "../../fs/dentry.js";
import { openCharDevice } from "../../fs/devices/char-devices.js";
import { notifyCreate, notifyModify, notifyOpen } from "../../fs/inotify/fsnotify.js";
import type { Inode } from "../../fs/inode.js";
import {
  O_ACCMODE, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_LARGEFILE, O_NOCTTY, O_NOFOLLOW, O_NONBLOCK, O_PATH, O_RDONLY, O_RDWR, O_TMPFILE, O_TRUNC,
  O_WRONLY, OpenFile,
} from "../../fs/open-file.js";
import { crossMounts, MAXSYMLINKS, walk, walkParent, type ParentAndName, type WalkOptions } from "../../fs/path-walk.js";
import { MAY_READ, MAY_WRITE, newOwner, permission } from "../../fs/permission.js";
import { devMajor, devMinor, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFMT, S_IFREG, S_IFSOCK } from "../../fs/types.js";
import { MS_NODEV } from "../../fs/mount.js";
import {
  EACCES, EBADF, EEXIST, EINVAL, EISDIR, ELOOP, ENOENT, ENOTDIR, ENXIO, EOPNOTSUPP, EROFS,
} from "../errno.js";
import type { Kernel } from "../kernel.js";
import type { Task } from "../task.js";
import { childEntry, isSpecialName, mayCreate, parentOfPath, readOnlyMount } from "./fs-common.js";
import { lookupAt, startDir, walkOptions } from "./path-args.js";
import { pipeKernel } from "./pipe.js";

/** An O_PATH descriptor: names a file for *at(), fstat and fchdir, but cannot be read or written. */
export class PathFile extends OpenFile {
  override read(): number {
    return -EBADF;
  }
  override write(): number {
    return -EBADF;
  }
  override lseek(): number {
    return -EBADF;
  }
  override entries(): number {
    return -EBADF;
  }
}

let tmpfileSeq = 0;

/** openat2's RESOLVE_* restrictions, as walk options and the root they apply to. */
export interface ResolveScope {
  /** RESOLVE_IN_ROOT / RESOLVE_BENEATH: the dirfd's directory acts as the root. */
  rootIsStart: boolean;
  opts: Pick<WalkOptions, "noSymlinks" | "noXdev" | "beneath" | "noMagicLinks" | "scoped">;
}

let scope: ResolveScope | null = null;

function lookup(t: Task, dirfd: number, path: string, follow: boolean): Dentry | number {
  if (!scope) return lookupAt(t, dirfd, path, follow);
  // Under RESOLVE_IN_ROOT/BENEATH even an absolute path is taken from dirfd's directory.
  const start = startDir(t, dirfd, scope.rootIsStart ? "." : path);
  if (typeof start === "number") return start;
  const roots = scope.rootIsStart ? { root: start, cwd: start } : t.fs;
  return walk(roots, start, path, { ...walkOptions(t, follow), ...scope.opts });
}

function parentOf(t: Task, dirfd: number, path: string): ParentAndName | number {
  if (!scope) return parentOfPath(t, dirfd, path);
  // Under RESOLVE_IN_ROOT/BENEATH even an absolute path is taken from dirfd's directory.
  const start = startDir(t, dirfd, scope.rootIsStart ? "." : path);
  if (typeof start === "number") return start;
  const roots = scope.rootIsStart ? { root: start, cwd: start } : t.fs;
  return walkParent(roots, start, path, { ...walkOptions(t, true), ...scope.opts });
}

/** open with openat2's path restrictions in force (the walk helpers above consult them). */
export function openScoped(k: Kernel, t: Task, dirfd: number, path: string, flags: number, mode: number, s: ResolveScope): OpenFile | number {
  scope = s;
  try {
    return openPath(k, t, dirfd, path, flags, mode);
  } finally {
    scope = null;
  }
}

/** Opens `path`; the file's status flags end up as F_GETFL reports them. */
export function openPath(k: Kernel, t: Task, dirfd: number, path: string, flags: number, mode: number): OpenFile | number {
  const f = openFlagsIn(k, t, dirfd, path, flags, mode);
  // Open-time-only flags are not kept (do_dentry_open), O_CLOEXEC lives in the fd
  // table, and 64-bit kernels force O_LARGEFILE.
  if (typeof f !== "number") f.flags = (f.flags | O_LARGEFILE) & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
  return f;
}

// build_open_flags: O_PATH keeps only these; the rest are ignored.
const O_PATH_FLAGS = O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC;

function openFlagsIn(k: Kernel, t: Task, dirfd: number, path: string, flags: number, mode: number): OpenFile | number {
  // Linux 6.4+ refuses the meaningless O_CREAT|O_DIRECTORY.
  if ((flags & (O_CREAT | O_DIRECTORY)) === (O_CREAT | O_DIRECTORY)) return -EINVAL;
  if ((flags & O_TMPFILE) === O_TMPFILE) return openTmpfile(t, dirfd, path, flags, mode);
  if ((flags & O_PATH) !== 0) flags &= O_PATH_FLAGS;
  let found: Dentry | Created | number;
  if ((flags & O_CREAT) !== 0) found = lookupOrCreate(t, dirfd, path, flags, mode, 0);
  else found = lookup(t, dirfd, path, (flags & O_NOFOLLOW) === 0);
  if (typeof found === "number") return found;
  // A file this open made is opened without permission checks or truncation.
  if (found instanceof Created) return finishOpen(k, t, found.dentry, flags & ~O_TRUNC);
  return openDentry(k, t, found, flags);
}

class Created {
  constructor(readonly dentry: Dentry) {}
}

/**
 * O_CREAT: the final name is created if missing. A final symlink is followed
 * (creating its target) unless O_EXCL or O_NOFOLLOW, where it counts as existing.
 */
function lookupOrCreate(t: Task, dirfd: number, path: string, flags: number, mode: number, depth: number): Dentry | Created | number {
  const p = parentOf(t, dirfd, path);
  if (typeof p === "number") return p;
  if (isSpecialName(p.name) || p.trailingSlash) return -EISDIR;
  const existing = childEntry(p.dir, p.name);
  if (typeof existing !== "number") {
    if ((flags & O_EXCL) !== 0) return -EEXIST;
    if (!existing.inode.isSymlink() || (flags & O_NOFOLLOW) !== 0) return crossMounts(existing);
    if (depth >= MAXSYMLINKS) return -ELOOP;
    // A magic link (/dev/stdout -> /proc/self/fd/1) is the object itself, never a name to create.
    const jumped = existing.inode.jump();
    if (jumped !== null) return jumped;
    const target = existing.inode.readlink();
    if (typeof target === "number") return target;
    // Resolve (or create) the link's target relative to the link's directory.
    const at = target.startsWith("/") ? t.fs.root : p.dir;
    return withStart(t, at, (fd) => lookupOrCreate(t, fd, target, flags, mode, depth + 1));
  }
  if (existing !== -ENOENT) return existing;
  const ok = mayCreate(t, p.dir);
  if (ok < 0) return ok;
  const inode = p.dir.inode.create(p.name, S_IFREG | (mode & ~t.fs.umask & 0o7777), 0, newOwner(p.dir.inode, t.creds));
  if (typeof inode === "number") return inode;
  notifyCreate(p.dir.inode, p.name, inode);
  return new Created(p.dir.child(p.name, inode));
}

/** Runs a lookup starting at a dentry: a temporary cwd stands in for a dirfd. */
function withStart<T>(t: Task, start: Dentry, fn: (dirfd: number) => T): T {
  const saved = t.fs.cwd;
  t.fs.cwd = start;
  try {
    return fn(-100);
  } finally {
    t.fs.cwd = saved;
  }
}

/** may_open: type, permission and read-only checks for an existing object. */
function mayOpen(t: Task, d: Dentry, flags: number): number {
  const inode = d.inode;
  if ((flags & O_PATH) !== 0) {
    return (flags & O_DIRECTORY) !== 0 && !inode.isDirectory() ? -ENOTDIR : 0;
  }
  // A final symlink not followed (O_NOFOLLOW): O_DIRECTORY's check comes first.
  if (inode.isSymlink()) return (flags & O_DIRECTORY) !== 0 ? -ENOTDIR : -ELOOP;
  if ((flags & O_DIRECTORY) !== 0 && !inode.isDirectory()) return -ENOTDIR;
  const acc = flags & O_ACCMODE;
  const writing = acc === O_WRONLY || acc === O_RDWR || (flags & O_TRUNC) !== 0;
  if (inode.isDirectory() && (acc === O_WRONLY || acc === O_RDWR || (flags & O_CREAT) !== 0)) return -EISDIR;
  const fmt = inode.mode & S_IFMT;
  if ((fmt === S_IFCHR || fmt === S_IFBLK) && d.mount && (d.mount.flags & MS_NODEV) !== 0) return -EACCES;
  let mask = 0;
  if (acc === O_RDONLY || acc === O_RDWR) mask |= MAY_READ;
  if (writing) mask |= MAY_WRITE;
  const denied = permission(inode, mask, t.creds);
  if (denied < 0) return denied;
  if (writing && (fmt === S_IFREG || fmt === S_IFDIR) && readOnlyMount(d)) return -EROFS;
  return 0;
}

function openDentry(k: Kernel, t: Task, d: Dentry, flags: number): OpenFile | number {
  const r = mayOpen(t, d, flags);
  if (r < 0) return r;
  return finishOpen(k, t, d, flags);
}

function finishOpen(k: Kernel, t: Task, d: Dentry, flags: number): OpenFile | number {
  const file = (flags & O_PATH) !== 0 ? new PathFile(d.inode, flags) : openObject(k, t, d.inode, flags, d);
  if (typeof file === "number") return file;
  const truncating = (flags & O_TRUNC) !== 0 && (flags & O_PATH) === 0 && d.inode.isRegular();
  if (truncating && d.inode.stat().size !== 0) {
    const tr = d.inode.setattr({ size: 0 });
    if (tr < 0) return tr;
  }
  file.dentry = d;
  if ((flags & O_PATH) === 0) {
    notifyOpen(d, d.inode);
    if (truncating) notifyModify(d, d.inode);
  }
  return file;
}

/** Opens by type: pipes and devices are not their filesystem's to open. */
export function openObject(k: Kernel, t: Task, inode: Inode, flags: number, d: Dentry | null = null): OpenFile | number {
  // The type alone decides; only a device needs the whole stat (for its number).
  switch (inode.mode & S_IFMT) {
    case S_IFCHR: {
      const rdev = inode.stat().rdev;
      return openCharDevice(devMajor(rdev), devMinor(rdev), inode, flags, t, d);
    }
    case S_IFBLK:
    case S_IFSOCK:
      return -ENXIO;
    case S_IFIFO: {
      const pipe = inode.pipe();
      // A pipe-like file without a pipe (the host's stdio reached through /proc/PID/fd) opens itself.
      if (!pipe) return inode.open(flags);
      // A non-blocking writer with no reader fails; a blocking open does not wait here
      // (the writer sees EPIPE/SIGPIPE until a reader comes).
      if ((flags & O_ACCMODE) === O_WRONLY && (flags & O_NONBLOCK) !== 0 && pipe.readers === 0) return -ENXIO;
      const f = pipe.open(flags, pipeKernel(k));
      return f;
    }
    default:
      return inode.open(flags);
  }
}

/** O_TMPFILE: an unnamed regular file in the directory, which linkat(AT_EMPTY_PATH) may name later. */
function openTmpfile(t: Task, dirfd: number, path: string, flags: number, mode: number): OpenFile | number {
  const acc = flags & O_ACCMODE;
  if (acc !== O_WRONLY && acc !== O_RDWR) return -EINVAL;
  const dir = lookup(t, dirfd, path, true);
  if (typeof dir === "number") return dir;
  if (!dir.inode.isDirectory()) return -ENOTDIR;
  const ok = mayCreate(t, dir);
  if (ok < 0) return ok;
  const name = `.#tmpfile.${++tmpfileSeq}`;
  const inode = dir.inode.create(name, S_IFREG | (mode & ~t.fs.umask & 0o7777), 0, newOwner(dir.inode, t.creds));
  if (typeof inode === "number") return inode === -EROFS ? -EROFS : -EOPNOTSUPP;
  dir.inode.unlink(name);
  // O_EXCL: the file may never be linked in (d_tmpfile leaves I_LINKABLE unset).
  inode.linkable = (flags & O_EXCL) === 0;
  const file = inode.open(flags & ~O_TMPFILE);
  if (typeof file === "number") return file;
  // The file has no name: it hangs off the directory for fstat and /proc/PID/fd.
  file.dentry = dir.child(name, inode);
  file.dentry.unlinked = true;
  dir.forget(name);
  return file;
}
