// Files by name: openat, close, the stat family, getdents64, readlinkat,
// faccessat, getcwd, chdir/fchdir and umask.
import { notifyAccess } from "../../fs/inotify/fsnotify.js";
import {
  O_APPEND, O_CLOEXEC, O_CREAT, O_DIRECT, O_DIRECTORY, O_DSYNC, O_EXCL, O_LARGEFILE, O_NOATIME, O_NOCTTY, O_NOFOLLOW,
  O_NONBLOCK, O_PATH, O_TMPFILE, O_TRUNC, type OpenFile,
} from "../../fs/open-file.js";
import type { Dentry } from "../../fs/dentry.js";
import { PATH_MAX } from "../../fs/path-walk.js";
import { MAY_EXEC, MAY_READ, MAY_WRITE, permission } from "../../fs/permission.js";
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, type Stat } from "../../fs/types.js";
import {
  E2BIG, EAGAIN, EBADF, EFAULT, EINVAL, ENAMETOOLONG, ENOENT, ENOTDIR, ERANGE, EROFS,
} from "../errno.js";
import type { Kernel } from "../kernel.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../rlimits.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import {
  AT_EACCESS, AT_EMPTY_PATH, AT_FDCWD, AT_NO_AUTOMOUNT, AT_STATX_SYNC_TYPE, AT_SYMLINK_NOFOLLOW, lookupAt, readPath,
  resolveAt,
} from "./path-args.js";
import { readOnlyMount } from "./fs-common.js";
import { FifoOpenWait, fifoOpened } from "./fs-fifo.js";
import { openPath, openScoped } from "./fs-open.js";
import { encodeStat, encodeStatx } from "./stat-layout.js";
import { int32, uint32, unsigned, type SyscallDef, type SyscallResult } from "./syscall.js";

const F_OK = 0;
const X_OK = 1;
const W_OK = 2;
const R_OK = 4;
const STATX_RESERVED = 0x80000000;
const ROOT_MOUNT_ID = 1;

function openAt(k: Kernel, t: Task, dirfd: number, pathAddr: number, flags: number, mode: number): SyscallResult {
  let file: OpenFile;
  const waiting = t.syscallState;
  if (waiting instanceof FifoOpenWait) {
    // Re-run of a FIFO open that was waiting for the other side.
    if (!waiting.satisfied) return waiting.block(t);
    t.syscallState = null;
    file = waiting.file;
  } else {
    const path = readPath(t, pathAddr);
    if (typeof path === "number") return path;
    const opened = openPath(k, t, dirfd, path, flags, mode);
    if (typeof opened === "number") return opened;
    const wait = fifoOpened(opened, flags);
    if (wait) {
      t.syscallState = wait;
      return wait.block(t);
    }
    file = opened;
  }
  return installOpened(t, file, flags);
}

function installOpened(t: Task, file: OpenFile, flags: number): number {
  const fd = t.files.install(file, (flags & O_CLOEXEC) !== 0, rlimitNumber(t.rlimits[RLIMIT_NOFILE].cur));
  if (fd < 0) file.release();
  return fd;
}

// openat2: struct open_how { u64 flags; u64 mode; u64 resolve; }, strictly checked.
const OPEN_HOW_SIZE_VER0 = 24;
const RESOLVE_NO_XDEV = 0x01;
const RESOLVE_NO_MAGICLINKS = 0x02;
const RESOLVE_NO_SYMLINKS = 0x04;
const RESOLVE_BENEATH = 0x08;
const RESOLVE_IN_ROOT = 0x10;
const RESOLVE_CACHED = 0x20;
const RESOLVE_ALL = 0x3f;
/** VALID_OPEN_FLAGS of include/linux/fcntl.h. */
const VALID_OPEN_FLAGS = 0o3 | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | 0o20000
  | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_PATH | O_TMPFILE;

function openat2(k: Kernel, t: Task, dirfd: number, pathAddr: number, howAddr: number, size: number): number {
  if (size < OPEN_HOW_SIZE_VER0) return -EINVAL;
  if (size > 4096) return -E2BIG;
  const raw = t.mm.read(howAddr, size);
  if (typeof raw === "number") return -EFAULT;
  // A larger struct from a newer libc is fine as long as the fields we do not know are zero.
  if (raw.subarray(OPEN_HOW_SIZE_VER0).some((b) => b !== 0)) return -E2BIG;
  const v = new DataView(raw.buffer, raw.byteOffset, OPEN_HOW_SIZE_VER0);
  const flags = v.getBigUint64(0, true);
  const mode = v.getBigUint64(8, true);
  const resolve = v.getBigUint64(16, true);
  if ((flags & ~BigInt(VALID_OPEN_FLAGS)) !== 0n || (resolve & ~BigInt(RESOLVE_ALL)) !== 0n) return -EINVAL;
  const f = Number(flags);
  const r = Number(resolve);
  const creating = (f & O_CREAT) !== 0 || (f & O_TMPFILE) === O_TMPFILE;
  if ((mode & ~0o7777n) !== 0n || (!creating && mode !== 0n)) return -EINVAL;
  if ((r & RESOLVE_BENEATH) && (r & RESOLVE_IN_ROOT)) return -EINVAL;
  // Nothing is cached in a way that lets a lookup promise not to block; Linux says EAGAIN then.
  if (r & RESOLVE_CACHED) return -EAGAIN;
  const path = readPath(t, pathAddr);
  if (typeof path === "number") return path;
  const file = openScoped(k, t, dirfd, path, f, Number(mode), {
    rootIsStart: (r & (RESOLVE_BENEATH | RESOLVE_IN_ROOT)) !== 0,
    opts: {
      noSymlinks: (r & RESOLVE_NO_SYMLINKS) !== 0, noXdev: (r & RESOLVE_NO_XDEV) !== 0, beneath: (r & RESOLVE_BENEATH) !== 0,
      noMagicLinks: (r & RESOLVE_NO_MAGICLINKS) !== 0, scoped: (r & (RESOLVE_BENEATH | RESOLVE_IN_ROOT)) !== 0,
    },
  });
  if (typeof file === "number") return file;
  // openat2 on a FIFO does not wait for the other side (not yet wired to the blocking path).
  fifoOpened(file, f | O_NONBLOCK);
  return installOpened(t, file, f);
}

function statOf(t: Task, dirfd: number, pathAddr: number, flags: number): Stat | number {
  const target = resolveAt(t, dirfd, pathAddr, flags);
  if (typeof target === "number") return target;
  return target.file ? target.file.stat() : target.dentry.inode.stat();
}

/** stx_mnt_id: the mount the file was reached through. */
function mountIdOf(t: Task, dirfd: number, pathAddr: number, flags: number): number {
  const target = resolveAt(t, dirfd, pathAddr, flags);
  if (typeof target === "number") return ROOT_MOUNT_ID;
  const d = target.file ? target.file.dentry : target.dentry;
  return d?.mount?.id ?? ROOT_MOUNT_ID;
}

function newfstatat(_k: Kernel, t: Task, dirfd: number, pathAddr: number, buf: number, flags: number): number {
  if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT)) !== 0) return -EINVAL;
  const st = statOf(t, dirfd, pathAddr, flags);
  if (typeof st === "number") return st;
  return t.mm.write(buf, encodeStat(st)) < 0 ? -EFAULT : 0;
}

function fstat(_k: Kernel, t: Task, fd: number, buf: number): number {
  const f = t.files.get(fd);
  if (!f) return -EBADF;
  const st = f.stat();
  if (typeof st === "number") return st;
  return t.mm.write(buf, encodeStat(st)) < 0 ? -EFAULT : 0;
}

function statx(_k: Kernel, t: Task, dirfd: number, pathAddr: number, flags: number, mask: number, buf: number): number {
  if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE)) !== 0) return -EINVAL;
  if ((flags & AT_STATX_SYNC_TYPE) === AT_STATX_SYNC_TYPE) return -EINVAL;
  if ((mask & STATX_RESERVED) !== 0) return -EINVAL;
  const st = statOf(t, dirfd, pathAddr, flags);
  if (typeof st === "number") return st;
  return t.mm.write(buf, encodeStatx(st, mountIdOf(t, dirfd, pathAddr, flags))) < 0 ? -EFAULT : 0;
}

/** Packs linux_dirent64 records (d_reclen = ALIGN(19 + namelen + 1, 8)) from the file's position. */
/** Kernel buffer for getdents64 records, grown on demand and reused (copied out at once). */
let direntBuf = new Uint8Array(1 << 15);
const utf8 = new TextEncoder();

function getdents64(_k: Kernel, t: Task, fd: number, dirp: number, count: number): number {
  const f = t.files.get(fd);
  if (!f) return -EBADF;
  const list = f.entries();
  if (typeof list === "number") return list;
  const size = Math.min(count, 1 << 20);
  if (direntBuf.length < size) direntBuf = new Uint8Array(size);
  const out = direntBuf.subarray(0, size);
  let used = 0;
  let i = f.offset;
  for (; i < list.length; i++) {
    const e = list[i];
    const len = direntName(e.name, out, used + 19);
    const reclen = len < 0 ? -1 : (19 + len + 1 + 7) & ~7;
    if (reclen < 0 || used + reclen > out.length) {
      if (used === 0) return -EINVAL;
      break;
    }
    // struct linux_dirent64: d_ino, d_off (the next entry's position), d_reclen, d_type, name, NUL padding.
    set64(out, used, e.ino);
    set64(out, used + 8, i + 1);
    out[used + 16] = reclen & 0xff;
    out[used + 17] = reclen >> 8;
    out[used + 18] = e.type;
    out.fill(0, used + 19 + len, used + reclen);
    used += reclen;
  }
  if (used > 0 && t.mm.write(dirp, out.subarray(0, used)) < 0) return -EFAULT;
  f.offset = i;
  if (f.inode) notifyAccess(f.dentry, f.inode);
  return used;
}

function emptyPathDentry(t: Task, dirfd: number): Dentry | number {
  if (dirfd === AT_FDCWD) return t.fs.cwd;
  const f = t.files.get(dirfd);
  if (!f) return -EBADF;
  return f.dentry ?? -ENOENT;
}

/** Writes `name` as UTF-8 at out[at...]; its byte length, or -1 when it (and its NUL) would not fit. */
function direntName(name: string, out: Uint8Array, at: number): number {
  const room = out.length - at - 1;
  if (room < name.length) return -1;
  for (let j = 0; j < name.length; j++) {
    const c = name.charCodeAt(j);
    if (c >= 0x80) {
      const r = utf8.encodeInto(name, out.subarray(at, out.length - 1));
      return r.read === name.length ? r.written : -1;
    }
    out[at + j] = c;
  }
  return name.length;
}

/** A little-endian 64-bit field from a non-negative safe integer. */
function set64(out: Uint8Array, at: number, n: number): void {
  let lo = n % 2 ** 32;
  let hi = Math.floor(n / 2 ** 32);
  for (let b = 0; b < 4; b++, lo >>>= 8, hi >>>= 8) {
    out[at + b] = lo & 0xff;
    out[at + 4 + b] = hi & 0xff;
  }
}

function readlinkat(_k: Kernel, t: Task, dirfd: number, pathAddr: number, buf: number, size: number): number {
  if (size <= 0) return -EINVAL;
  const path = readPath(t, pathAddr);
  if (typeof path === "number") return path;
  // An empty path names dirfd itself (an O_PATH|O_NOFOLLOW descriptor of a symlink).
  const d = path.length === 0 ? emptyPathDentry(t, dirfd) : lookupAt(t, dirfd, path, false);
  if (typeof d === "number") return d;
  if (!d.inode.isSymlink()) return path.length === 0 ? -ENOENT : -EINVAL;
  const target = d.inode.readlink();
  if (typeof target === "number") return target;
  const bytes = new TextEncoder().encode(target).subarray(0, size);
  return t.mm.write(buf, bytes) < 0 ? -EFAULT : bytes.length;
}

/** faccessat: checks with the real ids (the effective ones with AT_EACCESS), as a set-id program would need. */
function access(t: Task, dirfd: number, pathAddr: number, mode: number, flags: number): number {
  if ((mode & ~(R_OK | W_OK | X_OK)) !== 0) return -EINVAL;
  if ((flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) !== 0) return -EINVAL;
  const target = resolveAt(t, dirfd, pathAddr, flags);
  if (typeof target === "number") return target;
  if (mode === F_OK) return 0;
  const inode = target.file ? target.file.inode : target.dentry.inode;
  if (!inode) return 0;
  const c = t.creds;
  const who = (flags & AT_EACCESS) !== 0 ? { fsuid: c.euid, fsgid: c.egid, groups: c.groups } : { fsuid: c.uid, fsgid: c.gid, groups: c.groups };
  let mask = 0;
  if (mode & R_OK) mask |= MAY_READ;
  if (mode & W_OK) mask |= MAY_WRITE;
  if (mode & X_OK) mask |= MAY_EXEC;
  const denied = permission(inode, mask, who);
  if (denied < 0) return denied;
  const d = target.file ? target.file.dentry : target.dentry;
  const fmt = inode.mode & S_IFMT;
  if ((mode & W_OK) !== 0 && d && readOnlyMount(d) && (fmt === S_IFREG || fmt === S_IFDIR || fmt === S_IFLNK)) return -EROFS;
  return 0;
}

function getcwd(_k: Kernel, t: Task, buf: number, size: number): number {
  // A cwd outside the root (chroot without chdir) is named from the real root, marked as such.
  const prefix = t.fs.cwd.isBelow(t.fs.root) ? "" : "(unreachable)";
  const path = new TextEncoder().encode(prefix + t.fs.cwd.pathFrom(t.fs.root) + "\0");
  // Linux builds the name in one page: a longer one is ENAMETOOLONG whatever the buffer.
  if (path.length > PATH_MAX) return -ENAMETOOLONG;
  if (path.length > unsigned(size)) return -ERANGE;
  return t.mm.write(buf, path) < 0 ? -EFAULT : path.length;
}

function chdir(_k: Kernel, t: Task, pathAddr: number): number {
  const path = readPath(t, pathAddr);
  if (typeof path === "number") return path;
  const d = lookupAt(t, -100, path, true);
  if (typeof d === "number") return d;
  if (!d.inode.isDirectory()) return -ENOTDIR;
  const denied = permission(d.inode, MAY_EXEC, t.creds);
  if (denied < 0) return denied;
  t.fs.cwd = d;
  return 0;
}

function fchdir(_k: Kernel, t: Task, fd: number): number {
  const f = t.files.get(fd);
  if (!f) return -EBADF;
  if (!f.dentry || !f.dentry.inode.isDirectory()) return -ENOTDIR;
  t.fs.cwd = f.dentry;
  return 0;
}

export const fileSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_openat, args: "fsxo", fn: (k, t, a) => openAt(k, t, int32(a[0]), a[1], int32(a[2]), uint32(a[3])) },
  { nr: SYS.SYS_openat2, args: "fsxu", fn: (k, t, a) => openat2(k, t, int32(a[0]), a[1], a[2], a[3]) },
  { nr: SYS.SYS_close, args: "d", fn: (_k, t, a) => t.files.close(int32(a[0])) },
  { nr: SYS.SYS_newfstatat, args: "fsxx", fn: (k, t, a) => newfstatat(k, t, int32(a[0]), a[1], a[2], int32(a[3])) },
  { nr: SYS.SYS_fstat, args: "dx", fn: (k, t, a) => fstat(k, t, int32(a[0]), a[1]) },
  { nr: SYS.SYS_statx, args: "fsxxx", fn: (k, t, a) => statx(k, t, int32(a[0]), a[1], int32(a[2]), uint32(a[3]), a[4]) },
  { nr: SYS.SYS_getdents64, args: "dxu", fn: (k, t, a) => getdents64(k, t, int32(a[0]), a[1], uint32(a[2])) },
  { nr: SYS.SYS_readlinkat, args: "fsxd", fn: (k, t, a) => readlinkat(k, t, int32(a[0]), a[1], a[2], int32(a[3])) },
  { nr: SYS.SYS_faccessat, args: "fso", fn: (_k, t, a) => access(t, int32(a[0]), a[1], int32(a[2]), 0) },
  { nr: SYS.SYS_faccessat2, args: "fsox", fn: (_k, t, a) => access(t, int32(a[0]), a[1], int32(a[2]), int32(a[3])) },
  { nr: SYS.SYS_getcwd, args: "xu", fn: (k, t, a) => getcwd(k, t, a[0], a[1]) },
  { nr: SYS.SYS_chdir, args: "s", fn: (k, t, a) => chdir(k, t, a[0]) },
  { nr: SYS.SYS_fchdir, args: "d", fn: (k, t, a) => fchdir(k, t, int32(a[0])) },
  {
    nr: SYS.SYS_umask, args: "o", fn: (_k, t, a) => {
      const old = t.fs.umask;
      t.fs.umask = a[0] & 0o777;
      return old;
    },
  },
];

